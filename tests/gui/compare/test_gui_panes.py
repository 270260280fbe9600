"""Highlights are where the core's offsets say, also past characters outside the BMP."""

from __future__ import annotations

from claimdiff_gui.compare.offsets import OffsetMap
from claimdiff_gui.compare.panes import ArticlePane
from claimdiff_gui.window.theme import LIGHT
from docread import char_props, expected_relations
from handmade import handmade_comparison
from PySide6.QtGui import QTextCursor

from claimdiff.session.session import Session


def _pane(qtbot, side: str):
    cmp = handmade_comparison()
    session = Session()
    session.open(cmp)
    pane = ArticlePane(side)
    qtbot.addWidget(pane)
    article, claims = (
        (cmp.left, cmp.left_claims) if side == "left" else (cmp.right, cmp.right_claims)
    )
    relations = {c.id: session.relation_of(c.id) for c in claims}
    pane.show_article(article, claims, relations, LIGHT)  # type: ignore[arg-type]
    return pane, cmp, article, claims


def test_highlighted_text_is_exactly_each_claim_despite_emoji(qtbot) -> None:
    pane, cmp, article, claims = _pane(qtbot, "left")
    omap = OffsetMap(article.text)
    props = char_props(pane.text.document())
    expected = expected_relations(cmp)
    for claim in claims:
        start, end = omap.to_qt(claim.start), omap.to_qt(claim.end)
        assert {p[:2] for p in props[start:end]} == {(claim.id, expected[claim.id])}
        cursor = QTextCursor(pane.text.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == claim.text
    assert props[0][2] == "title" and props[-2][2] == "furniture"


def test_click_position_maps_back_to_claim_after_wide_characters(qtbot) -> None:
    pane, _cmp, article, claims = _pane(qtbot, "left")
    omap = OffsetMap(article.text)
    for claim in claims:
        assert pane.claim_at(omap.to_qt(claim.end) - 1) == claim.id
    assert pane.claim_at(0) is None  # the headline is no claim


def test_claim_click_emits_claim_id(qtbot) -> None:
    pane, _cmp, _article, claims = _pane(qtbot, "right")
    pane.resize(600, 400)
    pane.show()
    qtbot.waitExposed(pane)
    from PySide6.QtCore import Qt

    with qtbot.waitSignal(pane.claim_clicked) as blocker:
        qtbot.mouseClick(
            pane.text.viewport(), Qt.MouseButton.LeftButton, pos=pane.claim_point(claims[1].id)
        )
    assert blocker.args == [claims[1].id]
