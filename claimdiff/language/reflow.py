"""Undoing hard wrapping: one line per paragraph, with every offset unchanged.

Wire copy, e-mail and many scrapes arrive wrapped at a fixed width (Reuters at about 65
characters), each paragraph starting on an indented line. Read line by line, such text is all
fragments: a sentence is cut at every line end and a line looks like a heading. Before any
other stage looks at an article, :func:`reflow` turns each newline that sits inside a
paragraph into a space. Nothing else changes, so the result has the same length and every
offset found in it indexes the original text too: ``text[start:end]`` of the original is the
same passage, only with its wrap newlines where the reflowed text has spaces.

A newline is a wrap, and is joined, when

* the text is wrapped (most lines are close to one width, and that width is a line's, not
  a paragraph's) and the line was full: its next line's first word would not have fitted
  after it; the next line is not indented (an indented line starts a paragraph), no blank
  line comes between, a line in capitals (a wire headline) is not run into mixed case, and
  the line does not end a sentence (there the newline is a boundary either way, and it may
  be a paragraph's end; initials such as "U.S." do not count as an end). Where paragraphs
  start indented, a line need not be full: every unindented line continues its paragraph;
* or, in any text, the line ends without a sentence's final punctuation and the next line
  starts in lower case (PDF text) or with a number that is not a list item ("July" / "23,
  1981"), or the line ends in a title abbreviation ("Gen.") or in a word no sentence or
  heading ends in ("to", "the", "and").

The thresholds are in ``resources/language/reflow.json``.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from claimdiff.base import lexicon
from claimdiff.language.dateline import dateline_end

_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
_FINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
# What ends a sentence; a colon or semicolon does not, so wrapped prose runs on after one.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_LIST = re.compile(r"\d+[.)]\s")
# A final full stop that belongs to initials ("U.S.", "N.Z.") or to a name's middle initial
# ("Richard R." / "Shinn"), so it need not end a sentence.
_INITIALS = re.compile(r"(?:^|\s)(?:(?:[A-Za-z]\.){2,}|[A-Z][a-z][\w'’\-]*\s+[A-Z]\.)$")


@dataclass(frozen=True, slots=True)
class Settings:
    """What makes a text wrapped; read from the resource file once."""

    max_width: int  # wider "lines" are paragraphs, never a wrap width
    min_width: int  # narrower, and the "width" is that of a list or a menu
    min_lines: int  # too few lines say nothing about a width
    full_share: float  # share of lines that must be close to the width
    full_slack: int  # characters a full line may fall short of the width
    indent_share: float  # share of indented lines that makes indentation the paragraph mark
    title_abbreviations: re.Pattern[str]
    never_final_words: frozenset[str]  # a line ending in one is cut mid-phrase
    min_prose_words: int  # a shorter line is a list entry, not a wrapped line of prose


@lru_cache(maxsize=1)
def settings() -> Settings:
    data = lexicon.table("reflow")
    abbreviations = lexicon.words("title-abbreviations") | set(lexicon.month_abbreviations())
    abbreviations |= {w.lower() for w in data["abbreviations"]}
    words = "|".join(sorted(re.escape(w.capitalize()) for w in abbreviations))
    return Settings(
        max_width=int(data["max_width"]),
        min_width=int(data["min_width"]),
        min_lines=int(data["min_lines"]),
        full_share=float(data["full_share"]),
        full_slack=int(data["full_slack"]),
        indent_share=float(data["indent_share"]),
        title_abbreviations=re.compile(rf"\b(?:{words})\.$"),
        never_final_words=frozenset(data["never_final_words"]) | lexicon.words("determiners"),
        min_prose_words=int(data["min_prose_words"]),
    )


def reflow(text: str) -> str:
    """``text`` with every wrap newline replaced by a space; same length, same offsets."""
    if "\n" not in text:
        return text
    return _reflow(text)


@lru_cache(maxsize=8)
def _reflow(text: str) -> str:
    lines = [m.group() for m in _LINE.finditer(text)]
    width = wrap_width(lines)
    indents = width is not None and indented_paragraphs(lines)
    chars = list(text)
    position = 0
    for index, line in enumerate(lines):
        position += len(line)
        if not line.endswith("\n") or index + 1 >= len(lines):
            continue
        if joins(line[:-1], lines[index + 1], width, indented=indents):
            chars[position - 1] = " "
    return "".join(chars)


def wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at, or None when it was not hard-wrapped.

    Wrapped means most lines come close to one width, or, in a short text or one with long
    words, that its paragraphs start indented (wire copy) within a line's width, or that a
    line of that full width was cut inside a phrase (it ends in "by" or "the", or the next
    line runs on in lower case): a short item of three or four lines cannot show a width by
    counting, but a full line that stops mid-phrase can only have been cut by the wrap, and
    then its other full lines were cut by it too ("... a subsidiary of Newmont" / "Mining Corp,
    said ...").
    """
    conf = settings()
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < 2:
        return None
    width = lengths[min(len(lengths) - 1, math.ceil(0.95 * (len(lengths) - 1)))]
    if not conf.min_width <= width <= conf.max_width:
        return None
    if indented_paragraphs(lines):
        return width
    full = sum(1 for n in lengths if n >= width - conf.full_slack)
    if len(lengths) >= conf.min_lines and full >= conf.full_share * len(lengths):
        return width
    if any(
        len(line.rstrip()) >= width - conf.full_slack and joins(line[:-1], following, None)
        for line, following in itertools.pairwise(lines)
    ):
        return width
    return None


def indented_paragraphs(lines: list[str]) -> bool:
    """True when paragraphs start on an indented line, as in wire copy.

    Then a line that is not indented always continues a paragraph, even after a short line:
    a body that starts mid-line because its dateline was cut off ("Standard Oil Co and BP
    North America" / "Inc said they plan ...") is still one paragraph.
    """
    text_lines = [line for line in lines if line.strip()]
    starts = sum(1 for line in text_lines if line[0] in " \t")
    return starts >= 2 and starts >= settings().indent_share * len(text_lines)


def joins(line: str, next_line: str, width: int | None, *, indented: bool = False) -> bool:
    """True when the newline between ``line`` and ``next_line`` is inside a paragraph."""
    ending = line.rstrip()
    following = next_line.rstrip("\n")
    if not ending.strip() or not following.strip():
        return False
    start = following.lstrip()
    if dateline_end(start) is not None:
        return False  # a wire dateline opens the story's first paragraph
    conf = settings()
    if conf.title_abbreviations.search(ending) and not following[0].isspace():
        return True  # "Gen." / "Smith"; an indented next line starts a paragraph all the same
    if ending.rsplit(maxsplit=1)[-1] in conf.never_final_words and not following[0].isspace():
        return True  # "... their products to" / "February 11, in thousands ..."
    if (
        not _FINAL.search(ending)
        and len(ending.split()) >= conf.min_prose_words
        and (start[0].islower() or _number_continues(following))
    ):
        return True
    return width is not None and _wrapped_here(ending, following, width, indented)


def _wrapped_here(ending: str, following: str, width: int, indented: bool) -> bool:
    """In wrapped text: the line was full and nothing says a paragraph ends here."""
    if following[0].isspace() or (_capitals(ending) and not _capitals(following)):
        return False  # an indented paragraph start; a wire headline above mixed case
    if _SENTENCE_END.search(ending) and not _INITIALS.search(ending):
        return False  # the sentence ends here anyway; the next line may start a paragraph
    if indented:
        return True
    first_word = following.split(maxsplit=1)[0]
    return len(ending) + 1 + len(first_word) > width - settings().full_slack


def _number_continues(following: str) -> bool:
    """A line that goes on with a number inside a phrase ("23, 1981 for wheat."), not a
    list item, a table row or a lone counter."""
    start = following.lstrip()
    return (
        start[0].isdigit()
        and following[0] == start[0]
        and not _LIST.match(start)
        and len(start.split()) >= 3
    )


def _capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)
