"""The corpus work the window runs in workers: plain functions over claimdiff.corpus, no Qt.

SQLite connections belong to the thread that opened them, so each worker thread keeps one
long-lived connection per corpus file (``opened``) instead of opening the file for every
job; the GUI thread keeps its own for the corrections (single-row writes on the undo
stack) and for the pages of the Articles tab. WAL mode lets them all work at once. The
integrity check runs only when this process first opens a file after an unclean shutdown.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimdiff.base.cancel import Report, check_cancel
from claimdiff.base.errors import InputError
from claimdiff.base.model import Article, Claim, Label
from claimdiff.corpus.tabular import FIELDS, resolve_columns, table_format
from claimdiff.session.display import location_name
from claimdiff.session.frames import links_frame
from claimdiff.session.jobs import PairResult
from claimdiff.session.selfpair import as_right_copy

if TYPE_CHECKING:  # the corpus and analysis stack load with the first corpus job, not at start
    import pandas as pd

    from claimdiff.corpus import ClaimHit, Corpus, ImportSummary, Progress
    from claimdiff.labels.codebook import Codebook

_here = threading.local()  # per worker thread: {(path, inode): Corpus}
_seen: set[str] = set()  # files this process has opened: no integrity check for them again
_seen_lock = threading.Lock()
BATCH = 50  # small batches, so Cancel takes effect soon (the command line uses 200)


@dataclass(frozen=True)
class CorpusReady:
    """A corpus file that exists, opens, and is labelled with ``codebook``."""

    path: str
    codebook: Codebook
    labelled: int  # articles labelled by this job (0: nothing was missing)
    codebook_path: str | None = None  # what the window loads from now on (None: shipped)
    notice: tuple[str, str] | None = None  # the corpus's own codebook, and why it was not used


@dataclass(frozen=True)
class ImportDone:
    path: str
    summary: ImportSummary


def opened(path: str, create: bool = False) -> Corpus:
    """This thread's connection to the corpus at ``path``, opened on first use and kept."""
    from claimdiff.corpus import Corpus

    if create:
        Corpus.create(path).close()
    target = Path(path)
    try:
        ident = (str(target.resolve()), target.stat().st_ino)
    except OSError:
        ident = (path, -1)  # let Corpus.open say what is wrong with it
    cache: dict[tuple[str, int], Corpus] = _here.__dict__.setdefault("corpora", {})
    found = cache.get(ident)
    if found is None:
        with _seen_lock:
            first = ident[0] not in _seen
        found = Corpus.open(path, check=None if first else False)
        cache[ident] = found
        with _seen_lock:
            _seen.add(ident[0])
    return found


def prepare_corpus(
    path: str,
    codebook_path: str | None,
    create: bool,
    report: Report,
    cancel: threading.Event,
    *,
    own_codebook: bool = False,
) -> CorpusReady:
    """Create or open the file and label what the codebook has not labelled yet.

    ``own_codebook``: open with the codebook the corpus recorded (the window's when it has
    none yet, or the shipped one, with a notice, when that file has gone); otherwise with
    ``codebook_path``, which the corpus records as its own from now on.
    """
    from claimdiff.labels.codebook import load_codebook, remembered_codebook

    report(0, 1, f"opening {Path(path).name}")
    corpus = opened(path, create)
    notice = None
    stored = corpus.codebook_location() if own_codebook else None
    if stored is not None:
        codebook_path, why = remembered_codebook(stored)
        notice = (stored, why) if why else None
    codebook = load_codebook(codebook_path)
    corpus.remember_codebook(codebook)
    check_cancel(cancel)
    labelled = corpus.label(
        codebook, workers=1, progress=lambda done, total: report(done, total, "labelling")
    )
    return CorpusReady(path, codebook, labelled, codebook_path, notice)


def import_into(
    path: str,
    sources: list[str],
    codebook: Codebook,
    report: Report,
    cancel: threading.Event,
    *,
    mapping: dict[str, str],
) -> ImportDone:
    """Import ``sources``; stops between batches when cancelled, keeping every whole batch."""

    def progress(p: Progress) -> None:
        total = p.total if p.total is not None else 0
        report(p.done, total, f"importing {location_name(p.location)} · {p.summary.line()}")

    summary = opened(path).import_paths(
        sources,
        codebook,
        mapping=mapping or None,
        workers=import_workers(sources),
        batch_size=BATCH,
        progress=progress,
        should_stop=cancel.is_set,
    )
    return ImportDone(path, summary)


def import_workers(sources: list[str]) -> int:
    """Worker processes only pay off for many articles; a handful is faster in this thread."""
    from claimdiff.corpus.engine import POOL_MINIMUM
    from claimdiff.ingest.fetch import is_url
    from claimdiff.ingest.load import expand_paths

    if (os.cpu_count() or 1) < 2:
        return 1
    if any(is_table(s) for s in sources):
        return 2
    files = expand_paths([s for s in sources if not is_url(s)])
    return 2 if len(files) >= POOL_MINIMUM else 1


def is_table(location: str) -> bool:
    from claimdiff.ingest.fetch import is_url
    from claimdiff.ingest.load import FORMATS as ARTICLE_FORMATS

    path = Path(location)
    return (
        not is_url(location)
        and path.is_file()
        and path.suffix.lower() not in ARTICLE_FORMATS
        and table_format(path) is not None
    )


def table_columns(location: str) -> tuple[list[str], dict[str, str]]:
    """A table's column names and the columns the importer would pick for each field."""
    from claimdiff.corpus.tabular import _chunks  # the reader the importer itself uses

    path = Path(location)
    fmt = table_format(path)
    if fmt is None:
        raise InputError(location, "not a CSV, JSON Lines or Parquet table")
    first = next(iter(_chunks(path, fmt, location)), None)
    columns = [str(c) for c in first.columns] if first is not None else []
    try:
        found = resolve_columns(columns, {}, location)
    except InputError:
        found = {}
    return columns, {f: found[f] for f in FIELDS if f in found}


@dataclass(frozen=True)
class Listing:
    """The Articles tab's order: article ids sorted and filtered, and what the summary says."""

    path: str
    ids: list[int]
    total: int  # articles in the corpus, filtered or not
    corrections: int


def read_order(
    path: str,
    codebook: Codebook,
    order: tuple[str, bool, tuple[str, ...]],  # sort column, descending, filter words
    report: Report,
    cancel: threading.Event,
) -> Listing:
    """The ids in the tab's order: one indexed query (about 0.1 s at 100,000 articles)."""
    sort, descending, words = order
    corpus = opened(path)
    ids = corpus.article_ids(codebook, sort, descending, words)
    total = len(ids) if not words else corpus.count_articles()
    return Listing(path, ids, total, corpus.count("corrections"))


@dataclass(frozen=True)
class CorpusSnapshot:
    """What the corpus timeline shows, read in one go off the GUI thread."""

    path: str
    total: int  # articles in the corpus
    frames: dict[str, pd.DataFrame]  # timeline frame by frequency


def read_snapshot(
    path: str,
    codebook: Codebook,
    freqs: tuple[str, ...],
    report: Report,
    cancel: threading.Event,
) -> CorpusSnapshot:
    """The timeline at every frequency the tab offers.

    One SQL aggregate at day level, summed to each period; reading them all here means
    switching the period (year … day) in the tab never waits on the file.
    """
    corpus = opened(path)
    return CorpusSnapshot(path, corpus.count_articles(), corpus.timelines(codebook, freqs))


def update_snapshot(
    snapshot: CorpusSnapshot,
    codebook: Codebook,
    change: tuple[str, list[str | None]],  # article key, dates the file no longer holds
    report: Report,
    cancel: threading.Event,
) -> CorpusSnapshot:
    """The timeline after one correction: only the changed article's periods counted again."""
    key, gone = change
    corpus = opened(snapshot.path)
    frames = corpus.update_timelines(codebook, snapshot.frames, key, gone)
    return CorpusSnapshot(snapshot.path, snapshot.total, frames)


def read_behind(
    path: str,
    codebook: Codebook,
    cell: tuple[str, str, str, str],
    report: Report,
    cancel: threading.Event,
    *,
    by: str | None,
    voice: str | None,
) -> list[ClaimHit]:
    """The claims counted in one timeline point: (freq, period, topic, position) [× voice]."""
    freq, period, topic, position = cell
    return opened(path).claims_behind(codebook, freq, period, topic, position, by=by, value=voice)


def read_split(
    path: str,
    codebook: Codebook,
    freqs: tuple[str, ...],
    report: Report,
    cancel: threading.Event,
    *,
    by: str,
) -> dict[str, pd.DataFrame]:
    """The timeline at every period, split by speaker or outlet ("source")."""
    return opened(path).timelines(codebook, freqs, by)


def stored_pair(
    path: str,
    codebook: Codebook,
    keys: tuple[str, str],
    report: Report,
    cancel: threading.Event,
) -> PairResult:
    """Compare two stored articles with their stored claims and the labels now in force."""
    from claimdiff.match.compare import compare

    report(0, 2, "reading the articles from the corpus")
    corpus = opened(path)
    left, left_claims = _stored(corpus, keys[0], codebook)
    right, right_claims = _stored(corpus, keys[1], codebook)
    check_cancel(cancel)
    if right.id == left.id:
        right, right_claims = as_right_copy(right, right_claims)
    report(1, 2, "comparing claims")
    comparison = compare(left, right, left_claims, right_claims, codebook)
    report(2, 2, "done")
    return PairResult(comparison, codebook, links_frame(comparison))


def _stored(corpus: Corpus, key: str, codebook: Codebook) -> tuple[Article, tuple[Claim, ...]]:
    """The article as corrected (title, source, date) with its live claims and labels."""
    article = corpus.article(key)
    info = corpus.article_info(key)
    if info is not None:
        article = dataclasses.replace(article, title=info.title, source=info.source, date=info.date)
    effective = corpus.effective_labels(key, codebook)
    claims = tuple(
        dataclasses.replace(
            claim,
            labels=tuple(
                Label(e.topic, e.position, e.score, e.evidence, e.decided_by)
                for e in effective[claim.id]
            ),
        )
        for claim in corpus.claims(key, codebook)
        if claim.id in effective  # "not a claim" sentences are left out
    )
    return article, claims
