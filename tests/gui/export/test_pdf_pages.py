"""PDF pages: no section opens after a nearly empty page, no small table leaves a row alone."""

from __future__ import annotations

from claimdiff_gui.export.pdf import (
    MIN_FILL_BEFORE_SECTION,
    MIN_ROWS_TOGETHER,
    conflict_cards,
    paginate,
    split_cards,
)
from conftest import SEEDS
from pdfpages import laid_out, seed_comparison, seed_context
from PySide6.QtGui import QTextCursor, QTextDocument, QTextFormat, QTextTable

from claimdiff.labels.codebook import load_codebook
from claimdiff.output.report.context import build_context
from claimdiff.session.pipeline import load_corpus
from claimdiff.timeline.timeline import timeline_frame

HEIGHTS = range(2000, 3400, 200)


def _wasted_before_sections(doc: QTextDocument) -> list[str]:
    """Sections forced onto a new page after a page filled less than the minimum."""
    page, layout = doc.pageSize().height(), doc.documentLayout()
    found = []
    block = doc.begin()
    while block.isValid():
        forced = (
            block.blockFormat().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
        )
        if forced and block.position() > 0 and QTextCursor(block).currentFrame() == doc.rootFrame():
            before = QTextCursor(doc.findBlock(block.position() - 1)).currentFrame()
            rect = (
                layout.frameBoundingRect(before)
                if before != doc.rootFrame()
                else layout.blockBoundingRect(block.previous())
            )
            fill = (rect.bottom() % page) / page
            if 0.02 < fill < MIN_FILL_BEFORE_SECTION - 0.1:  # margins of the heading aside
                found.append(f"{block.text()} after a page {fill:.0%} full")
        block = block.next()
    return found


def _lonely_rows(doc: QTextDocument) -> list[int]:
    """Rows of tables that fit on a page, left alone on a page by a break."""
    page, layout = doc.pageSize().height(), doc.documentLayout()
    cards = conflict_cards(doc)
    found = []
    for table in doc.rootFrame().childFrames():
        if not isinstance(table, QTextTable) or table in cards or table.rows() <= MIN_ROWS_TOGETHER:
            continue
        if layout.frameBoundingRect(table).height() >= page:
            continue
        tops = [
            layout.blockBoundingRect(table.cellAt(r, 0).firstCursorPosition().block()).top()
            for r in range(table.rows())
        ]
        pages = [int(t // page) for t in tops]
        if pages[0] != pages[-1] and min(pages.count(pages[0]) - 1, pages.count(pages[-1])) < 2:
            found.append(table.rows())
    return found


def test_paginate_leaves_no_wasted_page_and_no_lonely_row(qapp: object) -> None:
    before = 0
    for height, doc in laid_out(seed_context(), HEIGHTS):
        before += len(_wasted_before_sections(doc)) + len(_lonely_rows(doc))
        paginate(doc)
        assert _wasted_before_sections(doc) == [], height
        assert _lonely_rows(doc) == [], height
        assert split_cards(doc) == [], height
    assert before > 0, "without paginate some page height wastes a page or strands a row"


def _lone_last_rows(doc: QTextDocument) -> list[int]:
    """Tables of any length whose last page holds only their last row."""
    page, layout = doc.pageSize().height(), doc.documentLayout()
    found = []
    for table in doc.rootFrame().childFrames():
        if not isinstance(table, QTextTable) or table.rows() <= MIN_ROWS_TOGETHER + 1:
            continue
        tops = [
            layout.blockBoundingRect(table.cellAt(r, 0).firstCursorPosition().block()).top()
            for r in range(table.rows())
        ]
        pages = [int(t // page) for t in tops]
        if pages[0] != pages[-1] and pages.count(pages[-1]) < MIN_ROWS_TOGETHER:
            found.append(table.rows())
    return found


def test_no_table_longer_than_a_page_ends_with_a_lone_row(qapp: object) -> None:
    """The appendix's table spans pages; its last row never ends alone on the last one."""
    before = 0
    for height, doc in laid_out(seed_context(), range(1600, 3600, 100)):
        before += len(_lone_last_rows(doc))
        paginate(doc)
        assert _lone_last_rows(doc) == [], height
        assert split_cards(doc) == [], height
    assert before > 0, "without paginate some page height leaves a last row alone"


def test_the_timeline_table_never_leaves_its_first_row_alone(qapp: object) -> None:
    """With the folder's timeline in the report (as the window exports it), its table's
    header and first period were left alone at the foot of a page."""
    codebook = load_codebook()
    timeline = timeline_frame(load_corpus(sorted(SEEDS.glob("*.txt")), codebook), freq="year")
    context = build_context(seed_comparison(), codebook=codebook, timeline=timeline)
    before = 0
    for height, doc in laid_out(context, range(2000, 3400, 50)):
        before += len(_lonely_rows(doc))
        paginate(doc)
        assert _lonely_rows(doc) == [], height
        assert split_cards(doc) == [], height
    assert before > 0, "without paginate some page height strands a row"
