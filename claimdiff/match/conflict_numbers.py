"""Number conflicts: a different figure in the same place or of the same unit.

Rounding and scale are allowed for ("about 300" / "296", "$1.4bn" = "$1.4 billion", "a
dozen" = 12), a unit glued to the figure must agree, and "$3.5 billion" / "about $3.6
billion" is a difference.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from claimdiff.base import lexicon
from claimdiff.claims.stems import STOPWORDS, stem
from claimdiff.match.diff import (
    NUMBER_WORDS,
    Conflict,
    bare,
    is_date_token,
    is_number,
    key,
    word_diff,
)

_WORD_VALUES = {w: f"{v:g}" for w, v in lexicon.number_words().items()}


def numbers(text: str) -> dict[str, str]:
    """Numbers that are not part of a date, by normalised value ("ten" → "10")."""
    tokens = text.split()
    found: dict[str, str] = {}
    for i, token in enumerate(tokens):
        if is_number(token) and not is_date_token(tokens, i):
            k = key(token).replace(",", "")
            found.setdefault(_WORD_VALUES.get(k, k), bare(token))
    return found


def number_conflict(a: str, b: str) -> Conflict | None:
    left, right = numbers(a), numbers(b)
    only_left = [shown for value, shown in left.items() if value not in right]
    only_right = [shown for value, shown in right.items() if value not in left]
    if not only_left or not only_right:
        return None
    return "number", f"different number: left says {only_left[0]}, right says {only_right[0]}"


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORD_NUMBERS = lexicon.number_words()


def number_values(text: str) -> list[tuple[float, str]]:
    """(value, as written) for each number that is not part of a date."""
    return list(_number_values(text))


@lru_cache(maxsize=1 << 14)
def _number_values(text: str) -> tuple[tuple[float, str], ...]:
    return tuple((value, shown) for _, value, shown in indexed_numbers(text.split()))


def indexed_numbers(tokens: Sequence[str]) -> list[tuple[int, float, str]]:
    """(token index, value, as written) for each number that is not part of a date.

    Indexed so that a diff stretch can take its numbers while dates are still told from
    the whole claim: "the 11th" is a date after "September", whatever stretch it falls in.
    """
    found: list[tuple[int, float, str]] = []
    for i, token in enumerate(tokens):
        k = key(token)
        maybe = (k in _WORD_NUMBERS and k in NUMBER_WORDS) or any(c.isdigit() for c in token)
        if not maybe or is_date_token(tokens, i):  # cheap test first: most words are no figure
            continue
        if k in _WORD_NUMBERS and k in NUMBER_WORDS:
            found.append((i, _WORD_NUMBERS[k], bare(token)))
        for match in _NUMBER.findall(token):
            try:
                found.append((i, float(match.replace(",", "")), bare(token)))
            except ValueError:
                continue
    return found


def _within(numbers: list[tuple[int, float, str]], lo: int, hi: int) -> list[tuple[float, str]]:
    return [(value, shown) for i, value, shown in numbers if lo <= i < hi]


def _precision(written: str) -> float:
    """The unit a figure is given to: 0.01 for "1.25", 100 for "300", 1 for "767"."""
    digits = _NUMBER.findall(written)
    plain = digits[0].replace(",", "") if digits else ""
    if "." in plain:
        return 10.0 ** -len(plain.split(".")[1])
    if not plain.strip("0"):
        return 1.0
    return 10.0 ** (len(plain) - len(plain.rstrip("0")))


def rounds_to(value: float, other: float, other_written: str) -> bool:
    """``other`` is ``value`` as a writer would round it ("296" → "300", "14.7" → "15")."""
    return abs(value - other) <= 0.5 * _precision(other_written) + 1e-9


def lonely_numbers(mine: list[tuple[float, str]], theirs: list[tuple[float, str]]) -> list[str]:
    """Numbers of ``mine`` that no number of ``theirs`` matches, even as a rounding."""
    return [
        shown
        for value, shown in mine
        if not any(rounds_to(value, v, t) or rounds_to(v, value, shown) for v, t in theirs)
    ]


def number_substitution(a: str, b: str) -> Conflict | None:
    """A changed stretch with a figure on each side that the other claim does not state.

    Same stretch, so "$2.21" / "$1.21" counts but "a 27-year-old" in one clause and "two
    men" in another do not; rounding is allowed for ("770" / "767", "about 300" / "296").
    """
    i = j = 0
    left, right = indexed_numbers(a.split()), indexed_numbers(b.split())
    all_left, all_right = number_values(a), number_values(b)
    for op in word_diff(a, b):
        n, m = len(op.left.split()), len(op.right.split())
        if op.tag == "replace" and "number" in op.marks and _same_measure(op.left, op.right):
            mine = lonely_numbers(_within(left, i, i + n), all_right)
            theirs = lonely_numbers(_within(right, j, j + m), all_left)
            if mine and theirs:
                return "number", f"different number: left says {mine[0]}, right says {theirs[0]}"
        i, j = i + n, j + m
    return _unit_substitution(a, b, all_left, all_right)


def _same_measure(left: str, right: str) -> bool:
    """Figures with units glued on ("40-foot" / "16-foot-deep") measure one thing only when
    a unit agrees; bare figures may."""
    units = [
        {g.group(1) for t in side.split() if (g := _GLUED_UNIT.match(key(t)))}
        for side in (left, right)
    ]
    return not (units[0] and units[1]) or bool(units[0] & units[1])


def _unit_substitution(
    a: str, b: str, all_left: list[tuple[float, str]], all_right: list[tuple[float, str]]
) -> Conflict | None:
    """Figures of one unit that differ where the word diff did not line them up.

    "ended after 12 days" / "had ended after 19 days of talks": the clause moved, so the
    two figures fall in different stretches; counting the same thing ("days") they still
    disagree.
    """
    left, right = figures_by_unit(a), figures_by_unit(b)
    for unit in sorted(left.keys() & right.keys()):
        mine = lonely_numbers(left[unit], all_right)
        theirs = lonely_numbers(right[unit], all_left)
        if mine and theirs:
            return "number", f"different number: left says {mine[0]}, right says {theirs[0]}"
    return None


def figures_by_unit(text: str) -> dict[str, list[tuple[float, str]]]:
    """Figures by the stem of their unit: the word glued on ("40-foot" → "foot", "16-foot-deep"
    → "foot-deep") or else the content word right after them ("19 days" → "day")."""
    tokens = text.split()
    found: dict[str, list[tuple[float, str]]] = {}
    for i, token in enumerate(tokens):
        if is_date_token(tokens, i):
            continue
        glued = _GLUED_UNIT.match(key(token))
        unit = glued.group(1) if glued else (key(tokens[i + 1]) if i + 1 < len(tokens) else "")
        if not glued and (not unit.isalpha() or unit in STOPWORDS):
            continue
        values = number_values(token)
        if values:
            found.setdefault(stem(unit), []).extend(values)
    return found


_GLUED_UNIT = re.compile(r"^[\d.,]+-([a-z][a-z-]*)$")
