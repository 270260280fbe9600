"""The slow steps the window runs in workers: plain functions over the core, no Qt.

Each takes ``report(done, total, text)`` and a cancel event, checked between files.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from claimdiff_gui.frames import links_frame
from claimdiff_gui.workers import check_cancel

from claimdiff.codebook import Codebook, load_codebook
from claimdiff.errors import InputError
from claimdiff.load import expand_paths, load_article
from claimdiff.model import Article, Claim, Comparison

if TYPE_CHECKING:
    import pandas as pd

    from claimdiff.pipeline import Analyser

Report = Callable[[int, int, str], None]


@dataclass(frozen=True)
class PairResult:
    comparison: Comparison
    codebook: Codebook
    frame: pd.DataFrame


@dataclass(frozen=True)
class CorpusResult:
    folder: str
    items: list[tuple[Article, tuple[Claim, ...]]]
    skipped: list[InputError] = field(default_factory=list)


AnalyserFor = Callable[[Codebook], "Analyser"]


def compare_pair(
    left: str,
    right: str,
    codebook_path: str | None,
    report: Report,
    cancel: threading.Event,
    *,
    analyser_for: AnalyserFor,
) -> PairResult:
    """Load, analyse and compare two articles; each step is a chance to cancel."""
    report(0, 4, "reading codebook")
    codebook = load_codebook(codebook_path)
    report(1, 4, f"reading {_name(left)}")
    left_article = load_article(left)
    check_cancel(cancel)
    report(2, 4, f"reading {_name(right)}")
    right_article = load_article(right)
    check_cancel(cancel)
    report(3, 4, "extracting and comparing claims")
    comparison = analyser_for(codebook).compare(left_article, right_article)
    frame = links_frame(comparison)
    report(4, 4, "done")
    return PairResult(comparison, codebook, frame)


def analyse_corpus(
    location: str,
    codebook: Codebook,
    report: Report,
    cancel: threading.Event,
    *,
    analyser_for: AnalyserFor,
) -> CorpusResult:
    """Claims of every article in the folder ``location`` comes from; broken files are skipped."""
    from claimdiff.pipeline import corpus_paths_for, iter_corpus

    folders = corpus_paths_for(location)
    files = expand_paths(folders)
    skipped: list[InputError] = []
    items: list[tuple[Article, tuple[Claim, ...]]] = []
    analysed = iter_corpus(
        files, codebook, on_error=skipped.append, analyser=analyser_for(codebook)
    )
    for done, item in enumerate(analysed):
        items.append(item)
        report(done + 1, len(files), f"analysing {_name(item[0].location)}")
        check_cancel(cancel)
    return CorpusResult(folders[0] if folders else "", items, skipped)


def _name(location: str) -> str:
    return location if "://" in location else Path(location).name
