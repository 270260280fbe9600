"""File → Export report… and Export data…: pick a file, then write it in a worker.

The formats and their content belong to the core (``claimdiff.output.report``) and, for PDF, to
``claimdiff_gui.export.pdf``; this module only asks where, and hands the job to the window's one
worker pattern so a long PDF never freezes the window.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from claimdiff_gui.work.workers import Report, check_cancel
from PySide6.QtWidgets import QFileDialog, QMessageBox

from claimdiff.base.model import Article, Claim, Comparison

if TYPE_CHECKING:
    from claimdiff_gui.window.mainwindow import MainWindow

    from claimdiff.labels.codebook import Codebook

REPORT_FILTERS = {
    "HTML report (*.html)": ".html",
    "PDF report (*.pdf)": ".pdf",
    "Markdown (*.md)": ".md",
    "Excel workbook (*.xlsx)": ".xlsx",
    "CSV links table (*.csv)": ".csv",
    "JSON comparison (*.json)": ".json",
}
DATA_FILTERS = {k: v for k, v in REPORT_FILTERS.items() if v in (".csv", ".xlsx", ".json")}


def export_report(window: MainWindow) -> None:
    _ask_and_export(window, "Export report", REPORT_FILTERS)


def export_data(window: MainWindow) -> None:
    _ask_and_export(window, "Export data", DATA_FILTERS)


def _ask_and_export(window: MainWindow, title: str, filters: dict[str, str]) -> None:
    cmp = window.session.comparison
    if cmp is None:
        window.notifier.error(title, "Open a pair of articles first.")
        return
    stem = f"{Path(cmp.left.location).stem}-vs-{Path(cmp.right.location).stem}"
    start = str(Path(window.settings.last_folder or ".") / f"{stem}{next(iter(filters.values()))}")
    path, chosen = QFileDialog.getSaveFileName(window, title, start, ";;".join(filters))
    if not path:
        return
    target = Path(path)
    # The dialog confirmed replacing the name it showed; a suffix we add needs its own "yes".
    if not target.suffix and chosen in filters:
        target = target.with_suffix(filters[chosen])
        if target.exists() and not _confirm_replace(window, target):
            return
    start_export(window, str(target), overwrite=True)


def _confirm_replace(window: MainWindow, target: Path) -> bool:
    answer = QMessageBox.question(window, "Replace file?", f"{target} exists. Replace it?")
    return answer == QMessageBox.StandardButton.Yes


def start_export(window: MainWindow, path: str, *, overwrite: bool) -> None:
    """Write ``path`` (format from its extension) from what the window shows, off-thread."""
    cmp, codebook = window.session.comparison, window.codebook
    if cmp is None or codebook is None:
        window.notifier.error(path, "Open a pair of articles first.")
        return
    job = functools.partial(
        write_export,
        cmp,
        path,
        codebook=codebook,
        corpus=list(window.corpus_items),
        overwrite=overwrite,
        memos=window.memos.for_report(),
    )
    window.analysis.export(job)


def write_export(
    cmp: Comparison,
    path: str,
    report: Report,
    cancel: threading.Event,
    *,
    codebook: Codebook,
    corpus: list[tuple[Article, tuple[Claim, ...]]],
    overwrite: bool,
    memos: tuple[tuple[str, str], ...] = (),
) -> str:
    """The report for ``cmp``; the chart uses the corpus the window already analysed."""
    from claimdiff.output.report import NEEDS_TIMELINE, report_format, write_report
    from claimdiff.timeline.timeline import timeline_frame

    fmt = report_format(path)
    timeline = timeline_frame(corpus, freq="year") if fmt in NEEDS_TIMELINE and corpus else None
    check_cancel(cancel)
    if fmt == "pdf":
        from claimdiff_gui.export.pdf import write_pdf

        write_pdf(
            cmp,
            path,
            timeline=timeline,
            codebook=codebook,
            overwrite=overwrite,
            progress=report,
            memos=memos,
        )
    else:
        write_report(
            cmp,
            path,
            timeline=timeline,
            codebook=codebook,
            overwrite=overwrite,
            progress=report,
            memos=memos,
        )
    return path
