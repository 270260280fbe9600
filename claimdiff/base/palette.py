"""How each relation looks, for everything that draws one: the app, reports and charts.

One Qt-free table, so a reader who learnt "wavy vermillion means conflict" in the app sees the
same mark in a printed report. Colours are Okabe & Ito's colour-blind-safe set; every relation
also has an underline style, so the meaning survives greyscale printing.
"""

from __future__ import annotations

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

# "only" covers left_only in the left pane and right_only in the right one: both mean "this
# claim has no counterpart in the other article".
RELATION_COLOUR: dict[str, str] = {
    "shared": "blue",
    "conflicting": "vermillion",
    "left_only": "orange",
    "right_only": "orange",
}
# Background tints: yellow for "only here" keeps it apart from the vermillion of conflicts
# (orange and vermillion tints look alike once pale).
RELATION_TINT: dict[str, str] = {
    "shared": "sky_blue",
    "conflicting": "vermillion",
    "left_only": "yellow",
    "right_only": "yellow",
}
# How strongly each tint is mixed in, relative to a theme's base amount.
TINT_WEIGHT: dict[str, float] = {
    "shared": 1.0,
    "conflicting": 1.4,
    "left_only": 1.3,
    "right_only": 1.3,
}
# CSS text-decoration-style keywords; the app maps them to Qt underline styles.
RELATION_UNDERLINE: dict[str, str] = {
    "shared": "solid",
    "conflicting": "wavy",
    "left_only": "dotted",
    "right_only": "dotted",
}
# Painting order: a conflict must never be hidden under a weaker relation.
RELATION_RANK: dict[str, int] = {"conflicting": 3, "shared": 2, "left_only": 1, "right_only": 1}
LIGHT_TINT = 0.22  # base amount of relation colour mixed into white behind a claim


def mix(base: str, over: str, amount: float) -> str:
    """``over`` laid on ``base`` at ``amount`` (0..1), as #RRGGBB."""
    a = [int(base[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(over[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(
        f"{round(x * (1 - amount) + y * amount):02X}" for x, y in zip(a, b, strict=True)
    )


def tint(relation: str, base: str = "#FFFFFF", amount: float = LIGHT_TINT) -> str:
    """The background behind a claim of ``relation`` on a page of colour ``base``."""
    weight = min(1.0, amount * TINT_WEIGHT[relation])
    return mix(base, OKABE_ITO[RELATION_TINT[relation]], weight)
