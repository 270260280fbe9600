"""Stance conflicts: a denial of the other side's claim, a plan against its outcome, another
person in the same role. Two reports of one event state these in different words, so each
rule asks for the same things named on both sides (claimdiff.match.conflict_words).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from claimdiff.base import lexicon
from claimdiff.claims.stems import STOPWORDS, stem
from claimdiff.match.conflict_names import (
    _NOT_NAMES,
    _SAME_NAME,
    _acronym_of,
    _norm,
    _spelled_alike,
)
from claimdiff.match.conflict_words import _content_keys, common_words
from claimdiff.match.diff import (
    Conflict,
    bare,
    is_name,
    key,
)
from claimdiff.match.negation import negations


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
