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
from functools import lru_cache
from typing import Any, NamedTuple

import pysbd
from pysbd.lang.english import English
from pysbd.utils import TextSpan


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
_LONGEST = max(len(abbr.strip()) for abbr in English.Abbreviation.ABBREVIATIONS)


@lru_cache(maxsize=8)
def _abbreviation_patterns(lang: Any) -> tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]:
    """pysbd's two per-abbreviation patterns, compiled once per language instead of per line."""
    found = []
    for abbr in lang.Abbreviation.ABBREVIATIONS:
        stripped = abbr.strip()
        mention = re.compile(rf"(?:^|\s|\r|\n){stripped}", re.IGNORECASE)
        following = re.compile(r"(?<={" + str(re.escape(stripped)) + "} ).{1}")
        found.append((stripped, mention, following))
    return tuple(found)


class _AbbreviationReplacer(English.AbbreviationReplacer):  # type: ignore[misc]
    """pysbd's English abbreviation pass with its patterns compiled ahead.

    pysbd builds two patterns per abbreviation (188 in English) and compiles them through
    ``re``'s cache for every line it reads; with everything else pysbd compiles that is
    more than the cache holds, so they were compiled again for nearly every article.
    The method below is pysbd 0.3.4's ``search_for_abbreviations_in_string`` with the
    compiled patterns put in; the result is the same text.
    """

    def search_for_abbreviations_in_string(self, text: str) -> str:
        lowered = text.lower()
        starts = _word_prefixes(lowered) if text.replace("∯", "").isascii() else None
        for stripped, mention, following in _abbreviation_patterns(self.lang):
            if stripped not in lowered:
                continue
            if starts is not None and stripped.isalpha() and stripped not in starts:
                continue  # ``mention`` cannot match: no word starts with it
            matches = mention.findall(text)
            if not matches:
                continue
            next_chars = following.findall(text)
            for index, match in enumerate(matches):
                text = self.scan_for_replacements(text, match, index, next_chars)
        return str(text)


def _word_prefixes(lowered: str) -> frozenset[str]:
    r"""Every beginning (up to pysbd's longest abbreviation) of every word of an ASCII line.

    A letters-only abbreviation matches ``(?:^|\s)abbr`` case-insensitively exactly when a
    word of the lower-cased line starts with it (ASCII has no case folds beyond ``lower``,
    and pysbd's replacements only turn "." into "∯", which moves no word start), so one
    set lookup answers what was a scan of the line per abbreviation.
    """
    return frozenset(word[:k] for word in lowered.split() for k in range(1, _LONGEST + 1))


class _English(English):  # type: ignore[misc]
    AbbreviationReplacer = _AbbreviationReplacer


class _Segmenter(pysbd.Segmenter):  # type: ignore[misc]
    r"""pysbd's segmenter, finding each sentence's offsets with ``str.find``.

    pysbd locates every sentence it returns with a regular expression built from that
    sentence (``re.escape(sent) + r"\s*"``): one new pattern per sentence, each compiled once
    and never met again, which also pushes pysbd's own few hundred rule patterns out of
    ``re``'s cache (512 entries) so that they are compiled again and again. This search gives
    the same spans (``\s`` is ``str.isspace`` in a ``str`` pattern) with no pattern at all.
    """

    def __init__(self) -> None:
        super().__init__(language="en", clean=False, char_span=True)
        self.language_module = _English

    def sentences_with_char_spans(self, sentences: list[str]) -> list[TextSpan]:
        text: str = self.original_text
        spans: list[TextSpan] = []
        prior_end = 0
        for sent in sentences:
            found = _literal_match(text, sent, prior_end)
            if found is not None:
                start, end = found
                spans.append(TextSpan(text[start:end], start, end))
                prior_end = end
        return spans


def _literal_match(text: str, sent: str, prior_end: int) -> tuple[int, int] | None:
    r"""The first of ``re.finditer(re.escape(sent) + r"\s*", text)`` ending after ``prior_end``."""
    position = 0
    while (start := text.find(sent, position)) >= 0:
        end = start + len(sent)
        while end < len(text) and text[end].isspace():
            end += 1
        if end > prior_end:
            return start, end
        position = end if end > start else start + 1  # finditer steps past an empty match
    return None


def split_sentences(text: str) -> tuple[SentenceSpan, ...]:
    """Every sentence of ``text`` in order; the spans never overlap and never cross a blank line."""
    segmenter = _Segmenter()
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


def _segment_block(segmenter: _Segmenter, block: str) -> Iterator[tuple[int, int]]:
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
