"""Score sentence segmentation and claim detection on a hand-annotated development set.

    python eval/claims_dev.py DATA [--half A|B|all] [--show]

DATA is the shared data folder (reuters21578/, fnc1-train/, attribution/). The gold file
``eval/data/claims_dev.gold.txt`` was annotated by hand before the tool was run on these
texts; it names each text by source and id, and this script rebuilds the text from DATA
(the texts are not copied into the repository). A Reuters article is rebuilt as a wire .txt:
headline line, then the dateline and the hard-wrapped body.

Each text is written to a temporary .txt and read by ``claimdiff.ingest.load.load_article`` and
``claimdiff.claims.claims.extract_claims``, as the app reads a file a user opens.

Figures:
* sentence boundaries: the gold sentence ends (except each text's last, and the end of a
  dateline) against the ends of the tool's sentences (``segment.split_sentences``);
  precision, recall, F1.
* claims by sentence: a gold sentence marked C is found when a tool claim's middle falls in
  it; a tool claim is right when its middle falls in a C sentence.
* claims by clause: gold claims are the C sentences cut at their "||" marks; each tool claim
  is matched to the unclaimed gold clause it overlaps most (at least half of the shorter of
  the two), so a whole sentence given for two clauses finds one of them.

Half A may be looked at while tuning; half B is the held-out half that the docs report.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import itertools
import json
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from claimdiff.claims.claims import extract_claims
from claimdiff.claims.segment import split_sentences
from claimdiff.ingest.load import load_article

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "eval" / "data" / "claims_dev.gold.txt"


@dataclass
class Unit:
    kind: str  # C, N or D
    start: int
    end: int
    clauses: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Doc:
    name: str
    half: str
    source: str
    ident: str
    length: int | None
    lines: list[str] = field(default_factory=list)
    text: str = ""
    units: list[Unit] = field(default_factory=list)


def read_gold(path: Path) -> list[Doc]:
    docs: list[Doc] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("## "):
            parts = raw[3:].split()
            length = int(parts[4]) if len(parts) > 4 else None
            docs.append(Doc(parts[0], parts[1], parts[2], parts[3], length))
        elif raw[:2] in ("C ", "N ", "D "):
            docs[-1].lines.append(raw)
    return docs


def load_texts(docs: list[Doc], data: Path) -> None:
    wanted = {d.source for d in docs}
    reuters: dict[str, str] = {}
    if "reuters21578" in wanted:
        with gzip.open(data / "reuters21578" / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                a = json.loads(line)
                reuters[a["id"]] = a["title"] + "\n" + a["dateline"] + " " + a["text"]
    bodies: dict[str, str] = {}
    if "fnc1-train" in wanted:
        csv.field_size_limit(10**8)
        with gzip.open(data / "fnc1-train" / "bodies.csv.gz") as raw:
            rows = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
            bodies = {"body-" + r["Body ID"]: r["articleBody"] for r in rows}
    polnear: dict[str, str] = {}
    if "polnear-train" in wanted:
        names = {d.ident for d in docs if d.source == "polnear-train"}
        with tarfile.open(data / "attribution" / "polnear-train-dev.tar.gz") as tar:
            for member in tar.getmembers():
                base = member.name.rsplit("/", 1)[-1]
                if member.name.startswith("train/text/") and base in names:
                    handle = tar.extractfile(member)
                    assert handle is not None
                    polnear[base] = handle.read().decode("utf-8")
    for doc in docs:
        table = {"reuters21578": reuters, "fnc1-train": bodies, "polnear-train": polnear}
        text = table[doc.source][doc.ident]
        doc.text = text[: doc.length] if doc.length else text


def _normalised(text: str) -> tuple[str, list[int]]:
    """Text with white-space runs as one space, and each character's original offset."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        space = ch.isspace()
        if space and chars and chars[-1] == " ":
            continue
        chars.append(" " if space else ch)
        where.append(i)
    where.append(len(text))
    return "".join(chars), where


def locate(doc: Doc) -> None:
    """Turn the anchors of a document into offsets; an anchor not found is a gold error."""
    norm, where = _normalised(doc.text)
    position = 0
    starts: list[tuple[str, int, list[int]]] = []
    for line in doc.lines:
        kind, body = line[0], line[2:]
        pieces = [p.strip() for p in body.split("||")]
        found = norm.find(pieces[0], position)
        if found < 0:
            raise SystemExit(f"{doc.name}: anchor not found: {pieces[0]!r}")
        clause_starts = []
        for piece in pieces[1:]:
            at = norm.find(piece, found + 1)
            if at < 0:
                raise SystemExit(f"{doc.name}: clause anchor not found: {piece!r}")
            clause_starts.append(where[at])
        starts.append((kind, where[found], clause_starts))
        position = found + len(pieces[0])
    for index, (kind, start, clause_starts) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else len(doc.text)
        end = _trim_end(doc.text, start, end)
        cuts = [start, *clause_starts, end]
        clauses = [(a, _trim_end(doc.text, a, b)) for a, b in itertools.pairwise(cuts)]
        doc.units.append(Unit(kind, start, end, clauses if kind == "C" else []))


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


@dataclass
class Counts:
    boundary_tp: int = 0
    boundary_fp: int = 0
    boundary_fn: int = 0
    sent_found: int = 0
    sent_gold: int = 0
    sent_right: int = 0
    sent_tool: int = 0
    other_gold: int = 0  # gold N sentences
    other_kept: int = 0  # ... with no tool claim in them
    other_tool: int = 0  # sentences (C or N) with no tool claim in them
    clause_found: int = 0
    clause_gold: int = 0
    clause_right: int = 0
    misses: list[str] = field(default_factory=list)


def score(doc: Doc, counts: Counts, show: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{doc.name}.txt"
        path.write_text(doc.text, encoding="utf-8")
        article = load_article(str(path))
    assert article.text == doc.text, "the loader changed the text"
    _score_boundaries(doc, counts)
    claims = extract_claims(article)
    spans = [(c.start, c.end) for c in claims]
    _score_sentences(doc, spans, counts, show)
    _score_clauses(doc, spans, counts)


def _score_boundaries(doc: Doc, counts: Counts) -> None:
    neutral = {u.end for u in doc.units if u.kind == "D"}
    gold = {u.end for u in doc.units[:-1]} - neutral
    tool = {s.end for s in split_sentences(doc.text)} - neutral - {doc.units[-1].end}
    tool = {e for e in tool if e < doc.units[-1].end}
    counts.boundary_tp += len(gold & tool)
    counts.boundary_fp += len(tool - gold)
    counts.boundary_fn += len(gold - tool)
    for end in sorted(gold ^ tool):
        side = "missed" if end in gold else "extra"
        counts.misses.append(f"{doc.name} boundary {side}: …{doc.text[max(0, end - 30) : end]!r}")


def _unit_at(doc: Doc, position: int) -> Unit | None:
    return next((u for u in doc.units if u.start <= position < max(u.end, u.start + 1)), None)


def _score_sentences(doc: Doc, spans: list[tuple[int, int]], counts: Counts, show: bool) -> None:
    hit: set[int] = set()
    for start, end in spans:
        unit = _unit_at(doc, (start + end) // 2)
        counts.sent_tool += 1
        if unit is not None and unit.kind == "C":
            counts.sent_right += 1
            hit.add(unit.start)
        elif show:
            counts.misses.append(f"{doc.name} claim not gold: {doc.text[start:end][:90]!r}")
    for unit in doc.units:
        if unit.kind in "CN" and unit.start not in hit and not _claimed(unit, spans):
            counts.other_tool += 1
            counts.other_kept += unit.kind == "N"
        counts.other_gold += unit.kind == "N"
        if unit.kind == "C":
            counts.sent_gold += 1
            if unit.start in hit:
                counts.sent_found += 1
            elif show:
                text = doc.text[unit.start : unit.end][:90]
                counts.misses.append(f"{doc.name} claim missed: {text!r}")


def _claimed(unit: Unit, spans: list[tuple[int, int]]) -> bool:
    return any(unit.start <= (a + b) // 2 < max(unit.end, unit.start + 1) for a, b in spans)


def _score_clauses(doc: Doc, spans: list[tuple[int, int]], counts: Counts) -> None:
    gold = [c for u in doc.units for c in u.clauses]
    taken: set[int] = set()
    for start, end in spans:
        best, best_overlap = -1, 0
        for index, (a, b) in enumerate(gold):
            overlap = min(end, b) - max(start, a)
            if index in taken or overlap * 2 < min(end - start, b - a):
                continue
            if overlap > best_overlap:
                best, best_overlap = index, overlap
        if best >= 0:
            taken.add(best)
            counts.clause_right += 1
    counts.clause_gold += len(gold)
    counts.clause_found += len(taken)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def report(counts: Counts, label: str) -> None:
    bp = _ratio(counts.boundary_tp, counts.boundary_tp + counts.boundary_fp)
    br = _ratio(counts.boundary_tp, counts.boundary_tp + counts.boundary_fn)
    bf = _ratio(2 * bp * br, bp + br)
    tool_claims = counts.sent_tool
    print(f"{label}")
    print(
        f"  sentence boundaries  P {bp:.3f}  R {br:.3f}  F1 {bf:.3f}  "
        f"(gold {counts.boundary_tp + counts.boundary_fn}, "
        f"tool {counts.boundary_tp + counts.boundary_fp})"
    )
    print(
        f"  claims by sentence   P {_ratio(counts.sent_right, tool_claims):.3f}  "
        f"R {_ratio(counts.sent_found, counts.sent_gold):.3f}  "
        f"(gold {counts.sent_gold}, tool claims {tool_claims})"
    )
    print(
        f"  not claims           P {_ratio(counts.other_kept, counts.other_tool):.3f}  "
        f"R {_ratio(counts.other_kept, counts.other_gold):.3f}  (gold {counts.other_gold})"
    )
    print(
        f"  claims by clause     P {_ratio(counts.clause_right, tool_claims):.3f}  "
        f"R {_ratio(counts.clause_found, counts.clause_gold):.3f}  (gold {counts.clause_gold})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the shared data folder")
    parser.add_argument("--half", choices=("A", "B", "all"), default="B")
    parser.add_argument("--show", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    docs = read_gold(GOLD)
    load_texts(docs, args.data)
    for doc in docs:
        locate(doc)
    halves = ("A", "B") if args.half == "all" else (args.half,)
    for half in halves:
        counts = Counts()
        chosen = [d for d in docs if d.half == half]
        for doc in chosen:
            score(doc, counts, args.show)
        units = sum(len(d.units) for d in chosen)
        report(counts, f"half {half}: {len(chosen)} texts, {units} gold units")
        if args.show:
            print("\n".join("    " + m for m in counts.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
