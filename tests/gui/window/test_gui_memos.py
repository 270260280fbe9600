"""Memos on a claim or a link: saved beside the pair, found again, listed, in reports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from claimdiff_gui.export.export import start_export
from claimdiff_gui.window.mainwindow import MainWindow
from claimdiff_gui.window.memos import MEMO_FILE, selection_targets
from claimdiff_gui.window.settings import Settings
from conftest import LEFT, RIGHT, WAIT_MS, open_and_wait
from pypdf import PdfReader


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    left, right = tmp_path / LEFT.name, tmp_path / RIGHT.name
    shutil.copy(LEFT, left)
    shutil.copy(RIGHT, right)
    return left, right


def test_memos_on_a_link_and_a_claim_are_saved_found_again_and_reported(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    left, right = _pair(tmp_path)
    open_and_wait(qtbot, window, left, right, timeline=False)
    link_target, left_claim, _right_claim = selection_targets(window)
    assert link_target.link == window.session.selected
    window.memos.put(link_target, "The ambassador answers the 2007 claim ten years later.")
    window.memos.put(left_claim, "Check the original Russian wording.")
    saved = json.loads((tmp_path / MEMO_FILE).read_text(encoding="utf-8"))
    assert len(saved) == 2 and LEFT.read_bytes() == left.read_bytes(), "articles untouched"
    texts = [window.memo_list.item(i).text() for i in range(window.memo_list.count())]
    assert any("Check the original Russian wording." in t for t in texts)

    again = MainWindow(Settings(), dialogs_on=False)
    qtbot.addWidget(again)
    open_and_wait(qtbot, again, left, right, timeline=False)
    assert again.memos.get(left_claim.key) == "Check the original Russian wording."
    assert len(again.memos.for_report()) == 2
    again.close()
    assert again.analysis.pool.wait(WAIT_MS)

    for suffix in (".html", ".md", ".pdf"):
        out = tmp_path / f"report{suffix}"
        with qtbot.waitSignal(window.analysis.exported, timeout=WAIT_MS):
            start_export(window, str(out), overwrite=False)
        if suffix == ".pdf":  # the text of every page, lines joined
            pages = PdfReader(out).pages
            report = " ".join(" ".join(page.extract_text() for page in pages).split())
        else:
            report = out.read_text(encoding="utf-8")
        assert "Memos (2)" in report and "ten years later" in report
        assert "Check the original Russian wording." in report


def test_an_empty_memo_removes_it(qtbot, window: MainWindow, tmp_path: Path) -> None:
    left, right = _pair(tmp_path)
    open_and_wait(qtbot, window, left, right, timeline=False)
    target = selection_targets(window)[0]
    window.memos.put(target, "first thought")
    window.memos.put(target, "  ")
    assert window.memos.for_report() == ()
    assert json.loads((tmp_path / MEMO_FILE).read_text(encoding="utf-8")) == {}
