"""Align the claims of two articles and say how each pair relates, Meld-style.

Pure functions over claim sequences that return ``Link`` records. Candidate pairs come from
two places: sentences that read alike (the similarity backend's matrix, cut at the candidate
threshold) and sentences the codebook puts on the same topic however they are worded. Each
candidate is classified once; a small greedy selection then keeps the best partners per
claim, so the link map stays readable instead of drawing every same-position pair.

Links come out in a merged reading order rather than left-then-right, the way a diff
interleaves deletions and insertions: left claims in order, each followed by its partners,
and each right-only claim placed just before the first link whose right claim comes after
it in the right article (at the end when none does). Within a stretch between two links,
left-only claims thus come first, then right-only ones, each in their article's order.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple, Protocol

import numpy as np

from claimdiff.conflict import detail_conflict
from claimdiff.diff import word_diff
from claimdiff.model import (
    Article,
    Claim,
    CodebookRef,
    Comparison,
    Label,
    Link,
    MatchSettings,
)
from claimdiff.similarity import SimilarityBackend, default_backend

# Below this two sentences share too little for a word diff to help: with the lexical backend
# unrelated sentences of seeds 004 and 000 already score 0.43 (median) to 0.55 (maximum).
DIFF_THRESHOLD = 0.6
LINKS_PER_CLAIM = 2
LABEL_WEIGHT = 0.7  # in a position link, how much the labels count against plain similarity


class OpposesCodebook(Protocol):
    """All comparison needs from a codebook: its identity and which positions clash."""

    @property
    def ref(self) -> CodebookRef: ...

    def opposes(self, topic: str, a: str, b: str) -> bool: ...


class Pair(NamedTuple):
    """A classified candidate: left and right claim indices and the link they would get."""

    i: int
    j: int
    link: Link


@dataclasses.dataclass(frozen=True, slots=True)
class _Context:
    codebook: OpposesCodebook
    settings: MatchSettings
    signal: str  # the backend's name, reported in ``Link.signals``
    days_apart: int | None


def compare(
    left: Article,
    right: Article,
    left_claims: Sequence[Claim],
    right_claims: Sequence[Claim],
    codebook: OpposesCodebook,
    *,
    backend: SimilarityBackend | None = None,
    settings: MatchSettings | None = None,
) -> Comparison:
    """Link every claim of ``left`` to its partners in ``right``, or mark it as one-sided."""
    backend = backend or default_backend()
    settings = dataclasses.replace(settings or MatchSettings(), backend=backend.name)
    ctx = _Context(codebook, settings, backend.name, days_apart(left.date, right.date))
    sim = similarity_matrix(backend, left_claims, right_claims)
    candidates = candidate_pairs(sim, left_claims, right_claims, settings.candidate_threshold)
    sources = signal_sources(backend, left_claims, right_claims)
    event = event_matrix(backend, left_claims, right_claims, sim)
    pairs = [
        Pair(i, j, _credited(link, sources, (i, j), settings.candidate_threshold))
        for i, j in candidates
        if (
            link := classify(
                left_claims[i], right_claims[j], float(sim[i, j]), ctx, float(event[i, j])
            )
        )
    ]
    # A word diff only helps where the wording is close, whatever the meaning says.
    textual = sources.get("lexical", sim)
    kept = [_with_diff(p, left_claims, right_claims, textual) for p in select(pairs)]
    links = order_links(kept, _orphans(sim, left_claims, right_claims, kept))
    return Comparison(
        left, right, tuple(left_claims), tuple(right_claims), links, codebook.ref, settings
    )


def similarity_matrix(
    backend: SimilarityBackend, left: Sequence[Claim], right: Sequence[Claim]
) -> np.ndarray:
    if not left or not right:
        return np.zeros((len(left), len(right)), dtype=np.float32)
    return np.asarray(backend.matrix([c.text for c in left], [c.text for c in right]))


def event_matrix(
    backend: SimilarityBackend, left: Sequence[Claim], right: Sequence[Claim], sim: np.ndarray
) -> np.ndarray:
    """Same-event scores for detail conflicts: the backend's own if it has them, else ``sim``."""
    own = getattr(backend, "event_matrix", None)
    if own is None or not left or not right:
        return sim
    return np.asarray(own([c.text for c in left], [c.text for c in right]))


def signal_sources(
    backend: SimilarityBackend, left: Sequence[Claim], right: Sequence[Claim]
) -> dict[str, np.ndarray]:
    """Per-signal matrices of a combined backend (e.g. semantic and lexical), else none."""
    components = getattr(backend, "components", None)
    if components is None or not left or not right:
        return {}
    found: dict[str, np.ndarray] = components([c.text for c in left], [c.text for c in right])
    return found


def _credited(
    link: Link, sources: dict[str, np.ndarray], at: tuple[int, int], threshold: float
) -> Link:
    """Name the signals that actually found this pair instead of the combined backend.

    Wording is the plainer explanation, so it is credited whenever it reaches the threshold;
    another signal (meaning) is credited when it reaches it and scores above the wording,
    i.e. when it found more than shared words. With neither, the stronger one is named.
    """
    if not sources:
        return link
    first, *others = sources
    base = float(sources[first][at])
    named = tuple(
        [first] * (base >= threshold)
        + [n for n in others if float(sources[n][at]) >= threshold and sources[n][at] > base]
    )
    if not named:
        named = (max(sources, key=lambda name: float(sources[name][at])),)
    kept = tuple(s for s in link.signals if s == "position")
    if link.signals == kept:
        return link
    return dataclasses.replace(link, signals=kept + named)


def candidate_pairs(
    sim: np.ndarray, left: Sequence[Claim], right: Sequence[Claim], threshold: float
) -> list[tuple[int, int]]:
    """Pairs that read alike, plus pairs labelled on a common topic however they are worded."""
    found = {(int(i), int(j)) for i, j in np.argwhere(sim >= threshold)}
    right_by_topic: dict[str, list[int]] = {}
    for j, claim in enumerate(right):
        for label in claim.labels:
            right_by_topic.setdefault(label.topic, []).append(j)
    for i, claim in enumerate(left):
        for label in claim.labels:
            found.update((i, j) for j in right_by_topic.get(label.topic, ()))
    return sorted(found)


def classify(
    left: Claim, right: Claim, sim: float, ctx: _Context, event: float | None = None
) -> Link | None:
    """The relation of one candidate pair, or None when it turns out to be no relation.

    Opposing positions win over everything: that is the disagreement the reader came for.
    Then a contradicting detail between near-identical sentences, then a shared position,
    then plain shared content. ``event`` (default ``sim``) says how surely the two report
    the same event; a detail conflict or plain shared content needs both that and ``sim``.
    """
    by_position = position_link(left, right, sim, ctx)
    if by_position is not None and by_position.relation == "conflicting":
        return by_position
    same_event = sim if event is None else event
    if min(sim, same_event) >= ctx.settings.shared_threshold:
        found = detail_conflict(left.text, right.text)
        if found is not None:
            kind, explanation = found
            reason = f"same event, {explanation} (similarity {sim:.2f})"
            link = Link(
                "conflicting", left.id, right.id, sim, reason, None, kind, signals=(ctx.signal,)
            )
            return _time_shifted(link, ctx)
    if by_position is not None:
        return by_position
    if min(sim, same_event) >= ctx.settings.shared_threshold:
        reason = f"same content (similarity {sim:.2f})"
        return Link("shared", left.id, right.id, sim, reason, signals=(ctx.signal,))
    return None


def position_link(left: Claim, right: Claim, sim: float, ctx: _Context) -> Link | None:
    """A link from the codebook labels alone: opposing positions first, then the same one."""
    best: Link | None = None
    for lab in left.labels:
        other = right.label_for(lab.topic)
        if other is None:
            continue
        link = _label_link((left, right), (lab, other), sim, ctx)
        if link is not None and (best is None or _outranks(link, best)):
            best = link
    return best


def _outranks(link: Link, other: Link) -> bool:
    if (link.relation == "conflicting") != (other.relation == "conflicting"):
        return link.relation == "conflicting"
    return link.score > other.score


def _label_link(
    claims: tuple[Claim, Claim], labels: tuple[Label, Label], sim: float, ctx: _Context
) -> Link | None:
    (left, right), (lab, other) = claims, labels
    score = LABEL_WEIGHT * (lab.score + other.score) / 2 + (1 - LABEL_WEIGHT) * sim
    score = min(1.0, max(0.0, score))
    signals = ("position", ctx.signal) if sim >= ctx.settings.candidate_threshold else ("position",)
    who = f"({_speaker(left)})", f"({_speaker(right)})"
    if lab.position == other.position:
        reason = f"topic {lab.topic}: both say {lab.position} — left {who[0]}, right {who[1]}"
        return Link("shared", left.id, right.id, score, reason, lab.topic, signals=signals)
    if not ctx.codebook.opposes(lab.topic, lab.position, other.position):
        return None
    reason = (
        f"topic {lab.topic}: left says {lab.position} {who[0]}, "
        f"right says {other.position} {who[1]}"
    )
    link = Link(
        "conflicting", left.id, right.id, score, reason, lab.topic, "position", signals=signals
    )
    return _time_shifted(link, ctx)


def _time_shifted(link: Link, ctx: _Context) -> Link:
    """Conflicts between articles far apart in time are flagged and explained as such."""
    days = ctx.days_apart
    if days is None or days <= ctx.settings.year_gap_days:
        return link
    reason = (
        f"{link.reason} — {days / 365.25:.1f} years apart: a shift over time rather than a "
        "contradiction between contemporaries"
    )
    return dataclasses.replace(link, reason=reason, time_shift=True)


def _speaker(claim: Claim) -> str:
    return claim.speaker or "outlet"


def days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two ISO dates; None when either is missing or unreadable."""
    if not a or not b:
        return None
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except ValueError:
        return None


def select(pairs: Iterable[Pair], cap: int = LINKS_PER_CLAIM) -> list[Pair]:
    """Keep the best-scoring pairs so each claim has a few partners, not all of them.

    First a greedy one-to-one matching per relation, so three similar claims on each side
    pair off as three links instead of nine. Then claims still without a partner of that
    relation may join their best partner, as long as neither end exceeds ``cap`` links.
    """
    ranked = sorted(pairs, key=lambda p: (-p.link.score, p.i, p.j))
    total: Counter[tuple[str, int]] = Counter()
    per_relation: Counter[tuple[str, int, str]] = Counter()
    kept: list[Pair] = []
    for one_to_one in (True, False):
        for pair in ranked:
            rel = pair.link.relation
            ends = (("L", pair.i), ("R", pair.j))
            has = [per_relation[(*end, rel)] > 0 for end in ends]
            if any(has) if one_to_one else all(has):
                continue
            if any(total[end] >= cap for end in ends):
                continue
            kept.append(pair)
            for end in ends:
                total[end] += 1
                per_relation[(*end, rel)] += 1
    return kept


def _with_diff(pair: Pair, left: Sequence[Claim], right: Sequence[Claim], sim: np.ndarray) -> Pair:
    if sim[pair.i, pair.j] < DIFF_THRESHOLD:
        return pair
    diff = word_diff(left[pair.i].text, right[pair.j].text)
    return pair._replace(link=dataclasses.replace(pair.link, diff=diff))


def _orphans(
    sim: np.ndarray, left: Sequence[Claim], right: Sequence[Claim], kept: Sequence[Pair]
) -> list[Pair]:
    """One-sided links for unpartnered claims; the score says how alone the claim is."""
    linked_left = {p.i for p in kept}
    linked_right = {p.j for p in kept}
    orphans: list[Pair] = []
    for i, claim in enumerate(left):
        if i not in linked_left:
            closest = float(sim[i].max()) if len(right) else 0.0
            reason = f"no claim of the right article matches (closest similarity {closest:.2f})"
            orphans.append(Pair(i, -1, Link("left_only", claim.id, None, 1 - closest, reason)))
    for j, claim in enumerate(right):
        if j not in linked_right:
            closest = float(sim[:, j].max()) if len(left) else 0.0
            reason = f"no claim of the left article matches (closest similarity {closest:.2f})"
            orphans.append(Pair(-1, j, Link("right_only", None, claim.id, 1 - closest, reason)))
    return orphans


def order_links(kept: Sequence[Pair], orphans: Sequence[Pair]) -> tuple[Link, ...]:
    """Merged reading order (see the module docstring)."""
    anchors = sorted((p.j, p.i) for p in kept)
    anchor_rights = [j for j, _ in anchors]
    end = max((p.i for p in [*kept, *orphans]), default=0) + 1

    def position(p: Pair) -> tuple[int, int, int]:
        if p.i >= 0:
            return (p.i, 0, p.j)
        # Before the first link whose right claim follows this one, like a diff's insertions.
        k = bisect_left(anchor_rights, p.j)
        following_left = min((i for _, i in anchors[k:]), default=end)
        return (following_left, -1, p.j)

    return tuple(p.link for p in sorted([*kept, *orphans], key=position))
