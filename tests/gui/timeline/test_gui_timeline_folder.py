"""The folder timeline charts exactly what was chosen, and says what it draws."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from claimdiff_gui.timeline.timeline import MIN_CHART_HEIGHT, TimelineWidget, to_seconds
from claimdiff_gui.window.mainwindow import MainWindow
from conftest import LEFT, OTHER, RIGHT, SEEDS, WAIT_MS, open_and_wait

from claimdiff.labels.codebook import load_codebook
from claimdiff.session.pipeline import load_corpus


def _folder(tmp_path: Path) -> Path:
    """Two articles of its own; a subfolder with two more and a copy of one of its own."""
    top = tmp_path / "articles"
    sub = top / "older"
    sub.mkdir(parents=True)
    for path in (LEFT, RIGHT):
        shutil.copy(path, top / path.name)
    for name in ("002_732f1da1e3f5c25c.txt", "003_901642ca2c8110a9.txt"):
        shutil.copy(SEEDS / name, sub / name)
    shutil.copy(LEFT, sub / "copy-of-left.txt")
    return top


def test_own_files_only_until_subfolders_are_asked_for_and_copies_count_once(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    top = _folder(tmp_path)
    open_and_wait(qtbot, window, top / LEFT.name, top / RIGHT.name)
    timeline = window.timeline
    assert len(timeline.items) == 2
    assert not timeline.subfolders.isHidden() and "3 in subfolders" in timeline.subfolders.text()
    with qtbot.waitSignal(window.timeline_shown, timeout=WAIT_MS):
        timeline.subfolders.click()
    assert len(timeline.items) == 4, "the copy of the left article is counted once"
    assert "1 duplicates counted once" in timeline.status.text()
    assert timeline.subfolders.isHidden()


def _widget(qtbot, marks: dict[str, str | None]) -> TimelineWidget:
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    paths = [str(SEEDS / n) for n in ("004_ae97e33e177aeab3.txt", "001_fcd437e513264478.txt")]
    paths.append(str(OTHER.parent / "000_fbd7af67a7761638.txt"))
    widget.set_corpus(load_corpus(paths, load_codebook()), load_codebook(), marks)
    return widget


def test_marks_outside_the_data_neither_draw_nor_stretch_the_axis(qtbot) -> None:
    widget = _widget(qtbot, {"L": "1987-03-01", "R": "2012-07-10"})
    lo, hi = widget.data_range()  # type: ignore[misc]
    assert [m.value() for m in widget._mark_items] == [to_seconds("2012-07-10")]
    widget.plot.getPlotItem().vb.autoRange()
    view = widget.plot.getPlotItem().vb.viewRange()[0]
    assert view[0] > to_seconds("2000-01-01") and view[1] < to_seconds("2030-01-01")
    assert view[0] <= lo and view[1] >= hi


def test_years_without_articles_are_gaps_and_missing_positions_zeros(qtbot) -> None:
    widget = _widget(qtbot, {})
    periods = {p for ps, _ys in widget.series().values() for p in ps}
    assert periods == {"2007-01-01", "2012-01-01", "2017-01-01"}
    for key, (ps, _ys) in widget.series().items():
        assert ps == ["2007-01-01", "2012-01-01", "2017-01-01"], key
        curve = widget._drawn[key][0]
        assert list(curve.opts["connect"]) == [False, False, False], "2008-2011 hold nothing"
    assert any(0.0 in ys for _ps, ys in widget.series().values()), "some position is a real 0"
    widget.freq.setCurrentText("month")
    assert all(not any(items[0].opts["connect"]) for items in widget._drawn.values())


def test_axes_say_what_is_counted(qtbot) -> None:
    widget = _widget(qtbot, {})
    left = widget.plot.getPlotItem().getAxis("left")
    assert left.labelText == "claims per year"
    widget.measure.setCurrentText("share")
    assert left.labelText == "share of claims"
    assert widget.plot.getPlotItem().getAxis("bottom").labelText == "date"


def test_a_new_chart_drops_the_claims_of_the_last_clicked_point(qtbot) -> None:
    widget = _widget(qtbot, {})
    key, (periods, counts) = next((k, v) for k, v in widget.series().items() if any(v[1]))
    at = next(i for i, n in enumerate(counts) if n)
    widget.show_claims(periods[at], key)
    assert widget.claims.count() == int(counts[at])
    widget.freq.setCurrentText("quarter")
    assert widget.claims.count() == 0


def test_the_chart_keeps_a_readable_height_in_a_small_window(qtbot, seeded: MainWindow) -> None:
    seeded.resize(1152, 648)
    seeded.tabs.setCurrentWidget(seeded.timeline)
    qtbot.wait(50)
    assert seeded.timeline.plot.height() >= MIN_CHART_HEIGHT


def test_next_period_joins_consecutive_periods_only() -> None:
    from claimdiff_gui.timeline.timeline import next_period

    assert next_period("2007-01-01", "year") == "2008-01-01"
    assert next_period("2007-10-01", "quarter") == "2008-01-01"
    assert next_period("2007-12-01", "month") == "2008-01-01"
    assert next_period("2007-12-31", "week") == "2008-01-07"
    assert next_period("2008-02-28", "day") == "2008-02-29"


def test_an_empty_corpus_shows_an_empty_chart_not_the_previous_axes(
    qtbot, seeded: MainWindow, tmp_path: Path
) -> None:
    """A new corpus holds no articles: the chart says there is nothing to chart and drops
    the pair's folder chart, its axes and their 1987–2017 range included."""
    from claimdiff_gui.timeline.timeline import NOTHING_TO_CHART

    seeded.tabs.setCurrentWidget(seeded.timeline)
    plot = seeded.timeline.plot.getPlotItem()
    assert plot.getAxis("bottom").isVisible() and seeded.timeline.series()
    with qtbot.waitSignal(seeded.corpus_view.opened, timeout=WAIT_MS):
        seeded.corpus_view.open(str(tmp_path / "empty.claimdiff"), create=True)
    qtbot.waitUntil(lambda: seeded.timeline.source is not None, timeout=WAIT_MS)
    assert not seeded.timeline.series()
    assert not plot.getAxis("bottom").isVisible() and not plot.getAxis("left").isVisible()
    texts = [i.toPlainText() for i in plot.items if hasattr(i, "toPlainText")]
    assert texts == [NOTHING_TO_CHART]
    # A pair's folder charted again brings the axes back, ranged on its data.
    seeded.corpus_view.close()
    open_and_wait(qtbot, seeded, LEFT, RIGHT)
    seeded.tabs.setCurrentWidget(seeded.timeline)  # the corpus showed its Articles tab
    assert plot.getAxis("bottom").isVisible()
    first, last = seeded.timeline.data_range() or (0.0, 0.0)

    def ranged_on_data() -> bool:  # the view box ranges itself when it next paints
        low, high = plot.getViewBox().viewRange()[0]
        return low <= first and last <= high and high - low < 2 * (last - first)

    qtbot.waitUntil(ranged_on_data, timeout=5_000)


def test_a_folder_without_articles_of_its_own_clears_the_chart(qtbot) -> None:
    """No articles to chart (set_corpus with none): the last chart does not stay."""
    from claimdiff_gui.timeline.timeline import NOTHING_TO_CHART

    timeline = TimelineWidget()
    qtbot.addWidget(timeline)
    items = load_corpus([str(SEEDS)], load_codebook())
    timeline.set_corpus(items, load_codebook(), {})
    assert timeline.series()
    timeline.set_corpus([], load_codebook(), {})
    assert not timeline.series()
    assert timeline.status.text() == "No articles to chart."
    plot = timeline.plot.getPlotItem()  # built after the fact: empty from the start
    assert not plot.getAxis("bottom").isVisible()
    assert [i.toPlainText() for i in plot.items if hasattr(i, "toPlainText")] == [NOTHING_TO_CHART]


def test_a_corpus_of_one_year_is_charted_on_an_axis_of_years(qtbot, tmp_path: Path) -> None:
    """All articles in one period: the date axis spans a period either side, not a
    fraction of a second around the single x value."""
    folder = tmp_path / "one-year"
    folder.mkdir()
    for path in (LEFT, OTHER):  # two articles, dated 2007 and 2012: make both 2012
        text = path.read_text(encoding="utf-8")
        (folder / path.name).write_text(text, encoding="utf-8")
    items = load_corpus([str(folder)], load_codebook())
    one_year = [(dataclasses.replace(a, date="2012-07-10"), claims) for a, claims in items]
    timeline = TimelineWidget()
    qtbot.addWidget(timeline)
    timeline.resize(900, 400)
    timeline.show()
    timeline.set_corpus(one_year, load_codebook(), {})
    assert timeline.series() and timeline._observed == ["2012-01-01"]
    qtbot.wait(50)
    low, high = timeline.plot.getPlotItem().getViewBox().viewRange()[0]
    year = 366 * 86400
    assert low <= to_seconds("2011-01-01") and high >= to_seconds("2013-01-01")
    assert high - low <= 3 * year
