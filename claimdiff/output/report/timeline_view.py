"""The report's "positions over time" section, from a timeline_frame DataFrame.

The frame arrives from claimdiff.timeline.timeline (pandas); this module turns it into plain records
once, so the chart, the HTML table, the Markdown and the spreadsheets never touch pandas.
"""

from __future__ import annotations

from typing import Any

from claimdiff.output.report.chart import topic_charts
from claimdiff.output.report.names import Names


def frame_records(frame: Any) -> tuple[tuple[str, ...], tuple[dict[str, Any], ...]]:
    """Column names and rows of a timeline DataFrame, as plain Python values."""
    columns = tuple(str(c) for c in frame.columns)
    rows = tuple(
        {str(k): (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
        for row in frame.to_dict("records")
    )
    return columns, rows


def timeline_fields(frame: Any, names: Names) -> dict[str, Any]:
    """The report context's timeline fields; the context module applies them (one direction)."""
    columns, rows = frame_records(frame)
    undated = int(getattr(frame, "attrs", {}).get("undated", 0))
    periods = sorted({str(r["period"]) for r in rows})
    if periods:
        note = f"{len(periods)} period(s), {periods[0]} to {periods[-1]}."
    else:
        note = "No dated claims with positions in this corpus."
    if undated:
        note += f" {undated} undated article(s) were not counted."
    labelled = tuple(
        {
            **row,
            "topic": names.topic(str(row["topic"])),
            "position": names.position(str(row["topic"]), str(row["position"])),
        }
        for row in rows
    )
    return {
        "timeline": labelled,
        "timeline_columns": columns,
        "charts": tuple(topic_charts(rows, names)),
        "timeline_note": note,
    }
