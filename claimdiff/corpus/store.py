"""The corpus file: one SQLite database holding articles, claims, labels and corrections.

SQLite because a corpus must be a single file an analyst can copy, open on another machine
and keep for years, with transactions so an interrupted import never leaves half an article.
WAL mode lets a timeline be read while an import writes. Machine labels are keyed by the
codebook's sha256, the claimdiff version and the similarity backend, so a changed codebook
re-labels only what it must and the claims are never extracted twice; analyst corrections
live in their own table that no re-run ever writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from claimdiff.base.errors import InputError

SCHEMA_VERSION = 3
APPLICATION_ID = 0x436C4466  # "ClDf": tells a corpus file apart from any other SQLite file
SUFFIX = ".claimdiff"
# Rows of the ``meta`` table (there since version 1, so no migration is needed to add them):
CODEBOOK_KEY = "codebook"  # the codebook the analyst works with: its file, "" for the shipped one

# Claims of one article that carry a label in force for ``labelset``: a machine label on a
# topic the analyst did not correct, or the analyst's position; "not a claim" ones left out.
POSITIONS = """(
    SELECT COUNT(*) FROM claims c WHERE c.article_id = {article}
    AND NOT EXISTS (SELECT 1 FROM current_corrections k WHERE k.kind = 'not_claim'
        AND k.article_id = c.article_id AND k.claim_cid = c.cid AND k.value IS NOT NULL)
    AND (EXISTS (SELECT 1 FROM labels l WHERE l.labelset = labelled.labelset
            AND l.claim_id = c.id AND NOT EXISTS (
                SELECT 1 FROM current_corrections k WHERE k.kind = 'position'
                AND k.article_id = c.article_id AND k.claim_cid = c.cid AND k.topic = l.topic))
        OR EXISTS (SELECT 1 FROM current_corrections k WHERE k.kind = 'position'
            AND k.article_id = c.article_id AND k.claim_cid = c.cid AND k.value IS NOT NULL)))"""
LISTING_ROW = """SELECT v.id, v.key, v.location, v.title, v.source, v.date,
    (SELECT COUNT(*) FROM claims c WHERE c.article_id = v.id) FROM article_view v
    WHERE {where}"""
# The Articles tab reads pages of this narrow table (indexed for every sortable column) instead
# of the wide articles rows and the corrections view; triggers keep it, and the position
# counts in ``labelled``, equal to a full recount on every write by any program.
LISTING = f"""
CREATE TABLE listing (                 -- articles as the analyst corrected them, with counts
    id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    location TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT,
    date TEXT,
    claims INTEGER NOT NULL
);
CREATE INDEX listing_key ON listing(key);
CREATE INDEX listing_title ON listing(title);
CREATE INDEX listing_source ON listing(source);
CREATE INDEX listing_date ON listing(date);
CREATE INDEX listing_claims ON listing(claims);
CREATE INDEX labelled_positions ON labelled(labelset, positions);
CREATE TRIGGER listing_insert AFTER INSERT ON articles BEGIN
    INSERT INTO listing {LISTING_ROW.format(where="v.id = new.id")};
END;
CREATE TRIGGER listing_update AFTER UPDATE ON articles BEGIN
    INSERT OR REPLACE INTO listing {LISTING_ROW.format(where="v.id = new.id")};
END;
CREATE TRIGGER claims_insert AFTER INSERT ON claims BEGIN
    UPDATE listing SET claims = claims + 1 WHERE id = new.article_id;
END;
CREATE TRIGGER claims_delete AFTER DELETE ON claims BEGIN
    UPDATE listing SET claims = claims - 1 WHERE id = old.article_id;
END;
CREATE TRIGGER labelled_insert AFTER INSERT ON labelled BEGIN
    UPDATE labelled SET positions = {POSITIONS.format(article="new.article_id")}
    WHERE labelset = new.labelset AND article_id = new.article_id;
END;
CREATE TRIGGER corrections_insert AFTER INSERT ON corrections BEGIN
    INSERT OR REPLACE INTO listing {LISTING_ROW.format(where="v.id = new.article_id")};
    UPDATE labelled SET positions = {POSITIONS.format(article="new.article_id")}
    WHERE article_id = new.article_id AND new.kind IN ('position', 'not_claim');
END;
CREATE TRIGGER corrections_delete AFTER DELETE ON corrections BEGIN
    INSERT OR REPLACE INTO listing {LISTING_ROW.format(where="v.id = old.article_id")};
    UPDATE labelled SET positions = {POSITIONS.format(article="old.article_id")}
    WHERE article_id = old.article_id AND old.kind IN ('position', 'not_claim');
END;
"""

# Version 3: what a claim read back needs to equal the claim analysed from the file: its
# sentence (context), the source and cue of its speaker, and its typed mentions. NULL (and
# "[]" for mentions) in rows written before, as the model's defaults for claims of that age.
CLAIM_CONTEXT = (
    "sentence_start INTEGER",
    "sentence_end INTEGER",
    "source_span TEXT",  # JSON [start, end] or NULL
    "cue TEXT",
    "cue_span TEXT",  # JSON [start, end] or NULL
    "mentions TEXT NOT NULL DEFAULT '[]'",  # JSON [[label, text, start, end, value], ...]
)

SCHEMA = (
    """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,          -- Article.id inside the corpus; claim ids start with it
    location TEXT NOT NULL,
    url TEXT,
    title TEXT NOT NULL,
    source TEXT,
    date TEXT,                         -- YYYY-MM-DD or NULL
    date_source TEXT NOT NULL,
    format TEXT NOT NULL,
    checksum TEXT NOT NULL,            -- sha256 of the bytes read (Article.checksum)
    text_sha TEXT NOT NULL UNIQUE,     -- sha256 of the decoded text: duplicates are stored once
    text TEXT,                         -- NULL when too large: then read again from text_path
    text_path TEXT,
    spans TEXT NOT NULL                -- JSON [[start, end, kind], ...]
);
CREATE INDEX articles_date ON articles(date);
CREATE TABLE sources (                 -- what was read, so a re-import skips it unread
    location TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    rows INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    cid TEXT NOT NULL UNIQUE,          -- Claim.id, e.g. "004:c7"
    n INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    speaker TEXT,
    quote INTEGER NOT NULL,
    negated INTEGER NOT NULL,
    hedged INTEGER NOT NULL,
    cues TEXT NOT NULL,                -- JSON list
    entities TEXT NOT NULL,            -- JSON list
{claim_context}
);
CREATE INDEX claims_article ON claims(article_id);
CREATE TABLE codebooks (
    sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, path TEXT NOT NULL, data BLOB NOT NULL
);
CREATE TABLE labelsets (               -- one per codebook x claimdiff version x backend
    id INTEGER PRIMARY KEY,
    codebook_sha TEXT NOT NULL REFERENCES codebooks(sha256),
    version TEXT NOT NULL,
    backend TEXT NOT NULL,
    UNIQUE (codebook_sha, version, backend)
);
CREATE TABLE labelled (                -- articles done for a labelset, labels or not
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    labelset INTEGER NOT NULL REFERENCES labelsets(id) ON DELETE CASCADE,
    positions INTEGER NOT NULL DEFAULT 0,  -- claims with a label in force (store.POSITIONS)
    PRIMARY KEY (labelset, article_id)
);
CREATE INDEX labelled_article ON labelled(article_id);
CREATE TABLE labels (
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    labelset INTEGER NOT NULL REFERENCES labelsets(id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    position TEXT NOT NULL,
    score REAL NOT NULL,
    evidence TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    PRIMARY KEY (labelset, claim_id, topic)
);
CREATE TABLE corrections (             -- the analyst's; the newest per target is in force
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,                -- position, not_claim, link, date, title, source
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    claim_cid TEXT,                    -- the claim (position, not_claim, link: left claim)
    topic TEXT,
    other_cid TEXT,                    -- link: right claim
    value TEXT,                        -- NULL: position removed / not_claim withdrawn
    who TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX corrections_target ON corrections(kind, article_id);
CREATE VIEW current_corrections AS
    SELECT c.* FROM corrections c WHERE c.id = (
        SELECT MAX(d.id) FROM corrections d
        WHERE d.kind = c.kind AND d.article_id = c.article_id AND d.claim_cid IS c.claim_cid
            AND d.topic IS c.topic AND d.other_cid IS c.other_cid);
CREATE VIEW article_view AS       -- articles as the analyst corrected them
    SELECT a.id, a.key, a.location, a.url,
        COALESCE((SELECT value FROM current_corrections k
                  WHERE k.kind = 'title' AND k.article_id = a.id), a.title) AS title,
        COALESCE((SELECT value FROM current_corrections k
                  WHERE k.kind = 'source' AND k.article_id = a.id), a.source) AS source,
        COALESCE((SELECT value FROM current_corrections k
                  WHERE k.kind = 'date' AND k.article_id = a.id), a.date) AS date
    FROM articles a;
CREATE TABLE features (                -- cached similarity features or embeddings
    text_sha TEXT NOT NULL,
    model TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (text_sha, model)
);
""".replace("{claim_context}", ",\n".join(f"    {c}" for c in CLAIM_CONTEXT))
    + LISTING
)


def _add_listing(conn: sqlite3.Connection) -> None:
    """Version 1 to 2: the listing and the per-labelset position counts, filled once."""
    conn.execute("ALTER TABLE labelled ADD COLUMN positions INTEGER NOT NULL DEFAULT 0")
    conn.execute("CREATE INDEX labelled_article ON labelled(article_id)")
    for statement in _statements(LISTING):
        conn.execute(statement)
    recount(conn)


def _add_claim_context(conn: sqlite3.Connection) -> None:
    """Version 2 to 3: the claims' sentence, source, cue and mentions columns (empty)."""
    for column in CLAIM_CONTEXT:
        conn.execute(f"ALTER TABLE claims ADD COLUMN {column}")


def _statements(script: str) -> list[str]:
    """A script as single statements (triggers hold semicolons), for use inside a transaction."""
    found: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            found.append(current.strip())
            current = ""
    return found


def recount(conn: sqlite3.Connection) -> None:
    """Every listing row and position count computed afresh: what the triggers keep up."""
    conn.execute("DELETE FROM listing")
    conn.execute(f"INSERT INTO listing {LISTING_ROW.format(where='1')}")
    count = POSITIONS.format(article="labelled.article_id")
    conn.execute(f"UPDATE labelled SET positions = {count}")


# Each entry upgrades a store from version i+1 to i+2; append here when the schema changes.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_add_listing, _add_claim_context)


def create_store(path: str | Path) -> sqlite3.Connection:
    """A new, empty corpus file; refuses to overwrite anything that exists."""
    target = Path(path)
    if target.exists():
        raise InputError(str(target), "already exists")
    try:
        conn = sqlite3.connect(target, isolation_level=None, timeout=1.0)
        _configure(conn)
        conn.executescript(
            f"BEGIN; {SCHEMA} PRAGMA application_id = {APPLICATION_ID};"
            f" PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
        )
    except sqlite3.Error as exc:
        raise InputError(str(target), f"cannot create corpus: {exc}") from exc
    return conn


def open_store(path: str | Path, check: bool | None = None) -> sqlite3.Connection:
    """Open an existing corpus file, upgrading an older schema; refuse anything else.

    ``check`` runs SQLite's integrity check (about 0.4 s at 280 MB). None, the default,
    runs it only after an unclean shutdown: a write-ahead log left behind by a program that
    did not close the file (SQLite removes it when the last connection closes). A program
    that already holds the file open passes False for its further connections.
    """
    target = Path(path)
    where = str(target)
    if not target.is_file():
        raise InputError(where, "no such corpus file (create it with `claimdiff corpus create`)")
    with target.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise InputError(where, "not a claimdiff corpus file")
    if check is None:
        check = unclean(target)
    try:
        conn = sqlite3.connect(target, isolation_level=None, timeout=1.0)
        _configure(conn)
        app_id, version = _identity(conn)
        if check:
            integrity(conn)
    except sqlite3.DatabaseError as exc:
        raise InputError(where, _problem(exc)) from exc
    if app_id != APPLICATION_ID:
        conn.close()
        raise InputError(where, "not a claimdiff corpus file")
    if version > SCHEMA_VERSION:
        conn.close()
        raise InputError(
            where,
            f"corpus schema version {version} is newer than this claimdiff supports "
            f"({SCHEMA_VERSION}); upgrade claimdiff",
        )
    if version < SCHEMA_VERSION:
        _migrate(conn, version, where)
    return conn


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    # WAL makes NORMAL durable against a crash of the program; only power loss can lose the
    # very last commits, never corrupt the file.
    conn.execute("PRAGMA synchronous = NORMAL")


def unclean(target: Path) -> bool:
    """True when a non-empty write-ahead log sits beside the file (crash, or open elsewhere)."""
    log = target.with_name(target.name + "-wal")
    return log.is_file() and log.stat().st_size > 0


def _identity(conn: sqlite3.Connection) -> tuple[int, int]:
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    return app_id, version


def integrity(conn: sqlite3.Connection) -> None:
    """SQLite's quick check; a damaged file raises DatabaseError("damaged (...)")."""
    check = str(conn.execute("PRAGMA quick_check").fetchone()[0])
    if check != "ok":
        # SQLite lists the damage over several lines; the user gets one: the first finding.
        found = [line for line in check.splitlines() if line.strip() and "***" not in line]
        raise sqlite3.DatabaseError(f"damaged ({found[0] if found else check.strip()})")


def _problem(exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return "corpus is locked by another program; close it there and try again"
    if "not a database" in text or "malformed" in text or "damaged" in text:
        return f"corpus file is corrupt ({text})"
    return f"cannot open corpus ({text})"


def _migrate(conn: sqlite3.Connection, version: int, where: str) -> None:
    """Run every migration from ``version`` up, in one transaction so a failure changes nothing."""
    steps = MIGRATIONS[version - 1 :] if version >= 1 else ()
    if version < 1 or len(steps) != SCHEMA_VERSION - version:
        conn.close()
        raise InputError(where, f"unknown corpus schema version {version}")
    conn.execute("BEGIN IMMEDIATE")
    for step in steps:
        step(conn)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute("COMMIT")


def read_meta(conn: sqlite3.Connection, key: str) -> str | None:
    """A value of the ``meta`` table; None when the corpus never stored one (an older file)."""
    found = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if found is None else str(found[0])


def write_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def guard(where: str) -> Callable[[sqlite3.Error], InputError]:
    """Turn a database error met while working into the one-line message the user sees."""

    def convert(exc: sqlite3.Error) -> InputError:
        if isinstance(exc, sqlite3.DatabaseError):
            return InputError(where, _problem(exc))
        return InputError(where, str(exc))

    return convert
