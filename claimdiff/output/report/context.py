"""What a comparison report says, gathered once, before any format is chosen.

Every output (HTML, the PDF's HTML variant, Markdown) renders the same ``ReportContext``, so
the formats cannot drift apart: a conflict listed in the HTML is listed in the PDF and the
Markdown with the same reason. Values here are plain text; escaping is each renderer's job.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from claimdiff import __version__
from claimdiff.base.model import RELATIONS, Article, Claim, Comparison, DiffOp, Link, Relation
from claimdiff.output.report.names import Names
from claimdiff.output.report.timeline_view import timeline_fields
from claimdiff.session.linkindex import strongest

if TYPE_CHECKING:
    from claimdiff.labels.codebook import Codebook

OWN_VOICE = "(the outlet)"
NO_TOPIC = "(no topic)"


@dataclass(frozen=True, slots=True)
class ArticleView:
    side: str  # "Left" / "Right"
    article: Article
    claims: int

    @property
    def date_line(self) -> str:
        return f"{self.article.date or 'undated'} (from {self.article.date_source})"


@dataclass(frozen=True, slots=True)
class LabelView:
    topic: str
    position: str
    score: float
    evidence: str
    decided_by: str
    colour: str

    @property
    def short(self) -> str:
        return f"{self.topic}: {self.position} ({self.score:.2f})"


@dataclass(frozen=True, slots=True)
class ClaimView:
    claim: Claim
    side: str  # "left" / "right"
    relation: Relation | None
    labels: tuple[LabelView, ...]
    number: int  # 1-based place among its article's claims

    @property
    def speaker(self) -> str:
        return self.claim.speaker or OWN_VOICE

    @property
    def ref(self) -> str:
        """Short marker printed after the claim in the texts, e.g. "L7"."""
        return f"{self.side[0].upper()}{self.number}"

    @property
    def positions(self) -> str:
        return "; ".join(lab.short for lab in self.labels) or "—"


@dataclass(frozen=True, slots=True)
class LinkView:
    link: Link
    topic: str
    reason: str  # the link's reason with the codebook's labels in place of ids
    left: ClaimView | None
    right: ClaimView | None

    @property
    def relation(self) -> Relation:
        return self.link.relation

    @property
    def diff(self) -> tuple[DiffOp, ...]:
        return self.link.diff

    @property
    def changed_marks(self) -> str:
        marks = sorted({m for op in self.link.diff for m in op.marks})
        return ", ".join(marks)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of article text with one look: plain body, furniture, title or a claim."""

    text: str
    kind: str  # "body", "title", "furniture"
    claim: ClaimView | None = None
    last: bool = False  # the claim's final run: its reference marker goes after it


@dataclass(frozen=True, slots=True)
class TopicRow:
    topic: str
    counts: dict[Relation, int]


@dataclass(frozen=True, slots=True)
class ReportContext:
    left: ArticleView
    right: ArticleView
    codebook: dict[str, str]
    settings: tuple[tuple[str, str], ...]
    version: str
    made_at: str
    totals: dict[str, int]
    topics: tuple[TopicRow, ...]
    conflicts: tuple[LinkView, ...]
    shared: tuple[LinkView, ...]
    only: tuple[LinkView, ...]
    texts: tuple[tuple[tuple[Segment, ...], ...], tuple[tuple[Segment, ...], ...]]
    claims: tuple[ClaimView, ...]
    timeline: tuple[dict[str, Any], ...] = ()
    timeline_columns: tuple[str, ...] = ()
    charts: tuple[tuple[str, str], ...] = ()  # (topic label, SVG markup)
    timeline_note: str = ""
    memos: tuple[tuple[str, str], ...] = ()  # (what the memo is about, the analyst's words)

    @property
    def title(self) -> str:
        return f"{self.left.article.title} ⇄ {self.right.article.title}"


def build_context(
    comparison: Comparison,
    *,
    codebook: Codebook | None = None,
    timeline: Any = None,
    made_at: datetime | None = None,
    memos: tuple[tuple[str, str], ...] = (),
) -> ReportContext:
    """Collect everything a report shows; ``timeline`` is a timeline_frame DataFrame or None;
    ``memos`` are the analyst's notes on claims and links, as (about, text)."""
    names = Names(codebook)
    views = _claim_views(comparison, names)
    links = tuple(_link_view(link, views, names) for link in comparison.links)
    stamp = (made_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    settings = comparison.settings
    context = ReportContext(
        left=ArticleView("Left", comparison.left, len(comparison.left_claims)),
        right=ArticleView("Right", comparison.right, len(comparison.right_claims)),
        codebook={
            "name": comparison.codebook.name,
            "path": comparison.codebook.path,
            "sha256": comparison.codebook.sha256,
        },
        settings=(
            ("similarity backend", settings.backend),
            ("candidate threshold", f"{settings.candidate_threshold:g}"),
            ("shared threshold", f"{settings.shared_threshold:g}"),
            ("time-shift gap (days)", str(settings.year_gap_days)),
        ),
        version=__version__,
        made_at=stamp.isoformat().replace("+00:00", "Z"),
        totals=comparison.summary(),
        topics=_topic_rows(links),
        conflicts=tuple(v for v in links if v.relation == "conflicting"),
        shared=tuple(v for v in links if v.relation == "shared"),
        only=tuple(v for v in links if v.relation in ("left_only", "right_only")),
        texts=(
            paragraphs(comparison.left, [views[c.id] for c in comparison.left_claims]),
            paragraphs(comparison.right, [views[c.id] for c in comparison.right_claims]),
        ),
        claims=tuple(views[c.id] for c in (*comparison.left_claims, *comparison.right_claims)),
        memos=memos,
    )
    if timeline is None:
        return context
    return dataclasses.replace(context, **timeline_fields(timeline, names))


def _claim_views(comparison: Comparison, names: Names) -> dict[str, ClaimView]:
    links: dict[str, list[Link]] = {}
    for link in comparison.links:
        for claim_id in (link.left, link.right):
            if claim_id is not None:
                links.setdefault(claim_id, []).append(link)
    views: dict[str, ClaimView] = {}
    for side, claims in (("left", comparison.left_claims), ("right", comparison.right_claims)):
        for number, claim in enumerate(claims, start=1):
            labels = tuple(
                LabelView(
                    topic=names.topic(lab.topic),
                    position=names.position(lab.topic, lab.position),
                    score=lab.score,
                    evidence=lab.evidence,
                    decided_by=lab.decided_by,
                    colour=names.colour(lab.topic, lab.position),
                )
                for lab in claim.labels
            )
            found = links.get(claim.id)
            relation = strongest(found).relation if found else None
            views[claim.id] = ClaimView(claim, side, relation, labels, number)
    return views


def _link_view(link: Link, views: dict[str, ClaimView], names: Names) -> LinkView:
    return LinkView(
        link=link,
        topic=names.topic(link.topic) if link.topic else NO_TOPIC,
        reason=names.reason(link),
        left=views.get(link.left) if link.left else None,
        right=views.get(link.right) if link.right else None,
    )


def _topic_rows(links: Iterable[LinkView]) -> tuple[TopicRow, ...]:
    rows: dict[str, dict[Relation, int]] = {}
    for view in links:
        counts = rows.setdefault(view.topic, dict.fromkeys(RELATIONS, 0))
        counts[view.relation] += 1
    ordered = sorted(rows, key=lambda t: (t == NO_TOPIC, t))
    return tuple(TopicRow(t, rows[t]) for t in ordered)


def paragraphs(article: Article, claims: list[ClaimView]) -> tuple[tuple[Segment, ...], ...]:
    """The article's text cut into paragraphs of uniformly styled runs.

    Cuts fall at every span and claim boundary; each run then takes the look of whatever
    covers its first character. Empty lines are dropped: the report shows paragraphs, not
    the scrape's blank-line layout.
    """
    text = article.text
    ordered = sorted(claims, key=lambda v: v.claim.start)
    starts = [v.claim.start for v in ordered]
    cuts = {0, len(text)}
    for span in article.spans:
        cuts.update((span.start, span.end))
    for view in ordered:
        cuts.update((view.claim.start, view.claim.end))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[list[Segment]] = [[]]
    for a, b in pairwise(bounds):
        kind = next((s.kind for s in article.spans if s.start <= a < s.end), "body")
        i = bisect_right(starts, a) - 1
        owner = ordered[i] if i >= 0 and a < ordered[i].claim.end else None
        last = owner is not None and b >= owner.claim.end
        _append_run(out, text[a:b], kind if owner is None else "body", owner, last)
    return tuple(tuple(p) for p in out if any(s.text.strip() for s in p))


def _append_run(
    out: list[list[Segment]], run: str, kind: str, owner: ClaimView | None, last: bool
) -> None:
    pieces = run.split("\n")
    for n, piece in enumerate(pieces):
        if n:
            out.append([])
        if piece:
            out[-1].append(Segment(piece, kind, owner, last and n == len(pieces) - 1))
