"""The per-article work, as a pure function over a batch, so any engine can run it.

Loading, segmenting, extracting claims and labelling one article depend on nothing but the
article and the codebook's bytes, which is what lets a pool of local processes or a Dask
cluster do the work while a single writer in the main process owns the corpus file.
Labels always use the lexical similarity backend: it is deterministic, needs no model on
the workers, and keeps the corpus labels reproducible from the stored claims alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from claimdiff.base.errors import InputError
from claimdiff.base.model import Article, Claim
from claimdiff.claims.claims import extract_claims
from claimdiff.corpus.records import LABEL_BACKEND
from claimdiff.ingest.furniture import find_spans, guess_title, stated_date
from claimdiff.ingest.load import load_article
from claimdiff.labels.codebook import Codebook, parse_codebook
from claimdiff.labels.label import label_claims
from claimdiff.language import nlp
from claimdiff.similarity.similarity import LexicalSimilarity

BACKEND = LABEL_BACKEND  # defined with the labelsets it keys (claimdiff.corpus.records)


@dataclass(frozen=True, slots=True)
class Row:
    """One record of a tabular export, already mapped to our fields."""

    text: str
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD
    source: str | None = None
    url: str | None = None
    # "BRUSSELS, March 19 -": a wire dateline an export keeps in its own column. It opens the
    # text again, as in the agency's copy, so the article reads as its .txt file does.
    dateline: str | None = None


@dataclass(frozen=True, slots=True)
class Job:
    """An article to read: a file or URL (``row`` None) or a row of a table."""

    key: str  # the Article.id it asks for; the writer makes it unique in the corpus
    location: str
    row: Row | None = None
    size: int = 0  # of the file, with its modification time: how a re-import skips it
    mtime_ns: int = 0


@dataclass(frozen=True, slots=True)
class CodebookSpec:
    """A codebook as bytes, so workers on other machines need no access to the file."""

    data: bytes
    location: str


@dataclass(frozen=True, slots=True)
class Done:
    """What the work produced for one job: an article with claims, or the reason it failed."""

    job: Job
    article: Article | None
    claims: tuple[Claim, ...] = ()
    text_sha: str = ""
    problem: str | None = None
    problem_location: str = ""


def text_sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=4)
def codebook_of(data: bytes, location: str) -> Codebook:
    """Parsed once per worker process and codebook, not once per batch."""
    return parse_codebook(data, location)


def row_article(job: Job, row: Row) -> Article:
    """An article from a table row, read as its text would be read from a .txt file.

    Its lines are classified as a file's are (``furniture.find_spans`` under the row's title),
    so a table of figures or a "REUTER" sign-off is left out of the claims in a row as in a
    file; a row that holds only its headline (no text column) is all headline and all body,
    so its headline can be a claim. A dateline kept in its own column opens the text again
    ("BRUSSELS, March 19 - The ..."), as in the wire copy: the claims stage leaves it out of
    the first claim as it does for a .txt, the body's first line is whole again, and a row
    without a date takes the one the dateline states, as a .txt file's stated date is taken.
    """
    text = row_text(row)
    if not text.strip():
        raise InputError(job.location, "contains no text")
    stated = stated_date(row.dateline) if row.dateline and not row.date else None
    date = row.date or stated
    return Article(
        id=job.key,
        location=job.location,
        title=row.title or guess_title(text) or job.key,
        source=row.source,
        date=date,
        date_source="metadata" if row.date else "text" if stated else "none",
        text=text,
        spans=() if row.text == row.title else find_spans(text, row.title),
        checksum=text_sha(text),
        format="txt",
    )


def row_text(row: Row) -> str:
    """The row's text, opened by its dateline unless the text already starts with it."""
    dateline = (row.dateline or "").strip()
    if not dateline or not row.text.strip() or row.text.lstrip().startswith(dateline):
        return row.text
    return f"{dateline} {row.text}"


def process(job: Job, codebook: Codebook | None) -> Done:
    """Load and analyse one job; labels only when a codebook is given."""
    loaded = load(job)
    return loaded if isinstance(loaded, Done) else analyse(job, loaded, codebook)


def load(job: Job) -> Article | Done:
    """The job's article, or a Done that says why it could not be read."""
    try:
        if job.row is not None:
            return row_article(job, job.row)
        return replace(load_article(job.location), id=job.key)
    except InputError as exc:
        return Done(job, None, problem=exc.problem, problem_location=exc.location)


def analyse(job: Job, article: Article, codebook: Codebook | None) -> Done:
    try:
        claims = extract_claims(article)
    except InputError as exc:  # too long to analyse
        return Done(job, None, problem=exc.problem, problem_location=exc.location)
    if codebook is not None:
        claims = label_claims(claims, codebook, LexicalSimilarity())
    return Done(job, article, claims, text_sha(article.text))


def process_batch(jobs: Sequence[Job], spec: CodebookSpec | None) -> list[Done]:
    """Load a batch, parse all its texts in one batched pass, then read claims and labels.

    spaCy is several times faster over many texts at once (``nlp.pipe``) than one by one;
    the parses are remembered, so the claims and speaker stages find them. Batches are cut
    to fit what :mod:`claimdiff.language.nlp` remembers.
    """
    codebook = codebook_of(spec.data, spec.location) if spec is not None else None
    done: list[Done] = []
    for start in range(0, len(jobs), nlp.BATCH_TEXTS):
        part = jobs[start : start + nlp.BATCH_TEXTS]
        loaded = [load(job) for job in part]
        for _ in nlp.parse_many([a.text for a in loaded if isinstance(a, Article)]):
            pass
        for job, item in zip(part, loaded, strict=True):
            done.append(item if isinstance(item, Done) else analyse(job, item, codebook))
    return done


def relabel_batch(
    batch: Sequence[tuple[int, tuple[Claim, ...]]], spec: CodebookSpec
) -> list[tuple[int, tuple[Claim, ...]]]:
    """Labels for stored claims: a changed codebook never re-extracts claims."""
    codebook = codebook_of(spec.data, spec.location)
    backend = LexicalSimilarity()
    return [(article_id, label_claims(claims, codebook, backend)) for article_id, claims in batch]


Engine = Literal["local", "dask"]
