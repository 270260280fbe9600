"""The per-article work on a Dask cluster: past one machine, or across local processes.

The work is a pure function of a batch of jobs and the codebook's bytes, so Dask only has
to move jobs out and results back; the corpus file stays with the single writer in the
calling process. Jobs are partitions of a dask.bag; a bounded window of partitions is
computed at a time and gathered in order, so the stored rows equal a local run's exactly.
Without a scheduler address a LocalCluster of two worker processes on the loopback
interface is started, with no dashboard.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from claimdiff.base.errors import InputError
from claimdiff.corpus.engine import ordered

T = TypeVar("T")
R = TypeVar("R")
A = TypeVar("A")


class DaskEngine:
    """Runs batches on a Dask cluster; ``scheduler`` is e.g. ``tcp://10.0.0.5:8786``."""

    def __init__(self, scheduler: str | None = None, workers: int = 2) -> None:
        try:
            dist: Any = importlib.import_module("dask.distributed")
        except ImportError as exc:
            raise InputError("--engine dask", "needs dask: pip install 'claimdiff[dask]'") from exc
        Client, LocalCluster = dist.Client, dist.LocalCluster  # noqa: N806 - their names
        self._cluster: Any = None
        if scheduler:
            try:
                self._client: Any = Client(scheduler, timeout="20s")
            except OSError as exc:
                raise InputError(scheduler, f"cannot reach the Dask scheduler ({exc})") from exc
        else:
            self._cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            )
            self._client = Client(self._cluster)
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))

    def map(
        self, fn: Callable[[list[T], A], list[R]], batches: Iterable[list[T]], arg: A
    ) -> Iterator[list[R]]:
        db: Any = importlib.import_module("dask.bag")
        client = self._client

        def submit(batch: list[T]) -> Any:
            part = db.from_sequence(batch, npartitions=1).map_partitions(fn, arg)
            return client.compute(part)

        yield from ordered(submit, batches, window=self.workers * 2 + 1)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
