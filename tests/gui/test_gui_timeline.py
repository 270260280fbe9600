"""The timeline chart draws what the core's timeline_frame says, for the open pair's folder."""

from __future__ import annotations

from claimdiff_gui.mainwindow import MainWindow
from conftest import LEFT, SEEDS
from PySide6.QtCore import Qt

from claimdiff.codebook import load_codebook
from claimdiff.pipeline import load_corpus
from claimdiff.timeline import timeline_frame


def _expected(
    freq: str, value: str = "count"
) -> dict[tuple[str, str], tuple[list[str], list[float]]]:
    frame = timeline_frame(load_corpus([str(SEEDS)], load_codebook()), freq=freq)
    out = {}
    for (topic, position), rows in frame.groupby(["topic", "position"]):
        rows = rows.sort_values("period")  # noqa: PLW2901
        out[(str(topic), str(position))] = (
            [str(p) for p in rows["period"]],
            [float(v) for v in rows[value]],
        )
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
    from claimdiff_gui.timeline import FREQS as OFFERED

    from claimdiff.timeline import FREQS

    combo = seeded.timeline.freq
    assert [combo.itemText(i) for i in range(combo.count())] == list(FREQS) == list(OFFERED)
    for freq in ("week", "day"):
        combo.setCurrentText(freq)
        assert seeded.timeline.series() == _expected(freq)
