"""The language data of the judge, read from resources/lexicon/ (one reader per kind of list).

Negation cues, idioms, antonyms, number words, months, weekdays, denial and forecast cues are
data, not code: every rule that needs one asks here, so a word added to a file reaches every
caller, and no module keeps a copy of its own.
"""

from __future__ import annotations

from functools import cache

from claimdiff.resources import resource_path

FOLDER = "lexicon"
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
