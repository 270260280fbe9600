"""Telling an article's body from the page furniture a plain-text scrape drags along.

A scrape keeps everything the page showed: skip links, mastheads, "Subscribe", photo captions
with their credits, datelines, related-story headlines, UI strings in another language, and
notes appended after the article. None of it is a claim, so each such line gets a
``Span(..., "furniture")`` and the headline a ``Span(..., "title")``. The rules are general
(shape, punctuation, vocabulary, script), never the seed strings themselves, and every rule
leans towards keeping a line as body: losing a real sentence is worse than keeping a button.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from claimdiff.base import lexicon
from claimdiff.base.model import Span
from claimdiff.language import nlp
from claimdiff.language.reflow import reflow


@dataclass(frozen=True, slots=True)
class Line:
    """One non-empty line; offsets are of the stripped text inside the article text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Furniture:
    start: int
    end: int
    reason: str  # which rule fired, in words; shown to users who ask why a line was skipped


@dataclass(frozen=True, slots=True)
class Layout:
    """How an article's lines divide into headline, furniture and (implicitly) body."""

    title: str | None
    title_line: Line | None
    furniture: tuple[Furniture, ...]

    def spans(self) -> tuple[Span, ...]:
        spans = [Span(f.start, f.end, "furniture") for f in self.furniture]
        if self.title_line is not None:
            spans.append(Span(self.title_line.start, self.title_line.end, "title"))
        return tuple(sorted(spans, key=lambda s: s.start))


_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_OPENING_QUOTE = re.compile(r"^[\"'“‘«„]")
_LIST_ITEM = re.compile(r"^(?:[-*+•]|\d+[.)])\s+\S")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_CREDIT = re.compile(r"©|\(c\)\s|^(?:photo|image|picture|credit|source)s?\s*(?:by\b|:|/)", re.I)
# A caption ending in the outlet's name: "Soldiers take part in ... 2016. - Sputnik International".
_CAPTION_CREDIT = re.compile(r"\S\s+[-–—|]\s+(?:[A-Z][\w.&'’]*)(?:\s+[A-Z][\w.&'’]*){0,3}$")
_NOTE_HEADING = re.compile(
    r"^(?:an?\s+)?(?:note\s+to\s+(?:our\s+)?readers|editor'?s'?\s+note|editorial\s+note|"
    r"about\s+the\s+author|related(?:\s+(?:articles?|stories|news|coverage|content))?|"
    r"read\s+(?:more|also)|see\s+also|more\s+(?:on\s+this|from|stories)|recommended|"
    r"most\s+(?:read|popular|viewed)|you\s+may\s+also\s+like|comments?)\b",
    re.I,
)
# Words that only ever appear on buttons, menus and widgets. A line made of nothing else is UI.
_UI_WORD = re.compile(
    r"(?:jump|skip|to|main|content|navigation|menu|search|footer|header|sidebar|home|back|top"
    r"|subscribe|subscription|newsletter|newsfeed|feed|rss|log|login|logout|sign|register"
    r"|account|loader|loading|chats?|share|tweet|print|e?mail|comments?|discussion|participate"
    r"|advertisement|advertising|ads?|cookies?|accept|follow|us|in|on|or|and|the|our|now|here"
    r"|more|view|next|previous|prev|close|open|click|tap|whatsapp|telegram|instagram|facebook"
    r"|twitter|youtube|vk|linkedin|reddit|x)",
    re.I,
)
_MAX_HEADING_WORDS = 16
_MIN_BODY_WORDS = 8

_MONTHS = lexicon.months()
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = "(?:" + "|".join(sorted(lexicon.weekdays(), key=len, reverse=True)) + ")"
_FULL_DATE = re.compile(
    rf"\b(?:{_WEEKDAY},?\s+)?(?:"
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH})\.?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d)"
    rf"|(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)"
    rf")\b",
    re.I,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d\d(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?|gmt|utc|msk)?\b", re.I)


_LINE = re.compile(r"[^\n]+")


def split_lines(text: str) -> list[Line]:
    """Non-empty lines with the offsets of their stripped text."""
    return list(_split_lines(text))


@lru_cache(maxsize=4)
def _split_lines(text: str) -> tuple[Line, ...]:
    """Kept for the few calls one article makes (title, spans, date), not recomputed each time.

    The lines are those of the reflowed text (:func:`claimdiff.language.reflow.reflow`): a
    hard-wrapped paragraph is one line, never judged by its wrapped fragments. The reflow
    keeps every offset, so the spans index the original text.
    """
    lines = []
    for match in _LINE.finditer(reflow(text)):
        raw = match.group()
        stripped = raw.strip()
        if stripped:
            start = match.start() + (len(raw) - len(raw.lstrip()))
            lines.append(Line(start, start + len(stripped), stripped))
    return tuple(lines)


def find_spans(text: str, title: str | None = None) -> tuple[Span, ...]:
    """Title and furniture spans of ``text``; ``title`` is the known headline, if any."""
    return analyse(text, title).spans()


def guess_title(text: str) -> str | None:
    """The headline a reader would name: the heading just above the first body paragraph."""
    return analyse(text).title


def analyse(text: str, title: str | None = None) -> Layout:
    """Classify every line of ``text`` as headline, furniture or body.

    A text too long to analyse (:func:`claimdiff.language.nlp.check_size`) gets no layout: it is
    refused before its claims are read, and reading its lines first would only delay that.
    """
    if not nlp.fits(text):
        return Layout(None, None, ())
    heading = title or _guess_heading(split_lines(text), _main_script(text))
    return _classify(text, heading)


@lru_cache(maxsize=8)
def _classify(text: str, heading: str | None) -> Layout:
    """Cached: the loader asks for the headline, then for the spans under that headline."""
    lines = split_lines(text)
    script = _main_script(text)
    title_line = _find_line(lines, heading)
    if title_line is not None and _only_a_name(lines, title_line, script):
        title_line, heading = None, None
    note = _note_block_start(lines)
    furniture = [
        Furniture(line.start, line.end, reason)
        for line in lines[:note]
        if line is not title_line
        and (reason := _furniture_reason(line, heading, script)) is not None
    ]
    if note is not None:
        block = Furniture(lines[note].start, lines[-1].end, "block after an editorial note")
        furniture.append(block)
    shown = heading or _first_plain_line(lines, script)
    return Layout(shown, title_line, tuple(furniture))


DATELINE_CHARS = 300


def stated_date(text: str) -> str | None:
    """An ISO date the article states about itself in a dateline, or None.

    Only lines above the first body paragraph, and date-only lines anywhere, count: dates
    inside the body are events the article reports ("On February 21, 2023, Putin ...").
    """
    lines = split_lines(text)
    candidates = lines[: _first_body_index(lines)] + [ln for ln in lines if _is_dateline(ln.text)]
    for line in candidates:
        # A dateline's date opens its line; a 10 MB line need not be searched to its end.
        for match in _FULL_DATE.finditer(line.text, 0, DATELINE_CHARS):
            found = _to_iso(match)
            if found is not None:
                return found
    return None


def main_script(lines: list[Line]) -> str | None:
    """The writing system most letters of the article are in (LATIN, CYRILLIC, ...)."""
    counts: Counter[str] = Counter()
    for line in lines:
        counts.update(_scripts(line.text))
    return counts.most_common(1)[0][0] if counts else None


@lru_cache(maxsize=4)
def _main_script(text: str) -> str | None:
    return main_script(split_lines(text))


def _scripts(text: str) -> Counter[str]:
    """Letters per script, in order of first appearance (``most_common`` breaks ties so)."""
    counts: Counter[str] = Counter()
    if text.isascii():  # the common case, and every ASCII letter is LATIN
        letters = sum(map(str.isalpha, text))
        if letters:
            counts["LATIN"] = letters
        return counts
    for ch in text:
        if ch.isalpha():
            counts["LATIN" if ch.isascii() else _script(ch)] += 1
    return counts


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    return unicodedata.name(ch, "UNKNOWN").split(" ")[0]


def _furniture_reason(line: Line, title: str | None, script: str | None) -> str | None:
    """The first furniture rule ``line`` meets; None keeps it as body."""
    text = line.text
    words = _WORD.findall(text)
    # Tried in order and lazily: most lines are body and meet none, and every rule is a scan.
    checks: tuple[tuple[Callable[[], bool], str], ...] = (
        (lambda: not words, "no words"),
        (lambda: title is not None and _same_text(text, title), "repeated title"),
        (lambda: _CREDIT.search(text) is not None, "photo credit"),
        (lambda: _is_caption_credit(text), "caption with the outlet's credit"),
        (lambda: _is_ui(words), "site navigation or widget text"),
        (lambda: _is_dateline(text), "dateline"),
        (lambda: _foreign_script(text, script), "in another script than the article"),
        (lambda: _is_heading_like(text), "short line without sentence punctuation"),
    )
    return next((reason for hit, reason in checks if hit()), None)


def _is_heading_like(text: str) -> bool:
    """Short and unpunctuated: a heading, label or button, unless it is a quote or list item."""
    if _SENTENCE_END.search(text) or _OPENING_QUOTE.match(text) or _LIST_ITEM.match(text):
        return False
    return len(text.split()) <= _MAX_HEADING_WORDS


def _is_body(line: Line) -> bool:
    text = line.text
    if _CREDIT.search(text) or _is_caption_credit(text):
        return False
    return _SENTENCE_END.search(text) is not None and len(text.split()) >= _MIN_BODY_WORDS


def _is_caption_credit(text: str) -> bool:
    return not _SENTENCE_END.search(text) and _CAPTION_CREDIT.search(text) is not None


def _is_ui(words: list[str]) -> bool:
    return bool(words) and len(words) <= 12 and all(_UI_WORD.fullmatch(w) for w in words)


def _is_dateline(text: str) -> bool:
    """A line that is a date (and perhaps a time) and hardly anything else."""
    if len(text) > 80:
        return False
    match = _FULL_DATE.search(text)
    if match is None:
        return False
    rest = _TIME.sub(" ", text[: match.start()] + " " + text[match.end() :])
    return len(_WORD.findall(rest)) <= 2


def _foreign_script(text: str, script: str | None) -> bool:
    """A short line written in another alphabet than the article, like a UI string."""
    counts = _scripts(text)
    if script is None or sum(counts.values()) < 3 or len(text) > 120:
        return False
    return counts.most_common(1)[0][0] != script


def _first_body_index(lines: list[Line]) -> int:
    return next((i for i, line in enumerate(lines) if _is_body(line)), len(lines))


def _guess_heading(lines: list[Line], script: str | None) -> str | None:
    """A line repeated near the top, else the last plain heading above the first paragraph.

    Scrapes often hold the headline twice (page title and article heading), and a headline
    may end in a full stop ("... relations with U.S."), so repetition is the surest sign.
    """
    repeated = _repeated_line(lines[:8])
    if repeated is not None:
        return repeated
    for line in reversed(lines[: _first_body_index(lines)]):
        if _is_heading_like(line.text) and len(_WORD.findall(line.text)) >= 2:
            reason = _furniture_reason(line, None, script)
            if reason == "short line without sentence punctuation":
                return line.text.lstrip("#").strip()
    return None


def _only_a_name(lines: list[Line], line: Line, script: str | None) -> bool:
    """True when the "headline" handed in is the first body line an article without one was
    named after (:func:`guess_title`): it names the article but stays body, so its
    sentences can be claims."""
    if _guess_heading(lines, script) is not None or not _is_body(line):
        return False
    name = _first_plain_line(lines, script) or ""
    text = line.text.lstrip("#").strip()
    return name == text or (name.endswith("…") and text.startswith(name[:-1]))


def _first_plain_line(lines: list[Line], script: str | None) -> str | None:
    """A name for an article without a headline: its first line that is not furniture.

    It only names the article; the line keeps counting as body.
    """
    for line in lines:
        if _furniture_reason(line, None, script) is None:
            text = line.text.lstrip("#").strip()
            return text if len(text) <= 120 else text[:117].rsplit(" ", 1)[0] + "…"
    return None


def _repeated_line(lines: list[Line]) -> str | None:
    seen: set[str] = set()
    for line in lines:
        key = _normal(line.text)
        if key in seen and 3 <= len(_WORD.findall(line.text)) <= _MAX_HEADING_WORDS:
            return line.text.lstrip("#").strip()
        seen.add(key)
    return None


def _find_line(lines: list[Line], title: str | None) -> Line | None:
    if not title:
        return None
    return next((line for line in lines if _same_text(line.text, title)), None)


def _same_text(a: str, b: str) -> bool:
    return _normal(a) == _normal(b)


def _normal(text: str) -> str:
    return " ".join(text.lstrip("#").casefold().split()).rstrip(".")


def _note_block_start(lines: list[Line]) -> int | None:
    """Index of an editorial-note heading that closes the article; all after it is appendix.

    The block must be short next to the body before it, so that a subheading which happens
    to read "More from the summit" cannot cut an article in half.
    """
    body = [_is_body(line) for line in lines]
    total = sum(body)
    before = 0  # body lines above line i, counted as we go: one pass, not one per line
    for i, line in enumerate(lines):
        if i:
            before += body[i - 1]
        if before < 2 or not _is_heading_like(line.text) or not _NOTE_HEADING.match(line.text):
            continue
        if (total - before) * 2 < before:
            return i
    return None


def _to_iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    year = groups["y1"] or groups["y2"] or groups["y3"]
    month_text = groups["m1"] or groups["m2"] or groups["m3"]
    day = groups["d1"] or groups["d2"] or groups["d3"]
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower()]
    try:
        return date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None
