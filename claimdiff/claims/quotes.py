"""Where a sentence quotes someone: the quoted stretches, masked out for attribution.

An attribution verb inside a quotation ("...he said nothing," she said) says nothing about
who asserts the sentence, so claimdiff.claims.speakers reads each sentence with its quoted words
replaced by one mark. A quotation may run over several sentences, so whether one is still
open at a sentence's end is carried to the next.

Quotation styles: “curly”, "straight", « guillemets », „low“, NYT's ``two backticks'' and
''two apostrophes'', and ‘single curly’ quotes. A single ’ is far more often an apostrophe
("Clinton’s"), so it closes a quotation only when a ‘ opened one and it is not followed by a
letter; single quotations never stay open past their sentence.
"""

from __future__ import annotations

import re

MASK = "…"
_OPENERS = "“«„"
_CLOSERS = "”»"
# Double-quote marks written with two characters, and the one-character mark they stand for.
_DIGRAPHS = re.compile(r"``|''")


def mask_quotations(sentence: str, inside: bool) -> tuple[str, list[tuple[int, int]], bool]:
    """The sentence with quoted words replaced by one "…", the quoted stretches, and whether
    a quotation is still open at its end. Straight quotes toggle; curly ones open or close.
    """
    marks = _marks(sentence)
    out: list[str] = []
    stretches: list[tuple[int, int]] = []
    opened = 0
    single = False  # inside a ‘single’ quotation, which closes on ’ and never runs on
    for position, char in enumerate(sentence):
        was_inside = inside or single
        mark = marks.get(position)
        if mark is not None:
            inside, single = _apply(mark, inside, single)
        elif inside or single:
            if not out or out[-1] != MASK:
                out.append(MASK)
            continue
        out.append(char)
        now_inside = inside or single
        if now_inside and not was_inside:
            opened = position
        elif was_inside and not now_inside:
            stretches.append((opened, position + 1))
    if inside or single:
        stretches.append((opened, len(sentence)))
    return "".join(out), stretches, inside


def _apply(mark: str, inside: bool, single: bool) -> tuple[bool, bool]:
    """The (double, single) quotation state after a quotation mark."""
    if mark == "open":
        return True, single
    if mark == "close":
        return False, single
    if mark == "toggle":
        return not inside, single
    if mark == "open-single" and not inside:
        return inside, True
    if mark == "close-single":
        return inside, False
    return inside, single


def _marks(sentence: str) -> dict[int, str]:
    """What each quotation character at a position does: open, close, toggle, or skip."""
    marks: dict[int, str] = {}
    for match in _DIGRAPHS.finditer(sentence):
        marks[match.start()] = "open" if match[0] == "``" else "toggle"
        marks[match.start() + 1] = "skip"
    for position, char in enumerate(sentence):
        if position in marks:
            continue
        following = sentence[position + 1 : position + 2]
        if char in _OPENERS:
            marks[position] = "open"
        elif char in _CLOSERS:
            marks[position] = "close"
        elif char == '"':
            marks[position] = "toggle"
        elif char == "‘":
            marks[position] = "open-single"
        elif char == "’" and not following.isalpha():
            marks[position] = "close-single"
    return marks
