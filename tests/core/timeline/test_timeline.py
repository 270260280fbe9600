"""Position counts per period on hand-built dated articles."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from claimdiff.base.model import Article, Claim, Label
from claimdiff.timeline.seriesplan import TOP, plan
from claimdiff.timeline.timeline import claims_in_point, period_start, timeline_frame

Item = tuple[Article, list[Claim]]


def article(article_id: str, day: str | None, source: str | None = None) -> Article:
    return Article(article_id, f"{article_id}.txt", article_id, source, day, "manifest", "text")


def claim(article_id: str, n: int, *positions: str, speaker: str | None = None) -> Claim:
    labels = tuple(Label("target", p, 0.9, p, "cue") for p in positions)
    return Claim(f"{article_id}:c{n}", article_id, "text", 0, 4, speaker=speaker, labels=labels)


@pytest.fixture
def corpus() -> list[Item]:
    """Dates of seeds 004 (2007) and 000 (2017), one more 2017 article and an undated one."""
    return [
        (
            article("000", "2017-02-09", "Sputnik"),
            [
                claim("000", 0, "russia", speaker="Sergey Kislyak"),
                claim("000", 1, "russia", speaker="Sergey Kislyak"),
                claim("000", 2, "iran-nk"),
                claim("000", 3),
            ],
        ),
        (article("004", "2007-08-02", "Rus News Journal"), [claim("004", 0, "iran-nk")]),
        (article("005", "2017-11-30"), [claim("005", 0, "russia"), claim("005", 1)]),
        (article("undated", None), [claim("undated", 0, "russia")]),
    ]


def rows(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    return [tuple(row) for row in frame.itertuples(index=False)]


def test_counts_and_shares_per_year(corpus: list[Item]) -> None:
    frame = timeline_frame(corpus)
    assert list(frame.columns) == ["period", "topic", "position", "count", "share"]
    assert rows(frame) == [
        ("2007-01-01", "target", "iran-nk", 1, 1.0),
        ("2017-01-01", "target", "iran-nk", 1, pytest.approx(1 / 6)),
        ("2017-01-01", "target", "russia", 3, pytest.approx(3 / 6)),
    ]
    assert frame.attrs["undated"] == 1


def test_month_periods(corpus: list[Item]) -> None:
    frame = timeline_frame(corpus, freq="month")
    assert rows(frame) == [
        ("2007-08-01", "target", "iran-nk", 1, 1.0),
        ("2017-02-01", "target", "iran-nk", 1, 0.25),
        ("2017-02-01", "target", "russia", 2, 0.5),
        ("2017-11-01", "target", "russia", 1, 0.5),
    ]


@pytest.mark.parametrize(
    ("freq", "day", "start"),
    [
        ("year", "2017-02-09", "2017-01-01"),
        ("quarter", "2017-02-09", "2017-01-01"),
        ("quarter", "2017-11-30", "2017-10-01"),
        ("quarter", "2007-08-02", "2007-07-01"),
        ("month", "2024-07-09", "2024-07-01"),
        ("week", "2017-02-09", "2017-02-06"),  # a Thursday: the week began on Monday the 6th
        ("week", "2021-02-01", "2021-02-01"),  # already a Monday
        ("week", "2012-01-01", "2011-12-26"),  # a Sunday: the week began the year before
        ("day", "2012-07-10", "2012-07-10"),
    ],
)
def test_period_start(freq: str, day: str, start: str) -> None:
    assert period_start(date.fromisoformat(day), freq).isoformat() == start


def test_quarter_and_week_frames(corpus: list[Item]) -> None:
    assert list(timeline_frame(corpus, freq="quarter")["period"]) == [
        "2007-07-01",
        "2017-01-01",
        "2017-01-01",
        "2017-10-01",
    ]
    weeks = timeline_frame(corpus, freq="week")
    assert list(weeks["period"].unique()) == ["2007-07-30", "2017-02-06", "2017-11-27"]


def test_by_speaker_shares_are_within_the_speaker(corpus: list[Item]) -> None:
    frame = timeline_frame(corpus, by="speaker")
    assert list(frame.columns) == ["period", "topic", "position", "count", "share", "speaker"]
    assert rows(frame) == [
        ("2007-01-01", "target", "iran-nk", 1, 1.0, "(outlet)"),
        ("2017-01-01", "target", "iran-nk", 1, 0.25, "(outlet)"),
        ("2017-01-01", "target", "russia", 1, 0.25, "(outlet)"),
        ("2017-01-01", "target", "russia", 2, 1.0, "Sergey Kislyak"),
    ]


def test_by_source(corpus: list[Item]) -> None:
    frame = timeline_frame(corpus, by="source")
    assert rows(frame) == [
        ("2007-01-01", "target", "iran-nk", 1, 1.0, "Rus News Journal"),
        ("2017-01-01", "target", "iran-nk", 1, 0.25, "Sputnik"),
        ("2017-01-01", "target", "russia", 1, 0.5, "(unknown)"),
        ("2017-01-01", "target", "russia", 2, 0.5, "Sputnik"),
    ]


def test_articles_with_unreadable_dates_are_counted_as_undated(corpus: list[Item]) -> None:
    corpus.append((article("bad", "sometime in 2019"), [claim("bad", 0, "russia")]))
    assert timeline_frame(corpus).attrs["undated"] == 2


@pytest.mark.parametrize("by", [None, "speaker"])
def test_empty_input_gives_empty_frame_with_columns(by: str | None) -> None:
    frame = timeline_frame([], by=by)
    assert frame.empty
    assert list(frame.columns) == ["period", "topic", "position", "count", "share"] + (
        [by] if by else []
    )
    assert frame.attrs["undated"] == 0
    assert frame["count"].dtype == "int64"


def test_only_undated_or_unlabelled_articles_give_empty_frame() -> None:
    items = [
        (article("u", None), [claim("u", 0, "russia")]),
        (article("d", "2017-02-09"), [claim("d", 0)]),
    ]
    frame = timeline_frame(items)
    assert frame.empty
    assert frame.attrs["undated"] == 1


@pytest.mark.parametrize(("freq", "by"), [("decade", None), ("year", "outlet")])
def test_unknown_freq_or_grouping_is_refused(freq: str, by: str | None) -> None:
    with pytest.raises(ValueError, match="unknown"):
        timeline_frame([], freq=freq, by=by)


def test_only_the_biggest_voices_of_a_position_start_ticked() -> None:
    voices = [f"voice {i}" for i in range(TOP + 2)]
    frame = pd.DataFrame(
        {
            "period": ["2020-01-01"] * len(voices) + ["2020-01-01"],
            "topic": ["t"] * (len(voices) + 1),
            "position": ["a"] * len(voices) + ["b"],
            "count": [10 - i for i in range(len(voices))] + [1],
            "share": [0.1] * (len(voices) + 1),
            "speaker": [*voices, "voice 5"],
        }
    )
    lines = {line.key: line for line in plan(frame, "speaker")}
    quiet = {key[2] for key, line in lines.items() if line.quiet and key[1] == "a"}
    assert quiet == set(voices[TOP:])
    assert not lines[("t", "b", "voice 5")].quiet  # the only voice of "b"
    # a voice keeps its colour from one position to the next; positions differ by marker
    assert lines[("t", "a", "voice 5")].colour == lines[("t", "b", "voice 5")].colour
    assert lines[("t", "a", "voice 5")].marker != lines[("t", "b", "voice 5")].marker
    assert all(not line.quiet for line in plan(frame, None))


@pytest.mark.parametrize("by", [None, "speaker", "source"])
@pytest.mark.parametrize("freq", ["year", "month"])
def test_a_point_lists_the_claims_its_count_counts(
    corpus: list[Item], freq: str, by: str | None
) -> None:
    frame = timeline_frame(corpus, freq, by)
    assert len(frame) > 0
    for row in frame.to_dict("records"):
        key = (row["topic"], row["position"], *([row[by]] if by else []))
        found = claims_in_point(corpus, freq, by, row["period"], key)
        assert len(found) == row["count"]
        assert all(any(lab.position == key[1] for lab in c.labels) for _a, c in found)


def test_a_point_of_another_period_or_voice_lists_nothing_of_it(corpus: list[Item]) -> None:
    assert claims_in_point(corpus, "year", None, "2016-01-01", ("target", "russia")) == []
    by_voice = claims_in_point(
        corpus, "year", "speaker", "2017-01-01", ("target", "russia", "Sergey Kislyak")
    )
    assert [c.id for _a, c in by_voice] == ["000:c0", "000:c1"]
    assert [
        c.id for _a, c in claims_in_point(corpus, "year", None, "2017-01-01", ("target", "russia"))
    ] == [
        "000:c0",
        "000:c1",
        "005:c0",
    ]  # the undated article's claim is on no point
