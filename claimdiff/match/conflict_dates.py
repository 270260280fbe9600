"""Date and weekday conflicts: fields both mentions state must match."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from claimdiff.match.diff import (
    DAY,
    MONTHS,
    WEEKDAYS,
    Conflict,
    bare,
    is_date_token,
    key,
)

_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)")


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
    return list(_date_mentions(text))


@lru_cache(maxsize=1 << 14)
def _date_mentions(text: str) -> tuple[DateMention, ...]:
    tokens = text.split()
    used: set[int] = set()
    found: list[DateMention] = []
    for i, token in enumerate(tokens):
        if key(token) in MONTHS and is_date_token(tokens, i):
            found.append(_month_group(tokens, i, used))
    for i, token in enumerate(tokens):
        if i not in used and is_date_token(tokens, i) and key(token) not in MONTHS:
            found.append(DateMention(None, None, key(token)[:4], key(token)))
    return tuple(found)


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


def weekday_conflict(a: str, b: str) -> Conflict | None:
    """A weekday on each side that the other side does not name ("Thursday" / "Wednesday")."""
    left, right = _weekdays(a), _weekdays(b)
    only_left = [d for d in left if d.lower() not in {r.lower() for r in right}]
    only_right = [d for d in right if d.lower() not in {x.lower() for x in left}]
    if not only_left or not only_right:
        return None
    return "weekday", f"different day: left says {only_left[0]}, right says {only_right[0]}"


def _weekdays(text: str) -> list[str]:
    return [bare(t) for t in text.split() if key(t) in WEEKDAYS]
