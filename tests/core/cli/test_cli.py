"""The command line contract the GUI, reports and scripts rely on, run as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimdiff.cli.cli import main

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT / "seeds"
LEFT = SEEDS / "004_ae97e33e177aeab3.txt"
RIGHT = SEEDS / "000_fbd7af67a7761638.txt"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimdiff", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


@pytest.fixture(scope="module")
def comparison_json() -> dict[str, object]:
    proc = run("compare", str(LEFT), str(RIGHT), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc: dict[str, object] = json.loads(proc.stdout)
    return doc


def test_json_document_has_the_documented_fields(comparison_json: dict) -> None:
    doc = comparison_json
    assert doc["schema"] == {"name": "claimdiff.comparison", "version": 1}
    assert doc["codebook"]["name"] and len(doc["codebook"]["sha256"]) == 64
    left = doc["articles"]["left"]
    assert left["path"].endswith("004_ae97e33e177aeab3.txt")
    assert left["date"] == "2007-08-02" and left["date_source"] == "manifest"
    assert doc["articles"]["right"]["date"] == "2017-02-09"
    ids = [c["id"] for c in doc["claims"]]
    assert len(ids) == len(set(ids)) > 10
    for claim in doc["claims"]:
        assert claim["side"] in ("left", "right")
        assert {"text", "start", "end", "speaker", "labels"} <= claim.keys()
    for link in doc["links"]:
        assert {"left", "right", "relation", "topic", "score", "reason", "diff"} <= link.keys()
        assert link["left"] in ids or link["left"] is None
        assert link["right"] in ids or link["right"] is None
    counts = {
        r: sum(1 for x in doc["links"] if x["relation"] == r)
        for r in doc["summary"]
        if r in ("shared", "conflicting", "left_only", "right_only")
    }
    assert counts == {k: v for k, v in doc["summary"].items() if k in counts}


def test_offsets_in_json_point_into_the_files(comparison_json: dict) -> None:
    texts = {"left": LEFT.read_text(encoding="utf-8"), "right": RIGHT.read_text(encoding="utf-8")}
    labels = set()
    for claim in comparison_json["claims"]:
        text = texts[claim["side"]]
        assert text[claim["start"] : claim["end"]] == claim["text"]
        assert claim["sentence_start"] <= claim["start"] < claim["end"] <= claim["sentence_end"]
        for mention in claim["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
            assert claim["start"] <= mention["start"] and mention["value"]
            labels.add(mention["label"])
    assert {"PERSON", "GPE", "DATE"} <= labels


def test_the_missile_defense_conflict_is_linked(comparison_json: dict) -> None:
    claims = {c["id"]: c for c in comparison_json["claims"]}
    hits = [
        link
        for link in comparison_json["links"]
        if link["relation"] == "conflicting"
        and link["topic"] == "target"
        and "rocket attacks from Iran" in claims[link["left"]]["text"]
        and "surrounds the Russian Federation" in claims[link["right"]]["text"]
    ]
    assert len(hits) == 1
    assert "iran-nk" in hits[0]["reason"] and "russia" in hits[0]["reason"]
    assert hits[0]["time_shift"] is True


def test_text_output_is_readable_and_uncoloured_when_piped() -> None:
    proc = run("compare", str(LEFT), str(RIGHT))
    assert proc.returncode == 0, proc.stderr
    assert "\x1b[" not in proc.stdout
    assert "CONFLICTING" in proc.stdout and "Summary:" in proc.stdout
    assert "Russia and the USA have discussed cooperation in ABM sphere" in proc.stdout


def test_claims_csv_and_json_share_claim_objects() -> None:
    as_json = json.loads(run("claims", str(RIGHT), "--format", "json").stdout)
    assert as_json["schema"]["name"] == "claimdiff.claims.claims"
    proc = run("claims", str(RIGHT), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert [r["id"] for r in rows] == [c["id"] for c in as_json["claims"]]
    assert rows[0]["text"] == as_json["claims"][0]["text"]


def test_timeline_csv_columns_and_counts() -> None:
    proc = run("timeline", str(SEEDS), "--format", "csv", "--by", "source")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert list(rows[0]) == ["period", "topic", "position", "count", "share", "source"]
    years = {r["period"][:4] for r in rows}
    assert {"2007", "2017"} <= years
    assert all(0 < float(r["share"]) <= 1 for r in rows)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00" * 50, "binary"),
    ],
)
def test_bad_files_give_one_line_and_exit_2(tmp_path: Path, content: bytes, problem: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    proc = run("compare", str(bad), str(RIGHT))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"claimdiff: {bad}: ")
    assert problem in lines[0].lower()
    assert "Traceback" not in proc.stderr


def test_missing_file_and_malformed_codebook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", str(tmp_path / "nope.txt"), str(RIGHT)]) == 2
    assert f"{tmp_path / 'nope.txt'}:" in capsys.readouterr().err
    book = tmp_path / "book.yaml"
    book.write_text("name: x\ntopics:\n  - id: t\n    positions: [oops\n", encoding="utf-8")
    assert main(["compare", str(LEFT), str(RIGHT), "--codebook", str(book)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"claimdiff: {book}: ") and "line" in err


def test_output_file_is_not_replaced_without_force(tmp_path: Path) -> None:
    out = tmp_path / "cmp.json"
    out.write_text("keep me")
    assert main(["compare", str(LEFT), str(RIGHT), "--format", "json", "-o", str(out)]) == 2
    assert out.read_text() == "keep me"
    assert (
        main(["compare", str(LEFT), str(RIGHT), "--format", "json", "-o", str(out), "--force"]) == 0
    )
    assert json.loads(out.read_text())["schema"]["version"] == 1


def test_version() -> None:
    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("claimdiff 0.")


def test_version_loads_no_codebook_or_analysis_code() -> None:
    """`claimdiff --version` builds the whole parser; it must not import YAML, the codebook
    or spaCy to do it (start-up target: 0.15 s)."""
    probe = (
        "import sys\n"
        "from claimdiff.cli.cli import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('loaded:', *(m for m in ('yaml', 'claimdiff.labels.codebook', 'spacy', 'numpy')"
        " if m in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert proc.stdout.splitlines()[-1] == "loaded:"


def test_compare_without_the_news_pair_model_says_it_judged_by_rules(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "CLAIMDIFF_NEWS_PAIR_MODEL_DIR": str(tmp_path / "missing")}
    args = [sys.executable, "-m", "claimdiff", "compare", str(LEFT), str(RIGHT), "--pair-model"]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "news pair model not available, judging pairs by rules only" in proc.stderr
    shipped = run("compare", str(LEFT), str(RIGHT), "--pair-model")
    assert "news pair model" not in shipped.stderr
    # without --pair-model a comparison never asks for the model, so nothing is missing
    args.remove("--pair-model")
    plain = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    assert plain.returncode == 0, plain.stderr
    assert "news pair model" not in plain.stderr
