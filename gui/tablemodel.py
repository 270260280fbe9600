"""The claims table: Qt models over the DataFrame of the comparison's links.

``DataFrameModel`` adapts any pandas DataFrame to ``QAbstractTableModel`` (display, tooltip,
sort and decoration roles); ``ClaimsProxy`` sorts and filters it by relation and topic.
The frame itself is built off the GUI thread (``claimdiff_gui.frames``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimdiff_gui.theme import RELATION_RANK, RELATION_TEXT, Theme
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

if TYPE_CHECKING:
    import pandas as pd

Index = QModelIndex | QPersistentModelIndex


class DataFrameModel(QAbstractTableModel):
    """Read-only adapter from a DataFrame to Qt; shows the first ``visible`` columns."""

    def __init__(self, visible: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.visible = visible
        self.frame: pd.DataFrame | None = None
        self.theme: Theme | None = None

    def set_frame(self, frame: pd.DataFrame | None, theme: Theme | None = None) -> None:
        self.beginResetModel()
        self.frame = frame
        self.theme = theme
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if self.frame is None or parent.isValid() else len(self.frame)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.visible)

    def value(self, row: int, column: str) -> Any:
        assert self.frame is not None
        return self.frame[column].iat[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.frame is None or not index.isValid():
            return None
        column = self.visible[index.column()]
        value = self.value(index.row(), column)
        if role == Qt.ItemDataRole.DisplayRole:
            return RELATION_TEXT.get(value, value) if column == "relation" else _display(value)
        if role == Qt.ItemDataRole.ToolTipRole and column.endswith("claim"):
            return str(value)
        if role == Qt.ItemDataRole.UserRole:
            return _sort_key(column, value)
        if role == Qt.ItemDataRole.DecorationRole and column == "relation" and self.theme:
            return self.theme.relation_colour(str(value))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.visible[section]
        return None


class ClaimsProxy(QSortFilterProxyModel):
    """Sorting on raw values, filtering by a set of relations and one topic (or all)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.relations: set[str] = set(RELATION_TEXT)
        self.topic: str | None = None
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_relations(self, relations: set[str]) -> None:
        self.beginFilterChange()
        self.relations = set(relations)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_topic(self, topic: str | None) -> None:
        self.beginFilterChange()
        self.topic = topic
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, DataFrameModel) or model.frame is None:
            return True
        if model.value(row, "relation") not in self.relations:
            return False
        return self.topic is None or model.value(row, "topic") == self.topic

    def link_index(self, proxy_row: int) -> int:
        model = self.sourceModel()
        assert isinstance(model, DataFrameModel)
        source = self.mapToSource(self.index(proxy_row, 0))
        return int(model.value(source.row(), "link"))

    def row_of_link(self, link_index: int) -> int | None:
        for row in range(self.rowCount()):
            if self.link_index(row) == link_index:
                return row
        return None


def _sort_key(column: str, value: Any) -> Any:
    """Relations sort by weight (conflicts first), everything else by its raw value."""
    if column == "relation":
        return -RELATION_RANK.get(str(value), 0)
    return value.item() if hasattr(value, "item") else value


def _display(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)
