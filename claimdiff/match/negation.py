"""Negation as two claims' polarity: which words negate, what each negation governs.

Parity over the whole claim ("only one of the two says not") is robust to reordered quotes
but flags rewordings; scope (the word a negation governs must be stated by the other claim)
and a lexicon of how news writes negation ("dont", "failed to", "declined comment",
"neither ... nor") keep it to real reversals.
"""

from __future__ import annotations

from functools import lru_cache

from claimdiff.base import lexicon
from claimdiff.claims.stems import STOPWORDS, stem
from claimdiff.match.diff import Conflict, is_negation, key

_BARE_CONTRACTIONS = lexicon.words("negation-contracted")
# Verbs that negate what follows as "not" does ("failed to meet" is "did not meet"): finite
# forms unless a determiner makes them adjectives ("the failed bid"), the others only before
# "to"; and words that always negate ("without", "unless").
_IMPLICIT_FINITE = lexicon.words("negation-verbs-finite")
_IMPLICIT_BEFORE_TO = lexicon.words("negation-verbs-before-to")
_IMPLICIT = lexicon.words("negation-always")
_DETERMINERS = lexicon.words("determiners")
# Negation words that negate nothing here: "not only X but Y" states X, "no doubt" asserts.
_IDIOMS = frozenset(p for p in lexicon.phrases("negation-idioms") if len(p) == 2)


def negations(text: str) -> list[int]:
    """Indices of the tokens that negate, for comparing two claims' polarity.

    "neither I nor my film are" negates once, as "he and his film are not" does.
    """
    return list(_negations(text))


@lru_cache(maxsize=1 << 14)
def _negations(text: str) -> tuple[int, ...]:
    """:func:`negations`, remembered: a comparison asks again for each candidate pair a claim
    is in (12,330 calls for 716 claims at 400 sentences a side, a quarter of the matching)."""
    tokens = [key(t) for t in text.split()]
    found = []
    for i, token in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if (token, following) in _IDIOMS or (token == "nor" and "neither" in tokens[:i]):
            continue
        if (
            is_negation(token)
            or token in _BARE_CONTRACTIONS
            or token in _IMPLICIT
            or (token in _IMPLICIT_BEFORE_TO and following == "to")
            or (token in _IMPLICIT_FINITE and (i == 0 or tokens[i - 1] not in _DETERMINERS))
        ):
            found.append(i)
    return tuple(found)


def negation_count(text: str) -> int:
    return len(negations(text))


def negation_parity_flip(a: str, b: str) -> Conflict | None:
    """An odd difference in negations ("A man is playing" / "Nobody is playing")."""
    left, right = negation_count(a), negation_count(b)
    if left % 2 == right % 2:
        return None
    side = "left" if left > right else "right"
    return "negation", f"negation flipped: only the {side} claim is negated"


# Between a negation and the word it governs: auxiliaries, articles, "any", "yet", "ever".
_SKIPPED = "any ever yet longer even only just get got very so too much many enough one"
_NOT_HEADS = STOPWORDS | frozenset(_SKIPPED.split())
HEAD_WINDOW = 4  # "did not even formally get a" ... : the governed word comes within a few words


def negated_heads(text: str) -> list[str]:
    """The stem of the word each negation governs: "was not injured" → "injur".

    The first word after the negation that is not a function word or an -ly adverb
    ("not immediately known" → "known"); a negation with none in reach governs nothing.
    """
    tokens = [key(t) for t in text.split()]
    cues = negations(text)
    heads = []
    for i in cues:
        for word in tokens[i + 1 : i + 1 + HEAD_WINDOW]:
            if (
                word
                and word not in _NOT_HEADS
                and not is_negation(word)
                and not word.endswith("ly")
            ):
                heads.append(stem(word))
                break
    return heads


def _stems(text: str) -> set[str]:
    return {stem(key(t)) for t in text.split()}


def negation_reversal(a: str, b: str) -> Conflict | None:
    """A negation on one side only, governing a word the other claim states un-negated.

    Parity alone ("only one claim says not") flags rewordings: "were not injured" /
    "escaped unharmed", "have not ruled out" / "hold out the possibility". Those negate a
    word the other claim never uses; "A man is not playing" / "A man is playing" negates one
    it does. MSRP paraphrases flagged by parity alone outnumbered real reversals 2 to 1.
    """
    flip = negation_parity_flip(a, b)
    if flip is None:
        return None
    left, right = negated_heads(a), negated_heads(b)
    stated_left, stated_right = _stems(a), _stems(b)
    if any(h in stated_right for h in left if h not in right) or any(
        h in stated_left for h in right if h not in left
    ):
        return flip
    return None
