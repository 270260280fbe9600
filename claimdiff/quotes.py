"""Where a sentence quotes someone: the quoted stretches, masked out for attribution.

An attribution verb inside a quotation ("...he said nothing," she said) says nothing about
who asserts the sentence, so claimdiff.speakers reads each sentence with its quoted words
replaced by one mark. A quotation may run over several sentences, so whether one is still
open at a sentence's end is carried to the next.
"""

from __future__ import annotations

MASK = "…"
_OPENERS = "“«„"
_CLOSERS = "”»"


def mask_quotations(sentence: str, inside: bool) -> tuple[str, list[tuple[int, int]], bool]:
    """The sentence with quoted words replaced by one "…", the quoted stretches, and whether
    a quotation is still open at its end. Straight quotes toggle; curly ones open or close.
    """
    out: list[str] = []
    stretches: list[tuple[int, int]] = []
    opened = 0
    for position, char in enumerate(sentence):
        was_inside = inside
        if char in _OPENERS:
            inside = True
        elif char in _CLOSERS:
            inside = False
        elif char == '"':
            inside = not inside
        elif inside:
            if not out or out[-1] != MASK:
                out.append(MASK)
            continue
        out.append(char)
        if inside and not was_inside:
            opened = position
        elif was_inside and not inside:
            stretches.append((opened, position + 1))
    if inside:
        stretches.append((opened, len(sentence)))
    return "".join(out), stretches, inside
