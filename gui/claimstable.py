"""The claims table with its filters: relation checkboxes and the shared topic filter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimdiff_gui.frames import COLUMNS
from claimdiff_gui.tablemodel import ClaimsProxy, DataFrameModel
from claimdiff_gui.theme import RELATION_TEXT, Theme
from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    import pandas as pd


class ClaimsTable(QWidget):
    """Sortable, filterable list of links; reports the link index of the chosen row."""

    link_activated = Signal(int)  # index into comparison.links

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DataFrameModel(COLUMNS, self)
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

    def set_frame(self, frame: pd.DataFrame | None, theme: Theme) -> None:
        self.model.set_frame(frame, theme)

    def set_relations(self, relations: set[str]) -> None:
        for relation, box in self.checks.items():
            box.setChecked(relation in relations)

    def set_topic(self, topic: str | None) -> None:
        self.proxy.set_topic(topic)

    def select_link(self, link_index: int | None) -> None:
        """Follow a selection made elsewhere, without echoing it back."""
        selection = self.view.selectionModel()
        row = None if link_index is None else self.proxy.row_of_link(link_index)
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
        return [self.proxy.link_index(row) for row in range(self.proxy.rowCount())]

    def _on_filter_toggled(self) -> None:
        self.proxy.set_relations({r for r, box in self.checks.items() if box.isChecked()})

    def _on_row_changed(self, current, _previous) -> None:
        if current.isValid():
            self.link_activated.emit(self.proxy.link_index(current.row()))
