"""Candidate pairs for conflicts worded apart: a denial, or a plan against its outcome.

Nearest-by-meaning and shared-key candidates (claimdiff.match.compare) miss them: "appears to be a
sneaky editing job" and "A bird defecated on Putin during his speech" are far apart by
meaning and share no quote, figure or pair of names. What they share is the event's things:
a typed entity the NER found in both (``Claim.mentions``), or a few content words. So each
claim that carries a denial cue or a plan/outcome cue (the judge's own lexicon lists) is
paired with the claims of the other side naming most of the same things, at most
CONFLICT_PER_CLAIM of them, and the count stays linear in the claims. The judge then decides
(claimdiff.match.contradiction.stance_conflict): a candidate is only a question, never a link.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence

import numpy as np

from claimdiff.base.model import Claim
from claimdiff.claims.ner import NAME_LABELS
from claimdiff.match.contradiction import content_stems, cue_phrases

CONFLICT_PER_CLAIM = 3  # partners kept per cued claim, the most things in common first
# What a partner must share with a cued claim: a typed entity and a content word more, or
# this many content words (a stem counts once; the entity's words count as words too).
SHARED_STEMS = 3
# A stem or entity found in more claims than this share of the other side (and more than
# MIN_SPREAD claims) says nothing about which claim: the story's own subject.
SPREAD_SHARE = 0.25
MIN_SPREAD = 6
CUE_LISTS = (
    "denial-cues",
    "modality-plan",
    "modality-forecast",
    "modality-unrealised",
    "modality-withdrawn",
    "modality-not-future",
)


def cued(claim: Claim) -> bool:
    """The claim says something is untrue, or is planned, or will not or did not happen."""
    return any(cue_phrases(name, claim.text) for name in CUE_LISTS)


def _keys(claim: Claim) -> tuple[set[Hashable], set[Hashable]]:
    """The claim's typed entities (by label and normalised value) and content stems."""
    entities: set[Hashable] = {
        ("entity", m.label, m.value or m.text.lower())
        for m in claim.mentions
        if m.label in NAME_LABELS
    }
    return entities, {("stem", s) for s in content_stems(claim.text)}


def conflict_pairs(
    sim: np.ndarray, left: Sequence[Claim], right: Sequence[Claim], k: int = CONFLICT_PER_CLAIM
) -> set[tuple[int, int]]:
    """(left index, right index) pairs: each cued claim with the claims of the other side that
    name the same things (see the module doc), both ways."""
    found = {(i, j) for i, j in _partners(left, right, sim, k)}
    found.update((i, j) for j, i in _partners(right, left, sim.T, k))
    return found


def _partners(
    mine: Sequence[Claim], theirs: Sequence[Claim], sim: np.ndarray, k: int
) -> list[tuple[int, int]]:
    index: defaultdict[Hashable, list[int]] = defaultdict(list)
    for j, claim in enumerate(theirs):
        for key in set.union(*_keys(claim)):
            index[key].append(j)
    spread = max(MIN_SPREAD, int(SPREAD_SHARE * len(theirs)))
    found: list[tuple[int, int]] = []
    for i, claim in enumerate(mine):
        if not cued(claim):
            continue
        entities, stems = _keys(claim)
        shared_entities: Counter[int] = Counter()
        shared_stems: Counter[int] = Counter()
        for keys, tally in ((entities, shared_entities), (stems, shared_stems)):
            for key in keys:
                partners = index.get(key, ())
                if len(partners) <= spread:
                    tally.update(partners)
        chosen = [
            j
            for j, n in shared_stems.items()
            if n >= SHARED_STEMS or (shared_entities[j] and n >= 2)
        ]
        ranked = sorted(
            chosen, key=lambda j: (-shared_entities[j] - shared_stems[j], -float(sim[i, j]))
        )
        found.extend((i, j) for j in ranked[:k])
    return found
