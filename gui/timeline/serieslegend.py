"""The timeline's legend: a list beside the chart, one checkable row per series.

pyqtgraph's own legend floats over the plot and hides the most recent years, where the
lines are read most; a list beside it never covers data, scrolls when a codebook has many
positions, and lets the user hide a series to read the others.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

SeriesKey = tuple[str, ...]  # (topic, position), or (topic, position, speaker or outlet)
KEY_ROLE = Qt.ItemDataRole.UserRole
SWATCH = 12  # px


class SeriesLegend(QListWidget):
    """Series names with their colours; unchecking one hides it until checked again."""

    visibility_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen: dict[SeriesKey, bool] = {}  # ticked (True) or unticked by the user
        self.quiet: set[SeriesKey] = set()  # shown only once ticked: minor speakers, outlets
        self.setToolTip("Untick a position to hide its line")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.itemChanged.connect(self._on_item_changed)

    def set_series(
        self,
        entries: list[tuple[SeriesKey, str, str, QColor]],
        quiet: set[SeriesKey] | frozenset[SeriesKey] = frozenset(),
    ) -> None:
        """Rows for ``entries`` (key, heading, label, colour), under a heading each: the topic
        of positions, or "topic: position" when split by speaker or outlet. A series the user
        ticked or unticked keeps that; the others in ``quiet`` start unticked."""
        self.blockSignals(True)
        self.clear()
        self.quiet = set(quiet)
        topic = None
        for key, topic_label, position_label, colour in entries:
            if topic_label != topic:
                topic = topic_label
                heading = QListWidgetItem(topic_label, self)
                heading.setToolTip(topic_label)  # elided when the legend is narrow
                heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # readable, not selectable
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
            item = QListWidgetItem(_swatch(colour), position_label, self)
            item.setData(KEY_ROLE, key)
            item.setToolTip(f"{topic_label}: {position_label}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            shown = self.is_shown(key)
            item.setCheckState(Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)
        self.blockSignals(False)

    def series_items(self) -> list[QListWidgetItem]:
        """The checkable rows, one per series, in order (headings left out)."""
        rows = (self.item(i) for i in range(self.count()))
        return [row for row in rows if row.data(KEY_ROLE) is not None]

    def is_shown(self, key: SeriesKey) -> bool:
        return self.chosen.get(key, key not in self.quiet)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        key = tuple(item.data(KEY_ROLE))
        self.chosen[key] = item.checkState() == Qt.CheckState.Checked
        self.visibility_changed.emit()


def _swatch(colour: QColor) -> QIcon:
    pixmap = QPixmap(SWATCH, SWATCH)
    pixmap.fill(colour)
    return QIcon(pixmap)
