"""Comparison reports a newsroom can circulate: HTML, Markdown, CSV, XLSX and JSON.

Plain functions, no Qt: the command line calls them directly and the desktop app runs them
in its worker thread (``progress`` reports steps there). PDF and PNG need Qt to lay out
and paint, so they live in ``claimdiff_gui.export.pdf``, which renders the same report context.

Public API::

    report_format(path) -> str   # "html", "markdown", "csv", "xlsx", "json" or "pdf"
    render_report(comparison, fmt, ...) -> str | bytes
    write_report(comparison, path, *, timeline=None, codebook=None, overwrite=False, ...)
    corpus_timeline(comparison, codebook, freq="year") -> DataFrame | None
    timeline_svg(frame, codebook=None) -> str
    write_timeline_report(frame, path, *, codebook=None, overwrite=False)   # .svg / .csv
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimdiff.base.atomic import write_atomic
from claimdiff.base.errors import InputError
from claimdiff.base.model import Comparison

if TYPE_CHECKING:
    from claimdiff.labels.codebook import Codebook

Progress = Callable[[int, int, str], None]  # (step done, steps in all, what comes next)

FORMATS: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".json": "json",
    ".pdf": "pdf",
}
TIMELINE_FORMATS: dict[str, str] = {".svg": "svg", ".csv": "csv", ".png": "png"}
QT_FORMATS = frozenset({"pdf", "png"})  # rendered by claimdiff_gui.export.pdf
NEEDS_TIMELINE = frozenset({"html", "xlsx", "pdf"})  # Markdown stays short: no chart


def _format(path: str | Path, table: dict[str, str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in table:
        known = ", ".join(sorted(table))
        shown = f"'{suffix}'" if suffix else "no extension"
        raise InputError(str(path), f"unknown report format ({shown}); use one of {known}")
    return table[suffix]


def report_format(path: str | Path) -> str:
    """The format a comparison report at ``path`` is written in, from its extension."""
    return _format(path, FORMATS)


def timeline_format(path: str | Path) -> str:
    return _format(path, TIMELINE_FORMATS)


def check_target(path: str | Path, overwrite: bool) -> None:
    """Fail before the (slow) rendering, not after it, when the file may not be replaced."""
    if Path(path).exists() and not overwrite:
        raise InputError(str(path), "already exists (pass --force to replace it)")


def render_report(
    comparison: Comparison,
    fmt: str,
    *,
    timeline: Any = None,
    codebook: Codebook | None = None,
    made_at: datetime | None = None,
    memos: tuple[tuple[str, str], ...] = (),
) -> str | bytes:
    """The report's content in a Qt-free format (see ``FORMATS``); ``memos`` (about, text)
    are the analyst's notes, in the HTML, Markdown and PDF reports."""
    if fmt == "json":
        from claimdiff.output.jsonio import comparison_dict, dumps

        return dumps(comparison_dict(comparison))
    if fmt == "csv":
        from claimdiff.output.report.tables import LINK_COLUMNS, csv_text, link_rows

        return csv_text(link_rows(comparison, codebook), LINK_COLUMNS)
    if fmt == "xlsx":
        return _xlsx(comparison, timeline, codebook)
    from claimdiff.output.report.context import build_context

    context = build_context(
        comparison, codebook=codebook, timeline=timeline, made_at=made_at, memos=memos
    )
    if fmt == "html":
        from claimdiff.output.report.html import render_html

        return render_html(context)
    if fmt == "markdown":
        from claimdiff.output.report.markdown import render_markdown

        return render_markdown(context)
    raise ValueError(f"{fmt!r} is not a format the core renders")


def _xlsx(comparison: Comparison, timeline: Any, codebook: Codebook | None = None) -> bytes:
    from claimdiff.output.report import tables

    sheets: list[tables.Sheet] = [
        ("Links", tables.LINK_COLUMNS, tables.link_rows(comparison, codebook)),
        ("Claims", tables.CLAIM_COLUMNS, tables.claim_rows(comparison, codebook)),
    ]
    if timeline is not None:
        from claimdiff.output.report.timeline_view import frame_records

        columns, rows = frame_records(timeline)
        sheets.append(("Timeline", columns, rows))
    return tables.xlsx_bytes(sheets)


def write_report(
    comparison: Comparison,
    path: str | Path,
    *,
    timeline: Any = None,
    codebook: Codebook | None = None,
    overwrite: bool = False,
    made_at: datetime | None = None,
    progress: Progress | None = None,
    memos: tuple[tuple[str, str], ...] = (),
) -> None:
    """Write the report in the format ``path``'s extension names, atomically.

    ``timeline`` is a ``claimdiff.timeline.timeline.timeline_frame`` DataFrame for the pair's corpus
    (see ``corpus_timeline``), or None to leave the chart out. Raises ``InputError`` for an
    unknown extension, an existing file without ``overwrite``, or a failed write (the old
    file is then left intact). PDF is refused here: use ``claimdiff_gui.export.pdf.write_pdf``.
    """
    fmt = report_format(path)
    if fmt in QT_FORMATS:
        raise InputError(str(path), "PDF reports are made by the desktop renderer (claimdiff_gui)")
    check_target(path, overwrite)
    _step(progress, 0, f"rendering {fmt}")
    data = render_report(
        comparison, fmt, timeline=timeline, codebook=codebook, made_at=made_at, memos=memos
    )
    _step(progress, 1, f"writing {Path(path).name}")
    write_atomic(path, data, overwrite=overwrite)
    _step(progress, 2, "done")


def _step(progress: Progress | None, done: int, label: str) -> None:
    if progress is not None:
        progress(done, 2, label)


def corpus_timeline(
    comparison: Comparison,
    codebook: Codebook,
    freq: str = "year",
    on_error: Callable[[InputError], None] | None = None,
) -> Any:
    """Positions over time in the folder the left article came from, or None for a URL.

    Slow (it analyses every article of the folder), so it is separate from rendering and
    the desktop app can run it in its worker.
    """
    from claimdiff.session.pipeline import corpus_paths_for, load_corpus
    from claimdiff.timeline.timeline import timeline_frame

    paths = corpus_paths_for(comparison.left.location)
    if not paths:
        return None
    items = load_corpus(paths, codebook, on_error=on_error)
    return timeline_frame(items, freq=freq)


def timeline_svg(frame: Any, codebook: Codebook | None = None) -> str:
    """Every topic's chart stacked into one standalone SVG document."""
    from claimdiff.output.report.chart import stacked_svg, topic_charts
    from claimdiff.output.report.names import Names
    from claimdiff.output.report.timeline_view import frame_records

    _, rows = frame_records(frame)
    return stacked_svg([svg for _, svg in topic_charts(rows, Names(codebook))])


def write_timeline_report(
    frame: Any, path: str | Path, *, codebook: Codebook | None = None, overwrite: bool = False
) -> None:
    """``claimdiff timeline --report``: the chart as .svg or the table as .csv."""
    fmt = timeline_format(path)
    if fmt in QT_FORMATS:
        raise InputError(str(path), "PNG charts are made by the desktop renderer (claimdiff_gui)")
    check_target(path, overwrite)
    if fmt == "svg":
        data = timeline_svg(frame, codebook)
    else:
        data = frame.to_csv(index=False, lineterminator="\n")
    write_atomic(path, data, overwrite=overwrite)
