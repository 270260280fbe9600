"""Showing a pair takes two turns of the event loop: the articles, their selection and the
details in the first; the claims table and the bookkeeping nothing on screen waits for
(recent files, watcher, memos, timeline) in the next, so neither holds the GUI thread for
long on long articles."""

from __future__ import annotations

import dataclasses

from claimdiff_gui.window.mainwindow import MainWindow
from claimdiff_gui.window.settings import absolute_location
from conftest import WAIT_MS
from handmade import handmade_comparison

from claimdiff.labels.codebook import load_codebook
from claimdiff.session.frames import links_frame
from claimdiff.session.jobs import PairResult


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
        # On screen before any event is handled: articles, highlights, selection, details.
        assert window.panes[0].text.toPlainText() == cmp.left.text
        assert window.panes[1].title.full_text() == cmp.right.title
        assert window.session.selected is not None
        assert window.details.toPlainText().strip()
        assert window.table.model.rowCount() == 0, "the table fills in the next turn"
        assert window.settings.recent() == before, "bookkeeping waits for the next turn"
    assert (window.settings.recent()[0].left, window.settings.recent()[0].right) == (left, right)
    # The table a turn later, with the link selected in the first turn as its current row.
    assert window.table.model.rowCount() == len(cmp.links)
    current = window.table.view.currentIndex()
    assert current.isValid()
    assert cmp.links[window.table.proxy.link_index(current.row())] == window.session.selected


def test_a_swap_in_the_turn_a_pair_arrived_swaps_the_new_pairs_table(
    qtbot, window: MainWindow
) -> None:
    """The new pair's table still waits when the user swaps at once: the swap must turn
    that table around, not the previous pair's still on screen."""
    with qtbot.waitSignal(window.pair_shown, timeout=WAIT_MS):
        _arrive(window)
    base = handmade_comparison()
    calm = dataclasses.replace(
        base, links=tuple(link for link in base.links if link.relation != "conflicting")
    )
    assert len(calm.links) < len(base.links)
    window._on_pair_loaded(PairResult(calm, load_codebook(), links_frame(calm)))
    window.swap_sides()
    frame = window.table.model.frame
    assert frame is not None and len(frame) == len(calm.links)
    assert set(frame["left_id"]) - {""} == {link.right for link in calm.links} - {None}


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


def test_a_pair_without_conflicts_after_one_with_leaves_no_stale_selection(
    qtbot, window: MainWindow
) -> None:
    """The editor kept the previous document's selection marks when nothing new was
    selected; once that document was deleted, the next selection crashed the app."""
    with qtbot.waitSignal(window.pair_shown, timeout=WAIT_MS):
        _arrive(window)
    assert window.panes[0].text.extraSelections(), "the first conflict is selected"
    base = handmade_comparison()
    calm = dataclasses.replace(
        base,
        links=tuple(link for link in base.links if link.relation != "conflicting"),
        left=dataclasses.replace(base.left, text=base.left.text + " "),  # a new document
    )
    with qtbot.waitSignal(window.pair_shown, timeout=WAIT_MS):
        window._on_pair_loaded(PairResult(calm, load_codebook(), links_frame(calm)))
    qtbot.wait(50)  # the old documents are deleted by now
    for pane in window.panes:
        assert all(s.cursor.document() is pane.text.document() for s in pane.text.extraSelections())
    claim = calm.left_claims[2]  # shared with R:c2
    window.select_claim(claim.id, "left")  # crashed here
    assert window.panes[0].selected_texts() == [calm.left.text[claim.start : claim.end]]
