"""Sentence boundaries with exact character offsets into an article's text.

The sentences are spaCy's (:func:`claimdiff.language.nlp.parse`: a trained parser that knows "Gen.",
"U.S.", "Dec. 2, 2016" and quotations), read from the reflowed text, so a hard-wrapped
paragraph is one stretch of prose and its wrap newlines are not boundaries. Layout still
decides where prose cannot run on, so after the parser:

* every newline left by the reflow ends a sentence: a blank line, a line that is not a wrap
  (a headline, a caption, a menu entry), a paragraph's end;
* a piece that starts with a comma, a closing mark or a possessive ("'s"), or in lower case
  right after an abbreviation, continues the sentence before it on the same line, which
  undoes the parser's splits after "Jr." in "Trump Jr.'s lawyer" and after "D-Calif." in
  "Nancy Pelosi, D-Calif., said".

A quotation of several sentences is several sentences; which speaker each inherits is the
speaker stage's concern.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from claimdiff.language import nlp


class SentenceSpan(NamedTuple):
    """One sentence: ``text[start:end]``, with no whitespace at either end."""

    start: int
    end: int


# How a piece that cannot begin a sentence begins: a comma or closing mark, a possessive, or
# a lone closing quotation mark.
_CONTINUATION = re.compile(r"[,;:)\]”%]|[’']s\b|\.\w|[\"“”'‘’]+(?:\s|$)")
# A piece starting in lower case continues only after an abbreviation ("Jr.", "D-Calif.",
# "U.S."), not after a sentence that ends in an ordinary word ("... of arms. our actions").
_LOWER = re.compile(r"[a-z]")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z][A-Za-z\-]{0,8}|(?:\b[A-Za-z]\.){1,}[A-Za-z]?)\.$")
# An opening quotation mark the parser left at the end of the sentence before it.
_TRAILING_OPENER = re.compile(r"(?<!\S)([\"“‘']+)$")
# A full stop, then a quotation opening on a capital: a new sentence the parser may miss when
# the quotation mark is typed as two apostrophes.
_QUOTE_OPENS = re.compile(r"(?<=[a-z0-9][.!?])\s+(?=(?:''|[\"“])[A-Z])")


def split_sentences(text: str) -> tuple[SentenceSpan, ...]:
    """Every sentence of ``text`` in order; spans never overlap and never cross a newline
    that the reflow kept (a blank line, a paragraph's or a heading's end)."""
    if not text.strip():
        return ()
    doc = nlp.parse(text)
    flowed: str = doc.text
    spans: list[SentenceSpan] = []
    carried: int | None = None  # start of an opening quote cut off the previous piece
    for sent in doc.sents:
        for start, end in _lines(flowed, sent.start_char, sent.end_char):
            span = _trimmed(flowed, carried if carried is not None else start, end)
            carried = None
            if span is None:
                continue
            if spans and _continues(flowed, spans[-1], span):
                span = SentenceSpan(spans.pop().start, span.end)
            opener = _TRAILING_OPENER.search(flowed, span.start, span.end)
            if opener is not None and end == sent.end_char:
                carried = opener.start(1)
                if opener.start(1) == span.start:
                    continue
                span = _trimmed(flowed, span.start, opener.start(1)) or span
            spans.append(span)
    return tuple(spans)


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The pieces of a parser sentence between newlines and before opening quotations."""
    cuts = [m.start() for m in _QUOTE_OPENS.finditer(text, start, end)]
    cuts += [i for i in range(start, end) if text[i] == "\n"]
    for cut in sorted(cuts):
        yield start, cut
        start = cut + 1
    yield start, end


def _continues(text: str, previous: SentenceSpan, span: SentenceSpan) -> bool:
    """True when ``span`` cannot start a sentence and nothing but spaces sits before it."""
    if "\n" in text[previous.end : span.start]:
        return False
    if _CONTINUATION.match(text, span.start) is not None:
        return True
    before = text[max(previous.start, previous.end - 12) : previous.end]
    return (
        _LOWER.match(text, span.start) is not None and _ABBREVIATION_END.search(before) is not None
    )


def _trimmed(text: str, start: int, end: int) -> SentenceSpan | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return SentenceSpan(start, end) if end > start else None
