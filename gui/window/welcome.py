"""What an empty window shows: three ways in (the sample pair, two files, a corpus).

A first launch without arguments used to show two empty panes and nothing to click; the
sample pair makes the app's idea clear in seconds. Files dropped here open as a pair.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

WAYS_IN = (
    ("sample", "Open the sample pair", "Two shipped reports on missile defence, 2007 and 2017"),
    ("files", "Open two files…", "Articles as .txt, .md, .html or .pdf (Ctrl+O)"),
    ("corpus", "Open a corpus…", "A .claimdiff corpus of dated articles (Ctrl+Shift+O)"),
)


class WelcomePage(QWidget):
    """Buttons for the three ways in; ``chosen`` says which ("sample", "files", "corpus")."""

    chosen = Signal(str)
    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        heading = QLabel("<h2>Compare the claims of two articles</h2>", self)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(heading)
        for name, text, tip in WAYS_IN:
            button = QPushButton(text, self)
            button.setToolTip(tip)
            button.setMinimumWidth(280)
            button.clicked.connect(lambda _c=False, n=name: self.chosen.emit(n))
            self.buttons[name] = button
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        hint = QLabel("or drop one or two article files here; Ctrl+Shift+V pastes an article", self)
        hint.setEnabled(False)  # the theme's dim text
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(hint)
        layout.addStretch(2)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths[:2])
