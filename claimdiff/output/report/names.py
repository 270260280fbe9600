"""Readable names and chart colours for codebook ids, with or without the codebook at hand.

A comparison only carries the codebook's reference; the labels ("Missile defence threatens
Russia") and colours live in the codebook itself. Reports should still render when it is not
available (a JSON comparison read back later), so unknown ids fall back to the id and a
palette colour chosen in first-seen order. Every place that shows a topic or position to a
person (reports, the terminal, the window's panels) asks here, so they all say the same.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from claimdiff.output.report.style import FALLBACK_SERIES

if TYPE_CHECKING:
    from claimdiff.base.model import Label, Link
    from claimdiff.labels.codebook import Codebook

# The position words of a codebook link's reason ("left says hopeful", "both say bleak"),
# written by claimdiff.match.compare with ids so the JSON stays keyed; people read the labels.
_SAYS = re.compile(r"\b(says|say) (\S+)")


def topic_label(codebook: Codebook | None, topic_id: str) -> str:
    """The topic's label in ``codebook``; the id itself when it has none or is unknown."""
    if codebook is not None:
        try:
            return codebook.topic(topic_id).label or topic_id
        except KeyError:
            pass
    return topic_id


def position_label(codebook: Codebook | None, topic_id: str | None, position_id: str) -> str:
    """The position's label in ``codebook``; the id itself when it has none or is unknown."""
    if codebook is not None and topic_id:
        try:
            return codebook.position(topic_id, position_id).label or position_id
        except KeyError:
            pass
    return position_id


class Names:
    """Looks up topic/position labels and colours; remembers fallback colours it handed out."""

    def __init__(self, codebook: Codebook | None) -> None:
        self._codebook = codebook
        self._fallback: dict[tuple[str, str], str] = {}

    def topic(self, topic_id: str) -> str:
        return topic_label(self._codebook, topic_id)

    def position(self, topic_id: str, position_id: str) -> str:
        return position_label(self._codebook, topic_id, position_id)

    def label(self, label: Label) -> str:
        """``Topic: Position`` of one machine label, as a person reads it."""
        return f"{self.topic(label.topic)}: {self.position(label.topic, label.position)}"

    def reason(self, link: Link) -> str:
        """The link's reason with the codebook's labels in place of topic and position ids.

        Only a codebook link's reason ("topic talks: left says hopeful (…), right says bleak
        (…)") names ids; any other reason is returned as it is.
        """
        prefix = f"topic {link.topic}: "
        if self._codebook is None or not link.topic or not link.reason.startswith(prefix):
            return link.reason
        topic = link.topic
        rest = _SAYS.sub(
            lambda m: (
                f"{m[1]} “{self.position(topic, m[2])}”"
                if self.position(topic, m[2]) != m[2]
                else m[0]
            ),
            link.reason[len(prefix) :],
        )
        return f"{self.topic(topic)}: {rest}"

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
