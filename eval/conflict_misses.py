"""Why each annotated conflict of the comparison dev set is missed, by stage.

    python eval/conflict_misses.py [DATA] [--split tune|report|all] [--show]

For every `conflicting` gold pair it replays the comparison's steps (claims, candidates,
judge, link selection) and names the first stage that loses it:

- ``cut``: no claim of one side overlaps its span (the claims stage left it out);
- ``not candidates``: no claim pair covering the two spans is among the judged candidates;
- ``judged <relation>``: candidates, but the judge calls every such pair something else;
- ``other partner``: the judge calls one conflicting, but the link went to another partner;
- ``found``: linked as conflicting.

Counts are printed per stage and per annotated conflict type, so the work goes where the
misses are. Use the tune half while developing (the report half stays untouched).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare_dev import ROOT, load_gold, source_text, span_claims

STAGES = ("found", "other partner", "judged", "not candidates", "cut")


def stage_of(
    left_ids: set[str],
    right_ids: set[str],
    judged: dict[tuple[str, str], str],
    linked: set[tuple[str, str]],
) -> str:
    """The first comparison stage that loses one gold conflict (see the module doc)."""
    if not left_ids or not right_ids:
        return "cut"
    pairs = [(a, b) for a in left_ids for b in right_ids]
    if any(p in linked for p in pairs):
        return "found"
    verdicts = [judged[p] for p in pairs if p in judged]
    if not verdicts:
        return "not candidates"
    if "conflicting" in verdicts:
        return "other partner"
    best = next((r for r in ("shared", "related", "unrelated") if r in verdicts), verdicts[0])
    return f"judged {best}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--split", default="tune", choices=("report", "tune", "all"))
    parser.add_argument("--show", action="store_true", help="print each conflict and its stage")
    args = parser.parse_args(argv)

    from claimdiff.base.model import MatchSettings
    from claimdiff.ingest.load import load_article
    from claimdiff.labels.codebook import load_codebook
    from claimdiff.match.compare import (
        candidate_pairs,
        compare_judge,
        judge_candidates,
        similarity_matrix,
    )
    from claimdiff.session.pipeline import Analyser

    data = Path(args.data)
    analyser = Analyser(load_codebook(None))
    table: Counter[tuple[str, str]] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for pair in load_gold(args.split):
            articles = []
            for side in ("left", "right"):
                path = Path(tmp) / f"{pair['id']}-{side}.txt"
                path.write_text(source_text(pair[side], data), encoding="utf-8")  # type: ignore[arg-type]
                articles.append(load_article(str(path)))
            left, right = articles
            lc, rc = analyser.claims(left), analyser.claims(right)
            settings = MatchSettings()
            sim = similarity_matrix(analyser.backend, lc, rc)
            candidates = candidate_pairs(sim, lc, rc, settings.candidate_threshold)
            verdicts = judge_candidates(
                compare_judge(analyser.backend, settings), lc, rc, candidates, sim
            )
            judged = {
                (lc[i].id, rc[j].id): v.relation
                for (i, j), (v, _) in zip(candidates, verdicts, strict=True)
            }
            comp = analyser.compare(left, right)
            linked = {(lk.left, lk.right) for lk in comp.links if lk.relation == "conflicting"}
            for item in pair["conflicting"]:  # type: ignore[attr-defined]
                ls = span_claims(left.text, lc, item["left"])
                rs = span_claims(right.text, rc, item["right"])
                stage = stage_of(ls, rs, judged, linked)
                table[(stage, item["type"])] += 1
                if args.show:
                    print(
                        f"{pair['id']:10} {item['type']:9} {stage:16} "
                        f"L={item['left'][:60]!r} R={item['right'][:60]!r}"
                    )
    types = sorted({t for _, t in table})
    stages = sorted(
        {s for s, _ in table},
        key=lambda s: STAGES.index(s.split(" ")[0] if s.startswith("judged") else s),
    )
    print("| stage | " + " | ".join(types) + " | all |")
    print("|---" * (len(types) + 2) + "|")
    for s in stages:
        row = [table[(s, t)] for t in types]
        print(f"| {s} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    total = [sum(table[(s, t)] for s in stages) for t in types]
    print("| all | " + " | ".join(map(str, total)) + f" | {sum(total)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
