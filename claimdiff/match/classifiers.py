"""The shipped "same claim?" models: P(shared) from one pair's features, in numpy alone.

Two kinds, chosen per backend by cross-validation in tools/build_pair_classifier.py. A logistic
regression over the features and pairwise products of a core of them is small and readable.
A support-vector machine with an RBF kernel draws the boundary between paraphrases and
near-misses more closely where the semantic features are present (repeated 5-fold CV on
MSRP train, docs/semantic.md), at the price of carrying its support vectors. Both are
plain arrays here, so the app needs neither scikit-learn nor anything else to apply them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from claimdiff.base.resources import model_problem, resource_path

CLASSIFIER_FILE = "pair-classifier.json"


def with_products(rows: np.ndarray, columns: Sequence[int]) -> np.ndarray:
    """The features followed by the pairwise products (squares included) of ``columns``.

    A linear model cannot say "high cosine matters less when the lengths differ"; products
    of the core features can (5-fold CV on MSRP train, tools/build_pair_classifier.py).
    """
    core = rows[:, list(columns)]
    i, j = np.triu_indices(core.shape[1])
    return np.hstack([rows, core[:, i] * core[:, j]])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    result: np.ndarray = 1.0 / (1.0 + np.exp(-z))
    return result


@dataclass(frozen=True, slots=True)
class PairClassifier:
    """Standardised logistic regression: P(shared) from the features of one pair."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float
    products: tuple[str, ...] = ()  # features whose pairwise products are appended

    def expand(self, rows: np.ndarray) -> np.ndarray:
        if not self.products:
            return rows
        return with_products(rows, [self.features.index(name) for name in self.products])

    def probability(self, rows: np.ndarray) -> np.ndarray:
        x = self.expand(rows)
        return _sigmoid(((x - self.mean) / self.scale) @ self.weights + self.bias)

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": "logistic",
            "features": list(self.features),
            "products": list(self.products),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "weights": self.weights.tolist(),
            "bias": self.bias,
            "threshold": self.threshold,
        }


@dataclass(frozen=True, slots=True)
class KernelClassifier:
    """An RBF support-vector machine over standardised features, Platt-scaled to P(shared).

    ``slope`` maps the margin to a probability without an offset, so P ≥ 0.5 is exactly the
    machine's own decision (margin ≥ 0) and the probability only says how far from it a pair
    lies.
    """

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    support: np.ndarray  # support vectors, standardised, one row each
    coefficients: np.ndarray  # label × dual weight of each support vector
    intercept: float
    gamma: float
    slope: float
    threshold: float = 0.5

    def margin(self, rows: np.ndarray) -> np.ndarray:
        z = (rows - self.mean) / self.scale
        distance = (
            np.sum(z * z, axis=1)[:, None]
            + np.sum(self.support * self.support, axis=1)[None, :]
            - 2.0 * z @ self.support.T
        )
        result: np.ndarray = np.exp(-self.gamma * distance) @ self.coefficients + self.intercept
        return result

    def probability(self, rows: np.ndarray) -> np.ndarray:
        return _sigmoid(self.slope * self.margin(rows))

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": "rbf-svm",
            "features": list(self.features),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            # Six significant digits keep the margins within 1e-5 and the file a third smaller.
            "support": np.round(self.support, 6).tolist(),
            "coefficients": np.round(self.coefficients, 6).tolist(),
            "intercept": self.intercept,
            "gamma": self.gamma,
            "slope": self.slope,
            "threshold": self.threshold,
        }


Classifier = PairClassifier | KernelClassifier


def _array(doc: dict[str, Any], name: str) -> np.ndarray:
    return np.asarray(doc[name], dtype=np.float64)


def classifier_from_dict(doc: dict[str, Any]) -> Classifier:
    features = tuple(doc["features"])
    if doc.get("kind", "logistic") == "rbf-svm":
        return KernelClassifier(
            features,
            _array(doc, "mean"),
            _array(doc, "scale"),
            _array(doc, "support").reshape(-1, len(features)),
            _array(doc, "coefficients"),
            float(doc["intercept"]),
            float(doc["gamma"]),
            float(doc["slope"]),
            float(doc["threshold"]),
        )
    return PairClassifier(
        features,
        _array(doc, "mean"),
        _array(doc, "scale"),
        _array(doc, "weights"),
        float(doc["bias"]),
        float(doc["threshold"]),
        tuple(doc.get("products", ())),
    )


def load_classifiers(path: Path | None = None) -> dict[str, Classifier]:
    """The shipped classifiers by backend ("lexical", "semantic"); empty when absent."""
    location = path or resource_path("models", CLASSIFIER_FILE)
    if not location.is_file() or model_problem(location) is not None:
        return {}
    doc = json.loads(location.read_text(encoding="utf-8"))
    return {name: classifier_from_dict(d) for name, d in doc["classifiers"].items()}


def classifier_notice(path: Path | None = None) -> str | None:
    """Why "same claim?" runs without the shipped classifiers, or None when they are there.

    Without them the judge falls back on score thresholds and, in ``claimdiff pairs``, does
    not read pairs with the cross-encoder either (its answer is averaged with theirs).
    """
    location = path or resource_path("models", CLASSIFIER_FILE)
    if location.is_file():
        problem = model_problem(location)
        return None if problem is None else f"{problem}: 'same claim?' is decided by thresholds"
    return (
        f"the pair classifier {location} is missing: 'same claim?' is decided by score "
        "thresholds, without the cross-encoder"
    )
