"""Codebook loading: the shipped codebook, the documented example, and every refusal."""

from __future__ import annotations

import hashlib
import re
from importlib.resources import files
from pathlib import Path

import pytest

from claimdiff.base.errors import InputError
from claimdiff.base.model import CodebookRef
from claimdiff.labels.codebook import PALETTE, load_codebook, parse_codebook

ROOT = Path(__file__).resolve().parents[3]

VALID = """\
name: Test book
version: 2
thresholds:
  label: 0.4
  exemplar: 0.7
terms:
  iran: [Iran, North\\s+Korea]
topics:
  - id: target
    positions:
      - id: iran-nk
        colour: "#0072B2"
        opposes: [russia]
        patterns: ['\\bagainst\\s+{{iran}}']
      - id: russia
        cues: [aimed at Russia]
  - id: talks
    negation: cancel
    positions:
      - id: hopeful
        exemplars: [Both expect a deal.]
"""


def write(tmp_path: Path, text: str | bytes, name: str = "book.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problem_of(tmp_path: Path, text: str | bytes) -> str:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load_codebook(path)
    assert caught.value.location == str(path)
    return caught.value.problem


def test_shipped_codebook_has_the_topics_tools_rely_on() -> None:
    book = load_codebook(None)
    positions = {t.id: [p.id for p in t.positions] for t in book.topics}
    assert positions["target"] == ["iran-nk", "russia"]
    assert positions["talks"] == ["hopeful", "bleak"]
    assert positions["treaties"] == ["upheld", "abandoned"]
    for topic in book.topics:
        for pos in topic.positions:
            assert pos.colour in PALETTE
            assert pos.cues or pos.patterns
            assert len(pos.exemplars) >= 3
            assert pos.scanners, "patterns are compiled once, at load time"


def test_shipped_codebook_reference_is_the_file_checksum() -> None:
    resource = files("claimdiff_resources") / "codebooks" / "missile-defense.yaml"
    book = load_codebook(None)
    expected = hashlib.sha256(resource.read_bytes()).hexdigest()
    assert book.ref == CodebookRef(name=book.name, path=str(resource), sha256=expected)
    assert load_codebook(str(resource)).sha256 == expected


def test_position_lookup_opposition_and_colour() -> None:
    book = load_codebook(None)
    assert book.position("talks", "bleak").label == "No agreement in sight"
    assert book.opposes("target", "iran-nk", "russia")
    assert book.opposes("target", "russia", "iran-nk")
    assert not book.opposes("target", "russia", "russia")
    assert book.colour_of("target", "russia") == "#D55E00"
    with pytest.raises(KeyError):
        book.position("target", "china")
    with pytest.raises(KeyError):
        book.topic("weather")


def test_valid_codebook_fields_terms_and_defaults(tmp_path: Path) -> None:
    book = load_codebook(write(tmp_path, VALID))
    assert (book.name, book.version) == ("Test book", "2")
    assert (book.label_threshold, book.exemplar_threshold) == (0.4, 0.7)
    iran = book.position("target", "iran-nk")
    assert iran.patterns == ("\\bagainst\\s+{{iran}}",)
    assert any(s.search("built against North  Korea") for s in iran.scanners)
    assert book.colour_of("target", "russia") == PALETTE[1], "default: palette by order"
    assert book.opposes("target", "russia", "iran-nk"), "opposition is symmetric"
    assert book.topic("talks").negation == "cancel"
    assert book.topic("target").label == "target"


def test_cue_matches_whole_words_and_either_apostrophe(tmp_path: Path) -> None:
    text = VALID.replace("cues: [aimed at Russia]", 'cues: ["Russia\'s borders"]')
    scanner = load_codebook(write(tmp_path, text)).position("target", "russia").scanners[0]
    assert scanner.search("near Russia’s  borders")
    assert not scanner.search("near Russia's bordersides")


def test_documented_example_loads() -> None:
    doc = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", doc, re.DOTALL)
    assert example is not None
    book = parse_codebook(example.group(1).encode(), "docs/codebook.md")
    assert [p.id for p in book.topic("funding").positions] == ["more", "less"]


def line_of(text: str, marker: str) -> int:
    """The last line containing ``marker``: a duplicate is reported where it repeats."""
    return max(i for i, line in enumerate(text.splitlines(), 1) if marker in line)


@pytest.mark.parametrize(
    ("old", "new", "marker", "words"),
    [
        ("name: Test book\n", "", "name: Test book", "no 'name'"),
        ("      - id: russia\n", "      - id: iran-nk\n", "id: iran-nk", "duplicate position id"),
        ("  - id: talks\n", "  - id: target\n", "id: target", "duplicate topic id"),
        (
            "cues: [aimed at Russia]",
            "label: Russia",
            "id: russia",
            "no cues, patterns or exemplars",
        ),
        (
            "'\\bagainst\\s+{{iran}}'",
            "'(against'",
            "(against",
            "invalid regex in pattern '(against'",
        ),
        ('"#0072B2"', '"#12345"', "#12345", "not a colour"),
        ('"#0072B2"', '"#FF0000"', "#FF0000", "Okabe–Ito"),
        ("opposes: [russia]", "opposes: [rusia]", "rusia", "unknown position 'rusia'"),
        ("opposes: [russia]", "opposes: [iran-nk]", "opposes: [iran-nk]", "cannot oppose itself"),
        ("label: 0.4", "label: 1.5", "label: 1.5", "between 0 and 1"),
        ("exemplar: 0.7", "exemplar: high", "exemplar: high", "must be a number"),
        ("label: 0.4", "label: true", "label: true", "must be a number"),
        ("name: Test book", "name: [Test, book]", "name: [Test", "must be text"),
        ("cues: [aimed at Russia]", "cues: {a: b}", "cues: {a: b}", "must be a list"),
        (
            "    positions:\n      - id: hopeful",
            "    postions:\n      - id: hopeful",
            "postions",
            "did you mean 'positions'",
        ),
        ("version: 2\n", "version: 2\nname: Again\n", "name: Again", "appears twice"),
        ("{{iran}}", "{{iraq}}", "{{iraq}}", "unknown term 'iraq'"),
        ("'\\bagainst\\s+{{iran}}'", "'(?:x)?'", "(?:x)?", "matches empty text"),
        (
            "    negation: cancel",
            "    negation: ignore",
            "negation: ignore",
            "one of: flip, cancel",
        ),
        ("      - id: russia", "      - id: rus sia", "rus sia", "must be letters"),
        (
            "    positions:\n      - id: hopeful\n        exemplars: [Both expect a deal.]",
            "    positions: []",
            "positions: []",
            "empty list",
        ),
    ],
)
def test_invalid_codebook_names_the_line(
    tmp_path: Path, old: str, new: str, marker: str, words: str
) -> None:
    assert old in VALID
    text = VALID.replace(old, new, 1)
    problem = problem_of(tmp_path, text)
    expected_line = 1 if words == "no 'name'" else line_of(text, marker)
    assert problem.startswith(f"line {expected_line}: "), problem
    assert words in problem


def test_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    text = VALID.replace("  - id: talks", "  - id: talks: [", 1)
    problem = problem_of(tmp_path, text)
    assert problem.startswith(f"line {line_of(text, 'id: talks')}: not valid YAML")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("", "line 1: the codebook is empty"),
        ("# only a comment\n\n", "line 1: the codebook is empty"),
        ("- name: x\n- topics: []\n", "line 1: the codebook must be a mapping"),
        ("just some words\n", "line 1: the codebook must be a mapping"),
        ("name: x\n", "line 1: the codebook has no 'topics'"),
        ("name: x\ntopics: []\n", "line 2: topics is an empty list"),
        ("name: x\ntopics: three\n", "line 2: topics must be a list, not text"),
        (b"name: x\n\xff\xfe\x00binary", "line 2: not UTF-8 text"),
        ("name: x\ntopics:\n  - id: a\n    positions: [\x07]\n", "line 4: not valid YAML"),
    ],
)
def test_malformed_files_are_refused(tmp_path: Path, content: str | bytes, words: str) -> None:
    assert problem_of(tmp_path, content).startswith(words)


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_codebook(tmp_path / "absent.yaml")
    with pytest.raises(InputError, match="is a folder"):
        load_codebook(tmp_path)
