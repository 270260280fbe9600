"""The seed pair's report laid out as Qt would print it, at a chosen page height.

The pagination tests (test_pdf.py, test_pdf_pages.py) each lay the same report out at many
page heights and look at where the breaks fall; this is their one way to get such a document.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from claimdiff_gui.export.pdf import RESOLUTION, report_document
from conftest import LEFT, RIGHT
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage, QTextDocument

from claimdiff.base.model import Comparison
from claimdiff.labels.codebook import load_codebook
from claimdiff.output.report.context import ReportContext, build_context
from claimdiff.session.pipeline import compare_files

PAGE_WIDTH = 2300  # device pixels at RESOLUTION: about an A4 text width


@cache
def seed_comparison() -> Comparison:
    """The real pipeline's 004 × 000 comparison, computed once for every test that reads it."""
    return compare_files(LEFT, RIGHT)


def seed_context() -> ReportContext:
    return build_context(seed_comparison(), codebook=load_codebook())


def _device() -> QImage:
    """A paint device at the PDF writer's resolution, so text wraps as in the printed file."""
    device = QImage(10, 10, QImage.Format.Format_RGB32)
    device.setDotsPerMeterX(round(RESOLUTION / 0.0254))
    device.setDotsPerMeterY(round(RESOLUTION / 0.0254))
    return device


def laid_out(context: ReportContext, heights: range) -> Iterator[tuple[int, QTextDocument]]:
    """A fresh report document per page height, laid out on pages of that height."""
    device = _device()
    for height in heights:
        doc = report_document(context)
        doc.documentLayout().setPaintDevice(device)
        doc.setPageSize(QSizeF(PAGE_WIDTH, height))
        yield height, doc
