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
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from claimdiff.base import lexicon
from claimdiff.base.model import DiffOp
from claimdiff.claims.stems import STOPWORDS, stem
from claimdiff.match.diff import (
    DAY,
    MONTHS,
    NUMBER_WORDS,
    WEEKDAYS,
    Conflict,
    bare,
    is_date_token,
    is_name,
    is_negation,
    is_number,
    key,
    word_diff,
)
from claimdiff.match.negation import negation_reversal, negations

__all__ = ["Conflict"]

_WORD_VALUES = {w: f"{v:g}" for w, v in lexicon.number_words().items()}
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)")
_SAME_NAME = 80  # rapidfuzz ratio above which two names are spellings of one (Sergey/Sergei)


class DateMention(NamedTuple):
    month: str | None
    day: str | None
    year: str | None
    text: str

    def agrees(self, other: DateMention) -> bool:
        """Fields both mentions state must match; "July 10" agrees with "July 10, 2012"."""
        pairs = zip(self[:3], other[:3], strict=True)
        return all(x is None or y is None or x == y for x, y in pairs)


def _date_disagreement(
    left: Sequence[DateMention], right: Sequence[DateMention]
) -> Conflict | None:
    lonely_left = [d for d in left if not any(d.agrees(r) for r in right)]
    lonely_right = [d for d in right if not any(d.agrees(x) for x in left)]
    if not lonely_left or not lonely_right:
        return None
    return (
        "date",
        f"different date: left says {lonely_left[0].text}, right says {lonely_right[0].text}",
    )


def date_mentions(text: str) -> list[DateMention]:
    """Month/day/year groups (e.g. "July 10", "Dec. 2, 2016", "9 July 2024") and bare years."""
    return list(_date_mentions(text))


@lru_cache(maxsize=1 << 14)
def _date_mentions(text: str) -> tuple[DateMention, ...]:
    tokens = text.split()
    used: set[int] = set()
    found: list[DateMention] = []
    for i, token in enumerate(tokens):
        if key(token) in MONTHS and is_date_token(tokens, i):
            found.append(_month_group(tokens, i, used))
    for i, token in enumerate(tokens):
        if i not in used and is_date_token(tokens, i) and key(token) not in MONTHS:
            found.append(DateMention(None, None, key(token)[:4], key(token)))
    return tuple(found)


def _month_group(tokens: Sequence[str], i: int, used: set[int]) -> DateMention:
    """The month at ``i`` with the day and year written next to it, in either order."""
    day: str | None = None
    year: str | None = None
    span = [i]
    for j in (i + 1, i - 1, i + 2):
        if not 0 <= j < len(tokens) or j in used:
            continue
        k = key(tokens[j])
        if year is None and len(k) == 4 and k.isdigit():
            year = k
        elif day is None and DAY.match(k):
            day = _ORDINAL.sub("", k)
        else:
            continue
        span.append(j)
    used.update(span)
    text = " ".join(bare(tokens[n]) for n in sorted(span))
    return DateMention(key(tokens[i])[:3], day, year, text)


def date_conflict(a: str, b: str) -> Conflict | None:
    return _date_disagreement(date_mentions(a), date_mentions(b))


def numbers(text: str) -> dict[str, str]:
    """Numbers that are not part of a date, by normalised value ("ten" → "10")."""
    tokens = text.split()
    found: dict[str, str] = {}
    for i, token in enumerate(tokens):
        if is_number(token) and not is_date_token(tokens, i):
            k = key(token).replace(",", "")
            found.setdefault(_WORD_VALUES.get(k, k), bare(token))
    return found


def number_conflict(a: str, b: str) -> Conflict | None:
    left, right = numbers(a), numbers(b)
    only_left = [shown for value, shown in left.items() if value not in right]
    only_right = [shown for value, shown in right.items() if value not in left]
    if not only_left or not only_right:
        return None
    return "number", f"different number: left says {only_left[0]}, right says {only_right[0]}"


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


# Each side lists the inflected forms; a pair conflicts when one claim uses one side and the
# other claim the other side (and neither uses both).
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


# Weekdays and titles are capitalised but name no one: "Mr Sharon" is "Ariel Sharon".
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


# --- numbers: values, not spellings ("$1.4bn" = "$1.4 billion"; "770" ~ "767") ---

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORD_NUMBERS = lexicon.number_words()


def number_values(text: str) -> list[tuple[float, str]]:
    """(value, as written) for each number that is not part of a date."""
    return list(_number_values(text))


@lru_cache(maxsize=1 << 14)
def _number_values(text: str) -> tuple[tuple[float, str], ...]:
    return tuple((value, shown) for _, value, shown in indexed_numbers(text.split()))


def indexed_numbers(tokens: Sequence[str]) -> list[tuple[int, float, str]]:
    """(token index, value, as written) for each number that is not part of a date.

    Indexed so that a diff stretch can take its numbers while dates are still told from
    the whole claim: "the 11th" is a date after "September", whatever stretch it falls in.
    """
    found: list[tuple[int, float, str]] = []
    for i, token in enumerate(tokens):
        k = key(token)
        maybe = (k in _WORD_NUMBERS and k in NUMBER_WORDS) or any(c.isdigit() for c in token)
        if not maybe or is_date_token(tokens, i):  # cheap test first: most words are no figure
            continue
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
        if op.tag == "replace" and "number" in op.marks and _same_measure(op.left, op.right):
            mine = lonely_numbers(_within(left, i, i + n), all_right)
            theirs = lonely_numbers(_within(right, j, j + m), all_left)
            if mine and theirs:
                return "number", f"different number: left says {mine[0]}, right says {theirs[0]}"
        i, j = i + n, j + m
    return _unit_substitution(a, b, all_left, all_right)


def _same_measure(left: str, right: str) -> bool:
    """Figures with units glued on ("40-foot" / "16-foot-deep") measure one thing only when
    a unit agrees; bare figures may."""
    units = [
        {g.group(1) for t in side.split() if (g := _GLUED_UNIT.match(key(t)))}
        for side in (left, right)
    ]
    return not (units[0] and units[1]) or bool(units[0] & units[1])


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
    """Figures by the stem of their unit: the word glued on ("40-foot" → "foot", "16-foot-deep"
    → "foot-deep") or else the content word right after them ("19 days" → "day")."""
    tokens = text.split()
    found: dict[str, list[tuple[float, str]]] = {}
    for i, token in enumerate(tokens):
        if is_date_token(tokens, i):
            continue
        glued = _GLUED_UNIT.match(key(token))
        unit = glued.group(1) if glued else (key(tokens[i + 1]) if i + 1 < len(tokens) else "")
        if not glued and (not unit.isalpha() or unit in STOPWORDS):
            continue
        values = number_values(token)
        if values:
            found.setdefault(stem(unit), []).extend(values)
    return found


_GLUED_UNIT = re.compile(r"^[\d.,]+-([a-z][a-z-]*)$")


def weekday_conflict(a: str, b: str) -> Conflict | None:
    """A weekday on each side that the other side does not name ("Thursday" / "Wednesday")."""
    left, right = _weekdays(a), _weekdays(b)
    only_left = [d for d in left if d.lower() not in {r.lower() for r in right}]
    only_right = [d for d in right if d.lower() not in {x.lower() for x in left}]
    if not only_left or not only_right:
        return None
    return "weekday", f"different day: left says {only_left[0]}, right says {only_right[0]}"


def _weekdays(text: str) -> list[str]:
    return [bare(t) for t in text.split() if key(t) in WEEKDAYS]


def denial_cues(text: str) -> list[str]:
    """The denial phrases of a claim ("denied", "is false", "hoax"), longest match first."""
    return [phrase for phrase, _ in cue_phrases("denial-cues", text)]


def cue_phrases(name: str, text: str) -> tuple[tuple[str, int], ...]:
    """The phrases of lexicon list ``name`` found in ``text``, each with the index of its
    first token, longest phrase first (a lexicon's ``phrases`` order)."""
    return _cue_phrases(name, text)


@lru_cache(maxsize=1 << 15)
def _cue_phrases(name: str, text: str) -> tuple[tuple[str, int], ...]:
    tokens = [key(t) for t in text.split()]
    starts: dict[str, list[int]] = {}
    for i, word in enumerate(tokens):
        starts.setdefault(word, []).append(i)
    found = []
    for phrase in lexicon.phrases(name):
        n = len(phrase)
        at = [i for i in starts.get(phrase[0], ()) if tuple(tokens[i : i + n]) == phrase]
        if at:
            found.append((" ".join(phrase), at[0]))
    return tuple(found)


DENIAL_SHARED_WORDS = 3  # content words both claims name, so the denial is of that claim


def denial_conflict(a: str, b: str) -> Conflict | None:
    """One claim says something is untrue, the other states it: both about the same things.

    "The claim is entirely false, and southern Israel does not have any dams" against "after it
    opened its dams": only one side carries a denial, and they share at least
    DENIAL_SHARED_WORDS content words (besides the denial's own), so the denial is of
    what the other side says rather than of something else.
    """
    left, right = denial_cues(a), denial_cues(b)
    if bool(left) == bool(right):
        return None
    cues = left or right
    cue_words = {stem(w) for c in cues for w in c.split()}
    common = [w for w in common_words(a, b) if stem(w) not in cue_words]
    if len(common) < DENIAL_SHARED_WORDS:
        return None
    side = "left" if left else "right"
    return "denial", f"the {side} claim says '{cues[0]}' of what the other states"


# Role and title words ("minister", "spokesman") say who acts, not what is planned: two
# finance ministers' plans and rejections are no one event.
_ROLE_STEMS = frozenset(stem(w) for w in lexicon.words("roles") | lexicon.words("titles"))
MODALITY_NEAR = 6  # words after a cue that name what it is about (the plan, the undone thing)
SUBJECT_WORDS = 8  # words before a cue within which its subject is named
UNDONE_WORDS = 2  # content words after both cues that make the undone thing the planned one


def modality_conflict(a: str, b: str) -> Conflict | None:
    """One claim states a plan or forecast, the other that it did not or will not happen.

    Two ways to be about the same planned thing:

    - undone ("rejected the bill", "called off the merger"; modality-unrealised.txt) or said
      not to be ("will not be holding a media event", modality-not-future.txt, which answers
      only an explicit plan such as "planning to"): the words after the outcome's cue name
      UNDONE_WORDS content words of those after the plan's cue ("planning to hold a media
      event" / "will not be holding a media event"), or one of them and the same subject
      before both cues ("The Senate is set to vote on the bill" / "The Senate rejected the
      bill"); so "will have a news release" and "rejected a proposal" of one company are
      two things, and so are "The Apple Watch is set to go on sale" and "The Apple Watch
      Edition is not going to be cheap";
    - not done by its subject ("Bale has dropped out", modality-withdrawn.txt): the same
      name stands as the nearest name before both cues.

    A bare "will" (modality-forecast.txt) is a forecast but no announced plan, so a negated
    future does not answer it: "customers will have to stand on scales" and "you will not be
    served" state one plan. The plan side must carry no outcome cue itself.
    """
    for plan, outcome, side in ((a, b, "left"), (b, a, "right")):
        if _unrealised(plan):
            continue
        found = _undone(plan, outcome) or _not_done(plan, outcome)
        if found is not None:
            other = "right" if side == "left" else "left"
            planned, cue = found
            return (
                "modality",
                f"plan against outcome: {side} says '{planned}', {other} says '{cue}'",
            )
    return None


def _forecasts(plan: str) -> tuple[tuple[str, int], ...]:
    return _plan_cues(plan, "modality-plan") + _plan_cues(plan, "modality-forecast")


def _undone(plan: str, outcome: str) -> tuple[str, str] | None:
    """A plan and the outcome that undid it or says it will not be: UNDONE_WORDS content
    words after both cues, or one and the same subject before both and one word after."""
    answers = (
        (cue_phrases("modality-unrealised", outcome), _forecasts(plan)),
        (cue_phrases("modality-not-future", outcome), _plan_cues(plan, "modality-plan")),
    )
    for outcomes, plans in answers:
        for cue, at in outcomes:
            if _delayed(outcome, at, cue):
                continue
            undone = _after(outcome, at, cue)
            for planned, p_at in plans:
                shared = len(undone & _after(plan, p_at, planned))
                if shared >= UNDONE_WORDS or (shared and _same_subject(plan, p_at, outcome, at)):
                    return planned, cue
    return None


def _not_done(plan: str, outcome: str) -> tuple[str, str] | None:
    """A plan and its subject's withdrawal ("Bale has dropped out"): the same name before
    both cues."""
    for cue, at in cue_phrases("modality-withdrawn", outcome):
        for planned, p_at in _forecasts(plan):
            if _same_subject(plan, p_at, outcome, at):
                return planned, cue
    return None


def _same_subject(a: str, a_at: int, b: str, b_at: int) -> bool:
    """The nearest names before the two cues are one ("Bale" / "Christian Bale")."""
    one, other = _subject(a, a_at), _subject(b, b_at)
    return bool(one and other and (one in other or other in one))


def _after(text: str, at: int, cue: str) -> set[str]:
    """Stems of the lower-case content words within MODALITY_NEAR words after the cue at
    token ``at`` (role words aside): what is planned or undone. Names are left out: "Apple
    Watch" after both cues of one story is its subject, not one planned thing."""
    start = at + len(cue.split())
    words = [t for t in text.split()[start : start + MODALITY_NEAR] if not bare(t)[:1].isupper()]
    return {stem(k) for k in _content_keys(" ".join(words))} - _ROLE_STEMS


def _delayed(text: str, at: int, cue: str) -> bool:
    """ "won't be released until early 2015": a date put off, not the plan denied."""
    start = at + len(cue.split())
    after = {key(t) for t in text.split()[start : start + MODALITY_NEAR]}
    return bool(after & lexicon.words("modality-delay"))


def _plan_cues(plan: str, name: str) -> tuple[tuple[str, int], ...]:
    """The plan cues of list ``name`` in ``plan`` that are stated, not negated or denied:
    "isn't set to start", "denied that it had plans to" state no plan."""
    if denial_cues(plan):
        return ()
    negated = set(negations(plan))
    return tuple(
        (cue, at) for cue, at in cue_phrases(name, plan) if not negated & {at - 2, at - 1, at}
    )


def _subject(text: str, at: int) -> str:
    """The last capitalised name within SUBJECT_WORDS words before token ``at``, lower case
    ("Sons of Anarchy won't", "Kurt Sutter, creator of Sons of Anarchy, has announced plans"
    both give "sons of anarchy"); a sentence's first word counts unless a function word."""
    tokens = text.split()
    runs: list[list[str]] = []
    start = max(0, at - SUBJECT_WORDS)
    # After a clause break ("tapped for the role of Jobs, but dropped out") the subject is
    # left unsaid: no name before the break is it.
    breaks = [k + 1 for k in range(start, at) if tokens[k].endswith((",", ";", ":"))]
    for k in range(max([start, *breaks]), at):
        word = bare(tokens[k])
        skipped = STOPWORDS | _NOT_NAMES
        capital = (
            word[:1].isupper() and key(word) not in skipped and stem(key(word)) not in _ROLE_STEMS
        )
        joins = runs and runs[-1] and key(word) == "of" and not tokens[k - 1].endswith(",")
        if capital or joins:
            if not runs or not runs[-1] or tokens[k - 1].endswith((",", ";", ":")):
                runs.append([])
            runs[-1].append(key(word))
        elif not runs or runs[-1]:
            runs.append([])
    named = [r for r in runs if r and r[-1] != "of"]
    return " ".join(named[-1]) if named else ""


def _unrealised(text: str) -> bool:
    lists = ("modality-unrealised", "modality-withdrawn", "modality-not-future")
    return any(cue_phrases(name, text) for name in lists)


ROLE_NAME_WORDS = 3  # words after a role word (titles skipped) in which its holder is named
ROLE_QUALIFIER_WORDS = 5  # words before a role word that say whose role it is
ROLE_SHARED_WORDS = 2  # content words both claims name besides the role, whose and the names


class RoleHolder(NamedTuple):
    """A person named in a role: "Pentagon spokesman Col. Steve Warren"."""

    role: str  # the role word's stem
    whose: frozenset[str]  # stems of the words before it ("pentagon"; "foreign", "trade")
    name: str


def role_holders(text: str) -> list[RoleHolder]:
    """The people a claim names in a role (roles.txt: roles one person holds at a time), with
    whose role it is: "Pentagon spokesman Col. Steve Warren", "Warren, a Pentagon spokesman"."""
    return list(_role_holders(text))


@lru_cache(maxsize=1 << 14)
def _role_holders(text: str) -> tuple[RoleHolder, ...]:
    tokens = text.split()
    roles = lexicon.words("roles")
    found = []
    for i, token in enumerate(tokens):
        if key(token) not in roles:
            continue
        name = _name_after(tokens, i) or _name_before(tokens, i)
        if name:
            found.append(RoleHolder(stem(key(token)), _whose(tokens, i), name))
    return tuple(found)


def _whose(tokens: Sequence[str], i: int) -> frozenset[str]:
    """Stems of the words right before a role word, up to punctuation or a function word."""
    found: set[str] = set()
    skipped = STOPWORDS | lexicon.words("attribution-words")
    for k in range(i - 1, max(-1, i - 1 - ROLE_QUALIFIER_WORDS), -1):
        word = _POSSESSIVE.sub("", key(tokens[k]))  # "Singapore's Finance Minister"
        if word in _NAME_JOINS and k > 0 and bare(tokens[k - 1])[:1].isupper():
            continue  # "Venezuelan Energy and Mines Minister": one name of a ministry
        if tokens[k].endswith((",", ";", ":", ".")) or word in skipped or not word.isalpha():
            break
        found.add(stem(word))
    return frozenset(found)


_POSSESSIVE = re.compile(r"'s?$")
_NAME_JOINS = frozenset({"and", "of", "&"})


def _name_run(tokens: Sequence[str], lo: int, step: int) -> str:
    """The capitalised run of names starting at ``lo`` and going ``step`` (+1 or -1)."""
    run: list[str] = []
    k = lo
    while 0 <= k < len(tokens) and is_name(tokens, k) and key(tokens[k]) not in _NOT_NAMES:
        run.append(bare(tokens[k]))
        if step > 0 and tokens[k].endswith((",", ";", ":")):
            break
        k += step
        if step < 0 and k >= 0 and tokens[k].endswith((",", ";", ":")):
            break
    return " ".join(run if step > 0 else reversed(run))


def _name_after(tokens: Sequence[str], i: int) -> str:
    """ "spokesman Col. Steve Warren": the name right after the role, titles skipped."""
    if tokens[i].endswith((",", ";", ":")):
        return ""
    for k in range(i + 1, min(len(tokens), i + 1 + ROLE_NAME_WORDS)):
        if key(tokens[k]) in _NOT_NAMES or key(tokens[k]).rstrip(".") in _NOT_NAMES:
            continue
        return _name_run(tokens, k, 1)
    return ""


def _name_before(tokens: Sequence[str], i: int) -> str:
    """ "Steve Warren, a Pentagon spokesman": the name before a comma and an article."""
    k = i - 1
    while k >= 0 and not tokens[k].endswith(",") and k > i - ROLE_NAME_WORDS:
        k -= 1
    if k < 0 or not tokens[k].endswith(","):
        return ""
    return _name_run(tokens, k, -1)


def person_conflict(a: str, b: str) -> Conflict | None:
    """A different person named in the same role of the same organisation.

    "Pentagon spokesman Steve Warren said the strike killed ..." / "Pentagon spokesman John
    Kirby said the strike killed ..." name two holders of one role. Whose role it is must be
    said alike on both sides ("Pentagon"; "Brazilian Finance" and "Singapore's Finance" are two
    roles, and an unqualified "a spokesman" is nobody's in particular); each name must be
    absent from the other claim (not abbreviated, respelled, nor its surname); and the claims
    must name ROLE_SHARED_WORDS content words in common besides the role, whose and the
    names, so they tell of one event.
    """
    for mine in role_holders(a):
        for theirs in role_holders(b):
            if mine.role != theirs.role or not mine.whose or mine.whose != theirs.whose:
                continue
            if _one_person(mine.name, theirs.name):
                continue
            if _names_in(mine.name, b) or _names_in(theirs.name, a):
                continue
            names = {stem(w.lower()) for w in f"{mine.name} {theirs.name}".split()}
            skipped = names | mine.whose | _ROLE_STEMS
            common = {stem(w) for w in common_words(a, b)} - skipped
            if len(common) < ROLE_SHARED_WORDS:
                continue
            role = f"{' '.join(sorted(mine.whose))} {mine.role}"
            return (
                "person",
                f"different person as {role}: left says {mine.name}, right says {theirs.name}",
            )
    return None


def _one_person(name: str, other: str) -> bool:
    """Two writings of one name: a word in common or spelled alike (Sergey / Sergei)."""
    words, others = name.lower().split(), other.lower().split()
    return any(fuzz.ratio(w, o) >= _SAME_NAME for w in words for o in others)


def _names_in(name: str, text: str) -> bool:
    """Any word of ``name`` mentioned, abbreviated or respelled in ``text``."""
    plain = _norm(text)
    return any(
        _norm(w) in plain or _acronym_of(w, text) or _spelled_alike(w, text)
        for w in name.split()
        if _norm(w)
    )


def stance_conflict(a: str, b: str) -> Conflict | None:
    """A conflict two reports of one event state in different words: a denial of the other's
    claim, a plan against its outcome, another person in the same role."""
    return denial_conflict(a, b) or modality_conflict(a, b) or person_conflict(a, b)


def same_event_conflict(a: str, b: str) -> Conflict | None:
    """For two claims already judged one claim: a plan against its outcome, or another person
    in the same role (a denial there is caught as containment's extra or not at all)."""
    return modality_conflict(a, b) or person_conflict(a, b)


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
