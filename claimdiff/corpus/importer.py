"""Importing files, folders, URLs and tabular exports into a corpus, incrementally.

A re-import skips what it has read before by path, size and modification time, without
opening the file; a changed file is read again and replaces its article; the same text met
twice is stored once. Work is written in transactions of ``batch_size`` articles, so an
import killed at any moment keeps every batch committed before, and running it again picks
up where it stopped, with the same final store as an uninterrupted run.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from claimdiff.base.errors import InputError
from claimdiff.corpus import records
from claimdiff.corpus.engine import Engine
from claimdiff.corpus.tabular import read_table, table_format
from claimdiff.corpus.work import CodebookSpec, Done, Job, process_batch, text_sha
from claimdiff.ingest.fetch import is_url
from claimdiff.ingest.load import FORMATS as ARTICLE_FORMATS
from claimdiff.ingest.load import expand_paths

SKIPPED_TABLE = """CREATE TABLE IF NOT EXISTS skipped (  -- unreadable inputs, retried next import
    location TEXT PRIMARY KEY,
    problem TEXT NOT NULL,
    seen TEXT NOT NULL                                  -- UTC time of the import that met it
)"""


def skipped_articles(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(location, problem, when) of every input the imports so far could not read."""
    conn.execute(SKIPPED_TABLE)
    rows = conn.execute("SELECT location, problem, seen FROM skipped ORDER BY location")
    return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]


@dataclass(slots=True)
class ImportSummary:
    imported: int = 0
    skipped: int = 0  # already in the corpus, unchanged
    duplicates: int = 0  # same text as another article
    errors: int = 0
    seconds: float = 0.0
    problems: list[tuple[str, str]] = field(default_factory=list)  # (location, problem)

    def line(self) -> str:
        return (
            f"imported {self.imported}, skipped {self.skipped}, duplicates {self.duplicates}, "
            f"errors {self.errors} in {self.seconds:.1f} s"
        )


@dataclass(frozen=True, slots=True)
class Progress:
    """Sent after each article; ``total`` is None while rows of a table are still being read."""

    done: int
    total: int | None
    summary: ImportSummary
    location: str


@dataclass(frozen=True, slots=True)
class _Source:
    location: str
    size: int
    mtime_ns: int
    rows: int = 1


@dataclass(frozen=True, slots=True)
class Options:
    mapping: dict[str, str] = field(default_factory=dict)
    fmt: str | None = None  # tabular format, when the file name does not tell
    batch_size: int = 200
    progress: Callable[[Progress], None] | None = None
    should_stop: Callable[[], bool] | None = None


class Importer:
    """One import run: plans jobs, runs them on ``engine``, writes results in order."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        engine: Engine,
        spec: CodebookSpec | None,
        labelset: int | None,
        options: Options,
    ) -> None:
        self.conn = conn
        self.engine = engine
        self.spec = spec
        self.labelset = labelset
        self.options = options
        self.summary = ImportSummary()
        self._done = 0
        self._total: int | None = 0
        self._marks_after: dict[str, list[_Source]] = {}
        self._last_job: str | None = None
        self._planned_shas: set[str] = set()
        self._keys: set[str] = set()
        # An additive table: older claimdiff versions open the file and ignore it.
        conn.execute(SKIPPED_TABLE)
        self._started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())

    def run(self, paths: Sequence[str | Path]) -> ImportSummary:
        started = time.perf_counter()
        batches = _batched(self._plan(paths), self.options.batch_size)
        results = self.engine.map(process_batch, batches, self.spec)
        self._write_all(results)
        self.summary.seconds = time.perf_counter() - started
        return self.summary

    # planning -----------------------------------------------------------------------------

    def _plan(self, paths: Sequence[str | Path]) -> Iterator[Job]:
        for item in paths:
            where = str(item)
            path = Path(where)
            if not is_url(where) and path.is_file() and self._is_table(path):
                yield from self._plan_table(path.resolve())
                continue
            for found in expand_paths([where]):
                job = self._file_job(found)
                if job is not None:
                    self._last_job = job.location
                    yield job

    def _is_table(self, path: Path) -> bool:
        if self.options.fmt:
            return True
        return path.suffix.lower() not in ARTICLE_FORMATS and table_format(path) is not None

    def _file_job(self, found: str) -> Job | None:
        if self._total is not None:
            self._total += 1
        if is_url(found):
            if self._source(found) is not None:
                self._skip(found)
                return None
            return Job(_url_key(found), found)
        path = Path(found).resolve()
        stat = path.stat()
        known = self._source(str(path))
        if known is not None and known[:2] == (stat.st_size, stat.st_mtime_ns):
            self._skip(str(path))
            return None
        return Job(path.stem, str(path), size=stat.st_size, mtime_ns=stat.st_mtime_ns)

    def _plan_table(self, path: Path) -> Iterator[Job]:
        stat = path.stat()
        known = self._source(str(path))
        if known is not None and known[:2] == (stat.st_size, stat.st_mtime_ns):
            self.summary.skipped += known[2]
            self._report(str(path))
            return
        self._total = None
        fmt = table_format(path, self.options.fmt) or "csv"
        rows = 0
        for entry in read_table(path, fmt, self.options.mapping):
            rows += 1
            ident = entry.ident or str(entry.number)
            location = f"{path}#{ident}"
            sha = text_sha(entry.row.text)
            if self._known_text(sha, location):
                continue
            self._planned_shas.add(sha)
            self._last_job = location
            yield Job(entry.ident or f"{path.stem}-{entry.number}", location, entry.row)
        mark = _Source(str(path), stat.st_size, stat.st_mtime_ns, rows)
        if self._last_job is None:
            self._write_source(mark)
        else:
            self._marks_after.setdefault(self._last_job, []).append(mark)

    def _known_text(self, sha: str, location: str) -> bool:
        """A row whose text is stored already: skipped if it is this row, else a duplicate."""
        if sha in self._planned_shas:
            self.summary.duplicates += 1
            self._report(location)
            return True
        found = self.conn.execute(
            "SELECT location FROM articles WHERE text_sha = ?", (sha,)
        ).fetchone()
        if found is None:
            return False
        if found[0] == location:
            self.summary.skipped += 1
        else:
            self.summary.duplicates += 1
        self._report(location)
        return True

    def _source(self, location: str) -> tuple[int, int, int, int | None] | None:
        row = self.conn.execute(
            "SELECT size, mtime_ns, rows, article_id FROM sources WHERE location = ?", (location,)
        ).fetchone()
        return None if row is None else (int(row[0]), int(row[1]), int(row[2]), row[3])

    def _skip(self, location: str) -> None:
        self.summary.skipped += 1
        self._report(location)

    def _report(self, location: str) -> None:
        self._done += 1
        if self.options.progress is not None:
            self.options.progress(Progress(self._done, self._total, self.summary, location))

    # writing ------------------------------------------------------------------------------

    def _write_all(self, results: Iterator[list[Done]]) -> None:
        conn = self.conn
        try:
            for batch in results:
                conn.execute("BEGIN IMMEDIATE")
                for done in batch:
                    self._write(done)
                    for mark in self._marks_after.pop(done.job.location, []):
                        self._write_source(mark)
                conn.execute("COMMIT")
                if self.options.should_stop is not None and self.options.should_stop():
                    return  # tables not finished keep no mark: the next run reads them again
        finally:
            # Ctrl+C or an error: the open batch is dropped, every committed one stays.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            self.engine.close()
        for marks in self._marks_after.values():
            for mark in marks:
                self._write_source(mark)

    def _write(self, done: Done) -> None:
        job = done.job
        if done.article is None:
            problem = done.problem or "unreadable"
            self.summary.errors += 1
            self.summary.problems.append((done.problem_location, problem))
            if done.problem_location and done.problem_location != job.location:
                problem = f"{done.problem_location}: {problem}"
            self.conn.execute(
                "INSERT OR REPLACE INTO skipped VALUES (?, ?, ?)",
                (job.location, problem, self._started),
            )
            self._report(job.location)
            return
        self.conn.execute("DELETE FROM skipped WHERE location = ?", (job.location,))
        same = self.conn.execute(
            "SELECT id, location FROM articles WHERE text_sha = ?", (done.text_sha,)
        ).fetchone()
        if same is not None:
            if same[1] == job.location:
                self.summary.skipped += 1
            else:
                self.summary.duplicates += 1
            self._record_file(job, int(same[0]))
        else:
            self._record_file(job, self._store(done))
            self.summary.imported += 1
        self._report(job.location)

    def _store(self, done: Done) -> int:
        assert done.article is not None
        job = done.job
        url = job.row.url if job.row is not None else None
        previous = self._source(job.location) if job.row is None else None
        if previous is not None and previous[3] is not None:
            article_id = int(previous[3])
            key = self.conn.execute("SELECT key FROM articles WHERE id = ?", (article_id,))
            article, claims = records.rekey(done.article, done.claims, key.fetchone()[0])
            records.replace_article(self.conn, article_id, article, done.text_sha, url)
        else:
            article, claims = records.rekey(done.article, done.claims, self._unique(job.key))
            article_id = records.insert_article(self.conn, article, done.text_sha, url)
        claim_ids = records.insert_claims(self.conn, article_id, claims)
        if self.labelset is not None:
            records.insert_labels(self.conn, self.labelset, article_id, claim_ids, claims)
        return article_id

    def _unique(self, key: str) -> str:
        candidate, n = key, 1
        while self.conn.execute("SELECT 1 FROM articles WHERE key = ?", (candidate,)).fetchone():
            n += 1
            candidate = f"{key}-{n}"
        return candidate

    def _record_file(self, job: Job, article_id: int) -> None:
        if job.row is None:
            self.conn.execute(
                "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, 1)",
                (job.location, job.size, job.mtime_ns, article_id),
            )

    def _write_source(self, mark: _Source) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, NULL, ?)",
            (mark.location, mark.size, mark.mtime_ns, mark.rows),
        )


def _batched(jobs: Iterator[Job], size: int) -> Iterator[list[Job]]:
    while batch := list(islice(jobs, size)):
        yield batch


def _url_key(url: str) -> str:
    """Short and stable, like the ids load_article gives URLs."""
    return "url-" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:12]


def check_paths(paths: Sequence[str | Path]) -> None:
    """Refuse a missing path before anything is written."""
    for item in paths:
        if not is_url(str(item)) and not Path(item).exists():
            raise InputError(str(item), "no such file or folder")
