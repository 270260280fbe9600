"""The codebook at a glance: topics, positions, colours, and whether it fits the open pair.

A codebook for another subject labels next to nothing and leaves the timeline empty without
saying why, so the panel says "labels 0 of 29 claims" above the tree and offers the way
out: choose another codebook, or go back to the shipped one, which is always one click
away below the tree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QIcon, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from claimdiff.labels.codebook import Codebook
from claimdiff.labels.fit import Fit

if TYPE_CHECKING:
    from claimdiff_gui.window.settings import Settings

WARNING_STYLE = "QFrame#fit-warning { border: 1px solid #E69F00; border-radius: 3px; }"


class CodebookView(QWidget):
    """The fit warning, the codebook's tree, and the buttons that change the codebook."""

    choose_requested = Signal()
    shipped_requested = Signal()
    edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Topic / position", "id"])
        self.tree.setColumnWidth(0, 260)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.banner = QFrame()
        self.banner.setObjectName("fit-warning")
        self.banner.setStyleSheet(WARNING_STYLE)
        choose_here = QPushButton("Choose another codebook…")
        choose_here.clicked.connect(self.choose_requested)
        write_one = QPushButton("Write one…")
        write_one.clicked.connect(self.edit_requested)
        banner_layout = QVBoxLayout(self.banner)
        banner_layout.addWidget(self.warning)
        banner_row = QVBoxLayout()
        banner_row.addWidget(choose_here)
        banner_row.addWidget(write_one)
        banner_layout.addLayout(banner_row)
        self.banner.hide()
        self.fit_line = QLabel()
        self.fit_line.setWordWrap(True)
        self.pair_fit: Fit | None = None
        self.corpus_fit: Fit | None = None
        self.corpus_articles = 0
        self.choose = QPushButton("Choose codebook…")
        self.choose.clicked.connect(self.choose_requested)
        self.shipped = QPushButton("Use the shipped codebook")
        self.shipped.setToolTip("Missile defence and arms control, as shipped with claimdiff")
        self.shipped.clicked.connect(self.shipped_requested)
        self.edit = QPushButton("Edit…")
        self.edit.setToolTip("Open the codebook editor: topics, positions, example sentences")
        self.edit.clicked.connect(self.edit_requested)
        # Two rows of two, so the dock stays as narrow as the window's smallest size allows.
        self.buttons = buttons = QGridLayout()
        buttons.addWidget(self.edit, 0, 1)
        buttons.addWidget(self.choose, 1, 0)
        buttons.addWidget(self.shipped, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.fit_line)
        layout.addLayout(buttons)

    def attach_undo(self, stack: QUndoStack) -> None:
        """An "Undo" button for examples added from the panes
        (claimdiff_gui.compare.selectioncoding).
        """
        self.undo = QPushButton("Undo coding")
        self.undo.setToolTip("Take back the last example added from a selection")
        self.undo.setEnabled(stack.canUndo())
        self.undo.clicked.connect(stack.undo)
        stack.canUndoChanged.connect(self.undo.setEnabled)
        stack.undoTextChanged.connect(self._undo_tip)
        self.buttons.addWidget(self.undo, 0, 0)

    def _undo_tip(self, text: str) -> None:
        self.undo.setToolTip(f"Undo: {text}" if text else "Nothing to undo")

    def set_codebook(self, codebook: Codebook | None, shipped: bool = True) -> None:
        """Show ``codebook``; ``shipped`` says whether it is the one claimdiff ships."""
        self.tree.clear()
        self.shipped.setEnabled(not shipped)
        if codebook is None:
            return
        root = QTreeWidgetItem(self.tree, [codebook.name, ""])
        root.setToolTip(0, f"{codebook.path}\n{codebook.description}")
        for topic in codebook.topics:
            branch = QTreeWidgetItem(root, [topic.label, topic.id])
            branch.setToolTip(0, topic.description)
            for position in topic.positions:
                leaf = QTreeWidgetItem(branch, [position.label, position.id])
                leaf.setIcon(0, swatch(position.colour))
                opposes = f"\nopposes: {', '.join(position.opposes)}" if position.opposes else ""
                leaf.setToolTip(0, position.description + opposes)
        self.tree.expandAll()

    def set_fit(self, fit: Fit | None) -> None:
        """How the codebook fits the open pair; its folder's figure is cleared until known."""
        self.pair_fit, self.corpus_fit = fit, None
        self._show_fit()

    def set_corpus_fit(self, fit: Fit | None, articles: int = 0) -> None:
        """How the codebook fits the pair's folder (the timeline's articles)."""
        self.corpus_fit, self.corpus_articles = fit, articles
        self._show_fit()

    def _show_fit(self) -> None:
        """The first warning (pair, then folder) above the tree; both counts below it."""
        fits = [f for f in (self.pair_fit, self.corpus_fit) if f is not None]
        warning = next((f.warning for f in fits if f.warning), None)
        self.warning.setText(f"⚠ {warning}" if warning else "")
        self.banner.setVisible(bool(warning))
        lines = []
        if self.pair_fit is not None:
            lines.append(f"On the open pair it {self.pair_fit.summary}.")
        if self.corpus_fit is not None:
            lines.append(
                f"On the folder's {self.corpus_articles} articles it {self.corpus_fit.summary}."
            )
        self.fit_line.setText("\n".join(lines))

    def positions(self) -> list[tuple[str, str]]:
        """(topic id, position id) of every leaf, in display order."""
        roots = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [
            (branch.text(1), leaf.text(1))
            for root in roots
            for branch in _children(root)
            for leaf in _children(branch)
        ]


class Host(Protocol):
    """What choosing the shipped codebook changes: the window's codebook path, the remembered
    setting, and a relabel."""

    codebook_path: str | None

    @property
    def settings(self) -> Settings: ...
    def reload_codebook(self) -> None: ...


def _children(item: QTreeWidgetItem | None) -> list[QTreeWidgetItem]:
    """An item's children (Qt types each lookup as possibly missing; none is, in range)."""
    if item is None:
        return []
    found = (item.child(i) for i in range(item.childCount()))
    return [child for child in found if child is not None]


def use_shipped_codebook(host: Host) -> None:
    """Forget the chosen codebook (here and in the settings) and relabel with the shipped one."""
    host.codebook_path = None
    host.settings.codebook = None
    host.reload_codebook()


def swatch(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(colour) if QColor.isValidColorName(colour) else QColor(0, 0, 0, 0))
    return QIcon(pixmap)
