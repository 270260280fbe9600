"""An import's worker processes each multiply with one BLAS thread: the workers already
fill the cores, and a BLAS thread per core in each would spin waiting for the others."""

from __future__ import annotations

from claimdiff.corpus.engine import LocalPool


def blas_threads(batch: list[int], _arg: None) -> list[int]:
    """Runs in a worker: the BLAS libraries' thread counts there."""
    import numpy  # noqa: F401 (loads the BLAS library)
    from threadpoolctl import threadpool_info

    return [int(lib["num_threads"]) for lib in threadpool_info() if lib["user_api"] == "blas"]


def test_each_pool_worker_uses_one_blas_thread() -> None:
    pool = LocalPool(workers=2)
    try:
        found = [n for batch in pool.map(blas_threads, [[1], [2]], None) for n in batch]
    finally:
        pool.close()
    assert found and set(found) == {1}
