"""The corpus in the window: import through the worker job, articles, timeline, corrections."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from claimdiff_gui.corpus import corrections
from claimdiff_gui.corpus.corpusdialogs import ColumnMapDialog
from claimdiff_gui.window.mainwindow import MainWindow
from conftest import SEEDS, WAIT_MS
from PySide6.QtCore import Qt, QTimer
from test_gui_responsive import N_ARTICLES, ThreadLog, _write_corpus

from claimdiff.corpus import Corpus
from claimdiff.corpus.tabular import resolve_columns
from claimdiff.labels.codebook import load_codebook

DATES = {
    "000_fbd7af67a7761638": "2017-02-09",
    "001_fcd437e513264478": "2012-07-10",
    "002_732f1da1e3f5c25c": "2021-02-01",
    "003_901642ca2c8110a9": "2024-07-09",
    "004_ae97e33e177aeab3": "2007-08-02",
}
LEFT_KEY, RIGHT_KEY = "004_ae97e33e177aeab3", "000_fbd7af67a7761638"


def open_new_corpus(qtbot, win: MainWindow, path: Path) -> None:
    with qtbot.waitSignal(win.corpus_view.opened, timeout=WAIT_MS):
        win.corpus_view.open(str(path), create=True)


def import_and_wait(qtbot, win: MainWindow, sources: list[str]) -> object:
    with qtbot.waitSignal(win.corpus_view.imported, timeout=WAIT_MS * 4) as blocker:
        win.corpus_view.start_import(sources, {})
    return blocker.args[0]


@pytest.fixture
def with_corpus(qtbot, window: MainWindow, tmp_path: Path) -> MainWindow:
    open_new_corpus(qtbot, window, tmp_path / "seeds.claimdiff")
    summary = import_and_wait(qtbot, window, [str(SEEDS)])
    assert summary is not None and summary.imported == 5
    return window


@pytest.fixture
def compared(qtbot, with_corpus: MainWindow) -> MainWindow:
    panel = with_corpus.corpus_view.panel
    panel.select_keys([LEFT_KEY, RIGHT_KEY])
    assert panel.compare.isEnabled()
    with qtbot.waitSignal(with_corpus.pair_shown, timeout=WAIT_MS):
        panel.compare.click()
    return with_corpus


def _series(frame, by: str | None = None) -> dict[tuple[str, ...], tuple[list[str], list[float]]]:
    observed = sorted({str(p) for p in frame["period"]})  # the chart's 0s: claims, none here
    out = {}
    for group, rows in frame.groupby(["topic", "position", *([by] if by else [])]):
        found = {str(p): float(v) for p, v in zip(rows["period"], rows["count"], strict=True)}
        out[tuple(str(g) for g in group)] = (observed, [found.get(p, 0.0) for p in observed])
    return out


def _core_series(win: MainWindow, freq: str = "year"):
    with Corpus.open(win.corpus_view.corpus.path) as corpus:
        return _series(corpus.timeline(load_codebook(), freq))


def shown_rows(panel: Any) -> list[dict[str, str]]:
    """What the Articles tab displays, row by row, as the view reads it from the model."""
    model = panel.model
    return [
        {name: model.data(model.index(row, col)) for col, name in enumerate(model.columns)}
        | {"key": model.info(row).key}
        for row in range(model.rowCount())
    ]


def test_create_and_import_lists_the_five_seeds_with_dates_and_claims(
    with_corpus: MainWindow,
) -> None:
    rows = shown_rows(with_corpus.corpus_view.panel)
    assert len(rows) == 5
    assert {r["key"]: r["date"] for r in rows} == DATES
    assert [r["date"] for r in rows] == sorted(DATES.values())  # sorted by date at first
    with Corpus.open(with_corpus.corpus_view.corpus.path) as corpus:
        stored = {key: len(corpus.claims(key)) for key in DATES}
    assert {r["key"]: int(r["claims"]) for r in rows} == stored
    assert all(n > 5 for n in stored.values())


def filtered(qtbot, panel: Any, text: str) -> int:
    with qtbot.waitSignal(panel.model.modelReset, timeout=WAIT_MS):
        panel.search.setText(text)
    return int(panel.model.rowCount())


def test_search_filters_by_title_or_source(qtbot, with_corpus: MainWindow) -> None:
    panel = with_corpus.corpus_view.panel
    assert filtered(qtbot, panel, "sputnik") == 1
    assert filtered(qtbot, panel, "Missile defense") == 2  # every word, title or source, any case
    assert "2 of 5 articles" in panel.summary.text()
    assert filtered(qtbot, panel, "") == 5


def test_sorting_by_a_header_orders_the_rows_as_the_file_holds_them(
    qtbot, with_corpus: MainWindow
) -> None:
    panel = with_corpus.corpus_view.panel
    for column, name in enumerate(panel.model.columns):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            with qtbot.waitSignal(with_corpus.corpus_view.rows_shown, timeout=WAIT_MS):
                panel.view.sortByColumn(column, order)
            values = [r[name] for r in shown_rows(panel)]
            key = int if name in ("claims", "positions") else str
            wanted = sorted(values, key=key, reverse=order == Qt.SortOrder.DescendingOrder)
            assert values == wanted, name


def test_compare_selected_opens_the_pair(compared: MainWindow) -> None:
    cmp = compared.session.comparison
    assert cmp is not None
    assert (cmp.left.id, cmp.right.id) == (LEFT_KEY, RIGHT_KEY)
    assert cmp.left.date == "2007-08-02"
    assert compared.panes[0].article is cmp.left
    assert compared.timeline.marks == {"L": "2007-08-02", "R": "2017-02-09"}


def test_corpus_timeline_draws_what_corpus_timeline_counts(qtbot, with_corpus: MainWindow) -> None:
    timeline = with_corpus.timeline
    assert timeline.series() == _core_series(with_corpus)
    timeline.freq.setCurrentText("month")
    assert timeline.series() == _core_series(with_corpus, "month")
    key, (periods, counts) = next(iter(timeline.series().items()))
    at = next(i for i, n in enumerate(counts) if n)  # a point with claims, not a 0
    with qtbot.waitSignal(timeline.claims_listed, timeout=WAIT_MS) as listed:
        timeline.show_claims(periods[at], key)
        assert timeline.claims.item(0).text().startswith("Reading")  # until the worker answers
    assert listed.args == [int(counts[at])] and timeline.claims.count() == int(counts[at])
    assert timeline.claims.item(0).data(Qt.ItemDataRole.UserRole) in with_corpus.corpus_view.keys


def test_corpus_timeline_split_by_outlet_counts_what_the_corpus_counts(
    qtbot, with_corpus: MainWindow
) -> None:
    timeline = with_corpus.timeline
    timeline.split.setCurrentText("by outlet")
    qtbot.waitUntil(lambda: any(len(k) == 3 for k in timeline.series()), timeout=WAIT_MS)
    with Corpus.open(with_corpus.corpus_view.corpus.path) as corpus:
        expected = _series(corpus.timeline(load_codebook(), "year", "source"), "source")
    assert timeline.series() == expected
    key, (periods, counts) = next(iter(expected.items()))
    with qtbot.waitSignal(timeline.claims_listed, timeout=WAIT_MS) as listed:
        timeline.show_claims(periods[0], key)
    assert listed.args == [int(counts[0])]
    tips = [timeline.claims.item(i).toolTip() for i in range(timeline.claims.count())]
    assert all(tip.startswith(key[2]) for tip in tips)


def test_clicking_a_point_while_the_split_is_read_finishes_both(
    qtbot, with_corpus: MainWindow
) -> None:
    timeline = with_corpus.timeline
    key, (periods, counts) = next(iter(timeline.series().items()))
    with qtbot.waitSignal(timeline.claims_listed, timeout=WAIT_MS) as listed:
        timeline.split.setCurrentText("by speaker")  # starts reading the split frames
        timeline.show_claims(periods[0], key)  # and, at once, the claims of a point
    assert listed.args == [int(counts[0])]
    qtbot.waitUntil(lambda: any(len(k) == 3 for k in timeline.series()), timeout=WAIT_MS)


def _texts_behind(win: MainWindow, period: str, key: tuple[str, str]) -> list[str]:
    with Corpus.open(win.corpus_view.corpus.path) as corpus:
        return [h.text for h in corpus.claims_behind(load_codebook(), "year", period, *key)]


def test_an_answer_for_an_earlier_point_does_not_replace_the_later_one(
    qtbot, with_corpus: MainWindow
) -> None:
    timeline = with_corpus.timeline
    (first, (first_periods, _c)), (second, (second_periods, _d)) = list(timeline.series().items())[
        :2
    ]
    wanted = _texts_behind(with_corpus, second_periods[0], second)
    assert wanted != _texts_behind(with_corpus, first_periods[0], first)
    with qtbot.waitSignal(timeline.claims_listed, timeout=WAIT_MS):
        timeline.show_claims(first_periods[0], first)
        timeline.show_claims(second_periods[0], second)
    qtbot.wait(300)  # an answer to the first click would have arrived by now
    shown = [timeline.claims.item(i).text() for i in range(timeline.claims.count())]
    assert len(shown) == len(wanted)
    assert all(text in line for text, line in zip(wanted, shown, strict=True))


def test_claims_read_for_a_cleared_timeline_are_not_listed(qtbot, with_corpus: MainWindow) -> None:
    timeline = with_corpus.timeline
    key, (periods, _counts) = next(iter(timeline.series().items()))
    listed: list[int] = []
    timeline.claims_listed.connect(listed.append)
    timeline.show_claims(periods[0], key)
    timeline.clear("Closed.")
    qtbot.wait(300)  # the worker has answered by now
    assert listed == [] and timeline.claims.count() == 0


def _hopeful_claim(win: MainWindow) -> str:
    labels = corrections.notes(win)
    assert labels is not None
    cmp = win.session.comparison
    return next(
        c.id
        for c in cmp.left_claims
        if any(
            lab.topic == "talks" and lab.position == "hopeful" and lab.origin == "machine"
            for lab in labels.labels.get(c.id, [])
        )
    )


def settled(qtbot, win: MainWindow):
    """Wait until the articles and timeline are read again and the open pair is compared again."""
    return qtbot.waitSignals([win.corpus_view.changed, win.pair_shown], timeout=WAIT_MS)


def test_position_correction_is_stored_shown_counted_and_undone(
    qtbot, compared: MainWindow
) -> None:
    win = compared
    before = win.timeline.series()
    claim_id = _hopeful_claim(win)
    with settled(qtbot, win):
        assert corrections.change_position(win, claim_id, "talks", "bleak")
    rows = win.corpus_view.corpus.corrections()
    assert [(r["kind"], r["claim"], r["topic"], r["value"]) for r in rows] == [
        ("position", claim_id, "talks", "bleak")
    ]
    win.select_claim(claim_id, "left")
    html = win.details.toHtml()
    assert "analyst" in html and "set by" in html
    after = win.timeline.series()
    year = "2007-01-01"
    count = lambda series, pos: dict(zip(*series.get(("talks", pos), ([], [])), strict=True))  # noqa: E731
    assert count(after, "hopeful").get(year, 0) == count(before, "hopeful")[year] - 1
    assert count(after, "bleak").get(year, 0) == count(before, "bleak").get(year, 0) + 1
    undo = win.menus.actions["undo"]
    bleak = load_codebook().position("talks", "bleak").label
    assert undo.isEnabled() and undo.text().endswith(f"to {bleak}")
    with settled(qtbot, win):
        undo.trigger()
    assert win.corpus_view.corpus.corrections() == []
    assert win.timeline.series() == before
    assert not undo.isEnabled() and win.menus.actions["redo"].isEnabled()


def test_article_date_correction_moves_it_in_the_panel(qtbot, with_corpus: MainWindow) -> None:
    with qtbot.waitSignal(with_corpus.corpus_view.changed, timeout=WAIT_MS):
        assert corrections.edit_article(with_corpus, LEFT_KEY, date="2008-01-15") == 1
    rows = shown_rows(with_corpus.corpus_view.panel)
    assert {r["key"]: r["date"] for r in rows}[LEFT_KEY] == "2008-01-15"
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)  # in date order
    periods = {p for ps, _c in with_corpus.timeline.series().values() for p in ps}
    assert "2008-01-01" in periods and "2007-01-01" not in periods


def test_articles_and_timeline_are_read_off_the_gui_thread(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening, importing, switching the frequency and correcting: no read waits in the GUI."""
    log = ThreadLog()
    for name in ("article_ids", "timelines", "count", "claims_behind"):
        log.wrap(monkeypatch, Corpus, name)
    open_new_corpus(qtbot, window, tmp_path / "seeds.claimdiff")
    import_and_wait(qtbot, window, [str(SEEDS)])
    for freq in ("month", "quarter", "year"):
        window.timeline.freq.setCurrentText(freq)
    with qtbot.waitSignal(window.corpus_view.changed, timeout=WAIT_MS):
        assert corrections.edit_article(window, LEFT_KEY, title="Renamed") == 1
    assert window.corpus_view.info(LEFT_KEY).title == "Renamed"
    key, (periods, _counts) = next(iter(window.timeline.series().items()))
    with qtbot.waitSignal(window.timeline.claims_listed, timeout=WAIT_MS):
        window.timeline.show_claims(periods[0], key)
    calls = len(log.calls)
    window.timeline.split.setCurrentText("by speaker")
    qtbot.waitUntil(lambda: any(len(k) == 3 for k in window.timeline.series()), timeout=WAIT_MS)
    assert "timelines" in log.calls[calls:]  # the split frames were read, in a worker
    assert {"article_ids", "timelines", "count", "claims_behind"} <= set(log.calls)
    assert log.on_gui_thread == []


@pytest.mark.slow
def test_cancelled_import_leaves_a_consistent_corpus(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    _write_corpus(tmp_path)
    open_new_corpus(qtbot, window, tmp_path / "big.claimdiff")
    progressed: list[int] = []

    def cancel_once(done: int, _total: int, _what: str) -> None:
        progressed.append(done)
        if done >= 1:
            window.cancel_analysis()

    window.analysis.progressed.connect(cancel_once)
    with qtbot.waitSignal(window.corpus_view.imported, timeout=WAIT_MS * 4) as blocker:
        window.corpus_view.start_import([str(tmp_path)], {})
    window.analysis.progressed.disconnect(cancel_once)
    assert blocker.args[0] is None  # cancelled
    path = window.corpus_view.corpus.path
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    orphans = conn.execute(
        "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM claims c WHERE c.article_id = a.id)"
    ).fetchone()[0]
    conn.close()
    assert 0 < stored < N_ARTICLES and orphans == 0
    assert window.corpus_view.panel.model.rowCount() == stored
    summary = import_and_wait(qtbot, window, [str(tmp_path)])  # the same import continues
    assert summary.imported == N_ARTICLES - stored
    assert window.corpus_view.corpus.count("articles") == N_ARTICLES


@pytest.mark.slow
def test_import_runs_off_the_gui_thread_while_it_keeps_serving_events(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Structural, not timed (see test_gui_responsive): the pause itself is a benchmark."""
    _write_corpus(tmp_path)
    open_new_corpus(qtbot, window, tmp_path / "big.claimdiff")
    threads: list[bool] = []
    done_in_worker = [0]
    heard_at: list[int] = []
    original = Corpus.import_paths

    def logged(self: Corpus, *args: Any, progress: Any = None, **kwargs: Any) -> Any:
        threads.append(threading.current_thread() is threading.main_thread())

        def noted(p: Any) -> None:
            done_in_worker[0] = p.done
            progress(p)

        return original(self, *args, progress=noted, **kwargs)

    monkeypatch.setattr(Corpus, "import_paths", logged)
    window.analysis.progressed.connect(lambda *_: heard_at.append(done_in_worker[0]))
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    summary = import_and_wait(qtbot, window, [str(tmp_path)])
    timer.stop()
    assert summary.imported == N_ARTICLES
    assert threads == [False], "the import ran on the GUI thread"
    assert heard_at and min(heard_at) < N_ARTICLES // 2, heard_at
    assert len(ticks) > 10, "the GUI thread handled no timer events during the import"
    assert window.corpus_view.panel.model.rowCount() == N_ARTICLES


def test_none_in_the_column_dialog_stops_the_guess_by_name(qtbot) -> None:
    columns = ["id", "date", "text"]
    found = resolve_columns(columns, {}, "t.csv")
    dialog = ColumnMapDialog("t.csv", columns, found)
    qtbot.addWidget(dialog)
    assert dialog.combos["date"].currentText() == "date"  # preset to the guess
    dialog.combos["date"].setCurrentIndex(dialog.combos["date"].findText("(none)"))
    mapping = dialog.mapping()
    assert mapping["date"] == ""
    assert resolve_columns(columns, mapping, "t.csv") == {"id": "id", "text": "text"}


def test_a_correction_compares_the_open_pair_again_keeping_the_claim(
    qtbot, compared: MainWindow
) -> None:
    """The open comparison was made from the labels before the correction; it must follow."""
    win = compared
    claim_id = _hopeful_claim(win)
    win.select_claim(claim_id, "left")
    before = win.session.comparison
    with qtbot.waitSignal(win.pair_shown, timeout=WAIT_MS):
        assert corrections.change_position(win, claim_id, "talks", "bleak")
    after = win.session.comparison
    assert after is not before
    claim = next(c for c in after.left_claims if c.id == claim_id)
    assert ("talks", "bleak") in {(lab.topic, lab.position) for lab in claim.labels}
    assert ("talks", "hopeful") not in {(lab.topic, lab.position) for lab in claim.labels}
    assert win.session.selected_claim_id() == claim_id  # not thrown back to the first conflict
    with qtbot.waitSignal(win.pair_shown, timeout=WAIT_MS):
        win.menus.actions["undo"].trigger()
    claim = next(c for c in win.session.comparison.left_claims if c.id == claim_id)
    assert ("talks", "hopeful") in {(lab.topic, lab.position) for lab in claim.labels}
