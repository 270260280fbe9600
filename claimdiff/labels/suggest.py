"""Candidate positions from the corpus: what the articles say about a topic, grouped.

An analyst starting on a new subject knows the topic ("US-Japan trade") but not yet which
positions the coverage takes. This gathers the claims that speak to the topic (by meaning,
or by the topic's words), groups them by meaning after removing what they all share (the
topic itself), and lists each group with its most typical sentences, its size and the
dates it spans, for the analyst to accept (its sentences become exemplars), rename, merge
or discard. Groups are only suggestions: docs/codebook.md reports how often they line up
with positions drawn by hand.

Long runs (20,000 articles) report progress and honour ``claimdiff.base.cancel.check()`` so the
desktop app can run this in a worker.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from claimdiff.base import cancel
from claimdiff.claims.stems import STOPWORDS

Progress = Callable[[str, int, int], None]  # (stage, done, total)

EMBED_BATCH = 512
# Claims at least this close (cosine) to the nearest topic text count as on the topic; news
# sentences on the subject sit at 0.3-0.75 with the shipped static model, unrelated ones at
# -0.05-0.35 (the test sentences and the Reuters development claims). A claim that names
# one of the topic's words needs only NAMED_RELEVANCE.
RELEVANCE = 0.4
NAMED_RELEVANCE = 0.3
MAX_GATHERED = 3000  # the nearest claims kept for grouping; more adds time, not groups
MIN_GROUP = 3  # a "position" one or two sentences take is noise
TYPICAL = 3
KMEANS_ROUNDS = 25
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


@dataclass(frozen=True, slots=True)
class Item:
    """One claim to consider: its text and its article's date (ISO), if known."""

    text: str
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A candidate position: a group of claims that say much the same about the topic."""

    words: tuple[str, ...]  # the group's characteristic words, as a first name for it
    typical: tuple[str, ...]  # the sentences nearest its centre: exemplars if accepted
    members: tuple[int, ...]  # indices into the items given
    first: str | None
    last: str | None
    cohesion: float  # mean cosine of members to the centre

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def span(self) -> str:
        if self.first is None:
            return "undated"
        return self.first if self.first == self.last else f"{self.first} to {self.last}"


def suggest_positions(
    items: Sequence[Item],
    about: Sequence[str],
    embed: Callable[[Sequence[str]], np.ndarray],
    *,
    groups: int = 8,
    progress: Progress | None = None,
) -> list[Suggestion]:
    """Up to ``groups`` candidate positions on the topic ``about`` (words or sentences).

    ``embed`` maps sentences to unit vectors (SemanticSimilarity.embed). Suggestions come
    largest and most coherent first.
    """
    if not items or not about:
        return []
    vectors = _embed_all([i.text for i in items], embed, progress)
    chosen = _gather(vectors, embed(list(about)), items, about)
    if len(chosen) < MIN_GROUP:
        return []
    cancel.check()
    picked = vectors[chosen]
    centred = _unit(picked - picked.mean(axis=0))
    k = max(1, min(groups, len(chosen) // MIN_GROUP))
    assignment, centres = _kmeans(centred, k, progress)
    words = _distinctive_words([items[i].text for i in chosen], assignment, k)
    found = []
    for g in range(k):
        rows = np.flatnonzero(assignment == g)
        if len(rows) < MIN_GROUP:
            continue
        closeness = centred[rows] @ centres[g]
        order = rows[np.argsort(-closeness)]
        members = tuple(int(chosen[r]) for r in order)
        dates = sorted(d for d in (items[m].date for m in members) if d)
        found.append(
            Suggestion(
                words=words[g],
                typical=tuple(items[m].text for m in members[:TYPICAL]),
                members=members,
                first=dates[0] if dates else None,
                last=dates[-1] if dates else None,
                cohesion=float(closeness.mean()),
            )
        )
    return sorted(found, key=lambda s: s.size * max(s.cohesion, 0.0), reverse=True)


def _embed_all(
    texts: list[str], embed: Callable[[Sequence[str]], np.ndarray], progress: Progress | None
) -> np.ndarray:
    parts = []
    for start in range(0, len(texts), EMBED_BATCH):
        cancel.check()
        parts.append(embed(texts[start : start + EMBED_BATCH]))
        if progress is not None:
            progress("reading claims", min(start + EMBED_BATCH, len(texts)), len(texts))
    return np.vstack(parts)


def _gather(
    vectors: np.ndarray, query: np.ndarray, items: Sequence[Item], about: Sequence[str]
) -> np.ndarray:
    """Indices of the claims on the topic: near an ``about`` text, or naming one of its words."""
    closeness = (vectors @ query.T).max(axis=1)
    terms = {w.lower() for text in about for w in _WORD.findall(text)} - STOPWORDS
    named = np.array(
        [bool(terms & {w.lower() for w in _WORD.findall(i.text)}) for i in items], dtype=bool
    )
    on_topic = np.flatnonzero((closeness >= RELEVANCE) | (named & (closeness >= NAMED_RELEVANCE)))
    ranked = on_topic[np.argsort(-closeness[on_topic], kind="stable")]
    return np.sort(ranked[:MAX_GATHERED])


def _unit(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    unit: np.ndarray = x / np.where(norms == 0, 1.0, norms)
    return unit


def _kmeans(x: np.ndarray, k: int, progress: Progress | None) -> tuple[np.ndarray, np.ndarray]:
    """Spherical k-means, seeded by farthest-point picks so a run is repeatable."""
    centres = [x[int(np.argmax(np.linalg.norm(x - x.mean(axis=0), axis=1)))]]
    for _ in range(1, k):
        nearest = np.max(x @ np.array(centres).T, axis=1)
        centres.append(x[int(np.argmin(nearest))])
    c = np.array(centres)
    assignment = np.zeros(len(x), dtype=int)
    for round_ in range(KMEANS_ROUNDS):
        cancel.check()
        new = np.argmax(x @ c.T, axis=1)
        if round_ and np.array_equal(new, assignment):
            break
        assignment = new
        for g in range(k):
            rows = x[assignment == g]
            if len(rows):
                c[g] = _unit(rows.mean(axis=0, keepdims=True))[0]
        if progress is not None:
            progress("grouping", round_ + 1, KMEANS_ROUNDS)
    return assignment, c


def _distinctive_words(texts: list[str], assignment: np.ndarray, k: int) -> list[tuple[str, ...]]:
    """Per group, the words most over-represented in it against all gathered claims."""
    bags = [{w.lower() for w in _WORD.findall(t)} - STOPWORDS for t in texts]
    overall = Counter(w for bag in bags for w in bag)
    result = []
    for g in range(k):
        rows = np.flatnonzero(assignment == g)
        inside = Counter(w for r in rows for w in bags[r])
        score = {
            w: (n / max(len(rows), 1)) * np.log((len(texts) + 1) / (overall[w] + 1))
            for w, n in inside.items()
            if n >= 2
        }
        result.append(tuple(sorted(score, key=lambda w: -score[w])[:4]))
    return result
