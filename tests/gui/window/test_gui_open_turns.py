"""Showing a pair takes two turns of the event loop: what is on screen in the first, the
bookkeeping nothing on screen waits for (recent files, watcher, memos, timeline) in the
next, so neither holds the GUI thread for long on long articles."""

from __future__ import annotations

from claimdiff_gui.window.mainwindow import MainWindow
from claimdiff_gui.window.settings import absolute_location
from claimdiff_gui.work.frames import links_frame
from claimdiff_gui.work.jobs import PairResult
from conftest import WAIT_MS
from handmade import handmade_comparison

from claimdiff.labels.codebook import load_codebook


def _arrive(window: MainWindow) -> tuple[str, str]:
    """Hand the window a compared pair as the worker does; the pair's absolute locations."""
    cmp = handmade_comparison()
    window._on_pair_loaded(PairResult(cmp, load_codebook(), links_frame(cmp)))
    return absolute_location(cmp.left.location), absolute_location(cmp.right.location)


def test_the_pair_is_on_screen_in_the_first_turn_and_remembered_in_the_next(
    qtbot, window: MainWindow
) -> None:
    before = window.settings.recent()
    with qtbot.waitSignals([window.pair_shown, window.timeline_shown], timeout=WAIT_MS):
        left, right = _arrive(window)
        cmp = window.session.comparison
        assert cmp is not None
        # On screen before any event is handled: articles, highlights, table, selection.
        assert window.panes[0].text.toPlainText() == cmp.left.text
        assert window.panes[1].title.full_text() == cmp.right.title
        assert window.table.model.rowCount() > 0
        assert window.session.selected is not None
        assert window.details.toPlainText().strip()
        assert window.settings.recent() == before, "bookkeeping waits for the next turn"
    assert (window.settings.recent()[0].left, window.settings.recent()[0].right) == (left, right)


def test_closing_in_the_turn_a_pair_arrived_remembers_it_and_starts_no_timeline(
    qtbot, window: MainWindow
) -> None:
    shown: list[bool] = []
    window.timeline_shown.connect(lambda: shown.append(True))
    left, right = _arrive(window)
    window.close()
    qtbot.wait(100)
    assert (window.settings.recent()[0].left, window.settings.recent()[0].right) == (left, right)
    assert not window.analysis.pool.running(), "no worker started for a closed window"
    assert not shown, "no timeline was charted for a closed window"
