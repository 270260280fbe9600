"""Runs the pair analysis and the corpus timeline in workers and says when results are in.

Only the newest request of each kind counts: a result from a pair the user has since
replaced is dropped, so a slow old job can never overwrite what is on screen.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from claimdiff_gui.work.workers import Job, Worker, WorkerPool
from PySide6.QtCore import QObject, Signal

from claimdiff.labels.codebook import Codebook
from claimdiff.session.jobs import CorpusResult, PairResult, analyse_corpus, compare_pair

if TYPE_CHECKING:
    from claimdiff.session.pipeline import Analyser


class AnalysisController(QObject):
    """Starts jobs, keeps the latest of each kind, reports results, errors and progress."""

    pair_loaded = Signal(object)  # PairResult
    corpus_loaded = Signal(object)  # CorpusResult
    exported = Signal(str)  # path written
    failed = Signal(str, str)  # location, problem
    noticed = Signal(str, str)  # location, what was used only in part
    progressed = Signal(int, int, str)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = WorkerPool(self)
        self._latest: dict[str, Worker] = {}
        self._corpus_cache: dict[tuple[str, str, bool], CorpusResult] = {}
        # One analyser per codebook, shared by the pair and corpus workers: the open pair's
        # articles are analysed once, not again for the timeline of their folder, and
        # replacing one side analyses only the new article.
        self._analysers: dict[str, Analyser] = {}
        self._analysers_lock = threading.Lock()

    def open_pair(self, left: str, right: str, codebook_path: str | None) -> Worker:
        job = functools.partial(
            compare_pair, left, right, codebook_path, analyser_for=self.analyser_for
        )
        return self._start("pair", job, self.pair_loaded.emit)

    def load_corpus(
        self, location: str, codebook: Codebook, recursive: bool = False
    ) -> Worker | None:
        """Analyse the folder of ``location`` (with its subfolders if ``recursive``); a folder
        seen with this codebook is reused."""
        from claimdiff.session.pipeline import corpus_paths_for

        folders = corpus_paths_for(location)
        key = (folders[0] if folders else location, codebook.sha256, recursive)
        if key in self._corpus_cache:
            self.corpus_loaded.emit(self._corpus_cache[key])
            return None
        job = functools.partial(
            analyse_corpus, location, codebook, analyser_for=self.analyser_for, recursive=recursive
        )
        worker = self._start("corpus", job, self.corpus_loaded.emit)
        worker.signals.result.connect(lambda result: self._corpus_cache.__setitem__(key, result))
        return worker

    def export(self, job: Job) -> Worker:
        """Write a report or data file; a newer export request supersedes an older one."""
        return self._start("export", job, self.exported.emit)

    def run(self, kind: str, job: Job, done: Callable[[object], None]) -> Worker:
        """Any other slow job (the corpus's), with the same progress, Cancel and newest-wins."""
        return self._start(kind, job, done)

    def analyser_for(self, codebook: Codebook) -> Analyser:
        """The shared analyser of ``codebook`` (by content); called from worker threads."""
        from claimdiff.session.pipeline import Analyser  # off the start-up path: runs in workers

        with self._analysers_lock:
            found = self._analysers.get(codebook.sha256)
            if found is None:
                found = self._analysers[codebook.sha256] = Analyser(codebook)
            return found

    def forget_corpora(self) -> None:
        self._corpus_cache.clear()

    def cancel(self) -> None:
        self.pool.cancel_all()

    def busy(self) -> bool:
        return bool(self.pool.running())

    def _start(self, kind: str, job: Job, done: Callable[[object], None]) -> Worker:
        old = self._latest.get(kind)
        if old is not None:
            old.cancel()
        worker = Worker(job, name=kind)
        self._latest[kind] = worker
        self.pool.track(worker)
        sig = worker.signals
        sig.result.connect(lambda value: self._deliver(kind, worker, done, value))
        sig.error.connect(lambda loc, problem: self._fail(kind, worker, loc, problem))
        sig.progress.connect(self.progressed)
        sig.notice.connect(self.noticed)
        sig.started.connect(lambda: self.busy_changed.emit(True))
        sig.finished.connect(lambda: self.busy_changed.emit(self.busy()))
        self.pool.launch(worker)
        return worker

    def _deliver(
        self, kind: str, worker: Worker, done: Callable[[object], None], value: object
    ) -> None:
        if self._latest.get(kind) is worker:
            done(value)

    def _fail(self, kind: str, worker: Worker, location: str, problem: str) -> None:
        if self._latest.get(kind) is worker:
            self.failed.emit(location, problem)


__all__ = ["AnalysisController", "CorpusResult", "PairResult"]
