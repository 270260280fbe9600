"""``claimdiff corpus ...``: create, import, list, label, timeline and export a corpus file.

Progress goes to stderr only when it is a terminal; the last line of an import is always a
summary (imported / skipped / duplicates / errors, seconds) so scripts can log it.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimdiff.base.errors import InputError
from claimdiff.base.model import FREQS
from claimdiff.corpus.tabular import FORMATS, parse_mapping
from claimdiff.corpus.timeline import MEASURES

if TYPE_CHECKING:  # imported when a corpus command runs: `claimdiff --version` stays fast
    from claimdiff.corpus.corpus import Corpus
    from claimdiff.corpus.importer import Progress


def add_parser(sub: Any) -> None:
    corpus = sub.add_parser(
        "corpus", help="a persistent corpus file (.claimdiff) of dated articles"
    )
    actions = corpus.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser("create", help="create an empty corpus file")
    create.add_argument("file", metavar="FILE.claimdiff")
    imp = actions.add_parser("import", help="import files, folders, URLs or tables")
    imp.add_argument("file", metavar="FILE.claimdiff")
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.add_argument(
        "--map",
        metavar="FIELD=COLUMN,...",
        help="columns of a table: date, title, text, source, url, id (default: by name; "
        "FIELD= with no column: the table has none)",
    )
    imp.add_argument("--format", choices=FORMATS, help="table format (default: from the name)")
    _engine_options(imp)
    imp.add_argument("--batch", type=int, default=200, help="articles per transaction")
    listing = actions.add_parser("list", help="list the articles")
    listing.add_argument("file", metavar="FILE.claimdiff")
    listing.add_argument("--codebook", metavar="FILE")
    listing.add_argument(
        "--skipped", action="store_true", help="list the inputs imports could not read, and why"
    )
    label = actions.add_parser("label", help="label what a codebook has not labelled yet")
    label.add_argument("file", metavar="FILE.claimdiff")
    _engine_options(label)
    tl = actions.add_parser("timeline", help="positions per period, from stored labels")
    tl.add_argument("file", metavar="FILE.claimdiff")
    timeline_options(tl)
    tl.add_argument("--codebook", metavar="FILE")
    tl.add_argument("-o", "--output", metavar="FILE")
    tl.add_argument("--force", action="store_true")
    export = actions.add_parser("export", help="write claims with their labels as CSV or JSONL")
    export.add_argument("file", metavar="FILE.claimdiff")
    export.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    export.add_argument("--codebook", metavar="FILE")
    export.add_argument("-o", "--output", metavar="FILE", required=True)
    export.add_argument("--force", action="store_true")
    check = actions.add_parser("check", help="run SQLite's integrity check on the file")
    check.add_argument("file", metavar="FILE.claimdiff")


def timeline_options(parser: argparse.ArgumentParser, with_common: bool = True) -> None:
    if with_common:
        parser.add_argument("--freq", choices=FREQS, default="year")
        parser.add_argument("--by", choices=("speaker", "source"))
        parser.add_argument("--format", choices=("text", "csv", "json"), default="text")
    parser.add_argument("--measure", choices=MEASURES, default="count",
                        help="what the text table shows (csv and json have all three)")  # fmt: skip


def _engine_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--codebook", metavar="FILE", help="codebook YAML (default: shipped)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument(
        "--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786"
    )


@contextmanager
def opened(path: str, create: bool = False) -> Iterator[Corpus]:
    """The corpus, with any database error turned into the one-line message for the user."""
    from claimdiff.corpus.corpus import Corpus
    from claimdiff.corpus.store import guard

    corpus = Corpus.create(path) if create else Corpus.open(path)
    try:
        yield corpus
    except sqlite3.Error as exc:
        raise guard(path)(exc) from exc
    finally:
        corpus.close()


def run(args: argparse.Namespace) -> None:
    action = {"create": _create, "import": _import, "list": _list, "label": _label}
    action |= {"timeline": _timeline, "export": _export}
    action |= {"check": _check}
    action[args.action](args)


def _create(args: argparse.Namespace) -> None:
    with opened(args.file, create=True):
        pass
    print(f"created {args.file}", file=sys.stderr)


def _check(args: argparse.Namespace) -> None:
    """On demand; opening runs the check by itself only after an unclean shutdown."""
    with opened(args.file) as corpus:
        corpus.check()
    print(f"{args.file}: ok", file=sys.stderr)


def _codebook(args: argparse.Namespace) -> Any:
    from claimdiff.labels.codebook import load_codebook

    return load_codebook(args.codebook)


def _import(args: argparse.Namespace) -> None:
    mapping = parse_mapping(args.map)
    codebook = _codebook(args)
    tty = sys.stderr.isatty()
    last = [0.0]

    def show(p: Progress) -> None:
        now = time.monotonic()
        if tty and now - last[0] > 0.2:
            last[0] = now
            of = f"/{p.total}" if p.total else ""
            print(f"\r{p.done}{of} {p.summary.line()}"[:120].ljust(120), end="", file=sys.stderr)

    with opened(args.file) as corpus:
        summary = corpus.import_paths(
            args.paths, codebook, mapping=mapping, fmt=args.format, engine=args.engine,
            workers=args.workers, scheduler=args.scheduler, batch_size=args.batch, progress=show,
        )  # fmt: skip
        relabelled = corpus.label(codebook, engine=args.engine, workers=args.workers,
                                  scheduler=args.scheduler)  # fmt: skip
    if tty:
        print("\r".ljust(121), end="\r", file=sys.stderr)
    for location, problem in summary.problems:
        print(f"claimdiff: warning: {location}: {problem} (skipped)", file=sys.stderr)
    extra = f"; labelled {relabelled} earlier articles" if relabelled else ""
    if summary.errors:
        extra += f" (the unreadable are listed by: claimdiff corpus list {args.file} --skipped)"
    print(f"{args.file}: {summary.line()}{extra}", file=sys.stderr)


def _label(args: argparse.Namespace) -> None:
    codebook = _codebook(args)
    started = time.perf_counter()
    with opened(args.file) as corpus:
        done = corpus.label(codebook, engine=args.engine, workers=args.workers,
                            scheduler=args.scheduler)  # fmt: skip
    seconds = time.perf_counter() - started
    print(f"{args.file}: labelled {done} articles with {codebook.name} in {seconds:.1f} s",
          file=sys.stderr)  # fmt: skip


def _list(args: argparse.Namespace) -> None:
    if args.skipped:
        _list_skipped(args.file)
        return
    codebook = _codebook(args)
    with opened(args.file) as corpus:
        corpus.label(codebook)
        rows = corpus.articles(codebook)
    for a in rows:
        when, source = a.date or "----------", (a.source or "")[:24]
        counts = f"{a.claims:>4} claims {a.positions:>3} positions"
        sys.stdout.write(f"{when}  {source:<24}  {counts}  {a.title}\n")
    print(f"{len(rows)} articles", file=sys.stderr)


def _list_skipped(path: str) -> None:
    from claimdiff.corpus.importer import skipped_articles

    with opened(path) as corpus:
        rows = skipped_articles(corpus.conn)
    for location, problem, seen in rows:
        sys.stdout.write(f"{seen}  {location}: {problem}\n")
    print(f"{len(rows)} inputs skipped as unreadable", file=sys.stderr)


def corpus_timeline(args: argparse.Namespace, path: str) -> tuple[Any, Any, int]:
    """Label what is missing, then count: (frame, codebook, number of articles)."""
    codebook = _codebook(args)
    with opened(path) as corpus:
        corpus.label(codebook)
        frame = corpus.timeline(codebook, args.freq, args.by)
        articles = corpus.count("articles")
    return frame, codebook, articles


def measured(frame: Any, measure: str) -> Any:
    """The frame the text table shows: ``share`` holds the chosen measure."""
    shown = frame.drop(columns="article_share")
    if measure == "article_share":
        shown["share"] = frame["article_share"]
    return shown


def _timeline(args: argparse.Namespace) -> None:
    from claimdiff.base.atomic import write_atomic
    from claimdiff.output.render import render_timeline

    frame, codebook, articles = corpus_timeline(args, args.file)
    if args.format == "csv":
        text = frame.to_csv(index=False, lineterminator="\n")
    elif args.format == "json":
        doc = {
            "schema": {"name": "claimdiff.timeline.timeline", "version": 1},
            "freq": args.freq, "by": args.by, "articles": articles,
            "codebook": {"name": codebook.name, "sha256": codebook.sha256},
            "undated": int(frame.attrs.get("undated", 0)),
            "rows": json.loads(frame.to_json(orient="records")),
        }  # fmt: skip
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    else:
        text = render_timeline(measured(frame, args.measure), args.freq, articles)
    if args.output:
        write_atomic(args.output, text, overwrite=args.force)
    else:
        sys.stdout.write(text)


def _export(args: argparse.Namespace) -> None:
    from claimdiff.base.atomic import write_atomic

    codebook = _codebook(args)
    rows: list[dict[str, Any]] = []
    with opened(args.file) as corpus:
        corpus.label(codebook)
        for info in corpus.articles(codebook):
            labels = corpus.effective_labels(info.key, codebook)
            for claim in corpus.claims(info.key):
                if claim.id not in labels:
                    continue  # marked "not a claim"
                rows.append({
                    "article": info.key, "date": info.date, "source": info.source,
                    "title": info.title, "claim": claim.id, "speaker": claim.speaker,
                    "text": claim.text, "start": claim.start, "end": claim.end,
                    "labels": "; ".join(f"{lab.topic}/{lab.position} ({lab.origin})"
                                        for lab in labels[claim.id]),
                })  # fmt: skip
    if args.format == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    else:
        import pandas as pd

        columns = ["article", "date", "source", "title", "claim", "speaker", "text", "start",
                   "end", "labels"]  # fmt: skip
        text = pd.DataFrame(rows, columns=columns).to_csv(index=False, lineterminator="\n")
    write_atomic(args.output, text, overwrite=args.force)
    print(f"{args.output}: {len(rows)} claims", file=sys.stderr)


def is_corpus_file(path: str) -> bool:
    return Path(path).suffix == ".claimdiff"


__all__ = ["InputError", "add_parser", "corpus_timeline", "is_corpus_file", "run"]
