"""The gutter between the panes: a band from each left claim to its partner on the right.

After Meld's LinkMap: ask for the links, map each claim span to y through the pane's own
layout, and fill a shape bounded by two cubic curves with both control points at mid-width.
An end that is scrolled out of view gets a short stub pointing towards it instead.
"""

from __future__ import annotations

from collections.abc import Callable

from claimdiff_gui.compare.panes import ArticlePane
from claimdiff_gui.window.theme import Theme
from PySide6.QtCore import QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from claimdiff.base.model import Link
from claimdiff.session.session import Session

STUB = 0.35  # fraction of the width a stub reaches into the gutter


class LinkMap(QWidget):
    """Draws shared and conflicting links between two ArticlePanes."""

    def __init__(
        self,
        panes: tuple[ArticlePane, ArticlePane],
        session: Session,
        theme: Callable[[], Theme],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.panes = panes
        self.session = session
        self.theme = theme
        self.setMinimumWidth(48)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        # The background is the palette's window colour (the theme's), filled by Qt: the
        # first QPainter.fillRect of the process cost ~4 ms of PySide enum set-up on the
        # first frame of a new pair.
        self.setAutoFillBackground(True)
        for pane in panes:
            pane.text.verticalScrollBar().valueChanged.connect(self.update)
            pane.text.horizontalScrollBar().valueChanged.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(96, 400)

    def _span(self, side: int, claim_id: str, origin: float) -> tuple[float, float] | None:
        """A claim's top and bottom in this widget's coordinates (``origin``: the top of
        the pane's viewport here)."""
        span = self.panes[side].claim_rect_y(claim_id)
        if span is None:
            return None
        return span[0] + origin, span[1] + origin

    def _view(self, side: int) -> tuple[float, float]:
        viewport = self.panes[side].text.viewport()
        top = self.mapFromGlobal(viewport.mapToGlobal(QPoint(0, 0))).y()
        return top, top + viewport.height()

    def visible_links(self) -> list[tuple[Link, tuple[float, float], tuple[float, float]]]:
        """Links with at least one end in view, with both ends' spans in widget pixels."""
        views = (self._view(0), self._view(1))
        shown = (self.panes[0].claims_in_view(), self.panes[1].claims_in_view())
        found = []
        for link in self.session.links():
            if link.left is None or link.right is None:
                continue
            if link.left not in shown[0] and link.right not in shown[1]:
                continue
            left = self._span(0, link.left, views[0][0])
            right = self._span(1, link.right, views[1][0])
            if left is None or right is None:
                continue
            if _overlaps(left, views[0]) or _overlaps(right, views[1]):
                found.append((link, left, right))
        return found

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        theme = self.theme()
        views = (self._view(0), self._view(1))
        painter.setClipRect(0, int(max(views[0][0], views[1][0])), self.width(), self.height())
        selected = self.session.selected
        # Paint the selected link last so it sits on top.
        for link, left, right in sorted(self.visible_links(), key=lambda t: t[0] == selected):
            self._paint_link(
                painter, theme, link, spans=(left, right), views=views, selected=link == selected
            )
        painter.end()

    def _paint_link(
        self,
        painter: QPainter,
        theme: Theme,
        link: Link,
        *,
        spans: tuple[tuple[float, float], tuple[float, float]],
        views: tuple[tuple[float, float], tuple[float, float]],
        selected: bool,
    ) -> None:
        colour = theme.relation_colour(link.relation)
        fill = QColor(colour)
        fill.setAlphaF(0.75 if selected else 0.35)
        pen = QPen(colour, 2.5 if selected else 1.0)
        if link.relation == "conflicting":
            pen.setStyle(Qt.PenStyle.DashLine)  # a non-colour cue, like the wavy underline
        painter.setPen(pen)
        painter.setBrush(fill)
        visible = [_overlaps(spans[i], views[i]) for i in (0, 1)]
        if all(visible):
            painter.drawPath(band(spans[0], spans[1], 0.0, float(self.width())))
        elif visible[0]:
            painter.drawPath(stub(spans[0], 0.0, self.width() * STUB, _toward(spans[1], views[1])))
        else:
            x1 = float(self.width())
            painter.drawPath(
                stub(spans[1], x1, x1 - self.width() * STUB, _toward(spans[0], views[0]))
            )


def band(
    left: tuple[float, float], right: tuple[float, float], x0: float, x1: float
) -> QPainterPath:
    """Two cubic curves from the left span to the right span, control points at mid-width."""
    mid = (x0 + x1) / 2
    path = QPainterPath(QPointF(x0, left[0]))
    path.cubicTo(QPointF(mid, left[0]), QPointF(mid, right[0]), QPointF(x1, right[0]))
    path.lineTo(QPointF(x1, right[1]))
    path.cubicTo(QPointF(mid, right[1]), QPointF(mid, left[1]), QPointF(x0, left[1]))
    path.closeSubpath()
    return path


def stub(span: tuple[float, float], x0: float, x1: float, direction: int) -> QPainterPath:
    """A short band leaning up (-1) or down (+1) toward a partner out of view."""
    lean = 12.0 * direction
    path = QPainterPath(QPointF(x0, span[0]))
    path.cubicTo(
        QPointF((x0 + x1) / 2, span[0]), QPointF(x1, span[0] + lean), QPointF(x1, span[0] + lean)
    )
    path.lineTo(QPointF(x1, span[0] + lean + 4))
    path.cubicTo(QPointF(x1, span[1] + lean), QPointF((x0 + x1) / 2, span[1]), QPointF(x0, span[1]))
    path.closeSubpath()
    return path


def _overlaps(span: tuple[float, float], view: tuple[float, float]) -> bool:
    return span[1] >= view[0] and span[0] <= view[1]


def _toward(span: tuple[float, float], view: tuple[float, float]) -> int:
    return -1 if span[1] < view[0] else 1
