"""The window on a 100,000-article corpus: time to first rows and the longest GUI-thread block.

Builds the corpus once and keeps it (``~/.cache/claimdiff-bench/``, outside the
repository): analysing 100,000 articles would take over an hour, so the rows are written
directly through the importer's own writers (claimdiff.corpus.records: ``insert_article``,
``insert_claims``, ``insert_labels``), with the schema's triggers keeping the listing and
counts as an import does. Texts are 6-14 real sentences (Reuters and the seeds, as
benchmarks/corpus.py uses; set REUTERS=path/to/articles.jsonl.gz when the Reuters file is
not where corpus.py looks), each sentence stored as a claim with its offsets, a speaker on a
third of them from a list of names, and a label of the shipped codebook on one claim in
five; dates 2005-2025 (1 in 50 undated), 40 outlets. So what the window reads is the
shape of an imported corpus; only which sentence carries which label is random.

Then it drives the real MainWindow offscreen: open, sort by each column both ways, filter,
clear the filter, scroll to the end, open a timeline point, correct a date and undo it,
compare two stored articles. For each it prints the wall time until the result is on screen
and the longest gap of a 20 ms timer on the GUI thread (benchmarks/gui_stall.py's measure
of a frozen window). Targets: every gap < 100 ms, first rows < 1 s. Printed, not asserted.

    python benchmarks/corpus_window.py                 # 100,000 articles
    python benchmarks/corpus_window.py --articles 20000
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from itertools import pairwise
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import REUTERS, sentences

from claimdiff.base.model import Article, Claim, Label
from claimdiff.corpus import Corpus, records
from claimdiff.labels.codebook import load_codebook

CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "claimdiff-bench"
TICK_MS = 20
SPEAKERS = ("Mikhail Gorbachev", "Ronald Reagan", "a Treasury spokesman", "James Baker",
            "Margaret Thatcher", "the chairman", "OPEC ministers", "Helmut Kohl")  # fmt: skip
SOURCES = tuple(f"Outlet {n:02d}" for n in range(40))


def build(path: Path, count: int, seed: int = 100_000) -> Path:
    """The generated corpus at ``path``, written once; see the module docstring."""
    if path.is_file():
        return path
    pool = sentences(REUTERS if REUTERS.is_file() else Path(os.environ.get("REUTERS", "")))
    codebook = load_codebook()
    pairs = [(t.id, p.id) for t in codebook.topics for p in t.positions]
    rng = random.Random(seed)
    start, span = date(2005, 1, 1), (date(2025, 12, 31) - date(2005, 1, 1)).days
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    began = time.perf_counter()
    with Corpus.create(partial) as corpus:
        conn = corpus.conn
        with conn:
            labelset = records.labelset_for(conn, codebook)
        assert labelset is not None
        for first in range(0, count, 2_000):
            with conn:
                for i in range(first, min(count, first + 2_000)):
                    day = start + timedelta(days=rng.randrange(span))
                    article, claims = _article(i, rng, pool, pairs, day)
                    article_id = records.insert_article(conn, article, f"{i:064x}", None)
                    ids = records.insert_claims(conn, article_id, claims)
                    records.insert_labels(conn, labelset, article_id, ids, claims)
            print(f"\r  generated {min(count, first + 2_000)} articles", end="", flush=True)
    partial.rename(path)
    print(f"\r  generated {count} articles in {time.perf_counter() - began:.0f} s, "
          f"{path.stat().st_size / 1e6:.0f} MB: {path}")  # fmt: skip
    return path


def _article(
    i: int, rng: random.Random, pool: list[str], pairs: list[tuple[str, str]], day: date
) -> tuple[Article, tuple[Claim, ...]]:
    key = f"gen{i:06d}"
    chosen = rng.sample(pool, rng.randint(6, 14))
    title = f"Story {i}: " + " ".join(chosen[0].split()[:8])
    text, claims, at = title + "\n\n", [], len(title) + 2
    for n, sentence in enumerate(chosen, 1):
        speaker = rng.choice(SPEAKERS) if rng.random() < 0.33 else None
        labels = ()
        if rng.random() < 0.2:
            topic, position = rng.choice(pairs)
            labels = (Label(topic, position, 0.7, sentence.split()[0], "cue"),)
        claims.append(Claim(f"{key}:c{n}", key, sentence, at, at + len(sentence), speaker,
                            labels=labels))  # fmt: skip
        text += sentence + " "
        at += len(sentence) + 1
    article = Article(
        id=key, location=f"generated/{key}.txt", title=title, source=rng.choice(SOURCES),
        date=None if rng.random() < 0.02 else day.isoformat(), date_source="text",
        text=text, checksum=f"{i:064x}", format="txt",
    )  # fmt: skip
    return article, tuple(claims)


class Stall:
    """A 20 ms timer on the GUI thread: the longest gap between ticks is the longest block.

    Each tick also notes the GUI thread's CPU time, so the longest gap in CPU terms is what
    the thread itself spent; on a machine other programs keep busy the wall-clock gaps
    grow with the load, the CPU ones do not.
    """

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.ticks: list[tuple[float, float]] = []
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.ticks.append((time.perf_counter(), time.thread_time()))

    def measure(self, name: str, act: Callable[[], object], done: Callable[[], bool]) -> None:
        """Run ``act``, spin the event loop until ``done()``, print wall time and longest gap."""
        from PySide6.QtCore import QCoreApplication

        self.ticks = []
        self._tick()
        self.timer.start()
        start = time.perf_counter()
        act()
        self._tick()  # the act itself blocks the GUI thread
        deadline = start + 600
        while not done() and time.perf_counter() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.002)
        wall = time.perf_counter() - start
        for _ in range(5):  # let the view paint what arrived
            QCoreApplication.processEvents()
            time.sleep(TICK_MS / 1000)
        self.timer.stop()
        gap = max(b[0] - a[0] for a, b in pairwise(self.ticks))
        cpu = max(b[1] - a[1] for a, b in pairwise(self.ticks))
        flag = "" if gap < 0.1 else "   <- over 100 ms"
        print(f"  {name:<34} {wall * 1000:>7.0f} ms {gap * 1000:>7.0f} ms {cpu * 1000:>7.0f} ms"
              f"{flag}")  # fmt: skip


class Drive:
    """The real window on ``path``, and what an analyst does with it, each step measured."""

    def __init__(self, path: Path) -> None:
        from claimdiff_gui.window.mainwindow import MainWindow
        from claimdiff_gui.window.settings import Settings

        self.path = path
        self.window = MainWindow(Settings(), dialogs_on=False)
        self.window.resize(1400, 900)
        self.window.show()
        self.view = self.window.corpus_view
        self.panel = self.view.panel
        self.model = self.panel.model
        self.stall = Stall()
        self.shown = {"rows": False, "timeline": False, "claims": False, "pair": False}
        self.view.rows_shown.connect(lambda: self.shown.__setitem__("rows", True))
        self.view.changed.connect(lambda: self.shown.__setitem__("timeline", True))
        self.window.timeline.claims_listed.connect(lambda *_a: self._saw("claims"))
        self.window.pair_shown.connect(lambda: self._saw("pair"))

    def _saw(self, what: str) -> None:
        self.shown[what] = True

    def step(self, name: str, act: Callable[[], object], until: str | None) -> None:
        if until is not None:
            self.shown[until] = False
        self.stall.measure(name, act, lambda: until is None or self.shown[until])

    def open_sort_filter_scroll(self) -> None:
        from PySide6.QtCore import Qt

        self.step("open: first rows", lambda: self.view.open(str(self.path)), "rows")
        self.stall.measure("open: timeline drawn", lambda: None, lambda: self.shown["timeline"])
        orders = (("up", Qt.SortOrder.AscendingOrder), ("down", Qt.SortOrder.DescendingOrder))
        for column, name in enumerate(self.model.columns):
            for word, order in orders:
                act = partial(self.panel.view.sortByColumn, column, order)
                self.step(f"sort by {name} {word}", act, "rows")
        self.step("filter 'outlet 07'", partial(self.panel.search.setText, "outlet 07"), "rows")
        print(f"    ({self.model.rowCount()} rows match)")
        self.step("clear the filter", partial(self.panel.search.setText, ""), "rows")
        bar = self.panel.view.verticalScrollBar()
        self.step("scroll to the end", lambda: bar.setValue(bar.maximum()), None)
        last = self.model.info(self.model.rowCount() - 1)
        print(f"    (last row: {last.date} {last.source} {last.title[:40]})")

    def timeline_correct_compare(self) -> None:
        from claimdiff_gui.corpus import corrections

        timeline = self.window.timeline
        self.window.tabs.setCurrentWidget(timeline)
        key, (periods, _counts) = max(timeline.series().items(), key=lambda kv: sum(kv[1][1]))
        act = partial(timeline.show_claims, periods[-1], key)
        self.step(f"timeline point {periods[-1][:4]} {key[1]}", act, "claims")
        print(f"    ({timeline.claims.count()} claims listed)")
        self.window.tabs.setCurrentWidget(self.panel)
        target = self.model.info(0).key
        fix = partial(corrections.edit_article, self.window, target, date="1999-01-01")
        self.step(f"correct the date of {target}", fix, "timeline")
        undo = partial(corrections.undo_correction, self.window)
        self.step("undo it", undo, "timeline")
        left, right = self.model.info(1).key, self.model.info(2).key
        self.step("compare two stored articles", partial(self.view.compare_keys, left, right),
                  "pair")  # fmt: skip

    def close(self) -> None:
        self.window.analysis.pool.wait(60_000)
        self.window.close()


def drive(path: Path) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"  load average before: {load} ({os.cpu_count()} cores)")
    print("  step                                  wall  longest block  (its GUI CPU)")
    run = Drive(path)
    run.open_sort_filter_scroll()
    run.timeline_correct_compare()
    run.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from claimdiff_gui.app import gui_thread_garbage_collection

    collector = gui_thread_garbage_collection()  # noqa: F841 - as in the app
    args.cache.mkdir(parents=True, exist_ok=True)
    path = build(args.cache / f"window{args.articles}.claimdiff", args.articles)
    with Corpus.open(path) as corpus:
        counts = {t: corpus.count(t) for t in ("articles", "claims", "labels")}
        corpus.check()
    print(f"{args.articles} articles: {counts}")
    with tempfile.TemporaryDirectory(prefix="claimdiff-bench-") as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        work = Path(tmp) / path.name
        work.write_bytes(path.read_bytes())  # corrections are written: spare the cached one
        drive(work)
    app.processEvents()


if __name__ == "__main__":
    main()
