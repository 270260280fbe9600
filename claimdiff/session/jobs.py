"""The slow steps the window runs in workers: plain functions over the core, no Qt.

Each takes ``report(done, total, text)`` and a cancel event, checked between files.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from claimdiff.base.cancel import Report, check_cancel
from claimdiff.base.errors import InputError
from claimdiff.base.model import Article, Claim, Comparison
from claimdiff.ingest.load import expand_paths, load_article
from claimdiff.labels.codebook import Codebook, load_codebook
from claimdiff.session.display import location_name
from claimdiff.session.frames import links_frame

if TYPE_CHECKING:
    import pandas as pd

    from claimdiff.session.pipeline import Analyser


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
    below: int = 0  # articles in subfolders, not charted unless asked for
    duplicates: int = 0  # files whose bytes another charted file already had
    recursive: bool = False


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
    report(1, 4, f"reading {location_name(left)}")
    left_article = load_article(left)
    check_cancel(cancel)
    report(2, 4, f"reading {location_name(right)}")
    right_article = load_article(right)
    check_cancel(cancel)
    report(3, 4, "extracting and comparing claims")
    comparison = analyser_for(codebook).compare(left_article, right_article)
    frame = links_frame(comparison)
    report(4, 4, "done")
    return PairResult(comparison, codebook, frame)


def folder_files(folder: str, recursive: bool) -> tuple[list[str], int]:
    """The folder's own articles (or all below it), and how many lie in its subfolders.

    The timeline charts what the user chose: a folder holding two files means two
    articles, not the 25 its subfolders hold; those are offered, not taken.
    """
    try:
        every = expand_paths([folder])
    except InputError:
        return [], 0
    own = [f for f in every if Path(f).parent == Path(folder)]
    return (every if recursive else own), len(every) - len(own)


def analyse_corpus(
    location: str,
    codebook: Codebook,
    report: Report,
    cancel: threading.Event,
    *,
    analyser_for: AnalyserFor,
    recursive: bool = False,
) -> CorpusResult:
    """Claims of every article in the folder ``location`` comes from; broken files are skipped
    and a file whose content another one already had is counted once."""
    from claimdiff.session.pipeline import corpus_paths_for, iter_corpus

    folders = corpus_paths_for(location)
    files, below = folder_files(folders[0], recursive) if folders else ([], 0)
    skipped: list[InputError] = []
    items: list[tuple[Article, tuple[Claim, ...]]] = []
    seen: set[str] = set()
    duplicates = 0
    analysed = iter_corpus(
        files, codebook, on_error=skipped.append, analyser=analyser_for(codebook)
    )
    for done, item in enumerate(analysed):
        checksum = item[0].checksum
        if checksum and checksum in seen:
            duplicates += 1
        else:
            seen.add(checksum)
            items.append(item)
        report(done + 1, len(files), f"analysing {location_name(item[0].location)}")
        check_cancel(cancel)
    folder = folders[0] if folders else ""
    return CorpusResult(folder, items, skipped, below, duplicates, recursive)
