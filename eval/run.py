"""Measure `claimdiff pairs` decisions on public sentence-pair sets, lexical and semantic.

    python eval/run.py [DATA]      # DATA defaults to ../shared/data beside the repository
    python eval/run.py --fit       # also search thresholds on the train splits

Thresholds are chosen on the train splits only (msrp/train.tsv, sick/train.tsv); the
figures for msrp/val.tsv and sick/trial.tsv are held-out development figures. Label mapping:
MSRP paraphrase (Quality 1) = shared, 0 = not shared (our "conflicting" and "unrelated");
SICK CONTRADICTION = conflicting, ENTAILMENT = shared, NEUTRAL = unrelated. The SICK
targets concern contradiction precision and recall; SICK's NEUTRAL pairs are often close
paraphrases with one changed detail, so the shared/unrelated split there is not the goal.
The data stays outside the repository; nothing here copies it.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from claimdiff.match.pairs import (
    DETAIL_MODES,
    PairSettings,
    judge,
    pair_scores,
    probability_parts,
    read_table,
)
from claimdiff.similarity.semantic import HybridSimilarity
from claimdiff.similarity.similarity import LexicalSimilarity, SimilarityBackend

ROOT = Path(__file__).resolve().parents[1]
SICK_MAP = {"CONTRADICTION": "conflicting", "ENTAILMENT": "shared", "NEUTRAL": "unrelated"}


def load(path: Path, left: str, right: str, gold: str) -> tuple[list[str], list[str], list[str]]:
    table = read_table(path)
    cols = [table.header.index(c) for c in (left, right, gold)]
    rows = [r for r in table.rows if len(r) > max(cols)]
    return [r[cols[0]] for r in rows], [r[cols[1]] for r in rows], [r[cols[2]] for r in rows]


def msrp(folder: Path, split: str) -> tuple[list[str], list[str], list[str]]:
    a, b, g = load(folder / "msrp" / f"{split}.tsv", "#1 String", "#2 String", "Quality")
    return a, b, ["shared" if x.strip() == "1" else "other" for x in g]


def sick(folder: Path, split: str) -> tuple[list[str], list[str], list[str]]:
    a, b, g = load(
        folder / "sick" / f"{split}.tsv", "sentence_A", "sentence_B", "entailment_judgment"
    )
    return a, b, [SICK_MAP[x.strip()] for x in g]


class Scored:
    """A data split with its per-pair signal scores computed once."""

    def __init__(self, data: tuple[list[str], list[str], list[str]], backend: SimilarityBackend):
        self.left, self.right, self.gold = data
        start = time.perf_counter()
        self.signals = pair_scores(self.left, self.right, backend)
        model = backend.semantic if isinstance(backend, HybridSimilarity) else None
        self.parts = probability_parts(self.left, self.right, self.signals, semantic=model)
        self.seconds = time.perf_counter() - start
        self.learned = False

    def probability(self, settings: PairSettings) -> np.ndarray | None:
        """As claimdiff.match.pairs.judge_pairs: the mean of the models the settings use."""
        if not self.learned or not self.parts:
            return None
        used = [p for name, p in self.parts.items() if settings.cross_encoder or name == "features"]
        return np.mean(used, axis=0)

    def predict(self, settings: PairSettings) -> list[str]:
        prob = self.probability(settings)
        found = [
            judge(
                a,
                b,
                {n: float(m[k]) for n, m in self.signals.items()},
                settings,
                None if prob is None else float(prob[k]),
            ).relation
            for k, (a, b) in enumerate(zip(self.left, self.right, strict=True))
        ]
        # The judge tells "related" (same topic) from "unrelated"; neither set makes that cut.
        return ["unrelated" if r == "related" else r for r in found]


def msrp_accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    return float(
        np.mean([(g == "shared") == (p == "shared") for g, p in zip(gold, pred, strict=True)])
    )


def prf(gold: Sequence[str], pred: Sequence[str], cls: str) -> tuple[float, float, float]:
    tp = sum(g == cls and p == cls for g, p in zip(gold, pred, strict=True))
    fp = sum(g != cls and p == cls for g, p in zip(gold, pred, strict=True))
    fn = sum(g == cls and p != cls for g, p in zip(gold, pred, strict=True))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def fit(msrp_train: Scored, sick_train: Scored, base: PairSettings) -> PairSettings:
    """Shared threshold for MSRP train accuracy, then conflict gate for SICK train F1."""
    grid = np.round(np.arange(0.30, 0.95, 0.01), 2)
    best_shared = max(
        grid,
        key=lambda t: msrp_accuracy(
            msrp_train.gold, msrp_train.predict(replace(base, shared_threshold=float(t)))
        ),
    )
    tuned = replace(base, shared_threshold=float(best_shared))
    best_gate = max(
        grid,
        key=lambda t: prf(
            sick_train.gold,
            sick_train.predict(replace(tuned, conflict_threshold=float(t))),
            "conflicting",
        )[2],
    )
    return replace(tuned, conflict_threshold=float(best_gate))


def report(name: str, settings: PairSettings, splits: dict[str, Scored]) -> list[str]:
    lines = [
        f"## {name}: shared ≥ {settings.shared_threshold:.2f}, conflict gate ≥ "
        f"{settings.conflict_threshold:.2f}"
    ]
    for split, scored in splits.items():
        pred = scored.predict(settings)
        rate = len(scored.left) / scored.seconds if scored.seconds else 0.0
        head = f"- {split} ({len(pred)} pairs, {rate:,.0f} pairs/s scoring)"
        if split.startswith("msrp"):
            acc = msrp_accuracy(scored.gold, pred)
            p, r, f = prf([g if g == "shared" else "x" for g in scored.gold], pred, "shared")
            lines.append(f"{head}: accuracy {acc:.1%}; paraphrase P {p:.2f} R {r:.2f} F1 {f:.2f}")
        else:
            acc = float(np.mean([g == p for g, p in zip(scored.gold, pred, strict=True)]))
            parts = [
                f"{c} P {p:.2f} R {r:.2f}"
                for c in ("conflicting", "shared", "unrelated")
                for p, r, _ in [prf(scored.gold, pred, c)]
            ]
            lines.append(f"{head}: 3-way accuracy {acc:.1%}; " + "; ".join(parts))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--fit", action="store_true", help="search thresholds on train splits")
    args = parser.parse_args()
    folder = Path(args.data)
    for name, backend in (("lexical", LexicalSimilarity()), ("semantic", HybridSimilarity())):
        splits = {
            "msrp/train": Scored(msrp(folder, "train"), backend),
            "msrp/val": Scored(msrp(folder, "val"), backend),
            "sick/train": Scored(sick(folder, "train"), backend),
            "sick/trial": Scored(sick(folder, "trial"), backend),
        }
        settings = PairSettings()
        if args.fit:
            settings = fit(splits["msrp/train"], splits["sick/train"], settings)
        print("\n".join(report(f"{name}, rules", settings, splits)) + "\n")
        for scored in splits.values():
            scored.learned = True
        crossed = any("cross-encoder" in s.parts for s in splits.values())
        if crossed:
            title = f"{name}, learned P(same claim), features only, --details {settings.details}"
            alone = replace(settings, cross_encoder=False)
            print("\n".join(report(title, alone, splits)) + "\n")
        for mode in DETAIL_MODES:
            used = "features + cross-encoder" if crossed else "features"
            title = f"{name}, learned P(same claim) from {used}, --details {mode}"
            if mode == settings.details:
                title += " (default)"
            print("\n".join(report(title, replace(settings, details=mode), splits)) + "\n")
    print("\n".join(seed_links()))
    return 0


def seed_links() -> list[str]:
    """Links on the seed pair 004 x 000 and claims/s, lexical against semantic."""
    from claimdiff.ingest.load import load_article
    from claimdiff.labels.codebook import load_codebook
    from claimdiff.session.pipeline import Analyser

    codebook = load_codebook()
    left, right = (
        load_article(str(ROOT / "seeds" / name))
        for name in ("004_ae97e33e177aeab3.txt", "000_fbd7af67a7761638.txt")
    )
    lines = ["## seeds 004 x 000"]
    for name, backend in (("lexical", LexicalSimilarity()), ("semantic", HybridSimilarity())):
        start = time.perf_counter()
        comparison = Analyser(codebook, backend).compare(left, right)
        seconds = time.perf_counter() - start
        claims = len(comparison.left_claims) + len(comparison.right_claims)
        counts = comparison.summary()
        target = any(
            link.topic == "target" and link.relation == "conflicting" for link in comparison.links
        )
        semantic_links = sum("semantic" in link.signals for link in comparison.links)
        lines.append(
            f"- {name}: {counts}; target conflict {'yes' if target else 'NO'}; links crediting "
            f"semantic {semantic_links}; {claims / seconds:,.0f} claims/s (cold, incl. labels)"
        )
    return lines + all_seed_pairs()


def all_seed_pairs() -> list[str]:
    """Shared links over every pair of seed articles, lexical against semantic."""
    from itertools import combinations

    from claimdiff.ingest.load import load_article
    from claimdiff.labels.codebook import load_codebook
    from claimdiff.session.pipeline import Analyser

    codebook = load_codebook()
    articles = [load_article(str(p)) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    lines = [f"## all {len(articles)} seeds, every pair"]
    for name, backend in (("lexical", LexicalSimilarity()), ("semantic", HybridSimilarity())):
        analyser = Analyser(codebook, backend)
        totals: dict[str, int] = {}
        credited = 0
        for left, right in combinations(articles, 2):
            comparison = analyser.compare(left, right)
            for key, value in comparison.summary().items():
                totals[key] = totals.get(key, 0) + value
            credited += sum("semantic" in link.signals for link in comparison.links)
        lines.append(f"- {name}: {totals}; links crediting semantic {credited}")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
