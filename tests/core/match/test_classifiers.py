"""The shipped "same claim?" models: applied in numpy, stored as JSON, chosen per backend."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from claimdiff.base.resources import resource_path
from claimdiff.match.classifiers import (
    CLASSIFIER_FILE,
    KernelClassifier,
    PairClassifier,
    classifier_from_dict,
    load_classifiers,
)
from claimdiff.match.pair_model import feature_rows
from claimdiff.match.pairs import pair_scores
from claimdiff.similarity.semantic import HybridSimilarity
from claimdiff.similarity.similarity import LexicalSimilarity

LEFT = [
    "Russia suspended the New START treaty on Tuesday.",
    "Moscow halted its part in the arms pact.",
    "The cat sat on the mat.",
]
RIGHT = [
    "On Tuesday Russia suspended its part in the New START treaty.",
    "Russia halted its role in the arms pact.",
    "Stocks fell sharply in Tokyo on Monday.",
]


def _rows(backend: LexicalSimilarity | HybridSimilarity) -> np.ndarray:
    semantic = backend.semantic if isinstance(backend, HybridSimilarity) else None
    return feature_rows(LEFT, RIGHT, pair_scores(LEFT, RIGHT, backend), semantic)


def test_an_rbf_machine_sums_kernels_of_its_support_vectors() -> None:
    machine = KernelClassifier(
        ("x", "y"),
        mean=np.array([1.0, 0.0]),
        scale=np.array([2.0, 1.0]),
        support=np.array([[0.0, 0.0], [1.0, 1.0]]),
        coefficients=np.array([2.0, -1.0]),
        intercept=0.5,
        gamma=0.5,
        slope=2.0,
    )
    rows = np.array([[1.0, 0.0], [3.0, 1.0]])  # standardised: (0, 0) and (1, 1)
    expected = np.array([2.0 - np.exp(-1.0) + 0.5, 2.0 * np.exp(-1.0) - 1.0 + 0.5])
    assert np.allclose(machine.margin(rows), expected)
    p = machine.probability(rows)
    assert np.allclose(p, 1 / (1 + np.exp(-2.0 * expected)))
    # P(shared) ≥ 0.5 is the machine's own decision, margin ≥ 0
    assert list(p >= 0.5) == list(expected >= 0)


def test_shipped_classifiers_survive_a_json_round_trip() -> None:
    shipped = load_classifiers()
    for name, backend in (("lexical", LexicalSimilarity()), ("semantic", HybridSimilarity())):
        rows = _rows(backend)
        model = shipped[name]
        assert len(model.features) == rows.shape[1]
        again = classifier_from_dict(json.loads(json.dumps(model.to_dict())))
        assert type(again) is type(model)
        assert np.allclose(again.probability(rows), model.probability(rows))
        p = model.probability(rows)
        assert p[0] > 0.5 and p[2] < 0.5  # a reordered claim; two unrelated sentences


def test_the_kind_recorded_in_the_file_decides_the_model(tmp_path: Path) -> None:
    doc = json.loads(resource_path("models", CLASSIFIER_FILE).read_text(encoding="utf-8"))
    loaded = load_classifiers()
    for name, stored in doc["classifiers"].items():
        expected = KernelClassifier if stored["kind"] == "rbf-svm" else PairClassifier
        assert isinstance(loaded[name], expected)
    # a file from before kinds were recorded holds logistic models
    logistic = PairClassifier(("a", "b"), np.zeros(2), np.ones(2), np.array([1.0, -1.0]), 0.0, 0.5)
    stored = logistic.to_dict()
    stored.pop("kind")
    (tmp_path / "old.json").write_text(json.dumps({"classifiers": {"lexical": stored}}))
    [old] = load_classifiers(tmp_path / "old.json").values()
    assert isinstance(old, PairClassifier)
    assert np.allclose(old.probability(np.array([[2.0, 0.0]])), 1 / (1 + np.exp(-2.0)))


def test_training_script_writes_one_vector_a_line() -> None:
    """The shipped file diffs by support vector: lists of numbers stay on one line."""
    import importlib.util
    import sys

    tools_dir = Path(__file__).resolve().parents[3] / "tools"
    sys.path.insert(0, str(tools_dir))
    try:
        spec = importlib.util.spec_from_file_location(
            "build_pair_classifier", tools_dir / "build_pair_classifier.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(tools_dir))
    doc = {"grid": [0.5, 2], "support": [[1.0, -2.5], [3, 4]], "fit": {"a": {"b": []}}}
    text = module.layout(doc)
    assert json.loads(text) == doc
    assert '"grid": [0.5, 2]' in text and "  [1.0, -2.5]," in text.splitlines()
    shipped = resource_path("models", CLASSIFIER_FILE).read_text(encoding="utf-8")
    assert len(shipped.splitlines()) < 5_000
    assert json.loads(shipped) == json.loads(module.layout(json.loads(shipped)))


def test_a_missing_classifier_file_is_said_by_claimdiff_pairs(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    from claimdiff.cli.cli import main
    from claimdiff.match import classifiers

    assert classifiers.classifier_notice() is None  # the shipped file is there
    monkeypatch.setattr(classifiers, "CLASSIFIER_FILE", "no-such-classifier.json")
    table = tmp_path / "pairs.csv"
    table.write_text('a,b\n"The talks resumed on Monday.","Talks resumed Monday."\n')
    out = tmp_path / "scored.csv"
    code = main(["pairs", str(table), "--left", "a", "--right", "b", "--backend", "lexical",
                 "-o", str(out)])  # fmt: skip
    assert code == 0 and out.read_text().count("\n") == 2
    warning = [ln for ln in capsys.readouterr().err.splitlines() if "pair classifier" in ln]
    assert len(warning) == 1 and "no-such-classifier.json is missing" in warning[0]
