"""Word-level diff of two claims, with the changes that matter for a conflict marked.

Tokens are whitespace-separated words with their punctuation attached, so each op reads
as the text the reader sees ("10." stays "10."), while matching uses a normalised key
(lower case, punctuation stripped) so "summit" and "summit." still count as equal.
Joining the ``left`` of every op with spaces gives back ``" ".join(a.split())``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from claimdiff.base import lexicon
from claimdiff.base.model import DiffOp

MONTHS = frozenset(lexicon.months())
WEEKDAYS = frozenset(lexicon.weekdays())
NUMBER_WORDS = lexicon.numeric_words()
NEGATIONS = lexicon.words("negation-cues")
Conflict = tuple[str, str]  # (conflict type, explanation for the reader)
_VERB_MONTHS = frozenset({"may", "march"})
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)s?$")
_DIGIT = re.compile(r"\d")
DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?(?:-\d{1,2}(?:st|nd|rd|th)?)?$")
_STRIP = re.compile(r"^[^\w]+|[^\w]+$")
_SENTENCE_END = re.compile(r"[.!?:][\"”’')]*$")
_ABBREVIATION = re.compile(r"^(?:[A-Z][a-z]{0,3}|(?:[A-Z]\.)+[A-Z])$")  # "Gen." "Mr." "U.S."
MARK_ORDER = ("number", "date", "name", "negation")


@lru_cache(maxsize=1 << 16)
def bare(token: str) -> str:
    """The token without the punctuation around it, as shown to the reader."""
    return _STRIP.sub("", token)


@lru_cache(maxsize=1 << 16)
def key(token: str) -> str:
    """The matching key of a token: punctuation around it never makes two words differ."""
    return bare(token).lower().replace("’", "'")


def is_negation(token: str) -> bool:
    k = key(token)
    return k in NEGATIONS or k.endswith("n't")


def is_number(token: str) -> bool:
    k = key(token)
    return bool(_DIGIT.search(k)) or k in NUMBER_WORDS


def is_date_token(tokens: Sequence[str], i: int) -> bool:
    """Month names and years, and day numbers standing next to a month name."""
    k = key(tokens[i])
    near = [key(tokens[j]) for j in (i - 1, i + 1, i - 2, i + 2) if 0 <= j < len(tokens)]
    if k in MONTHS:
        # "may" and "march" are verbs far more often than months in news prose.
        return k not in _VERB_MONTHS or any(_DIGIT.search(n) for n in near[:2])
    if _YEAR.match(k):
        return True
    return bool(DAY.match(k)) and any(n in MONTHS for n in near)


def is_name(tokens: Sequence[str], i: int) -> bool:
    """Capitalised words that do not begin a sentence: the crude shape of a proper noun."""
    word = bare(tokens[i])
    if not word or not word[0].isupper() or word == "I" or i == 0:
        return False
    if key(word) in MONTHS:
        return False
    previous = tokens[i - 1]
    if previous.endswith(".") and _ABBREVIATION.match(bare(previous)):
        return True
    return not _SENTENCE_END.search(previous)


def token_marks(tokens: Sequence[str], lo: int, hi: int) -> set[str]:
    marks: set[str] = set()
    for i in range(lo, hi):
        if is_number(tokens[i]):
            marks.add("number")
        if is_date_token(tokens, i):
            marks.add("date")
        if is_name(tokens, i):
            marks.add("name")
        if is_negation(tokens[i]):
            marks.add("negation")
    return marks


@lru_cache(maxsize=4096)
def word_diff(a: str, b: str) -> tuple[DiffOp, ...]:
    """difflib opcodes over the words of ``a`` and ``b``, changed spans marked.

    Memoised: judging one pair asks for its diff from each detail check (number, name,
    only-change), the pair features and the aligner; the result is immutable.

    ``autojunk`` is off because claims are short: its popularity heuristic would treat
    "the" as junk and make the alignment jump around.
    """
    left, right = a.split(), b.split()
    matcher = SequenceMatcher(None, [key(t) for t in left], [key(t) for t in right], False)
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        marks: tuple[str, ...] = ()
        if tag != "equal":
            found = token_marks(left, i1, i2) | token_marks(right, j1, j2)
            marks = tuple(m for m in MARK_ORDER if m in found)
        ops.append(DiffOp(tag, " ".join(left[i1:i2]), " ".join(right[j1:j2]), marks))
    return tuple(ops)
