"""Dated articles or headlines from tabular exports: CSV, JSON Lines or Parquet, gzipped or not.

Media Cloud, GDELT and newsroom archives all export stories as tables with their own column
names; a mapping (``date=publish_date,title=headline``) says which column is which, and the
usual names are recognised without one. Rows are read in chunks so a million-row export
never sits in memory at once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimdiff.base.errors import InputError

if TYPE_CHECKING:
    from claimdiff.corpus.work import Row

FIELDS = ("date", "title", "text", "source", "url", "id", "dateline")
FORMATS = ("csv", "jsonl", "parquet")
# Names seen in Media Cloud, GDELT and common CMS exports, most specific first.
ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("date", "publish_date", "published", "publication_date", "pub_date", "seendate",
             "published_at", "datetime", "timestamp", "dateadded"),
    "title": ("title", "headline", "name", "heading"),
    "text": ("text", "body", "content", "full_text", "article", "story", "description"),
    "source": ("source", "media_name", "outlet", "publisher", "sourcecommonname", "domain",
               "media_url", "site"),
    "url": ("url", "link", "documentidentifier", "sourceurl", "guid"),
    "id": ("id", "stories_id", "story_id", "article_id", "gkgrecordid"),
    # The wire dateline a converted archive (Reuters-21578) keeps apart from the body.
    "dateline": ("dateline",),
}  # fmt: skip
CHUNK_ROWS = 2_000
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")


@dataclass(frozen=True, slots=True)
class TableRow:
    number: int  # 1-based row number in the file
    ident: str | None  # the export's own id, when it has one
    row: Row


def parse_mapping(text: str | None) -> dict[str, str]:
    """``date=publish_date,title=headline`` as a dict; unknown fields are refused.

    ``date=`` (no column) means "this table has no date column": a column that is merely
    called "date" but holds something else is then not picked by its name.
    """
    mapping: dict[str, str] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        field, sep, column = part.partition("=")
        field = field.strip().lower()
        if not sep or field not in FIELDS:
            raise InputError("--map", f"cannot read {part.strip()!r}; use FIELD=COLUMN with "
                             f"FIELD one of {', '.join(FIELDS)}")  # fmt: skip
        mapping[field] = column.strip()
    return mapping


def table_format(path: Path, given: str | None = None) -> str | None:
    """csv, jsonl or parquet from ``given`` or the file name (a .gz suffix is looked through)."""
    if given:
        return given
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    kinds = {".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
    kinds |= {".json": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
    return kinds.get(last)


def resolve_columns(columns: list[str], mapping: Mapping[str, str], where: str) -> dict[str, str]:
    """Which column holds each field: the user's mapping first, then the usual names."""
    by_lower = {c.lower(): c for c in columns}
    found: dict[str, str] = {}
    for field in FIELDS:
        if field in mapping:
            if not mapping[field]:
                continue  # the user said: no column holds this field
            if mapping[field] not in columns:
                raise InputError(where, f"has no column {mapping[field]!r} (mapped to {field}); "
                                 f"columns: {', '.join(columns)}")  # fmt: skip
            found[field] = mapping[field]
            continue
        alias = next((by_lower[a] for a in ALIASES[field] if a in by_lower), None)
        if alias is not None:
            found[field] = alias
    if "text" not in found and "title" not in found:
        raise InputError(where, "has no text or title column; name them with --map "
                         f"text=COLUMN,title=COLUMN (columns: {', '.join(columns)})")  # fmt: skip
    return found


def normalise_date(value: object) -> str | None:
    """YYYY-MM-DD from the date forms exports use (ISO, GDELT's 20240315T..., RFC 2822)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "date") and callable(value.date):
        day = value.date()
        return day.isoformat() if isinstance(day, date) else None
    text = str(value).strip()
    for pattern in (_ISO, _COMPACT):
        match = pattern.match(text)
        if match:
            try:
                return date(*(int(g) for g in match.groups())).isoformat()
            except ValueError:
                return None
    from email.utils import parsedate_to_datetime  # RFC 2822 dates are rare: load on use

    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def read_table(path: Path, fmt: str, mapping: Mapping[str, str]) -> Iterator[TableRow]:
    """The rows of a table as ``Row`` records, in file order."""
    from claimdiff.corpus.work import Row  # the analysis stack: not on the start-up path

    where = str(path)
    number = 0
    columns: dict[str, str] | None = None
    for chunk in _chunks(path, fmt, where):
        if columns is None:
            columns = resolve_columns([str(c) for c in chunk.columns], mapping, where)
        picked = {field: chunk[col].tolist() for field, col in columns.items()}
        for i in range(len(chunk)):
            number += 1
            values = {field: picked[field][i] for field in picked}
            title = _text(values.get("title"))
            text = _text(values.get("text")) or title or ""
            row = Row(text, title, normalise_date(values.get("date")),
                      _text(values.get("source")), _text(values.get("url")),
                      _text(values.get("dateline")))  # fmt: skip
            yield TableRow(number, _text(values.get("id")), row)


def _chunks(path: Path, fmt: str, where: str) -> Iterator[Any]:
    import pandas as pd

    try:
        if fmt == "parquet":
            yield from _parquet_chunks(path)
        elif fmt == "jsonl":
            with pd.read_json(path, lines=True, chunksize=CHUNK_ROWS, dtype=False,
                              compression="infer") as reader:  # fmt: skip
                yield from reader
        elif fmt == "csv":
            sep = "\t" if ".tsv" in [s.lower() for s in path.suffixes] else ","
            with pd.read_csv(path, sep=sep, chunksize=CHUNK_ROWS, dtype=str,
                             keep_default_na=False, compression="infer") as reader:  # fmt: skip
                yield from reader
        else:
            raise InputError(
                where, f"unknown table format {fmt!r}; use one of {', '.join(FORMATS)}"
            )
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputError(where, f"cannot read as {fmt}: {exc}") from exc


def _parquet_chunks(path: Path) -> Iterator[Any]:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputError(
            str(path), "reading Parquet needs pyarrow: pip install 'claimdiff[parquet]'"
        ) from exc
    source: Any = path
    if path.suffix.lower() == ".gz":
        import gzip
        import io

        with gzip.open(path, "rb") as packed:
            source = io.BytesIO(packed.read())  # Parquet needs to seek; gzip streams cannot
    with pq.ParquetFile(source) as handle:
        for batch in handle.iter_batches(batch_size=CHUNK_ROWS):
            yield batch.to_pandas()
