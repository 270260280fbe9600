"""Python string offsets <-> QTextDocument positions.

The core counts code points (``str`` indices); QTextDocument counts UTF-16 code units, so
every character outside the Basic Multilingual Plane (emoji, some CJK, maths letters) shifts
later positions by one. Texts without such characters map one to one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_WIDE = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Converts between ``str`` indices and UTF-16 positions of one text."""

    def __init__(self, text: str) -> None:
        # str indices of the characters that take two UTF-16 units
        self._wide = [m.start() for m in _WIDE.finditer(text)]
        # their UTF-16 positions (each earlier wide character adds one unit)
        self._wide_qt = [i + n for n, i in enumerate(self._wide)]

    def to_qt(self, index: int) -> int:
        return index + bisect_left(self._wide, index)

    def from_qt(self, position: int) -> int:
        # Wide characters that end before this position each took one extra unit; a
        # position on a low surrogate belongs to the character it completes.
        before = bisect_right(self._wide_qt, position - 2)
        inside = before < len(self._wide_qt) and self._wide_qt[before] == position - 1
        return position - before - (1 if inside else 0)
