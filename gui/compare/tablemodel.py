"""Table models: the claims table over the comparison's links, the corpus's articles.

``DataFrameModel`` adapts any pandas DataFrame to ``QAbstractTableModel`` (display, tooltip,
sort and decoration roles); ``ClaimsProxy`` sorts and filters it by relation and topic.
The frame itself is built off the GUI thread (``claimdiff.session.frames``). ``ArticlesModel``
shows a corpus of any size a page at a time, ordered by the database (see its docstring).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from claimdiff_gui.window.theme import RELATION_RANK, RELATION_TEXT, Theme
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
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
    """Filtering by a set of relations and one topic (or all); the source model sorts.

    A proxy's own sort compares rows through ``lessThan`` and ``data()``, thousands of
    calls across the Python boundary per sort; the source model sorts a list of row
    numbers by precomputed keys instead (``claimstable.LinksModel.sort``).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.relations: set[str] = set(RELATION_TEXT)
        self.topic: str | None = None

    def set_relations(self, relations: set[str]) -> None:
        self.beginFilterChange()
        self.relations = set(relations)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_topic(self, topic: str | None) -> None:
        self.beginFilterChange()
        self.topic = topic
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Hand the view's sort to the source model; the proxy keeps the source's order."""
        self.sourceModel().sort(column, order)

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


class ArticlesModel(QAbstractTableModel):
    """The corpus's articles as a window onto the database: an ordered list of row ids.

    The order (sort and filter) is one indexed query run in a worker, handed over with
    ``set_order``; the rows themselves are read a page at a time with ``read_rows`` (a few
    milliseconds from the listing table on the GUI thread's connection) when the view first
    paints them, and kept in a bounded cache. So 100,000 articles cost 100,000 integers, and
    opening, sorting or scrolling to the end reads only the pages on screen.
    """

    order_wanted = Signal(str, bool)  # sort column, descending: the view asked to sort

    def __init__(self, columns: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.ids: list[int] = []
        self.sort_column = columns[0]
        self.descending = False
        self.read_rows: Callable[[list[int]], Mapping[int, Any]] | None = None
        self._rows: dict[int, Any] = {}  # article id -> ArticleInfo, pages read so far
        self._pages: list[int] = []  # page numbers cached, oldest first

    def set_source(self, read_rows: Callable[[list[int]], Mapping[int, Any]] | None) -> None:
        """Where pages come from (None: no corpus); forgets the order and every cached row."""
        self.beginResetModel()
        self.read_rows = read_rows
        self.ids = []
        self._forget()
        self.endResetModel()

    def set_order(self, ids: list[int]) -> None:
        """A new order (after a sort, a filter or a change): rows are read again as painted."""
        self.beginResetModel()
        self.ids = ids
        self._forget()
        self.endResetModel()

    def changed(self, article_ids: Iterable[int]) -> None:
        """These articles changed in the file: read them again, repaint only their rows."""
        for article_id in article_ids:
            self._rows.pop(article_id, None)
            row = self.row_of(article_id)
            if row is not None:
                self._pages = [p for p in self._pages if p != row // PAGE]
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def row_of(self, article_id: int) -> int | None:
        """The row showing this article (a scan in C: about 1 ms at 100,000 rows)."""
        try:
            return self.ids.index(article_id)
        except ValueError:
            return None

    def info(self, row: int) -> Any:
        """The row's ArticleInfo, reading its page if it is not cached."""
        article_id = self.ids[row]
        found = self._rows.get(article_id)
        if found is None and self.read_rows is not None:
            self._read_page(row // PAGE)
            found = self._rows.get(article_id)
        return found

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = self.columns[index.column()] in NUMERIC
            return ALIGN_RIGHT if numeric else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        info = self.info(index.row())
        if info is None:
            return None
        value = getattr(info, self.columns[index.column()])
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(value) if self.columns[index.column()] == "title" else None
        return "" if value is None else str(value)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The view asks for an order; the query runs elsewhere and ends in ``set_order``."""
        self.sort_column = self.columns[column]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.order_wanted.emit(self.sort_column, self.descending)

    def _read_page(self, page: int) -> None:
        assert self.read_rows is not None
        self._rows.update(self.read_rows(self.ids[page * PAGE : (page + 1) * PAGE]))
        self._pages.append(page)
        if len(self._pages) > MAX_PAGES:  # forget the oldest page: memory stays bounded
            old = self._pages.pop(0)
            for article_id in self.ids[old * PAGE : (old + 1) * PAGE]:
                self._rows.pop(article_id, None)

    def _forget(self) -> None:
        self._rows.clear()
        self._pages.clear()


NUMERIC = ("claims", "positions")  # right-aligned, so the digits line up
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
PAGE = 200  # rows read at once: a screenful or two
MAX_PAGES = 50  # pages cached: 10,000 rows
