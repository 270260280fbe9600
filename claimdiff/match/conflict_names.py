"""Name conflicts: another name in the same short slot, and telling spellings of one name.

A name only one side mentions is extra detail; a name that replaces another where the rest
of the claim is alike is a conflict ("left says Saudi Arabia, right says Obama's" only when
the slot is the same). The spelling helpers serve the person-in-role rule too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from claimdiff.base import lexicon
from claimdiff.base.model import DiffOp
from claimdiff.match.diff import (
    WEEKDAYS,
    Conflict,
    bare,
    is_name,
    word_diff,
)

_SAME_NAME = 80  # rapidfuzz ratio above which two names are spellings of one (Sergey/Sergei)


def entity_conflict(a: str, b: str, ops: Sequence[DiffOp] | None = None) -> Conflict | None:
    """A different name in the same slot of the alignment ("Iran" replaced by "Russia")."""
    left_tokens, right_tokens = a.split(), b.split()
    i = j = 0
    for op in ops if ops is not None else word_diff(a, b):
        n, m = len(op.left.split()), len(op.right.split())
        if op.tag == "replace" and "name" in op.marks:
            left = _names(left_tokens, i, i + n)
            right = _names(right_tokens, j, j + m)
            if left and right and fuzz.ratio(left.lower(), right.lower()) < _SAME_NAME:
                return "entity", f"different name: left says {left}, right says {right}"
        i, j = i + n, j + m
    return None


def _names(tokens: Sequence[str], lo: int, hi: int) -> str:
    return " ".join(bare(tokens[k]) for k in range(lo, hi) if is_name(tokens, k))


_NOT_NAMES = WEEKDAYS | lexicon.words("titles") | lexicon.words("title-abbreviations")
_ALNUM = re.compile(r"[^0-9a-z]+")
SLOT_WORDS = 3  # a swapped name sits in a short changed stretch, not in an added clause
_SAME_SPELLING = 80  # rapidfuzz ratio: "Muqtada" / "Moqtada", "Iraqi" / "Iraq's"


def _norm(text: str) -> str:
    return _ALNUM.sub("", text.lower())


def _initials(text: str) -> str:
    """First letters of the capitalised words, in order: "Centers for Disease Control" → CDC."""
    return "".join(w[0] for w in (bare(t) for t in text.split()) if w[:1].isupper())


def _acronym_of(name: str, other: str) -> bool:
    """ "U.S" or "CDC's" spelled out in the other claim ("United States", "Centers for ...")."""
    letters = "".join(c for c in name.split("'", maxsplit=1)[0] if c.isalpha())
    return len(letters) >= 2 and letters.isupper() and letters in _initials(other)


def _spelled_alike(name: str, other: str) -> bool:
    return any(fuzz.ratio(name.lower(), bare(w).lower()) >= _SAME_SPELLING for w in other.split())


def _lonely_names(tokens: list[str], lo: int, hi: int, other: str) -> list[str]:
    """Names in tokens[lo:hi] that the other claim never mentions, abbreviates or respells."""
    found = []
    plain = _norm(other)
    for k in range(lo, hi):
        name = _norm(bare(tokens[k]))
        if not is_name(tokens, k) or not name or name in _NOT_NAMES or name in plain:
            continue
        word = bare(tokens[k])
        if not _acronym_of(word, other) and not _spelled_alike(word, other):
            found.append(word)
    return found


def name_substitution(a: str, b: str) -> Conflict | None:
    """A name in a changed stretch on each side, neither found anywhere in the other claim.

    Stricter than claimdiff.conflict.entity_conflict on purpose: given pairs are often
    reworded news sentences, where a name moves ("in the US" / "U.S. officials") or gains
    a ticker suffix ("JCP" / "JCP.N"); only a name the other claim never mentions counts,
    and only in a short swapped stretch (at most SLOT_WORDS words a side): the same role
    filled by someone else, not a clause one report has and the other lacks.
    """
    left, right = a.split(), b.split()
    i = j = 0
    for op in word_diff(a, b):
        n, m = len(op.left.split()), len(op.right.split())
        if op.tag == "replace" and "name" in op.marks and max(n, m) <= SLOT_WORDS:
            mine = _lonely_names(left, i, i + n, b)
            theirs = _lonely_names(right, j, j + m, a)
            if mine and theirs:
                return "entity", f"different name: left says {mine[0]}, right says {theirs[0]}"
        i, j = i + n, j + m
    return None
