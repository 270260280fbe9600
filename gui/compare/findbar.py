"""A small find bar under a pane (Ctrl+F), closed with Escape, like a browser's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QTextEdit, QWidget


class FindBar(QWidget):
    """Searches one QTextEdit; hidden until asked for."""

    def __init__(self, target: QTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in article")
        self.status = QLabel("", self)
        previous = QPushButton("Previous", self)
        following = QPushButton("Next", self)
        close = QPushButton("×", self)
        close.setFlat(True)
        close.setToolTip("Close the find bar (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        for widget in (self.edit, previous, following, self.status, close):
            layout.addWidget(widget)
        self.edit.returnPressed.connect(self.find_next)
        self.edit.textChanged.connect(lambda _text: self.find_next(from_start=True))
        previous.clicked.connect(self.find_previous)
        following.clicked.connect(self._on_next_clicked)
        close.clicked.connect(self.hide)
        self.hide()

    def open(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def find_next(self, from_start: bool = False) -> bool:
        if from_start:
            cursor = self.target.textCursor()
            cursor.setPosition(cursor.selectionStart())
            self.target.setTextCursor(cursor)
        return self._find(QTextDocument.FindFlag(0))

    def _on_next_clicked(self) -> None:
        self.find_next()

    def find_previous(self) -> bool:
        return self._find(QTextDocument.FindFlag.FindBackward)

    def _find(self, flags: QTextDocument.FindFlag) -> bool:
        needle = self.edit.text()
        if not needle:
            self.status.setText("")
            return False
        found = self.target.find(needle, flags)
        if not found:  # wrap around once
            cursor = self.target.textCursor()
            backward = bool(flags & QTextDocument.FindFlag.FindBackward)
            cursor.movePosition(
                cursor.MoveOperation.End if backward else cursor.MoveOperation.Start
            )
            self.target.setTextCursor(cursor)
            found = self.target.find(needle, flags)
        self.status.setText("" if found else "not found")
        return found

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            self.target.setFocus()
        else:
            super().keyPressEvent(event)
