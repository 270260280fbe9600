"""Running the per-article work: in this process, or on a pool of local processes.

Results come back in submission order, so the single writer stores articles in the same
order (and with the same row ids) whichever engine ran the work; only a bounded number of
batches is in flight, so memory stays flat however large the import. A batch (one
transaction of the writer) is sent to the workers in small chunks, so that no worker sits
idle while another finishes a whole batch: 1,000 articles are only five batches of 200.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")
A = TypeVar("A")
# Below this many items, starting worker processes costs more than it saves.
POOL_MINIMUM = 64
# Items per task sent to a worker: small enough to keep every worker busy to the end of an
# import, large enough that sending a task (and the codebook with it) costs next to nothing.
CHUNK = 25


class Engine(Protocol):
    """Maps a pure batch function over batches, yielding results in order."""

    def map(
        self, fn: Callable[[list[T], A], list[R]], batches: Iterable[list[T]], arg: A
    ) -> Iterator[list[R]]: ...

    def close(self) -> None: ...


class InProcess:
    def map(
        self, fn: Callable[[list[T], A], list[R]], batches: Iterable[list[T]], arg: A
    ) -> Iterator[list[R]]:
        for batch in batches:
            yield fn(batch, arg)

    def close(self) -> None:
        """Nothing to release."""


class LocalPool:
    """Worker processes started with spawn: safe from a GUI with threads, unlike fork."""

    def __init__(self, workers: int = 2) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def map(
        self, fn: Callable[[list[T], A], list[R]], batches: Iterable[list[T]], arg: A
    ) -> Iterator[list[R]]:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=one_blas_thread
            )
        pool = self._pool

        def submit(batch: list[T]) -> Future[list[R]]:
            return pool.submit(fn, batch, arg)

        yield from ordered(submit, batches, window=self.workers * 2 + 1)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def one_blas_thread() -> None:
    """Let a worker's BLAS (numpy's OpenBLAS, which the pipeline multiplies with: see
    claimdiff.language.matmul) use one thread. The workers already fill the cores; a BLAS
    thread per core in each would make them take turns, and OpenBLAS's threads spin while
    they wait, which costs CPU for nothing."""
    import numpy  # noqa: F401 (loads the BLAS library, so that the limit reaches it)
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


class _Result(Protocol[R]):  # type: ignore[misc]
    def result(self) -> R: ...


def ordered(
    submit: Callable[[list[T]], _Result[list[R]]],
    batches: Iterable[list[T]],
    window: int,
    chunk: int = CHUNK,
) -> Iterator[list[R]]:
    """Keep ``window`` batches in flight and hand back their results in submission order.

    Each batch goes out as chunks of at most ``chunk`` items and comes back joined.
    """
    pending: deque[list[_Result[list[R]]]] = deque()
    for batch in batches:
        pending.append([submit(batch[i : i + chunk]) for i in range(0, len(batch), chunk)])
        if len(pending) >= window:
            yield _joined(pending.popleft())
    while pending:
        yield _joined(pending.popleft())


def _joined(parts: list[_Result[list[R]]]) -> list[R]:
    return [item for part in parts for item in part.result()]


def local_engine(workers: int, expected: int | None = None) -> Engine:
    """A pool for big jobs, this process for small ones (or when one worker is asked for)."""
    if workers <= 1 or (expected is not None and expected < POOL_MINIMUM):
        return InProcess()
    return LocalPool(workers)
