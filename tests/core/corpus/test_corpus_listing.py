"""The listing the Articles tab pages through: equal to a plain recount, sorted and filtered right.

The listing and the position counts are kept by triggers as articles, claims, labels and
corrections are written; every test here compares them with what is computed from scratch,
in Python, from the raw rows and ``Corpus.effective_labels`` (the labels in force).
"""

from __future__ import annotations

import csv
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimdiff.corpus import Corpus, Correction, store
from claimdiff.corpus.corpus import SORTS
from claimdiff.labels.codebook import Codebook, load_codebook

SEED = "004_ae97e33e177aeab3"
OTHER = "000_fbd7af67a7761638"
OUTLETS = ("Reuters", "AP", "", "Agence France-Presse", "TASS")


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return load_codebook()


@pytest.fixture
def corpus(tmp_path: Path, seeds_dir: Path, codebook: Codebook) -> Corpus:
    """The five seeds and 24 table rows: undated ones, ones without an outlet, ties of date."""
    table = tmp_path / "rows.csv"
    with table.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "date", "title", "source", "text"])
        for n in range(24):
            date = "" if n % 7 == 3 else f"20{10 + n % 5:02d}-0{1 + n % 9}-1{n % 3}"
            text = (f"Officials said on Monday that talks on item {n} had stalled. "
                    "The ambassador said Iran poses a threat.")  # fmt: skip
            out.writerow([f"r{n}", date, f"Report {n % 6} on arms_{n}%", OUTLETS[n % 5], text])
    opened = Corpus.create(tmp_path / "c.claimdiff")
    opened.import_paths([seeds_dir, table], codebook, workers=1)
    return opened


def reference(corpus: Corpus, codebook: Codebook) -> dict[int, tuple[object, ...]]:
    """(key, title, source, date, claims, positions) per article id, recounted in Python."""
    conn = corpus.conn
    fixes: dict[tuple[int, str], str | None] = {}
    for kind, article, value in conn.execute(
        "SELECT kind, article_id, value FROM corrections WHERE kind IN ('date', 'title', 'source')"
        " ORDER BY id"
    ):
        fixes[(article, kind)] = value
    found = {}
    for row in conn.execute("SELECT id, key, title, source, date FROM articles"):
        article_id, key = int(row[0]), row[1]
        # the newest correction is in force; a withdrawn one (NULL) shows the article's own
        fields = [fixes.get((article_id, k)) or row[k] for k in ("title", "source", "date")]
        claims = len(corpus.claims(key))
        labels = corpus.effective_labels(key, codebook)
        positions = sum(1 for found_labels in labels.values() if found_labels)
        found[article_id] = (key, *fields, claims, positions)
    return found


def listed(corpus: Corpus, codebook: Codebook) -> dict[int, tuple[object, ...]]:
    rows = corpus.article_rows(codebook, corpus.article_ids(codebook))
    return {i: (a.key, a.title, a.source, a.date, a.claims, a.positions) for i, a in rows.items()}


def recounted(corpus: Corpus, codebook: Codebook) -> dict[int, tuple[object, ...]]:
    """What store.recount computes from scratch (the migration's fill)."""
    with corpus.conn:
        store.recount(corpus.conn)
    return listed(corpus, codebook)


def test_listing_equals_a_recount_after_import(corpus: Corpus, codebook: Codebook) -> None:
    wanted = reference(corpus, codebook)
    assert len(wanted) == 29
    assert listed(corpus, codebook) == wanted
    assert any(row[2] is None for row in wanted.values())  # outlets missing
    assert any(row[3] is None for row in wanted.values())  # dates missing
    assert sum(row[5] for row in wanted.values()) > 0  # some claims labelled
    assert recounted(corpus, codebook) == wanted


def test_corrections_and_undo_keep_counts_equal_to_a_recount(
    corpus: Corpus, codebook: Codebook
) -> None:
    stack = corpus.undo_stack("tester")
    labelled = [c for c in corpus.claims(SEED, codebook) if c.labels]
    bare = [c for c in corpus.claims(SEED, codebook) if not c.labels]
    fixes = [
        Correction("position", SEED, bare[0].id, "talks", "bleak"),  # one more labelled
        Correction("not_claim", SEED, labelled[0].id, value="1"),  # one fewer
        Correction("position", SEED, labelled[1].id, labelled[1].labels[0].topic, None),
        Correction("date", OTHER, value="1999-12-31"),
        Correction("title", OTHER, value="A corrected title"),
        Correction("source", SEED, value="The Analyst's Outlet"),
        Correction("date", OTHER, value="2001-01-01"),  # the newest is in force
    ]
    before = listed(corpus, codebook)
    for fix in fixes:
        stack.push(fix)
        assert listed(corpus, codebook) == reference(corpus, codebook), fix
    after = listed(corpus, codebook)
    seed_id = next(i for i, row in after.items() if row[0] == SEED)
    other_id = next(i for i, row in after.items() if row[0] == OTHER)
    assert after[seed_id][5] != before[seed_id][5]
    assert after[seed_id][2] == "The Analyst's Outlet"
    assert after[other_id][1:4] == ("A corrected title", before[other_id][2], "2001-01-01")
    while stack.can_undo:
        stack.undo()
        assert listed(corpus, codebook) == reference(corpus, codebook)
    assert listed(corpus, codebook) == before
    stack.redo()
    assert listed(corpus, codebook) == reference(corpus, codebook) != before


def test_reimporting_a_changed_file_keeps_counts(
    tmp_path: Path, seeds_dir: Path, codebook: Codebook
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for seed in sorted(seeds_dir.glob("*.txt"))[:2]:
        (folder / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    with Corpus.create(tmp_path / "c.claimdiff") as corpus:
        corpus.import_paths([folder], codebook, workers=1)
        first = sorted(folder.glob("*.txt"))[0]
        text = first.read_text(encoding="utf-8")
        first.write_text(text + "\nThe minister said Iran poses a threat to Europe.\n", "utf-8")
        summary = corpus.import_paths([folder], codebook, workers=1)
        assert summary.imported == 1
        assert listed(corpus, codebook) == reference(corpus, codebook)


def _expected_order(
    rows: dict[int, tuple[object, ...]], sort: str, descending: bool, words: list[str]
) -> list[int]:
    column = 1 + ("title", "source", "date", "claims", "positions").index(sort)
    kept = [
        i
        for i, row in rows.items()
        if all(w in str(row[1]).lower() or w in str(row[2] or "").lower() for w in words)
    ]

    def key(i: int) -> tuple[bool, object, int]:
        value = rows[i][column]
        return (value is not None, value if value is not None else "", i)  # NULL first

    return sorted(kept, key=key, reverse=descending)


@pytest.mark.parametrize("words", [[], ["report"], ["arms_1", "reuters"], ["0%"], ["a_m"]])
def test_sort_and_filter_match_a_plain_sort(
    corpus: Corpus, codebook: Codebook, words: list[str]
) -> None:
    corpus.correct(Correction("date", OTHER, value="1999-12-31"), "tester")
    rows = reference(corpus, codebook)
    for sort in SORTS:
        for descending in (False, True):
            got = corpus.article_ids(codebook, sort, descending, words)
            assert got == _expected_order(rows, sort, descending, words), (sort, descending)
    assert corpus.count_articles(words) == len(_expected_order(rows, "date", False, words))
    if words == ["a_m"]:  # _ is a letter here, not LIKE's wildcard
        assert corpus.count_articles(words) == 0


def test_pages_and_single_articles_read_by_key(corpus: Corpus, codebook: Codebook) -> None:
    ids = corpus.article_ids(codebook, "title")
    rows = corpus.article_rows(codebook, ids[5:9])
    assert list(rows) == ids[5:9] or set(rows) == set(ids[5:9])
    info = corpus.article_info(SEED, codebook)
    assert info is not None and info.key == SEED and info.claims == len(corpus.claims(SEED))
    assert corpus.article_info("no such key") is None


def test_version_1_files_are_upgraded_with_counts(
    tmp_path: Path, corpus: Corpus, codebook: Codebook
) -> None:
    corpus.correct(Correction("not_claim", SEED, corpus.claims(SEED)[0].id, value="1"), "t")
    corpus.correct(Correction("title", OTHER, value="Renamed"), "t")
    wanted = reference(corpus, codebook)
    path = corpus.path
    conn = corpus.conn
    for name in ("listing_insert", "listing_update", "claims_insert", "claims_delete",
                 "labelled_insert", "corrections_insert", "corrections_delete"):  # fmt: skip
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE listing")
    conn.execute("DROP INDEX labelled_positions")
    conn.execute("DROP INDEX labelled_article")
    conn.execute("ALTER TABLE labelled DROP COLUMN positions")
    for column in store.CLAIM_CONTEXT:  # version 3's
        conn.execute(f"ALTER TABLE claims DROP COLUMN {column.split()[0]}")
    conn.execute("PRAGMA user_version = 1")
    corpus.close()
    with Corpus.open(path) as upgraded:
        version = upgraded.conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == store.SCHEMA_VERSION
        assert listed(upgraded, codebook) == wanted
        upgraded.correct(Correction("title", OTHER, value="Again"), "t")  # triggers work
        assert listed(upgraded, codebook) == reference(upgraded, codebook)


CRASH = """
import os, sys
from claimdiff.corpus import Corpus
corpus = Corpus.open(sys.argv[1])
corpus.conn.execute("INSERT INTO meta VALUES ('crash', 'yes')")
os._exit(0)  # no close: the write-ahead log stays behind, as after a crash
"""


def test_integrity_check_only_after_an_unclean_shutdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.claimdiff"
    Corpus.create(path).close()
    checked: list[int] = []
    real = store.integrity
    monkeypatch.setattr(store, "integrity", lambda conn: checked.append(1) or real(conn))
    Corpus.open(path).close()
    assert checked == []  # closed cleanly: no check
    subprocess.run([sys.executable, "-c", CRASH, str(path)], check=True)
    assert store.unclean(path)
    with Corpus.open(path) as corpus:
        assert checked == [1]
        assert corpus.conn.execute("SELECT value FROM meta WHERE key = 'crash'").fetchone()[0]
        corpus.check()  # on demand
    assert checked == [1, 1]
    assert not store.unclean(path)
    Corpus.open(path).close()
    assert checked == [1, 1]


def test_a_damaged_file_found_by_the_check_is_one_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.claimdiff"
    Corpus.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE filler (x)")
    conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 200)
    conn.commit()
    conn.close()
    data = bytearray(path.read_bytes())
    data[-3000:-2000] = b"\x00\xff" * 500  # inside the filler table's pages
    path.write_bytes(bytes(data))
    from claimdiff.base.errors import InputError
    from claimdiff.cli.cli import main

    with pytest.raises(InputError) as caught, Corpus.open(path, check=True):
        pass
    assert caught.value.location == str(path) and "corrupt" in caught.value.problem
    assert main(["corpus", "check", str(path)]) == 2  # on demand, from the command line
    err = capsys.readouterr().err
    assert err.startswith(f"claimdiff: {path}: corpus file is corrupt") and err.count("\n") == 1
    good = tmp_path / "good.claimdiff"
    Corpus.create(good).close()
    assert main(["corpus", "check", str(good)]) == 0
    assert capsys.readouterr().err == f"{good}: ok\n"


FREQS = ("year", "quarter", "month", "week", "day")


def test_a_correction_recounts_only_its_periods_and_equals_a_full_count(
    corpus: Corpus, codebook: Codebook
) -> None:
    import pandas as pd

    frames = corpus.timelines(codebook, FREQS)
    stack = corpus.undo_stack("tester")
    labelled = next(c for c in corpus.claims(SEED, codebook) if c.labels)
    undated = next(a.key for a in corpus.articles(codebook) if a.date is None)
    steps = [
        (Correction("date", OTHER, value="2011-01-02"), []),  # a Sunday: week of 2010-12-27
        (Correction("position", SEED, labelled.id, labelled.labels[0].topic, None), []),
        (Correction("not_claim", OTHER, corpus.claims(OTHER)[0].id, value="1"), []),
        (Correction("date", undated, value="2012-03-04"), []),  # one fewer undated
        (Correction("date", OTHER, value=None), ["2011-01-02"]),  # back to its own date
    ]
    for fix, gone in steps:
        stack.push(fix)
        frames = corpus.update_timelines(codebook, frames, fix.article_key, gone)
        full = corpus.timelines(codebook, FREQS)
        for freq in FREQS:
            pd.testing.assert_frame_equal(frames[freq], full[freq], check_like=False)
            assert frames[freq].attrs["undated"] == full[freq].attrs["undated"]
    while stack.can_undo:
        fix = stack.undo()
        assert fix is not None
        undone = [fix.value] if fix.kind == "date" else []
        frames = corpus.update_timelines(codebook, frames, fix.article_key, undone)
        full = corpus.timelines(codebook, FREQS)
        for freq in FREQS:
            pd.testing.assert_frame_equal(frames[freq], full[freq])
