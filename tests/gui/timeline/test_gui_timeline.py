"""The timeline chart draws what the core's timeline_frame says, for the open pair's folder."""

from __future__ import annotations

from claimdiff_gui.window.mainwindow import MainWindow
from conftest import LEFT, SEEDS
from PySide6.QtCore import Qt

from claimdiff.labels.codebook import load_codebook
from claimdiff.session.pipeline import load_corpus
from claimdiff.timeline.timeline import timeline_frame


def _expected(
    freq: str, value: str = "count", by: str | None = None
) -> dict[tuple[str, ...], tuple[list[str], list[float]]]:
    """The core's frame, with a 0 in every period where other positions have claims."""
    frame = timeline_frame(load_corpus([str(SEEDS)], load_codebook()), freq=freq, by=by)
    observed = sorted({str(p) for p in frame["period"]})
    out = {}
    for group, rows in frame.groupby(["topic", "position", *([by] if by else [])]):
        found = {str(p): float(v) for p, v in zip(rows["period"], rows[value], strict=True)}
        out[tuple(str(g) for g in group)] = (observed, [found.get(p, 0.0) for p in observed])
    return out


def test_one_series_per_position_with_counts_per_year(seeded: MainWindow) -> None:
    series = seeded.timeline.series()
    assert series == _expected("year")
    assert series, "the seeds carry at least one labelled position"


def test_period_and_share_switches_redraw_from_the_frame(seeded: MainWindow) -> None:
    seeded.timeline.freq.setCurrentText("month")
    seeded.timeline.measure.setCurrentText("share")
    assert seeded.timeline.series() == _expected("month", "share")


def test_clicked_point_lists_the_claims_behind_it(seeded: MainWindow) -> None:
    (key, (periods, counts)) = next(iter(seeded.timeline.series().items()))
    seeded.timeline.show_claims(periods[0], key)
    assert seeded.timeline.claims.count() == int(counts[0])


def test_open_articles_are_marked_on_the_axis(seeded: MainWindow) -> None:
    cmp = seeded.session.comparison
    assert (cmp is not None and str(LEFT) in cmp.left.location) or cmp.left.location.endswith(
        LEFT.name
    )
    assert seeded.timeline.marks == {"L": cmp.left.date, "R": cmp.right.date}
    assert cmp.left.date == "2007-08-02"


def test_legend_beside_the_chart_names_and_hides_series(seeded: MainWindow) -> None:
    timeline = seeded.timeline
    legend = timeline.legend
    rows = legend.series_items()
    assert len(rows) == len(timeline.series())
    assert "No agreement in sight" in [row.text() for row in rows]
    headings = {legend.item(i).text() for i in range(legend.count())} - {r.text() for r in rows}
    assert "Prospects of agreement" in headings
    key = tuple(rows[0].data(Qt.ItemDataRole.UserRole))
    assert key in timeline.shown()
    rows[0].setCheckState(Qt.CheckState.Unchecked)
    assert key not in timeline.shown() and len(timeline.shown()) == len(rows) - 1
    timeline.freq.setCurrentText("month")  # redrawn: the series stays hidden
    assert key not in timeline.shown()
    assert legend.series_items()[0].checkState() == Qt.CheckState.Unchecked
    legend.series_items()[0].setCheckState(Qt.CheckState.Checked)
    assert key in timeline.shown()
    assert not legend.geometry().intersects(timeline.plot.geometry())  # never covers the lines


def test_every_period_of_the_core_is_offered_and_drawn(seeded: MainWindow) -> None:
    from claimdiff_gui.timeline.timeline import FREQS as OFFERED

    from claimdiff.timeline.timeline import FREQS

    combo = seeded.timeline.freq
    assert [combo.itemText(i) for i in range(combo.count())] == list(FREQS) == list(OFFERED)
    for freq in ("week", "day"):
        combo.setCurrentText(freq)
        assert seeded.timeline.series() == _expected(freq)


def test_split_by_speaker_or_outlet_draws_one_line_per_voice(seeded: MainWindow) -> None:
    timeline = seeded.timeline
    for label, by in (("by speaker", "speaker"), ("by outlet", "source")):
        timeline.split.setCurrentText(label)
        assert timeline.split_by() == by
        assert timeline.series() == _expected("year", by=by)
    timeline.measure.setCurrentText("share")
    assert timeline.series() == _expected("year", "share", by="source")
    rows = timeline.legend.series_items()
    headings = {timeline.legend.item(i).text() for i in range(timeline.legend.count())}
    assert "Prospects of agreement: No agreement in sight" in headings
    assert "Sputnik International" in {row.text() for row in rows}
    timeline.split.setCurrentText("none")
    assert timeline.series() == _expected("year", "share")


def test_a_split_point_lists_only_that_voices_claims(seeded: MainWindow) -> None:
    timeline = seeded.timeline
    timeline.split.setCurrentText("by speaker")
    whole = _expected("year")
    # a point where this voice said only part of what the position counts that year
    key, period, count = next(
        (key, period, count)
        for key, (periods, counts) in timeline.series().items()
        for period, count in zip(periods, counts, strict=True)
        if count < dict(zip(*whole[key[:2]], strict=True))[period]
    )
    timeline.show_claims(period, key)
    assert timeline.claims.count() == int(count)
    found = timeline.claims_at(period, key)
    assert {claim.speaker or "(outlet)" for _a, claim in found} == {key[2]}


SHOWN_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from claimdiff_gui.window.mainwindow import MainWindow
from claimdiff_gui.window.settings import Settings
window = MainWindow(Settings(), dialogs_on=False)
window.show()
app.processEvents()
window.grab()
print("pyqtgraph" in sys.modules, window.timeline.plot_built())
window.tabs.setCurrentWidget(window.timeline)
app.processEvents()
print("pyqtgraph" in sys.modules, window.timeline.plot_built())
"""


def test_the_window_shows_without_importing_pyqtgraph(tmp_path) -> None:
    """pyqtgraph and numpy cost ~145 ms of start-up: the chart is built when its tab shows."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    env["XDG_CONFIG_HOME"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", SHOWN_WINDOW], env=env, capture_output=True, text=True,
        timeout=120, check=True,
    )  # fmt: skip
    assert done.stdout.split() == ["False", "False", "True", "True"]


def test_a_long_claim_list_fills_in_batches_and_a_new_point_stops_the_old(qtbot) -> None:
    """Thousands of claims behind a point are listed a batch per event-loop turn, so the GUI
    thread is never held for the whole list; a point clicked meanwhile stops the old one."""
    from claimdiff_gui.timeline.timeline import LIST_BATCH, TimelineWidget

    timeline = TimelineWidget()
    qtbot.addWidget(timeline)
    rows = [(f"claim {n}", f"tip {n}", f"article{n}.txt") for n in range(LIST_BATCH * 2 + 5)]
    timeline._asked = asked = object()
    with qtbot.waitSignal(timeline.claims_listed, timeout=5_000) as listed:
        timeline._list(asked, rows)
        assert timeline.claims.count() == LIST_BATCH  # the rest after the event loop turns
    assert listed.args == [len(rows)]
    assert timeline.claims.count() == len(rows)
    assert timeline.claims.item(len(rows) - 1).data(Qt.ItemDataRole.UserRole) == rows[-1][2]
    timeline._list(asked, rows)
    timeline._asked = newer = object()  # another point clicked before the list is complete
    timeline._list(newer, rows[:3])
    qtbot.wait(50)
    assert timeline.claims.count() == 3
