"""The timeline's legend: a list beside the chart, one checkable row per series.

pyqtgraph's own legend floats over the plot and hides the most recent years, where the
lines are read most; a list beside it never covers data, scrolls when a codebook has many
positions, and lets the user hide a series to read the others.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

SeriesKey = tuple[str, str]  # (topic, position)
KEY_ROLE = Qt.ItemDataRole.UserRole
SWATCH = 12  # px


class SeriesLegend(QListWidget):
    """Series names with their colours; unchecking one hides it until checked again."""

    visibility_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hidden: set[SeriesKey] = set()
        self.setToolTip("Untick a position to hide its line")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.itemChanged.connect(self._on_item_changed)

    def set_series(self, entries: list[tuple[SeriesKey, str, str, QColor]]) -> None:
        """Rows for ``entries`` (key, topic label, position label, colour), under a heading
        per topic; a series hidden before stays hidden."""
        self.blockSignals(True)
        self.clear()
        topic = None
        for key, topic_label, position_label, colour in entries:
            if topic_label != topic:
                topic = topic_label
                heading = QListWidgetItem(topic_label, self)
                heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # readable, not selectable
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
            item = QListWidgetItem(_swatch(colour), position_label, self)
            item.setData(KEY_ROLE, key)
            item.setToolTip(f"{topic_label}: {position_label}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            hidden = key in self.hidden
            item.setCheckState(Qt.CheckState.Unchecked if hidden else Qt.CheckState.Checked)
        self.blockSignals(False)

    def series_items(self) -> list[QListWidgetItem]:
        """The checkable rows, one per series, in order (headings left out)."""
        rows = (self.item(i) for i in range(self.count()))
        return [row for row in rows if row.data(KEY_ROLE) is not None]

    def is_shown(self, key: SeriesKey) -> bool:
        return key not in self.hidden

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        key = tuple(item.data(KEY_ROLE))
        if item.checkState() == Qt.CheckState.Checked:
            self.hidden.discard(key)  # type: ignore[arg-type]
        else:
            self.hidden.add(key)  # type: ignore[arg-type]
        self.visibility_changed.emit()


def _swatch(colour: QColor) -> QIcon:
    pixmap = QPixmap(SWATCH, SWATCH)
    pixmap.fill(colour)
    return QIcon(pixmap)
