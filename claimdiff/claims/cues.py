"""Negation and hedging cues: the words that flip a claim or soften it.

Two claims that differ by one "not" conflict, and a claim with "reportedly" commits less
than one without, so the matcher needs both flags and the reader needs to see which words
set them. Phrases that look negative but are not ("not only ... but also", "no matter what")
are matched first and ignored; "not likely" counts as both a negation and a hedge.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from claimdiff.base import lexicon

# The words are data (resources/lexicon/): the judge and the labeller read the same lists.
_IGNORED = lexicon.alternation(lexicon.phrases("negation-idioms"))
_NEGATED_HEDGE = r"not\s+(?:\w+\s+)?(?:likely|probable|expected)"
_NEGATION = lexicon.alternation(
    [*lexicon.words("negation-cues"), *lexicon.phrases("negation-phrases")]
)
_HEDGE = lexicon.alternation(lexicon.words("hedges"))
_CUE = re.compile(
    rf"\b(?:(?P<ignored>{_IGNORED})|(?P<both>{_NEGATED_HEDGE})|(?P<negation>{_NEGATION})"
    rf"|(?P<hedge>{_HEDGE}))\b",
    re.IGNORECASE,
)


class Cues(NamedTuple):
    negation: tuple[str, ...]
    hedging: tuple[str, ...]
    found: tuple[str, ...]  # every cue once, in text order, lower case, as written

    @property
    def negated(self) -> bool:
        return bool(self.negation)

    @property
    def hedged(self) -> bool:
        return bool(self.hedging)


def find_cues(sentence: str) -> Cues:
    negation: list[str] = []
    hedging: list[str] = []
    found: list[str] = []
    for match in _CUE.finditer(sentence):
        kind = match.lastgroup
        if kind == "ignored" or _is_month(match, sentence):
            continue
        cue = _cue_text(match.group(), kind)
        found.append(cue)
        if kind in ("negation", "both"):
            negation.append(cue)
        if kind in ("hedge", "both"):
            hedging.append(cue)
    return Cues(_unique(negation), _unique(hedging), _unique(found))


def _unique(cues: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(cues))


def _cue_text(text: str, kind: str | None) -> str:
    words = text.lower().replace("’", "'").split()
    if kind == "both":  # "not very likely" reads as the cue "not likely"
        return f"{words[0]} {words[-1]}"
    return " ".join(words)


def _is_month(match: re.Match[str], sentence: str) -> bool:
    """ "May" with a capital inside a sentence is the month."""
    return match.group() == "May" and match.start() > 0 and sentence[: match.start()].strip() != ""
