"""The main window on the real seed pair 004 × 000: highlights, selection, navigation, table."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from claimdiff_gui.compare.offsets import OffsetMap
from claimdiff_gui.window.mainwindow import MainWindow
from claimdiff_gui.window.settings import Settings
from conftest import LEFT, OTHER, RIGHT, WAIT_MS, open_and_wait
from docread import char_props, expected_relations
from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from claimdiff.output.report.names import Names


def test_highlights_match_core_claims_and_relations(seeded: MainWindow) -> None:
    cmp = seeded.session.comparison
    assert cmp is not None and cmp.links
    expected = expected_relations(cmp)
    for pane, article, claims in (
        (seeded.panes[0], cmp.left, cmp.left_claims),
        (seeded.panes[1], cmp.right, cmp.right_claims),
    ):
        props = char_props(pane.text.document())
        omap = OffsetMap(article.text)
        painted = {cid for cid, _rel, _span in props if cid}
        assert painted == {c.id for c in claims if c.id in expected}
        for claim in claims:
            if claim.id in expected:
                inside = props[omap.to_qt(claim.start) : omap.to_qt(claim.end)]
                assert {p[1] for p in inside} == {expected[claim.id]}, claim.id
        body_only = [p for p in props if p[0] is None and p[2] is None]
        assert body_only, "unlabelled body text stays plain"
        for span in article.spans:
            first = props[omap.to_qt(span.start)]
            assert first[2] == span.kind or first[0] is not None


def _click_claim(qtbot, win: MainWindow, side: int, claim_id: str) -> None:
    pane = win.panes[side]
    pane.scroll_to_claim(claim_id)
    point = pane.claim_point(claim_id)
    assert point is not None
    qtbot.mouseClick(pane.text.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_clicking_conflicting_claim_selects_partner_and_scrolls(qtbot, seeded: MainWindow) -> None:
    cmp = seeded.session.comparison
    assert cmp is not None
    conflict = next(lk for lk in cmp.links if lk.relation == "conflicting")
    assert conflict.left and conflict.right
    seeded.panes[1].text.verticalScrollBar().setValue(
        seeded.panes[1].text.verticalScrollBar().maximum()
    )
    _click_claim(qtbot, seeded, 0, conflict.left)
    assert seeded.session.selected == conflict
    right = seeded.panes[1]
    assert right.selected_texts() == [cmp.claim(conflict.right).text]
    top, bottom = right.claim_rect_y(conflict.right)  # type: ignore[misc]
    assert top >= 0 and bottom <= right.text.viewport().height() + 40  # scrolled into view
    shown = seeded.details.toPlainText().replace("\xa0", " ")
    assert cmp.claim(conflict.right).text[:40].replace("\xa0", " ") in shown
    assert Names(seeded.codebook).reason(conflict)[:30] in shown  # labels, not ids
    assert seeded.table.view.currentIndex().isValid()


def test_next_conflict_walks_every_conflict_then_wraps(qtbot, seeded: MainWindow) -> None:
    cmp = seeded.session.comparison
    assert cmp is not None
    conflicts = [lk for lk in cmp.links if lk.relation == "conflicting"]
    assert conflicts
    seen = []
    for _ in conflicts:
        qtbot.keyClick(seeded, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        seen.append(seeded.session.selected)
    assert sorted(map(id, seen)) == sorted(map(id, conflicts))
    qtbot.keyClick(seeded, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert seeded.session.selected is seen[0]
    qtbot.keyClick(seeded, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert seeded.session.selected is seen[-1]


def test_next_difference_never_stops_on_shared(qtbot, seeded: MainWindow) -> None:
    cmp = seeded.session.comparison
    assert cmp is not None
    differences = [lk for lk in cmp.links if lk.relation != "shared"]
    for _ in differences:
        qtbot.keyClick(seeded, Qt.Key.Key_F8)
        assert seeded.session.selected is not None and seeded.session.selected.relation != "shared"
    assert len({id(seeded.session.selected)}) == 1


def test_table_filters_by_relation_and_topic(seeded: MainWindow) -> None:
    cmp = seeded.session.comparison
    assert cmp is not None
    table = seeded.table
    assert table.proxy.rowCount() == len(cmp.links)
    for relation, box in table.checks.items():
        box.setChecked(relation == "conflicting")
    conflicts = [i for i, lk in enumerate(cmp.links) if lk.relation == "conflicting"]
    assert sorted(table.visible_links()) == conflicts
    for box in table.checks.values():
        box.setChecked(True)
    topic = next(lk.topic for lk in cmp.links if lk.topic)
    seeded.topic_combo.setCurrentIndex(seeded.topic_combo.findData(topic))
    assert sorted(table.visible_links()) == [
        i for i, lk in enumerate(cmp.links) if lk.topic == topic
    ]
    assert all(lk.topic == topic for lk in seeded.session.links())


def test_selecting_table_row_selects_claims_in_panes(seeded: MainWindow) -> None:
    cmp = seeded.session.comparison
    assert cmp is not None
    table = seeded.table
    row = next(
        r
        for r in range(table.proxy.rowCount())
        if cmp.links[table.proxy.link_index(r)].relation == "shared"
    )
    table.view.selectRow(row)
    link = cmp.links[table.proxy.link_index(row)]
    assert seeded.session.selected == link
    assert seeded.panes[0].selected_texts() == [cmp.claim(link.left).text]  # type: ignore[arg-type]


def test_dropping_a_file_replaces_that_side(qtbot, seeded: MainWindow) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(OTHER))])
    viewport = seeded.panes[1].text.viewport()
    at, copy, no_button, no_mod = (
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # QDragEnterEvent takes a QPoint (QPointF only from PySide6 6.12), QDropEvent a QPointF.
    enter = QDragEnterEvent(at.toPoint(), copy, mime, no_button, no_mod)
    assert QApplication.sendEvent(viewport, enter) and enter.isAccepted()
    with qtbot.waitSignal(seeded.pair_shown, timeout=WAIT_MS):
        assert QApplication.sendEvent(viewport, QDropEvent(at, copy, mime, no_button, no_mod))
    assert Path(seeded.locations[0]) == LEFT
    assert Path(seeded.locations[1]) == OTHER
    assert seeded.panes[1].article is not None and Path(seeded.panes[1].article.location) == OTHER


def test_broken_file_reports_error_and_keeps_open_pair(
    qtbot, seeded: MainWindow, tmp_path: Path
) -> None:
    before = seeded.session.comparison
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with qtbot.waitSignal(seeded.notifier.reported, timeout=WAIT_MS) as blocker:
        seeded.replace_side("right", str(empty))
    location, problem = blocker.args
    assert "empty.txt" in location and problem
    assert seeded.session.comparison is before
    assert Path(seeded.locations[1]) == RIGHT
    assert seeded.panes[1].article is before.right  # type: ignore[union-attr]


def test_swap_sides_exchanges_articles_and_only_counts(seeded: MainWindow) -> None:
    cmp = seeded.session.comparison
    assert cmp is not None
    counts = seeded.session.counts()
    seeded.menus.actions["swap"].trigger()
    assert seeded.panes[0].article is cmp.right
    swapped = seeded.session.counts()
    assert (swapped["left_only"], swapped["right_only"]) == (
        counts["right_only"],
        counts["left_only"],
    )


def test_settings_survive_a_restart(qtbot, window: MainWindow) -> None:
    window.menus.actions["dark"].setChecked(True)
    window.menus.actions["sync"].setChecked(False)
    window.timeline.freq.setCurrentText("month")
    window.timeline.measure.setCurrentText("share")
    window.timeline.split.setCurrentText("by outlet")
    window.close()

    again = MainWindow(Settings(), dialogs_on=False)
    qtbot.addWidget(again)
    assert again.theme.dark and not again.sync.enabled
    assert again.timeline.freq.currentText() == "month"
    assert again.timeline.measure.currentText() == "share"
    assert again.timeline.split_by() == "source"
    again.menus.actions["dark"].setChecked(False)
    again.settings.set_choice("timeline/period", "fortnight")  # not an option: the default
    third = MainWindow(Settings(), dialogs_on=False)
    qtbot.addWidget(third)
    assert third.timeline.freq.currentText() == "year"


def test_open_second_pair_updates_recent_pairs(qtbot, window: MainWindow) -> None:
    open_and_wait(qtbot, window, LEFT, RIGHT, timeline=False)
    open_and_wait(qtbot, window, OTHER, RIGHT, timeline=False)
    assert [Path(p[0]).name for p in window.settings.recent_pairs()] == [OTHER.name, LEFT.name]
    assert len([a for a in window.menus.recent.actions() if "↔" in a.text()]) == 2


def test_open_pair_and_its_folder_timeline_analyse_each_article_once(
    qtbot, seeded: MainWindow
) -> None:
    """Regression test for the pair and the corpus workers each analysing the open articles.

    The seeds folder holds five articles; the open pair is two of them. One shared analyser
    means five analysed articles, and replacing one side analyses nothing new.
    """
    assert seeded.codebook is not None
    analyser = seeded.analysis.analyser_for(seeded.codebook)
    assert analyser.cached == 5
    open_and_wait(qtbot, seeded, LEFT, OTHER, timeline=False)
    assert analyser.cached == 5


def test_window_deleted_with_worker_signals_still_queued_raises_nothing(qtbot) -> None:
    """A job's last signals arrive after the window is gone (quit during analysis)."""
    win = MainWindow(Settings(), dialogs_on=False)
    win.show()
    win.open_pair(str(LEFT), str(RIGHT))
    assert win.analysis.pool.wait(WAIT_MS)  # the job ended; its signals are still queued
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    with qtbot.captureExceptions() as exceptions:
        qtbot.wait(100)
    assert [str(e[1]) for e in exceptions] == []


def _sort_value(column: str, link_index: int, cmp) -> object:  # type: ignore[no-untyped-def]
    """What a column shows for a link, read from the comparison (not from the model)."""
    from claimdiff.base.palette import RELATION_RANK

    link = cmp.links[link_index]
    sides = {"left": link.left, "right": link.right}
    if column == "relation":
        return -RELATION_RANK[link.relation]
    if column == "topic":
        return link.topic or ""
    if column == "score":
        return round(link.score, 3)
    side, what = column.split()
    claim = cmp.claim(sides[side]) if sides[side] else None
    if claim is None:
        return ""
    return claim.text if what == "claim" else (claim.speaker or "outlet")


def test_table_sorts_by_every_column_both_ways(seeded: MainWindow) -> None:
    """Each column sorts the rows by its value; equal values keep the links' order; the
    selected link stays selected."""
    cmp = seeded.session.comparison
    assert cmp is not None
    table = seeded.table
    chosen = len(cmp.links) // 2
    table.select_link(chosen)
    for column, name in enumerate(table.model.visible):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            table.view.sortByColumn(column, order)
            shown = table.visible_links()
            assert sorted(shown) == list(range(len(cmp.links)))
            keys = [_sort_value(name, i, cmp) for i in shown]
            descending = order == Qt.SortOrder.DescendingOrder
            rows = list(zip(shown, keys, strict=True))
            for (a, ka), (b, kb) in pairwise(rows):
                before = ka > kb if descending else ka < kb  # type: ignore[operator]
                assert before or (ka == kb and a < b), (name, order, ka, kb)
            assert len(set(keys)) > 1, name  # the seed pair has rows to order in each column
            current = table.view.selectionModel().currentIndex()
            assert table.proxy.link_index(current.row()) == chosen


def test_highlights_come_in_slices_and_all_match_after_the_last(qtbot, window, monkeypatch) -> None:
    """A long article is tinted a slice per event-loop turn: the first slice is on screen at
    once, the rest follow, and after ``highlighted`` every claim has its core relation; a
    topic change while slices are pending tints the rest first."""
    from claimdiff_gui.compare import panes as panes_module

    monkeypatch.setattr(panes_module, "CLAIMS_PER_SLICE", 2)
    with qtbot.waitSignals([p.highlighted for p in window.panes], timeout=WAIT_MS):
        open_and_wait(qtbot, window, LEFT, RIGHT, timeline=False)
        assert any(p.highlights_pending() for p in window.panes)  # not all at once
        painted_first = {cid for cid, _r, _s in char_props(window.panes[0].text.document()) if cid}
        assert painted_first  # the first slice is there before the next turn
    cmp = window.session.comparison
    assert cmp is not None
    expected = expected_relations(cmp)
    for pane, claims in ((window.panes[0], cmp.left_claims), (window.panes[1], cmp.right_claims)):
        assert not pane.highlights_pending()
        painted = {cid for cid, _rel, _span in char_props(pane.text.document()) if cid}
        assert painted == {c.id for c in claims if c.id in expected}
        assert len(painted) > len(painted_first)
    # Reopen, then change topic before the slices have run: the result is still exact.
    open_and_wait(qtbot, window, RIGHT, LEFT, timeline=False)
    topic = next(lk.topic for lk in window.session.comparison.links if lk.topic)  # type: ignore[union-attr]
    window.topic_combo.setCurrentIndex(window.topic_combo.findData(topic))
    assert not any(p.highlights_pending() for p in window.panes)
    for side, pane in zip(("left", "right"), window.panes, strict=True):
        wanted = window.session.relations(side)  # type: ignore[arg-type]
        props = char_props(pane.text.document())
        assert {(cid, rel) for cid, rel, _s in props if cid} == set(wanted.items())
