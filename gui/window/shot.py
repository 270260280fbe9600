"""--screenshot: render the window once everything has been analysed, then exit."""

from __future__ import annotations

import sys

from claimdiff_gui.window.mainwindow import MainWindow
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

SETTLE_MS = 150  # let layouts and the gutter paint after the last result


class Screenshot:
    """Drives one screenshot run; the exit code says whether the PNG was written."""

    def __init__(
        self, app: QApplication, window: MainWindow, path: str, size: tuple[int, int]
    ) -> None:
        self.app = app
        self.window = window
        self.path = path
        self.size = size
        self.shown = False
        self.code = 0

    def run(self, left: str, right: str) -> int:
        window = self.window
        window.resize(*self.size)
        window.show()
        window.pair_shown.connect(self._on_pair_shown)
        window.analysis.busy_changed.connect(self._on_busy)
        window.notifier.reported.connect(self._on_error)
        window.open_pair(left, right)
        self.app.exec()
        return self.code

    def _on_pair_shown(self) -> None:
        self.shown = True
        if not self.window.analysis.busy():
            QTimer.singleShot(SETTLE_MS, self._shoot)

    def _on_busy(self, busy: bool) -> None:
        if self.shown and not busy:
            QTimer.singleShot(SETTLE_MS, self._shoot)

    def _on_error(self, location: str, problem: str) -> None:
        sys.stderr.write(f"claimdiff-gui: {location}: {problem}\n")
        if not self.shown:
            self.code = 2
            self.app.quit()

    def _shoot(self) -> None:
        if self.code or not self.shown:
            return
        self.window.resize(*self.size)
        image = self.window.grab()
        if not image.save(self.path, "PNG"):
            sys.stderr.write(f"claimdiff-gui: {self.path}: cannot write PNG\n")
            self.code = 2
        self.window.close()
        self.app.quit()
