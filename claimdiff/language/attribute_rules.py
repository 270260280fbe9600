"""The attribute ruler's rules, applied per distinct token instead of by spaCy's Matcher.

spaCy's English pipelines map fine tags to parts of speech and morphology, and fix some
lemmas, with an ``attribute_ruler`` of about 180 one- and two-token patterns. Its Matcher
walks every pattern over every token of every Doc: about 8 % of a corpus import's CPU, for
rules whose answer for a token depends only on the token's lower-case form, tag, dependency
label and whether it is white space (and, for the few two-token rules, its neighbour's).
:func:`install` keeps the ruler and its rules but answers each distinct token once and
remembers the answer, so a word seen again costs a dictionary look-up.

The result is the ruler's own: the same rules, matched with the Matcher's semantics for the
operators the rules use (equality, ``IN``, ``NOT_IN``, ``REGEX``), applied in the ruler's
order (a later rule overrides an earlier one) with spaCy's own ``set_token_attrs``. A ruler
with a rule of any other shape (quantifiers, other operators, longer patterns) is left as it
is. ``tests/core/language/test_nlp.py`` checks that both give identical tokens on real text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_KEYS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_CACHE_LIMIT = 200_000  # distinct tokens remembered; Reuters-21578 has about 60,000

Predicate = Callable[[tuple[Any, ...]], bool]


def install(nlp: Any) -> bool:
    """Make ``nlp``'s attribute ruler (if any) answer per distinct token; True if it does."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    rules = _compile(ruler)
    if rules is None:
        return False
    ruler.match = rules.match
    ruler.set_annotations = rules.set_annotations
    return True


class _Rules:
    """One-token rules answered per (lower, tag, dep, is_space) and remembered; two-token
    rules answered per token as two bit masks (which rules it can start, which it can end),
    so a token no two-token rule reaches costs two look-ups and an ``&``."""

    def __init__(
        self,
        single: list[tuple[int, Predicate, dict[Any, Any]]],
        double: list[tuple[int, Predicate, Predicate, int, dict[Any, Any]]],
        buckets: list[tuple[int, frozenset[str]] | None],
        strings: Any,
    ) -> None:
        self.single = single
        self.double = double
        self.strings = strings
        # Which one-token rules can hold for a token: those whose LOWER (else TAG) admits its
        # value, plus those that fix neither; checked in the ruler's order.
        self.always: list[int] = []
        self.by_value: tuple[dict[str, list[int]], dict[str, list[int]]] = ({}, {})
        for n, bucket in enumerate(buckets):
            if bucket is None:
                self.always.append(n)
            else:
                for value in bucket[1]:
                    self.by_value[bucket[0]].setdefault(value, []).append(n)
        # Bits of the two-token rules whose token set is the first (index 0) or second one.
        self.sets_first = sum(1 << k for k, rule in enumerate(double) if rule[3] == 0)
        self.sets_second = sum(1 << k for k, rule in enumerate(double) if rule[3] == 1)
        self.cache: dict[tuple[int, ...], list[tuple[int, dict[Any, Any]]]] = {}
        self.merged: dict[tuple[int, ...], dict[Any, Any]] = {}
        self.masks: dict[tuple[int, ...], tuple[int, int]] = {}

    def match(self, doc: Any) -> list[tuple[int, int, int, int]]:
        """Stands in for the ruler's ``match``: the per-token answers are made in
        :meth:`set_annotations`, which is all the ruler calls ``match`` for."""
        return []

    def set_annotations(self, doc: Any, matches: Any) -> None:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.tokens._retokenize import set_token_attrs

        if not len(doc):
            return
        rows = [tuple(row) for row in doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()]
        masks = [self._masks(row) for row in rows] if self.double else []
        last = len(rows) - 1
        for i, row in enumerate(rows):
            merged = self.merged.get(row)
            if merged is None:
                merged = self._merge(self._single(row))
            if masks:
                # Rules setting token i: started here and ended by i + 1, or started at i - 1.
                hits = masks[i][0] & masks[i + 1][1] & self.sets_first if i < last else 0
                if i > 0:
                    hits |= masks[i - 1][0] & masks[i][1] & self.sets_second
                if hits:
                    found = self._single(row) + [
                        (rule[0], rule[4]) for k, rule in enumerate(self.double) if hits >> k & 1
                    ]
                    found.sort(key=lambda item: item[0])
                    merged = self._merge(found)
            if merged:
                set_token_attrs(doc[i], merged)

    def _view(self, row: tuple[int, ...]) -> tuple[str, str, str, bool]:
        lower, tag, dep, space = row
        return (self.strings[lower], self.strings[tag] if tag else "",
                self.strings[dep] if dep else "", bool(space))  # fmt: skip

    def _single(self, row: tuple[int, ...]) -> list[tuple[int, dict[Any, Any]]]:
        found = self.cache.get(row)
        if found is None:
            view = self._view(row)
            candidates = sorted(
                self.always + self.by_value[0].get(view[0], []) + self.by_value[1].get(view[1], [])
            )
            rules = [self.single[n] for n in candidates]
            found = [(order, attrs) for order, test, attrs in rules if test(view)]
            if len(self.cache) < _CACHE_LIMIT:
                self.cache[row] = found
                self.merged[row] = self._merge(found)
        return list(found)

    def _masks(self, row: tuple[int, ...]) -> tuple[int, int]:
        """Bits of the two-token rules whose first, and whose second, token test ``row`` passes."""
        found = self.masks.get(row)
        if found is None:
            view = self._view(row)
            first = sum(1 << k for k, rule in enumerate(self.double) if rule[1](view))
            second = sum(1 << k for k, rule in enumerate(self.double) if rule[2](view))
            found = (first, second)
            if len(self.masks) < _CACHE_LIMIT:
                self.masks[row] = found
        return found

    @staticmethod
    def _merge(found: list[tuple[int, dict[Any, Any]]]) -> dict[Any, Any]:
        """The rules' attributes in the ruler's order, a later rule's value winning."""
        merged: dict[Any, Any] = {}
        for _, attrs in found:
            merged.update(attrs)
        return merged


def _compile(ruler: Any) -> _Rules | None:
    """The ruler's rules as predicates, or None when one is of a shape not handled here."""
    single: list[tuple[int, Predicate, dict[Any, Any]]] = []
    buckets: list[tuple[int, frozenset[str]] | None] = []
    double: list[tuple[int, Predicate, Predicate, int, dict[Any, Any]]] = []
    for order, entry in enumerate(ruler.patterns):
        attrs = ruler.attrs[order]
        index = entry.get("index", 0)
        for pattern in entry["patterns"]:
            tests = [_token_test(token) for token in pattern]
            if any(test is None for test in tests) or not 1 <= len(tests) <= 2:
                return None
            if len(tests) == 1 and index in (0, -1):
                single.append((order, tests[0], attrs))  # type: ignore[arg-type]
                buckets.append(_bucket(pattern[0]))
            elif len(tests) == 2 and index in (0, 1, -1, -2):
                double.append((order, tests[0], tests[1], index % 2, attrs))  # type: ignore[arg-type]
            else:
                return None
    return _Rules(single, double, buckets, ruler.vocab.strings)


def _bucket(spec: dict[str, Any]) -> tuple[int, frozenset[str]] | None:
    """The values of LOWER (0), else of TAG (1), that a token must have for ``spec`` to hold;
    None when it fixes neither to a list of values."""
    for place, key in enumerate(("LOWER", "TAG")):
        value = spec.get(key)
        if isinstance(value, str):
            return place, frozenset((value,))
        if isinstance(value, dict) and set(value) == {"IN"}:
            return place, frozenset(str(v) for v in value["IN"])
    return None


def _token_test(spec: dict[str, Any]) -> Predicate | None:
    """A test of one token's (lower, tag, dep, is_space) for one pattern token, or None."""
    checks: list[Callable[[Any], bool]] = []
    places: list[int] = []
    for key, value in spec.items():
        if key not in _KEYS:
            return None
        check = _value_test(value)
        if check is None:
            return None
        checks.append(check)
        places.append(_KEYS.index(key))
    pairs = list(zip(places, checks, strict=True))
    return lambda view: all(check(view[place]) for place, check in pairs)


def _value_test(value: Any) -> Callable[[Any], bool] | None:
    if isinstance(value, str | bool):
        return lambda seen: bool(seen == value)
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((operator, argument),) = value.items()
    if operator == "IN":
        members = frozenset(argument)
        return lambda seen: seen in members
    if operator == "NOT_IN":
        excluded = frozenset(argument)
        return lambda seen: seen not in excluded
    if operator == "REGEX":
        pattern = re.compile(argument)
        return lambda seen: isinstance(seen, str) and pattern.search(seen) is not None
    return None
