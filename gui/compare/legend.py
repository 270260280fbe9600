"""The always-visible key above the panes: one sample per relation, in colour and line style."""

from __future__ import annotations

from claimdiff_gui.window.theme import Theme
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextEdit, QWidget

SAMPLES = (
    ("shared", "shared"),
    ("conflicting", "conflicting"),
    ("left_only", "only in this article"),
)


class Legend(QWidget):
    """Renders samples with the very char formats the panes use, so it cannot drift."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sample = QTextEdit(self)
        self.sample.setReadOnly(True)
        self.sample.setFrameShape(QTextEdit.Shape.NoFrame)
        self.sample.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sample.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sample.setFixedHeight(self.fontMetrics().height() + 12)
        self.sample.viewport().setAutoFillBackground(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(QLabel("Key:", self))
        layout.addWidget(self.sample, 1)

    def set_theme(self, theme: Theme) -> None:
        self.sample.clear()
        cursor = QTextCursor(self.sample.document())
        plain = QTextCharFormat()
        for relation, text in SAMPLES:
            cursor.insertText(f" {text} ", theme.claim_format(relation, ""))
            cursor.insertText("    ", plain)
        cursor.insertText(
            "headline / page furniture",
            theme.furniture_format("furniture", self.font().pointSizeF()),
        )
        cursor.insertText("    plain: body text without a claim", plain)
