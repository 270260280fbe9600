"""Views updated in place (topic change, swap, resize) look exactly as if drawn afresh."""

from __future__ import annotations

from claimdiff_gui.compare.panes import ArticlePane
from claimdiff_gui.window.mainwindow import MainWindow
from docread import char_props, expected_relations


def _fresh(qtbot, window: MainWindow, side: int) -> list:
    """What a newly built pane paints for what the window's pane shows now."""
    cmp = window.session.comparison
    assert cmp is not None
    pane = ArticlePane("left")
    qtbot.addWidget(pane)
    article, claims = (cmp.left, cmp.left_claims) if side == 0 else (cmp.right, cmp.right_claims)
    relations = window.session.relations("left" if side == 0 else "right")
    pane.show_article(article, claims, relations, window.theme)
    return char_props(pane.text.document())


def _painted_relations(pane: ArticlePane) -> dict[str, str]:
    return {cid: rel for cid, rel, _kind in char_props(pane.text.document()) if cid}


def test_topic_changes_retint_exactly_as_a_fresh_render(qtbot, seeded: MainWindow) -> None:
    combo = seeded.topic_combo
    assert combo.count() > 2, "the seed pair has links on several topics"
    for i in [*range(1, combo.count()), 0]:
        combo.setCurrentIndex(i)
        topic = combo.itemData(i)
        cmp = seeded.session.comparison
        assert cmp is not None
        kept = [lk for lk in cmp.links if topic is None or lk.topic == topic]
        wanted = expected_relations(type(cmp)(**{**_fields(cmp), "links": tuple(kept)}))
        for side, pane in enumerate(seeded.panes):
            assert char_props(pane.text.document()) == _fresh(qtbot, seeded, side), (topic, side)
            ids = set(pane.claim_ids())
            assert _painted_relations(pane) == {c: r for c, r in wanted.items() if c in ids}


def test_swapping_moves_documents_and_matches_a_fresh_render(qtbot, seeded: MainWindow) -> None:
    before = [char_props(p.text.document()) for p in seeded.panes]
    seeded.swap_sides()
    for side, pane in enumerate(seeded.panes):
        assert char_props(pane.text.document()) == _fresh(qtbot, seeded, side)
    relations = _painted_relations(seeded.panes[0])
    assert "right_only" not in relations.values(), "the old right's only-claims are left_only now"
    seeded.swap_sides()
    assert [char_props(p.text.document()) for p in seeded.panes] == before


def test_selected_claim_stays_in_view_when_the_window_narrows(qtbot, seeded: MainWindow) -> None:
    link = seeded.session.selected
    assert link is not None and link.right is not None
    pane = seeded.panes[1]
    # The claim at the bottom edge: narrower lines then push it out of view, unless kept.
    top, bottom = pane.claim_rect_y(link.right)  # type: ignore[misc]
    bar = pane.text.verticalScrollBar()
    bar.setValue(bar.value() + bottom - pane.text.viewport().height() + 2)
    seeded.resize(900, 700)
    qtbot.wait(50)
    top, bottom = pane.claim_rect_y(link.right)  # type: ignore[misc]
    assert top >= 0 and bottom <= pane.text.viewport().height()
    seeded.resize(1400, 900)
    qtbot.wait(50)
    top, bottom = pane.claim_rect_y(link.right)  # type: ignore[misc]
    assert top >= 0 and bottom <= pane.text.viewport().height()


def _fields(cmp) -> dict:
    names = ("left", "right", "left_claims", "right_claims", "links", "codebook", "settings")
    return {name: getattr(cmp, name) for name in names}


def test_gutter_draws_every_link_with_an_end_in_view_at_any_scroll(
    qtbot, seeded: MainWindow
) -> None:
    linkmap = seeded.linkmap
    bar = seeded.panes[0].text.verticalScrollBar()
    seeded.set_sync_scroll(False)
    checked = 0
    for fraction in (0.0, 0.3, 0.6, 1.0):
        bar.setValue(round(bar.maximum() * fraction))
        qtbot.wait(10)
        views = (linkmap._view(0), linkmap._view(1))
        wanted = []
        for link in seeded.session.links():
            if link.left and link.right:
                spans = (
                    linkmap._span(0, link.left, views[0][0]),
                    linkmap._span(1, link.right, views[1][0]),
                )
                ends = [s[1] >= v[0] and s[0] <= v[1] for s, v in zip(spans, views, strict=True)]
                if any(ends):
                    wanted.append(link)
        drawn = [link for link, _l, _r in linkmap.visible_links()]
        assert drawn == wanted, fraction
        checked += len(wanted)
    assert checked, "some link is in view at some scroll position"
