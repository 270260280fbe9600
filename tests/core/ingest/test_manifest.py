"""The user's manifest decides title, outlet and date; a broken one says which line is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdiff.base.errors import InputError
from claimdiff.ingest.manifest import find_manifest, load_manifest, load_sidecar

HEADER = "file,title,source,date,date_source,date_note\n"


def write_manifest(folder: Path, rows: str, header: str = HEADER) -> Path:
    path = folder / "manifest.csv"
    path.write_text(header + rows, encoding="utf-8")
    return path


def test_seed_manifest_names_every_seed_with_date_and_provenance(seeds_dir: Path) -> None:
    manifest = find_manifest(seeds_dir)
    assert manifest is not None
    seeds = sorted(p.name for p in seeds_dir.glob("*.txt"))
    assert sorted(manifest.entries) == seeds
    for name in seeds:
        entry = manifest.entry_for(seeds_dir / name)
        assert entry is not None
        assert entry.title and entry.source and entry.date
        assert entry.date_source == "manifest"
        assert entry.date_note and entry.date_note.endswith(".")
    entry = manifest.entry_for("elsewhere/003_901642ca2c8110a9.txt")
    assert entry is not None
    assert (entry.source, entry.date) == ("Islam Times", "2024-07-09")


def test_blank_fields_state_nothing_and_quoted_commas_survive(tmp_path: Path) -> None:
    path = write_manifest(
        tmp_path,
        'a.txt,"Talks, again",,,,\n'
        "https://example.org/x,Story,Wire,2020-01-02,manifest,From the page.\n",
    )
    manifest = load_manifest(path)
    entry = manifest.entry_for(tmp_path / "a.txt")
    assert entry is not None
    assert (entry.title, entry.source, entry.date) == ("Talks, again", None, None)
    by_url = manifest.entry_for("https://example.org/x")
    assert by_url is not None and by_url.date == "2020-01-02"
    assert manifest.entry_for(tmp_path / "b.txt") is None


def test_folder_without_manifest_has_none(tmp_path: Path) -> None:
    assert find_manifest(tmp_path) is None


@pytest.mark.parametrize(
    ("rows", "header", "problem"),
    [
        ("a.txt,T,S,09/02/2017,manifest,n\n", HEADER, "line 2: date '09/02/2017'"),
        ("a.txt,T,S,2017-02-30,manifest,n\n", HEADER, "line 2: date"),
        ("a.txt,T,S,2017-02-09,guess,n\n", HEADER, "line 2: date_source 'guess'"),
        ("a.txt,T,S,,,\n,T,S,,,\n", HEADER, "line 3: the 'file' field is empty"),
        ("a.txt,T,S,,,\na.txt,U,S,,,\n", HEADER, "line 3: 'a.txt' is listed twice"),
        ("a.txt,T,S,,,,extra\n", HEADER, "line 2: more fields"),
        ("a.txt,T\n", "file,headline\n", "line 1: unknown column 'headline'"),
        ("a.txt\n", "name\n", "line 1: the header must name a 'file' column"),
    ],
)
def test_bad_manifest_names_file_and_line(
    tmp_path: Path, rows: str, header: str, problem: str
) -> None:
    path = write_manifest(tmp_path, rows, header)
    with pytest.raises(InputError) as caught:
        load_manifest(path)
    assert caught.value.location == str(path)
    assert caught.value.problem.startswith(problem)


def test_sidecar_reads_one_article_and_reports_bad_json(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    assert load_sidecar(article) is None
    sidecar = tmp_path / "a.txt.meta.json"
    sidecar.write_text('{"title": "Envoy", "date": "2011-11-11"}')
    entry = load_sidecar(article)
    assert entry is not None
    assert (entry.file, entry.title, entry.date) == ("a.txt", "Envoy", "2011-11-11")
    for text, problem in [
        ('{\n  "title": "Envoy"\n  "date": "2011-11-11"\n}', "line 3: not valid JSON"),
        ('{"titel": "Envoy"}', "unknown key 'titel'"),
        ('{"date": 2011}', "the value of 'date' must be a string"),
        ('{"date": "11/11/2011"}', "line 1: date '11/11/2011'"),
    ]:
        sidecar.write_text(text)
        with pytest.raises(InputError) as caught:
            load_sidecar(article)
        assert caught.value.location == str(sidecar)
        assert caught.value.problem.startswith(problem)


def test_manifest_is_read_once_per_folder_and_again_when_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimdiff.ingest import manifest as module
    from claimdiff.ingest.load import load_article

    write_manifest(tmp_path, "a.txt,First,Wire,2020-01-02,,\nb.txt,Second,Wire,2020-01-03,,\n")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("The minister said the talks would resume.\n")
    reads: list[str] = []
    real = module.load_manifest
    monkeypatch.setattr(module, "load_manifest", lambda p: reads.append(str(p)) or real(p))
    dates = [load_article(tmp_path / n).date for n in ("a.txt", "b.txt", "a.txt")]
    assert dates == ["2020-01-02", "2020-01-03", "2020-01-02"]
    assert len(reads) == 1, "one parse for the folder, not one per article"
    write_manifest(tmp_path, "a.txt,First,Wire,2021-05-06,,\nb.txt,Second,Wire,2020-01-03,,\n")
    assert load_article(tmp_path / "a.txt").date == "2021-05-06", "an edit is seen at once"
    assert len(reads) == 2
