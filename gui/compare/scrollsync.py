"""Synchronised scrolling of the two panes, and a way to scroll one without the other."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QScrollBar


class ScrollSync(QObject):
    """Keeps the two vertical scroll bars at the same fraction of their range while on.

    Fractions rather than pixels because the articles differ in length; the link gutter
    shows where partners really are.
    """

    def __init__(self, bars: tuple[QScrollBar, QScrollBar], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bars = bars
        self.enabled = True
        self._moving = False
        bars[0].valueChanged.connect(lambda _v: self._follow(0))
        bars[1].valueChanged.connect(lambda _v: self._follow(1))

    @contextmanager
    def held(self) -> Iterator[None]:
        """Scroll panes programmatically (e.g. to a selected claim) without dragging the other."""
        moving, self._moving = self._moving, True
        try:
            yield
        finally:
            self._moving = moving

    def _follow(self, source: int) -> None:
        if not self.enabled or self._moving:
            return
        lead, other = self.bars[source], self.bars[1 - source]
        fraction = lead.value() / lead.maximum() if lead.maximum() else 0.0
        with self.held():
            other.setValue(round(fraction * other.maximum()))
