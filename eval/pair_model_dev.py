"""Measure the news pair model (claimdiff.match.newspairs) on held-out labelled pairs.

    python eval/pair_model_dev.py [DATA] [--other N] [--json OUT]

Reads DATA/pairs/dev.jsonl.gz, which tools/build_news_pair_model.py never reads: its sources
are held apart by group from the training file (ANLI R3, FNC-1 headlines, ARC test, SICK
trial, MSRP validation, ArgKP dev, Perspectrum dev, STS-B dev). Labels map as in training:
entailment -> same, contradiction -> contradicts, neutral -> related.

Prints per-class precision and recall of the model's most probable class on all rows and on
the news rows, MSRP validation accuracy (same vs not), SICK trial contradiction precision and
recall, FNC-1 "disagree" recall, and the same figures for the shipped two-way cross-encoder
(minilm-l6-pairs: "same" when P >= 0.5; it has no contradiction class). Speed: pairs per
second judged one at a time (both reading orders, as claimdiff reads them), per second of
wall time and per second of CPU time; pin the process to one core (taskset -c 0) for a
one-core figure.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from claimdiff.match.crossencoder import CrossEncoder
from claimdiff.match.newspairs import CLASSES, NewsPairModel

ROOT = Path(__file__).resolve().parents[1]
LABEL_OF = {"entailment": "same", "contradiction": "contradicts", "neutral": "related"}
SPEED_PAIRS = 200


def load(path: Path, other: int | None) -> list[dict[str, object]]:
    """The dev rows; with ``other``, every news and SICK row but only a seeded sample of
    ``other`` of the remaining (non-news) rows, to save time on a busy machine."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    if other is None:
        return rows
    kept = [r for r in rows if r["news"] or r["source"] == "sick"]
    rest = [r for r in rows if not (r["news"] or r["source"] == "sick")]
    picked = np.random.default_rng(0).permutation(len(rest))[:other]
    return kept + [rest[i] for i in sorted(picked)]


def per_class(gold: Sequence[str], found: Sequence[str]) -> dict[str, dict[str, float]]:
    """Precision, recall and support of each class."""
    result = {}
    g, f = np.asarray(gold), np.asarray(found)
    for name in CLASSES:
        hits = int(np.sum((g == name) & (f == name)))
        predicted, actual = int(np.sum(f == name)), int(np.sum(g == name))
        result[name] = {
            "precision": round(hits / predicted, 3) if predicted else float("nan"),
            "recall": round(hits / actual, 3) if actual else float("nan"),
            "support": actual,
        }
    return result


def summary(rows: list[dict[str, object]], new: np.ndarray, old: np.ndarray) -> dict[str, object]:
    gold = [LABEL_OF[str(r["label"])] for r in rows]
    found = [CLASSES[int(k)] for k in new.argmax(axis=1)]
    old_found = ["same" if p >= 0.5 else "related" for p in old]
    accuracy = float(np.mean(np.asarray(gold) == np.asarray(found))) if rows else float("nan")
    return {
        "rows": len(rows),
        "accuracy": round(accuracy, 3),
        "new": per_class(gold, found),
        "old_same": per_class(gold, old_found)["same"],
    }


def same_accuracy(gold: list[str], same: np.ndarray) -> float:
    return round(float(np.mean((np.asarray(gold) == "same") == same)), 3)


def measure(rows: list[dict[str, object]]) -> dict[str, object]:
    model, old = NewsPairModel(), CrossEncoder()
    for notice in (model.notice(), old.notice):
        if notice:
            raise SystemExit(notice)
    left, right = [str(r["a"]) for r in rows], [str(r["b"]) for r in rows]
    started = time.perf_counter()
    new_p = model.probabilities(left, right)
    new_seconds = time.perf_counter() - started
    started = time.perf_counter()
    old_p = old.probability(left, right)
    old_seconds = time.perf_counter() - started
    sources = np.asarray([str(r["source"]) for r in rows])
    news = np.asarray([bool(r["news"]) for r in rows])
    report: dict[str, object] = {
        "model": model.model_id(),
        "baseline": old.model_id,
        "all": summary(rows, new_p, old_p),
        "news": summary(
            [r for r, n in zip(rows, news, strict=True) if n], new_p[news], old_p[news]
        ),
    }
    by_source = {}
    for source in sorted(set(sources)):
        pick = sources == source
        by_source[source] = summary(
            [r for r, s in zip(rows, pick, strict=True) if s], new_p[pick], old_p[pick]
        )
    report["by_source"] = by_source
    msrp = sources == "msrp_train"  # the dev file's MSRP rows are MSRP's validation split
    gold = np.asarray([LABEL_OF[str(r["label"])] for r in rows])
    report["msrp_val_accuracy"] = {
        "new": same_accuracy(list(gold[msrp]), new_p[msrp].argmax(axis=1) == 0),
        "old": same_accuracy(list(gold[msrp]), old_p[msrp] >= 0.5),
        "rows": int(msrp.sum()),
    }
    report["sick_trial_contradicts"] = by_source.get("sick", {}).get("new", {}).get("contradicts")
    report["fnc1_disagree"] = by_source.get("fnc1", {}).get("new", {}).get("contradicts")
    report["seconds_per_pair"] = {
        "new": round(new_seconds / max(1, len(rows)), 5),
        "old": round(old_seconds / max(1, len(rows)), 5),
    }
    report["pairs_per_second_one_at_a_time"] = speed(model, old, left, right)
    return report


def speed(model: NewsPairModel, old: CrossEncoder, left: list[str], right: list[str]) -> dict:
    """Pairs per second, each pair judged alone (both orders), on the first SPEED_PAIRS rows:
    per second of wall time, and per second of this process's CPU time (the figure that does
    not depend on what else the machine runs)."""
    n = min(SPEED_PAIRS, len(left))
    timings = {}
    for name, judge in (
        ("new", lambda a, b: model.probabilities([a], [b])),
        ("old", lambda a, b: old.probability([a], [b])),
    ):
        wall, cpu = time.perf_counter(), time.process_time()
        for a, b in zip(left[:n], right[:n], strict=True):
            judge(a, b)
        timings[name] = {
            "wall": round(n / (time.perf_counter() - wall), 1),
            "cpu": round(n / (time.process_time() - cpu), 1),
        }
    return timings


def table(report: dict[str, object]) -> str:
    lines = ["| slice | rows | class | P | R | support |", "|---|---|---|---|---|---|"]
    for slice_name in ("all", "news"):
        part = report[slice_name]
        assert isinstance(part, dict)
        for name in CLASSES:
            c = part["new"][name]
            lines.append(
                f"| {slice_name} | {part['rows']} | {name} | {c['precision']} | {c['recall']} | "
                f"{c['support']} |"
            )
        c = part["old_same"]
        lines.append(
            f"| {slice_name} (minilm-l6-pairs) | {part['rows']} | same | {c['precision']} | "
            f"{c['recall']} | {c['support']} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument(
        "--other", type=int, default=None, help="all news and SICK rows, N of the others"
    )
    parser.add_argument("--json", default=None, help="write the full report here")
    args = parser.parse_args()
    path = Path(args.data) / "pairs" / "dev.jsonl.gz"
    if not path.is_file():
        raise SystemExit(f"{path}: no such file (the held-out pairs)")
    report = measure(load(path, args.other))
    print(table(report))
    for key in ("msrp_val_accuracy", "sick_trial_contradicts", "fnc1_disagree"):
        print(f"{key}: {json.dumps(report[key])}")
    print(f"pairs/s one at a time: {json.dumps(report['pairs_per_second_one_at_a_time'])}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
