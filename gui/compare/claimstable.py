"""The claims table with its filters: relation checkboxes and the shared topic filter."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimdiff_gui.compare.tablemodel import ClaimsProxy, DataFrameModel, _display, _sort_key
from claimdiff_gui.window.theme import RELATION_TEXT, Theme
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from claimdiff.session.frames import COLUMNS

if TYPE_CHECKING:
    import pandas as pd


class LinksModel(DataFrameModel):
    """The links frame with its cells read once into Python lists, sorted here.

    Sorting and filtering ask for every cell many times; a pandas lookup per cell made a
    topic change on 300 links take about a quarter of a second on the GUI thread. The model
    also sorts itself (``sort``: one Python sort of row numbers by each column's
    precomputed key): a proxy's ``lessThan`` asked ``data()`` about 4,700 times per sort
    of 220 links, on every new frame and every swap.
    """

    def __init__(self, visible: list[str], parent: QWidget | None = None) -> None:
        super().__init__(visible, parent)
        self._columns: dict[str, list[Any]] = {}
        self._cells: dict[int, list[list[Any]]] = {}  # role -> column -> frame row -> data
        self._order: list[int] = []  # frame row shown in each model row
        self._sorted: tuple[int, Qt.SortOrder] | None = None  # the view's last sort
        self.rows_of_link: dict[int, int] = {}  # link index -> model row

    def set_frame(self, frame: pd.DataFrame | None, theme: Theme | None = None) -> None:
        self.beginResetModel()
        self.frame, self.theme = frame, theme
        self._columns = {} if frame is None else {n: frame[n].tolist() for n in frame.columns}
        self._cells = {} if frame is None else self._fill(theme)
        self._order = self._sorted_rows()
        self._index_links()
        self.endResetModel()

    def _fill(self, theme: Theme | None) -> dict[int, list[list[Any]]]:
        """Each role's cells, as the base model would answer them one by one."""
        display, tips, keys, icons = [], [], [], []
        for column in self.visible:
            values = self._columns[column]
            if column == "relation":
                display.append([RELATION_TEXT.get(v, v) for v in values])
                icons.append([theme.relation_colour(str(v)) if theme else None for v in values])
            else:
                display.append([_display(v) for v in values])
                icons.append([None] * len(values))
            tips.append(
                [str(v) for v in values] if column.endswith("claim") else [None] * len(values)
            )
            keys.append([_sort_key(column, v) for v in values])
        return {
            int(Qt.ItemDataRole.DisplayRole): display,
            int(Qt.ItemDataRole.ToolTipRole): tips,
            int(Qt.ItemDataRole.UserRole): keys,
            int(Qt.ItemDataRole.DecorationRole): icons,
        }

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column``'s sort key; equal keys keep the frame's order."""
        self._sorted = (column, order) if 0 <= column < len(self.visible) else None
        self.layoutAboutToBeChanged.emit()
        old = self._order
        self._order = self._sorted_rows()
        row_of = {frame_row: row for row, frame_row in enumerate(self._order)}
        before = self.persistentIndexList()  # the selection, through the proxy
        after = [self.index(row_of[old[index.row()]], index.column()) for index in before]
        self.changePersistentIndexList(before, after)
        self._index_links()
        self.layoutChanged.emit()

    def _sorted_rows(self) -> list[int]:
        rows = list(range(len(self._columns.get("link", []))))
        if self._sorted is not None and rows:
            column, order = self._sorted
            keys = self._cells[int(Qt.ItemDataRole.UserRole)][column]
            rows.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        return rows

    def _index_links(self) -> None:
        links = self._columns.get("link", [])
        self.rows_of_link = {int(links[frame]): row for row, frame in enumerate(self._order)}

    def value(self, row: int, column: str) -> Any:
        return self._columns[column][self._order[row]]

    def rowCount(self, parent: Any = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._order)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cells = self._cells.get(int(role))
        if cells is None or not index.isValid():
            return None
        return cells[index.column()][self._order[index.row()]]


class ClaimsTable(QWidget):
    """Sortable, filterable list of links; reports the link index of the chosen row."""

    link_activated = Signal(int)  # index into comparison.links

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LinksModel(COLUMNS, self)
        self.proxy = ClaimsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # conflicts first
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        for column in (2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.checks: dict[str, QCheckBox] = {}
        self._build()
        # A frame handed over with ``later``: filled in the next event-loop turn, after the
        # window's first frame of a new pair (with its selection, ``_pending_link``).
        self._pending: tuple[pd.DataFrame | None, Theme] | None = None
        self._pending_link: int | None = None
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.finish)
        self.view.selectionModel().currentRowChanged.connect(self._on_row_changed)

    def _build(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Show:", self))
        for relation, text in RELATION_TEXT.items():
            box = QCheckBox(text, self)
            box.setChecked(True)
            box.toggled.connect(self._on_filter_toggled)
            self.checks[relation] = box
            filters.addWidget(box)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)

    def set_frame(self, frame: pd.DataFrame | None, theme: Theme, later: bool = False) -> None:
        """Show ``frame``; with ``later``, in the next turn of the event loop.

        Resetting and first painting 340 rows took about 5 ms of the 45 a long pair's first
        frame cost; the articles come first, the table a turn after.
        """
        if later:
            self._pending, self._pending_link = (frame, theme), None
            self._later.start()
            return
        self._later.stop()
        self._pending = None
        self.model.set_frame(frame, theme)

    def finish(self) -> None:
        """Fill a frame still waiting (see ``set_frame``) and select its pending link."""
        if self._pending is None:
            return
        (frame, theme), link = self._pending, self._pending_link
        self.set_frame(frame, theme)
        self.select_link(link)

    def frame(self) -> pd.DataFrame | None:
        """The links frame shown, or about to be (a frame waiting counts)."""
        return self._pending[0] if self._pending is not None else self.model.frame

    def set_relations(self, relations: set[str]) -> None:
        for relation, box in self.checks.items():
            box.setChecked(relation in relations)

    def set_topic(self, topic: str | None) -> None:
        self.proxy.set_topic(topic)

    def select_link(self, link_index: int | None) -> None:
        """Follow a selection made elsewhere, without echoing it back."""
        if self._pending is not None:  # selected in the frame still waiting
            self._pending_link = link_index
            return
        selection = self.view.selectionModel()
        source = None if link_index is None else self.model.rows_of_link.get(link_index)
        index = None if source is None else self.proxy.mapFromSource(self.model.index(source, 0))
        row = index.row() if index is not None and index.isValid() else None
        self.blockSignals(True)
        if row is None:
            selection.clearSelection()
        else:
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            selection.setCurrentIndex(self.proxy.index(row, 0), flags)
            self.view.scrollTo(self.proxy.index(row, 0))
        self.blockSignals(False)

    def visible_links(self) -> list[int]:
        self.finish()
        return [self.proxy.link_index(row) for row in range(self.proxy.rowCount())]

    def _on_filter_toggled(self) -> None:
        self.proxy.set_relations({r for r, box in self.checks.items() if box.isChecked()})

    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.link_activated.emit(self.proxy.link_index(current.row()))
