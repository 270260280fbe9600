"""Cancel and Ctrl+. stop every running job; closing the window ends them all; progress."""

from __future__ import annotations

import threading
import time

from claimdiff_gui.window.mainwindow import MainWindow
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from claimdiff.base import cancel


def _endless(report, _event: threading.Event) -> str:
    """A job that only ends by cancellation, through the core's check(), as analysis loops do."""
    deadline = time.monotonic() + 30  # never hang the test run if cancellation broke
    done = 0
    while time.monotonic() < deadline:
        cancel.check()
        done += 1
        report(done, 0, "reading rows")
        time.sleep(0.01)
    return "not cancelled"


def _start(window: MainWindow, kinds: tuple[str, ...]) -> list[str]:
    outcomes: list[str] = []
    for kind in kinds:
        worker = window.analysis.run(kind, _endless, outcomes.append)
        worker.signals.cancelled.connect(lambda k=kind: outcomes.append(f"{k} cancelled"))
    return outcomes


def test_cancel_action_reaches_every_running_job(qtbot, window: MainWindow) -> None:
    action = window.menus.actions["cancel"]
    assert QKeySequence("Ctrl+.") in action.shortcuts()
    outcomes = _start(window, ("import", "corpus", "pair"))
    qtbot.waitUntil(window.status.progress.isVisible, timeout=5000)
    action.trigger()
    qtbot.waitUntil(lambda: len(outcomes) == 3, timeout=5000)
    assert sorted(outcomes) == ["corpus cancelled", "import cancelled", "pair cancelled"]
    qtbot.waitUntil(lambda: not window.status.progress.isVisible(), timeout=5000)


def test_status_bar_cancel_button_stops_the_job(qtbot, window: MainWindow) -> None:
    outcomes = _start(window, ("import",))
    qtbot.waitUntil(window.status.cancel.isVisible, timeout=5000)
    qtbot.mouseClick(window.status.cancel, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == "cancelling…"
    qtbot.waitUntil(lambda: outcomes == ["import cancelled"], timeout=5000)


def test_closing_the_window_ends_every_job(qtbot, window: MainWindow) -> None:
    _start(window, ("import", "corpus"))
    qtbot.waitUntil(lambda: len(window.analysis.pool.unfinished()) == 2, timeout=5000)
    window.close()
    assert window.analysis.pool.unfinished() == ()


def test_progress_shows_totals_or_a_busy_bar_never_n_of_zero(window: MainWindow) -> None:
    status = window.status
    status.show_progress(3, 10, "analysing")
    assert (status.progress.maximum(), status.progress.text()) == (10, "3/10")
    status.show_progress(103, 0, "importing rows")
    assert status.progress.maximum() == 0, "an unknown total is an indeterminate bar"
    assert "/0" not in status.progress.format() and "103" in status.progress.format()
    status.show_progress(12, 10, "more than announced")
    assert status.progress.maximum() == 0 and "12" in status.progress.format()
