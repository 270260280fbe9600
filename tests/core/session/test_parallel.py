"""Two long sides analysed at once give the claims one side after the other gives, a child
that fails costs nothing but time, and no child is forked where that is unsafe or too small
to pay off."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from claimdiff.base.model import Article, Claim
from claimdiff.labels.codebook import load_codebook
from claimdiff.language import nlp
from claimdiff.session import parallel
from claimdiff.session.pipeline import Analyser

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
needs_fork = pytest.mark.skipif(
    "fork" not in __import__("multiprocessing").get_all_start_methods(), reason="no fork"
)


def seed(index: int) -> Article:
    path = sorted(SEEDS.glob("*.txt"))[index]
    text = path.read_text(encoding="utf-8")
    return Article(path.stem, str(path), path.stem, None, None, "none", text)


@needs_fork
def test_a_side_analysed_in_a_child_has_the_claims_of_one_analysed_here() -> None:
    left, right = seed(4), seed(0)
    analyser = Analyser(load_codebook())
    nlp.pipeline()
    parallel.last_child.clear()
    both = parallel.analyse_both(left, right, analyser._analyse)
    assert parallel.last_child, "the right side came from the child, which reported its figures"
    alone = Analyser(load_codebook())
    assert both == (alone.claims(left), alone.claims(right))
    assert both[1], "a seed article has claims"


@needs_fork
def test_a_failing_child_leaves_the_side_to_this_process() -> None:
    left, right = seed(1), seed(2)
    analyser = Analyser(load_codebook())
    here = os.getpid()

    def analyse(article: Article) -> tuple[Claim, ...]:
        if os.getpid() != here:
            raise RuntimeError("the child fails")
        return analyser._analyse(article)

    parallel.last_child.clear()
    both = parallel.analyse_both(left, right, analyse)
    assert both == (analyser._analyse(left), analyser._analyse(right))


def test_no_child_with_another_thread_running_or_for_short_sides() -> None:
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert not parallel.fork_safe()
        assert not parallel.worth_forking(10**6, 10**6)
    finally:
        stop.set()
        worker.join()
    assert not parallel.worth_forking(parallel.MIN_WORDS - 1, 10**6)


def test_the_analyser_remembers_both_sides_it_analysed_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    left, right = seed(4), seed(0)
    monkeypatch.setattr(parallel, "worth_forking", lambda *words: True)
    seen: list[tuple[str, str]] = []

    def analyse_both(a: Article, b: Article, analyse: object) -> tuple[tuple[Claim, ...], ...]:
        seen.append((a.id, b.id))
        return analyser._analyse(a), analyser._analyse(b)

    monkeypatch.setattr(parallel, "analyse_both", analyse_both)
    analyser = Analyser(load_codebook())
    analyser.claims_of_both(left, right)
    assert seen == [], "one side after the other unless two processes are asked for"
    analyser = Analyser(load_codebook(), two_processes=True)
    first = analyser.claims_of_both(left, right)
    assert seen == [(left.id, right.id)]
    assert analyser.claims(left) is first[0] and analyser.claims(right) is first[1]
    analyser.compare(left, right)
    assert len(seen) == 1, "remembered claims are not analysed again"
