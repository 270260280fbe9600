"""An article compared with itself: renamed right copy, and back to the stored ids."""

from __future__ import annotations

from claimdiff.claims.claims import extract_claims
from claimdiff.ingest.load import load_article
from claimdiff.ingest.seeds import sample_pair
from claimdiff.session.pipeline import compare_files
from claimdiff.session.selfpair import (
    as_right_copy,
    shown_claim_id,
    stored_article_id,
    stored_claim_id,
)


def test_right_copy_round_trips_to_the_stored_ids() -> None:
    article = load_article(sample_pair()[0])
    claims = extract_claims(article)
    assert claims
    right, renamed = as_right_copy(article, claims)
    assert right.id != article.id and right.text == article.text
    assert {c.id for c in renamed}.isdisjoint({c.id for c in claims})
    for original, copy in zip(claims, renamed, strict=True):
        assert copy.article_id == right.id
        assert (copy.start, copy.end, copy.text) == (original.start, original.end, original.text)
        assert stored_claim_id(copy.id) == original.id
        assert stored_claim_id(original.id) == original.id  # the left side is already stored
        assert shown_claim_id(original.id, article.id, right.id) == copy.id
    assert stored_article_id(right.id) == stored_article_id(article.id) == article.id


def test_pipeline_names_the_right_copy_as_selfpair_does() -> None:
    path = sample_pair()[0]
    comparison = compare_files(path, path)
    assert stored_article_id(comparison.right.id) == comparison.left.id != comparison.right.id
    left_ids = {c.id for c in comparison.left_claims}
    assert {stored_claim_id(c.id) for c in comparison.right_claims} == left_ids
