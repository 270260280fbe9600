"""Score `claimdiff compare` on the blind comparison dev set (eval/data/compare_dev/).

    python eval/compare_dev.py [DATA] [--split report|tune|all] [--pairs] [--links]

DATA defaults to ../shared/data beside the repository: the article texts are read from there
(FNC-1 train bodies, Reuters-21578) and written to a temporary folder, so the comparison runs
through the same path as the command line (files -> articles -> claims -> labels -> compare).
Nothing of the data is copied into the repository.

A gold span finds its claims by position: every claim of that side overlapping the span's
place in the article text. So the figures do not depend on how the claims stage cuts
sentences, only on which claims a link joins. A link "matches" a gold pair when its left claim
overlaps the left span and its right claim the right span.

Figures (per split):
- shared recall: gold shared pairs that get a "shared" link; precision: "shared" links that
  match a gold shared pair (links on "related" pairs are left out of both counts; a link on
  a pair nobody annotated counts as wrong, so precision is a lower bound);
- conflicting recall / precision likewise, plus how often the conflict type is the gold one;
- same claim linked as conflicting; traps linked (any link);
- reliability of the shown confidence (``Link.score``) of every scored link: per bin, how
  many, mean stated confidence, how many were right;
- one-sided claims whose reason quotes a similarity at or above the printed shared threshold.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import itertools
import json
import re
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "eval" / "data" / "compare_dev"
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)
_QUOTED_SIMILARITY = re.compile(r"similarity (\d\.\d+)")

csv.field_size_limit(sys.maxsize)


@dataclass
class Tally:
    """Counts over the pairs of one split."""

    gold: dict[str, int] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)
    links: dict[str, int] = field(default_factory=dict)
    right: dict[str, int] = field(default_factory=dict)
    type_right: int = 0
    same_as_conflict: int = 0
    traps: int = 0
    trap_total: int = 0
    loud_orphans: int = 0
    orphans: int = 0
    seconds: float = 0.0
    calibration: list[tuple[float, bool]] = field(default_factory=list)

    def add(self, name: str, key: str, n: int = 1) -> None:
        table: dict[str, int] = getattr(self, name)
        table[key] = table.get(key, 0) + n


@cache
def _bodies(data: Path) -> dict[str, str]:
    with gzip.open(data / "fnc1-train" / "bodies.csv.gz", "rt", encoding="utf-8") as f:
        return {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}


@cache
def _reuters(data: Path) -> dict[str, str]:
    with gzip.open(data / "reuters21578" / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        return {a["id"]: a["text"] for a in map(json.loads, f)}


def source_text(ref: dict[str, object], data: Path) -> str:
    if ref["source"] == "fnc1-train":
        return _bodies(data)[str(ref["body_id"])].strip() + "\n"
    return reflow(_reuters(data)[str(ref["id"])])


def reflow(wire: str) -> str:
    """A wire story as an outlet prints it: one line per paragraph.

    Reuters-21578 keeps the teleprinter's 70-column lines (a new paragraph starts with an
    indent), which the loader would rightly take for page furniture; the sign-off goes too.
    """
    paragraphs: list[list[str]] = []
    for line in wire.strip().splitlines():
        if not paragraphs or line.startswith((" ", "\t")):
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
    text = [" ".join(p) for p in paragraphs if p and p not in (["REUTER"], ["Reuter"])]
    return "\n\n".join(text) + "\n"


def span_claims(text: str, claims: Sequence[object], snippet: str) -> set[str]:
    """Ids of the claims overlapping the first place ``snippet`` occurs in ``text``."""
    pattern = r"\s+".join(re.escape(w) for w in snippet.split())
    found = re.search(pattern, text)
    if found is None:
        raise ValueError(f"gold span not in the article: {snippet!r}")
    lo, hi = found.span()
    return {c.id for c in claims if c.start < hi and c.end > lo}  # type: ignore[attr-defined]


def load_gold(split: str) -> list[dict[str, object]]:
    pairs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]
    return [p for p in pairs if split == "all" or p["split"] == split]


Ends = tuple[set[str], set[str]]


def score_pair(pair: dict[str, object], comparison: object, tally: Tally, show: bool) -> None:
    comp = comparison
    left_text, right_text = comp.left.text, comp.right.text  # type: ignore[attr-defined]
    lc, rc = comp.left_claims, comp.right_claims  # type: ignore[attr-defined]

    def ends(item: dict[str, str]) -> Ends:
        return span_claims(left_text, lc, item["left"]), span_claims(right_text, rc, item["right"])

    kinds = {k: [ends(x) for x in pair[k]] for k in ("shared", "conflicting", "related", "traps")}  # type: ignore[attr-defined]
    links = [lk for lk in comp.links if lk.left and lk.right]  # type: ignore[attr-defined]
    _recall(pair, kinds, links, tally)
    _precision(comp, kinds, links, tally, show)
    _orphans(comp, tally)


def _hits(link: object, spans: list[Ends]) -> list[int]:
    return [n for n, (ls, rs) in enumerate(spans) if link.left in ls and link.right in rs]  # type: ignore[attr-defined]


def _recall(
    pair: dict[str, object], kinds: dict[str, list[Ends]], links: list[object], tally: Tally
) -> None:
    for kind in ("shared", "conflicting"):
        tally.add("gold", kind, len(kinds[kind]))
        for n, _ in enumerate(kinds[kind]):
            if any(lk.relation == kind and n in _hits(lk, kinds[kind]) for lk in links):  # type: ignore[attr-defined]
                tally.add("found", kind)
    for n, item in enumerate(pair["conflicting"]):  # type: ignore[arg-type]
        typed = {
            lk.conflict_type  # type: ignore[attr-defined]
            for lk in links
            if lk.relation == "conflicting" and n in _hits(lk, kinds["conflicting"])  # type: ignore[attr-defined]
        }
        wanted = {item["type"], "number"} if item["type"] == "count" else {item["type"]}
        tally.type_right += bool(typed & wanted)
    for n, _ in enumerate(kinds["shared"]):
        tally.same_as_conflict += any(
            lk.relation == "conflicting" and n in _hits(lk, kinds["shared"])  # type: ignore[attr-defined]
            for lk in links
        )
    tally.trap_total += len(kinds["traps"])
    for n, _ in enumerate(kinds["traps"]):
        tally.traps += any(n in _hits(lk, kinds["traps"]) for lk in links)


def _precision(
    comp: object, kinds: dict[str, list[Ends]], links: list[object], tally: Tally, show: bool
) -> None:
    for lk in links:
        gold = next((k for k in ("shared", "conflicting") if _hits(lk, kinds[k])), None)
        if gold is None and _hits(lk, kinds["related"]):
            continue
        relation = lk.relation  # type: ignore[attr-defined]
        tally.add("links", relation)
        correct = gold == relation
        if correct:
            tally.add("right", relation)
        tally.calibration.append((lk.score, correct))  # type: ignore[attr-defined]
        if show:
            mark = "ok " if correct else ("rel" if gold else "-- ")
            kind = lk.conflict_type or ""  # type: ignore[attr-defined]
            print(f"    {mark} {relation:11} {lk.score:.2f} {kind}: {lk.reason}")  # type: ignore[attr-defined]
            print(f"          L: {comp.claim(lk.left).text[:110]!r}")  # type: ignore[attr-defined]
            print(f"          R: {comp.claim(lk.right).text[:110]!r}")  # type: ignore[attr-defined]


def _orphans(comp: object, tally: Tally) -> None:
    threshold = comp.settings.shared_threshold  # type: ignore[attr-defined]
    for lk in comp.links:  # type: ignore[attr-defined]
        if lk.relation in ("left_only", "right_only"):
            tally.orphans += 1
            quoted = [float(x) for x in _QUOTED_SIMILARITY.findall(lk.reason)]
            tally.loud_orphans += any(q >= threshold for q in quoted)


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "n/a (0/0)"


def report(name: str, tally: Tally) -> None:
    print(f"## {name}")
    for kind in ("shared", "conflicting"):
        recall = ratio(tally.found.get(kind, 0), tally.gold.get(kind, 0))
        precision = ratio(tally.right.get(kind, 0), tally.links.get(kind, 0))
        print(f"  {kind:11} recall {recall:14}  precision {precision}")
    typed = ratio(tally.type_right, tally.found.get("conflicting", 0))
    print(f"  conflict type as annotated: {typed}")
    print(f"  same claim linked as conflicting: {tally.same_as_conflict}")
    print(f"  traps linked: {tally.traps} of {tally.trap_total}")
    print(
        f"  one-sided claims quoting a similarity ≥ the shared threshold: "
        f"{tally.loud_orphans} of {tally.orphans}"
    )
    print(f"  compare time (claims + comparison, all pairs): {tally.seconds:.1f} s")
    print("  reliability of the shown confidence (scored links):")
    print("    bin          links  mean conf  right")
    for lo, hi in itertools.pairwise(BINS):
        inside = [(s, ok) for s, ok in tally.calibration if lo <= s < hi]
        if inside:
            mean = sum(s for s, _ in inside) / len(inside)
            right = sum(ok for _, ok in inside)
            print(
                f"    {lo:.1f}–{min(hi, 1.0):.1f}   {len(inside):5}  {mean:9.2f}  "
                f"{right / len(inside):.2f} ({right})"
            )
    if tally.calibration:
        error = sum(
            abs(sum(s for s, _ in b) / len(b) - sum(ok for _, ok in b) / len(b)) * len(b)
            for b in _binned(tally.calibration)
        ) / len(tally.calibration)
        print(f"    expected calibration error: {error:.2f}")


def _binned(points: Iterable[tuple[float, bool]]) -> list[list[tuple[float, bool]]]:
    found: list[list[tuple[float, bool]]] = [[] for _ in BINS[1:]]
    for s, ok in points:
        for k, (lo, hi) in enumerate(itertools.pairwise(BINS)):
            if lo <= s < hi:
                found[k].append((s, ok))
    return [b for b in found if b]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--split", default="all", choices=("report", "tune", "all"))
    parser.add_argument("--pairs", action="store_true", help="figures per article pair")
    parser.add_argument("--links", action="store_true", help="print every scored link")
    args = parser.parse_args(argv)

    from claimdiff.ingest.load import load_article
    from claimdiff.labels.codebook import load_codebook
    from claimdiff.session.pipeline import Analyser

    data = Path(args.data)
    analyser = Analyser(load_codebook(None))
    splits = ("report", "tune") if args.split == "all" else (args.split,)
    totals = {s: Tally() for s in splits}
    with tempfile.TemporaryDirectory() as tmp:
        for pair in load_gold(args.split):
            paths = []
            for side in ("left", "right"):
                path = Path(tmp) / f"{pair['id']}-{side}.txt"
                path.write_text(source_text(pair[side], data), encoding="utf-8")  # type: ignore[arg-type]
                paths.append(path)
            start = time.perf_counter()
            comparison = analyser.compare(load_article(str(paths[0])), load_article(str(paths[1])))
            seconds = time.perf_counter() - start
            tally = totals[str(pair["split"])]
            tally.seconds += seconds
            if args.pairs or args.links:
                print(f"# {pair['id']} ({pair['split']}): {pair['about']}")
                own = Tally()
                score_pair(pair, comparison, own, args.links)
                report(str(pair["id"]), own)
            score_pair(pair, comparison, tally, False)
    for name, tally in totals.items():
        report(f"{name} pairs", tally)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
