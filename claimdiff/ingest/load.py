"""Turning whatever the user opened (a file or a URL) into an ``Article``.

This is the one door into the analysis: it decides the format, extracts the text, marks the
headline and page furniture, and settles title, outlet and date, with the user's manifest
taking precedence over anything found in the article. It only ever reads: the user's files
are evidence and are never modified.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from claimdiff.base.errors import InputError
from claimdiff.base.model import Article, DateSource
from claimdiff.ingest import furniture
from claimdiff.ingest.fetch import Download, fetch, is_url
from claimdiff.ingest.manifest import (
    Manifest,
    ManifestEntry,
    find_manifest,
    is_metadata_file,
    load_sidecar,
)
from claimdiff.ingest.textfile import check_file, decode, read_bytes

FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
FORMATS |= {".html": "html", ".htm": "html", ".pdf": "pdf"}
SUPPORTED = ", ".join(sorted(FORMATS))
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain", "text/markdown", "text/x-markdown")


@dataclass(frozen=True, slots=True)
class Extracted:
    """Text and self-description of one document, before the user's manifest is applied."""

    text: str
    format: str
    title: str | None = None
    source: str | None = None
    date: str | None = None  # from the document's metadata


def load_article(location: str | Path, manifest: Manifest | None = None) -> Article:
    """Load a .txt/.md/.html/.htm/.pdf file or an http(s) URL as an ``Article``.

    Without ``manifest`` the file's folder is searched for one, so a folder of articles with
    its ``manifest.csv`` gives the user's dates with no extra arguments.
    """
    where = str(location)
    if is_url(where):
        data, extracted = _extract_url(where)
        entry = manifest.entry_for(where) if manifest is not None else None
        return _article(where, _url_id(where), data, extracted, entry)
    path = Path(location)
    check_file(path, where)
    fmt = format_of(path)
    data = read_bytes(path, where)
    extracted = extract(data, fmt, where)
    if manifest is None:
        manifest = find_manifest(path.parent)
    entry = _merge(manifest.entry_for(path) if manifest else None, load_sidecar(path))
    return _article(where, path.stem, data, extracted, entry)


def format_of(path: Path) -> str:
    """The format the file name promises; anything else is refused before reading it."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        shown = path.suffix or "no extension"
        raise InputError(str(path), f"unsupported file type ({shown}); use one of {SUPPORTED}")
    return fmt


def extract(data: bytes, fmt: str, location: str, url: str | None = None) -> Extracted:
    """Text and metadata of ``data`` read as ``fmt``."""
    if fmt == "html":
        # Imported here so that plain-text articles never load trafilatura.
        from claimdiff.ingest.html import extract_page

        page = extract_page(data, location, url)
        return Extracted(_newlines(page.text), fmt, page.title, page.site, page.date)
    if fmt == "pdf":
        from claimdiff.ingest.pdf import extract_pdf

        doc = extract_pdf(data, location)
        return Extracted(_newlines(doc.text), fmt, doc.title)
    return Extracted(decode(data, location), fmt)


def expand_paths(paths: Iterable[str | Path]) -> list[str]:
    """Files and URLs to load: folders become their supported files, recursively, sorted."""
    found: list[str] = []
    for item in paths:
        where = str(item)
        path = Path(item)
        if is_url(where) or path.is_file():
            found.append(where)
        elif path.is_dir():
            found.extend(_folder_articles(path))
        elif path.exists() or path.is_symlink():
            check_file(path, where)  # a pipe, device or broken link: refused with its kind
        else:
            raise InputError(where, "no such file or folder")
    return list(dict.fromkeys(found))


def _folder_articles(folder: Path) -> list[str]:
    files = [
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in FORMATS
        and not is_metadata_file(p)
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    if not files:
        raise InputError(str(folder), f"contains no articles ({SUPPORTED})")
    return [str(p) for p in sorted(files, key=lambda p: p.relative_to(folder).as_posix())]


def _extract_url(url: str) -> tuple[bytes, Extracted]:
    download = fetch(url)
    fmt = _url_format(download)
    if fmt == "html" and download.charset:
        page: bytes | str = _decode_declared(download)
        from claimdiff.ingest.html import extract_page

        found = extract_page(page, url, download.url)
        extracted = Extracted(_newlines(found.text), fmt, found.title, found.site, found.date)
    elif fmt in ("txt", "md") and download.charset:
        extracted = Extracted(_newlines(_decode_declared(download)), fmt)
    else:
        extracted = extract(download.data, fmt, url, download.url)
    if extracted.source is None:
        extracted = replace(extracted, source=urlsplit(url).hostname)
    return download.data, extracted


def _url_format(download: Download) -> str:
    """The server's content type decides; a missing or generic one falls back to the bytes."""
    kind = download.content_type
    if kind in _HTML_TYPES:
        return "html"
    if kind == "application/pdf":
        return "pdf"
    if kind in _TEXT_TYPES:
        return "md" if "markdown" in kind else "txt"
    if kind in ("", "application/octet-stream"):
        head = download.data[:1024].lstrip().lower()
        if head.startswith(b"%pdf"):
            return "pdf"
        if head.startswith((b"<!doctype html", b"<html")):
            return "html"
        return FORMATS.get(Path(urlsplit(download.url).path).suffix.lower(), "txt")
    raise InputError(download.url, f"unsupported content type {kind}")


def _decode_declared(download: Download) -> str:
    """The server's declared charset, unless it is wrong, in which case detection decides."""
    try:
        return download.data.decode(download.charset or "utf-8")
    except (UnicodeDecodeError, LookupError):
        return decode(download.data, download.url)


def _article(
    where: str, article_id: str, data: bytes, found: Extracted, entry: ManifestEntry | None
) -> Article:
    text = found.text
    if not text.strip():
        raise InputError(where, "contains no text")
    title = (entry.title if entry else None) or found.title or furniture.guess_title(text)
    date, date_source = _date(found, entry)
    return Article(
        id=article_id,
        location=where,
        title=title or article_id,
        source=(entry.source if entry else None) or found.source,
        date=date,
        date_source=date_source,
        text=text,
        spans=furniture.find_spans(text, title),
        checksum=hashlib.sha256(data).hexdigest(),
        format=found.format,
    )


def _date(found: Extracted, entry: ManifestEntry | None) -> tuple[str | None, DateSource]:
    """The user's date, else the document's metadata, else a dateline in the text."""
    if entry is not None and entry.date:
        return entry.date, "manifest"
    if found.date:
        return found.date, "metadata"
    stated = furniture.stated_date(found.text)
    if stated:
        return stated, "text"
    return None, "none"


def _merge(entry: ManifestEntry | None, sidecar: ManifestEntry | None) -> ManifestEntry | None:
    """Manifest fields win; a sidecar fills only what the manifest leaves empty."""
    if entry is None or sidecar is None:
        return entry or sidecar
    return ManifestEntry(
        file=entry.file,
        title=entry.title or sidecar.title,
        source=entry.source or sidecar.source,
        date=entry.date or sidecar.date,
        date_source=entry.date_source or sidecar.date_source,
        date_note=entry.date_note or sidecar.date_note,
    )


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _url_id(url: str) -> str:
    """Short and stable: the same URL always gives the same id."""
    return "url-" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:12]
