"""The app and the reports draw each relation with the same colours and marks."""

from __future__ import annotations

import pytest
from claimdiff_gui.window.theme import LIGHT, UNDERLINE
from PySide6.QtGui import QColor, QTextCharFormat

from claimdiff.base.model import RELATIONS
from claimdiff.output.report.style import STYLES


@pytest.mark.parametrize("relation", RELATIONS)
def test_report_and_app_share_colour_tint_and_underline(relation: str) -> None:
    style = STYLES[relation]  # type: ignore[index]
    assert LIGHT.relation_html(relation).lower() == style.colour.lower()
    app, report = QColor(LIGHT.tint_html(relation)), QColor(style.tint)
    assert (
        max(
            abs(app.red() - report.red()),
            abs(app.green() - report.green()),
            abs(app.blue() - report.blue()),
        )
        <= 1
    ), (app.name(), report.name())
    qt_style = {
        "solid": QTextCharFormat.UnderlineStyle.SingleUnderline,
        "wavy": QTextCharFormat.UnderlineStyle.WaveUnderline,
        "dotted": QTextCharFormat.UnderlineStyle.DotLine,
    }[style.underline]
    assert UNDERLINE[relation] == qt_style
