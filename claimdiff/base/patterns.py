"""Analyst-written regular expressions that cannot hang labelling.

Codebook patterns are written by users, and a pattern such as ``(x+x+)+y`` or
``\\b(\\w+\\s?)*$`` backtracks for minutes on one ordinary sentence. Python's ``re`` cannot be
interrupted, so patterns are compiled with the ``regex`` module (the same syntax, Unicode
``\\w`` and ``\\b``, lookarounds and backreferences that codebooks use) and every search
runs under a time budget. A pattern is also tried at load time on a few texts known to expose
runaway backtracking, so most bad patterns are refused with their line before any article is
read; one that slips through fails labelling with the same kind of message, naming the
codebook line, instead of hanging.

google-re2 would guarantee linear time, but its ``\\w`` and ``\\b`` are ASCII-only, so a cue
would stop matching at "Pérez" or "Đoković", and it lacks the lookarounds and
backreferences the shipped codebook's cue phrases are built from.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import regex

from claimdiff.base.errors import InputError

CODEBOOK_MATCH_SECONDS = 0.5
"""Time one pattern may spend on one claim of up to a megabyte; a sound pattern needs
microseconds, so only runaway backtracking reaches it."""
CODEBOOK_MATCH_SECONDS_PER_MB = 2.0
"""Extra time per megabyte of claim text, so a sound pattern on a huge claim is never blamed."""
PROBE_SECONDS = 0.1
"""Time a pattern may take on each load-time probe text of about 400 characters (a long
sentence): a sound pattern, even a quadratic one, needs milliseconds; exponential
backtracking needs seconds to years."""
FAST_PATH_MAX_CHARS = 5_000
"""Claims up to this length are searched with Python's faster ``re`` when the pattern has no
unbounded repetition of a group that itself repeats or branches (the shape of every runaway
pattern): what remains is at worst polynomial, which on 5,000 characters is milliseconds.
Longer claims, and every other pattern, go through the budgeted ``regex`` engine."""
FLAGS = regex.IGNORECASE | regex.VERSION0
_sre: Any = importlib.import_module("re._parser")
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None))


class PatternMatch(Protocol):
    def start(self) -> int: ...

    def end(self) -> int: ...

    def group(self) -> Any: ...


@dataclass(frozen=True, slots=True)
class Source:
    """Where a compiled pattern came from, for the message when it misbehaves."""

    location: str
    line: int
    what: str


def compile_pattern(pattern: str) -> Any:
    """Compile with the codebook flags; ``regex.error`` or ``ValueError`` on a bad pattern."""
    return regex.compile(pattern, FLAGS)


def runaway_probe(compiled: Any, source: str) -> str | None:
    """A probe text on which ``compiled`` exceeds the probe budget, or None.

    Runaway backtracking shows on a long run of one of the pattern's own characters, or of
    words, followed by a character that makes the match fail at the end. Patterns that are
    merely quadratic pass here and are stopped, if ever, by the budget of each search.
    """
    for probe in _probes(source):
        try:
            compiled.search(probe, timeout=PROBE_SECONDS)
        except TimeoutError:
            return probe
    return None


def _probes(source: str) -> list[str]:
    chars = sorted({c for c in source if c.isalnum()})[:12]
    words = "the talks on missile defense have stalled again today " * 6
    probes = [words + "!", words.replace(" ", "  ") + "\x00"]
    for c in chars:
        probes += [c * 400 + "!", (c + " ") * 200 + "!", (c * 3 + ", ") * 100 + "\x00"]
    return probes


def match_budget(n_chars: int) -> float:
    return CODEBOOK_MATCH_SECONDS + CODEBOOK_MATCH_SECONDS_PER_MB * n_chars / 1_000_000


def fast_form(pattern: str) -> re.Pattern[str] | None:
    """The pattern compiled by ``re`` when it cannot backtrack exponentially, else None.

    Exponential backtracking needs an unbounded repetition around something that can match
    in more than one way: a nested repetition (``(x+)+``) or an alternation (``(a|aa)+``).
    Patterns without that shape, or that ``re`` cannot read, are left to ``regex``.
    """
    try:
        parsed = _sre.parse(pattern, re.IGNORECASE)
        if _runaway_shape(parsed, inside_unbounded=False):
            return None
        return re.compile(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None


def _runaway_shape(items: Any, inside_unbounded: bool) -> bool:
    return any(_node_runs_away(op, value, inside_unbounded) for op, value in items)


def _node_runs_away(op: Any, value: Any, inside_unbounded: bool) -> bool:
    """One parsed node: is it, or does it hold, a repetition or branch inside an unbounded one?"""
    if op in _REPEATS:
        _, most, body = value
        if inside_unbounded and most > 1:
            return True
        return _runaway_shape(body, inside_unbounded or most == _sre.MAXREPEAT)
    if op is _sre.BRANCH:
        return inside_unbounded or any(_runaway_shape(b, False) for b in value[1])
    children: list[Any] = []
    if op is _sre.SUBPATTERN:
        children = [value[3]]
    elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
        children = [value[1]]
    elif op is _sre.GROUPREF_EXISTS:
        children = [b for b in value[1:] if b is not None]
    elif op is _sre.ATOMIC_GROUP:
        children = [value]
    return any(_runaway_shape(child, inside_unbounded) for child in children)


class Scanner:
    """One compiled regex (possibly many patterns joined) searched under a time budget."""

    __slots__ = ("compiled", "fast", "members", "pattern")

    def __init__(self, pattern: str, members: tuple[tuple[Any, Source], ...]) -> None:
        self.pattern = pattern
        self.compiled = compile_pattern(pattern)
        self.fast = fast_form(pattern)
        self.members = members

    def finditer(self, text: str) -> Iterator[PatternMatch]:
        if self.fast is not None and len(text) <= FAST_PATH_MAX_CHARS:
            return self.fast.finditer(text)
        return self._budgeted(text)

    def _budgeted(self, text: str) -> Iterator[PatternMatch]:
        budget = match_budget(len(text))
        try:
            yield from self.compiled.finditer(text, timeout=budget)
        except TimeoutError:
            self._fail(text, budget)

    def search(self, text: str) -> PatternMatch | None:
        if self.fast is not None and len(text) <= FAST_PATH_MAX_CHARS:
            return self.fast.search(text)
        budget = match_budget(len(text))
        try:
            found: PatternMatch | None = self.compiled.search(text, timeout=budget)
        except TimeoutError:
            self._fail(text, budget)
        return found

    def _fail(self, text: str, budget: float) -> None:
        """Find which of the joined patterns ran away, and say where it is written."""
        culprit = self.members[0][1] if self.members else Source("codebook", 0, "a pattern")
        for compiled, source in self.members:
            try:
                for _ in compiled.finditer(text, timeout=budget):
                    pass
            except TimeoutError:
                culprit = source
                break
        raise InputError(
            culprit.location,
            f"line {culprit.line}: {culprit.what} took longer than {budget:.2g} s on one claim "
            f"of {len(text):,} characters (CODEBOOK_MATCH_SECONDS): it backtracks without end; "
            "avoid nested repetition such as (a+)+ or (\\w+\\s?)*",
        )
