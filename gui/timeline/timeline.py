"""Positions over time across the corpus the open articles belong to.

A thin view over the core's tidy ``timeline_frame``: one line-and-points series per
(topic, position) in the codebook's colour, converted to numpy only here. Clicking a point
lists the claims behind it; double-clicking one offers to open its article. With a corpus
open, a ``TimelineSource`` (the corpus's stored labels and corrections) replaces the folder.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from claimdiff_gui.timeline.serieslegend import SeriesKey, SeriesLegend
from claimdiff_gui.window.theme import Theme
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from claimdiff.base.model import FREQS, Article, Claim
from claimdiff.labels.codebook import Codebook
from claimdiff.output.report.names import position_label, topic_label
from claimdiff.timeline.seriesplan import plan

if TYPE_CHECKING:
    import pandas as pd
    import pyqtgraph as pg
    from claimdiff_gui.window.settings import Settings

CorpusItem = tuple[Article, tuple[Claim, ...]]
# What the Split box offers, and the core's grouping (claimdiff.timeline.timeline.GROUPINGS) of
# each.
SPLITS = {"none": None, "by speaker": "speaker", "by outlet": "source"}


class TimelineSource(Protocol):
    """Where the chart's numbers come from when they are not a folder's items."""

    def frame(self, freq: str, by: str | None) -> pd.DataFrame | None:
        """The timeline at ``freq``, split ``by``; None until ``load(by, ...)`` read it."""
        ...

    def load(self, by: str | None, then: Callable[[], None]) -> None:
        """Read the frames split ``by`` (off the GUI thread), then call ``then``."""
        ...

    def behind(
        self,
        freq: str,
        by: str | None,
        period: str,
        key: SeriesKey,
        show: Callable[[list[tuple[str, str, str]]], None],
    ) -> None:
        """Call ``show`` (later, on the GUI thread) with (line, tooltip, target) per claim."""
        ...

    def describe(self, frame: pd.DataFrame) -> str: ...


MIN_CHART_HEIGHT = 140  # px: below this the lines are unreadable
CLAIMS_MIN_HEIGHT = 24  # px: the list under the chart may shrink to one line
# Claims listed per turn of the event loop (about 16 ms of the GUI thread at ~40 µs an item).
LIST_BATCH = 400
AXIS_LABEL = {"count": "claims per {period}", "share": "share of claims"}
NOTHING_TO_CHART = "Nothing to chart: no dated claims with a codebook position here."
SYMBOLS = ("o", "s", "t", "d", "star", "p", "h", "t1")  # pyqtgraph symbols, one per position


def _symbol(marker: int) -> str:
    """The point symbol of a series' position marker (seriesplan.Series.marker)."""
    return SYMBOLS[marker % len(SYMBOLS)]


def next_period(iso_date: str, freq: str) -> str:
    """The start of the period after the one starting at ``iso_date``."""
    day = date.fromisoformat(iso_date[:10])
    if freq == "day":
        return (day + timedelta(days=1)).isoformat()
    if freq == "week":
        return (day + timedelta(days=7)).isoformat()
    months = {"month": 1, "quarter": 3, "year": 12}[freq]
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1).isoformat()


def to_seconds(iso_date: str) -> float:
    """DateAxisItem wants POSIX seconds; periods are calendar dates, read as UTC midnight."""
    return datetime.fromisoformat(iso_date[:10]).replace(tzinfo=UTC).timestamp()


class TimelineWidget(QWidget):
    """Chart + controls + list of the claims behind the clicked point."""

    open_requested = Signal(str, str)  # side ("left"/"right"), location
    article_requested = Signal(str, str)  # side, target of a TimelineSource (a corpus key)
    claims_listed = Signal(int)  # the list below the chart holds the claims of a point
    subfolders_requested = Signal()  # chart the folder with its subfolders

    def __init__(self, parent: QWidget | None = None, settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.items: list[CorpusItem] = []
        self.source: TimelineSource | None = None
        self._asked: object = None  # the point whose claims are being read
        self.codebook: Codebook | None = None
        self.marks: dict[str, str | None] = {}
        self.frame: pd.DataFrame | None = None
        self.theme: Theme | None = None
        self.freq = QComboBox(self)
        self.freq.addItems(list(FREQS))
        self.measure = QComboBox(self)
        self.measure.addItems(["counts", "share"])
        self.split = QComboBox(self)
        self.split.addItems(list(SPLITS))
        self.split.setToolTip(
            "One line per speaker or outlet of each position; the biggest voices are ticked"
        )
        self.status = QLabel("Open a pair to chart its folder.", self)
        self.status.setWordWrap(True)
        self.subfolders = QPushButton(self)
        self.subfolders.hide()
        self.subfolders.clicked.connect(self.subfolders_requested)
        self.duplicates = 0
        self._plot: pg.PlotWidget | None = None  # built at first use: pyqtgraph and numpy
        self._chart = QSplitter(Qt.Orientation.Horizontal, self)  # cost ~145 ms to import
        self._placeholder = QWidget(self)
        self.claims = QListWidget(self)
        self.legend = SeriesLegend(self)
        self._series: dict[SeriesKey, tuple[list[str], list[float]]] = {}
        self._drawn: dict[SeriesKey, list[Any]] = {}  # curve, points and bridge per series
        self._mark_items: list[pg.InfiniteLine] = []
        self._observed: list[str] = []  # periods that have labelled claims
        self._empty = ""  # the chart's message when it has nothing to draw
        self._build()
        if settings is not None:
            self._remember(settings)

    def _build(self) -> None:
        controls = QHBoxLayout()
        for label, widget in (("Period", self.freq), ("Show", self.measure), ("Split", self.split)):
            controls.addWidget(QLabel(label, self))
            controls.addWidget(widget)
        controls.addWidget(self.status, 1)
        controls.addWidget(self.subfolders)
        self._placeholder.setMinimumHeight(MIN_CHART_HEIGHT)
        self.legend.visibility_changed.connect(self._apply_visibility)
        self.claims.setToolTip("Claims behind the clicked point; double-click to open the article")
        chart = self._chart
        chart.addWidget(self._placeholder)
        chart.addWidget(self.legend)
        chart.setStretchFactor(0, 1)
        chart.setSizes([760, 260])
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(chart)
        split.addWidget(self.claims)
        split.setSizes([300, 90])
        split.setCollapsible(0, False)
        self.claims.setMinimumHeight(CLAIMS_MIN_HEIGHT)  # the chart, not the list, keeps its room
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(controls)
        layout.addWidget(split, 1)
        self.freq.currentTextChanged.connect(lambda _f: self.redraw())
        self.measure.currentTextChanged.connect(lambda _m: self.redraw())
        self.split.currentTextChanged.connect(lambda _s: self.redraw())
        self.claims.itemDoubleClicked.connect(self._on_claim_double_clicked)

    @property
    def plot(self) -> pg.PlotWidget:
        """The chart, built (and pyqtgraph imported) when the tab is first shown or anything
        asks for it: the window shows without loading pyqtgraph, and opening a pair does not
        import it on the GUI thread while the tab is hidden. Until then ``redraw`` keeps the
        series (and the status line) without drawing them."""
        if self._plot is None:
            import pyqtgraph as pg

            plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem()})
            plot.showGrid(x=True, y=True, alpha=0.25)
            plot.setMinimumHeight(MIN_CHART_HEIGHT)
            plot.getPlotItem().getViewBox().setDefaultPadding(0.08)  # top points not clipped
            plot.getPlotItem().getAxis("left").enableAutoSIPrefix(False)  # 0.27, not 270 m
            plot.setLabel("bottom", "date")
            plot.setMouseEnabled(x=True, y=False)
            self._chart.replaceWidget(0, plot)
            self._placeholder.deleteLater()
            self._plot = plot
            if self.theme is not None:
                self._paint_theme(self.theme)
            self._draw_series()  # what was charted while the tab was hidden
            self._show_empty(self._empty)
        return self._plot

    def _draw_series(self) -> None:
        """Draw the current frame's series on a newly built chart; the legend stays."""
        if self._plot is None or self.frame is None:
            return
        value = "share" if self.measure.currentText() == "share" else "count"
        self._plot.setLabel("left", AXIS_LABEL[value].format(period=self.freq.currentText()))
        for line in plan(self.frame, self.split_by()):
            colour = self._colour(line.key, line.colour)
            self._add_series(line.key, line.rows, value, colour, _symbol(line.marker))
        self._apply_visibility()
        self._add_marks()
        self._range_one_period()

    def plot_built(self) -> bool:
        return self._plot is not None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.plot  # noqa: B018 - the tab is on screen: the chart is needed now

    def _remember(self, settings: Settings) -> None:
        """Period and measure as the user left them last time."""
        combos = {"period": self.freq, "measure": self.measure, "split": self.split}
        for name, combo in combos.items():
            key = f"timeline/{name}"
            kept = settings.choice(key, combo.currentText())
            if combo.findText(kept) >= 0:
                combo.setCurrentText(kept)
            combo.currentTextChanged.connect(functools.partial(settings.set_choice, key))

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        if self._plot is not None:
            self._paint_theme(theme)
        self.redraw()

    def _paint_theme(self, theme: Theme) -> None:
        plot = self.plot
        plot.setBackground(QColor(theme.base))
        for axis in ("left", "bottom"):
            plot.getAxis(axis).setTextPen(QColor(theme.text))
            plot.getAxis(axis).setPen(QColor(theme.dim))

    def set_corpus(
        self,
        items: Sequence[CorpusItem],
        codebook: Codebook | None,
        marks: dict[str, str | None],
        duplicates: int = 0,
    ) -> None:
        """New corpus data (from the worker); ``marks`` maps "L"/"R" to the open articles' dates."""
        if not items:
            self.clear("No articles to chart.")
            return
        self.items = list(items)
        self.duplicates = duplicates
        self.source = None
        self.codebook = codebook
        self.marks = marks
        self.redraw()

    def set_source(
        self, source: TimelineSource, codebook: Codebook | None, marks: dict[str, str | None]
    ) -> None:
        """Draw from ``source`` (a corpus) until ``set_corpus`` or ``clear``."""
        self.items = []
        self.source = source
        self.codebook = codebook
        self.marks = marks
        self.redraw()

    def offer_subfolders(self, count: int) -> None:
        """Offer, never assume, the articles of the folder's subfolders."""
        self.subfolders.setText(f"Include {count} in subfolders")
        self.subfolders.setToolTip("Chart the articles of the subfolders too")
        self.subfolders.setVisible(count > 0)

    def set_marks(self, marks: dict[str, str | None]) -> None:
        """Move the open pair's markers; the data drawn stays as it is."""
        self.marks = marks
        self._add_marks()

    def clear(self, message: str) -> None:
        self.items = []
        self.source = None
        self.frame = None
        self._series = {}
        self._drawn = {}
        if self._plot is not None:
            self._plot.clear()
        self._mark_items = []
        self.legend.set_series([])
        self.claims.clear()
        self._asked = None
        self.status.setText(message)
        self._show_empty(NOTHING_TO_CHART)

    def _show_empty(self, message: str) -> None:
        """With ``message``: no axes, no grid, the message in the middle of the chart;
        without: the axes back, ranged on the data. An emptied chart kept the previous
        chart's axes and range, as if the new corpus spanned the old one's years."""
        self._empty = message
        if self._plot is None:
            return  # applied when the chart is built
        import pyqtgraph as pg

        item = self._plot.getPlotItem()
        for axis in ("left", "bottom"):
            item.showAxis(axis, not message)
        if not message:
            item.enableAutoRange()
            return
        self._plot.clear()
        item.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
        colour = QColor(self.theme.dim) if self.theme else QColor("gray")
        text = pg.TextItem(message, color=colour, anchor=(0.5, 0.5))
        text.setPos(0.5, 0.5)
        self._plot.addItem(text)

    def series(self) -> dict[SeriesKey, tuple[list[str], list[float]]]:
        """What is drawn: periods and values per (topic, position[, speaker or outlet])."""
        return dict(self._series)

    def split_by(self) -> str | None:
        return SPLITS.get(self.split.currentText())

    def redraw(self) -> None:
        if not self.items and self.source is None:
            return
        from claimdiff.timeline.timeline import timeline_frame

        freq, by, source = self.freq.currentText(), self.split_by(), self.source
        frame = source.frame(freq, by) if source else timeline_frame(self.items, freq, by)
        if frame is None:  # only a corpus source reads frames later
            if source is not None:
                self.status.setText(f"Reading the timeline {self.split.currentText()}…")
                source.load(by, self.redraw)
            return
        self.frame = frame
        value = "share" if self.measure.currentText() == "share" else "count"
        self._show_empty("" if len(frame) else NOTHING_TO_CHART)
        if self._plot is not None and len(frame):
            self._plot.clear()
            self._plot.setLabel("left", AXIS_LABEL[value].format(period=freq))
        self._mark_items = []
        self._series = {}
        self._drawn = {}
        self.claims.clear()  # the list showed a point of the chart being replaced
        self._asked = None
        self._observed = sorted({str(p) for p in frame["period"]})
        entries, quiet = [], set()
        for line in plan(frame, by):
            colour = self._colour(line.key, line.colour)
            self._add_series(line.key, line.rows, value, colour, _symbol(line.marker))
            entries.append((line.key, *self._legend_labels(line.key), colour))
            if line.quiet:
                quiet.add(line.key)
        self.legend.set_series(entries, quiet)
        self._apply_visibility()
        self._add_marks()
        self._range_one_period()
        if source is not None:
            self.status.setText(source.describe(self.frame))
            return
        dated = sum(1 for a, _c in self.items if a.date)
        same = f", {self.duplicates} duplicates counted once" if self.duplicates else ""
        self.status.setText(
            f"{len(self.items)} articles ({dated} dated{same}), {self._count_series()}"
        )

    def _count_series(self) -> str:
        positions = len({key[:2] for key in self._series})
        lines = len(self._series)
        return f"{positions} positions" + (f", {lines} lines" if lines > positions else "")

    def _add_series(
        self, key: SeriesKey, rows: pd.DataFrame, value: str, colour: QColor, symbol: str
    ) -> None:
        found = {
            str(p): (float(v), int(c))
            for p, v, c in zip(rows["period"], rows[value], rows["count"], strict=True)
        }
        # Every period with labelled claims is a point: 0 where this position had none
        # (a real zero); periods without any are gaps, where the line breaks.
        periods = list(self._observed)
        ys = [found.get(p, (0.0, 0))[0] for p in periods]
        counts = [found.get(p, (0.0, 0))[1] for p in periods]
        self._series[key] = (periods, ys)
        if self._plot is None:
            return  # the tab has not been shown: drawn when it is
        import numpy as np
        import pyqtgraph as pg

        xs = [to_seconds(p) for p in periods]
        name = self._series_name(key)
        freq = self.freq.currentText()
        joined = [next_period(a, freq) == b for a, b in itertools.pairwise(periods)]
        curve = self.plot.plot(
            xs, ys, pen=pg.mkPen(colour, width=2), name=name, connect=np.array([*joined, False])
        )
        # Across periods without any claims a thin dotted line: a gap, not a zero.
        bridge = self.plot.plot(xs, ys, pen=pg.mkPen(colour, width=1, style=Qt.PenStyle.DotLine))
        tips = [f"{name}\n{p}: {c} claims" for p, c in zip(periods, counts, strict=True)]
        spots = [
            {"pos": (x, y), "data": (key, p, tip)}
            for x, y, p, tip in zip(xs, ys, periods, tips, strict=True)
        ]
        scatter = pg.ScatterPlotItem(
            spots=spots,
            size=9,
            symbol=symbol,
            brush=pg.mkBrush(colour),
            pen=pg.mkPen(colour),
            hoverable=True,
            hoverSize=13,
            tip=lambda x, y, data: data[2],
        )
        scatter.sigClicked.connect(self._on_points_clicked)
        self.plot.addItem(scatter)
        self._drawn[key] = [curve, scatter, bridge]

    def _apply_visibility(self) -> None:
        for key, items in self._drawn.items():
            for item in items:
                item.setVisible(self.legend.is_shown(key))

    def shown(self) -> list[SeriesKey]:
        """The series whose lines are visible now (building the chart if not yet built)."""
        self.plot  # noqa: B018
        return [key for key, items in self._drawn.items() if items[0].isVisible()]

    def data_range(self) -> tuple[float, float] | None:
        """First and last period charted, in the x axis's seconds."""
        xs = [to_seconds(p) for periods, _ys in self._series.values() for p in periods]
        return (min(xs), max(xs)) if xs else None

    def _range_one_period(self) -> None:
        """Data in one period only (a 1987 corpus by year): a period either side of it.

        Ranged on its one x value, the date axis zoomed to a fraction of a second and
        labelled it "59.750 · 00:00:00 · 00.250".
        """
        if self._plot is None or len(self._observed) != 1:
            return
        only = self._observed[0]
        width = to_seconds(next_period(only, self.freq.currentText())) - to_seconds(only)
        self._plot.setXRange(to_seconds(only) - width, to_seconds(only) + width, padding=0)

    def _add_marks(self) -> None:
        """The open pair's dates as dashed lines, only where they fall inside the data.

        A pair from 2007 and 2017 must not stretch a 1987 corpus's axis into a sliver.
        """
        if self._plot is None:
            return  # drawn with the chart, when its tab is first shown
        import pyqtgraph as pg

        for item in self._mark_items:
            self.plot.removeItem(item)
        self._mark_items = []
        colour = QColor(self.theme.text) if self.theme else QColor("gray")
        span = self.data_range()
        for label, day in self.marks.items():
            if day and span and span[0] <= to_seconds(day) <= span[1]:
                line = pg.InfiniteLine(
                    pos=to_seconds(day),
                    angle=90,
                    pen=pg.mkPen(colour, style=Qt.PenStyle.DashLine),
                    label=label,
                    labelOpts={"position": 0.95, "color": colour},
                )
                self.plot.addItem(line, ignoreBounds=True)
                self._mark_items.append(line)

    def _colour(self, key: SeriesKey, index: int) -> QColor:
        colour = None
        if self.codebook is not None and len(key) == 2:  # split: the voice's colour
            try:
                colour = self.codebook.colour_of(key[0], key[1])
            except KeyError:
                colour = None
        if self.theme is None:
            return QColor(colour) if colour else QColor("gray")
        return self.theme.timeline_colour(colour, index)

    def _series_name(self, key: SeriesKey) -> str:
        return ": ".join(self._labels(key)) + "".join(f" — {voice}" for voice in key[2:])

    def _legend_labels(self, key: SeriesKey) -> tuple[str, str]:
        """Heading and row: topic and position, or "topic: position" and the voice."""
        topic, position = self._labels(key)
        return (topic, position) if len(key) == 2 else (f"{topic}: {position}", key[2])

    def _labels(self, key: SeriesKey) -> tuple[str, str]:
        """Topic and position as the codebook names them (its ids when it does not know them)."""
        topic, position = key[0], key[1]
        return topic_label(self.codebook, topic), position_label(self.codebook, topic, position)

    def claims_at(self, period: str, key: SeriesKey) -> list[tuple[Article, Claim]]:
        """The labelled claims counted in one point of the chart."""
        from claimdiff.timeline.timeline import claims_in_point

        return claims_in_point(self.items, self.freq.currentText(), self.split_by(), period, key)

    def _on_points_clicked(self, _item: Any, points: Any, *_ev: Any) -> None:
        if len(points) == 0:
            return
        key, period, _tip = points[0].data()
        self.show_claims(period, key)

    def show_claims(self, period: str, key: SeriesKey) -> None:
        self.claims.clear()
        if self.source is not None:
            placeholder = QListWidgetItem("Reading the claims behind this point…")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.claims.addItem(placeholder)
            self._asked = asked = (self.source, period, key)
            self.source.behind(
                self.freq.currentText(),
                self.split_by() if len(key) > 2 else None,
                period,
                key,
                lambda rows: self._list(asked, rows),
            )
            return
        for article, claim in self.claims_at(period, key):
            item = QListWidgetItem(f"{article.date} · {article.title} — {claim.text}")
            item.setData(Qt.ItemDataRole.UserRole, article.location)
            item.setToolTip(article.location)
            self.claims.addItem(item)
        self.claims_listed.emit(self.claims.count())

    def _list(self, asked: object, rows: list[tuple[str, str, str]], start: int = 0) -> None:
        """List ``rows`` (line, tooltip, target) below the chart, :data:`LIST_BATCH` per turn
        of the event loop: a point of a large corpus has thousands of claims, and adding an
        item costs ~40 µs of the GUI thread (1,596 claims held it 70 ms)."""
        if asked is not self._asked:
            return  # another point was clicked, or another corpus opened, meanwhile
        if start == 0:
            self.claims.clear()
        for line, tip, target in rows[start : start + LIST_BATCH]:
            item = QListWidgetItem(line)
            item.setData(Qt.ItemDataRole.UserRole, target)
            item.setToolTip(tip)
            self.claims.addItem(item)
        if start + LIST_BATCH < len(rows):
            rest = functools.partial(self._list, asked, rows, start + LIST_BATCH)
            QTimer.singleShot(0, self, rest)  # dropped with the widget
            return
        self.claims_listed.emit(len(rows))

    def _on_claim_double_clicked(self, item: QListWidgetItem) -> None:
        if item.data(Qt.ItemDataRole.UserRole) is None:
            return  # the "Reading…" line
        location = str(item.data(Qt.ItemDataRole.UserRole))
        if self.source is not None:
            self.open_target(location, QGuiApplication.keyboardModifiers())
            return
        menu = QMenu(self)
        left = menu.addAction("Open as left article")
        right = menu.addAction("Open as right article")
        chosen = menu.exec(self.cursor().pos())
        if chosen is left:
            self.open_requested.emit("left", location)
        elif chosen is right:
            self.open_requested.emit("right", location)

    def open_target(self, target: str, modifiers: Qt.KeyboardModifier) -> None:
        """A corpus article as the left side; with Shift or Ctrl as the right."""
        wants_right = modifiers & (
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
        )
        self.article_requested.emit("right" if wants_right else "left", target)
