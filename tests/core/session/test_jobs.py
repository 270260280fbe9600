"""The window's worker jobs, run as plain functions: progress, cancel points, the links table."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from claimdiff.base.cancel import Cancelled
from claimdiff.ingest.seeds import sample_pair
from claimdiff.session.frames import COLUMNS, HIDDEN, links_frame, swapped_frame
from claimdiff.session.jobs import compare_pair, folder_files
from claimdiff.session.pipeline import Analyser


def test_compare_pair_reports_each_step_and_tables_every_link() -> None:
    left, right = (str(p) for p in sample_pair())
    steps: list[tuple[int, int, str]] = []
    result = compare_pair(
        left, right, None, lambda *s: steps.append(s), threading.Event(), analyser_for=Analyser
    )
    assert [(done, total) for done, total, _ in steps] == [(n, 4) for n in range(5)]
    frame = result.frame
    assert list(frame.columns) == COLUMNS + HIDDEN
    assert len(frame) == len(result.comparison.links) > 0
    assert list(frame["relation"]) == [link.relation for link in result.comparison.links]


def test_a_set_cancel_event_stops_compare_pair_before_the_analysis() -> None:
    left, right = (str(p) for p in sample_pair())
    cancel = threading.Event()
    cancel.set()
    called: list[object] = []
    with pytest.raises(Cancelled):
        compare_pair(left, right, None, lambda *s: None, cancel, analyser_for=called.append)
    assert called == []


def test_the_swapped_table_is_the_table_seen_from_the_other_side() -> None:
    left, right = (str(p) for p in sample_pair())
    result = compare_pair(
        left, right, None, lambda *s: None, threading.Event(), analyser_for=Analyser
    )
    frame = links_frame(result.comparison)
    swapped = swapped_frame(frame)
    assert list(swapped.columns) == list(frame.columns)
    assert list(swapped["left claim"]) == list(frame["right claim"])
    flips = {"left_only": "right_only", "right_only": "left_only"}
    assert list(swapped["relation"]) == [flips.get(r, r) for r in frame["relation"]]
    assert set(frame["relation"]) & set(flips)  # the sample pair has one-sided claims to flip
    assert swapped_frame(swapped).equals(frame)


def test_folder_files_takes_the_folder_and_counts_its_subfolders(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "b.txt", "sub/c.txt"):
        (tmp_path / name).write_text("The minister said the talks would resume.\n")
    own, below = folder_files(str(tmp_path), recursive=False)
    assert sorted(Path(f).name for f in own) == ["a.txt", "b.txt"] and below == 1
    every, below = folder_files(str(tmp_path), recursive=True)
    assert sorted(Path(f).name for f in every) == ["a.txt", "b.txt", "c.txt"] and below == 1
