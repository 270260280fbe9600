"""The shipped news pair model: it loads offline, reads pairs symmetrically and alike run after
run, degrades with a notice when missing or broken, and judges real news pairs as a reader
would (a quote cut shorter is the same claim; a denial of it is a conflict)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from claimdiff.base.resources import resource_path
from claimdiff.match.newspairs import (
    CLASSES,
    CONTRADICTS,
    NEWS_PAIR_MODEL_DIR_VARIABLE,
    RELATED,
    SAME,
    NewsPairModel,
    default_news_pair_model_dir,
)

SHIPPED = resource_path("models", "news-pairs-minilm")
# Issue 18's Durbin case: both articles carry the quote, one quotes more of it.
DURBIN_SHORT = 'Durbin said Democrats "will not cut a single guaranteed Medicare benefit."'
DURBIN_LONG = (
    'Durbin said Democrats "will not cut a single guaranteed Medicare benefit," and that the '
    "savings would come from payments to insurers and hospitals over the next decade."
)
TALKS = "The foreign ministry said the talks with Iran would resume in Geneva on Monday."
TALKS_DENIED = "The foreign ministry denied that the talks with Iran would resume in Geneva."
BAKERY = "The bakery in the harbour district opens on Friday morning."


@pytest.fixture(scope="module")
def model() -> NewsPairModel:
    found = NewsPairModel()
    assert found.available(), found.notice()
    return found


def test_classes_name_the_columns_and_the_shipped_head(model: NewsPairModel) -> None:
    assert CLASSES[SAME] == "same" and CLASSES[CONTRADICTS] == "contradicts"
    assert CLASSES[RELATED] == "related"
    shipped = json.loads((SHIPPED / "classes.json").read_text(encoding="utf-8"))
    assert tuple(shipped) == CLASSES
    p = model.probabilities([TALKS, TALKS], [TALKS_DENIED, BAKERY])
    assert p.shape == (2, 3)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-9)
    assert model.notice() is None
    model_id = model.model_id()
    assert model_id is not None and model_id.startswith("news-pairs-minilm@")


def test_a_quote_cut_shorter_is_the_same_claim(model: NewsPairModel) -> None:
    [p] = model.probabilities([DURBIN_SHORT], [DURBIN_LONG])
    assert int(p.argmax()) == SAME, p


def test_a_denial_by_the_same_speaker_contradicts(model: NewsPairModel) -> None:
    [p] = model.probabilities([TALKS], [TALKS_DENIED])
    assert int(p.argmax()) == CONTRADICTS, p


def test_an_unrelated_claim_is_related_not_same(model: NewsPairModel) -> None:
    [p] = model.probabilities([TALKS], [BAKERY])
    assert int(p.argmax()) == RELATED, p


def test_a_changed_weekday_is_a_conflict(model: NewsPairModel) -> None:
    left = "The House voted on Thursday to approve the defense spending bill."
    right = "The House voted on Wednesday to approve the defense spending bill."
    [p] = model.probabilities([left], [right])
    assert int(p.argmax()) == CONTRADICTS, p


def test_the_same_words_from_another_speaker_are_not_the_same_claim(
    model: NewsPairModel,
) -> None:
    claim = "The sanctions on Moscow must stay in place until the troops withdraw."
    same_speaker, other_speaker = model.probabilities(
        [model.format(claim, "Merkel"), model.format(claim, "Merkel")],
        [model.format(claim, None), model.format(claim, "Juncker")],
    )
    assert int(same_speaker.argmax()) == SAME, same_speaker
    assert other_speaker[SAME] < same_speaker[SAME]
    assert int(other_speaker.argmax()) != SAME, other_speaker


def test_format_puts_the_speaker_before_the_claim() -> None:
    assert NewsPairModel.format(" The  pact is dead.", "Lavrov") == "Lavrov: The pact is dead."
    assert NewsPairModel.format("The pact is dead.", None) == "The pact is dead."
    assert NewsPairModel.format("The pact is dead.", "  ") == "The pact is dead."


def test_both_reading_orders_give_one_answer(model: NewsPairModel) -> None:
    left = [TALKS, DURBIN_SHORT, BAKERY]
    right = [TALKS_DENIED, DURBIN_LONG, TALKS]
    np.testing.assert_allclose(
        model.probabilities(left, right), model.probabilities(right, left), atol=1e-9
    )


def test_a_pair_scores_alike_every_time_and_whatever_is_beside_it(model: NewsPairModel) -> None:
    left, right = [TALKS, DURBIN_LONG, ""], [TALKS_DENIED, DURBIN_SHORT, BAKERY]
    first = model.probabilities(left, right)
    again = NewsPairModel().probabilities(left, right)
    alone = np.vstack([model.probabilities([a], [b]) for a, b in zip(left, right, strict=True)])
    np.testing.assert_array_equal(first, again)
    np.testing.assert_allclose(first, alone, atol=1e-9)
    assert model.probabilities([], []).shape == (0, 3)
    with pytest.raises(ValueError, match="2 left claims but 1 right"):
        model.probabilities([TALKS, TALKS], [BAKERY])


def test_missing_model_is_unavailable_with_a_notice(tmp_path: Path) -> None:
    missing = NewsPairModel(tmp_path / "none")
    assert not missing.available()
    notice = missing.notice()
    assert notice is not None and "news pair model not available" in notice
    assert str(tmp_path / "none") in notice and missing.model_id() is None
    with pytest.raises(RuntimeError, match="news pair model unavailable"):
        missing.probabilities(["a"], ["b"])


@pytest.mark.parametrize(
    ("graph", "problem"),
    [
        (b"\x00\x01 not an onnx graph", "model.onnx unreadable"),
        (None, "no such file"),
        ("two-way", "gives 2 classes, not 3"),
    ],
)
def test_broken_model_is_named(tmp_path: Path, graph: bytes | str | None, problem: str) -> None:
    shutil.copy(SHIPPED / "tokenizer.json", tmp_path / "tokenizer.json")
    if graph == "two-way":  # the older "same claim?" cross-encoder is not a three-way model
        shutil.copy(resource_path("models", "minilm-l6-pairs", "model.onnx"), tmp_path)
    elif isinstance(graph, bytes):
        (tmp_path / "model.onnx").write_bytes(graph)
    broken = NewsPairModel(tmp_path)
    assert not broken.available()
    notice = broken.notice()
    assert notice is not None and problem in notice


def test_the_environment_variable_names_another_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(NEWS_PAIR_MODEL_DIR_VARIABLE, str(tmp_path))
    assert default_news_pair_model_dir() == tmp_path
    assert not NewsPairModel().available()


def test_provenance_matches_the_shipped_files() -> None:
    record = json.loads((SHIPPED / "PROVENANCE.json").read_text(encoding="utf-8"))
    for name, digest in record["files"].items():
        assert hashlib.sha256((SHIPPED / name).read_bytes()).hexdigest() == digest, name
    assert record["classes"] == list(CLASSES)
    assert record["source_weights_sha256"].startswith("53aa5117")
    assert record["script"] == "tools/build_news_pair_model.py"
    root = Path(__file__).resolve().parents[3]
    assert (root / record["script"]).is_file()
    assert (root / "tools" / "build_news_pairs.py").is_file()
    assert (SHIPPED / "model.onnx").stat().st_size < 25_000_000
