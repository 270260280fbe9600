"""How a sentence frames what it mentions: negated, dismissed, conceded or attributed.

A cue phrase says what a sentence is about, not what it asserts. "Whether it is created
against Iran or against North Korea — in reality, a global system ... surrounds the Russian
Federation" mentions Iran only to wave the explanation away. The labeller therefore asks this
module, for every cue it finds, whether the cue sits under a negation, inside a dismissed
alternative, before a contrast that overrides it, or in a reported, distanced statement.
The rules are small regular-expression readings of English news prose, not a parser: they
look at markers and clause boundaries near the cue, which is what a reader does too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from claimdiff.base import lexicon

NegationKind = Literal["flip", "cancel"]
ScopeEffect = Literal["dismiss", "rebut"]

_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
# Where one clause ends for the purposes of negation scope.
_BOUNDARY = re.compile(
    r"[,;:()\[\]—–]|\s-\s|(?<!\w)(?:but|however|although|though|whereas|while|because)(?!\w)",
    re.IGNORECASE,
)
_NEGATOR = re.compile(
    r"(?<!\w)(?:"
    + lexicon.alternation(
        [
            *lexicon.words("negation-cues"),
            *lexicon.phrases("negation-phrases"),
            *lexicon.phrases("negation-framing"),
        ]
    )
    + r")(?!\w)",
    re.IGNORECASE,
)
# Words that contain a negator but do not negate what follows.
_FALSE_NEGATOR = re.compile(
    r"(?<!\w)(?:" + lexicon.alternation(lexicon.phrases("negation-idioms")) + r")(?!\w)",
    re.IGNORECASE,
)
# A likelihood or existence predicate negated after its subject: "an agreement ... is not seen".
_POST_NEGATION = re.compile(
    r"""^[^,;:—–]{0,60}?(?<!\w)(?P<negation>
        (?:is|are|was|were|remains?|remained|seems?|seemed|appears?|appeared|looks?|looked
           |has\s+been|have\s+been)\s+
        (?:(?:not|never|no\s+longer)\s+(?:\w+\s+)?(?:seen|expected|possible|likely|in\s+sight
              |on\s+the\s+(?:table|horizon|agenda)|foreseen|envisaged|realistic|feasible
              |forthcoming|going\s+to\s+happen)
           |(?:highly\s+|very\s+|most\s+|extremely\s+)?unlikely|impossible
           |out\s+of\s+the\s+question|off\s+the\s+table|ruled\s+out)
        |(?:has|have|had)\s+not\s+(?:yet\s+)?(?:emerged|materiali[sz]ed|happened|occurred|come)
        |(?:is|are|was|were)n['’]t\s+(?:seen|expected|possible|likely|in\s+sight)
    )(?!\w)""",
    re.IGNORECASE | re.VERBOSE,
)
_CONTRAST = re.compile(
    r"(?<!\w)(?:in\s+reality|in\s+fact|in\s+truth|actually|however|nevertheless|nonetheless"
    r"|on\s+the\s+contrary|instead|but)(?!\w)",
    re.IGNORECASE,
)
_NOT_CONTRAST_BEFORE = re.compile(r"(?<!\w)(?:all|nothing|anything)\s+$", re.IGNORECASE)
_NOT_CONTRAST_AT = re.compile(r"but\s+(?:also|for)(?!\w)", re.IGNORECASE)
_NO_MATTER = re.compile(r"(?<!\w)no\s+matter\s+(?:what|how|who|which|whether|where)(?!\w)", re.I)
_WHETHER = re.compile(r"(?<!\w)whether(?!\w)(?=[^.;]*?(?<!\w)or(?!\w))", re.IGNORECASE)
_OR = re.compile(r"(?<!\w)or(?!\w)", re.IGNORECASE)
_TO_CLAUSE_END = re.compile(
    r"(?<!\w)(?:allegedly|supposedly|purportedly|ostensibly|(?:under|on)\s+the\s+(?:pretext|guise)"
    r"\s+(?:of|that)|as\s+a\s+pretext|pretext\s+of)(?!\w)",
    re.IGNORECASE,
)
_SO_CALLED = re.compile(r"(?<!\w)so[- ]called(?!\w)", re.IGNORECASE)
_REBUT = re.compile(
    r"(?<!\w)(?:tried|tries|trying|sought|seeks|attempted|attempts|attempting)\s+to\s+"
    r"(?:discredit|dispel|refute|play\s+down|downplay|allay|deny)(?!\w)",
    re.IGNORECASE,
)
_DISTANCING_VERB = lexicon.alternation(lexicon.words("distancing-verbs"))
_DISTANCING = re.compile(
    rf"(?<!\w)(?:as\s+(?:[\w'’.-]+\s+){{1,6}}?(?:{_DISTANCING_VERB})|(?:{_DISTANCING_VERB})\s+that)(?!\w)",
    re.IGNORECASE,
)
_MAX_NEGATION_GAP = 12  # words between a negator and the cue it negates


@dataclass(frozen=True, slots=True)
class Marker:
    """A structural word or phrase found in the sentence, with its character offsets."""

    phrase: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Negation:
    """What negates a cue: ``flip`` means the opposite is asserted, ``cancel`` only "not this".

    ``litotes`` marks an even number of negators ("do not rule out"): the cue still holds,
    but hedged.
    """

    marker: Marker
    kind: NegationKind
    start: int  # where the negated phrase starts or ends, for the evidence span
    end: int
    litotes: bool = False


@dataclass(frozen=True, slots=True)
class Scope:
    """A stretch governed by a dismissal ("whether ... or ...") or a rebuttal attempt."""

    marker: Marker
    start: int
    end: int
    effect: ScopeEffect


@dataclass(frozen=True, slots=True)
class Structure:
    """The markers of one sentence, read once and queried for every cue in it."""

    text: str
    boundaries: tuple[int, ...]
    negators: tuple[Marker, ...]
    contrasts: tuple[Marker, ...]
    scopes: tuple[Scope, ...]
    distancing: Marker | None

    def negation(self, start: int, end: int) -> Negation | None:
        """Whether the phrase at [start, end) is negated within its own clause."""
        clause_start = max((b for b in self.boundaries if b <= start), default=0)
        before = [
            m
            for m in self.negators
            if clause_start <= m.start
            and m.end <= start
            and _word_count(self.text[m.end : start]) <= _MAX_NEGATION_GAP
        ]
        after = _post_negation(self.text, end)
        count = len(before) + (after is not None)
        if count == 0:
            return None
        if count % 2 == 0:
            return Negation(before[0], "flip", before[0].start, end, litotes=True)
        if after is not None:
            return Negation(after, "flip", start, after.end)
        nearest = before[-1]
        kind: NegationKind = "cancel" if nearest.phrase.lower() == "without" else "flip"
        return Negation(nearest, kind, before[0].start, end)

    def scope(self, start: int, end: int) -> Scope | None:
        """The dismissal or rebuttal scope governing the phrase, innermost first.

        A phrase is governed when its last word is: "the shield is allegedly aimed against
        Iran" dismisses Iran although the matched phrase starts before "allegedly".
        """
        inside = [s for s in self.scopes if s.start < end <= s.end and s.marker.end <= end]
        return min(inside, key=lambda s: s.end - s.start, default=None)

    def contrast_between(self, first: int, second: int) -> Marker | None:
        """The contrast marker that separates two positions, e.g. "but" or "in reality"."""
        low, high = sorted((first, second))
        between = [m for m in self.contrasts if low <= m.start < high]
        return between[-1] if between else None


def read_structure(text: str) -> Structure:
    """Find every structural marker in ``text`` once, so cue checks are simple lookups."""
    boundaries = tuple(m.start() for m in _BOUNDARY.finditer(text))
    contrasts = _contrasts(text)
    return Structure(
        text=text,
        boundaries=boundaries,
        negators=_negators(text),
        contrasts=contrasts,
        scopes=_scopes(text, boundaries, contrasts),
        distancing=_marker(_DISTANCING.search(text)),
    )


def _marker(match: re.Match[str] | None) -> Marker | None:
    return None if match is None else Marker(match.group(0), match.start(), match.end())


def _word_count(text: str) -> int:
    return len(_TOKEN.findall(text))


def _negators(text: str) -> tuple[Marker, ...]:
    false = [(m.start(), m.end()) for m in _FALSE_NEGATOR.finditer(text)]
    return tuple(
        Marker(m.group(0), m.start(), m.end())
        for m in _NEGATOR.finditer(text)
        if not any(a <= m.start() < b for a, b in false)
    )


def _post_negation(text: str, end: int) -> Marker | None:
    match = _POST_NEGATION.search(text[end:])
    if match is None:
        return None
    return Marker(match.group("negation"), end + match.start("negation"), end + match.end())


def _contrasts(text: str) -> tuple[Marker, ...]:
    """Contrast markers, leaving out "not only ... but", "but also", "all but"."""
    markers = []
    for match in _CONTRAST.finditer(text):
        before = text[: match.start()]
        if _NOT_CONTRAST_BEFORE.search(before) or _NOT_CONTRAST_AT.match(text, match.start()):
            continue
        if match.group(0).lower() == "but" and re.search(r"\bnot\s+only\b", before, re.I):
            continue
        markers.append(Marker(match.group(0), match.start(), match.end()))
    return tuple(markers)


def _scopes(
    text: str, boundaries: tuple[int, ...], contrasts: tuple[Marker, ...]
) -> tuple[Scope, ...]:
    def next_boundary(pos: int) -> int:
        return min((b for b in boundaries if b > pos), default=len(text))

    def next_contrast(pos: int) -> int | None:
        return min((c.start for c in contrasts if c.start > pos), default=None)

    scopes: list[Scope] = []
    for match in _NO_MATTER.finditer(text):
        end = next_contrast(match.end())
        scopes.append(_scope(match, end or next_boundary(match.end()), "dismiss"))
    for match in _WHETHER.finditer(text):
        alternative = _OR.search(text, match.end())
        if alternative is not None:
            scopes.append(_scope(match, next_boundary(alternative.end()), "dismiss"))
    for match in _TO_CLAUSE_END.finditer(text):
        scopes.append(_scope(match, next_boundary(match.end()), "dismiss"))
    for match in _SO_CALLED.finditer(text):
        words = list(_TOKEN.finditer(text, match.end()))[:4]
        end = min(words[-1].end() if words else match.end(), next_boundary(match.end()))
        scopes.append(_scope(match, end, "dismiss"))
    for match in _REBUT.finditer(text):
        end = text.find(";", match.end())
        scopes.append(_scope(match, end if end >= 0 else len(text), "rebut"))
    return tuple(scopes)


def _scope(match: re.Match[str], end: int, effect: ScopeEffect) -> Scope:
    marker = Marker(match.group(0), match.start(), match.end())
    return Scope(marker, match.start(), end, effect)
