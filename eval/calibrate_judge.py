"""Fit the stated confidence of the judge's pair-model conflicts on the dev set's TUNE half.

    python eval/calibrate_judge.py [DATA] [--write]

Runs the comparison's candidates and judge (claimdiff.match.compare) on the tune pairs of
eval/data/compare_dev/ with the shipped news pair model, and matches each judged candidate to
the hand annotation the way eval/compare_dev.py matches links (claims overlapping the gold
spans). One figure comes out, written with --write to calibration.json beside the model
(claimdiff.match.newspairs.Calibration reads it): ``conflict_rate``, of the candidates the
model made conflicting, the share the annotation calls conflicting, smoothed by one right and
one wrong link ((right + 1) / (n + 2)) so that few links state little. Candidates the
annotation calls "related" (either answer defensible) are left out. Also printed, not
written: the model's P(contradicts) on each annotated conflict it read.

A fit of shared links' confidence on the model's P(same) (Platt scaling) was tried and
dropped: on the tune half it raised the calibration error of the links (0.20 -> 0.26) and,
by reordering links of equal standing, linked one more trap.

The report half is never read here: it is what eval/compare_dev.py reports.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import compare_dev

from claimdiff.ingest.load import load_article
from claimdiff.labels.codebook import load_codebook
from claimdiff.match import compare as matching
from claimdiff.match.judge import default_pair_model
from claimdiff.match.newspairs import CALIBRATION_FILE, NewsPairModel
from claimdiff.session.pipeline import Analyser

Row = tuple[str, float | None, str]  # gold kind or "none", P(contradicts), relation or "model"


def judged_candidates(data: Path) -> list[Row]:
    """One Row per judged candidate of the tune pairs."""
    analyser = Analyser(load_codebook(None))
    found: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        for pair in compare_dev.load_gold("tune"):
            paths = []
            for side in ("left", "right"):
                path = Path(tmp) / f"{pair['id']}-{side}.txt"
                path.write_text(compare_dev.source_text(pair[side], data), encoding="utf-8")  # type: ignore[arg-type]
                paths.append(path)
            comp = analyser.compare(load_article(str(paths[0])), load_article(str(paths[1])))
            found += _candidates(pair, comp)
    return found


def _candidates(pair: dict[str, object], comp: object) -> list[Row]:
    lc, rc = comp.left_claims, comp.right_claims  # type: ignore[attr-defined]
    spans = {
        kind: [
            (
                compare_dev.span_claims(comp.left.text, lc, item["left"]),  # type: ignore[attr-defined]
                compare_dev.span_claims(comp.right.text, rc, item["right"]),  # type: ignore[attr-defined]
            )
            for item in pair[kind]  # type: ignore[attr-defined]
        ]
        for kind in ("shared", "conflicting", "related", "traps")
    }
    backend = matching.default_backend()
    sim = matching.similarity_matrix(backend, lc, rc)
    settings = comp.settings  # type: ignore[attr-defined]
    candidates = matching.candidate_pairs(sim, lc, rc, settings.candidate_threshold)
    judge = matching.compare_judge(backend, settings)
    verdicts = matching.judge_candidates(judge, lc, rc, candidates, sim)
    rows: list[Row] = []
    for (i, j), (verdict, evidence) in zip(candidates, verdicts, strict=True):
        gold = next(
            (
                k
                for k, ends in spans.items()
                if any(lc[i].id in a and rc[j].id in b for a, b in ends)
            ),
            "none",
        )
        # a conflict the pair model made names its P(contradicts) (judge._model_conflict)
        made = "model" if "P(contradicts)" in verdict.reason else verdict.relation
        rows.append((gold, evidence.p_contradicts, made))
    return rows


def fit(rows: list[Row]) -> dict[str, object]:
    made = [r for r in rows if r[2] == "model" and r[0] != "related"]
    right = sum(r[0] == "conflicting" for r in made)
    return {
        "conflict_rate": round((right + 1) / (len(made) + 2), 4),
        "fitted_on": "eval/data/compare_dev tune half (eval/calibrate_judge.py)",
        "conflict_links": {"made": len(made), "right": right},
        "p_contradicts_of_annotated_conflicts": sorted(
            round(r[1], 3) for r in rows if r[0] == "conflicting" and r[1] is not None
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = str(compare_dev.ROOT.parent / "shared" / "data")
    parser.add_argument("data", nargs="?", default=default)
    parser.add_argument("--write", action="store_true", help="write calibration.json")
    args = parser.parse_args()
    model = default_pair_model()
    if not isinstance(model, NewsPairModel):
        raise SystemExit("the news pair model is not available")
    found = fit(judged_candidates(Path(args.data)))
    print(json.dumps(found, indent=1))
    if args.write:
        path = model.folder / CALIBRATION_FILE
        part = path.with_suffix(".part")
        part.write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
        part.replace(path)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
