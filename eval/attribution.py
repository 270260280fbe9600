"""Measure speaker attribution on PolNeAR: is each attributed claim given the annotated source?

    python eval/attribution.py [DATA] --split train --fold 0   # develop on a train fold
    python eval/attribution.py [DATA] --split dev               # report (rarely: held out)

DATA is PolNeAR's ``polnear-train-dev.tar.gz`` (brat stand-off Source / Cue / Content spans
per article); it defaults to ``../shared/data/attribution/`` beside the repository, and is read
straight from the archive, never copied into the repository.

What is measured is what users get: each PolNeAR text goes through the real pipeline
(``claimdiff.ingest.load.load_article`` on the text as a file, then
``claimdiff.claims.claims.extract_claims``), and every claim is compared with the attributions
annotated over it.

Matching rule (documented in docs/attribution.md):

* Scored attributions are those whose Source is a named person, role or institution: its
  syntactic head (or a name in apposition or compound with it) is a proper noun, a PERSON /
  ORG / NORP / GPE entity, or a role or institution noun of resources/attribution/roles.txt.
  PolNeAR also annotates beliefs of "most voters", "those of us", "that": those are not scored.
* A claim *covers* an attribution when the content (maybe several fragments) makes up at least
  half of the claim's characters: the claim is mostly what the source said.
* The gold speaker of an attribution is its Source span read through the same spaCy parse the
  tool uses: the span's syntactic head and, when the head is a title or role ("director",
  "spokesman"), the name it stands in apposition with or that compounds with it. The tool's
  speaker matches when its last word (a surname, or the head noun of a role such as
  "senior NATO official") equals, after lower-casing and dropping a possessive "'s", one of
  those gold head words, or one of the words of a proper name the head belongs to.
* Pronoun sources (he, she, they, him, her, them) carry no name. PolNeAR does not resolve
  them, so their gold is the nearest preceding non-pronoun Source annotated in the article
  that agrees in kind (he/she: a source headed by a proper noun; they: any); this is a proxy
  and its class is reported on its own. First- and second-person sources (I, we, you) and
  "it" are not scored. A definite role ("the senator", "the Florida senator") is matched by
  its own words or, like a pronoun, by the nearest preceding proper-noun source: the tool
  is asked to link a role to the person the article named as its holder.
* Classes, one per (attribution, claim): *pronoun* (source is he/she/they), *run-on* (the
  claim holds neither the cue nor the source: the content runs on from another sentence),
  *direct quote* (the claim holds the cue and its content is quoted), *reported speech*
  (the rest).
* Per (attribution, claim): right speaker = true positive; a wrong speaker = a false positive
  and a false negative; no speaker = a false negative.
* Own voice: claims that overlap no annotated Source, Cue or Content; the share of them given
  a speaker is reported (target: at most 2 %).

Several annotators' files for one article: the first by file name is used.
"""

from __future__ import annotations

import argparse
import re
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "attribution" / "polnear-train-dev.tar.gz"
FOLDS = 5
PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them"})
UNSCORED = frozenset({"i", "we", "you", "it", "me", "us"})
QUOTE_CHARS = "\"“”«»‘’'`"
CLASSES = ("direct quote", "reported speech", "pronoun", "run-on")
_TOKEN = re.compile(r"[\w’'.\-]+")


@dataclass
class Relation:
    """One annotated attribution: source and cue spans (maybe none), content fragments."""

    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    content: list[tuple[int, int]]


@dataclass
class Tally:
    right: int = 0
    wrong: int = 0
    blank: int = 0
    examples: list[str] = field(default_factory=list)

    def scores(self) -> tuple[float, float, float]:
        predicted = self.right + self.wrong
        total = self.right + self.wrong + self.blank
        precision = self.right / predicted if predicted else 0.0
        recall = self.right / total if total else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def read_archive(path: Path, split: str) -> list[tuple[str, str, str]]:
    """(name, text, annotation) per article of ``split``, one annotator's file each."""
    texts: dict[str, str] = {}
    annotations: dict[str, str] = {}
    with tarfile.open(path) as archive:
        for member in archive.getmembers():
            parts = member.name.strip("./").split("/")
            if len(parts) != 3 or parts[0] != split or not member.isfile():
                continue
            handle = archive.extractfile(member)
            if handle is None:
                continue
            data = handle.read().decode("utf-8")
            if parts[1] == "text":
                texts[parts[2].removesuffix(".txt")] = data
            elif parts[1] == "attributions":
                annotations.setdefault(parts[2], data)
    articles = []
    for ann_name in sorted(annotations):
        base = ann_name.removesuffix(".ann").rsplit("_", 1)[0]
        if base in texts and not any(a[0] == base for a in articles):
            articles.append((base, texts[base], annotations[ann_name]))
    return articles


def parse_brat(annotation: str) -> list[Relation]:
    """The attribution relations of one brat .ann file."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in annotation.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            kind, _, offsets = fields[1].partition(" ")
            pieces = [tuple(int(x) for x in p.split()) for p in offsets.split(";")]
            spans[fields[0]] = (kind, [(p[0], p[1]) for p in pieces])
        elif line.startswith("E") and len(fields) >= 2:
            roles = dict(arg.split(":", 1) for arg in fields[1].split())
            events.append(roles)
    relations = []
    for roles in events:

        def first(role: str, roles: dict[str, str] = roles) -> tuple[int, int] | None:
            ref = roles.get(role)
            if ref is None or ref not in spans:
                return None
            pieces = spans[ref][1]
            return (pieces[0][0], pieces[-1][1])

        content_ref = roles.get("Content")
        if content_ref is None or content_ref not in spans:
            continue
        relations.append(Relation(first("Source"), first("Cue"), spans[content_ref][1]))
    return relations


def head_words(doc: object, text: str, span: tuple[int, int]) -> set[str]:
    """The words a speaker's name may end in for a Source span: head, its name, apposition."""
    words: set[str] = set()
    region = doc.char_span(span[0], span[1], alignment_mode="expand")  # type: ignore[attr-defined]
    if region is None or len(region) == 0:
        return {_norm(w) for w in _TOKEN.findall(text[span[0] : span[1]])[-1:]}
    root = region.root
    candidates = [root]
    for child in root.children:
        if child.dep_ in ("appos", "compound") and child.i >= region.start and child.i < region.end:
            candidates.append(child)
    for token in candidates:
        words.add(_norm(token.text))
        if token.ent_type_ and token.ent_iob_ != "O":
            entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
            if entity is not None:
                words.add(_norm(entity[-1].text))
    for entity in region.ents:
        if entity.label_ == "PERSON" and any(entity.start <= c.i < entity.end for c in candidates):
            words.add(_norm(entity[-1].text))
    return {w for w in words if w}


def _definite_role(text: str, span: tuple[int, int]) -> bool:
    """ "the senator", "the Florida senator": a definite description with no person's name."""
    words = text[span[0] : span[1]].split()
    return len(words) >= 2 and words[0].lower() == "the" and words[-1][:1].islower()


def _norm(word: str) -> str:
    word = word.lower().strip(".,;:\"“”‘’'`")
    for suffix in ("’s", "'s"):
        word = word.removesuffix(suffix)
    return word


def speaker_word(speaker: str) -> str:
    """The speaker's head word: its last, or for a role with a complement the role noun
    before "of"/"to"/"for" ("aides to Clinton" -> "aides", "envoy to Washington" -> "envoy")."""
    tokens = _TOKEN.findall(speaker)
    nouns = speaker_nouns()
    for before, word in pairwise(tokens):
        if word in ("of", "to", "for") and before.lower() in nouns:
            return _norm(before)
    return _norm(tokens[-1]) if tokens else ""


def matches(speaker: str, heads: set[str]) -> bool:
    """The speaker's last word, or the last part of a hyphenated one, is a gold head word."""
    word = speaker_word(speaker)
    return word in heads or word.rsplit("-", 1)[-1] in heads


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def covers(claim: tuple[int, int], content: list[tuple[int, int]]) -> bool:
    """The content is at least half of the claim: the claim is mostly what the source said."""
    shared = sum(overlap(claim, piece) for piece in content)
    return shared * 2 >= claim[1] - claim[0]


@lru_cache(maxsize=1)
def speaker_nouns() -> frozenset[str]:
    """Role and institution nouns (resources/attribution/roles.txt) that may head a source."""
    path = ROOT / "resources" / "attribution" / "roles.txt"
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith(("#", "[")):
            words.extend(line.split())
    return frozenset(words)


NAMED_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def named_source(doc: object, span: tuple[int, int], nouns: frozenset[str]) -> bool:
    """A source headed by a name, an entity, or a role or institution noun."""
    region = doc.char_span(span[0], span[1], alignment_mode="expand")  # type: ignore[attr-defined]
    if region is None or len(region) == 0:
        return False
    root = region.root
    heads = [root, *(c for c in root.children if c.dep_ in ("appos", "compound"))]
    return any(
        t.pos_ == "PROPN"
        or t.ent_type_ in NAMED_ENTITIES
        or t.lemma_.lower() in nouns
        or t.text.lower() in nouns
        for t in heads
    )


def is_pronoun(text: str, span: tuple[int, int]) -> str | None:
    word = text[span[0] : span[1]].strip().lower()
    if word in PRONOUNS:
        return word
    return "unscored" if word in UNSCORED else None


def quoted(text: str, content: list[tuple[int, int]]) -> bool:
    first = content[0]
    stretch = text[max(0, first[0] - 2) : first[0] + 2]
    return any(c in QUOTE_CHARS for c in stretch)


@dataclass
class Result:
    tallies: dict[str, Tally] = field(default_factory=lambda: {c: Tally() for c in CLASSES})
    own_voice: int = 0
    own_voice_given: int = 0
    own_examples: list[str] = field(default_factory=list)
    sentences: int = 0
    seconds: float = 0.0


def score_article(name: str, text: str, annotation: str, result: Result, workdir: Path) -> None:
    from claimdiff.claims.claims import extract_claims
    from claimdiff.ingest.load import load_article
    from claimdiff.language import nlp

    path = workdir / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    article = load_article(str(path))
    if article.text != text:
        raise SystemExit(f"{name}: the loader changed the text; offsets would not match")
    started = time.perf_counter()
    claims = extract_claims(article)
    result.seconds += time.perf_counter() - started
    result.sentences += len(claims)
    doc = nlp.parse(text)
    relations = parse_brat(annotation)
    _score_claims(name, text, doc, relations, claims=claims, result=result)


def _gold(text: str, doc: object, relations: list[Relation]) -> list[tuple[str, set[str]] | None]:
    """Per relation: (kind, gold head words), kind 'name' or a pronoun; None when unscored."""
    nouns = speaker_nouns()
    gold: list[tuple[str, set[str]] | None] = []
    named: list[tuple[int, set[str], bool]] = []  # (start, heads, proper-noun headed)
    for relation in sorted(relations, key=lambda r: r.source[0] if r.source else -1):
        if relation.source is None:
            continue
        if is_pronoun(text, relation.source) is None and named_source(doc, relation.source, nouns):
            heads = head_words(doc, text, relation.source)
            region = doc.char_span(*relation.source, alignment_mode="expand")  # type: ignore[attr-defined]
            proper = region is not None and len(region) > 0 and region.root.pos_ == "PROPN"
            named.append((relation.source[0], heads, proper))
    for relation in relations:
        if relation.source is None:
            gold.append(None)
            continue
        pronoun = is_pronoun(text, relation.source)
        if pronoun is None and not named_source(doc, relation.source, nouns):
            gold.append(None)
        elif pronoun is None:
            heads = head_words(doc, text, relation.source)
            if _definite_role(text, relation.source):
                before = [n for n in named if n[0] < relation.source[0] and n[2]]
                heads = heads | (before[-1][1] if before else set())
            gold.append(("name", heads))
        elif pronoun == "unscored":
            gold.append(None)
        else:
            person = pronoun not in ("they", "them")
            before = [n for n in named if n[0] < relation.source[0] and (n[2] or not person)]
            gold.append((pronoun, before[-1][1]) if before else None)
    return gold


def _score_claims(
    name: str, text: str, doc: object, relations: list[Relation], *, claims: tuple, result: Result
) -> None:
    gold = _gold(text, doc, relations)
    touched: set[int] = set()
    for relation, found in zip(relations, gold, strict=True):
        touched |= _touched(relation, claims)
        if found is None:
            continue
        for claim in claims:
            if covers((claim.start, claim.end), relation.content):
                _tally(name, text, relation, found, claim=claim, result=result)
    for index, claim in enumerate(claims):
        if index in touched:
            continue
        result.own_voice += 1
        if claim.speaker is not None:
            result.own_voice_given += 1
            result.own_examples.append(f"{name}: got={claim.speaker!r} :: {claim.text[:160]!r}")


def _touched(relation: Relation, claims: tuple) -> set[int]:
    """Claims overlapping any part of an attribution: not the outlet's own voice."""
    spans = list(relation.content)
    spans += [s for s in (relation.source, relation.cue) if s is not None]
    return {
        index
        for index, claim in enumerate(claims)
        if any(overlap((claim.start, claim.end), s) for s in spans)
    }


def _class(text: str, relation: Relation, kind: str, span: tuple[int, int]) -> str:
    holds_cue = relation.cue is not None and overlap(span, relation.cue) > 0
    holds_source = relation.source is not None and overlap(span, relation.source) > 0
    if kind != "name":
        return "pronoun"
    if not holds_cue and not holds_source:
        return "run-on"
    return "direct quote" if quoted(text, relation.content) else "reported speech"


def _tally(
    name: str,
    text: str,
    relation: Relation,
    found: tuple[str, set[str]],
    *,
    claim: object,
    result: Result,
) -> None:
    kind, heads = found
    speaker = claim.speaker  # type: ignore[attr-defined]
    tally = result.tallies[_class(text, relation, kind, (claim.start, claim.end))]  # type: ignore[attr-defined]
    if speaker is None:
        tally.blank += 1
        outcome = "blank"
    elif matches(speaker, heads):
        tally.right += 1
        return
    else:
        tally.wrong += 1
        outcome = "wrong"
    source = text[relation.source[0] : relation.source[1]] if relation.source else ""
    tally.examples.append(
        f"[{outcome}] {name}: gold={source!r} {sorted(heads)} got={speaker!r} :: "
        f"{claim.text[:160]!r}"  # type: ignore[attr-defined]
    )


def report(result: Result, articles: int) -> str:
    lines = [f"articles {articles}, claims {result.sentences}"]
    lines.append(f"{'class':<16}{'n':>6}{'P':>7}{'R':>7}{'F1':>7}   right/wrong/blank")
    total = Tally()
    for label in CLASSES:
        tally = result.tallies[label]
        total.right += tally.right
        total.wrong += tally.wrong
        total.blank += tally.blank
        lines.append(_row(label, tally))
    lines.append(_row("all", total))
    share = result.own_voice_given / result.own_voice if result.own_voice else 0.0
    lines.append(
        f"own voice: {result.own_voice_given} of {result.own_voice} claims given a speaker "
        f"({share:.1%})"
    )
    per_thousand = 1000 * result.seconds / result.sentences if result.sentences else 0.0
    lines.append(f"extract_claims: {result.seconds:.1f} s ({per_thousand:.2f} s per 1,000 claims)")
    return "\n".join(lines)


def _row(label: str, tally: Tally) -> str:
    p, r, f = tally.scores()
    n = tally.right + tally.wrong + tally.blank
    counts = f"{tally.right}/{tally.wrong}/{tally.blank}"
    return f"{label:<16}{n:>6}{p:>7.3f}{r:>7.3f}{f:>7.3f}   {counts}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("train", "dev"), default="train")
    parser.add_argument("--fold", type=int, default=None, help=f"train fold 0..{FOLDS - 1}")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N")
    parser.add_argument("--errors", type=int, default=0, help="print N errors per class")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"{args.data}: no PolNeAR archive there", file=sys.stderr)
        return 2
    articles = read_archive(args.data, args.split)
    if args.fold is not None:
        articles = articles[args.fold :: FOLDS]
    if args.limit:
        articles = articles[: args.limit]
    result = Result()
    with tempfile.TemporaryDirectory() as workdir:
        for name, text, annotation in articles:
            score_article(name, text, annotation, result, Path(workdir))
    print(report(result, len(articles)))
    if args.errors:
        for label in CLASSES:
            print(f"\n== {label}")
            print("\n".join(result.tallies[label].examples[: args.errors]))
        print("\n== own voice given a speaker")
        print("\n".join(result.own_examples[: args.errors]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
