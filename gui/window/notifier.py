"""The one place errors reach the user: a signal, and (interactively) a message box."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

WARNING_MS = 20000  # long enough to read a budget's message


class Notifier(QObject):
    """Every worker error and failed action ends here (napari's notification manager)."""

    reported = Signal(str, str)  # location, problem
    warned = Signal(str, str)  # location, what was used only in part

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

    def warning(self, location: str, message: str) -> None:
        """A file was used only in part (a budget cut it): said in the status bar, no dialog.

        The work went on, so nothing is to be confirmed; the user still learns what was left
        out and why (the message names the budget).
        """
        self.warned.emit(location, message)
        status = getattr(self.window, "statusBar", None)
        if status is not None:
            status().showMessage(f"⚠ {location}: {message}", WARNING_MS)
