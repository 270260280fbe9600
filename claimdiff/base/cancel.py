"""Cooperative cancellation that reaches the core's inner loops without threading a parameter.

Python threads cannot be killed, so long work must look, often, whether the user asked it to
stop. The app's worker runs a job inside :func:`cancellable` with its cancel event; any loop of
the core (sentences of a 20 MB article, claim pairs, rows of an import) calls :func:`check`,
which raises :class:`Cancelled` once the event is set. Outside a worker, :func:`check` costs a
context-variable read and never raises. The context is per thread, so two workers never see
each other's event.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_requested: ContextVar[Callable[[], bool] | None] = ContextVar("claimdiff_cancel", default=None)


class Cancelled(Exception):  # noqa: N818 - it is an outcome, not a failure
    """The user asked the running job to stop; the worker reports it as cancelled."""


@contextmanager
def cancellable(requested: Callable[[], bool]) -> Iterator[None]:
    """Run the body so that :func:`check` raises once ``requested()`` turns true."""
    token = _requested.set(requested)
    try:
        yield
    finally:
        _requested.reset(token)


def check() -> None:
    """Raise :class:`Cancelled` when the job this thread runs was asked to stop."""
    requested = _requested.get()
    if requested is not None and requested():
        raise Cancelled


Report = Callable[[int, int, str], None]
"""A worker job's progress callback: report(done, total, what is being done)."""


def check_cancel(cancel: threading.Event) -> None:
    """End a worker job at a safe point once its cancel event is set."""
    if cancel.is_set():
        raise Cancelled
