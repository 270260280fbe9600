"""Readable names and chart colours for codebook ids, with or without the codebook at hand.

A comparison only carries the codebook's reference; the labels ("Missile defence threatens
Russia") and colours live in the codebook itself. Reports should still render when it is not
available (a JSON comparison read back later), so unknown ids fall back to the id and a
palette colour chosen in first-seen order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimdiff.report.style import FALLBACK_SERIES

if TYPE_CHECKING:
    from claimdiff.codebook import Codebook


class Names:
    """Looks up topic/position labels and colours; remembers fallback colours it handed out."""

    def __init__(self, codebook: Codebook | None) -> None:
        self._codebook = codebook
        self._fallback: dict[tuple[str, str], str] = {}

    def topic(self, topic_id: str) -> str:
        if self._codebook is not None:
            try:
                return self._codebook.topic(topic_id).label or topic_id
            except KeyError:
                pass
        return topic_id

    def position(self, topic_id: str, position_id: str) -> str:
        if self._codebook is not None:
            try:
                return self._codebook.position(topic_id, position_id).label or position_id
            except KeyError:
                pass
        return position_id

    def colour(self, topic_id: str, position_id: str) -> str:
        if self._codebook is not None:
            try:
                return self._codebook.colour_of(topic_id, position_id)
            except KeyError:
                pass
        key = (topic_id, position_id)
        if key not in self._fallback:
            used = sum(1 for t, _ in self._fallback if t == topic_id)
            self._fallback[key] = FALLBACK_SERIES[used % len(FALLBACK_SERIES)]
        return self._fallback[key]
