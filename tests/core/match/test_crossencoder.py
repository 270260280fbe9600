"""The shipped cross-encoder: it loads offline, reads pairs symmetrically, joins the feature
classifier in `claimdiff pairs`, and its absence degrades to the features with a notice."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from claimdiff.base.resources import resource_path
from claimdiff.cli.cli import main
from claimdiff.match.crossencoder import CROSS_ENCODER_DIR_VARIABLE, CrossEncoder
from claimdiff.match.pairs import (
    PairSettings,
    default_cross_encoder,
    judge_pairs,
    pair_scores,
    probability_parts,
)
from claimdiff.similarity.semantic import HybridSimilarity
from claimdiff.similarity.similarity import LexicalSimilarity

SUSPENDED = "Russia suspended its participation in the New START treaty on Tuesday."
PARAPHRASE = "On Tuesday Moscow halted its involvement in the New START arms control pact."
UNRELATED = "The bakery in the harbour district opens on Friday morning."
SHIPPED = resource_path("models", "minilm-l6-pairs")


@pytest.fixture(scope="module")
def reader() -> CrossEncoder:
    found = CrossEncoder()
    assert found.available(), found.failure
    return found


def test_shipped_model_tells_a_paraphrase_from_an_unrelated_claim(reader: CrossEncoder) -> None:
    p = reader.probability([SUSPENDED, SUSPENDED], [PARAPHRASE, UNRELATED])
    assert p[0] > 0.5 > p[1]
    assert reader.model_id is not None and reader.model_id.startswith("minilm-l6-pairs@")


def test_both_reading_orders_give_one_answer(reader: CrossEncoder) -> None:
    left = [SUSPENDED, PARAPHRASE, UNRELATED]
    right = [PARAPHRASE, UNRELATED, SUSPENDED]
    np.testing.assert_allclose(
        reader.probability(left, right), reader.probability(right, left), atol=1e-6
    )


def test_a_pair_scores_the_same_whatever_else_is_in_the_file(reader: CrossEncoder) -> None:
    """A pair scores the same whatever else is in the file (and however long it is)."""
    long = " ".join([SUSPENDED] * 6)
    left, right = [SUSPENDED, long, "", PARAPHRASE], [PARAPHRASE, UNRELATED, SUSPENDED, long]
    together = reader.probability(left, right)
    alone = [reader.probability([a], [b])[0] for a, b in zip(left, right, strict=True)]
    np.testing.assert_allclose(together, alone, atol=1e-9)


def test_pairs_blend_both_models_and_say_so(reader: CrossEncoder) -> None:
    backend = HybridSimilarity()
    left, right = [SUSPENDED, SUSPENDED], [PARAPHRASE, UNRELATED]
    verdicts = judge_pairs(left, right, backend, cross=reader)
    assert [v.relation for v in verdicts] == ["shared", "unrelated"]
    for verdict in verdicts:
        assert "= mean of features" in verdict.reason and "cross-encoder" in verdict.reason
    alone = judge_pairs(left, right, backend, PairSettings(cross_encoder=False), cross=reader)
    assert all("cross-encoder" not in v.reason for v in alone)
    wording = judge_pairs(left, right, LexicalSimilarity(), cross=reader)
    assert all("cross-encoder" not in v.reason for v in wording)


def test_reading_both_claims_together_links_a_reworded_claim(reader: CrossEncoder) -> None:
    """The product's own example: one position in other words, which the features miss."""
    a = "The ambassador said the missile shield is really aimed at Russia."
    b = "According to the envoy, the missile defence system in fact targets Russia."
    backend = HybridSimilarity()
    [alone] = judge_pairs([a], [b], backend, PairSettings(cross_encoder=False), cross=reader)
    [both] = judge_pairs([a], [b], backend, cross=reader)
    assert (alone.relation, both.relation) == ("related", "shared")


def test_the_blend_is_the_mean_of_the_two_models(reader: CrossEncoder) -> None:
    backend = HybridSimilarity()
    left, right = [SUSPENDED, SUSPENDED], [PARAPHRASE, UNRELATED]
    signals = pair_scores(left, right, backend)
    parts = probability_parts(left, right, signals, semantic=backend.semantic, cross=reader)
    assert list(parts) == ["features", "cross-encoder"]
    np.testing.assert_allclose(parts["cross-encoder"], reader.probability(left, right))
    for k, verdict in enumerate(judge_pairs(left, right, backend, cross=reader)):
        f, c = float(parts["features"][k]), float(parts["cross-encoder"][k])
        mean = (f + c) / 2
        assert f"P(same claim) {mean:.2f} = mean of features {f:.2f}, cross-encoder {c:.2f}" in (
            verdict.reason
        )
        assert (verdict.relation == "shared") == (mean >= 0.5)


def test_missing_model_leaves_the_features_alone(tmp_path: Path) -> None:
    missing = CrossEncoder(tmp_path / "none")
    assert not missing.available()
    assert missing.notice is not None and str(tmp_path / "none") in missing.notice
    verdicts = judge_pairs([SUSPENDED], [PARAPHRASE], HybridSimilarity(), cross=missing)
    assert "cross-encoder" not in verdicts[0].reason and "P(same claim)" in verdicts[0].reason


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"\x00\x01 not an onnx graph", "model.onnx unreadable"), (None, "no such file")],
)
def test_broken_or_absent_graph_is_named(
    tmp_path: Path, content: bytes | None, problem: str
) -> None:
    shutil.copy(SHIPPED / "tokenizer.json", tmp_path / "tokenizer.json")
    if content is not None:
        (tmp_path / "model.onnx").write_bytes(content)
    broken = CrossEncoder(tmp_path)
    assert not broken.available()
    assert broken.failure is not None and problem in broken.failure
    with pytest.raises(RuntimeError, match="cross-encoder unavailable"):
        broken.probability(["a"], ["b"])


def test_cli_warns_once_when_the_cross_encoder_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "pairs.csv"
    table.write_text(f'a,b\n"{SUSPENDED}","{PARAPHRASE}"\n', encoding="utf-8")
    monkeypatch.setenv(CROSS_ENCODER_DIR_VARIABLE, str(tmp_path / "none"))
    default_cross_encoder.cache_clear()
    try:
        assert main(["pairs", str(table), "--left", "a", "--right", "b"]) == 0
    finally:
        default_cross_encoder.cache_clear()
    out, err = capsys.readouterr()
    assert err.count("cross-encoder not available") == 1 and str(tmp_path / "none") in err
    assert ",shared," in out and "cross-encoder" not in out


def test_cli_pairs_uses_the_shipped_cross_encoder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "pairs.csv"
    table.write_text(f'a,b\n"{SUSPENDED}","{UNRELATED}"\n', encoding="utf-8")
    assert main(["pairs", str(table), "--left", "a", "--right", "b"]) == 0
    out, err = capsys.readouterr()
    assert "cross-encoder" in out and ",unrelated," in out and "cross-encoder" not in err


def test_provenance_matches_the_shipped_files() -> None:
    record = json.loads((SHIPPED / "PROVENANCE.json").read_text(encoding="utf-8"))
    for name, digest in record["files"].items():
        assert hashlib.sha256((SHIPPED / name).read_bytes()).hexdigest() == digest, name
    assert record["source_weights_sha256"].startswith("53aa5117")
    assert "research use only" in record["licence"]
    assert record["script"] == "tools/build_pair_encoder.py"
    assert (Path(__file__).resolve().parents[3] / record["script"]).is_file()


def test_long_files_report_progress_as_pairs_are_read(reader: CrossEncoder) -> None:
    heard: list[tuple[int, int]] = []
    left, right = [SUSPENDED] * 60, [PARAPHRASE, UNRELATED] * 30
    judge_pairs(
        left, right, HybridSimilarity(), cross=reader, progress=lambda d, t: heard.append((d, t))
    )
    assert heard == [(50, 120), (60, 120), (110, 120), (120, 120)]


def test_cli_progress_shows_on_a_terminal_only() -> None:
    import io

    from claimdiff.cli.cli import _progress_line

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert _progress_line(io.StringIO(), "reading") is None
    screen = Terminal()
    show = _progress_line(screen, "reading pairs together")
    assert show is not None
    show(1_200, 10_000)
    assert "\rclaimdiff: reading pairs together: 1,200 of 10,000 (12%)" in screen.getvalue()
