"""How each relation looks, in words, colour and line style, for every output that draws one.

Kept free of Qt so the HTML/PDF reports, the SVG chart and (later) the desktop theme read
the same constants: a reader who learnt "wavy vermillion means conflict" in the app must
see the same mark in a printed report. Colours are Okabe & Ito's colour-blind-safe set, and
each relation also has an underline style, so the meaning survives greyscale printing.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimdiff.model import Relation

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

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


def _tint(colour: str, amount: float) -> str:
    """``colour`` mixed into white, so highlighted text keeps black-on-light contrast."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 - (255 - c) * amount) for c in rgb]
    return "#" + "".join(f"{c:02X}" for c in mixed)


def _style(relation: Relation, name: str, key: str, underline: str, rank: int) -> RelationStyle:
    colour = OKABE_ITO[key]
    return RelationStyle(relation, name, colour, _tint(colour, 0.22), underline, rank)


STYLES: dict[Relation, RelationStyle] = {
    "conflicting": _style("conflicting", "conflicting", "vermillion", "wavy", 3),
    "shared": _style("shared", "shared", "blue", "solid", 2),
    "left_only": _style("left_only", "only in left", "orange", "dotted", 1),
    "right_only": _style("right_only", "only in right", "orange", "dotted", 1),
}


def style_for(relation: Relation) -> RelationStyle:
    return STYLES[relation]


def strongest(relations: list[Relation]) -> Relation | None:
    """The relation a claim is drawn with when it takes part in several links."""
    best: Relation | None = None
    for relation in relations:
        if best is None or STYLES[relation].rank > STYLES[best].rank:
            best = relation
    return best
