"""Lookups over one comparison, computed once, so views never rescan every link per claim.

A window redraws its panes on every topic change, swap and selection; with two long
articles (about 200 claims and 300 links each) scanning the links once per claim, and the
claims once per link, took about a second on the GUI thread. ``LinkIndex`` builds the maps
once per comparison (claim id -> claim, claim -> its links, reading order) and keeps the
per-topic answers (links shown, each claim's strongest relation) after their first use.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claimdiff.base.model import RELATIONS, Claim, Comparison, Link, Side
from claimdiff.base.palette import RELATION_RANK


@dataclass(frozen=True)
class TopicView:
    """What one topic filter lets through: links in reading order and claims' relations."""

    links: tuple[Link, ...]
    by_claim: dict[str, tuple[Link, ...]]
    relations: dict[str, str]
    counts: dict[str, int]


@dataclass
class LinkIndex:
    """Everything the views look up about a comparison, by claim id or by link."""

    comparison: Comparison
    claims: dict[str, Claim] = field(init=False)
    side_ids: dict[Side, frozenset[str]] = field(init=False)
    reading: tuple[Link, ...] = field(init=False)  # every link, in reading order
    keys: dict[Link, tuple[float, int]] = field(init=False)
    positions: dict[Link, int] = field(init=False)  # place in comparison.links
    _topics: dict[str | None, TopicView] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        cmp = self.comparison
        # Left wins on a shared id, as in Comparison.claim (an article compared with itself).
        self.claims = {c.id: c for c in (*cmp.right_claims, *cmp.left_claims)}
        self.side_ids = {
            "left": frozenset(c.id for c in cmp.left_claims),
            "right": frozenset(c.id for c in cmp.right_claims),
        }
        self.positions = {}
        for i, link in enumerate(cmp.links):
            self.positions.setdefault(link, i)
        self.keys = {link: self.reading_key(link) for link in cmp.links}
        self.reading = tuple(sorted(cmp.links, key=self.keys.__getitem__))

    def reading_key(self, link: Link) -> tuple[float, int]:
        """Position in the text as a fraction, so left-only and right-only interleave."""
        cmp = self.comparison
        if link.left and link.left in self.claims:
            return self.claims[link.left].start / max(1, len(cmp.left.text)), 0
        if link.right and link.right in self.claims:
            return self.claims[link.right].start / max(1, len(cmp.right.text)), 1
        return 1.0, 2

    def view(self, topic: str | None) -> TopicView:
        """The links one topic filter shows (None: all), computed on first use."""
        found = self._topics.get(topic)
        if found is None:
            found = self._topics[topic] = self._build_view(topic)
        return found

    def _build_view(self, topic: str | None) -> TopicView:
        links = tuple(lk for lk in self.reading if topic is None or lk.topic == topic)
        grouped: dict[str, list[Link]] = {}
        counts: dict[str, int] = dict.fromkeys(RELATIONS, 0)
        for link in links:
            counts[link.relation] += 1
            for cid in (link.left, link.right):
                if cid:
                    grouped.setdefault(cid, []).append(link)
        by_claim = {cid: tuple(found) for cid, found in grouped.items()}
        relations: dict[str, str] = {
            cid: strongest(found).relation for cid, found in by_claim.items()
        }
        return TopicView(links, by_claim, relations, counts)


def strongest(links: tuple[Link, ...] | list[Link]) -> Link:
    """The link whose relation a claim's highlight shows (first in reading order on ties).

    The one rule for a claim in several links, used by the panes, the selection and the
    reports alike: a conflict is never hidden behind agreement (``RELATION_RANK``).
    """
    return max(links, key=lambda lk: RELATION_RANK[lk.relation])
