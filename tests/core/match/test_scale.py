"""Comparing two articles costs about twice as much when they are twice as long.

Counted, not timed: the number of function calls (Python and, for spaCy's compiled code,
the extension's own) made on an article of N seed sentences and on the same sentences twice
over. A cost that scans the whole document once per sentence (spaCy's ``doc.text`` read per
attribution did) pushes the count towards four times; linear work doubles it. Where a
quadratic term would hide behind the constant at test sizes (same-topic candidates, the
order of the links), the part is counted alone on larger made-up input. Counts do not depend
on how busy the machine is.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import FrameType
from typing import Any

import numpy as np
import pytest

from claimdiff.base.model import Article, Claim, Label, Link
from claimdiff.claims.claims import extract_claims
from claimdiff.claims.segment import split_sentences
from claimdiff.labels.codebook import load_codebook
from claimdiff.labels.label import label_claims
from claimdiff.language import nlp
from claimdiff.match.compare import (
    TOPIC_PER_CLAIM,
    Pair,
    candidate_pairs,
    compare,
    order_links,
    similarity_matrix,
    topic_pairs,
)
from claimdiff.similarity.semantic import default_backend

BLOCK = 50  # sentences of the shorter article; the longer one repeats them
SIZES = (BLOCK, 2 * BLOCK)
# Linear work doubles; a quadratic term of any weight pushes the ratio towards four.
MOST_GROWTH = 2.5


def calls(work: Callable[[], object]) -> int:
    """How many functions ``work`` calls, its callees' callees included."""
    count = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


@pytest.fixture(scope="module")
def sentences(seeds_dir: Path) -> list[str]:
    """The seeds' first BLOCK sentences, twice: the same text, so twice the work if linear."""
    once: list[str] = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        once.extend(text[s.start : s.end] for s in split_sentences(text))
    assert len(once) >= BLOCK
    return once[:BLOCK] * 2


def article(name: str, lines: list[str]) -> Article:
    return Article(name, f"{name}.txt", name, None, None, "none", "\n\n".join(lines) + "\n")


@pytest.fixture(scope="module")
def analysed(sentences: list[str]) -> dict[int, tuple[Article, Article]]:
    """Left and right articles per size, parsed (the parse is remembered per text)."""
    pairs = {}
    for size in SIZES:
        left, right = article("left", sentences[:size]), article("right", sentences[:size][::-1])
        nlp.parse(left.text), nlp.parse(right.text)
        pairs[size] = left, right
    return pairs


def labelled(found: Article) -> tuple[Claim, ...]:
    return label_claims(extract_claims(found), load_codebook(), default_backend())


def test_claims_and_speakers_grow_linearly(analysed: dict[int, tuple[Article, Article]]) -> None:
    """Claims and attribution, read from the parse, cost twice as much for twice the text."""
    if not nlp.available():
        pytest.skip("no trained spaCy pipeline: attribution does not read a parse")
    small, large = (analysed[size][0] for size in SIZES)
    extract_claims(small)  # word lists and models load outside the count
    counts = [calls(partial(extract_claims, found)) for found in (small, large)]
    assert len(extract_claims(large)) > 1.8 * len(extract_claims(small)) > 0
    assert counts[1] / counts[0] < MOST_GROWTH, counts


def test_comparison_costs_the_same_per_claim_and_candidate(
    analysed: dict[int, tuple[Article, Article]],
) -> None:
    """Judging, selection and link order cost a steady amount per claim and per candidate,
    and candidates grow with the claims, on articles where many claims share a topic."""
    codebook, backend = load_codebook(), default_backend()
    claims = {size: (labelled(analysed[size][0]), labelled(analysed[size][1])) for size in SIZES}
    compare(*analysed[SIZES[0]], *claims[SIZES[0]], codebook, backend=backend)
    per_unit, candidates = [], []
    for size in SIZES:
        left, right = claims[size]
        found = candidate_pairs(similarity_matrix(backend, left, right), left, right, 0.35)
        work = calls(partial(compare, *analysed[size], left, right, codebook, backend=backend))
        candidates.append(len(found))
        per_unit.append(work / (len(left) + len(right) + len(found)))
    assert candidates[1] / candidates[0] < MOST_GROWTH, candidates
    assert per_unit[1] / per_unit[0] < 1.3, per_unit


def labelled_claims(side: str, count: int, positions: tuple[str, ...]) -> list[Claim]:
    """``count`` claims all on one topic, their positions taken in turn."""
    return [
        Claim(
            f"{side}:c{n}",
            side,
            f"claim {n}",
            n * 10,
            n * 10 + 7,
            labels=(Label("talks", positions[n % len(positions)], 0.8, "", "cue"),),
        )
        for n in range(count)
    ]


def test_same_topic_candidates_are_a_few_per_claim() -> None:
    """Each claim meets its nearest same-topic claims of each position, not all of them."""
    positions = ("bleak", "hopeful")
    counts = []
    for n in (40, 160):
        left, right = labelled_claims("a", n, positions), labelled_claims("b", n, positions)
        sim = np.random.default_rng(n).random((n, n)).astype(np.float32)
        found = topic_pairs(sim, left, right)
        counts.append(len(found))
        for i in range(n):
            for position in positions:
                held = [j for j in range(n) if right[j].labels[0].position == position]
                assert (i, max(held, key=lambda j: sim[i, j])) in found
        assert len(found) <= 2 * TOPIC_PER_CLAIM * len(positions) * n < n * n
    assert counts[1] / counts[0] < 4 * 1.2


def test_link_order_grows_linearly() -> None:
    """Placing right-only links among the others costs a bisection each, not a scan."""
    counts = []
    for n in (200, 800):
        kept = [Pair(i, i, Link("shared", f"a:{i}", f"b:{i}", 1.0, "")) for i in range(0, n, 2)]
        orphans = [Pair(-1, j, Link("right_only", None, f"b:{j}", 1.0, "")) for j in range(1, n, 2)]
        counts.append(calls(partial(order_links, kept, orphans)))
    assert counts[1] / counts[0] < 4 * 1.3, counts
