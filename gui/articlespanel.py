"""The Articles tab: the corpus's articles in a table, a filter, compare two, correct one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimdiff_gui.frames import ARTICLE_COLUMNS
from claimdiff_gui.tablemodel import DataFrameModel, Index
from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ARTICLE_COLUMNS


class TitleSourceFilter(QSortFilterProxyModel):
    """Keeps the rows whose title or source contains every word typed, in any case."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.words = text.lower().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        if not self.words or not isinstance(model, DataFrameModel) or model.frame is None:
            return True
        hay = f"{model.value(row, 'title')} {model.value(row, 'source')}".lower()
        return all(word in hay for word in self.words)


class ArticlesPanel(QWidget):
    """The corpus's articles: search, sort, compare two, correct one's date, title or source."""

    compare_requested = Signal(str, str)  # article keys
    edit_requested = Signal(str)  # article key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DataFrameModel(COLUMNS, self)
        self.proxy = TitleSourceFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.search = QLineEdit(self)
        self.summary = QLabel("No corpus open: File → New corpus… or Open corpus…", self)
        self.compare = QPushButton("Compare selected", self)
        self.edit = QPushButton("Date, title, source…", self)
        self._build()

    def _build(self) -> None:
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # A long summary must not widen the window: it is cut, with the full text as tooltip.
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.search.setMinimumWidth(120)
        self.search.setPlaceholderText("Filter by title or source")
        self.search.setClearButtonEnabled(True)
        self.compare.setToolTip("Open the two selected articles side by side")
        self.edit.setToolTip("Correct the selected article's date, title or source")
        top = QHBoxLayout()
        for widget, stretch in ((self.search, 2), (self.summary, 3), (self.edit, 0)):
            top.addWidget(widget, stretch)
        top.addWidget(self.compare)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.search.textChanged.connect(self.proxy.set_text)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._follow_selection())
        self.view.doubleClicked.connect(lambda _i: self._edit_selected())
        self.compare.clicked.connect(self._compare_selected)
        self.edit.clicked.connect(self._edit_selected)
        self._follow_selection()

    def set_articles(self, frame: pd.DataFrame, summary: str) -> None:
        """``frame`` from claimdiff_gui.frames.articles_frame, built in a worker."""
        self.model.set_frame(frame)
        self.summary.setText(summary)
        self.summary.setToolTip(summary)
        self.view.resizeColumnToContents(0)
        self.view.resizeColumnToContents(1)
        self._follow_selection()

    def clear(self, summary: str) -> None:
        self.model.set_frame(None)
        self.summary.setText(summary)

    def selected_keys(self) -> list[str]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        return [self._key(row) for row in rows]

    def select_keys(self, keys: list[str]) -> None:
        """Select the rows of these articles (for the keyboard-less: tests, scripts)."""
        self.view.clearSelection()
        mode = self.view.selectionMode()
        self.view.setSelectionMode(QTableView.SelectionMode.MultiSelection)
        for row in range(self.proxy.rowCount()):
            if self._key(row) in keys:
                self.view.selectRow(row)
        self.view.setSelectionMode(mode)

    def _key(self, proxy_row: int) -> str:
        source = self.proxy.mapToSource(self.proxy.index(proxy_row, 0))
        return str(self.model.value(source.row(), "key"))

    def _follow_selection(self) -> None:
        count = len(self.view.selectionModel().selectedRows())
        self.compare.setEnabled(count == 2)
        self.edit.setEnabled(count == 1)

    def _compare_selected(self) -> None:
        keys = self.selected_keys()
        if len(keys) == 2:
            self.compare_requested.emit(*keys)

    def _edit_selected(self) -> None:
        keys = self.selected_keys()
        if len(keys) == 1:
            self.edit_requested.emit(keys[0])
