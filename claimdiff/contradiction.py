"""Conflicts between two claims about the same event, without a codebook.

Embeddings do not see contradiction: "Russia suspended the treaty" and "Russia did not
suspend the treaty" score a cosine of about 0.9. So once two claims are known to be about
the same thing, this module looks for the detail that makes them disagree: the detail
checks of claimdiff.conflict (negation, date, number, name) plus antonymous predicates
("extended" / "suspended", "likely" / "unlikely") that only a word list catches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz

from claimdiff.conflict import Conflict, date_conflict
from claimdiff.diff import NUMBER_WORDS, bare, is_date_token, is_name, key, word_diff
from claimdiff.negation import negation_reversal
from claimdiff.stems import STOPWORDS, stem

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


# Weekdays and titles are capitalised but name no one: "Mr Sharon" is "Ariel Sharon".
_NOT_NAMES = frozenset(
    (
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("mr", "mrs", "ms", "dr", "prof", "sir", "gen", "sen", "rep", "gov", "president"),
    )
)
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


# --- numbers: values, not spellings ("$1.4bn" = "$1.4 billion"; "770" ~ "767") ---

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORD_NUMBERS = {
    w: float(i)
    for i, w in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    )
}


def number_values(text: str) -> list[tuple[float, str]]:
    """(value, as written) for each number that is not part of a date."""
    return [(value, shown) for _, value, shown in indexed_numbers(text.split())]


def indexed_numbers(tokens: Sequence[str]) -> list[tuple[int, float, str]]:
    """(token index, value, as written) for each number that is not part of a date.

    Indexed so that a diff stretch can take its numbers while dates are still told from
    the whole claim: "the 11th" is a date after "September", whatever stretch it falls in.
    """
    found: list[tuple[int, float, str]] = []
    for i, token in enumerate(tokens):
        if is_date_token(tokens, i):
            continue
        k = key(token)
        if k in _WORD_NUMBERS and k in NUMBER_WORDS:
            found.append((i, _WORD_NUMBERS[k], bare(token)))
        for match in _NUMBER.findall(token):
            try:
                found.append((i, float(match.replace(",", "")), bare(token)))
            except ValueError:
                continue
    return found


def _within(numbers: list[tuple[int, float, str]], lo: int, hi: int) -> list[tuple[float, str]]:
    return [(value, shown) for i, value, shown in numbers if lo <= i < hi]


def _precision(written: str) -> float:
    """The unit a figure is given to: 0.01 for "1.25", 100 for "300", 1 for "767"."""
    digits = _NUMBER.findall(written)
    plain = digits[0].replace(",", "") if digits else ""
    if "." in plain:
        return 10.0 ** -len(plain.split(".")[1])
    if not plain.strip("0"):
        return 1.0
    return 10.0 ** (len(plain) - len(plain.rstrip("0")))


def rounds_to(value: float, other: float, other_written: str) -> bool:
    """``other`` is ``value`` as a writer would round it ("296" → "300", "14.7" → "15")."""
    return abs(value - other) <= 0.5 * _precision(other_written) + 1e-9


def lonely_numbers(mine: list[tuple[float, str]], theirs: list[tuple[float, str]]) -> list[str]:
    """Numbers of ``mine`` that no number of ``theirs`` matches, even as a rounding."""
    return [
        shown
        for value, shown in mine
        if not any(rounds_to(value, v, t) or rounds_to(v, value, shown) for v, t in theirs)
    ]


def number_substitution(a: str, b: str) -> Conflict | None:
    """A changed stretch with a figure on each side that the other claim does not state.

    Same stretch, so "$2.21" / "$1.21" counts but "a 27-year-old" in one clause and "two
    men" in another do not; rounding is allowed for ("770" / "767", "about 300" / "296").
    """
    i = j = 0
    left, right = indexed_numbers(a.split()), indexed_numbers(b.split())
    all_left, all_right = number_values(a), number_values(b)
    for op in word_diff(a, b):
        n, m = len(op.left.split()), len(op.right.split())
        if op.tag == "replace" and "number" in op.marks:
            mine = lonely_numbers(_within(left, i, i + n), all_right)
            theirs = lonely_numbers(_within(right, j, j + m), all_left)
            if mine and theirs:
                return "number", f"different number: left says {mine[0]}, right says {theirs[0]}"
        i, j = i + n, j + m
    return _unit_substitution(a, b, all_left, all_right)


def _unit_substitution(
    a: str, b: str, all_left: list[tuple[float, str]], all_right: list[tuple[float, str]]
) -> Conflict | None:
    """Figures of one unit that differ where the word diff did not line them up.

    "ended after 12 days" / "had ended after 19 days of talks": the clause moved, so the
    two figures fall in different stretches; counting the same thing ("days") they still
    disagree.
    """
    left, right = figures_by_unit(a), figures_by_unit(b)
    for unit in sorted(left.keys() & right.keys()):
        mine = lonely_numbers(left[unit], all_right)
        theirs = lonely_numbers(right[unit], all_left)
        if mine and theirs:
            return "number", f"different number: left says {mine[0]}, right says {theirs[0]}"
    return None


def figures_by_unit(text: str) -> dict[str, list[tuple[float, str]]]:
    """Figures by the stem of the content word right after them: "19 days" → {"day": ...}."""
    tokens = text.split()
    found: dict[str, list[tuple[float, str]]] = {}
    for i, token in enumerate(tokens[:-1]):
        unit = key(tokens[i + 1])
        if is_date_token(tokens, i) or not unit.isalpha() or unit in STOPWORDS:
            continue
        values = number_values(token)
        if values:
            found.setdefault(stem(unit), []).extend(values)
    return found


MEANING_CHECKS: tuple[Callable[[str, str], Conflict | None], ...] = (
    negation_reversal,
    antonym_conflict,
)
DETAIL_CHECKS: tuple[Callable[[str, str], Conflict | None], ...] = (
    date_conflict,
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
