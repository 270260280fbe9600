"""The analyser remembers claims, not parses: once an article's claims are read its Doc is
dropped, so a long comparison does not hold both parses while it matches."""

from __future__ import annotations

from pathlib import Path

from claimdiff.base.model import Article
from claimdiff.labels.codebook import load_codebook
from claimdiff.language import nlp
from claimdiff.session.pipeline import Analyser

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def test_claims_are_remembered_and_the_parse_is_forgotten() -> None:
    path = sorted(SEEDS.glob("*.txt"))[0]
    text = path.read_text(encoding="utf-8")
    article = Article(path.stem, str(path), path.stem, None, None, "none", text)
    analyser = Analyser(load_codebook())
    parsed = nlp.parse(text)
    claims = analyser.claims(article)
    assert claims, "a seed article has claims"
    doc = nlp.parse(text)
    assert doc is not parsed  # parsed afresh: the analyser dropped the Doc it read
    assert nlp.parse(text) is doc
    assert analyser.claims(article) is claims  # remembered: not analysed again
    assert nlp.parse(text) is doc
