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
  be a paragraph's end; initials such as "U.S." do not count as an end);
* or, in any text, the line ends without a sentence's final punctuation and the next line
  starts in lower case (PDF text), or the line ends in a title abbreviation ("Gen.").

The thresholds are in ``resources/language/reflow.json``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from claimdiff.resources import resource_path

_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
_FINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
# A final full stop that belongs to initials ("U.S.", "N.Z."), so it need not end a sentence.
_INITIALS = re.compile(r"(?:^|\s)(?:[A-Za-z]\.){2,}$")


@dataclass(frozen=True, slots=True)
class Settings:
    """What makes a text wrapped; read from the resource file once."""

    max_width: int  # wider "lines" are paragraphs, never a wrap width
    min_width: int  # narrower, and the "width" is that of a list or a menu
    min_lines: int  # too few lines say nothing about a width
    full_share: float  # share of lines that must be close to the width
    full_slack: int  # characters a full line may fall short of the width
    title_abbreviations: re.Pattern[str]


@lru_cache(maxsize=1)
def settings() -> Settings:
    data = json.loads(resource_path("language", "reflow.json").read_text(encoding="utf-8"))
    words = "|".join(re.escape(w) for w in data["title_abbreviations"])
    return Settings(
        max_width=int(data["max_width"]),
        min_width=int(data["min_width"]),
        min_lines=int(data["min_lines"]),
        full_share=float(data["full_share"]),
        full_slack=int(data["full_slack"]),
        title_abbreviations=re.compile(rf"\b(?:{words})\.$"),
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
    chars = list(text)
    position = 0
    for index, line in enumerate(lines):
        position += len(line)
        if not line.endswith("\n") or index + 1 >= len(lines):
            continue
        if joins(line[:-1], lines[index + 1], width):
            chars[position - 1] = " "
    return "".join(chars)


def wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at, or None when it was not hard-wrapped."""
    conf = settings()
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < conf.min_lines:
        return None
    width = lengths[min(len(lengths) - 1, math.ceil(0.95 * (len(lengths) - 1)))]
    if not conf.min_width <= width <= conf.max_width:
        return None
    full = sum(1 for n in lengths if n >= width - conf.full_slack)
    return width if full >= conf.full_share * len(lengths) else None


def joins(line: str, next_line: str, width: int | None) -> bool:
    """True when the newline between ``line`` and ``next_line`` is inside a paragraph."""
    ending = line.rstrip()
    following = next_line.rstrip("\n")
    if not ending.strip() or not following.strip():
        return False
    start = following.lstrip()
    if settings().title_abbreviations.search(ending):
        return True
    if start[0].islower() and not _FINAL.search(ending):
        return True
    return width is not None and _wrapped_here(ending, following, width)


def _wrapped_here(ending: str, following: str, width: int) -> bool:
    """In wrapped text: the line was full and nothing says a paragraph ends here."""
    if following[0].isspace() or (_capitals(ending) and not _capitals(following)):
        return False  # an indented paragraph start; a wire headline above mixed case
    if _FINAL.search(ending) and not _INITIALS.search(ending):
        return False  # the sentence ends here anyway; the next line may start a paragraph
    first_word = following.split(maxsplit=1)[0]
    return len(ending) + 1 + len(first_word) > width - settings().full_slack


def _capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)
