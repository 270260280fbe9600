"""Qt-free view state of the window: the open comparison, the selection, the filters.

Widgets read from it and ask it to change; it knows nothing of Qt, so navigation and
selection rules are tested without a QApplication.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from claimdiff.base.model import RELATIONS, Claim, Comparison, DiffOp, Link, Side
from claimdiff.session.linkindex import LinkIndex, TopicView, strongest

SWAP_RELATION = {
    "shared": "shared",
    "conflicting": "conflicting",
    "left_only": "right_only",
    "right_only": "left_only",
}
SWAP_TAG = {"equal": "equal", "replace": "replace", "insert": "delete", "delete": "insert"}


class Session:
    """What the user has open and selected; one per main window.

    Every query goes through a ``LinkIndex`` built once per comparison (and again after a
    swap), so a view update costs lookups, not scans of every link per claim.
    """

    def __init__(self) -> None:
        self.comparison: Comparison | None = None
        self.index: LinkIndex | None = None
        self._flipped: tuple[Comparison, LinkIndex] | None = None
        self.selected: Link | None = None
        self.topic: str | None = None  # None: all topics

    def open(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.index = LinkIndex(comparison)
        self.selected = None
        self._flipped = None  # the other way round

    # --- queries -------------------------------------------------------------------------

    def _view(self) -> TopicView | None:
        return self.index.view(self.topic) if self.index is not None else None

    def links(self) -> tuple[Link, ...]:
        """Links passing the topic filter, in reading order."""
        view = self._view()
        return view.links if view is not None else ()

    def links_of_claim(self, claim_id: str) -> tuple[Link, ...]:
        view = self._view()
        return view.by_claim.get(claim_id, ()) if view is not None else ()

    def relation_of(self, claim_id: str) -> str | None:
        """The strongest relation a claim takes part in (a conflict outranks sharing)."""
        view = self._view()
        return view.relations.get(claim_id) if view is not None else None

    def relations(self, side: Side) -> dict[str, str]:
        """Each claim of one side that the filter shows, with its strongest relation."""
        view, index = self._view(), self.index
        if view is None or index is None:
            return {}
        ids = index.side_ids[side]
        return {cid: r for cid, r in view.relations.items() if cid in ids}

    def claim(self, claim_id: str) -> Claim:
        if self.index is None:
            raise KeyError(claim_id)
        return self.index.claims[claim_id]

    def link_position(self, link: Link | None) -> int | None:
        """Where a link stands in ``comparison.links`` (the table's row order), if it does."""
        if link is None or self.index is None:
            return None
        return self.index.positions.get(link)

    def selected_claims(self, side: Side) -> tuple[str, ...]:
        if self.selected is None:
            return ()
        cid = self.selected.left if side == "left" else self.selected.right
        return (cid,) if cid else ()

    def selected_claim_id(self) -> str | None:
        """A claim of the selected link (the left one when both), to find it again later."""
        if self.selected is None:
            return None
        return self.selected.left or self.selected.right

    def counts(self) -> dict[str, int]:
        view = self._view()
        return dict(view.counts) if view is not None else dict.fromkeys(RELATIONS, 0)

    def topics(self) -> list[str]:
        if self.comparison is None:
            return []
        return sorted({lk.topic for lk in self.comparison.links if lk.topic})

    # --- changes -------------------------------------------------------------------------

    def select_claim(self, claim_id: str) -> Link | None:
        """Select the claim's most telling link (the one its highlight shows), or nothing."""
        links = self.links_of_claim(claim_id)
        self.selected = strongest(links) if links else None
        return self.selected

    def select_link(self, link: Link | None) -> None:
        self.selected = link

    def step(self, relations: Iterable[str], forward: bool = True) -> Link | None:
        """Move to the next (or previous) link of the given relations, wrapping at the end."""
        wanted = set(relations)
        ordered = [lk for lk in self.links() if lk.relation in wanted]
        if not ordered:
            return None
        if self.selected in ordered:
            index = ordered.index(self.selected) + (1 if forward else -1)
        else:
            index = self._first_after(ordered, forward)
        self.selected = ordered[index % len(ordered)]
        return self.selected

    def set_topic(self, topic: str | None) -> None:
        self.topic = topic
        if self.selected is not None and not self._passes(self.selected):
            self.selected = None

    def swap(self) -> None:
        if self.comparison is None or self.index is None:
            return
        selected = self.selected
        back = (self.comparison, self.index)
        if self._flipped is None:  # swapping back and forth reuses both sides' indexes
            turned = swapped(self.comparison)
            self._flipped = (turned, LinkIndex(turned))
        self.comparison, self.index = self._flipped
        self._flipped = back
        self.selected = swap_link(selected) if selected else None

    # --- helpers -------------------------------------------------------------------------

    def _passes(self, link: Link) -> bool:
        return self.topic is None or link.topic == self.topic

    def _reading_key(self, link: Link) -> tuple[float, int]:
        assert self.index is not None
        return self.index.keys.get(link) or self.index.reading_key(link)

    def _first_after(self, ordered: list[Link], forward: bool) -> int:
        if self.selected is None or self.comparison is None:
            return 0 if forward else -1
        here = self._reading_key(self.selected)
        keys = [self._reading_key(lk) for lk in ordered]
        if forward:
            return next((i for i, k in enumerate(keys) if k > here), 0)
        return next((i for i in range(len(keys) - 1, -1, -1) if keys[i] < here), -1)


def swap_link(link: Link) -> Link:
    return dataclasses.replace(
        link,
        relation=SWAP_RELATION[link.relation],  # type: ignore[arg-type]
        left=link.right,
        right=link.left,
        diff=tuple(swap_op(op) for op in link.diff),
    )


def swap_op(op: DiffOp) -> DiffOp:
    return dataclasses.replace(op, tag=SWAP_TAG[op.tag], left=op.right, right=op.left)  # type: ignore[arg-type]


def swapped(cmp: Comparison) -> Comparison:
    """The same comparison seen from the other side: left and right exchanged."""
    return dataclasses.replace(
        cmp,
        left=cmp.right,
        right=cmp.left,
        left_claims=cmp.right_claims,
        right_claims=cmp.left_claims,
        links=tuple(swap_link(lk) for lk in cmp.links),
    )
