"""PDF reports and PNG charts, painted by Qt from the core's report context.

The analysis core may not import Qt, so the two outputs that need a layout engine and a
painter live here: the PDF is the HTML report's Qt variant laid out by QTextDocument on A4
pages (with a footer QTextDocument cannot draw itself), and charts are the core's SVG
rasterised by QtSvg, so the PDF, the PNG and the HTML show the very same chart.

Everything here works without a window: a QGuiApplication is created offscreen when there
is none (the command line), and nothing touches widgets, so the GUI can call ``write_pdf``
from its worker thread.

Public API::

    write_pdf(comparison, path, *, timeline=None, codebook=None, overwrite=False,
              made_at=None, progress=None)
    render_pdf(comparison, *, timeline=None, codebook=None, made_at=None) -> bytes
    write_chart_png(frame, path, *, codebook=None, overwrite=False)
    svg_image(svg, scale=2.0) -> QImage
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)
from PySide6.QtSvg import QSvgRenderer

from claimdiff.base.atomic import write_atomic
from claimdiff.base.errors import InputError
from claimdiff.base.model import Comparison
from claimdiff.output.report import check_target, timeline_format, timeline_svg
from claimdiff.output.report.context import ReportContext, build_context
from claimdiff.output.report.html import render_html
from claimdiff.output.report.style import STYLES

if TYPE_CHECKING:
    from claimdiff.labels.codebook import Codebook

Progress = Callable[[int, int, str], None]
FONT = "DejaVu Sans"  # ships with Cyrillic; PySide6 itself ships no fonts
RESOLUTION = 300  # dpi of the PDF's layout; text stays vector, images keep this detail
MARGINS_MM = QMarginsF(14, 14, 14, 12)
FOOTER_PT = 7.5
UNDERLINES: dict[str, QTextCharFormat.UnderlineStyle] = {
    "wavy": QTextCharFormat.UnderlineStyle.WaveUnderline,
    "solid": QTextCharFormat.UnderlineStyle.SingleUnderline,
    "dotted": QTextCharFormat.UnderlineStyle.DotLine,
}


def ensure_app() -> QGuiApplication:
    """The running application, or an offscreen one for the command line and tests."""
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication([])


def svg_image(svg: str, scale: float = 2.0) -> QImage:
    """Rasterise one of the core's SVG charts at ``scale`` times its nominal size."""
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    size = renderer.defaultSize()
    image = QImage(
        round(size.width() * scale), round(size.height() * scale), QImage.Format.Format_ARGB32
    )
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def report_document(context: ReportContext) -> QTextDocument:
    """The report laid out by Qt: HTML variant, chart images, then the underline styles."""
    doc = QTextDocument()
    doc.setDefaultFont(QFont(FONT, 9))
    doc.setDocumentMargin(0)
    for n, (_, svg) in enumerate(context.charts):
        doc.addResource(
            QTextDocument.ResourceType.ImageResource,
            QUrl(f"claimdiff-chart-{n}.png"),
            svg_image(svg, scale=3.0),
        )
    doc.setHtml(render_html(context, qt=True))
    apply_underlines(doc)
    no_ligatures(doc)
    return doc


def no_ligatures(doc: QTextDocument) -> None:
    """Turn off "fi"/"fl" ligatures so text copied or searched in the PDF is plain letters.

    DejaVu's ligatures otherwise come out of the PDF as U+FB01/U+FB02: "conﬂict" would
    not match a search for "conflict".
    """
    fmt = QTextCharFormat()
    fmt.setFontFeatures({QFont.Tag("liga"): 0, QFont.Tag("clig"): 0})
    cursor = QTextCursor(doc)
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.mergeCharFormat(fmt)


def apply_underlines(doc: QTextDocument) -> None:
    """Give each highlighted claim its relation's underline style (wavy, solid, dotted).

    QTextDocument's HTML reader knows no underline styles, so the template tags each
    highlight with ``title="rel:<relation>"`` (kept as the fragment's tool tip) and the
    style is merged in here, from the same constants the HTML's CSS uses.
    """
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            tip = fragment.charFormat().toolTip()
            if tip.startswith("rel:") and tip[4:] in STYLES:
                style = STYLES[tip[4:]]  # type: ignore[index]
                fmt = QTextCharFormat()
                fmt.setUnderlineStyle(UNDERLINES[style.underline])
                fmt.setUnderlineColor(QColor(style.colour))
                cursor = QTextCursor(doc)
                cursor.setPosition(fragment.position())
                cursor.setPosition(
                    fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                )
                cursor.mergeCharFormat(fmt)
            it += 1
        block = block.next()


def _footer(painter: QPainter, rect: QRectF, left: str, page: int, pages: int) -> None:
    painter.save()
    font = QFont(FONT)
    font.setPointSizeF(FOOTER_PT)
    font.setFeature(QFont.Tag("liga"), 0)
    painter.setFont(font)
    painter.setPen(QColor("#999999"))
    painter.drawLine(rect.topLeft(), rect.topRight())
    painter.setPen(QColor("#555555"))
    text_rect = rect.adjusted(0, rect.height() * 0.25, 0, 0)
    number = f"page {page} of {pages}"
    metrics = QFontMetricsF(font, painter.device())
    room = text_rect.width() - metrics.horizontalAdvance(number) - metrics.averageCharWidth() * 4
    left = metrics.elidedText(left, Qt.TextElideMode.ElideMiddle, room)
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft, left)
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignRight, number)
    painter.restore()


def conflict_cards(doc: QTextDocument) -> list[QTextTable]:
    """The report's conflict cards: the tables whose first cell says "Conflict N · …"."""
    cards = []
    for frame in doc.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            head = frame.cellAt(0, 0).firstCursorPosition().block().text()
            if head.startswith("Conflict "):
                cards.append(frame)
    return cards


def split_cards(doc: QTextDocument) -> list[QTextTable]:
    """Cards that start on one page and end on the next, as ``doc`` is laid out now."""
    page = doc.pageSize().height()
    layout = doc.documentLayout()
    found = []
    for card in conflict_cards(doc):
        rect = layout.frameBoundingRect(card)
        if rect.height() < page and int(rect.top() // page) != int((rect.bottom() - 1) // page):
            found.append(card)
    return found


def keep_cards_whole(doc: QTextDocument) -> int:
    """Start a card that would be split on the next page; how many were moved.

    QTextDocument can break a table between any two rows and knows no "avoid a break
    inside", so a conflict's two claims could end up on different pages. One card at a
    time, since moving it shifts every card after it.
    """
    moved = 0
    for _ in conflict_cards(doc):
        split = split_cards(doc)
        if not split:
            break
        fmt = split[0].format()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        split[0].setFormat(fmt)
        moved += 1
    return moved


MIN_FILL_BEFORE_SECTION = 0.5  # a section opens a new page only after a page this full
MIN_ROWS_TOGETHER = 2  # rows of a table that a page break may leave alone


def relax_section_breaks(doc: QTextDocument) -> int:
    """Drop a section's "new page" where the page before would stay nearly empty.

    Sections that start on a new page (the texts side by side, the timeline, the appendix)
    left a page holding one table row or a table's tail; such a section now follows on that
    page. Returns how many breaks were dropped.
    """
    page, layout, root = doc.pageSize().height(), doc.documentLayout(), doc.rootFrame()
    dropped = 0
    block = doc.begin()
    while block.isValid():
        fmt = block.blockFormat()
        forced = fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
        cursor = QTextCursor(block)
        if forced and block.position() > 0 and cursor.currentFrame() == root:
            relaxed = QTextBlockFormat(fmt)
            relaxed.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_Auto)
            cursor.setBlockFormat(relaxed)
            fill = (layout.blockBoundingRect(block).top() % page) / page
            if fill >= MIN_FILL_BEFORE_SECTION:
                cursor.setBlockFormat(fmt)  # a well filled page: the section starts anew
            else:
                dropped += 1
        block = block.next()
    return dropped


def keep_rows_together(doc: QTextDocument) -> int:
    """No table that fits on a page leaves its header, or one row, alone on a page.

    A lone last row went to the next page (the "orphan" line); such a table now starts on
    the next page, its heading with it. Returns how many tables were moved.
    """
    page, layout = doc.pageSize().height(), doc.documentLayout()
    cards = conflict_cards(doc)
    changed = 0
    for table in doc.rootFrame().childFrames():
        if not isinstance(table, QTextTable) or table in cards or table.rows() <= MIN_ROWS_TOGETHER:
            continue
        tops = [_row_top(layout, table, row) for row in range(table.rows())]
        pages = [int(top // page) for top in tops]
        if pages[0] == pages[-1]:
            continue
        rect = layout.frameBoundingRect(table)
        # A header and one row, whether or not the header is marked as one (the timeline's
        # table is not, and left its header and first period alone at a page's foot).
        head = max(MIN_ROWS_TOGETHER, table.format().headerRowCount() + 1)
        alone = pages.count(pages[0]) <= head or pages.count(pages[-1]) < MIN_ROWS_TOGETHER
        if alone and rect.height() < page:
            # Qt breaks tables between rows only by itself (a break set in a cell splits the
            # row), so a table that fits on a page moves whole, with its heading.
            _break_before_table(doc, table)
            changed += 1
    return changed


def keep_long_table_tails(doc: QTextDocument) -> int:
    """A table longer than a page that ends with one row alone on a page: the row before
    it goes to that page too. Run last, after every other move. Returns how many moved."""
    page, layout = doc.pageSize().height(), doc.documentLayout()
    moved = 0
    for table in doc.rootFrame().childFrames():
        if not isinstance(table, QTextTable) or table.rows() <= MIN_ROWS_TOGETHER + 1:
            continue
        if layout.frameBoundingRect(table).height() < page:
            continue  # keep_rows_together moves such a table whole
        pages = [int(_row_top(layout, table, row) // page) for row in range(table.rows())]
        if pages.count(pages[-1]) < MIN_ROWS_TOGETHER:
            moved += _push_row_to_next_page(table, table.rows() - MIN_ROWS_TOGETHER, page)
    return moved


def _push_row_to_next_page(table: QTextTable, row: int, page: float) -> int:
    """Start ``row`` on the next page by padding the bottom of the row above it.

    A break set inside a row splits the row, so the row above grows instead: by the least
    padding (found by bisection over the real layout) that moves ``row`` and leaves the row
    above where it was; Qt moves a row whole when its padding crosses the page's end.
    Returns 1 when the row moved, else 0 (and the table is as it was).
    """
    layout = table.document().documentLayout()
    above = [table.cellAt(row - 1, column) for column in range(table.columns())]
    base = [cell.format().toTableCellFormat().bottomPadding() for cell in above]

    def pad(extra: float) -> tuple[int, int]:
        for cell, padding in zip(above, base, strict=True):
            fmt = cell.format().toTableCellFormat()
            fmt.setBottomPadding(padding + extra)
            cell.setFormat(fmt)
        return (
            int(_row_top(layout, table, row - 1) // page),
            int(_row_top(layout, table, row) // page),
        )

    start = pad(0.0)
    low, high = 0.0, float(page)
    if start[1] != start[0] or pad(high)[1] == start[1]:
        pad(0.0)
        return 0
    while high - low > 1:  # the least padding that moves something
        middle = (low + high) / 2
        if pad(middle) == start:
            low = middle
        else:
            high = middle
    if pad(high) == (start[0], start[1] + 1):
        return 1
    pad(0.0)  # the row above went too: leave the table as it was
    return 0


def _break_before_table(doc: QTextDocument, table: QTextTable) -> None:
    """A page break before the table, or before its heading when one leads into it."""
    heading = doc.findBlock(table.firstPosition() - 1)
    cursor = QTextCursor(heading)
    if (
        heading.isValid()
        and heading.blockFormat().headingLevel()
        and cursor.currentFrame() == doc.rootFrame()
    ):
        fmt = heading.blockFormat()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        cursor.setBlockFormat(fmt)
        return
    table_fmt = table.format()
    table_fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    table.setFormat(table_fmt)


def _row_top(layout: Any, table: QTextTable, row: int) -> float:
    return float(layout.blockBoundingRect(table.cellAt(row, 0).firstCursorPosition().block()).top())


def paginate(doc: QTextDocument) -> None:
    """Keep cards whole and rows together, and drop section breaks that waste a page;
    repeated, since each move shifts what follows."""
    for _ in range(4):
        if not (keep_cards_whole(doc) + keep_rows_together(doc) + relax_section_breaks(doc)):
            break
    keep_long_table_tails(doc)


def _paint(doc: QTextDocument, writer: QPdfWriter, footer: str) -> None:
    """Lay ``doc`` out on A4 pages and paint each with a footer line."""
    painter = QPainter(writer)
    area = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
    footer_h = FOOTER_PT * 3 * writer.resolution() / 72
    body = QSizeF(area.width(), area.height() - footer_h)
    doc.documentLayout().setPaintDevice(writer)
    doc.setPageSize(body)
    paginate(doc)
    pages = doc.pageCount()
    for page in range(pages):
        if page:
            writer.newPage()
        painter.save()
        painter.translate(0, -page * body.height())
        doc.drawContents(painter, QRectF(0, page * body.height(), body.width(), body.height()))
        painter.restore()
        strip = QRectF(0, body.height() + footer_h * 0.2, body.width(), footer_h * 0.8)
        _footer(painter, strip, footer, page + 1, pages)
    painter.end()


def render_pdf(
    comparison: Comparison,
    *,
    timeline: Any = None,
    codebook: Codebook | None = None,
    made_at: datetime | None = None,
    progress: Progress | None = None,
    memos: tuple[tuple[str, str], ...] = (),
) -> bytes:
    """The whole report as PDF bytes (A4, page numbers, fonts embedded)."""
    ensure_app()
    _step(progress, 0, "collecting the report")
    context = build_context(
        comparison, codebook=codebook, timeline=timeline, made_at=made_at, memos=memos
    )
    _step(progress, 1, "laying out pages")
    doc = report_document(context)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(f"claimdiff report: {context.title}")
    writer.setCreator(f"claimdiff {context.version}")
    _step(progress, 2, "painting pages")
    _paint(doc, writer, f"claimdiff report · {context.title} · made {context.made_at}")
    del writer  # the PDF is finished when the writer goes away
    buffer.close()
    return bytes(data.data())


def write_pdf(
    comparison: Comparison,
    path: str | Path,
    *,
    timeline: Any = None,
    codebook: Codebook | None = None,
    overwrite: bool = False,
    made_at: datetime | None = None,
    progress: Progress | None = None,
    memos: tuple[tuple[str, str], ...] = (),
) -> None:
    """Render the report and write it atomically, by ``claimdiff.output.report.write_report``'s
    rules.
    """
    if Path(path).suffix.lower() != ".pdf":
        raise InputError(str(path), "a PDF report needs the .pdf extension")
    check_target(path, overwrite)
    data = render_pdf(
        comparison,
        timeline=timeline,
        codebook=codebook,
        made_at=made_at,
        progress=progress,
        memos=memos,
    )
    _step(progress, 3, f"writing {Path(path).name}")
    write_atomic(path, data, overwrite=overwrite)
    _step(progress, 4, "done")


def chart_png(frame: Any, codebook: Codebook | None = None, scale: float = 2.0) -> bytes:
    """The timeline chart (every topic, stacked) as PNG bytes."""
    ensure_app()
    image = svg_image(timeline_svg(frame, codebook), scale)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; runtime wants str
    buffer.close()
    return bytes(data.data())


def write_chart_png(
    frame: Any, path: str | Path, *, codebook: Codebook | None = None, overwrite: bool = False
) -> None:
    """``claimdiff timeline --report chart.png``."""
    if timeline_format(path) != "png":
        raise InputError(str(path), "a chart image needs the .png extension")
    check_target(path, overwrite)
    write_atomic(path, chart_png(frame, codebook), overwrite=overwrite)


def _step(progress: Progress | None, done: int, label: str) -> None:
    if progress is not None:
        progress(done, 4, label)
