"""Detail contradictions between two claims that describe the same event.

Each check assumes its two sentences are already known to be about the same thing (the
aligner only asks for pairs whose similarity passed the shared threshold); it then looks for
the one detail that makes them disagree: a negation added or dropped, or a different number,
date or name in the same place. Mentions on only one side are extra detail, not a conflict,
so every check needs something on both sides that the other side does not have.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from rapidfuzz import fuzz

from claimdiff.diff import (
    DAY,
    MONTHS,
    bare,
    is_date_token,
    is_name,
    is_negation,
    is_number,
    key,
    word_diff,
)
from claimdiff.model import DiffOp

Conflict = tuple[str, str]  # (conflict type, explanation for the reader)

_SMALL_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_WORD_VALUES = {w: str(i) for i, w in enumerate(_SMALL_NUMBERS.split())}
_WORD_VALUES |= {w: str(10 * i) for i, w in enumerate(("thirty", "forty", "fifty"), 3)}
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)")
_SAME_NAME = 80  # rapidfuzz ratio above which two names are spellings of one (Sergey/Sergei)


class DateMention(NamedTuple):
    month: str | None
    day: str | None
    year: str | None
    text: str

    def agrees(self, other: DateMention) -> bool:
        """Fields both mentions state must match; "July 10" agrees with "July 10, 2012"."""
        pairs = zip(self[:3], other[:3], strict=True)
        return all(x is None or y is None or x == y for x, y in pairs)


def _date_disagreement(
    left: Sequence[DateMention], right: Sequence[DateMention]
) -> Conflict | None:
    lonely_left = [d for d in left if not any(d.agrees(r) for r in right)]
    lonely_right = [d for d in right if not any(d.agrees(x) for x in left)]
    if not lonely_left or not lonely_right:
        return None
    return (
        "date",
        f"different date: left says {lonely_left[0].text}, right says {lonely_right[0].text}",
    )


def date_mentions(text: str) -> list[DateMention]:
    """Month/day/year groups (e.g. "July 10", "Dec. 2, 2016", "9 July 2024") and bare years."""
    tokens = text.split()
    used: set[int] = set()
    found: list[DateMention] = []
    for i, token in enumerate(tokens):
        if key(token) in MONTHS and is_date_token(tokens, i):
            found.append(_month_group(tokens, i, used))
    for i, token in enumerate(tokens):
        if i not in used and is_date_token(tokens, i) and key(token) not in MONTHS:
            found.append(DateMention(None, None, key(token)[:4], key(token)))
    return found


def _month_group(tokens: Sequence[str], i: int, used: set[int]) -> DateMention:
    """The month at ``i`` with the day and year written next to it, in either order."""
    day: str | None = None
    year: str | None = None
    span = [i]
    for j in (i + 1, i - 1, i + 2):
        if not 0 <= j < len(tokens) or j in used:
            continue
        k = key(tokens[j])
        if year is None and len(k) == 4 and k.isdigit():
            year = k
        elif day is None and DAY.match(k):
            day = _ORDINAL.sub("", k)
        else:
            continue
        span.append(j)
    used.update(span)
    text = " ".join(bare(tokens[n]) for n in sorted(span))
    return DateMention(key(tokens[i])[:3], day, year, text)


def date_conflict(a: str, b: str) -> Conflict | None:
    return _date_disagreement(date_mentions(a), date_mentions(b))


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


def negation_flip(a: str, b: str, ops: Sequence[DiffOp] | None = None) -> Conflict | None:
    """A negation cue added or dropped in a changed stretch ("will" → "will not")."""
    for op in ops if ops is not None else word_diff(a, b):
        if op.tag == "equal" or "negation" not in op.marks:
            continue
        left = [key(t) for t in op.left.split() if is_negation(t)]
        right = [key(t) for t in op.right.split() if is_negation(t)]
        if bool(left) != bool(right):
            side, cue = ("left", left[0]) if left else ("right", right[0])
            other = "right" if left else "left"
            return "negation", f"negation flipped: {side} says '{cue}' where {other} does not"
    return None


def entity_conflict(a: str, b: str, ops: Sequence[DiffOp] | None = None) -> Conflict | None:
    """A different name in the same slot of the alignment ("Iran" replaced by "Russia")."""
    left_tokens, right_tokens = a.split(), b.split()
    i = j = 0
    for op in ops if ops is not None else word_diff(a, b):
        n, m = len(op.left.split()), len(op.right.split())
        if op.tag == "replace" and "name" in op.marks:
            left = _names(left_tokens, i, i + n)
            right = _names(right_tokens, j, j + m)
            if left and right and fuzz.ratio(left.lower(), right.lower()) < _SAME_NAME:
                return "entity", f"different name: left says {left}, right says {right}"
        i, j = i + n, j + m
    return None


def _names(tokens: Sequence[str], lo: int, hi: int) -> str:
    return " ".join(bare(tokens[k]) for k in range(lo, hi) if is_name(tokens, k))


def detail_conflict(a: str, b: str) -> Conflict | None:
    """The first contradicting detail between two similar claims, or None when they agree.

    Dates are checked before plain numbers so "July 10" against "July 12" is reported as the
    date it is rather than as a number.
    """
    ops = word_diff(a, b)
    checks: tuple[Callable[[], Conflict | None], ...] = (
        lambda: negation_flip(a, b, ops),
        lambda: date_conflict(a, b),
        lambda: number_conflict(a, b),
        lambda: entity_conflict(a, b, ops),
    )
    for check in checks:
        found = check()
        if found is not None:
            return found
    return None
