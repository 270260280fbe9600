"""The versioned JSON documents other tools read: comparisons and claim lists.

The shape is a contract (docs/json-format.md): fields are only ever added within a schema
version; renaming or removing one bumps the version. Claim objects are the same in both
documents so a script that reads one reads the other.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from claimdiff import __version__
from claimdiff.base.model import Article, Claim, CodebookRef, Comparison, Label, Link, Mention

COMPARISON_SCHEMA = {"name": "claimdiff.comparison", "version": 1}
CLAIMS_SCHEMA = {"name": "claimdiff.claims.claims", "version": 1}


def article_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "path": article.location,
        "title": article.title,
        "source": article.source,
        "date": article.date,
        "date_source": article.date_source,
        "format": article.format,
        "sha256": article.checksum,
    }


def label_dict(label: Label) -> dict[str, Any]:
    return {
        "topic": label.topic,
        "position": label.position,
        "score": round(label.score, 4),
        "evidence": label.evidence,
        "decided_by": label.decided_by,
    }


def claim_dict(claim: Claim, side: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": claim.id}
    if side is not None:
        out["side"] = side
    out.update(
        {
            "article": claim.article_id,
            "text": claim.text,
            "start": claim.start,
            "end": claim.end,
            "speaker": claim.speaker,
            "quote": claim.quote,
            "source_span": list(claim.source_span) if claim.source_span else None,
            "cue": claim.cue,
            "cue_span": list(claim.cue_span) if claim.cue_span else None,
            "negated": claim.negated,
            "hedged": claim.hedged,
            "cues": list(claim.cues),
            "entities": list(claim.entities),
            "mentions": [mention_dict(m) for m in claim.mentions],
            "sentence_start": claim.sentence_start,
            "sentence_end": claim.sentence_end,
            "labels": [label_dict(lab) for lab in claim.labels],
        }
    )
    return out


def mention_dict(mention: Mention) -> dict[str, Any]:
    return {
        "label": mention.label,
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "value": mention.value,
    }


def link_dict(link: Link) -> dict[str, Any]:
    return {
        "left": link.left,
        "right": link.right,
        "relation": link.relation,
        "topic": link.topic,
        "score": round(link.score, 4),
        "reason": link.reason,
        "conflict_type": link.conflict_type,
        "time_shift": link.time_shift,
        "signals": list(link.signals),
        "diff": [
            {"tag": op.tag, "left": op.left, "right": op.right, "marks": list(op.marks)}
            for op in link.diff
        ],
    }


def codebook_dict(ref: CodebookRef) -> dict[str, Any]:
    return {"name": ref.name, "path": ref.path, "sha256": ref.sha256}


def _generator() -> dict[str, str]:
    return {"name": "claimdiff", "version": __version__}


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    """The whole comparison as plain JSON-ready data."""
    settings = comparison.settings
    summary: dict[str, int] = dict(comparison.summary())
    summary["claims_left"] = len(comparison.left_claims)
    summary["claims_right"] = len(comparison.right_claims)
    return {
        "schema": COMPARISON_SCHEMA,
        "generator": _generator(),
        "codebook": codebook_dict(comparison.codebook),
        "settings": {
            "backend": settings.backend,
            "candidate_threshold": settings.candidate_threshold,
            "shared_threshold": settings.shared_threshold,
            "year_gap_days": settings.year_gap_days,
        },
        "articles": {
            "left": article_dict(comparison.left),
            "right": article_dict(comparison.right),
        },
        "claims": [claim_dict(c, "left") for c in comparison.left_claims]
        + [claim_dict(c, "right") for c in comparison.right_claims],
        "links": [link_dict(link) for link in comparison.links],
        "summary": summary,
    }


def claims_dict(
    items: Sequence[tuple[Article, Sequence[Claim]]], codebook: CodebookRef
) -> dict[str, Any]:
    return {
        "schema": CLAIMS_SCHEMA,
        "generator": _generator(),
        "codebook": codebook_dict(codebook),
        "articles": [article_dict(a) for a, _ in items],
        "claims": [claim_dict(c) for _, claims in items for c in claims],
    }


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
