"""The Articles tab: the corpus's articles in a table, a filter, compare two, correct one.

The table is a window onto the corpus file (``ArticlesModel``): sorting and filtering ask the
controller for a new order, read by one indexed query in a worker, and only the rows on
screen are read, so a corpus of 100,000 articles opens and sorts without freezing the window.
"""

from __future__ import annotations

from claimdiff_gui.compare.tablemodel import ArticlesModel
from PySide6.QtCore import Qt, QTimer, Signal
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

COLUMNS = ["date", "source", "title", "claims", "positions"]
TYPING_MS = 150  # the filter is applied once typing pauses this long
# Text as wide as each column should be: a date, an outlet's name, (title stretches), counts.
COLUMN_SAMPLES = ("0000-00-00", "Agence France-Presse", "", "claims", "positions")


class ArticlesPanel(QWidget):
    """The corpus's articles: search, sort, compare two, correct one's date, title or source."""

    compare_requested = Signal(str, str)  # article keys
    edit_requested = Signal(str)  # article key
    order_wanted = Signal()  # the sort or the filter changed: read the order again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ArticlesModel(COLUMNS, self)
        self.view = QTableView(self)
        self.search = QLineEdit(self)
        self.summary = QLabel("No corpus open: File → New corpus… or Open corpus…", self)
        self.compare = QPushButton("Compare selected", self)
        self.edit = QPushButton("Date, title, source…", self)
        self._typing = QTimer(self)
        self._build()

    def _build(self) -> None:
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.view.setWordWrap(False)
        rows = self.view.verticalHeader()
        rows.hide()
        # Fixed heights: the view never measures 100,000 rows to lay them out.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        # Widths from the font, not from the rows: sizing to contents would read pages.
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        for column, sample in enumerate(COLUMN_SAMPLES):
            self.view.setColumnWidth(column, metrics.horizontalAdvance(sample) + 16)
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
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_MS)
        self._typing.timeout.connect(self.order_wanted.emit)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.model.order_wanted.connect(lambda *_a: self.order_wanted.emit())
        self.model.modelReset.connect(self._follow_selection)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._follow_selection())
        self.view.doubleClicked.connect(lambda _i: self._edit_selected())
        self.compare.clicked.connect(self._compare_selected)
        self.edit.clicked.connect(self._edit_selected)
        self._follow_selection()

    def words(self) -> list[str]:
        """What the filter asks for: every word, in the title or the source, in any case."""
        return self.search.text().lower().split()

    def show_order(self, ids: list[int], summary: str) -> None:
        """Article ids in the order to show (from the controller's worker), and the summary."""
        chosen = [self.model.ids[i.row()] for i in self.view.selectionModel().selectedRows()]
        self.model.set_order(ids)
        self.summary.setText(summary)
        self.summary.setToolTip(summary)
        self._select_rows([r for r in map(self.model.row_of, chosen) if r is not None])

    def clear(self, summary: str) -> None:
        self.model.set_source(None)
        self.summary.setText(summary)

    def selected_keys(self) -> list[str]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        return [self.model.info(row).key for row in rows]

    def select_keys(self, keys: list[str]) -> None:
        """Select the rows of these articles (for the keyboard-less: tests, scripts)."""
        rows = range(self.model.rowCount())
        self._select_rows([row for row in rows if self.model.info(row).key in keys])

    def _select_rows(self, rows: list[int]) -> None:
        self.view.clearSelection()
        mode = self.view.selectionMode()
        self.view.setSelectionMode(QTableView.SelectionMode.MultiSelection)
        for row in rows:
            self.view.selectRow(row)
        self.view.setSelectionMode(mode)

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
