"""The GUI thread keeps ticking while a corpus of hundreds of articles is analysed."""

from __future__ import annotations

import csv
import functools
import random
import re
import threading
import time
from pathlib import Path

import pytest
from claimdiff_gui.window.mainwindow import MainWindow
from conftest import SEEDS, WAIT_MS
from PySide6.QtCore import QTimer

N_ARTICLES = 300


def _write_corpus(folder: Path) -> list[Path]:
    """Small dated articles made by recombining seed sentences (never committed)."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if 40 < len(s) < 300]
    rng = random.Random(7)
    rows, paths = [], []
    for n in range(N_ARTICLES):
        path = folder / f"a{n:03d}.txt"
        body = " ".join(rng.sample(sentences, 6))
        path.write_text(f"Generated report {n}\n\n{body}\n", encoding="utf-8")
        rows.append(
            [
                path.name,
                f"Generated report {n}",
                "Test Wire",
                f"{2005 + n % 20}-{1 + n % 12:02d}-15",
                "manifest",
                "",
            ]
        )
        paths.append(path)
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "title", "source", "date", "date_source", "date_note"])
        writer.writerows(rows)
    return paths


class ThreadLog:
    """Which threads ran the analysis, and how far it was when the GUI heard of progress."""

    def __init__(self) -> None:
        self.on_gui_thread: list[str] = []
        self.calls: list[str] = []
        self.analysed = 0
        self.heard_at: list[int] = []  # articles analysed when each progress event arrived

    def wrap(self, monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> None:
        original = getattr(owner, name)

        @functools.wraps(original)
        def logged(*args: object, **kwargs: object) -> object:
            self.calls.append(name)
            if threading.current_thread() is threading.main_thread():
                self.on_gui_thread.append(name)
            result = original(*args, **kwargs)
            if name == "claims":
                self.analysed += 1
            return result

        monkeypatch.setattr(owner, name, logged)


@pytest.mark.slow
def test_corpus_analysis_runs_off_the_gui_thread_while_it_keeps_serving_events(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Structural, not timed: how long a frozen moment lasts is a benchmark figure
    (benchmarks/gui_stall.py), since a shared machine can pause any process."""
    from claimdiff.session import jobs, pipeline

    paths = _write_corpus(tmp_path)
    log = ThreadLog()
    for owner, name in [
        (pipeline.Analyser, "claims"),
        (pipeline.Analyser, "compare"),
        (pipeline, "load_article"),
        (jobs, "load_article"),
    ]:
        log.wrap(monkeypatch, owner, name)
    window.analysis.progressed.connect(lambda *_: log.heard_at.append(log.analysed))
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    with qtbot.waitSignal(window.pair_shown, timeout=WAIT_MS):
        window.open_pair(str(paths[0]), str(paths[1]))
    timer.start()
    with qtbot.waitSignal(window.timeline_shown, timeout=WAIT_MS * 4):
        pass
    timer.stop()
    assert log.analysed >= N_ARTICLES  # the corpus really was analysed, in this test
    assert log.on_gui_thread == [], "analysis ran on the GUI thread"
    # The GUI heard of progress while the worker was still busy, not all at the end.
    assert min(log.heard_at) < N_ARTICLES // 2, log.heard_at
    assert len(ticks) > 10, "the GUI thread handled no timer events during the analysis"
    assert len(window.timeline.items) == N_ARTICLES
