"""Property tests: whatever bytes arrive, the text loader and the codebook parser either give
a result or one ``InputError``; no other exception escapes, and good text survives decoding.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimdiff.base.errors import InputError
from claimdiff.ingest.load import load_article
from claimdiff.ingest.textfile import decode
from claimdiff.labels.codebook import Codebook, parse_codebook

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Printable text as an article holds it: letters, digits, punctuation, spaces, line breaks.
ARTICLE_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Co", "Cn"), whitelist_characters="\n\t"
    ),
    min_size=1,
    max_size=400,
).filter(lambda t: t.strip() and t.lstrip("\ufeff").strip())


@SETTINGS
@given(st.binary(max_size=2000))
def test_decode_gives_text_or_one_input_error(data: bytes) -> None:
    try:
        text = decode(data, "x.txt")
    except InputError as exc:
        assert exc.location == "x.txt" and exc.problem
        return
    assert "\x00" not in text and "\r" not in text
    assert text.strip()


@SETTINGS
@given(ARTICLE_TEXT)
def test_utf8_and_utf16_text_decodes_to_itself(text: str) -> None:
    expected = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    assert decode(text.encode("utf-8"), "a.txt") == expected
    assert decode(text.encode("utf-16"), "a.txt") == expected  # with a BOM


@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".md", ".html", ".pdf"]))
def test_any_file_loads_or_is_refused_with_its_name(
    tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"article{suffix}"
    path.write_bytes(data)
    try:
        article = load_article(path)
    except InputError as exc:
        assert exc.location == str(path)
        assert "\n" not in exc.problem
        return
    assert article.text.strip()


@SETTINGS
@given(st.binary(max_size=2000))
def test_codebook_parser_on_any_bytes(data: bytes) -> None:
    try:
        parse_codebook(data, "book.yaml")
    except InputError as exc:
        assert exc.location == "book.yaml" and "\n" not in exc.problem


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@SETTINGS
@given(
    cues=st.lists(st.text(min_size=1, max_size=20), max_size=3),
    patterns=st.lists(st.text(min_size=1, max_size=20), max_size=3),
    threshold=YAML_VALUES,
    extra=YAML_VALUES,
)
def test_codebook_parser_on_any_values_in_the_right_places(
    cues: list[str], patterns: list[str], threshold: object, extra: object
) -> None:
    """Analyst-written cues and patterns, thresholds of any type, unknown keys: never a crash."""
    book = {
        "name": "fuzz",
        "thresholds": {"label": threshold},
        "topics": [
            {
                "id": "t",
                "positions": [
                    {"id": "a", "cues": cues, "patterns": patterns, "exemplars": ["x y"]},
                    {"id": "b", "cues": ["zebra"], "description": extra},
                ],
            }
        ],
    }
    data = yaml.safe_dump(book, allow_unicode=True).encode()
    try:
        loaded = parse_codebook(data, "book.yaml")
    except InputError as exc:
        assert exc.problem.startswith("line "), exc.problem
        return
    assert isinstance(loaded, Codebook)
    for scanner in loaded.position("t", "a").scanners:
        list(scanner.finditer("The talks stalled, the minister said on Monday."))


@pytest.mark.parametrize("cue", ["(", "a{99999999999}", "\\", "[", "*", "a)"])
def test_regex_syntax_in_a_cue_is_plain_text(cue: str) -> None:
    """Cues are words, compiled as literals: regex syntax in them is matched as written."""
    data = yaml.safe_dump(
        {"name": "x", "topics": [{"id": "t", "positions": [{"id": "a", "cues": [cue]}]}]}
    ).encode()
    position = parse_codebook(data, "book.yaml").position("t", "a")
    assert position.cues == (cue,)
