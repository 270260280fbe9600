"""One rule for a sentence in several links: the strongest relation tints it, the selected
link frames it, in light and dark themes alike."""

from __future__ import annotations

import dataclasses

from claimdiff_gui.window.mainwindow import MainWindow
from conftest import WAIT_MS
from docread import char_props
from handmade import handmade_comparison

from claimdiff.base.model import Link
from claimdiff.labels.codebook import load_codebook
from claimdiff.session.frames import links_frame
from claimdiff.session.jobs import PairResult


def _show_two_links_on_one_claim(qtbot, window: MainWindow) -> Link:
    """L:c0 conflicts with R:c0 and is also shared with R:c2; returns the shared link."""
    base = handmade_comparison()
    shared = Link("shared", "L:c0", "R:c2", 0.65, "similar wording", "talks")
    cmp = dataclasses.replace(base, links=(*base.links, shared))
    with qtbot.waitSignal(window.pair_shown, timeout=WAIT_MS):
        window._on_pair_loaded(PairResult(cmp, load_codebook(), links_frame(cmp)))
    return shared


def test_selected_weaker_link_is_outlined_over_the_strongest_tint(
    qtbot, window: MainWindow
) -> None:
    shared = _show_two_links_on_one_claim(qtbot, window)
    pane = window.panes[0]
    for dark in (False, True):
        window.set_dark(dark)
        window.session.select_claim("L:c0")
        window.refresh_selection()
        assert window.session.selected is not None
        assert window.session.selected.relation == "conflicting", "a click picks the strongest"
        window.session.select_link(shared)
        window.refresh_selection()
        theme = window.theme
        painted = {rel for cid, rel, _k in char_props(pane.text.document()) if cid == "L:c0"}
        assert painted == {"conflicting"}, "the highlight stays the strongest relation"
        (start, end), pen = pane.text.outline()  # type: ignore[misc]
        assert pen.color() == theme.relation_colour("shared")
        rects = pane.text.line_rects(start, end)
        assert rects and all(r.width() > 0 for r in rects)
        [mark] = pane.text.extraSelections()
        assert mark.format.background().color() == theme.relation_tint("conflicting", strong=True)
        assert theme.relation_tint("conflicting", strong=True) != theme.relation_tint("conflicting")
    window.session.select_link(window.session.comparison.links[0])  # type: ignore[union-attr]
    window.refresh_selection()
    assert pane.text.outline()[1].style() == pen.style().DashLine  # type: ignore[index]
