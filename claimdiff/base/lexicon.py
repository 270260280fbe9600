"""The one reader of claimdiff's language data: ``resources/lexicon/`` and ``resources/language/``.

Negation cues, idioms, hedges, speech verbs, antonyms, number words, months, weekdays,
function words, denial cues and the thresholds of the claim and reflow stages are data, not
code: every rule that needs one asks here, so a word added to a file reaches every caller,
and no module keeps a copy of its own (``tests/core/base/test_lexicon_home.py`` fails on a copy).
Plain lists are ``lexicon/*.txt`` (one entry a line); tables with values or several related
lists are ``language/*.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from claimdiff.base.resources import resource_path

FOLDER = "lexicon"
TABLES = "language"
PAIR_SEPARATOR = " | "


def _lines(name: str) -> list[str]:
    path = resource_path(FOLDER, f"{name}.txt")
    text = path.read_text(encoding="utf-8")
    found = [line.strip() for line in text.splitlines()]
    return [line for line in found if line and not line.startswith("#")]


@cache
def words(name: str) -> frozenset[str]:
    """A word list: one entry a line, lower case (an entry may be a phrase)."""
    return frozenset(line.lower() for line in _lines(name))


@cache
def phrases(name: str) -> tuple[tuple[str, ...], ...]:
    """A phrase list as word tuples, longest first so the longest match wins."""
    found = {tuple(line.lower().split()) for line in _lines(name)}
    return tuple(sorted(found, key=lambda p: (-len(p), p)))


@cache
def word_pairs(name: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """Two-sided lists ("extend extended | suspend suspended"): each side's inflected forms."""
    pairs = []
    for line in _lines(name):
        one, other = line.lower().split(PAIR_SEPARATOR)
        pairs.append((frozenset(one.split()), frozenset(other.split())))
    return tuple(pairs)


@cache
def values(name: str) -> dict[str, float]:
    """Word -> number lists ("dozen 12")."""
    found: dict[str, float] = {}
    for line in _lines(name):
        word, value = line.lower().split()
        found[word] = float(value)
    return found


@cache
def table(name: str) -> dict[str, Any]:
    """A JSON table of ``resources/language/`` ("calendar", "numbers", "claims", ...)."""
    data: dict[str, Any] = json.loads(
        resource_path(TABLES, f"{name}.json").read_text(encoding="utf-8")
    )
    return data


def months() -> dict[str, int]:
    """Month names and abbreviations, lower case, with their numbers ("sept" → 9)."""
    calendar = table("calendar")
    return {**calendar["months"], **calendar["month_abbreviations"]}


def month_abbreviations() -> dict[str, int]:
    """Abbreviated month names only ("jan", "sept"), which a full stop may follow."""
    found: dict[str, int] = table("calendar")["month_abbreviations"]
    return found


def weekdays(abbreviations: bool = False) -> dict[str, int]:
    """Weekday names with Monday as 0; abbreviations ("sat", "sun") only when asked for."""
    calendar = table("calendar")
    found: dict[str, int] = dict(calendar["weekdays"])
    if abbreviations:
        found.update(calendar["weekday_abbreviations"])
    return found


def number_words() -> dict[str, float]:
    """Words that are a number on their own, with their values ("dozen" → 12)."""
    return {w: float(v) for w, v in table("numbers")["units"].items()}


def numeric_words() -> frozenset[str]:
    """Every word that makes a stretch of text numeric: number words, scales, vague amounts."""
    numbers = table("numbers")
    return frozenset((*numbers["units"], *numbers["scales"], *numbers["vague"]))


def alternation(entries: Iterable[str | tuple[str, ...]]) -> str:
    """A regular-expression alternation of words or phrases, longest first.

    Phrases match across any run of spaces; an entry "n't" stands for any word ending in it
    ("didn't", "can’t"), with either apostrophe.
    """
    texts = [e if isinstance(e, str) else " ".join(e) for e in entries]
    parts = []
    for text in sorted(set(texts), key=lambda t: (-len(t), t)):
        if text == "n't":
            parts.append(r"\w+n['’]t")
            continue
        words = [re.escape(w).replace("'", "['’]") for w in text.split()]
        parts.append(r"\s+".join(words))
    return "|".join(parts)
