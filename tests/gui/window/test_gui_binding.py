"""Guards against Qt binding releases that break the app in ways no feature test shows."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(int)


def test_emitting_a_signal_does_not_eat_references_to_true() -> None:
    """Regression test for PySide6 6.12.0, whose emit() returned True without a reference.

    Each emit then took one reference from True; after a few hundred the app aborted with
    "Fatal Python error: bool_dealloc" (seen at the end of our GUI test run).
    """
    emitter = _Emitter()
    received: list[int] = []
    emitter.changed.connect(received.append)
    before = sys.getrefcount(True)
    for n in range(50):
        emitter.changed.emit(n)
    assert received == list(range(50))
    assert sys.getrefcount(True) >= before - 5
