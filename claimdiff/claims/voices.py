"""Who a speaker is across articles: one voice for "Sergei Kislyak" and "Sergey Kislyak".

Speakers are read article by article, and outlets transliterate and shorten names their own
way; a timeline split by speaker would otherwise draw one person as two lines. Full names
are grouped by surname, then by given names once the usual transliterations are folded
("-ey"/"-ei", "-iy"/"-y"/"-i", "ks"/"x") or where one is the other's initial. Bare surnames,
descriptions ("a senior diplomat"), firms and outlets stay as they are. Each group is named
by its most frequent spelling.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping

from rapidfuzz import fuzz

from claimdiff.claims.entities import find_mentions, word_set

SIMILAR_GIVEN = 85  # rapidfuzz ratio of folded given names ("alexandr" / "alexander": 94)
_ENDINGS = ((re.compile(r"iy$"), "y"), (re.compile(r"ey$"), "ei"), (re.compile(r"y$"), "i"))
_NAME_TOKEN = re.compile(r"^[A-Z][\w'’.\-]*$")
# Last words of company and institution names the entity rules take for people's names.
_ORGANISATION_ENDS = word_set(
    """inc corp co ltd plc llc ag sa nv bv spa group holdings international systems system
    industries bank trust partners associates securities fund capital services"""
)


def voice_names(counts: Mapping[str, int]) -> dict[str, str]:
    """For each speaker as written (with how often), the name its voice is counted under."""
    people = {name: parts for name in counts if (parts := _parts(name)) is not None}
    by_surname: dict[str, list[str]] = defaultdict(list)
    for name, (_given, surname) in people.items():
        by_surname[surname].append(name)
    voices: dict[str, str] = {}
    for names in by_surname.values():
        clusters = _clusters(names, people, counts)
        for cluster in clusters:
            voices.update(dict.fromkeys(cluster, cluster[0]))
    return {name: voices.get(name, name) for name in counts}


def _parts(name: str) -> tuple[str, str] | None:
    """(given names, surname) of a person's full name; None for anything else.

    A bare surname is None too: the article that quoted it would have named the person in
    full if it had (claimdiff.claims.speakers does that), and across articles "Express" or "Ward"
    is as likely a firm or another person as the Ward quoted elsewhere.
    """
    tokens = name.split()
    if not 2 <= len(tokens) <= 3 or tokens[-1].lower().rstrip(".") in _ORGANISATION_ENDS:
        return None
    if not all(_NAME_TOKEN.match(t) for t in tokens):
        return None
    mentions = find_mentions(name)
    if len(mentions) != 1 or mentions[0].kind != "person" or mentions[0].text != name:
        return None
    return " ".join(tokens[:-1]), tokens[-1].lower()


def _clusters(
    names: list[str], people: Mapping[str, tuple[str, str]], counts: Mapping[str, int]
) -> list[list[str]]:
    """Names of one surname whose given names agree, most frequent spelling first."""
    clusters: list[list[str]] = []
    for name in sorted(names, key=lambda n: (-counts[n], n)):
        given = people[name][0]
        home = next((c for c in clusters if _same_given(given, people[c[0]][0])), None)
        if home is None:
            clusters.append([name])
        else:
            home.append(name)
    return clusters


def _same_given(a: str, b: str) -> bool:
    """Given names that agree word by word: folded alike, near alike, or an initial."""
    xs, ys = a.split(), b.split()
    return len(xs) == len(ys) and all(_same_word(x, y) for x, y in zip(xs, ys, strict=True))


def _same_word(a: str, b: str) -> bool:
    x, y = _folded(a), _folded(b)
    if x == y:
        return True
    if len(x) <= 2 or len(y) <= 2:  # an initial: "S." / "Sergei"
        return x.rstrip(".")[:1] == y.rstrip(".")[:1]
    return fuzz.ratio(x, y) >= SIMILAR_GIVEN


def _folded(word: str) -> str:
    folded = word.lower().replace("ks", "x")
    for pattern, ending in _ENDINGS:
        folded = pattern.sub(ending, folded)
    return folded
