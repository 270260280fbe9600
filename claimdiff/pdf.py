"""The text layer of a PDF, read with pypdf.

pypdf is imported inside the function so that plain-text articles never load it. A PDF
without a text layer (a scan) is reported as such rather than returned as an empty article.
The document's creation date is deliberately not offered as a publication date: it is the
day someone printed or exported the page, which is exactly the wrong date with provenance.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from claimdiff.errors import InputError

# Titles that name the file the PDF was made from, not the article ("Microsoft Word - a.docx").
_FILE_TITLE = re.compile(r"\.(?:docx?|odt|rtf|txt|html?|pdf)$|^microsoft word\b", re.I)


@dataclass(frozen=True, slots=True)
class PdfText:
    text: str
    title: str | None


def extract_pdf(data: bytes, location: str) -> PdfText:
    """Join the pages' text with blank lines, so page ends read as paragraph ends."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(location, "is a password-protected PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PyPdfError, ValueError) as exc:
        raise InputError(location, f"is not a readable PDF ({exc})") from exc
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise InputError(location, "has no text layer (a scanned PDF needs OCR first)")
    return PdfText(text=text, title=_title(info.title if info is not None else None))


def _title(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    title = " ".join(value.split())
    return title if title and not _FILE_TITLE.search(title) else None
