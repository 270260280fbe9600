"""Articles, claims and labels to and from their rows in the corpus file.

Every field of ``Article`` and ``Claim`` is stored (a claim's sentence, source, cue and mentions
since schema version 3), so what is read back equals what the
analysis produced and labels can be recomputed from stored claims alone.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from claimdiff import __version__
from claimdiff.base.model import (
    Article,
    Claim,
    Label,
    Mention,
    Span,
    make_claim_id,
    split_claim_id,
)
from claimdiff.labels.codebook import Codebook

# Corpus labels always use the lexical similarity backend (claimdiff.corpus.work says why);
# it is part of every labelset's key.
LABEL_BACKEND = "lexical"
LARGE_TEXT = 4_000_000  # characters; longer texts are read again from their file when needed

ARTICLE_COLUMNS = (
    "key, location, url, title, source, date, date_source, format, checksum, text_sha, "
    "text, text_path, spans"
)


def claim_number(claim: Claim) -> int:
    return split_claim_id(claim.id)[1]


def rekey(article: Article, claims: Sequence[Claim], key: str) -> tuple[Article, tuple[Claim, ...]]:
    """The article and its claims under the id it was given in the corpus."""
    if article.id == key:
        return article, tuple(claims)
    renamed = tuple(
        replace(c, id=make_claim_id(key, claim_number(c)), article_id=key) for c in claims
    )
    return replace(article, id=key), renamed


def article_values(article: Article, text_sha: str, url: str | None) -> tuple[object, ...]:
    large = len(article.text) > LARGE_TEXT and "://" not in article.location
    spans = json.dumps([[s.start, s.end, s.kind] for s in article.spans])
    return (
        article.id, article.location, url, article.title, article.source, article.date,
        article.date_source, article.format, article.checksum, text_sha,
        None if large else article.text, article.location if large else None, spans,
    )  # fmt: skip


def insert_article(
    conn: sqlite3.Connection, article: Article, text_sha: str, url: str | None
) -> int:
    marks = ", ".join("?" * 13)
    cur = conn.execute(
        f"INSERT INTO articles ({ARTICLE_COLUMNS}) VALUES ({marks})",
        article_values(article, text_sha, url),
    )
    return int(cur.lastrowid or 0)


def replace_article(
    conn: sqlite3.Connection, article_id: int, article: Article, text_sha: str, url: str | None
) -> None:
    """A changed file: new text and claims under the same row, so corrections stay attached."""
    conn.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM labelled WHERE article_id = ?", (article_id,))
    sets = ", ".join(f"{c.strip()} = ?" for c in ARTICLE_COLUMNS.split(","))
    conn.execute(
        f"UPDATE articles SET {sets} WHERE id = ?",
        (*article_values(article, text_sha, url), article_id),
    )


def insert_claims(conn: sqlite3.Connection, article_id: int, claims: Sequence[Claim]) -> list[int]:
    ids: list[int] = []
    for c in claims:
        cur = conn.execute(
            'INSERT INTO claims (article_id, cid, n, text, start, "end", speaker, quote, '
            "negated, hedged, cues, entities, sentence_start, sentence_end, source_span, cue, "
            "cue_span, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id, c.id, claim_number(c), c.text, c.start, c.end, c.speaker,
                int(c.quote), int(c.negated), int(c.hedged), json.dumps(list(c.cues)),
                json.dumps(list(c.entities)), c.sentence_start, c.sentence_end,
                _span_json(c.source_span), c.cue, _span_json(c.cue_span),
                json.dumps([[m.label, m.text, m.start, m.end, m.value] for m in c.mentions]),
            ),
        )  # fmt: skip
        ids.append(int(cur.lastrowid or 0))
    return ids


def _span_json(span: tuple[int, int] | None) -> str | None:
    return None if span is None else json.dumps(list(span))


def _span(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    start, end = json.loads(value)
    return int(start), int(end)


def insert_labels(
    conn: sqlite3.Connection,
    labelset: int,
    article_id: int,
    claim_ids: Sequence[int],
    claims: Sequence[Claim],
) -> None:
    rows = [
        (cid, labelset, lab.topic, lab.position, lab.score, lab.evidence, lab.decided_by)
        for cid, claim in zip(claim_ids, claims, strict=True)
        for lab in claim.labels
    ]
    conn.executemany("INSERT INTO labels VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    conn.execute(
        "INSERT OR IGNORE INTO labelled (article_id, labelset) VALUES (?, ?)",
        (article_id, labelset),
    )


def labelset_for(conn: sqlite3.Connection, codebook: Codebook, create: bool = True) -> int | None:
    """The labelset of this codebook (by content), claimdiff version and backend."""
    key = (codebook.sha256, __version__, LABEL_BACKEND)
    found = conn.execute(
        "SELECT id FROM labelsets WHERE codebook_sha = ? AND version = ? AND backend = ?", key
    ).fetchone()
    if found is not None or not create:
        return None if found is None else int(found[0])
    data = Path(codebook.path).read_bytes() if Path(codebook.path).is_file() else b""
    conn.execute(
        "INSERT OR IGNORE INTO codebooks VALUES (?, ?, ?, ?)",
        (codebook.sha256, codebook.name, codebook.path, data),
    )
    cur = conn.execute(
        "INSERT INTO labelsets (codebook_sha, version, backend) VALUES (?, ?, ?)", key
    )
    return int(cur.lastrowid or 0)


def read_article(row: sqlite3.Row) -> Article:
    """An article from its row; large texts are read again from their file."""
    text = row["text"]
    if text is None:
        from claimdiff.ingest.load import load_article

        text = load_article(row["text_path"]).text
    spans = tuple(Span(int(s), int(e), k) for s, e, k in json.loads(row["spans"]))
    return Article(
        id=row["key"], location=row["location"], title=row["title"], source=row["source"],
        date=row["date"], date_source=row["date_source"], text=text, spans=spans,
        checksum=row["checksum"], format=row["format"],
    )  # fmt: skip


def read_claims(
    conn: sqlite3.Connection, article_id: int, labelset: int | None = None
) -> tuple[tuple[int, ...], tuple[Claim, ...]]:
    """The stored claims of an article (row ids and claims), with a labelset's labels."""
    rows = conn.execute(
        "SELECT c.*, a.key FROM claims c JOIN articles a ON a.id = c.article_id "
        "WHERE c.article_id = ? ORDER BY c.id",
        (article_id,),
    ).fetchall()
    labels: dict[int, list[Label]] = {}
    if labelset is not None:
        # CROSS JOIN keeps the article's claims as the outer loop: the labels are then found
        # by primary key, never by scanning a labelset of the whole corpus.
        for lab in conn.execute(
            "SELECT l.* FROM claims c CROSS JOIN labels l "
            "WHERE c.article_id = ? AND l.labelset = ? AND l.claim_id = c.id "
            "ORDER BY l.claim_id, l.rowid",
            (article_id, labelset),
        ):
            labels.setdefault(lab["claim_id"], []).append(
                Label(
                    lab["topic"], lab["position"], lab["score"], lab["evidence"], lab["decided_by"]
                )
            )
    claims = tuple(
        Claim(
            id=r["cid"],
            article_id=r["key"],
            text=r["text"],
            start=r["start"],
            end=r["end"],
            speaker=r["speaker"],
            quote=bool(r["quote"]),
            negated=bool(r["negated"]),
            hedged=bool(r["hedged"]),
            cues=tuple(json.loads(r["cues"])),
            entities=tuple(json.loads(r["entities"])),
            labels=tuple(labels.get(r["id"], ())),
            source_span=_span(r["source_span"]),
            cue=r["cue"],
            cue_span=_span(r["cue_span"]),
            sentence_start=r["sentence_start"],
            sentence_end=r["sentence_end"],
            mentions=tuple(
                Mention(label, text, int(start), int(end), value)
                for label, text, start, end, value in json.loads(r["mentions"])
            ),
        )
        for r in rows
    )
    return tuple(int(r["id"]) for r in rows), claims
