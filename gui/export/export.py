"""File → Export report… and Export data…: pick a file, then write it in a worker.

The formats and their content belong to the core (``claimdiff.output.report``) and, for PDF, to
``claimdiff_gui.export.pdf``; this module only asks where, and hands the job to the window's one
worker pattern so a long PDF never freezes the window.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QFileDialog, QMessageBox

from claimdiff.base.cancel import Report, check_cancel
from claimdiff.base.model import Article, Claim, Comparison

if TYPE_CHECKING:
    from claimdiff_gui.window.memos import MemoBook
    from claimdiff_gui.window.notifier import Notifier
    from claimdiff_gui.window.settings import Settings
    from claimdiff_gui.work.controller import AnalysisController
    from PySide6.QtWidgets import QWidget

    from claimdiff.labels.codebook import Codebook
    from claimdiff.session.session import Session

REPORT_FILTERS = {
    "HTML report (*.html)": ".html",
    "PDF report (*.pdf)": ".pdf",
    "Markdown (*.md)": ".md",
    "Excel workbook (*.xlsx)": ".xlsx",
    "CSV links table (*.csv)": ".csv",
    "JSON comparison (*.json)": ".json",
}
DATA_FILTERS = {k: v for k, v in REPORT_FILTERS.items() if v in (".csv", ".xlsx", ".json")}


class Host(Protocol):
    """The parts of the window an export reads: the pair and codebook on screen, the corpus
    already analysed (for the chart), the memos, the last folder, where refusals are said, the
    worker that writes, and a parent for the file dialog."""

    @property
    def session(self) -> Session: ...
    @property
    def notifier(self) -> Notifier: ...
    @property
    def settings(self) -> Settings: ...
    @property
    def codebook(self) -> Codebook | None: ...
    @property
    def corpus_items(self) -> list[tuple[Article, tuple[Claim, ...]]]: ...
    @property
    def memos(self) -> MemoBook: ...
    @property
    def analysis(self) -> AnalysisController: ...
    def window(self) -> QWidget: ...


def export_report(host: Host) -> None:
    _ask_and_export(host, "Export report", REPORT_FILTERS)


def export_data(host: Host) -> None:
    _ask_and_export(host, "Export data", DATA_FILTERS)


def _ask_and_export(host: Host, title: str, filters: dict[str, str]) -> None:
    cmp = host.session.comparison
    if cmp is None:
        host.notifier.error(title, "Open a pair of articles first.")
        return
    stem = f"{Path(cmp.left.location).stem}-vs-{Path(cmp.right.location).stem}"
    start = str(Path(host.settings.last_folder or ".") / f"{stem}{next(iter(filters.values()))}")
    path, chosen = QFileDialog.getSaveFileName(host.window(), title, start, ";;".join(filters))
    if not path:
        return
    target = Path(path)
    # The dialog confirmed replacing the name it showed; a suffix we add needs its own "yes".
    if not target.suffix and chosen in filters:
        target = target.with_suffix(filters[chosen])
        if target.exists() and not _confirm_replace(host, target):
            return
    start_export(host, str(target), overwrite=True)


def _confirm_replace(host: Host, target: Path) -> bool:
    answer = QMessageBox.question(host.window(), "Replace file?", f"{target} exists. Replace it?")
    return answer == QMessageBox.StandardButton.Yes


def start_export(host: Host, path: str, *, overwrite: bool) -> None:
    """Write ``path`` (format from its extension) from what the window shows, off-thread."""
    cmp, codebook = host.session.comparison, host.codebook
    if cmp is None or codebook is None:
        host.notifier.error(path, "Open a pair of articles first.")
        return
    job = functools.partial(
        write_export,
        cmp,
        path,
        codebook=codebook,
        corpus=list(host.corpus_items),
        overwrite=overwrite,
        memos=host.memos.for_report(),
    )
    host.analysis.export(job)


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
