"""One article on screen: header (title, source, date and where the date came from) and body.

Claims are highlighted from the core's offsets through char formats that carry the claim id
and relation as user properties, so a click, a test or the link gutter can read them back.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from pathlib import Path

from claimdiff_gui.compare.findbar import FindBar
from claimdiff_gui.compare.offsets import OffsetMap
from claimdiff_gui.window.theme import RELATION_RANK, Theme
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyle, QTextEdit, QVBoxLayout, QWidget

from claimdiff.base.model import Article, Claim
from claimdiff.session.display import location_name

DEFAULT_POINT_SIZE = 11.0
# Claims tinted per event-loop turn when a document is built: a 230-claim article tinted
# at once held the GUI thread for most of 100 ms; a slice of this many stays near 10 ms.
CLAIMS_PER_SLICE = 60
DATE_SOURCE_TEXT = {
    "manifest": "date from manifest",
    "metadata": "date from page metadata",
    "text": "date found in text",
    "none": "no date",
}


class ArticleText(QTextEdit):
    """Read-only body that reports clicks on positions and accepts dropped files."""

    position_clicked = Signal(int)  # UTF-16 document position
    file_dropped = Signal(str)
    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptDrops(True)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self._press: QPoint | None = None
        self._outline: tuple[tuple[int, int], QPen] | None = None

    def set_outline(self, span: tuple[int, int] | None, pen: QPen | None) -> None:
        """Frame the UTF-16 range ``span`` (the selected link's claim) with ``pen``."""
        self._outline = (span, pen) if span is not None and pen is not None else None
        self.viewport().update()

    def outline(self) -> tuple[tuple[int, int], QPen] | None:
        return self._outline

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._outline is None:
            return
        (start, end), pen = self._outline
        painter = QPainter(self.viewport())
        painter.setPen(pen)
        for rect in self.line_rects(start, end):
            painter.drawRect(rect.adjusted(-1, 0, 1, 0))
        painter.end()

    def line_rects(self, start: int, end: int) -> list[QRectF]:
        """One viewport rectangle per laid-out line of the range [start, end)."""
        doc = self.document()
        layout = doc.documentLayout()
        shift = QPointF(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        rects = []
        block = doc.findBlock(start)
        while block.isValid() and block.position() < end:
            origin = layout.blockBoundingRect(block).topLeft() + shift
            lines = block.layout()
            for i in range(lines.lineCount()):
                line = lines.lineAt(i)
                first = block.position() + line.textStart()
                lo, hi = max(first, start), min(first + line.textLength(), end)
                if lo < hi:
                    # The stubs type cursorToX as object; it is a float or (float, int).
                    xs = (line.cursorToX(at - block.position()) for at in (lo, hi))
                    x0, x1 = (_x(x) for x in xs)  # type: ignore[arg-type]
                    rect = QRectF(x0, line.y(), x1 - x0, line.height())
                    rects.append(rect.translated(origin))
            block = block.next()
        return rects

    def viewportEvent(self, event: QEvent) -> bool:
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize:  # also when a scroll bar comes or goes
            self.resized.emit()
        return handled

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        here = event.position().toPoint()
        # A drag that selected text is a selection, not a click on a claim.
        if self._press is not None and (here - self._press).manhattanLength() < 4:
            self.position_clicked.emit(self.cursorForPosition(here).position())
        self._press = None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_file(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        if _local_file(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        path = _local_file(event.mimeData().urls())
        if path:
            event.acceptProposedAction()
            self.file_dropped.emit(path)
        else:
            super().dropEvent(event)


class ElidedLabel(QLabel):
    """One line that ends in "…" when too narrow; the whole text is in the tooltip.

    A wrapped headline took two or three lines of each pane on a laptop screen.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setMinimumWidth(40)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width())
        super().setText(shown)


class ArticlePane(QWidget):
    """Header plus highlighted body of one side of the comparison."""

    claim_clicked = Signal(str)
    file_dropped = Signal(str)
    highlighted = Signal()  # every claim of a newly built document is tinted

    def __init__(self, side: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.title = ElidedLabel()
        self.meta = ElidedLabel()
        self.text = ArticleText(self)
        self.find_bar = FindBar(self.text, self)
        self._build()
        self.article: Article | None = None
        self._claims: dict[str, Claim] = {}
        self._overlaps: dict[str, tuple[str, ...]] = {}
        self._by_start: list[Claim] = []
        self._relations: dict[str, str] = {}
        self._map = OffsetMap("")
        self._rendered: tuple[Theme, float] | None = None  # what the document was built with
        self.point_size = DEFAULT_POINT_SIZE
        self._selected: tuple[str, ...] = ()
        self.text.position_clicked.connect(self._on_position_clicked)
        self.text.file_dropped.connect(self.file_dropped)
        # Rewrapping moves every line: bring the selected claim back into view.
        self.text.resized.connect(self._on_resized)
        self._spans: dict[str, tuple[int, int]] = {}  # claim -> top, bottom in document pixels
        self._laid_out_width = -1
        self._pending: list[list[str]] = []  # slices of claims still to tint, in text order
        self._fill_theme: Theme | None = None
        self._fill_timer = QTimer(self)
        self._fill_timer.setSingleShot(True)
        self._fill_timer.setInterval(0)
        self._fill_timer.timeout.connect(self._fill_step)

    def _build(self) -> None:
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.meta.setEnabled(False)  # disabled colour = the theme's dim text
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(2)
        for widget in (self.title, self.meta, self.text, self.find_bar):
            layout.addWidget(widget)
        self.title.setText(f"No {self.side} article: drop a file here or press Ctrl+O")

    # --- content ---------------------------------------------------------------------------

    def show_article(
        self, article: Article, claims: tuple[Claim, ...], relations: dict[str, str], theme: Theme
    ) -> None:
        """Show an article; the same article again only re-tints the claims that changed."""
        same = (
            self.article is not None
            and self.article.text == article.text
            and self.article.spans == article.spans
            and self._rendered == (theme, self.point_size)
            and self._claims == {c.id: c for c in claims}
        )
        self.article = article
        self.title.setText(article.title or Path(article.location).name)
        self.meta.setText(header_meta(article))
        self.meta.setToolTip(article.location)  # the full path, whatever the width
        if same:
            self.finish_highlights()
            self._retint(relations, theme)
            return
        self._set_claims(claims)
        self._relations = relations
        self._map = OffsetMap(article.text)
        self.render(theme)

    def _set_claims(self, claims: tuple[Claim, ...]) -> None:
        self._claims = {c.id: c for c in claims}
        self._by_start = sorted(claims, key=lambda c: (c.start, c.end))
        self._overlaps = _overlapping(claims)

    def exchange(self, other: ArticlePane) -> None:
        """Trade shown articles (and their laid-out documents) with the other pane: a swap
        of sides then re-tints only the claims whose relation changed."""
        self.finish_highlights()
        other.finish_highlights()
        mine, theirs = self.text.document(), other.text.document()
        self._forget_selection()
        other._forget_selection()
        scrolled = (self.text.verticalScrollBar().value(), other.text.verticalScrollBar().value())
        for pane, doc, value in ((self, theirs, scrolled[1]), (other, mine, scrolled[0])):
            doc.setParent(pane)
            pane.text.setDocument(doc)
            pane.text.verticalScrollBar().setValue(value)
        names = (
            "article",
            "_claims",
            "_by_start",
            "_overlaps",
            "_relations",
            "_map",
            "_rendered",
            "_spans",
        )
        for name in names:
            value = getattr(self, name)
            setattr(self, name, getattr(other, name))
            setattr(other, name, value)
        if self.text.viewport().width() != other.text.viewport().width():
            self._spans, other._spans = {}, {}  # each document rewraps to its new pane

    def render(self, theme: Theme) -> None:  # type: ignore[override]  # QWidget.render (paint into a device) is never used on a pane
        """(Re)build the document: plain body, dimmed furniture, tinted claims.

        The first slice of claims (in text order) is tinted before the document is shown;
        the rest follow a slice per event-loop turn (``highlighted`` when done), so a long
        article never holds the GUI thread for the whole of its claims.
        """
        if self.article is None:
            return
        doc = QTextDocument(self)  # the pane's, so ``exchange`` can hand it over
        doc.setUndoRedoEnabled(False)  # read-only: no undo history of every tint
        font = QFont(self.text.font())
        font.setPointSizeF(self.point_size)
        doc.setDefaultFont(font)
        # The layout first, at the pane's width: created on a filled document it laid the
        # text out once at no width (~4 ms of a long article) before the editor's own pass.
        doc.documentLayout()
        doc.setPageSize(QSizeF(self._page_width(font), -1))
        doc.setPlainText(self.article.text)
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()  # one relayout for all the formats below, not one each
        for span in self.article.spans:
            self._format(
                cursor, span.start, span.end, theme.furniture_format(span.kind, self.point_size)
            )
        self._pending = self._slices()
        self._fill_theme = theme
        if self._pending:
            self._tint(cursor, self._pending.pop(0), theme)
        cursor.endEditBlock()
        old = self.text.document()
        self._forget_selection()  # its cursors are on the document about to go
        # Ours once rendered (``_rendered`` travels with the document in ``exchange``); the
        # editor deletes its own first one. Asking ``old.parent()`` wrapped a private Qt
        # class for Python: ~40 ms of enum set-up on the first open.
        ours = self._rendered is not None
        self.text.setDocument(doc)
        if ours:
            old.deleteLater()
        self._rendered = (theme, self.point_size)
        self._spans = {}
        self._fill_timer.stop()
        if self._pending:
            self._fill_timer.start()
        else:
            self.highlighted.emit()

    def _page_width(self, font: QFont) -> int:
        """The width the new document will be shown at: the viewport's, less the vertical
        scroll bar when it is hidden now and the text will surely overflow the pane.

        Laid out at the width without the bar, a long article was laid out again as soon as
        the bar appeared (on the first pair after the welcome page, or after a short
        article): about 3 ms of each pane's 7 on the first frame.
        """
        viewport = self.text.viewport()
        bar = self.text.verticalScrollBar()
        if bar.isVisible() or self.article is None or viewport.width() <= 0:
            return viewport.width()
        metrics = QFontMetricsF(font)
        per_line = max(1.0, viewport.width() / max(1.0, metrics.averageCharWidth()))
        lines = len(self.article.text) / per_line + self.article.text.count("\n")
        if lines * metrics.lineSpacing() < 2 * viewport.height():
            return viewport.width()  # may fit: let the editor decide
        extent = self.text.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, bar)
        return viewport.width() - extent

    def _slices(self) -> list[list[str]]:
        """The tinted claims in text order, cut into slices of about ``CLAIMS_PER_SLICE``;
        overlapping claims stay in one slice, so the strongest relation is merged last."""
        slices: list[list[str]] = [[]]
        reach = -1  # end of the furthest claim in the current run of overlapping claims
        for claim in self._by_start:
            if claim.id not in self._relations:
                continue
            if claim.start >= reach and len(slices[-1]) >= CLAIMS_PER_SLICE:
                slices.append([])
            slices[-1].append(claim.id)
            reach = max(reach, claim.end)
        return [s for s in slices if s]

    def _fill_step(self) -> None:
        """Tint the next slice of claims into the shown document."""
        if not self._pending or self._fill_theme is None:
            return
        cursor = QTextCursor(self.text.document())
        cursor.beginEditBlock()
        self._tint(cursor, self._pending.pop(0), self._fill_theme)
        cursor.endEditBlock()
        self._spans = {}  # semi-bold conflicts are wider: lines may wrap differently
        if self._pending:
            self._fill_timer.start()
        else:
            self.highlighted.emit()

    def highlights_pending(self) -> bool:
        """Some claims of the shown document are not tinted yet."""
        return bool(self._pending)

    def finish_highlights(self) -> None:
        """Tint every claim still waiting, now (before the document is changed otherwise)."""
        self._fill_timer.stop()
        while self._pending:
            self._fill_step()

    def _tint(self, cursor: QTextCursor, which: Iterable[str], theme: Theme) -> None:
        """Merge the relation formats of the claims ``which``, weakest first."""
        tinted = [(cid, r) for cid in which if (r := self._relations.get(cid))]
        for claim_id, relation in sorted(tinted, key=lambda kv: RELATION_RANK[kv[1]]):
            claim = self._claims[claim_id]
            self._format(cursor, claim.start, claim.end, theme.claim_format(relation, claim_id))

    def _retint(self, relations: dict[str, str], theme: Theme) -> None:
        """Clear and re-tint the claims whose relation changed (and claims overlapping them)."""
        old, self._relations = self._relations, relations
        changed = {
            cid for cid in old.keys() | relations.keys() if old.get(cid) != relations.get(cid)
        }
        changed &= self._claims.keys()
        if not changed:
            return
        cursor = QTextCursor(self.text.document())
        cursor.beginEditBlock()
        nested = {cid for cid in changed if cid in self._overlaps}
        for cid in changed:
            claim = self._claims[cid]
            relation = relations.get(cid)
            cursor.setPosition(self._map.to_qt(claim.start))
            cursor.setPosition(self._map.to_qt(claim.end), QTextCursor.MoveMode.KeepAnchor)
            # Body text plus the new tint in one step; nested claims are merged again below.
            if relation is None or cid in nested:
                cursor.setCharFormat(QTextCharFormat())
            else:
                cursor.setCharFormat(theme.claim_format(relation, cid))
        touched = nested | {o for cid in nested for o in self._overlaps[cid]}
        self._tint(cursor, touched, theme)
        cursor.endEditBlock()
        if any("conflicting" in (old.get(cid), relations.get(cid)) for cid in changed):
            self._spans = {}  # semi-bold conflicts are wider: lines may wrap differently

    def _format(self, cursor: QTextCursor, start: int, end: int, fmt: QTextCharFormat) -> None:
        cursor.setPosition(self._map.to_qt(start))
        cursor.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)

    def set_selected(
        self, claim_ids: tuple[str, ...], theme: Theme, link_relation: str | None = None
    ) -> None:
        """Mark the selected claim(s): a strong tint of the claim's own highlight (its
        strongest relation, the one rule every view follows) and an outline in the colour
        of the selected link, which may be weaker: a conflicting sentence whose selected
        link is "shared" stays vermillion, framed in blue."""
        self._selected = claim_ids
        selections = []
        outline = None
        for cid in claim_ids:
            claim = self._claims.get(cid)
            if claim is None:
                continue
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._cursor_over(claim.start, claim.end)
            fmt = QTextCharFormat()
            fmt.setBackground(theme.relation_tint(self._relations.get(cid, "shared"), strong=True))
            sel.format = fmt
            selections.append(sel)
            outline = outline or (self._map.to_qt(claim.start), self._map.to_qt(claim.end))
        self.text.setExtraSelections(selections)
        pen = theme.outline_pen(link_relation) if link_relation and outline else None
        self.text.set_outline(outline, pen)

    def _forget_selection(self) -> None:
        """Drop the selection marks before the document changes hands: the editor keeps
        their cursors, and one on a deleted document crashed the next selection."""
        self._selected = ()
        self.text.setExtraSelections([])
        self.text.set_outline(None, None)

    def selected_texts(self) -> list[str]:
        """The text under each selection mark (what the user sees as selected)."""
        selections = self.text.extraSelections()  # keep the list alive while reading cursors
        return [sel.cursor.selectedText() for sel in selections]

    def set_point_size(self, size: float, theme: Theme) -> None:
        self.point_size = max(6.0, min(40.0, size))
        bar = self.text.verticalScrollBar()
        fraction = bar.value() / max(1, bar.maximum())
        self.render(theme)
        bar.setValue(round(fraction * bar.maximum()))

    # --- geometry the gutter and navigation need ---------------------------------------------

    def claim_ids(self) -> tuple[str, ...]:
        return tuple(self._claims)

    def claim_at(self, position: int) -> str | None:
        """The claim under a document position (innermost if claims nest)."""
        index = self._map.from_qt(position)
        hits = [c for c in self._claims.values() if c.start <= index < c.end]
        return min(hits, key=lambda c: c.end - c.start).id if hits else None

    def claim_rect_y(self, claim_id: str) -> tuple[int, int] | None:
        """Top and bottom of a claim in viewport pixels (may lie outside the viewport).

        Kept in document pixels until the layout changes, so the gutter's repaint on every
        scroll step asks the text layout nothing.
        """
        found = self._doc_span(claim_id)
        if found is None:
            return None
        scrolled = self.text.verticalScrollBar().value()
        return found[0] - scrolled, found[1] - scrolled

    def _doc_span(self, claim_id: str) -> tuple[int, int] | None:
        claim = self._claims.get(claim_id)
        if claim is None or self.article is None:
            return None
        found = self._spans.get(claim_id)
        if found is None:
            top = self._line_at(claim.start)[0]
            bottom = self._line_at(max(claim.start, claim.end - 1))[1]
            found = self._spans[claim_id] = (top, max(top + 1, bottom))
        return found

    def claims_in_view(self) -> set[str]:
        """The claims with text in the viewport: the document positions at its top-left and
        bottom-right corners (a hit test lays the text out only down to the viewport), then
        a bisection over text order. Laying out claims to find their lines meant laying out
        half of a long article on the first paint of the gutter."""
        viewport = self.text.viewport()
        first = self._map.from_qt(self.text.cursorForPosition(QPoint(0, 0)).position())
        corner = QPoint(viewport.width() - 1, viewport.height() - 1)
        last = self._map.from_qt(self.text.cursorForPosition(corner).position())
        ordered = self._by_start
        end = bisect_right(ordered, last, key=lambda c: c.start)
        return {c.id for c in ordered[:end] if c.end > first}

    def _line_at(self, index: int) -> tuple[int, int]:
        """Top and bottom, in document pixels, of the laid-out line holding ``index``
        (read from the layout: a text cursor per claim made the gutter slow)."""
        doc = self.text.document()
        position = self._map.to_qt(index)
        block = doc.findBlock(position)
        origin = doc.documentLayout().blockBoundingRect(block).top()
        line = block.layout().lineForTextPosition(position - block.position())
        if not line.isValid():
            rect = self._rect_at(index)  # not laid out yet: ask the editor
            scrolled = self.text.verticalScrollBar().value()
            return rect.top() + scrolled, rect.bottom() + scrolled
        top = origin + line.y()
        return round(top), round(top + line.height()) - 1

    def claim_point(self, claim_id: str) -> QPoint | None:
        """A viewport point inside the claim, for clicks in tests and keyboard navigation."""
        claim = self._claims.get(claim_id)
        if claim is None:
            return None
        return self._rect_at(claim.start + min(2, claim.end - claim.start - 1)).center()

    def scroll_to_claim(self, claim_id: str) -> None:
        span = self.claim_rect_y(claim_id)
        if span is None:
            return
        height = self.text.viewport().height()
        if span[0] >= 0 and span[1] <= height:
            return  # already fully visible: do not make the page jump
        bar = self.text.verticalScrollBar()
        bar.setValue(bar.value() + span[0] - height // 3)

    def _on_resized(self) -> None:
        """Rewrapped lines move every claim: forget their places, keep the selection in view.

        Only a new width rewraps; a new height (the status bar growing) moves nothing.
        """
        width = self.text.viewport().width()
        if width != self._laid_out_width:
            self._laid_out_width = width
            self._spans = {}
        if self._selected and self.article is not None:
            self.scroll_to_claim(self._selected[0])

    def _rect_at(self, index: int) -> QRect:
        return self.text.cursorRect(self._cursor_over(index, index))

    def _cursor_over(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self._map.to_qt(start))
        cursor.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _on_position_clicked(self, position: int) -> None:
        claim_id = self.claim_at(position)
        if claim_id is not None:
            self.claim_clicked.emit(claim_id)


def header_meta(article: Article) -> str:
    """'source · date (where the date came from) · file name' for the pane header."""
    parts = [article.source or "unknown source"]
    if article.date:
        parts.append(
            f"{article.date} ({DATE_SOURCE_TEXT.get(article.date_source, article.date_source)})"
        )
    else:
        parts.append("undated")
    parts.append(location_name(article.location))
    return " · ".join(parts)


def _x(found: float | tuple[float, int]) -> float:
    """QTextLine.cursorToX's x, whichever of its two Python signatures answered."""
    return float(found[0] if isinstance(found, tuple) else found)


def _overlapping(claims: tuple[Claim, ...]) -> dict[str, tuple[str, ...]]:
    """For each claim, the claims whose spans overlap it (nested clauses), by a sweep."""
    found: dict[str, list[str]] = {}
    active: list[Claim] = []
    for claim in sorted(claims, key=lambda c: c.start):
        active = [a for a in active if a.end > claim.start]
        for other in active:
            found.setdefault(claim.id, []).append(other.id)
            found.setdefault(other.id, []).append(claim.id)
        active.append(claim)
    return {cid: tuple(ids) for cid, ids in found.items()}


def _local_file(urls: list) -> str | None:  # type: ignore[type-arg]
    for url in urls:
        if url.isLocalFile():
            return str(url.toLocalFile())
    return None
