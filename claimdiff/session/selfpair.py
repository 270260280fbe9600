"""An article compared with itself: the right copy's ids, and the way back to the stored ones.

Claim ids derive from article ids (``f"{article.id}:c{n}"``) and must be unique within a
comparison, so when both sides are the same article the right copy gets ``RIGHT_SUFFIX``.
Every consumer (the pipeline, the corpus jobs, the window's corrections) renames and
un-renames through these functions, never by slicing strings of its own.
"""

from __future__ import annotations

import dataclasses

from claimdiff.base.model import Article, Claim

RIGHT_SUFFIX = "~right"


def right_copy_id(article_id: str) -> str:
    """The id of the right copy of an article compared with itself."""
    return article_id + RIGHT_SUFFIX


def as_right_copy(article: Article, claims: tuple[Claim, ...]) -> tuple[Article, tuple[Claim, ...]]:
    """The article and its claims, renamed as the right copy (offsets and text unchanged)."""
    new_id = right_copy_id(article.id)
    renamed = tuple(
        dataclasses.replace(c, id=new_id + c.id[len(article.id) :], article_id=new_id)
        for c in claims
    )
    return dataclasses.replace(article, id=new_id), renamed


def stored_article_id(article_id: str) -> str:
    """The article's own id, whichever side of a self-comparison it was shown on."""
    return article_id.removesuffix(RIGHT_SUFFIX)


def stored_claim_id(claim_id: str) -> str:
    """The claim's own id (as stored), whichever side of a self-comparison it was shown on."""
    return claim_id.replace(RIGHT_SUFFIX + ":", ":", 1)


def shown_claim_id(stored_claim: str, stored_article: str, shown_article: str) -> str:
    """A stored claim's id as shown in an article whose shown id is ``shown_article``."""
    return shown_article + stored_claim[len(stored_article) :]
