"""Compare again when an open article file changes on disk (as Meld does).

Editors save in steps or by replacing the file, so changes are gathered for a moment and a
replaced file is watched again. Pairs read from a corpus are not watched: the corpus holds
their text.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

if TYPE_CHECKING:
    from claimdiff_gui.window.mainwindow import MainWindow

SETTLE_MS = 400  # a save's several writes become one reload


class Reloader(QObject):
    """Watches the open pair's files and asks the window to compare them again."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_changed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SETTLE_MS)
        self.timer.timeout.connect(self._reload)
        self.changed: set[str] = set()

    def watch(self, locations: list[str]) -> None:
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        files = {loc for loc in locations if "://" not in loc and Path(loc).is_file()}
        if files:
            self.watcher.addPaths(sorted(files))

    def watched(self) -> list[str]:
        return sorted(self.watcher.files())

    def _on_changed(self, path: str) -> None:
        if path not in self.watcher.files() and Path(path).is_file():
            self.watcher.addPath(path)  # saved by replacing the file
        self.changed.add(path)
        self.timer.start()

    def _reload(self) -> None:
        names = ", ".join(sorted(Path(p).name for p in self.changed))
        self.changed.clear()
        window = self.window
        if not all(window.locations):
            return

        def say() -> None:  # once the new comparison is on screen, after the progress text
            window.pair_shown.disconnect(say)
            window.statusBar().showMessage(f"{names} changed on disk: compared again", 8000)

        window.pair_shown.connect(say)
        window.keep_claim = window.session.selected_claim_id()
        window.open_pair(*window.locations)
