"""``claimdiff codebook``: make a codebook from example sentences, grow it, find positions.

    claimdiff codebook new FILE --name N --topic T --example POS=SENTENCE ...
    claimdiff codebook add-position FILE TOPIC POS --example SENTENCE ... [--opposes P]
    claimdiff codebook add-example FILE TOPIC POS SENTENCE [--not]
    claimdiff codebook suggest PATH ... --about WORDS|SENTENCE [--top N]

The point is that an analyst never has to write YAML or a regular expression to code a new
subject: a few sentences per position are enough to label by meaning (docs/codebook.md
says how well that works), and cue phrases can be added later for precision.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from claimdiff.base.errors import InputError

if TYPE_CHECKING:  # a type only: `claimdiff --version` builds this parser without YAML
    from claimdiff.labels.codebook import Codebook


def add_parser(sub: Any) -> None:
    """Register ``codebook`` and its actions on the main parser's subparsers."""
    book = sub.add_parser("codebook", help="make or grow a codebook from example sentences")
    actions = book.add_subparsers(dest="action", required=True, metavar="ACTION")
    new = actions.add_parser("new", help="write a codebook with one topic")
    new.add_argument("file", metavar="FILE.yaml")
    new.add_argument("--name", required=True, help="the codebook's name, shown in reports")
    new.add_argument("--topic", required=True, metavar="ID", help="the topic's id")
    new.add_argument("--topic-label", default="", metavar="TEXT")
    new.add_argument(
        "--example",
        action="append",
        required=True,
        metavar="POSITION=SENTENCE",
        help="an exemplar sentence of a position (repeat; positions in order of first use)",
    )
    new.add_argument(
        "--no-opposes",
        action="store_true",
        help="positions do not oppose each other (default: each opposes all the others)",
    )
    new.add_argument("--force", action="store_true", help="replace an existing file")
    pos = actions.add_parser("add-position", help="add a position to a topic")
    pos.add_argument("file", metavar="FILE.yaml")
    pos.add_argument("topic", metavar="TOPIC")
    pos.add_argument("position", metavar="POSITION")
    pos.add_argument("--example", action="append", required=True, metavar="SENTENCE")
    pos.add_argument("--label", default="")
    pos.add_argument("--description", default="")
    pos.add_argument("--opposes", action="append", default=[], metavar="POSITION")
    ex = actions.add_parser("add-example", help="add an exemplar (or, with --not, the opposite)")
    ex.add_argument("file", metavar="FILE.yaml")
    ex.add_argument("topic", metavar="TOPIC")
    ex.add_argument("position", metavar="POSITION")
    ex.add_argument("sentence", metavar="SENTENCE")
    ex.add_argument(
        "--not", dest="negative", action="store_true", help="a sentence that is NOT an example"
    )
    sug = actions.add_parser("suggest", help="propose positions on a topic from articles")
    sug.add_argument("paths", nargs="+", metavar="PATH", help="files or folders of articles")
    sug.add_argument(
        "--about",
        action="append",
        required=True,
        metavar="TEXT",
        help="the topic: a few words or an example sentence (repeat for more)",
    )
    sug.add_argument("--groups", type=int, default=8, help="at most this many (default 8)")


def run(args: argparse.Namespace) -> None:
    if args.action == "suggest":
        _suggest(args)
        return
    actions = {"new": _new, "add-position": _add_position, "add-example": _add_example}
    book = actions[args.action](args)
    counts = ", ".join(f"{t.id}: {len(t.positions)} positions" for t in book.topics)
    print(f"wrote {args.file} ({counts})", file=sys.stderr)


def _new(args: argparse.Namespace) -> Codebook:
    from claimdiff.labels.codebook_edit import NewPosition, create_codebook, new_codebook_text

    examples: dict[str, list[str]] = {}
    for item in args.example:
        position, sep, sentence = item.partition("=")
        if not sep or not position.strip() or not sentence.strip():
            raise InputError("--example", f"{item!r} is not POSITION=SENTENCE")
        examples.setdefault(position.strip(), []).append(sentence.strip())
    ids = list(examples)
    positions = [
        NewPosition(pid, tuple(texts), opposes=() if args.no_opposes else _others(ids, pid))
        for pid, texts in examples.items()
    ]
    text = new_codebook_text(args.name, args.topic, positions, topic_label=args.topic_label)
    return create_codebook(args.file, text, overwrite=args.force)


def _others(ids: list[str], own: str) -> tuple[str, ...]:
    return tuple(i for i in ids if i != own)


def _add_position(args: argparse.Namespace) -> Codebook:
    from claimdiff.labels.codebook_edit import NewPosition, add_position

    position = NewPosition(
        args.position,
        tuple(args.example),
        label=args.label,
        description=args.description,
        opposes=tuple(args.opposes),
    )
    return add_position(args.file, args.topic, position)


def _add_example(args: argparse.Namespace) -> Codebook:
    from claimdiff.labels.exemplars import ExampleKey, add_exemplar

    key: ExampleKey = "counterexamples" if args.negative else "exemplars"
    return add_exemplar(args.file, args.topic, args.position, args.sentence, key)


def _suggest(args: argparse.Namespace) -> None:
    from claimdiff.labels.codebook import load_codebook
    from claimdiff.labels.suggest import Item, suggest_positions
    from claimdiff.session.pipeline import load_corpus
    from claimdiff.similarity.semantic import SemanticSimilarity

    semantic = SemanticSimilarity()
    if not semantic.available():
        raise InputError(
            "claimdiff codebook suggest", f"needs the sentence model ({semantic.failure})"
        )

    def skip(exc: InputError) -> None:
        print(f"claimdiff: warning: {exc.location}: {exc.problem} (skipped)", file=sys.stderr)

    corpus = load_corpus(args.paths, load_codebook(), on_error=skip)
    items = [Item(c.text, article.date) for article, claims in corpus for c in claims]
    found = suggest_positions(items, args.about, semantic.embed, groups=args.groups)
    if not found:
        print(f"no claims on the topic among {len(items)} claims", file=sys.stderr)
    for n, suggestion in enumerate(found, 1):
        print(f"{n}. {', '.join(suggestion.words) or '(no distinctive words)'}: "
              f"{suggestion.size} claims, {suggestion.span}")  # fmt: skip
        for text in suggestion.typical:
            print(f"   - {text}")
