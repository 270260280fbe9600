"""Wire datelines: "BRUSSELS, March 19 - ", "New York (AFP) – ", "AMSTERDAM, 2 March - ".

A dateline opens an agency story's first paragraph: a place, then an agency in brackets or a
day, then a dash. Two stages need to know one when they see it: the reflow (a line that opens
with a dateline starts a paragraph, so a headline above it is never run into it) and the
claims stage (the place and day are not part of the first claim). One pattern serves both.
A month name is matched in any case ("FEB 26", "FEb 26", "feb 26" all occur in wire
archives) and before or after the day.
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimdiff.base import lexicon

_PLACE = r"[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,3}(?:,\s+[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)?"


@lru_cache(maxsize=1)
def pattern() -> re.Pattern[str]:
    """The dateline pattern; month names and abbreviations from the lexicon's calendar."""
    names = sorted(lexicon.months(), key=len, reverse=True)
    # A month name in any case, or any capitalised word of a month's length (as before).
    month = "(?:" + "|".join(f"(?i:{re.escape(n)})" for n in names) + r"|[A-Z][a-z]{2,8})\.?"
    day = rf"(?:{month}\s+\d{{1,2}}|\d{{1,2}}\s+{month})"
    return re.compile(rf"{_PLACE}(?:\s*\([^)\n]{{1,30}}\)|,\s+{day})+\s+[-–—]+\s+(?=\S)")


def dateline_end(text: str, start: int = 0, end: int | None = None) -> int | None:
    """Where the dateline opening ``text[start:end]`` ends (its first body character), or
    None when that stretch does not open with one."""
    match = pattern().match(text, start, len(text) if end is None else end)
    return None if match is None else match.end()
