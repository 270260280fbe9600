"""The one way slow work leaves the GUI thread: a QRunnable reporting through WorkerSignals.

A job is a plain function ``fn(report, cancel)``: ``report(done, total, text)`` publishes
progress, ``cancel`` is a ``threading.Event`` the job checks between files (cooperative
cancellation: Python threads cannot be killed safely). The job never touches Qt; only the
signals cross the thread boundary, queued into the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from claimdiff.base.cancel import Cancelled, Report, cancellable
from claimdiff.base.errors import InputError, notices_to

Job = Callable[[Report, threading.Event], Any]


class WorkerSignals(QObject):
    """Signals of one job; created in the GUI thread so receivers run there."""

    started = Signal()
    progress = Signal(int, int, str)  # done, total, what
    result = Signal(object)
    error = Signal(str, str)  # location, problem
    cancelled = Signal()
    notice = Signal(str, str)  # location, what was used only in part (claimdiff.base.errors.notify)
    finished = Signal()


class Worker(QRunnable):
    """Runs one job on the global thread pool and turns its outcome into signals."""

    def __init__(self, job: Job, name: str = "") -> None:
        super().__init__()
        self.job = job
        self.name = name
        # Emitted in the pool thread, forwarded (queued, since the receiver lives in the GUI
        # thread) to ``signals``; so even plain lambdas connected to ``signals`` run in the
        # GUI thread.
        self._cross = WorkerSignals()
        self.signals = WorkerSignals()
        for signal in ("started", "progress", "result", "error", "cancelled", "notice", "finished"):
            getattr(self._cross, signal).connect(getattr(self.signals, signal))
        self.cancel_event = threading.Event()
        self.done = threading.Event()  # set by the pool thread once the job has returned
        self.setAutoDelete(False)  # Python owns it; the pool must not delete it under us

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:
        sig = self._cross
        sig.started.emit()
        try:
            # The core's loops call claimdiff.base.cancel.check(), which sees this event; its
            # notices (a table cut to its budget) reach the window instead of stderr.
            with cancellable(self.cancel_event.is_set), notices_to(sig.notice.emit):
                value = self.job(sig.progress.emit, self.cancel_event)
        except Cancelled:
            sig.cancelled.emit()
        except InputError as exc:
            sig.error.emit(exc.location, exc.problem)
        except (OSError, ValueError, KeyError, RuntimeError, MemoryError) as exc:
            # Unexpected but recoverable (RecursionError is a RuntimeError; a MemoryError
            # leaves the window running once the job's data is dropped): say what happened
            # instead of killing the app.
            sig.error.emit(self.name or "analysis", f"{type(exc).__name__}: {exc}")
        else:
            if self.cancel_event.is_set():
                sig.cancelled.emit()
            else:
                sig.result.emit(value)
        finally:
            self.done.set()
            sig.finished.emit()


class WorkerPool(QObject):
    """Keeps running workers alive until they finish and cancels them on shutdown."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: set[Worker] = set()

    def track(self, worker: Worker) -> Worker:
        """Count the worker as running; connect to its signals after this, then ``launch``.

        The worker's signals become the pool's child: when the window (and so the pool) is
        deleted, its jobs' last queued signals die with it instead of calling slots of
        deleted objects. Once finished they are deleted, so a long session keeps none.
        """
        self._running.add(worker)
        worker.signals.setParent(self)
        worker.signals.finished.connect(lambda: self._finish(worker))
        return worker

    def _finish(self, worker: Worker) -> None:
        self._running.discard(worker)
        worker.signals.deleteLater()  # after the other receivers of ``finished`` ran

    def launch(self, worker: Worker) -> Worker:
        if worker not in self._running:
            self.track(worker)
        QThreadPool.globalInstance().start(worker)
        return worker

    def running(self) -> tuple[Worker, ...]:
        return tuple(self._running)

    def unfinished(self) -> tuple[Worker, ...]:
        """Workers whose job has not returned yet (``running`` also counts those whose last
        signals still wait for the GUI thread)."""
        return tuple(w for w in self._running if not w.done.is_set())

    def cancel_all(self) -> None:
        for worker in self._running:
            worker.cancel()

    def wait(self, msecs: int = 10000) -> bool:
        """Block until all jobs ended: only for shutdown and tests, never during use."""
        self.cancel_all()
        return QThreadPool.globalInstance().waitForDone(msecs)
