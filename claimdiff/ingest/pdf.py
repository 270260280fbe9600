"""The text layer of a PDF, read with pypdf, within budgets.

pypdf is imported inside the function so that plain-text articles never load it. A PDF
without a text layer (a scan) is reported as such rather than returned as an empty article.
The document's creation date is deliberately not offered as a publication date: it is the
day someone printed or exported the page, which is exactly the wrong date with provenance.

A PDF is a program as much as a document: a few kilobytes can point forty pages at one
compressed stream that expands to megabytes each, nest arrays until the parser's recursion
runs out, or be encrypted. Each page's content is measured before its text is extracted, the
text is counted as it accumulates, and every failure of the parser, whatever its type,
becomes one ``InputError`` naming the file.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from dataclasses import dataclass
from typing import Any

from claimdiff.base import cancel
from claimdiff.base.errors import InputError
from claimdiff.ingest.textfile import MAX_BYTES, size_text

# Titles that name the file the PDF was made from, not the article ("Microsoft Word - a.docx").
_FILE_TITLE = re.compile(r"\.(?:docx?|odt|rtf|txt|html?|pdf)$|^microsoft word\b", re.I)

PDF_MAX_PAGES = 1_000
"""Pages read from one PDF: a long report is a few hundred; more is a book or a generated file."""
PDF_PAGE_CONTENT_BYTES = 2 * 1024 * 1024
"""Decoded content stream of one page: a dense page of text is under 200 KB. pypdf reads
about 300 KB of text operators a second here, so a page above this is a decompression bomb
or a drawing whose text would take many seconds to extract."""
PDF_DOCUMENT_CONTENT_BYTES = 16 * 1024 * 1024
"""Decoded content of all pages together: a 40-page report with charts stays under it, and
at that rate it bounds the whole extraction to about a minute even if every page is dense."""
PDF_PAGE_TEXT_CHARS = 200_000
"""Extracted text of one page: a page of small print holds about 10,000 characters."""
PDF_DOCUMENT_TEXT_CHARS = MAX_BYTES
"""Extracted text of the whole document: the same ceiling as a text file's size."""


@dataclass(frozen=True, slots=True)
class PdfText:
    text: str
    title: str | None


def extract_pdf(data: bytes, location: str) -> PdfText:
    """Join the pages' text with blank lines, so page ends read as paragraph ends."""
    # pypdf reports recoverable damage through logging and warnings; the user gets one line
    # from us instead of a page of parser chatter on stderr.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            pages, info = _read(data, location)
        except (InputError, cancel.Cancelled):
            raise
        except RecursionError as exc:
            raise InputError(
                location, "is not a readable PDF (its structure nests too deeply)"
            ) from exc
        except MemoryError as exc:
            raise InputError(location, "is not a readable PDF (it needs too much memory)") from exc
        except Exception as exc:
            raise InputError(location, f"is not a readable PDF ({_reason(exc)})") from exc
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise InputError(location, "has no text layer (a scanned PDF needs OCR first)")
    return PdfText(text=text, title=_title(info))


def _read(data: bytes, location: str) -> tuple[list[str], object]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        _decrypt(reader, location)
    n_pages = len(reader.pages)
    if n_pages > PDF_MAX_PAGES:
        raise InputError(
            location,
            f"has {n_pages:,} pages, above the {PDF_MAX_PAGES:,}-page budget (PDF_MAX_PAGES); "
            "split it or save the article's pages as their own PDF",
        )
    pages: list[str] = []
    total = 0
    content = 0
    for number, page in enumerate(reader.pages, start=1):
        cancel.check()  # Cancel in the window stops a long PDF between pages
        content += _check_content(page, number, location)
        if content > PDF_DOCUMENT_CONTENT_BYTES:
            raise InputError(
                location,
                f"has more than {size_text(PDF_DOCUMENT_CONTENT_BYTES)} of page content by page "
                f"{number} (PDF_DOCUMENT_CONTENT_BYTES); not an article",
            )
        text = page.extract_text() or ""
        if len(text) > PDF_PAGE_TEXT_CHARS:
            raise InputError(
                location,
                f"page {number} holds {len(text):,} characters of text, above the "
                f"{PDF_PAGE_TEXT_CHARS:,} per-page budget (PDF_PAGE_TEXT_CHARS); not an article",
            )
        total += len(text)
        if total > PDF_DOCUMENT_TEXT_CHARS:
            raise InputError(
                location,
                f"holds more than {PDF_DOCUMENT_TEXT_CHARS:,} characters of text by page "
                f"{number} (PDF_DOCUMENT_TEXT_CHARS); not an article",
            )
        pages.append(text)
    metadata = reader.metadata
    return pages, metadata.title if metadata is not None else None


def _decrypt(reader: Any, location: str) -> None:
    """Open a PDF encrypted with an empty user password (common: only printing is locked)."""
    from pypdf.errors import DependencyError

    try:
        opened = reader.decrypt("")
    except DependencyError as exc:
        raise InputError(
            location, f"is an encrypted PDF that cannot be opened here ({exc})"
        ) from exc
    if not opened:
        raise InputError(
            location, "is encrypted with a password; save an unprotected copy and open that"
        )


def _check_content(page: Any, number: int, location: str) -> int:
    """Measure a page's decoded content before pypdf interprets it; its size in bytes."""
    contents = page.get_contents()
    size = len(contents.get_data()) if contents is not None else 0
    if size > PDF_PAGE_CONTENT_BYTES:
        raise InputError(
            location,
            f"page {number} has {size_text(size)} of page content, above the "
            f"{size_text(PDF_PAGE_CONTENT_BYTES)} per-page budget (PDF_PAGE_CONTENT_BYTES); "
            "not an article",
        )
    return size


def _reason(exc: BaseException) -> str:
    words = " ".join(str(exc).split())[:160]
    return words or type(exc).__name__


def _title(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    title = " ".join(value.split())
    return title if title and not _FILE_TITLE.search(title) else None
