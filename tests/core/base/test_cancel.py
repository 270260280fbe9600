"""Cooperative cancellation: check() raises only inside cancellable() once asked, per thread."""

from __future__ import annotations

import threading

import pytest

from claimdiff.base.cancel import Cancelled, cancellable, check


def test_check_raises_only_once_cancellation_is_requested() -> None:
    event = threading.Event()
    check()  # outside any job: never raises
    with cancellable(event.is_set):
        check()
        event.set()
        with pytest.raises(Cancelled):
            check()
    check()  # the context is restored on exit


def test_another_thread_does_not_see_this_threads_request() -> None:
    event = threading.Event()
    event.set()
    seen: list[bool] = []

    def other() -> None:
        try:
            check()
            seen.append(False)
        except Cancelled:
            seen.append(True)

    with cancellable(event.is_set):
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
        with pytest.raises(Cancelled):
            check()
    assert seen == [False]
