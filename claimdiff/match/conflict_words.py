"""Content words two claims share, and whether a differing detail stands in the same place.

The conflict rules (claimdiff.match.contradiction and the modules beside it) ask both: a
denial or a role conflict must be about the same things, a differing figure must be aligned.
"""

from __future__ import annotations

from functools import lru_cache

from claimdiff.base import lexicon
from claimdiff.claims.stems import STOPWORDS, stem
from claimdiff.match.diff import (
    key,
)


def content_stems(text: str) -> frozenset[str]:
    """The stems of a claim's content words (function words, who-says words left out)."""
    return _content_stems(text)


@lru_cache(maxsize=1 << 14)
def _content_stems(text: str) -> frozenset[str]:
    return frozenset(stem(k) for k in _content_keys(text))


ALIGN_WINDOW = 4  # words either side of a differing detail that place it in its claim
ALIGN_WORDS = 2  # content words those places must share for the detail to be aligned


def aligned(a: str, b: str, left: str, right: str) -> bool:
    """The stretches ``left`` of ``a`` and ``right`` of ``b`` stand in the same place.

    Two reports of one event word it differently, so a word diff cannot line them up; the
    words around a detail can: "the stock closed at 58-5/8 on the New York" and "stock
    closing level of 59.75 on the New York" place their figures alike, "we reported on
    Monday" and "passed close to Earth on Saturday" do not.
    """
    return len(_context(a, left) & _context(b, right)) >= ALIGN_WORDS


def _context(text: str, detail: str) -> set[str]:
    tokens = text.split()
    wanted = key(detail.split(maxsplit=1)[0]) if detail.split() else ""
    for i, token in enumerate(tokens):
        if key(token) == wanted:
            near = tokens[max(0, i - ALIGN_WINDOW) : i + ALIGN_WINDOW + 1]
            return {stem(k) for k in _content_keys(" ".join(near)) if k != wanted}
    return set()


def common_words(a: str, b: str) -> list[str]:
    """Content words both claims use, one per stem ("state" and "states" count once), as the
    left claim writes them, in its order."""
    theirs = {stem(k) for k in _content_keys(b)}
    found: dict[str, str] = {}
    for k in _content_keys(a):
        if stem(k) in theirs:
            found.setdefault(stem(k), k)
    return list(found.values())


@lru_cache(maxsize=1 << 14)
def _content_keys(text: str) -> tuple[str, ...]:
    """Content words: not function words, not the words that only say who speaks."""
    skipped = STOPWORDS | lexicon.words("attribution-words") | lexicon.words("speech-verbs")
    return tuple(k for k in (key(t) for t in text.split()) if k.isalpha() and k not in skipped)
