"""Pluggable sentence similarity: a backend turns two lists of sentences into a score matrix.

Alignment and exemplar labelling only ever call ``matrix``; the lexical backend here needs
nothing beyond rapidfuzz and difflib, and a semantic backend (an embedding model) can be
dropped in beside it without touching the matcher.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Protocol

import numpy as np
from rapidfuzz import fuzz, process

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased word tokens; punctuation never counts towards similarity."""
    return [w.lower() for w in _WORD.findall(text)]


class SimilarityBackend(Protocol):
    """Anything that scores every left sentence against every right sentence in [0, 1]."""

    @property
    def name(self) -> str: ...

    def matrix(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray: ...


class LexicalSimilarity:
    """rapidfuzz token-sort ratio for all pairs, refined by difflib on word sequences.

    rapidfuzz ``cdist`` is cheap enough for every pair; difflib's word-level ratio is slower
    but closer to what a reader calls "the same sentence", so it only runs on pairs whose
    ``quick_ratio`` upper bound could still reach the refine threshold.
    """

    name = "lexical"

    def __init__(self, refine_above: float = 0.5) -> None:
        self.refine_above = refine_above

    def matrix(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        if not left or not right:
            return np.zeros((len(left), len(right)), dtype=np.float32)
        fast = process.cdist(
            [" ".join(words(s)) for s in left],
            [" ".join(words(s)) for s in right],
            scorer=fuzz.token_sort_ratio,
            dtype=np.float32,
            workers=1,
        )
        scores = np.asarray(fast, dtype=np.float32) / 100.0
        left_words = [words(s) for s in left]
        right_words = [words(s) for s in right]
        for i, lw in enumerate(left_words):
            matcher = SequenceMatcher(autojunk=False)
            matcher.set_seq2(lw)
            for j, rw in enumerate(right_words):
                if scores[i, j] < self.refine_above:
                    continue
                matcher.set_seq1(rw)
                if matcher.quick_ratio() < self.refine_above:
                    continue
                scores[i, j] = (scores[i, j] + matcher.ratio()) / 2.0
        return scores


def backend_notice(backend: SimilarityBackend) -> str | None:
    """A backend's warning for the user (e.g. "semantic model not available"), if it has one."""
    notice = getattr(backend, "notice", None)
    return notice if isinstance(notice, str) else None
