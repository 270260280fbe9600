"""The semantic backend: the shipped model, its cache, the hybrid signals and the fallback."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimdiff.base.errors import InputError
from claimdiff.ingest.load import load_article
from claimdiff.labels.codebook import load_codebook
from claimdiff.session.pipeline import analyse, compare_articles
from claimdiff.similarity.semantic import (
    HybridSimilarity,
    SemanticSimilarity,
    default_backend,
    make_backend,
)
from claimdiff.similarity.similarity import LexicalSimilarity, backend_notice

REPO = Path(__file__).resolve().parents[3]
SUSPENDED = "Russia suspended its participation in the New START treaty."
PARAPHRASE = "Moscow halted its involvement in the arms control pact."
UNRELATED = "The bakery in the harbour district opens on Friday morning."


def test_shipped_model_ranks_a_paraphrase_above_an_unrelated_sentence() -> None:
    semantic = SemanticSimilarity()
    assert semantic.available(), semantic.failure
    cos = semantic.cosine([SUSPENDED], [PARAPHRASE, UNRELATED])[0]
    assert cos[0] > cos[1] + 0.2
    lexical = LexicalSimilarity().matrix([SUSPENDED], [PARAPHRASE])[0, 0]
    assert HybridSimilarity().matrix([SUSPENDED], [PARAPHRASE])[0, 0] > lexical


def test_embeddings_are_cached_per_sentence_and_bounded() -> None:
    semantic = SemanticSimilarity(cache_size=2)
    first = semantic.embed([SUSPENDED, PARAPHRASE])
    assert semantic.cached == 2
    again = semantic.embed([PARAPHRASE, SUSPENDED])
    np.testing.assert_array_equal(first[::-1], again)
    semantic.embed([UNRELATED])
    assert semantic.cached == 2  # least recently used sentence dropped


def test_missing_model_falls_back_to_lexical_with_a_notice(tmp_path: Path) -> None:
    backend = HybridSimilarity(tmp_path / "no-model")
    assert backend.name == "lexical"
    notice = backend_notice(backend)
    assert notice is not None and "semantic model not available" in notice
    left, right = [SUSPENDED, UNRELATED], [PARAPHRASE]
    np.testing.assert_array_equal(
        backend.matrix(left, right), LexicalSimilarity().matrix(left, right)
    )
    assert backend.excess_floor is None


def test_broken_model_file_falls_back_too(tmp_path: Path) -> None:
    (tmp_path / "model.safetensors").write_bytes(b"not a safetensors file")
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    backend = HybridSimilarity(tmp_path)
    assert backend.name == "lexical"
    assert backend_notice(backend)


def test_default_backend_is_hybrid_without_notice_and_shared() -> None:
    backend = default_backend()
    assert backend.name == "hybrid"
    assert backend_notice(backend) is None
    assert default_backend() is backend


def test_make_backend_semantic_refuses_when_model_is_absent(tmp_path: Path) -> None:
    assert make_backend("lexical").name == "lexical"
    assert make_backend("semantic").name == "hybrid"
    assert make_backend("auto", tmp_path).name == "lexical"
    with pytest.raises(InputError, match="semantic model not available"):
        make_backend("semantic", tmp_path)


def test_labels_on_seeds_agree_between_lexical_and_without_model(tmp_path: Path) -> None:
    """Without the model, labelling is exactly the lexical labelling (the fallback is whole)."""
    codebook = load_codebook()
    article = load_article(str(REPO / "seeds" / "004_ae97e33e177aeab3.txt"))
    fallback = analyse(article, codebook, HybridSimilarity(tmp_path))
    lexical = analyse(article, codebook, LexicalSimilarity())
    assert [c.labels for c in fallback] == [c.labels for c in lexical]


def test_seed_comparison_names_semantic_links_and_keeps_the_target_conflict() -> None:
    codebook = load_codebook()
    left = load_article(str(REPO / "seeds" / "004_ae97e33e177aeab3.txt"))
    right = load_article(str(REPO / "seeds" / "000_fbd7af67a7761638.txt"))
    hybrid = compare_articles(left, right, codebook, HybridSimilarity())
    lexical = compare_articles(left, right, codebook, LexicalSimilarity())
    assert any(link.conflict_type == "position" and link.topic == "target" for link in hybrid.links)
    assert hybrid.summary()["shared"] >= lexical.summary()["shared"]
    signals = {s for link in hybrid.links for s in link.signals}
    assert "lexical" in signals or "semantic" in signals


def test_a_reworded_claim_is_linked_and_meaning_is_credited(tmp_path: Path) -> None:
    from claimdiff.claims.claims import extract_claims
    from claimdiff.match.compare import compare

    left_file, right_file = tmp_path / "left.txt", tmp_path / "right.txt"
    left_file.write_text(
        "Treaty news\n\nRussia suspended its participation in the New START treaty in February, "
        "President Putin said.\n",
        encoding="utf-8",
    )
    right_file.write_text(
        "Treaty news\n\nPresident Putin said that in February Moscow halted its involvement in the "
        "New START arms treaty.\n",
        encoding="utf-8",
    )
    left, right = load_article(str(left_file)), load_article(str(right_file))
    claims = extract_claims(left), extract_claims(right)
    codebook = load_codebook()
    relations = {}
    for backend in (LexicalSimilarity(), HybridSimilarity()):
        links = compare(left, right, *claims, codebook, backend=backend).links
        relations[backend.name] = [(link.relation, link.signals) for link in links]
    # The one judge decides both: the words the two reports share (Putin, February, New
    # START, treaty) make it one claim even by wording alone; with the model, meaning is
    # credited beside wording (0.53 >= 0.35).
    assert relations["lexical"] == [("shared", ("lexical",))]
    assert relations["hybrid"] == [("shared", ("lexical", "semantic"))]


def test_cli_says_once_on_stderr_that_it_matches_by_wording(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from claimdiff.cli.cli import main
    from claimdiff.similarity import semantic

    monkeypatch.setenv("CLAIMDIFF_MODEL_DIR", str(tmp_path / "missing"))
    semantic._shared_hybrid.cache_clear()
    try:
        seeds = [
            str(REPO / "seeds" / n)
            for n in ("004_ae97e33e177aeab3.txt", "000_fbd7af67a7761638.txt")
        ]
        assert main(["claims", *seeds, "--format", "csv"]) == 0
        err = capsys.readouterr().err
        assert err.count("semantic model not available") == 1
        assert main(["claims", seeds[0], "--backend", "semantic"]) == 2
        assert "semantic model not available" in capsys.readouterr().err
    finally:
        semantic._shared_hybrid.cache_clear()
