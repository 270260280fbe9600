"""Importing into a corpus file: folders, tables, duplicates, re-imports, crashes, bad files."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from claimdiff.claims.claims import extract_claims
from claimdiff.cli.cli import main
from claimdiff.corpus import Corpus
from claimdiff.corpus.store import SCHEMA_VERSION
from claimdiff.corpus.tabular import parse_mapping
from claimdiff.ingest.load import load_article
from claimdiff.labels.codebook import load_codebook
from claimdiff.labels.label import label_claims
from claimdiff.similarity.similarity import LexicalSimilarity

TABLES = ("articles", "claims", "labels", "labelled", "sources")


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the content tables, for comparing two stores."""
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}
    finally:
        conn.close()


def make_folder(folder: Path, sentences: list[str], count: int) -> Path:
    """``count`` distinct dated articles recombining the seeds' sentences."""
    folder.mkdir()
    for i in range(count):
        picked = [sentences[(i * 7 + k * 13) % len(sentences)] for k in range(6)]
        body = ". ".join(picked) + "."
        day = f"20{10 + i % 15:02d}-{1 + i % 12:02d}-{1 + i % 27:02d}"
        (folder / f"story{i:03d}.txt").write_text(
            f"Story {i}\n\nMOSCOW, {day} - {body}\n", encoding="utf-8"
        )
    return folder


def test_folder_import_and_unchanged_reimport(tmp_path: Path, seeds_dir: Path) -> None:
    codebook = load_codebook()
    with Corpus.create(tmp_path / "c.claimdiff") as corpus:
        first = corpus.import_paths([seeds_dir], codebook, workers=1)
        assert (first.imported, first.skipped, first.duplicates, first.errors) == (5, 0, 0, 0)
        before = corpus.count("claims")
        assert before > 40
        again = corpus.import_paths([seeds_dir], codebook, workers=1)
        assert (again.imported, again.skipped) == (0, 5)
        assert corpus.count("claims") == before
        dates = sorted(a.date for a in corpus.articles(codebook))
        assert dates == ["2007-08-02", "2012-07-10", "2017-02-09", "2021-02-01", "2024-07-09"]


def test_touched_file_is_checked_and_changed_file_replaced(tmp_path: Path, seeds_dir: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(seeds_dir, folder)
    codebook = load_codebook()
    with Corpus.create(tmp_path / "c.claimdiff") as corpus:
        corpus.import_paths([folder], codebook, workers=1)
        target = folder / "004_ae97e33e177aeab3.txt"
        os.utime(target, ns=(1, 1))  # same text, new mtime: read again, found unchanged
        touched = corpus.import_paths([folder], codebook, workers=1)
        assert (touched.imported, touched.skipped) == (0, 5)
        target.write_text("Talks\n\nThe talks on missile defence failed, officials said.\n")
        changed = corpus.import_paths([folder], codebook, workers=1)
        assert (changed.imported, changed.skipped) == (1, 4)
        assert corpus.count("articles") == 5
        claims = corpus.claims("004_ae97e33e177aeab3", codebook)
        assert [c.text for c in claims] == ["The talks on missile defence failed, officials said."]


def test_duplicates_are_stored_once(tmp_path: Path, seeds_dir: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(seeds_dir, folder)
    shutil.copy(folder / "000_fbd7af67a7761638.txt", folder / "copy-of-000.txt")
    with Corpus.create(tmp_path / "c.claimdiff") as corpus:
        summary = corpus.import_paths([folder], None, workers=1)
        assert (summary.imported, summary.duplicates) == (5, 1)
        assert corpus.count("articles") == 5


def test_csv_with_column_mapping(tmp_path: Path) -> None:
    table = tmp_path / "stories.csv"
    pd.DataFrame(
        {
            "stories_id": ["11", "12", "13"],
            "publish_date": ["2019-03-14 08:30:00", "2019-04-02 10:00:00", ""],
            "headline": ["Talks stall", "Shield plans", "Undated"],
            "body": [
                "The envoy said talks on missile defense had stalled.",
                "NATO insists the shield is meant to protect allies from Iran.",
                "Officials met again in Geneva on Tuesday.",
            ],
            "media_name": ["Example News", "Daily Example", "Example News"],
        }
    ).to_csv(table, index=False)
    with Corpus.create(tmp_path / "c.claimdiff") as corpus:
        summary = corpus.import_paths(
            [table], load_codebook(), mapping={"title": "headline", "text": "body"}
        )
        assert summary.imported == 3
        rows = {a.key: a for a in corpus.articles()}
        assert rows["11"].date == "2019-03-14"
        assert rows["12"].source == "Daily Example"
        assert rows["13"].date is None
        assert rows["11"].title == "Talks stall"
        again = corpus.import_paths([table], load_codebook())
        assert (again.imported, again.skipped) == (0, 3)


def test_a_field_mapped_to_no_column_is_not_guessed_by_name(tmp_path: Path) -> None:
    """A column called "date" that holds the scrape date, not the publication date."""
    table = tmp_path / "scraped.csv"
    pd.DataFrame(
        {
            "id": ["a", "b"],
            "date": ["2024-05-01", "2024-05-01"],
            "text": ["The envoy said talks had stalled.", "NATO said the shield protects allies."],
        }
    ).to_csv(table, index=False)
    assert parse_mapping("date=, text=text") == {"date": "", "text": "text"}
    path = str(tmp_path / "c.claimdiff")
    assert main(["corpus", "create", path]) == 0
    assert main(["corpus", "import", path, str(table), "--map", "date="]) == 0
    with Corpus.open(path) as corpus:
        assert [a.date for a in corpus.articles()] == [None, None]
    guessed = tmp_path / "guessed.claimdiff"
    with Corpus.create(guessed) as corpus:
        corpus.import_paths([table], load_codebook())
        assert [a.date for a in corpus.articles()] == ["2024-05-01", "2024-05-01"]


def test_gzipped_jsonl_and_parquet(tmp_path: Path) -> None:
    records = [
        {"id": f"r{i}", "date": f"1987-0{1 + i % 9}-15", "title": f"Arms {i}", "source": "Wire",
         "text": f"The Soviet Union said on day {i} that the INF treaty talks made progress."}
        for i in range(6)
    ]  # fmt: skip
    jsonl = tmp_path / "wire.jsonl.gz"
    with gzip.open(jsonl, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(r) + "\n" for r in records)
    parquet = tmp_path / "more.parquet"
    more = [dict(r, id=f"p{i}", text=r["text"].replace("progress", "no progress")) for i, r in
            enumerate(records)]  # fmt: skip
    pd.DataFrame(more).to_parquet(parquet)
    with Corpus.create(tmp_path / "c.claimdiff") as corpus:
        first = corpus.import_paths([jsonl, parquet], load_codebook())
        assert (first.imported, first.duplicates) == (12, 0)
        assert {a.date[:7] for a in corpus.articles() if a.date} >= {"1987-01", "1987-06"}
        twice = corpus.import_paths([parquet], load_codebook())
        assert twice.skipped == 6


def test_cli_import_summary_and_list(
    tmp_path: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "c.claimdiff")
    assert main(["corpus", "create", path]) == 0
    assert main(["corpus", "import", path, str(seeds_dir)]) == 0
    err = capsys.readouterr().err
    assert "imported 5, skipped 0, duplicates 0, errors 0 in" in err
    assert main(["corpus", "list", path]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 5 and out[0].startswith("2007-08-02  Rus News Journal")


def test_killed_import_resumes_to_the_same_store(tmp_path: Path, seed_sentences: list[str]) -> None:
    folder = make_folder(tmp_path / "in", seed_sentences, 120)
    whole, broken = tmp_path / "whole.claimdiff", tmp_path / "broken.claimdiff"
    command = [sys.executable, "-m", "claimdiff", "corpus", "import"]
    options = [str(folder), "--workers", "1", "--batch", "5"]
    for path in (whole, broken):
        assert main(["corpus", "create", str(path)]) == 0
    subprocess.run([*command, str(whole), *options], check=True, capture_output=True)
    child = subprocess.Popen([*command, str(broken), *options], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.05)
        conn = sqlite3.connect(broken)
        stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        conn.close()
        if stored >= 10:
            break
    child.send_signal(signal.SIGKILL)
    child.wait()
    partial = dump(broken)["articles"]
    assert 10 <= len(partial) < 120, "the import was not interrupted mid-way"
    subprocess.run([*command, str(broken), *options], check=True, capture_output=True)
    assert dump(broken) == dump(whole)


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().err.strip()


def test_bad_corpus_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "notes.claimdiff"
    text.write_text("just some notes\n")
    assert _run(["corpus", "list", str(text)], capsys) == (
        2, f"claimdiff: {text}: not a claimdiff corpus file"
    )  # fmt: skip
    other = tmp_path / "other.claimdiff"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert _run(["corpus", "list", str(other)], capsys)[1].endswith("not a claimdiff corpus file")
    newer = tmp_path / "newer.claimdiff"
    Corpus.create(newer).close()
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    code, err = _run(["corpus", "list", str(newer)], capsys)
    assert code == 2 and "newer than this claimdiff supports" in err
    corrupt = tmp_path / "corrupt.claimdiff"
    Corpus.create(corrupt).close()
    data = bytearray(corrupt.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    corrupt.write_bytes(bytes(data))
    code, err = _run(["corpus", "list", str(corrupt)], capsys)
    assert code == 2 and err.startswith(f"claimdiff: {corrupt}: ") and "\n" not in err
    missing = tmp_path / "missing.claimdiff"
    assert _run(["corpus", "list", str(missing)], capsys)[0] == 2
    existing = tmp_path / "exists.claimdiff"
    Corpus.create(existing).close()
    assert _run(["corpus", "create", str(existing)], capsys) == (
        2, f"claimdiff: {existing}: already exists"
    )  # fmt: skip


def test_locked_corpus(tmp_path: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.claimdiff"
    Corpus.create(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, err = _run(["corpus", "import", str(path), str(seeds_dir), "--workers", "1"], capsys)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2
    assert (
        err
        == f"claimdiff: {path}: corpus is locked by another program; close it there and try again"
    )


class _Ready:
    def __init__(self, value: list[int]) -> None:
        self.value = value

    def result(self) -> list[int]:
        return self.value


def test_batches_go_out_in_chunks_and_come_back_whole_and_in_order() -> None:
    from claimdiff.corpus.engine import ordered

    sent: list[list[int]] = []

    def submit(chunk: list[int]) -> _Ready:
        sent.append(chunk)
        return _Ready([n * 10 for n in chunk])

    batches = [list(range(1, 11)), [11, 12], list(range(13, 20))]
    results = list(ordered(submit, iter(batches), window=2, chunk=3))
    assert results == [[n * 10 for n in batch] for batch in batches]
    assert max(len(chunk) for chunk in sent) == 3
    assert [n for chunk in sent for n in chunk] == list(range(1, 20))


def test_unreadable_inputs_are_skipped_with_their_reason_and_listed(
    tmp_path: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    shutil.copytree(seeds_dir, folder)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    (folder / "empty.txt").write_bytes(b"")
    path = str(tmp_path / "c.claimdiff")
    assert main(["corpus", "create", path]) == 0
    assert main(["corpus", "import", path, str(folder)]) == 0, "bad files never abort an import"
    err = capsys.readouterr().err
    assert "imported 5, skipped 0, duplicates 0, errors 2 in" in err
    assert f"claimdiff corpus list {path} --skipped" in err
    assert main(["corpus", "list", path, "--skipped"]) == 0
    listed = capsys.readouterr()
    lines = [line.split("  ", 1)[1] for line in listed.out.splitlines()]
    assert lines == [
        f"{(folder / 'empty.txt').resolve()}: is empty",
        f"{(folder / 'scan.pdf').resolve()}: is not a readable PDF (Stream has ended unexpectedly)",
    ]
    assert "2 inputs skipped as unreadable" in listed.err
    (folder / "empty.txt").write_text("The minister said on Monday that the talks resumed.\n")
    assert main(["corpus", "import", path, str(folder)]) == 0
    capsys.readouterr()
    assert main(["corpus", "list", path, "--skipped"]) == 0
    assert "empty.txt" not in capsys.readouterr().out, "a fixed file leaves the list"


def test_claims_read_back_equal_the_claims_of_the_file(tmp_path: Path, seeds_dir: Path) -> None:
    """Every field of a claim survives the corpus: its sentence, source, cue and mentions too."""
    codebook = load_codebook()
    with Corpus.create(tmp_path / "c.claimdiff") as corpus:
        corpus.import_paths([seeds_dir], codebook, workers=1)
        compared = 0
        for path in sorted(seeds_dir.glob("*.txt")):
            article = replace(load_article(str(path)), id=path.stem)
            wanted = label_claims(extract_claims(article), codebook, LexicalSimilarity())
            stored = corpus.claims(path.stem, codebook)
            assert stored == wanted
            compared += len(wanted)
        claims = [c for path in seeds_dir.glob("*.txt") for c in corpus.claims(path.stem)]
        assert compared == len(claims) > 40
        assert any(c.mentions for c in claims) and any(c.source_span for c in claims)
        assert any(c.sentence_start != c.start for c in claims)  # a clause of a longer sentence


def test_a_version_2_corpus_opens_and_its_claims_read_back_without_context(
    tmp_path: Path, seeds_dir: Path
) -> None:
    path = tmp_path / "old.claimdiff"
    codebook = load_codebook()
    with Corpus.create(path) as corpus:
        corpus.import_paths([next(seeds_dir.glob("000_*.txt"))], codebook, workers=1)
        key = corpus.articles()[0].key
        fresh = corpus.claims(key)
        for column in ("sentence_start", "sentence_end", "source_span", "cue", "cue_span",
                       "mentions"):  # fmt: skip
            corpus.conn.execute(f"ALTER TABLE claims DROP COLUMN {column}")
        corpus.conn.execute("PRAGMA user_version = 2")
    with Corpus.open(path) as upgraded:
        assert upgraded.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        old = upgraded.claims(key)
        assert [c.text for c in old] == [c.text for c in fresh]
        assert all(c.sentence_start is None and c.mentions == () for c in old)
        assert old == tuple(
            replace(c, source_span=None, cue=None, cue_span=None, sentence_start=None,
                    sentence_end=None, mentions=())
            for c in fresh
        )  # fmt: skip


def test_a_dateline_column_opens_the_text_and_dates_an_undated_row(tmp_path: Path) -> None:
    """A dateline kept apart from the body (Reuters-21578 as JSON Lines) is read as in the
    wire copy: the row gives the claims of the .txt file, and its date when it has no other."""
    body = (
        "The Soviet Union said the talks on medium-range\n"
        "missiles made progress this week, a spokesman told reporters.\n"
        "    Negotiators will meet again in Geneva on Friday.\n"
    )
    records = [
        {"id": "dated", "date": "1987-03-04", "title": "TALKS GO ON",
         "dateline": "MOSCOW, March 3 -", "text": body},
        {"id": "undated", "title": "TALKS GO ON", "dateline": "GENEVA, March 3, 1987 -",
         "text": body.replace("Friday", "Monday")},
    ]  # fmt: skip
    table = tmp_path / "wire.jsonl"
    table.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    wire = tmp_path / "wire.txt"
    wire.write_text("TALKS GO ON\nMOSCOW, March 3 - " + body, encoding="utf-8")
    with Corpus.create(tmp_path / "c.claimdiff") as corpus:
        assert corpus.import_paths([table], None, workers=1).imported == 2
        dated, undated = corpus.article("dated"), corpus.article("undated")
        assert dated.text.startswith("MOSCOW, March 3 - The Soviet Union said")
        assert (dated.date, dated.date_source) == ("1987-03-04", "metadata")
        assert (undated.date, undated.date_source) == ("1987-03-03", "text")
        from_row = [c.text for c in corpus.claims("dated")]
    from_file = [c.text for c in extract_claims(load_article(str(wire)))]
    assert from_row == from_file
    assert from_row[0].startswith("The Soviet Union said")  # the dateline is no claim
