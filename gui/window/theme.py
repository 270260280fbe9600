"""Every colour and mark the app draws, in one place, keyed by the core's relation tags.

Widgets ask this module for a QColor, a char format or an HTML colour string; none of them
holds a hex value. The palette is Okabe–Ito (colour-blind safe), and every relation also has
a non-colour cue (underline style) so the meaning survives greyscale printing and
colour-vision deficiencies.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette, QPen, QTextCharFormat
from PySide6.QtWidgets import QApplication

from claimdiff.base.palette import (
    LIGHT_TINT,
    OKABE_ITO,
    RELATION_COLOUR,
    RELATION_RANK,
    RELATION_TINT,
    RELATION_UNDERLINE,
    TINT_WEIGHT,
)

_QT_UNDERLINE = {
    "solid": QTextCharFormat.UnderlineStyle.SingleUnderline,
    "wavy": QTextCharFormat.UnderlineStyle.WaveUnderline,
    "dotted": QTextCharFormat.UnderlineStyle.DotLine,
}
UNDERLINE: dict[str, QTextCharFormat.UnderlineStyle] = {
    relation: _QT_UNDERLINE[style] for relation, style in RELATION_UNDERLINE.items()
}

RELATION_TEXT: dict[str, str] = {
    "shared": "shared",
    "conflicting": "conflicting",
    "left_only": "only in left",
    "right_only": "only in right",
}

# QTextFormat user properties that let tests and the click handler read a claim back.
PROP_RELATION = 0x100000 + 1
PROP_CLAIM = 0x100000 + 2
PROP_SPAN = 0x100000 + 3


@dataclass(frozen=True)
class Theme:
    """One variant (light or dark) of the app's colours."""

    dark: bool
    base: str
    text: str
    dim: str
    window: str
    highlight: str
    tint_alpha: float  # how much relation colour is mixed into the base behind a claim

    def relation_colour(self, relation: str) -> QColor:
        return QColor(OKABE_ITO[RELATION_COLOUR[relation]])

    def relation_tint(self, relation: str, strong: bool = False) -> QColor:
        """Background behind a claim: the relation colour blended into the page colour."""
        alpha = min(1.0, self.tint_alpha * TINT_WEIGHT[relation] * (2.2 if strong else 1.0))
        return _mix(QColor(self.base), QColor(OKABE_ITO[RELATION_TINT[relation]]), alpha)

    def relation_html(self, relation: str) -> str:
        return self.relation_colour(relation).name()

    def tint_html(self, relation: str) -> str:
        return self.relation_tint(relation).name()

    def diff_colour(self, tag: str) -> QColor:
        """Word diff: deletions (left words) vermillion, insertions (right words) blue."""
        name = {"delete": "vermillion", "insert": "blue", "replace": "reddish_purple"}[tag]
        return QColor(OKABE_ITO[name])

    def diff_html(self, tag: str) -> str:
        return self.diff_colour(tag).name()

    def diff_tint_html(self, tag: str) -> str:
        return _mix(QColor(self.base), self.diff_colour(tag), self.tint_alpha).name()

    def claim_format(self, relation: str, claim_id: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setBackground(self.relation_tint(relation))
        fmt.setUnderlineStyle(UNDERLINE[relation])
        fmt.setUnderlineColor(self.relation_colour(relation))
        if relation == "conflicting":  # a cue that survives greyscale and colour blindness
            fmt.setFontWeight(QFont.Weight.DemiBold)
        fmt.setProperty(PROP_RELATION, relation)
        fmt.setProperty(PROP_CLAIM, claim_id)
        return fmt

    def outline_pen(self, relation: str) -> QPen:
        """The frame around the selected claim: the selected link's colour, dashed for a
        conflict (the cue that survives greyscale), drawn in the text colour's weight."""
        pen = QPen(self.relation_colour(relation), 2.0)
        if relation == "conflicting":
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    def furniture_format(self, kind: str, point_size: float) -> QTextCharFormat:
        """Headline and page furniture: grey and smaller, so the body reads first."""
        fmt = QTextCharFormat()
        fmt.setForeground(QColor(self.dim))
        fmt.setFontPointSize(max(6.0, point_size * 0.85))
        fmt.setProperty(PROP_SPAN, kind)
        return fmt

    def timeline_colour(self, colour: str | None, index: int) -> QColor:
        """A codebook position's colour, or an Okabe–Ito fallback by series index."""
        if colour and QColor.isValidColorName(colour):
            return QColor(colour)
        names = [n for n in OKABE_ITO if n != "black"]
        return QColor(OKABE_ITO[names[index % len(names)]])

    def palette(self) -> QPalette:
        pal = QPalette()
        roles = {
            QPalette.ColorRole.Window: self.window,
            QPalette.ColorRole.Base: self.base,
            QPalette.ColorRole.AlternateBase: _mix(
                QColor(self.base), QColor(self.dim), 0.08
            ).name(),
            QPalette.ColorRole.Text: self.text,
            QPalette.ColorRole.WindowText: self.text,
            QPalette.ColorRole.ButtonText: self.text,
            QPalette.ColorRole.Button: self.window,
            QPalette.ColorRole.ToolTipBase: self.base,
            QPalette.ColorRole.ToolTipText: self.text,
            QPalette.ColorRole.PlaceholderText: self.dim,
            QPalette.ColorRole.Highlight: self.highlight,
            QPalette.ColorRole.HighlightedText: "#FFFFFF",
            QPalette.ColorRole.Link: OKABE_ITO["sky_blue"] if self.dark else OKABE_ITO["blue"],
        }
        for role, colour in roles.items():
            pal.setColor(role, QColor(colour))
        pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(self.dim))
        pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor(self.dim))
        return pal


LIGHT = Theme(
    dark=False,
    base="#FFFFFF",
    text="#1A1A1A",
    dim="#8A8A8A",
    window="#F0F0F0",
    highlight=OKABE_ITO["blue"],
    tint_alpha=LIGHT_TINT,
)
DARK = Theme(
    dark=True,
    base="#1E1E1E",
    text="#E6E6E6",
    dim="#8C8C8C",
    window="#2B2B2B",
    highlight=OKABE_ITO["blue"],
    tint_alpha=0.28,
)


def theme_for(dark: bool) -> Theme:
    return DARK if dark else LIGHT


def apply_theme(app: QApplication, dark: bool) -> Theme:
    """Switch the whole application; Fusion style so the palette is honoured everywhere."""
    theme = theme_for(dark)
    app.setStyle("Fusion")
    app.setPalette(theme.palette())
    return theme


def _mix(base: QColor, over: QColor, alpha: float) -> QColor:
    return QColor.fromRgbF(
        base.redF() * (1 - alpha) + over.redF() * alpha,
        base.greenF() * (1 - alpha) + over.greenF() * alpha,
        base.blueF() * (1 - alpha) + over.blueF() * alpha,
    )


__all__ = [
    "OKABE_ITO",
    "RELATION_COLOUR",
    "RELATION_RANK",
    "RELATION_TINT",
    "TINT_WEIGHT",
    "Theme",
    "apply_theme",
    "theme_for",
]
