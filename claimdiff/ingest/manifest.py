"""The user's own record of what each article is: title, outlet and publication date.

Scrapes rarely state their date, and the extractors guess wrong more often than right, so
the decision belongs to the person who collected the files. A ``manifest.csv`` beside the
articles (one row per file) or a ``<file>.meta.json`` sidecar next to one article says it,
and whatever it says overrides anything extracted from the text.
"""

from __future__ import annotations

import csv
import io
import json
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from stat import S_ISREG

from claimdiff.base.errors import InputError
from claimdiff.ingest.fetch import is_url
from claimdiff.ingest.textfile import decode, read_bytes

MANIFEST_NAME = "manifest.csv"
SIDECAR_SUFFIX = ".meta.json"
COLUMNS = ("file", "title", "source", "date", "date_source", "date_note")
DATE_SOURCES = ("manifest", "metadata", "text", "none")


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """What the user states about one article; empty fields state nothing."""

    file: str
    title: str | None = None
    source: str | None = None
    date: str | None = None
    date_source: str | None = None
    date_note: str | None = None


@dataclass(frozen=True, slots=True)
class Manifest:
    """Entries of one manifest file, looked up by the article's file name."""

    path: str
    entries: dict[str, ManifestEntry] = field(default_factory=dict)

    def entry_for(self, path: str | Path) -> ManifestEntry | None:
        """The entry for ``path``: by URL as written, else by file name (manifests sit beside
        their files, so the name is what the user typed in the ``file`` column)."""
        exact = self.entries.get(str(path))
        return exact if exact is not None else self.entries.get(Path(path).name)


_CACHE_SIZE = 64
"""Manifests remembered at once: one per folder being read, so a handful is plenty."""
_cache: OrderedDict[tuple[str, int, int, int], Manifest] = OrderedDict()


def find_manifest(folder: str | Path) -> Manifest | None:
    """The manifest in ``folder``, or None when the folder has none.

    A folder of a thousand articles asks once per article; the parsed manifest is kept per
    path, size, modification time and inode, so it is read once and read again only when
    the user edits it.
    """
    candidate = Path(folder) / MANIFEST_NAME
    try:
        stat = candidate.stat()
    except OSError:
        return None
    if not S_ISREG(stat.st_mode):
        return None
    key = (str(candidate.resolve()), stat.st_size, stat.st_mtime_ns, stat.st_ino)
    cached = _cache.get(key)
    if cached is None:
        cached = load_manifest(candidate)
        _cache[key] = cached
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    else:
        _cache.move_to_end(key)
    return cached


def load_manifest(path: str | Path) -> Manifest:
    """Parse a manifest CSV; a bad row is an ``InputError`` naming the file and line."""
    location = str(path)
    text = decode(read_bytes(Path(path), location), location)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    _check_header(reader.fieldnames, location)
    entries: dict[str, ManifestEntry] = {}
    for row in reader:
        line = reader.line_num
        entry = _entry_from_row(row, location, line)
        if entry.file in entries:
            raise InputError(location, f"line {line}: '{entry.file}' is listed twice")
        entries[entry.file] = entry
    return Manifest(location, entries)


def load_sidecar(article_path: str | Path) -> ManifestEntry | None:
    """The ``<file>.meta.json`` next to an article, if there is one."""
    article = Path(article_path)
    sidecar = article.with_name(article.name + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return None
    location = str(sidecar)
    try:
        data = json.loads(decode(read_bytes(sidecar, location), location))
    except json.JSONDecodeError as exc:
        raise InputError(location, f"line {exc.lineno}: not valid JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise InputError(location, "line 1: expected a JSON object with title, source, date")
    for key, value in data.items():
        if key not in COLUMNS[1:]:
            raise InputError(location, f"unknown key {key!r} (expected {', '.join(COLUMNS[1:])})")
        if not isinstance(value, str):
            raise InputError(location, f"the value of {key!r} must be a string")
    return _entry_from_row({**data, "file": article.name}, location, 1)


def is_metadata_file(path: str | Path) -> bool:
    """Manifests and sidecars describe articles; they are never articles themselves."""
    name = Path(path).name
    return name == MANIFEST_NAME or name.endswith(SIDECAR_SUFFIX)


def _check_header(fieldnames: object, location: str) -> None:
    if not isinstance(fieldnames, list) or "file" not in fieldnames:
        raise InputError(location, "line 1: the header must name a 'file' column")
    unknown = [name for name in fieldnames if name not in COLUMNS]
    if unknown:
        expected = ", ".join(COLUMNS)
        raise InputError(location, f"line 1: unknown column {unknown[0]!r} (expected {expected})")


def _entry_from_row(row: dict[str, str | None], location: str, line: int) -> ManifestEntry:
    values = {key: _blank_to_none(row.get(key)) for key in COLUMNS}
    if None in row:
        raise InputError(location, f"line {line}: more fields than the header has columns")
    file_name = values["file"]
    if file_name is None:
        raise InputError(location, f"line {line}: the 'file' field is empty")
    when = values["date"]
    if when is not None and not _is_iso_date(when):
        raise InputError(location, f"line {line}: date {when!r} is not a YYYY-MM-DD date")
    source_kind = values["date_source"]
    if source_kind is not None and source_kind not in DATE_SOURCES:
        allowed = ", ".join(DATE_SOURCES)
        raise InputError(location, f"line {line}: date_source {source_kind!r} is not {allowed}")
    return ManifestEntry(
        file=file_name if is_url(file_name) else Path(file_name).name,
        title=values["title"],
        source=values["source"],
        date=when,
        date_source=source_kind,
        date_note=values["date_note"],
    )


def _blank_to_none(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _is_iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
