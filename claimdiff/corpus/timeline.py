"""The corpus timeline, counted by SQL over stored labels: never by analysing text again.

The numbers are those of claimdiff.timeline.timeline.timeline_frame (same periods, weeks from
Monday, shares over all claims of the period or period × group), with the analyst's
corrections in force: corrected dates and sources move articles, corrected positions
replace machine labels, and sentences marked "not a claim" leave both count and total.
``article_share`` adds the share of the period's articles (or, by speaker, of the articles
the speaker is quoted in) that take the position at least once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from claimdiff.base.model import FREQS

PERIODS = {
    "year": "strftime('%Y-01-01', {d})",
    "quarter": "strftime('%Y-', {d}) || printf('%02d', "
    "((CAST(strftime('%m', {d}) AS INTEGER) - 1) / 3) * 3 + 1) || '-01'",
    "month": "strftime('%Y-%m-01', {d})",
    "week": "date({d}, '-' || ((CAST(strftime('%w', {d}) AS INTEGER) + 6) % 7) || ' days')",
    "day": "date({d})",
}
GROUPS = {
    None: "''",
    # voice(): one name per person across spellings, registered by use_voices
    "speaker": "COALESCE(NULLIF(voice(c.speaker), ''), '(outlet)')",
    "source": "COALESCE(NULLIF(a.source, ''), '(unknown)')",
}
MEASURES = ("count", "share", "article_share")
GROUPINGS = ("speaker", "source")


def _check(freq: str, by: str | None) -> None:
    if freq not in FREQS:
        raise ValueError(f"unknown period {freq!r}; choose one of {', '.join(FREQS)}")
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}; choose one of {', '.join(GROUPINGS)}")


# The day after a period that starts on day d, for each frequency.
ENDS = {"year": "+1 year", "quarter": "+3 months", "month": "+1 month", "week": "+7 days",
        "day": "+1 day"}  # fmt: skip
# Machine labels in force, found from the labels (all of a labelset: the whole corpus) or,
# for a span of days, from the claims of the span's articles by key.
MACHINE = """
        SELECT l.claim_id, l.topic, l.position, 'machine' AS origin
        FROM labels l WHERE l.labelset = :labelset AND NOT EXISTS (
            SELECT 1 FROM fixed f JOIN claims x ON x.cid = f.claim_cid
            WHERE x.id = l.claim_id AND f.topic = l.topic)"""
MACHINE_IN_SPAN = """
        SELECT l.claim_id, l.topic, l.position, 'machine' AS origin
        FROM dated a JOIN claims x ON x.article_id = a.id
        JOIN labels l ON l.labelset = :labelset AND l.claim_id = x.id
        WHERE NOT EXISTS (SELECT 1 FROM fixed f WHERE f.claim_cid = x.cid AND f.topic = l.topic)"""


def _base(freq: str, by: str | None, span: bool = False) -> str:
    """Dated articles with their period; live claims; labels in force.

    ``span``: only the articles dated from :lo up to, not including, :hi.
    """
    period = PERIODS[freq].format(d="date")
    within = " AND date >= :lo AND date < :hi" if span else ""
    return f"""
    dated AS (SELECT id, source, {period} AS period FROM listing
              WHERE date(date) IS NOT NULL{within}),
    dropped AS (SELECT claim_cid FROM current_corrections
                WHERE kind = 'not_claim' AND value IS NOT NULL),
    fixed AS (SELECT k.claim_cid, k.topic, k.value FROM current_corrections k
              WHERE k.kind = 'position'),
    lab AS ({MACHINE_IN_SPAN if span else MACHINE}
        UNION ALL
        SELECT x.id, f.topic, f.value, 'analyst' FROM fixed f JOIN claims x ON x.cid = f.claim_cid
        WHERE f.value IS NOT NULL),
    labelled AS (
        SELECT c.id AS claim_id, c.cid, c.article_id, a.period, {GROUPS[by]} AS grp,
               lab.topic, lab.position, lab.origin
        FROM lab JOIN claims c ON c.id = lab.claim_id JOIN dated a ON a.id = c.article_id
        WHERE c.cid NOT IN (SELECT claim_cid FROM dropped))"""


def _totals(by: str | None) -> str:
    """Claims and articles per period and group.

    Outside the speaker split the claims per article come from the listing (kept by
    triggers), less the sentences marked "not a claim", so the million claims of a
    100,000-article corpus are not read again.
    """
    if by == "speaker":
        return f"""
        per AS (SELECT c.article_id, {GROUPS[by]} AS grp, COUNT(*) AS n FROM claims c
                WHERE c.cid NOT IN (SELECT claim_cid FROM dropped) GROUP BY 1, 2),
        totals AS (SELECT a.period, per.grp, SUM(per.n) AS n, COUNT(*) AS arts
                   FROM per JOIN dated a ON a.id = per.article_id GROUP BY 1, 2)"""
    return f"""
        gone AS (SELECT x.article_id, COUNT(DISTINCT x.id) AS n
                 FROM dropped d JOIN claims x ON x.cid = d.claim_cid GROUP BY 1),
        totals AS (SELECT a.period, {GROUPS[by]} AS grp,
                          SUM(l.claims - COALESCE(g.n, 0)) AS n, COUNT(*) AS arts
                   FROM dated a JOIN listing l ON l.id = a.id
                   LEFT JOIN gone g ON g.article_id = a.id GROUP BY 1, 2)"""


# Each article has one day, so counts, and counts of distinct articles, add up from days to
# any longer period: the expensive join runs once per call, at day level, into temporary
# tables of this connection, and each period is a small sum over them.
DAYS = """
DROP TABLE IF EXISTS temp.timeline_counts;
DROP TABLE IF EXISTS temp.timeline_totals;
CREATE TEMP TABLE timeline_counts AS
    WITH {base} SELECT period AS day, grp, topic, position, COUNT(*) AS n,
        COUNT(DISTINCT article_id) AS arts FROM labelled GROUP BY 1, 2, 3, 4;
CREATE TEMP TABLE timeline_totals AS
    WITH {base}, {totals} SELECT period AS day, grp, n, arts FROM totals;
"""


def timeline_sql(freq: str) -> str:
    """One period's rows from the day-level tables that ``DAYS`` fills."""
    period = PERIODS[freq].format(d="day")
    return f"""
    WITH counts AS (
        SELECT {period} AS period, grp, topic, position, SUM(n) AS n, SUM(arts) AS arts
        FROM temp.timeline_counts GROUP BY 1, 2, 3, 4),
    totals AS (
        SELECT {period} AS period, grp, SUM(n) AS n, SUM(arts) AS arts
        FROM temp.timeline_totals GROUP BY 1, 2)
    SELECT k.period, k.topic, k.position, k.n AS count, CAST(k.n AS REAL) / t.n AS share,
           k.grp, CAST(k.arts AS REAL) / t.arts AS article_share
    FROM counts k JOIN totals t USING (period, grp)
    ORDER BY k.period, k.topic, k.position, k.grp"""


def corpus_timelines(
    conn: sqlite3.Connection,
    labelset: int,
    freqs: Sequence[str],
    by: str | None = None,
    span: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """Timeline frames for several periods at the cost of about one: {freq: frame}.

    ``span`` (first day, day after the last) counts only the articles dated within it:
    the periods it covers whole are then exact (``update_timelines`` uses that).
    """
    for freq in freqs:
        _check(freq, by)
    if by == "speaker":
        use_voices(conn)
    script = DAYS.format(base=_base("day", by, span is not None), totals=_totals(by))
    params = {"labelset": labelset, "lo": span[0] if span else "", "hi": span[1] if span else ""}
    for statement in script.split(";\n"):
        if statement.strip():
            conn.execute(statement, params if ":" in statement else {})
    count = undated(conn)
    frames = {freq: _frame(conn.execute(timeline_sql(freq)).fetchall(), by) for freq in freqs}
    conn.execute("DROP TABLE temp.timeline_counts")
    conn.execute("DROP TABLE temp.timeline_totals")
    for frame in frames.values():
        frame.attrs["undated"] = count
    return frames


def update_timelines(
    conn: sqlite3.Connection, labelset: int, frames: dict[str, Any], days: Iterable[str | None]
) -> dict[str, Any]:
    """``frames`` (unsplit, by freq) with only the periods holding ``days`` counted again.

    After a correction the days are the article's dates before and after it: its periods
    at each frequency are read from its span of the file, not the whole corpus.
    """
    import pandas as pd

    fresh = dict(frames)
    for day in sorted({d for d in days if d}):
        starts = {f: _one(conn, f"SELECT {PERIODS[f].format(d=':d')}", d=day) for f in frames}
        if None in starts.values():
            continue  # not a date: the article is counted as undated
        ends = [_one(conn, "SELECT date(:d, :step)", d=s, step=ENDS[f]) for f, s in starts.items()]
        span = (min(starts.values()), max(ends))
        counted = corpus_timelines(conn, labelset, tuple(frames), span=span)
        for freq, start in starts.items():
            old, new = fresh[freq], counted[freq]
            joined = pd.concat([old[old["period"] != start], new[new["period"] == start]])
            fresh[freq] = joined.sort_values(["period", "topic", "position"], kind="stable")
            fresh[freq] = fresh[freq].reset_index(drop=True)
    count = undated(conn)
    for frame in fresh.values():
        frame.attrs["undated"] = count
    return fresh


def _one(conn: sqlite3.Connection, query: str, **params: str) -> Any:
    return conn.execute(query, params).fetchone()[0]


def corpus_timeline(
    conn: sqlite3.Connection, labelset: int, freq: str = "year", by: str | None = None
) -> Any:
    """The timeline frame: period, topic, position, count, share [, by], article_share."""
    return corpus_timelines(conn, labelset, (freq,), by)[freq]


def _frame(rows: list[Any], by: str | None) -> Any:
    import pandas as pd

    columns = ["period", "topic", "position", "count", "share", by or "grp", "article_share"]
    frame = pd.DataFrame([tuple(r) for r in rows], columns=columns)
    if by is None:
        frame = frame.drop(columns="grp")
    frame = frame.astype({"count": "int64", "share": "float64", "article_share": "float64"})
    for column in ("period", "topic", "position", *([by] if by else [])):
        frame[column] = frame[column].astype("str") if len(frame) else pd.Series(dtype="str")
    return frame


def use_voices(conn: sqlite3.Connection) -> None:
    """Define voice() on ``conn`` from the speakers stored now (claimdiff.claims.voices)."""
    from claimdiff.claims.voices import voice_names

    query = "SELECT speaker, COUNT(*) FROM claims WHERE speaker <> '' GROUP BY speaker"
    voices = voice_names(dict(conn.execute(query).fetchall()))
    conn.create_function("voice", 1, lambda s: voices.get(s, s) if s else s, deterministic=True)


def undated(conn: sqlite3.Connection) -> int:
    query = "SELECT COUNT(*) FROM listing WHERE date IS NULL OR date(date) IS NULL"
    return int(conn.execute(query).fetchone()[0])


@dataclass(frozen=True, slots=True)
class ClaimHit:
    """A claim behind a timeline cell, with what is needed to open its article."""

    article_id: int
    article_key: str
    claim_id: str
    text: str
    start: int
    end: int
    speaker: str | None
    date: str
    source: str | None
    title: str
    origin: str  # "machine" or "analyst"


def claims_behind(
    conn: sqlite3.Connection,
    labelset: int,
    freq: str,
    cell: tuple[str, str, str],
    *,
    by: str | None = None,
    value: str | None = None,
) -> list[ClaimHit]:
    """The claims counted in one cell (period, topic, position) of the timeline [× group]."""
    _check(freq, by)
    if by == "speaker":
        use_voices(conn)
    period, topic, position = cell
    query = f"""
    WITH {_base(freq, by)}
    SELECT b.article_id, v.key, c.cid, c.text, c.start, c."end", c.speaker, v.date, v.source,
           v.title, b.origin
    FROM labelled b JOIN claims c ON c.id = b.claim_id JOIN listing v ON v.id = b.article_id
    WHERE b.period = :period AND b.topic = :topic AND b.position = :position
      AND (:value IS NULL OR b.grp = :value)
    ORDER BY v.date, v.key, c.id"""
    params = {"labelset": labelset, "period": period, "topic": topic, "position": position}
    params["value"] = value if by is not None else None
    return [ClaimHit(*row) for row in conn.execute(query, params)]
