"""The two sides of a comparison analysed at once: one in this process, one in a forked child.

The parse is most of a long comparison (two 800-sentence articles: 8 of 12 s on one core),
and the two articles parse independently, so on two cores the second side can run beside the
first. The child is forked after the spaCy pipeline and the similarity model are loaded, so it
shares their pages with this process and loads nothing; it sends back only the claims.

Forking is done only where it is safe: a platform with ``fork``, no other Python thread, and
no Qt loaded (Qt starts native threads Python cannot see; a child forked from them may hang
on a lock one of them held). Elsewhere, such as the desktop app's worker thread, the two
sides run one after the other as before. A child costs a process start and its own parse
memory (42-72 MB at 100-800 sentences a side), so it is used only when both sides are long
(:data:`MIN_WORDS`) and only when the caller asks (``Analyser(two_processes=True)``).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, cast

from claimdiff.base.model import Article, Claim

# Both sides must have at least this many words for a child to pay off. Forking this process
# (spaCy and the similarity model loaded) and collecting an empty answer took 67-89 ms on the
# shared two-core machine; at the idle single-core rate (about 4,000 words/s parse, plus
# claims and labels) a 1,000-word side takes about 0.3 s, so from there the child saves more
# than it costs. Short pieces (a 40-sentence pair is about 850 words a side) stay in one process.
MIN_WORDS = 1_000

# Figures of the last child (peak and private memory, CPU seconds), for the benchmark.
last_child: dict[str, float] = {}


def fork_safe() -> bool:
    """True where forking this process cannot inherit a lock held by another thread."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    if threading.active_count() != 1:
        return False
    return not any(name in sys.modules for name in ("PySide6.QtCore", "PyQt6.QtCore"))


def worth_forking(left_words: int, right_words: int) -> bool:
    """Both sides long enough that analysing one in a child saves more than it costs."""
    return min(left_words, right_words) >= MIN_WORDS and fork_safe()


def analyse_both(
    left: Article, right: Article, analyse: Callable[[Article], tuple[Claim, ...]]
) -> tuple[tuple[Claim, ...], tuple[Claim, ...]]:
    """``analyse(left)`` here and ``analyse(right)`` in a forked child, at the same time.

    The caller loads what ``analyse`` needs first, so the child finds it loaded. If the child
    fails (killed, out of memory, an error), the right side is analysed here after the left,
    so a comparison never fails for running in parallel; an error of the analysis itself
    then shows as it would have without the child.
    """
    with _one_blas_thread():
        return _analyse_both(left, right, analyse)


def _one_blas_thread() -> Any:
    """One BLAS thread in each process while both analyse: the two already fill two cores, and
    OpenBLAS's own threads (one per core by default, inherited by the child) would otherwise
    spin waiting for each other, doubling the CPU and the wall time. Set before the fork, so
    the child starts with the limit."""
    import numpy  # noqa: F401 (loads the BLAS library, so that the limit reaches it)
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def _analyse_both(
    left: Article, right: Article, analyse: Callable[[Article], tuple[Claim, ...]]
) -> tuple[tuple[Claim, ...], tuple[Claim, ...]]:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(right, analyse, send), daemon=True)
    child.start()
    send.close()
    try:
        left_claims = analyse(left)
        right_claims = _collect(receive, child)
    finally:
        receive.close()
        child.join(timeout=5)
        if child.is_alive():
            child.kill()
            child.join()
    if right_claims is None:
        right_claims = analyse(right)
    return left_claims, right_claims


def _collect(receive: Any, child: Any) -> tuple[Claim, ...] | None:
    """The child's claims, or None when it died or failed before sending them."""
    try:
        found, figures = receive.recv()
    except (EOFError, OSError):
        return None
    last_child.clear()
    last_child.update(figures)
    return cast("tuple[Claim, ...] | None", found)


def _child(article: Article, analyse: Callable[[Article], tuple[Claim, ...]], send: Any) -> None:
    """In the child: analyse one article and send its claims (None on an error) back."""
    start = time.process_time()
    try:
        found: tuple[Claim, ...] | None = analyse(article)
    except Exception:  # noqa: BLE001 (the parent analyses it again and reports the error)
        found = None
    send.send((found, {"cpu": time.process_time() - start, **_memory()}))
    send.close()
    os._exit(0)  # no atexit handlers or finalisers of the parent's objects in the child


def _memory() -> dict[str, float]:
    """This process's peak resident and its private (not shared with the parent) memory, MB."""
    found: dict[str, float] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    found["peak_mb"] = int(line.split()[1]) / 1024
        with open("/proc/self/smaps_rollup", encoding="ascii") as f:
            private = sum(int(line.split()[1]) for line in f if line.startswith("Private_"))
        found["private_mb"] = private / 1024
    except (OSError, ValueError, IndexError):
        pass
    return found
