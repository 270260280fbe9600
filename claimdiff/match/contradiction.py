"""The one set of rules that says where two claims about the same event disagree.

Embeddings do not see contradiction: "Russia suspended the treaty" and "Russia did not
suspend the treaty" score a cosine of about 0.9. So once two claims are known to be about
the same thing (claimdiff.match.judge decides that), these checks look for the detail that makes
them disagree: a negation of a word both state (claimdiff.match.negation), an antonymous predicate
("extended" / "suspended"), a different date or weekday, a different figure in the same place
or of the same unit (rounding and scale allowed for: "$1.4bn" = "$1.4 billion", "a dozen" =
"12"), a different name in the same short slot. Mentions on only one side are extra detail,
not a conflict, so every check needs something on both sides that the other side lacks.

The word lists come from resources/lexicon (claimdiff.base.lexicon). The plain checks of the pair
classifier's features (``date_conflict``, ``number_conflict``, ``negation_flip``,
``entity_conflict``) live here too, so there is one home for every detail rule.

The rules are split by conflict kind: conflict_dates, conflict_numbers, conflict_names,
conflict_stance (denial, plan against outcome, person in role) and conflict_words (shared
content words, alignment); this module keeps negation and antonyms, the order the checks
run in, and every rule's name for its callers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from claimdiff.base import lexicon
from claimdiff.base.model import DiffOp
from claimdiff.claims.stems import STOPWORDS
from claimdiff.match.conflict_dates import (
    DateMention,
    date_conflict,
    date_mentions,
    weekday_conflict,
)
from claimdiff.match.conflict_names import entity_conflict, name_substitution
from claimdiff.match.conflict_numbers import (
    figures_by_unit,
    indexed_numbers,
    lonely_numbers,
    number_conflict,
    number_substitution,
    number_values,
    numbers,
    rounds_to,
)
from claimdiff.match.conflict_stance import (
    RoleHolder,
    cue_phrases,
    denial_conflict,
    denial_cues,
    modality_conflict,
    person_conflict,
    role_holders,
    same_event_conflict,
    stance_conflict,
)
from claimdiff.match.conflict_words import aligned, common_words, content_stems
from claimdiff.match.diff import (
    Conflict,
    is_negation,
    key,
    word_diff,
)
from claimdiff.match.negation import negation_reversal

__all__ = [
    "Conflict",
    "DateMention",
    "RoleHolder",
    "aligned",
    "antonym_conflict",
    "common_words",
    "content_stems",
    "cue_phrases",
    "date_conflict",
    "date_mentions",
    "denial_conflict",
    "denial_cues",
    "detail_difference",
    "entity_conflict",
    "figures_by_unit",
    "find_contradiction",
    "indexed_numbers",
    "lonely_numbers",
    "modality_conflict",
    "name_substitution",
    "negation_flip",
    "number_conflict",
    "number_substitution",
    "number_values",
    "numbers",
    "only_difference",
    "person_conflict",
    "reversal",
    "role_holders",
    "rounds_to",
    "same_event_conflict",
    "stance_conflict",
    "weekday_conflict",
]


def negation_flip(a: str, b: str, ops: Sequence[DiffOp] | None = None) -> Conflict | None:
    """A negation cue added or dropped in a changed stretch ("will" → "will not")."""
    for op in ops if ops is not None else word_diff(a, b):
        if op.tag == "equal" or "negation" not in op.marks:
            continue
        left = [key(t) for t in op.left.split() if is_negation(t)]
        right = [key(t) for t in op.right.split() if is_negation(t)]
        if bool(left) != bool(right):
            side, cue = ("left", left[0]) if left else ("right", right[0])
            other = "right" if left else "left"
            return "negation", f"negation flipped: {side} says '{cue}' where {other} does not"
    return None


ANTONYM_PAIRS = lexicon.word_pairs("antonyms")
_WORD = re.compile(r"[\w']+")


def _tokens(text: str) -> set[str]:
    return {key(w) for w in _WORD.findall(text)}


def antonym_conflict(a: str, b: str) -> Conflict | None:
    """One claim uses a predicate, the other its opposite ("extended" / "suspended")."""
    left, right = _tokens(a), _tokens(b)
    for one, other in ANTONYM_PAIRS:
        for x, y in ((one, other), (other, one)):
            in_left, in_right = left & x, right & y
            if in_left and in_right and not (left & y) and not (right & x):
                words = (sorted(in_left)[0], sorted(in_right)[0])
                return "antonym", f"opposite words: left says '{words[0]}', right '{words[1]}'"
    return None


MEANING_CHECKS: tuple[Callable[[str, str], Conflict | None], ...] = (
    negation_reversal,
    antonym_conflict,
)
DETAIL_CHECKS: tuple[Callable[[str, str], Conflict | None], ...] = (
    date_conflict,
    weekday_conflict,
    number_substitution,
    name_substitution,
)


def find_contradiction(a: str, b: str, details: bool = True) -> Conflict | None:
    """The first detail on which two same-event claims disagree, or None.

    Negation is judged by parity over the whole claim rather than inside one diff stretch,
    so a reordered sentence that keeps its "not" is not flagged. ``details=False`` keeps
    only negation and antonyms, the checks that reverse a claim's meaning; dates, numbers
    and names differ between honest reports of one event too (a death toll of "770" and
    "767"), which matters when the question is "same claim?" rather than "any conflict?".
    """
    for check in MEANING_CHECKS + (DETAIL_CHECKS if details else ()):
        found = check(a, b)
        if found is not None:
            return found
    return None


def reversal(a: str, b: str) -> Conflict | None:
    """A negation or an antonym: the checks that turn a claim into its opposite."""
    return find_contradiction(a, b, details=False)


def only_difference(a: str, b: str) -> bool:
    """The claims are worded alike but for one changed stretch (function words aside).

    MSRP's annotators called 71 of 98 same-claim pairs with a differing figure paraphrases:
    "closed down nearly 12 percent" / "dropped as much as about 16 percent" are two measures
    in two rewordings, not a disagreement. When the figure is the only change ("rose to 23" /
    "rose to 8"), the difference is what the claims disagree on.
    """
    changed = [op for op in word_diff(a, b) if op.tag != "equal"]
    return sum(1 for op in changed if _substantive(op.left) or _substantive(op.right)) <= 1


def _substantive(text: str) -> bool:
    return any(key(t) and key(t) not in STOPWORDS for t in text.split())


def detail_difference(a: str, b: str) -> Conflict | None:
    """A substantive date, number or name difference (not rounding, not an added name)."""
    for check in DETAIL_CHECKS:
        found = check(a, b)
        if found is not None:
            return found
    return None
