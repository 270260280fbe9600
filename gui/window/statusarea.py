"""The status bar's permanent part: relation counts, codebook name, progress and Cancel."""

from __future__ import annotations

import time

from claimdiff_gui.window.theme import RELATION_TEXT
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget


class ElidingStatusBar(QStatusBar):
    """A status bar whose messages end in "…" where the permanent widgets begin, the whole
    message in the tooltip. Qt cut a long one mid-word against the relation counts
    ("…duplicashared: 8"), which read as one garbled line. The message is fitted again
    when the room changes (the progress bar goes once an import is done)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""  # the message as given
        self._until: float | None = None  # when it times out (monotonic seconds)
        self.messageChanged.connect(self._on_message_changed)

    def showMessage(self, text: str, timeout: int | None = 0) -> None:
        self._full = text
        self._until = time.monotonic() + timeout / 1000 if timeout else None
        self._fit()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize) and self._full:
            self._fit()
        return handled

    def _fit(self) -> None:
        left = None if self._until is None else round((self._until - time.monotonic()) * 1000)
        if left is not None and left <= 0:
            return
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self._room())
        self.setToolTip(self._full if shown != self._full else "")
        if shown != self.shown_message():
            text, self._full = self._full, ""  # not cleared by our own messageChanged
            super().showMessage(shown, left or 0)
            self._full = text

    def currentMessage(self) -> str:
        """The message as it was given (callers compare it with their own text)."""
        return self._full or super().currentMessage()

    def shown_message(self) -> str:
        """The message as it is drawn, "…" and all."""
        return super().currentMessage()

    def _on_message_changed(self, message: str) -> None:
        if not message and self._full:  # timed out or cleared: nothing to fit any more
            self._full = ""
            self.setToolTip("")

    def _room(self) -> int:
        """Pixels left of the first visible permanent widget (less a gap)."""
        children = self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        edges = [w.x() for w in children if w.isVisible() and w.x() > 0]
        return max(0, min(edges, default=self.width()) - 16)


class StatusArea:
    """Owns the permanent widgets of a QStatusBar."""

    def __init__(self, bar: QStatusBar) -> None:
        self.bar = bar
        self.counts = QLabel("no pair open")
        self.codebook = QLabel("")
        self.matching = QLabel("")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        # No taller than the labels: a status bar that grows when work starts relays out
        # the whole window (tens of ms on long articles).
        self.progress.setMaximumHeight(self.counts.sizeHint().height())
        self.progress.setTextVisible(True)
        self.cancel = QToolButton()
        self.cancel.setText("Cancel")
        self._progress_text = ""
        for widget in (self.progress, self.cancel):
            widget.hide()
        for permanent in (self.progress, self.cancel, self.counts, self.codebook, self.matching):
            bar.addPermanentWidget(permanent)

    def set_counts(self, counts: dict[str, int]) -> None:
        self.counts.setText("   ".join(f"{RELATION_TEXT[r]}: {n}" for r, n in counts.items()))

    def set_codebook(self, name: str) -> None:
        self.codebook.setText(f"  codebook: {name}")

    def set_matching(self, backend: str) -> None:
        """Say how claims were matched; a missing sentence model must not go unnoticed."""
        if backend == "lexical":
            self.matching.setText("  ⚠ matching by wording only")
            self.matching.setToolTip(
                "The sentence model that matches claims by meaning is not available, so "
                "paraphrases may show as 'only in one article'. Reinstall claimdiff to restore it."
            )
        else:
            self.matching.setText("  matching: meaning + wording")
            self.matching.setToolTip("Claims are matched by meaning (sentence model) and wording.")

    def show_progress(self, done: int, total: int, what: str) -> None:
        """A bar with totals when the job knows them, else a busy bar with the count so far.

        A JSONL or CSV import cannot count its rows before reading them: "103/0" read as an
        error, so an unknown (or overtaken) total shows "103 so far" on a moving bar.
        """
        if total > 0 and done <= total:
            self._range(total)
            self.progress.setValue(done)
            self.progress.setFormat(f"{done}/{total}")
        else:
            self._range(0)  # Qt's indeterminate bar
            self.progress.setFormat(f"{done} so far" if done else "working…")
        self.progress.show()
        self.cancel.show()
        self._progress_text = what
        self.bar.showMessage(what)

    def _range(self, total: int) -> None:
        """Only when it changes: a new range restyles the bar (tens of ms on a long pair)."""
        if (self.progress.minimum(), self.progress.maximum()) != (0, total):
            self.progress.setRange(0, total)

    def cancelling(self) -> None:
        """Say the request was heard; jobs stop at their next check."""
        self.cancel.setEnabled(False)
        self._progress_text = "cancelling…"
        self.bar.showMessage(self._progress_text)

    def set_busy(self, busy: bool) -> None:
        if busy:
            self.cancel.setEnabled(True)
        if not busy:
            self.progress.hide()
            self.cancel.hide()
            # Clear only our own progress text, not an outcome ("Wrote …") shown meanwhile.
            if self.bar.currentMessage() == self._progress_text:
                self.bar.clearMessage()
