"""The one place errors reach the user: a signal, and (interactively) a message box."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget


class Notifier(QObject):
    """Every worker error and failed action ends here (napari's notification manager)."""

    reported = Signal(str, str)  # location, problem

    def __init__(self, parent: QWidget, dialogs: bool = True) -> None:
        super().__init__(parent)
        self.window = parent
        self.dialogs = dialogs  # off for --screenshot runs and tests: nobody is there to click

    def error(self, location: str, problem: str) -> None:
        self.reported.emit(location, problem)
        if self.dialogs:
            QMessageBox.warning(
                self.window,
                "claimdiff: cannot use this file",
                f"<p><b>{escape(location)}</b></p><p>{escape(problem)}</p>"
                "<p>The previously open articles stay open.</p>",
            )
