"""The corpus as one object: what the command line and the desktop app both work with.

Everything is plain Python: progress arrives through a callback, a long import can be
stopped by ``should_stop`` returning True between batches, and nothing here knows about Qt.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from claimdiff.base.errors import InputError
from claimdiff.base.model import Article, Claim
from claimdiff.corpus import records, store
from claimdiff.corpus.corrections import Correction, CorrectionStack, save
from claimdiff.corpus.timeline import (
    ClaimHit,
    claims_behind,
    corpus_timeline,
    corpus_timelines,
    update_timelines,
)
from claimdiff.labels.codebook import Codebook, is_shipped

if TYPE_CHECKING:  # the analysis stack: loaded by an import or a labelling, not to read
    from claimdiff.corpus.engine import Engine
    from claimdiff.corpus.importer import ImportSummary, Progress
    from claimdiff.corpus.work import CodebookSpec

SORTS = ("date", "source", "title", "claims", "positions")  # what the Articles tab sorts by
PAGE_QUERY = 500  # row ids per query: below SQLite's limit on bound parameters


def _word_filter(words: Sequence[str]) -> tuple[str, dict[str, object]]:
    """SQL keeping the listing rows whose title or source contains every word (ASCII case)."""
    clauses, params = ["1"], dict[str, object]()
    for n, word in enumerate(words):
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params[f"w{n}"] = f"%{escaped}%"
        clauses.append(
            f"(l.title LIKE :w{n} ESCAPE '\\' OR COALESCE(l.source, '') LIKE :w{n} ESCAPE '\\')"
        )
    return " AND ".join(clauses), params


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """One line of the articles panel; title, source and date as the analyst corrected them."""

    id: int
    key: str
    location: str
    title: str
    source: str | None
    date: str | None
    claims: int
    positions: int  # labelled claims (machine or analyst) for the codebook asked about


@dataclass(frozen=True, slots=True)
class EffectiveLabel:
    """A label in force on a claim, and whose it is."""

    topic: str
    position: str
    score: float
    evidence: str
    decided_by: str
    origin: str  # "machine" or "analyst"
    who: str | None = None
    at: str | None = None


def codebook_spec(codebook: Codebook) -> CodebookSpec:
    from claimdiff.corpus.work import CodebookSpec

    path = Path(codebook.path)
    if not path.is_file():
        raise InputError(codebook.path, "codebook file not found; workers need its text")
    return CodebookSpec(path.read_bytes(), codebook.path)


def make_engine(engine: str, workers: int, scheduler: str | None, expected: int | None) -> Engine:
    if engine == "dask":
        from claimdiff.corpus.distributed import DaskEngine

        return DaskEngine(scheduler, workers)
    from claimdiff.corpus.engine import local_engine

    if engine != "local":
        raise InputError(engine, "unknown engine; use local or dask")
    return local_engine(workers, expected)


class Corpus:
    """An open ``.claimdiff`` file. Use as a context manager, or call ``close``."""

    def __init__(self, path: str | Path, conn: sqlite3.Connection) -> None:
        self.path = Path(path)
        self.conn = conn
        conn.row_factory = sqlite3.Row

    @classmethod
    def create(cls, path: str | Path) -> Corpus:
        return cls(path, store.create_store(path))

    @classmethod
    def open(cls, path: str | Path, check: bool | None = None) -> Corpus:
        """``check``: the integrity check; None runs it only after an unclean shutdown."""
        return cls(path, store.open_store(path, check))

    def check(self) -> None:
        """SQLite's integrity check, on demand; a damaged file raises InputError."""
        try:
            store.integrity(self.conn)
        except sqlite3.DatabaseError as exc:
            raise store.guard(str(self.path))(exc) from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # the codebook in use -----------------------------------------------------------------

    def codebook_location(self) -> str | None:
        """The file of the codebook the analyst last worked with here ("": the shipped one).

        None for a corpus that never recorded one (made before this was stored). The file
        may have gone since; the caller decides what to use instead.
        """
        return store.read_meta(self.conn, store.CODEBOOK_KEY)

    def remember_codebook(self, codebook: Codebook) -> None:
        """Record ``codebook`` as the one this corpus reopens with."""
        location = "" if is_shipped(codebook) else str(Path(codebook.path).resolve())
        if self.codebook_location() != location:
            store.write_meta(self.conn, store.CODEBOOK_KEY, location)

    # import and labelling ---------------------------------------------------------------

    def import_paths(
        self,
        paths: Sequence[str | Path],
        codebook: Codebook | None = None,
        *,
        mapping: dict[str, str] | None = None,
        fmt: str | None = None,
        engine: str = "local",
        workers: int = 2,
        scheduler: str | None = None,
        batch_size: int = 200,
        progress: Callable[[Progress], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> ImportSummary:
        """Import files, folders, URLs and tables; with a codebook, label as they come in."""
        from claimdiff.corpus.importer import Importer, Options, check_paths

        check_paths(paths)
        spec = codebook_spec(codebook) if codebook is not None else None
        labelset = None
        if codebook is not None:
            with self.conn:
                labelset = records.labelset_for(self.conn, codebook)
        options = Options(mapping or {}, fmt, batch_size, progress, should_stop)
        runner = make_engine(engine, workers, scheduler, None)
        return Importer(self.conn, runner, spec, labelset, options).run(paths)

    def label(
        self,
        codebook: Codebook,
        *,
        engine: str = "local",
        workers: int = 2,
        scheduler: str | None = None,
        batch_size: int = 200,
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Label every article not yet labelled with this codebook; claims are reused as stored.

        Returns how many articles were labelled: 0 when the codebook is unchanged.
        """
        with self.conn:
            labelset = records.labelset_for(self.conn, codebook)
        assert labelset is not None
        todo = [
            int(r[0])
            for r in self.conn.execute(
                # the narrow listing, not the articles with their texts: 0.3 s, not 1 s, at 100k
                "SELECT id FROM listing WHERE id NOT IN "
                "(SELECT article_id FROM labelled WHERE labelset = ?) ORDER BY id",
                (labelset,),
            )
        ]
        if not todo:
            return 0  # and the analysis stack is not even imported
        from claimdiff.corpus.work import relabel_batch

        runner = make_engine(engine, workers, scheduler, len(todo))
        batches = self._claim_batches(todo, batch_size)
        done = 0
        try:
            for batch in runner.map(relabel_batch, batches, codebook_spec(codebook)):
                with self.conn:
                    for article_id, claims in batch:
                        ids, _ = records.read_claims(self.conn, article_id)
                        records.insert_labels(self.conn, labelset, article_id, ids, claims)
                done += len(batch)
                if progress is not None:
                    progress(done, len(todo))
        finally:
            runner.close()
        return done

    def _claim_batches(
        self, todo: list[int], size: int
    ) -> Iterator[list[tuple[int, tuple[Claim, ...]]]]:
        for start in range(0, len(todo), size):
            yield [(i, records.read_claims(self.conn, i)[1]) for i in todo[start : start + size]]

    def labelset(self, codebook: Codebook) -> int | None:
        return records.labelset_for(self.conn, codebook, create=False)

    def _labelset(self, codebook: Codebook) -> int:
        found = self.labelset(codebook)
        if found is None:
            raise InputError(str(self.path), f"not labelled with codebook {codebook.name!r} yet")
        return found

    # reading ------------------------------------------------------------------------------

    def articles(self, codebook: Codebook | None = None) -> list[ArticleInfo]:
        """Every article by date and key, undated last (what ``corpus list`` prints)."""
        rows = self.article_rows(codebook, self.article_ids(codebook)).values()
        return sorted(rows, key=lambda a: (a.date is None, a.date or "", a.key))

    def article_ids(
        self,
        codebook: Codebook | None = None,
        sort: str = "date",
        descending: bool = False,
        words: Sequence[str] = (),
    ) -> list[int]:
        """Row ids of the articles whose title or source holds every word, in ``sort`` order.

        ``sort`` is one of SORTS; ties keep import order. One indexed query over the narrow
        listing table, so a view can hold 100,000 ids and read rows a page at a time.
        """
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")
        labelset = self.labelset(codebook) if codebook is not None else None
        way = "DESC" if descending else "ASC"
        column = "COALESCE(p.positions, 0)" if sort == "positions" else f"l.{sort}"
        join = (
            "LEFT JOIN labelled p ON p.article_id = l.id AND p.labelset = :labelset"
            if sort == "positions"
            else ""
        )
        where, params = _word_filter(words)
        params["labelset"] = labelset
        query = f"SELECT l.id FROM listing l {join} WHERE {where} "
        query += f"ORDER BY {column} {way}, l.id {way}"
        return [int(r[0]) for r in self.conn.execute(query, params)]

    def article_rows(self, codebook: Codebook | None, ids: Sequence[int]) -> dict[int, ArticleInfo]:
        """The listed articles with these row ids (a page of a view), by id."""
        labelset = self.labelset(codebook) if codebook is not None else None
        found: dict[int, ArticleInfo] = {}
        for start in range(0, len(ids), PAGE_QUERY):
            part = list(ids[start : start + PAGE_QUERY])
            marks = ", ".join("?" * len(part))
            rows = self.conn.execute(
                "SELECT l.id, l.key, l.location, l.title, l.source, l.date, l.claims, "
                "COALESCE(p.positions, 0) FROM listing l "
                "LEFT JOIN labelled p ON p.article_id = l.id AND p.labelset IS ? "
                f"WHERE l.id IN ({marks})",
                (labelset, *part),
            )
            found.update((int(r[0]), ArticleInfo(*tuple(r))) for r in rows)
        return found

    def article_info(self, key: str, codebook: Codebook | None = None) -> ArticleInfo | None:
        """One listed article by its key; None when the corpus holds no such article."""
        row = self.conn.execute("SELECT id FROM articles WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        return self.article_rows(codebook, [int(row[0])]).get(int(row[0]))

    def count_articles(self, words: Sequence[str] = ()) -> int:
        where, params = _word_filter(words)
        return int(self.conn.execute(f"SELECT COUNT(*) FROM listing l WHERE {where}", params)
                   .fetchone()[0])  # fmt: skip

    def article(self, key: str) -> Article:
        """The article as imported (machine fields); see ``articles`` for corrected ones."""
        row = self.conn.execute("SELECT * FROM articles WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise InputError(key, "no such article in the corpus")
        return records.read_article(row)

    def claims(self, key: str, codebook: Codebook | None = None) -> tuple[Claim, ...]:
        """Stored claims with the machine labels of ``codebook`` (none without one)."""
        labelset = self.labelset(codebook) if codebook is not None else None
        return records.read_claims(self.conn, self._article_id(key), labelset)[1]

    def items(self, codebook: Codebook) -> Iterator[tuple[Article, tuple[Claim, ...]]]:
        """(article, labelled claims) pairs as claimdiff.timeline.timeline.timeline_frame takes
        them.
        """
        labelset = self._labelset(codebook)
        for row in self.conn.execute("SELECT * FROM articles ORDER BY id").fetchall():
            article = records.read_article(row)
            yield article, records.read_claims(self.conn, int(row["id"]), labelset)[1]

    def _article_id(self, key: str) -> int:
        row = self.conn.execute("SELECT id FROM articles WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise InputError(key, "no such article in the corpus")
        return int(row[0])

    def effective_labels(self, key: str, codebook: Codebook) -> dict[str, list[EffectiveLabel]]:
        """Labels in force per claim id: the analyst's where they corrected, else the machine's.

        Claims the analyst marked "not a claim" are left out.
        """
        claims = self.claims(key, codebook)
        fixes = self._position_fixes(self._article_id(key))
        dropped = self._dropped(self._article_id(key))
        result: dict[str, list[EffectiveLabel]] = {}
        for claim in claims:
            if claim.id in dropped:
                continue
            mine = {t: f for (cid, t), f in fixes.items() if cid == claim.id}
            labels = [
                EffectiveLabel(
                    lab.topic, lab.position, lab.score, lab.evidence, lab.decided_by, "machine"
                )
                for lab in claim.labels
                if lab.topic not in mine
            ]
            labels += [
                EffectiveLabel(t, f[0], 1.0, claim.text, "analyst", "analyst", f[1], f[2])
                for t, f in mine.items()
                if f[0] is not None
            ]
            result[claim.id] = labels
        return result

    def _position_fixes(self, article_id: int) -> dict[tuple[str, str], tuple[Any, str, str]]:
        rows = self.conn.execute(
            "SELECT claim_cid, topic, value, who, at FROM current_corrections "
            "WHERE kind = 'position' AND article_id = ?",
            (article_id,),
        )
        return {(r[0], r[1]): (r[2], r[3], r[4]) for r in rows}

    def _dropped(self, article_id: int) -> set[str]:
        rows = self.conn.execute(
            "SELECT claim_cid FROM current_corrections WHERE kind = 'not_claim' "
            "AND value IS NOT NULL AND article_id = ?",
            (article_id,),
        )
        return {r[0] for r in rows}

    def links(self, key: str) -> list[tuple[str, str, str]]:
        """Confirmed or rejected links from this article's claims: (left, right, verdict)."""
        rows = self.conn.execute(
            "SELECT claim_cid, other_cid, value FROM current_corrections "
            "WHERE kind = 'link' AND article_id = ?",
            (self._article_id(key),),
        )
        return [(r[0], r[1], r[2]) for r in rows]

    # timeline -----------------------------------------------------------------------------

    def timeline(self, codebook: Codebook, freq: str = "year", by: str | None = None) -> Any:
        """period, topic, position, count, share [, by], article_share; corrections in force."""
        return corpus_timeline(self.conn, self._labelset(codebook), freq, by)

    def timelines(
        self, codebook: Codebook, freqs: Sequence[str], by: str | None = None
    ) -> dict[str, Any]:
        """``timeline`` at several periods for about the cost of one: {freq: frame}."""
        return corpus_timelines(self.conn, self._labelset(codebook), freqs, by)

    def update_timelines(
        self, codebook: Codebook, frames: dict[str, Any], key: str, dates: Sequence[str | None]
    ) -> dict[str, Any]:
        """Unsplit ``frames`` after a correction of article ``key``: only its periods again.

        ``dates``: dates it may have had that the file no longer holds (an undone date).
        """
        article_id = self._article_id(key)
        held = self.conn.execute(
            "SELECT date FROM articles WHERE id = :a UNION SELECT date FROM listing WHERE id = :a "
            "UNION SELECT value FROM corrections WHERE kind = 'date' AND article_id = :a",
            {"a": article_id},
        )
        days = [r[0] for r in held] + list(dates)
        return update_timelines(self.conn, self._labelset(codebook), frames, days)

    def claims_behind(
        self,
        codebook: Codebook,
        freq: str,
        period: str,
        topic: str,
        position: str,
        *,
        by: str | None = None,
        value: str | None = None,
    ) -> list[ClaimHit]:
        """The claims behind one timeline cell; ``value`` is the speaker or source with ``by``."""
        labelset = self._labelset(codebook)
        cell = (period, topic, position)
        return claims_behind(self.conn, labelset, freq, cell, by=by, value=value)

    # corrections --------------------------------------------------------------------------

    def undo_stack(
        self, who: str | None = None, on_change: Callable[[], None] | None = None
    ) -> CorrectionStack:
        return CorrectionStack(self.conn, who, on_change)

    def correct(self, fix: Correction, who: str | None = None) -> int:
        """Save one correction outside any undo stack (e.g. from a script)."""
        return save(self.conn, fix, who)

    def corrections(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT k.id, k.kind, a.key AS article, k.claim_cid AS claim, k.topic, "
            "k.other_cid AS other_claim, k.value, k.who, k.at "
            "FROM corrections k JOIN articles a ON a.id = k.article_id ORDER BY k.id"
        )
        return [dict(r) for r in rows]

    def count(self, table: str) -> int:
        if table not in ("articles", "claims", "labels", "corrections", "sources"):
            raise ValueError(table)
        return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
