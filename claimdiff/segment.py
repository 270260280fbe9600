"""Sentence boundaries with exact character offsets into an article's text.

pysbd knows the abbreviations a regex gets wrong ("Gen.", "U.S.", "Dec. 2, 2016", "T.Kejsi")
and keeps a quotation of several sentences together with its ", he said". What it does not
know is page layout, so the text is first cut into line blocks here:

* a blank line always ends a sentence, so paragraphs and furniture never merge;
* a line without final punctuation (a headline, a caption credit, a menu entry) ends its
  sentence, unless the next line starts in lower case, which is how a hard-wrapped sentence
  (PDF text) continues; a line ending in a title abbreviation ("Gen.", "Dec.") always continues.

Inside a block the wrapped newlines become spaces of the same length, so pysbd's offsets stay
offsets into the article, and every remaining newline is a hard boundary enforced after pysbd.
pysbd's cost grows with the square of the text it is given (it looks every sentence up again,
and an unbalanced quotation mark makes it rescan), so blocks are capped in size: at line
boundaries where there are some, at likely sentence ends where a block is one long line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

import pysbd


class SentenceSpan(NamedTuple):
    """One sentence: ``text[start:end]``, with no whitespace at either end."""

    start: int
    end: int


_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
_FINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
# Abbreviations that never end a sentence, so a line ending in one continues on the next line.
_TITLE_ABBREVIATION = re.compile(
    r"\b(?:Gen|Lt|Col|Capt|Adm|Sgt|Maj|Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|St|"
    r"Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.$"
)
_LIKELY_END = re.compile(r"\b[a-z]{2,}[.!?][\"'”’»)]*\s+(?=[\"“‘«(]?[A-Z])")
_MAX_BLOCK = 4000


def split_sentences(text: str) -> tuple[SentenceSpan, ...]:
    """Every sentence of ``text`` in order; the spans never overlap and never cross a blank line."""
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    spans: list[SentenceSpan] = []
    for block_start, block in _blocks(text):
        for piece_start, piece in _bounded(block):
            start = block_start + piece_start
            for local_start, local_end in _segment_block(segmenter, piece):
                span = _trimmed(text, start + local_start, start + local_end)
                if span is not None:
                    spans.append(span)
    return tuple(spans)


def _blocks(text: str) -> Iterator[tuple[int, str]]:
    """Paragraph-sized pieces of text; wrapped newlines already turned into spaces."""
    block_start = 0
    pieces: list[str] = []
    size = 0
    joined = False  # the previous line runs on into this one
    lines = [(m.start(), m.group()) for m in _LINE.finditer(text)]
    for index, (line_start, raw) in enumerate(lines):
        if not raw.strip():
            if pieces:
                yield block_start, "".join(pieces)
            pieces, size, joined = [], 0, False
            block_start = line_start + len(raw)
            continue
        if pieces and not joined and size + len(raw) > _MAX_BLOCK:
            yield block_start, "".join(pieces)
            pieces, size, block_start = [], 0, line_start
        next_line = lines[index + 1][1] if index + 1 < len(lines) else ""
        joined = raw.endswith("\n") and _continues(raw, next_line)
        line = raw[:-1] + " " if joined else raw
        pieces.append(line)
        size += len(line)
    if pieces:
        yield block_start, "".join(pieces)


def _bounded(block: str) -> Iterator[tuple[int, str]]:
    """Cut a block with no usable line breaks at likely sentence ends, to bound pysbd's cost.

    A cut sits after a lower-case word and its full stop, before a capital, so it never
    falls inside "U.S." or "Gen."; the rare wrong cut costs one sentence, not seconds.
    """
    if len(block) <= _MAX_BLOCK:
        yield 0, block
        return
    last = 0
    for match in _LIKELY_END.finditer(block):
        if match.end() - last >= _MAX_BLOCK // 2:
            yield last, block[last : match.end()]
            last = match.end()
    yield last, block[last:]


def _continues(line: str, next_line: str) -> bool:
    """True when a newline sits inside a sentence: the text was hard-wrapped."""
    following = next_line.lstrip()
    ending = line.rstrip()
    if not following:
        return False
    if _TITLE_ABBREVIATION.search(ending):
        return True
    return following[0].islower() and not _FINAL.search(ending)


def _segment_block(segmenter: pysbd.Segmenter, block: str) -> Iterator[tuple[int, int]]:
    """pysbd's spans over one block, each cut again at the block's hard newlines."""
    position = 0
    for piece in segmenter.segment(block):
        start = block.find(piece.sent, position)
        if start < 0:  # pysbd changed the text after all; fall back to where it said it was
            start = piece.start
        end = start + len(piece.sent)
        if start > position and block[position:start].strip():
            yield from _hard_lines(block, position, start)  # text pysbd skipped
        yield from _hard_lines(block, start, end)
        position = max(position, end)
    if block[position:].strip():
        yield from _hard_lines(block, position, len(block))


def _hard_lines(block: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cut = block.find("\n", start, end)
    while cut >= 0:
        yield start, cut
        start = cut + 1
        cut = block.find("\n", start, end)
    yield start, end


def _trimmed(text: str, start: int, end: int) -> SentenceSpan | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return SentenceSpan(start, end) if end > start else None
