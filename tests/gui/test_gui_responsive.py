"""The GUI thread keeps ticking while a corpus of hundreds of articles is analysed."""

from __future__ import annotations

import csv
import random
import re
import time
from itertools import pairwise
from pathlib import Path

import pytest
from claimdiff_gui.mainwindow import MainWindow
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


@pytest.mark.slow
def test_gui_thread_never_blocked_over_200ms_during_corpus(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    paths = _write_corpus(tmp_path)
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
    gaps = [b - a for a, b in pairwise(ticks)]
    assert len(ticks) > 10, "the corpus took too little time to measure anything"
    assert max(gaps) < 0.2, f"GUI thread blocked for {max(gaps) * 1000:.0f} ms"
    assert len(window.timeline.items) == N_ARTICLES
