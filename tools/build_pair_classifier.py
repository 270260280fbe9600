"""Build the pair classifier (P(same claim)) from the MSRP train split and ship its weights.

    pip install -e '.[train]'                      # scikit-learn, for the support-vector machine
    python tools/build_pair_classifier.py [DATA]   # DATA defaults to ../shared/data
    python tools/build_pair_classifier.py --limit 300 -o /tmp/try.json   # a quick trial build

Two kinds of model over the standardised features of claimdiff.match.pair_model.feature_rows: a
logistic regression in numpy (Newton steps, L2-regularised) with pairwise products of a
core of the features, and an RBF support-vector machine (scikit-learn's SVC). The kind and
its strength (L2; C and gamma) are chosen per backend by 5-fold cross-validation, repeated
3 times, on msrp/train.tsv: choosing the model is part of building it, so this lives with
the other model builds; only that file is read, so msrp/val.tsv stays a held-out figure for
eval/run.py. The result, with provenance, goes to resources/models/pair-classifier.json as
plain arrays: the app applies it with numpy (claimdiff.match.classifiers). After a rebuild, record
the new file's checksum in resources/models/MANIFEST.json (tools/models_manifest.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_model import sha256
from build_pair_encoder import msrp_train

from claimdiff.base.resources import resource_path
from claimdiff.match.classifiers import (
    CLASSIFIER_FILE,
    Classifier,
    KernelClassifier,
    PairClassifier,
)
from claimdiff.match.pair_model import FEATURES, SEMANTIC_EXTRAS, feature_rows
from claimdiff.match.pairs import pair_scores
from claimdiff.similarity.semantic import HybridSimilarity
from claimdiff.similarity.similarity import LexicalSimilarity, SimilarityBackend

ROOT = Path(__file__).resolve().parents[1]
L2_GRID = (0.003, 0.01, 0.03, 0.1)
# (C, gamma) of the RBF machine; gamma is per standardised feature, about 1 / (4 × 51).
SVM_GRID = ((3.0, 0.003), (3.0, 0.005), (10.0, 0.002), (10.0, 0.003))
FOLDS = 5
# One 5-fold split of 3,576 pairs moves accuracy by ±0.3 points from the split alone, as much
# as the L2 choice does; averaging three differently shuffled splits steadies the choice.
REPEATS = 3
NEWTON_STEPS = 12
# Features whose pairwise products enter the model (when present for the backend).
PRODUCTS = (
    "semantic",
    "lexical",
    "token_set",
    "jaccard",
    "length_ratio",
    "p1",
    "r1",
    "p2",
    "r2",
    "char_ratio",
    "word_lcs",
    "soft_min",
    "soft_left_unshared",
    "soft_right_unshared",
    "numbers_both_lonely",
    "numbers_only_left",
    "numbers_only_right",
    "caps_only_left",
    "caps_only_right",
    "caps_jaccard",
    "log_length_gap",
    "content_f1",
    "content_f2",
)


def fit(
    rows: np.ndarray,
    target: np.ndarray,
    names: tuple[str, ...],
    l2: float,
    core: tuple[str, ...] = PRODUCTS,
) -> PairClassifier:
    """Newton's method on the mean log-loss plus l2/2 |w|²; a dozen steps converge."""
    products = tuple(n for n in core if n in names)
    shell = PairClassifier(names, np.zeros(1), np.ones(1), np.zeros(1), 0.0, 0.5, products)
    x = shell.expand(rows)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    penalty = l2 * np.eye(z.shape[1])
    penalty[-1, -1] = 0.0  # the bias is not shrunk
    w = np.zeros(z.shape[1])
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        gradient = z.T @ (p - target) / len(target) + penalty @ w
        hessian = (z * (p * (1 - p))[:, None]).T @ z / len(target) + penalty
        w -= np.linalg.solve(hessian, gradient)
    return PairClassifier(names, mean, scale, w[:-1], float(w[-1]), 0.5, products)


def fit_kernel(
    rows: np.ndarray, target: np.ndarray, names: tuple[str, ...], c: float, gamma: float
) -> KernelClassifier:
    """scikit-learn's SVC on the standardised rows, kept as the arrays that define it."""
    from sklearn.svm import SVC  # checked for in main(), before the features are computed

    mean, scale = rows.mean(axis=0), rows.std(axis=0) + 1e-9
    machine = SVC(C=c, gamma=gamma, kernel="rbf").fit((rows - mean) / scale, target)
    assert list(machine.classes_) == [0.0, 1.0]  # a positive margin means "shared"
    return KernelClassifier(
        names,
        mean,
        scale,
        machine.support_vectors_,
        machine.dual_coef_[0],
        float(machine.intercept_[0]),
        gamma,
        slope=1.0,
    )


def platt_slope(margins: np.ndarray, target: np.ndarray) -> float:
    """The a of P = 1 / (1 + exp(-a·margin)) that fits held-out margins best (log-loss)."""
    a = 1.0
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-a * margins))
        gradient = np.mean((p - target) * margins)
        curvature = np.mean(p * (1 - p) * margins**2) + 1e-9
        a -= gradient / curvature
    return float(a)


def accuracy(model: Classifier, rows: np.ndarray, target: np.ndarray) -> float:
    return float(np.mean((model.probability(rows) >= model.threshold) == (target == 1)))


Fitter = Callable[[np.ndarray, np.ndarray], Classifier]


def held_out(rows: np.ndarray, target: np.ndarray, make: Fitter) -> list[np.ndarray]:
    """P(shared) of every pair from models that never saw it, one array per repeat."""
    found = []
    for seed in range(REPEATS):
        folds = np.random.default_rng(seed).permutation(len(target)) % FOLDS
        p = np.zeros(len(target))
        for k in range(FOLDS):
            train = folds != k
            p[~train] = make(rows[train], target[train]).probability(rows[~train])
        found.append(p)
    return found


def cross_validate(rows: np.ndarray, target: np.ndarray, make: Fitter) -> float:
    """Mean held-out accuracy over REPEATS shuffles of FOLDS folds of the train split."""
    runs = held_out(rows, target, make)
    return float(np.mean([np.mean((p >= 0.5) == (target == 1)) for p in runs]))


def logistic(names: tuple[str, ...], l2: float, core: tuple[str, ...] = PRODUCTS) -> Fitter:
    return lambda rows, target: fit(rows, target, names, l2, core)


def kernel(names: tuple[str, ...], c: float, gamma: float) -> Fitter:
    return lambda rows, target: fit_kernel(rows, target, names, c, gamma)


def train(
    data: Path, name: str, backend: SimilarityBackend, limit: int | None = None
) -> tuple[Classifier, dict]:
    left, right, labels = (column[:limit] for column in msrp_train(data))
    signals = pair_scores(left, right, backend)
    semantic = backend.semantic if isinstance(backend, HybridSimilarity) else None
    rows = feature_rows(left, right, signals, semantic)
    names = (("semantic",) if "semantic" in signals else ()) + tuple(FEATURES)
    if semantic is not None:
        names += SEMANTIC_EXTRAS
    target = np.array(labels, dtype=np.float64)
    candidates = {f"logistic l2={l2}": logistic(names, l2) for l2 in L2_GRID}
    candidates |= {f"rbf-svm C={c} gamma={g}": kernel(names, c, g) for c, g in SVM_GRID}
    cv = {label: cross_validate(rows, target, make) for label, make in candidates.items()}
    best = max(cv, key=lambda label: cv[label])
    model = candidates[best](rows, target)
    if isinstance(model, KernelClassifier):
        # Margins of held-out pairs, not of the support vectors the machine was fitted to.
        p = np.clip(held_out(rows, target, candidates[best])[0], 1e-12, 1 - 1e-12)
        slope = platt_slope(np.log(p / (1 - p)), target)  # slope 1: the margin is logit(p)
        model = dataclasses.replace(model, slope=slope)
    report = {
        "model": best,
        "cv_accuracy": {label: round(v, 4) for label, v in cv.items()},
        "train_accuracy": round(accuracy(model, rows, target), 4),
        "pairs": len(target),
    }
    print(f"{name}: {report}")
    return model, report


def layout(value: object, depth: int = 0) -> str:
    """Indented JSON with each list of numbers on one line: one support vector a line, so the
    file reads (and diffs) by vector, not by number (100,000 lines with plain indentation)."""
    pad = " " * depth
    if isinstance(value, dict) and value:
        items = [f"{pad} {json.dumps(k)}: {layout(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list) and any(isinstance(v, dict | list) for v in value):
        items = [f"{pad} {layout(v, depth + 1)}" for v in value]
        return "[\n" + ",\n".join(items) + f"\n{pad}]"
    return json.dumps(value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument(
        "--limit", type=int, help="train on the first N pairs only (a trial, not for shipping)"
    )
    parser.add_argument(
        "-o", "--output", type=Path, help="write here instead of the shipped classifier file"
    )
    args = parser.parse_args()
    data = Path(args.data)
    if importlib.util.find_spec("sklearn") is None:
        raise SystemExit("training needs scikit-learn: pip install -e '.[train]'")
    semantic = HybridSimilarity()
    if not semantic.semantic.available():
        raise SystemExit(f"the semantic model is needed: {semantic.notice}")
    models = {
        name: train(data, name, backend, args.limit)
        for name, backend in (("lexical", LexicalSimilarity()), ("semantic", semantic))
    }
    train_file = data / "msrp" / "train.tsv"
    doc = {
        "what": "P(two claims are the same claim) from pair features, claimdiff.match.pairs",
        "trained_on": "MSRP train split (brmson/dataset-sts msrp/train.tsv), paraphrase = 1",
        "train_sha256": sha256(train_file),
        # The weights are derived from MSRP; its licence allows research use only. Check
        # before redistributing commercially (retrain on other pairs with this script).
        "training_data_licence": "Microsoft Research Paraphrase Corpus licence (research use only)",
        "script": "tools/build_pair_classifier.py",
        "parameters": {
            "l2_grid": list(L2_GRID),
            "svm_grid_c_gamma": [list(cg) for cg in SVM_GRID],
            "folds": FOLDS,
            "repeats": REPEATS,
            "newton_steps": NEWTON_STEPS,
            "limit": args.limit,
        },
        "semantic_model": semantic.semantic.model_id,
        "built": dt.date.today().isoformat(),
        "fit": {name: report for name, (_, report) in models.items()},
        "classifiers": {name: model.to_dict() for name, (model, _) in models.items()},
    }
    target = args.output or resource_path("models", CLASSIFIER_FILE)
    target.write_text(layout(doc) + "\n", encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
