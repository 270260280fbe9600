"""Comparing two articles costs about twice as much when they are twice as long.

Counted, not timed: the number of function calls (Python and, for spaCy's compiled code,
the extension's own) the claims stage and the comparison make on an article of N sentences
of the seeds and on the same sentences twice over. A cost that scans the whole document once per sentence (spaCy's
``doc.text`` read per attribution did) or judges every pair of same-topic claims roughly
quadruples the count; linear work doubles it. Counts do not depend on how busy the machine is.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from claimdiff import nlp
from claimdiff.claims import extract_claims
from claimdiff.codebook import load_codebook
from claimdiff.compare import candidate_pairs, compare, similarity_matrix
from claimdiff.label import label_claims
from claimdiff.model import Article, Claim
from claimdiff.segment import split_sentences
from claimdiff.similarity import default_backend

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
    once = []
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
    counts = [calls(lambda found=found: extract_claims(found)) for found in (small, large)]
    assert len(extract_claims(large)) > 1.8 * len(extract_claims(small)) > 0
    assert counts[1] / counts[0] < MOST_GROWTH, counts


def test_comparison_grows_linearly(analysed: dict[int, tuple[Article, Article]]) -> None:
    """Candidates, judging and link order cost about twice as much for twice the claims,
    on articles where a third of the claims share a codebook topic."""
    codebook, backend = load_codebook(), default_backend()
    claims = {size: tuple(labelled(side) for side in analysed[size]) for size in SIZES}
    on_topic = sum(bool(c.labels) for c in claims[SIZES[1]][0])
    assert on_topic > len(claims[SIZES[1]][0]) / 5  # the seeds are on the codebook's subject
    compare(*analysed[SIZES[0]], *claims[SIZES[0]], codebook, backend=backend)

    def run(size: int) -> Callable[[], object]:
        return lambda: compare(*analysed[size], *claims[size], codebook, backend=backend)

    counts = [calls(run(size)) for size in SIZES]
    assert counts[1] / counts[0] < MOST_GROWTH, counts
    left, right = claims[SIZES[1]]
    pairs = candidate_pairs(similarity_matrix(backend, left, right), left, right, 0.35)
    assert len(pairs) < 12 * len(left)  # a few per claim, not a share of all len(left)²
