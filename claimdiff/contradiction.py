"""Conflicts between two claims about the same event, without a codebook.

Embeddings do not see contradiction: "Russia suspended the treaty" and "Russia did not
suspend the treaty" score a cosine of about 0.9. So once two claims are known to be about
the same thing, this module looks for the detail that makes them disagree: the detail
checks of claimdiff.conflict (negation, date, number, name) plus antonymous predicates
("extended" / "suspended", "likely" / "unlikely") that only a word list catches.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from claimdiff.conflict import Conflict, date_conflict, number_conflict
from claimdiff.diff import bare, is_name, is_negation, key, word_diff

# Each side lists the inflected forms; a pair conflicts when one claim uses one side and the
# other claim the other side (and neither uses both).
_ANTONYMS = (
    ("likely probably", "unlikely improbable"),
    ("possible possibly", "impossible"),
    ("positive", "negative"),
    ("extend extends extended extending extension", "suspend suspends suspended suspending"),
    ("agree agrees agreed agreeing", "refuse refuses refused refusing disagree disagreed"),
    (
        "increase increases increased increasing rise rises rose risen rising",
        "decrease decreases decreased decreasing fall falls fell fallen falling",
    ),
    ("win wins won winning", "lose loses lost losing"),
    ("allow allows allowed allowing permit permitted", "ban bans banned banning forbid forbade"),
    ("accept accepts accepted accepting", "reject rejects rejected rejecting"),
    ("approve approves approved approving", "veto vetoes vetoed vetoing"),
    ("support supports supported supporting", "oppose opposes opposed opposing"),
    ("confirm confirms confirmed confirming", "deny denies denied denying"),
    ("open opens opened opening", "close closes closed closing shut"),
    ("guilty", "innocent"),
    ("legal lawful", "illegal unlawful"),
    ("true", "false"),
    ("success successful succeeded", "failure failed unsuccessful"),
    ("start starts started starting begin begins began beginning", "stop stops stopped"),
    ("buy buys bought buying", "sell sells sold selling"),
    ("gain gains gained", "loss losses lost"),
    ("strengthen strengthened", "weaken weakened"),
    ("up", "down"),
    ("more", "less fewer"),
    ("before", "after"),
    ("always", "never"),
    ("all everyone everybody", "nobody none"),
    ("present", "absent"),
    ("full", "empty"),
    ("sitting", "standing"),
    ("inside indoors", "outside outdoors"),
)
ANTONYM_PAIRS: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(a.split()), frozenset(b.split())) for a, b in _ANTONYMS
)
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


def negation_count(text: str) -> int:
    return sum(1 for w in text.split() if is_negation(w))


def negation_parity_flip(a: str, b: str) -> Conflict | None:
    """An odd difference in negations ("A man is playing" / "Nobody is playing")."""
    left, right = negation_count(a), negation_count(b)
    if left % 2 == right % 2:
        return None
    side = "left" if left > right else "right"
    return "negation", f"negation flipped: only the {side} claim is negated"


_NOT_NAMES = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
)
_ALNUM = re.compile(r"[^0-9a-z]+")


def _norm(text: str) -> str:
    return _ALNUM.sub("", text.lower())


def _lonely_names(tokens: list[str], lo: int, hi: int, other: str) -> list[str]:
    """Names in tokens[lo:hi] that the other claim (normalised) never mentions."""
    found = []
    for k in range(lo, hi):
        name = _norm(bare(tokens[k]))
        if is_name(tokens, k) and name and name not in _NOT_NAMES and name not in other:
            found.append(bare(tokens[k]))
    return found


def name_substitution(a: str, b: str) -> Conflict | None:
    """A name in a changed stretch on each side, neither found anywhere in the other claim.

    Stricter than claimdiff.conflict.entity_conflict on purpose: given pairs are often
    reworded news sentences, where a name moves ("in the US" / "U.S. officials") or gains
    a ticker suffix ("JCP" / "JCP.N"); only a name the other claim never mentions counts.
    """
    left, right = a.split(), b.split()
    i = j = 0
    for op in word_diff(a, b):
        n, m = len(op.left.split()), len(op.right.split())
        if op.tag == "replace" and "name" in op.marks:
            mine = _lonely_names(left, i, i + n, _norm(b))
            theirs = _lonely_names(right, j, j + m, _norm(a))
            if mine and theirs:
                return "entity", f"different name: left says {mine[0]}, right says {theirs[0]}"
        i, j = i + n, j + m
    return None


def find_contradiction(a: str, b: str, details: bool = True) -> Conflict | None:
    """The first detail on which two same-event claims disagree, or None.

    Negation is judged by parity over the whole claim rather than inside one diff stretch,
    so a reordered sentence that keeps its "not" is not flagged. ``details=False`` keeps
    only negation and antonyms, the checks that reverse a claim's meaning; dates, numbers
    and names differ between honest reports of one event too (a death toll of "770" and
    "767"), which matters when the question is "same claim?" rather than "any conflict?".
    """
    checks: tuple[Callable[[str, str], Conflict | None], ...] = (
        negation_parity_flip,
        antonym_conflict,
    )
    if details:
        checks += (date_conflict, number_conflict, name_substitution)
    for check in checks:
        found = check(a, b)
        if found is not None:
            return found
    return None
