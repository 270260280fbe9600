"""Qt tests run offscreen, with settings in a temporary ini file, on the repository's seeds."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from claimdiff_gui.window.mainwindow import MainWindow
from claimdiff_gui.window.settings import Settings
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QApplication, QMainWindow

REPO = Path(__file__).resolve().parents[2]
SEEDS = (
    REPO / "seeds"
    if (REPO / "seeds" / "manifest.csv").exists()
    else REPO.parent / "shared" / "seeds"
)
LEFT = SEEDS / "004_ae97e33e177aeab3.txt"
RIGHT = SEEDS / "000_fbd7af67a7761638.txt"
OTHER = SEEDS / "001_fcd437e513264478.txt"
WAIT_MS = 60_000
# A codebook on another subject: it labels none of the seed articles' claims.
OIL = """\
name: Oil prices
topics:
  - id: oil
    positions:
      - id: up
        opposes: [down]
        exemplars:
          - Crude oil prices rose sharply as OPEC cut its output.
          - Traders expect the price of crude to climb above 20 dlrs a barrel.
      - id: down
        exemplars:
          - Oil prices fell as producers pumped far above their quotas.
          - A glut of crude pushed prices below 15 dlrs a barrel.
"""


@pytest.fixture(scope="session", autouse=True)
def gui_thread_gc(qapp) -> Iterator[None]:
    """As in the app: cyclic GC only in the GUI thread (see claimdiff_gui.app)."""
    import gc

    from claimdiff_gui.app import gui_thread_garbage_collection

    collector = gui_thread_garbage_collection()
    yield
    collector.timer.stop()  # type: ignore[attr-defined]
    gc.collect()  # while the QApplication still exists, not during interpreter shutdown
    gc.enable()


@pytest.fixture(autouse=True)
def no_windows_left(qapp) -> None:
    """Delete what earlier tests closed: pytest-qt's deleteLater waits for an event loop
    level that plain processEvents() never reaches, so windows piled up across tests."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)]
    assert not windows, "an earlier test left its window alive"


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> Iterator[Path]:
    """Never read or write the real user's settings."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture
def make_window(qtbot) -> Iterator[Callable[..., MainWindow]]:
    """Shown windows, with the codebook file given (``codebook=``) chosen in their settings;
    after the test, each must have no worker still running."""
    made: list[MainWindow] = []

    def make(codebook: Path | None = None) -> MainWindow:
        settings = Settings()
        if codebook is not None:
            settings.codebook = str(codebook)
        win = MainWindow(settings, dialogs_on=False)
        qtbot.addWidget(win)
        win.resize(1400, 900)
        win.show()
        made.append(win)
        return win

    yield make
    for win in made:
        assert win.analysis.pool.wait(WAIT_MS), "a worker was still running after the test"


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window()


@pytest.fixture
def oil_book(tmp_path: Path) -> Path:
    """The OIL codebook as a file."""
    book = tmp_path / "oil.yaml"
    book.write_text(OIL, encoding="utf-8")
    return book


def open_and_wait(
    qtbot, win: MainWindow, left: Path | str, right: Path | str, timeline: bool = True
) -> None:
    """Open a pair and wait until it (and, if asked, its timeline) is on screen."""
    signals = [win.pair_shown, win.timeline_shown] if timeline else [win.pair_shown]
    with qtbot.waitSignals(signals, timeout=WAIT_MS):
        win.open_pair(str(left), str(right))


@pytest.fixture
def seeded(qtbot, window: MainWindow) -> MainWindow:
    open_and_wait(qtbot, window, LEFT, RIGHT)
    return window
