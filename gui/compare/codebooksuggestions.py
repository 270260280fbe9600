"""The codebook editor's suggested positions: groups of claims to tick and add as positions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

if TYPE_CHECKING:
    from claimdiff_gui.compare.codebookeditor import CodebookEditor


class SuggestionsDialog(QDialog):
    """The suggested positions, to tick and add; each shows its typical sentences."""

    def __init__(self, editor: CodebookEditor) -> None:
        super().__init__(editor)
        self.setWindowTitle("Suggested positions")
        self.resize(760, 420)
        self.editor = editor
        self.list = QListWidget()
        for n, s in enumerate(editor.suggestions):
            item = QListWidgetItem(f"{', '.join(s.words) or 'group'} — {s.size} claims, {s.span}")
            item.setToolTip("\n".join(s.typical))
            item.setData(Qt.ItemDataRole.UserRole, n)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.typical = QLabel()
        self.typical.setWordWrap(True)
        self.list.currentItemChanged.connect(
            lambda item, _old: self.typical.setText(item.toolTip() if item else "")
        )
        add = QPushButton("Add ticked as positions")
        add.clicked.connect(self.add)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Groups of claims on the topic; tick those that are positions:"))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.typical)
        layout.addWidget(add)
        self.list.setCurrentRow(0)

    def add(self) -> None:
        ticked = [
            int(self.list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
        self.editor.accept_suggestions(ticked)
        self.accept()
