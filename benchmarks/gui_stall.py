"""How long the window's GUI thread goes without handling events while a corpus is analysed.

Opens a pair from a generated folder of real sentences (see corpus.py), so the window
compares the pair and then analyses the whole folder for its timeline in a worker, and
records a 20 ms timer's ticks on the GUI thread meanwhile. The longest gap between two
ticks is what a user would feel as a frozen window. Printed, never asserted: a shared,
noisy machine can pause any process for a few hundred milliseconds.

    python benchmarks/gui_stall.py                 # 300 articles, 3 runs
    python benchmarks/gui_stall.py --articles 1000 --runs 1
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import REUTERS, generate, sentences
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

TICK_MS = 20


def gaps_while_opening(folder: Path) -> tuple[list[float], float]:
    """Tick gaps (s) from opening the pair until the timeline is drawn, and that wall time."""
    from claimdiff_gui.mainwindow import MainWindow
    from claimdiff_gui.settings import Settings

    files = sorted(folder.glob("*.txt"))
    window = MainWindow(Settings(), dialogs_on=False)
    window.resize(1400, 900)
    window.show()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    loop = QEventLoop()
    window.timeline_shown.connect(loop.quit)
    start = time.perf_counter()
    timer.start()
    window.open_pair(str(files[0]), str(files[1]))
    loop.exec()
    timer.stop()
    wall = time.perf_counter() - start
    window.analysis.pool.wait(60_000)
    window.close()
    window.deleteLater()  # and now, not at some later loop level: runs must not pile up
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return [b - a for a, b in pairwise(ticks)], wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = QApplication([])
    from claimdiff_gui.app import gui_thread_garbage_collection

    collector = gui_thread_garbage_collection()  # noqa: F841 - as in the app
    with tempfile.TemporaryDirectory(prefix="claimdiff-bench-") as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        folder = generate(Path(tmp) / "corpus", args.articles, sentences(REUTERS), by_year=False)
        runs = [gaps_while_opening(folder) for _ in range(args.runs)]
    app.processEvents()
    print(f"GUI thread while opening a pair and analysing {args.articles} articles")
    print(f"  (a {TICK_MS} ms timer; {args.runs} runs, the least disturbed first)")
    for gaps, wall in sorted(runs, key=lambda run: max(run[0])):
        p99 = statistics.quantiles(gaps, n=100, method="inclusive")[98]
        print(
            f"  longest gap {max(gaps) * 1000:6.0f} ms   99th percentile {p99 * 1000:5.0f} ms"
            f"   {len(gaps) + 1} ticks in {wall:5.1f} s   (target: longest < 200 ms)"
        )


if __name__ == "__main__":
    main()
