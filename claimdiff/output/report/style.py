"""How each relation looks, in words, colour and line style, for every output that draws one.

The colours, tints, underlines and ranks come from claimdiff.base.palette, which the desktop theme
reads too, so a report shows the very marks the app shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimdiff.base.model import Relation
from claimdiff.base.palette import (
    OKABE_ITO,
    RELATION_COLOUR,
    RELATION_RANK,
    RELATION_UNDERLINE,
    tint,
)

DIM = "#767676"  # page furniture: still readable (4.5:1 on white), visibly not the article
FALLBACK_SERIES = tuple(OKABE_ITO[k] for k in ("orange", "sky_blue", "bluish_green", "blue"))


@dataclass(frozen=True, slots=True)
class RelationStyle:
    """One relation's marks. ``underline`` is a CSS text-decoration-style keyword."""

    relation: Relation
    name: str  # what the reader is told, e.g. "only in left"
    colour: str  # strong colour: underline, legend swatch, headings
    tint: str  # light background behind highlighted text (colour mixed into white)
    underline: str  # "wavy", "solid", "dotted"
    rank: int  # painting order: a conflict must never hide under a weaker relation


def _style(relation: Relation, name: str) -> RelationStyle:
    colour = OKABE_ITO[RELATION_COLOUR[relation]]
    return RelationStyle(
        relation,
        name,
        colour,
        tint(relation),
        RELATION_UNDERLINE[relation],
        RELATION_RANK[relation],
    )


STYLES: dict[Relation, RelationStyle] = {
    "conflicting": _style("conflicting", "conflicting"),
    "shared": _style("shared", "shared"),
    "left_only": _style("left_only", "only in left"),
    "right_only": _style("right_only", "only in right"),
}


def style_for(relation: Relation) -> RelationStyle:
    return STYLES[relation]
