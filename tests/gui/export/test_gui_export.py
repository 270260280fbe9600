"""File → Export report…, Help → Open sample pair and the launcher's argument forms."""

from __future__ import annotations

from pathlib import Path

import pytest
from claimdiff_gui.app import parse_args
from claimdiff_gui.export.export import start_export
from claimdiff_gui.window import commands
from claimdiff_gui.window.mainwindow import MainWindow
from conftest import LEFT, RIGHT, WAIT_MS, open_and_wait
from pypdf import PdfReader

from claimdiff.ingest.seeds import sample_pair

KISLYAK = "surrounds the Russian Federation"
WASHINGTON = "rocket attacks from Iran and the North Korea"


def _export(qtbot, win: MainWindow, path: Path, overwrite: bool = False) -> None:
    with qtbot.waitSignal(win.analysis.exported, timeout=WAIT_MS) as done:
        start_export(win, str(path), overwrite=overwrite)
    assert done.args == [str(path)]


def test_export_report_html_from_the_window(qtbot, seeded: MainWindow, tmp_path: Path) -> None:
    out = tmp_path / "pair.html"
    _export(qtbot, seeded, out)
    html = out.read_text(encoding="utf-8")
    assert KISLYAK in html and WASHINGTON in html
    assert "<svg" in html, "the corpus chart the window drew is in the report"
    assert "Wrote" in seeded.statusBar().currentMessage()


def test_export_pdf_runs_in_a_worker_and_holds_the_conflict(
    qtbot, seeded: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "pair.pdf"
    _export(qtbot, seeded, out)
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Russian Federation" in " ".join(text.split())


def test_export_never_replaces_a_file_unconfirmed(
    qtbot, seeded: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "notes.md"
    out.write_text("the analyst's own notes")
    with qtbot.waitSignal(seeded.notifier.reported, timeout=WAIT_MS) as failed:
        start_export(seeded, str(out), overwrite=False)
    assert failed.args[0] == str(out) and "exists" in failed.args[1]
    assert out.read_text() == "the analyst's own notes"
    _export(qtbot, seeded, out, overwrite=True)
    assert WASHINGTON in out.read_text(encoding="utf-8")


def test_export_without_a_pair_says_so(qtbot, window: MainWindow, tmp_path: Path) -> None:
    with qtbot.waitSignal(window.notifier.reported, timeout=1000) as failed:
        start_export(window, str(tmp_path / "x.html"), overwrite=False)
    assert "Open a pair" in failed.args[1]


def test_open_sample_pair_from_help_menu(qtbot, window: MainWindow) -> None:
    assert "sample" in window.menus.actions
    with qtbot.waitSignal(window.pair_shown, timeout=WAIT_MS):
        commands.open_sample(window)
    assert window.locations == [str(p) for p in sample_pair()]


def test_export_shortcut_is_ctrl_e(window: MainWindow) -> None:
    assert window.menus.actions["export_report"].shortcut().toString() == "Ctrl+E"


def test_launcher_argument_forms(tmp_path: Path) -> None:
    args = parse_args(["--sample", "--screenshot", str(tmp_path / "s.png")])
    assert (args.left, args.right) == tuple(str(p) for p in sample_pair())
    one = parse_args([str(LEFT)])
    assert one.left == one.right == str(LEFT)
    with pytest.raises(SystemExit):
        parse_args(["--sample", str(LEFT)])
    with pytest.raises(SystemExit):
        parse_args(["--screenshot", str(tmp_path / "s.png")])


def test_window_has_the_application_icon(qtbot, window: MainWindow) -> None:
    from claimdiff_gui.app import set_identity
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    set_identity(app)
    assert not app.windowIcon().isNull()
    assert {16, 256} <= {s.width() for s in app.windowIcon().availableSizes()}
    assert app.desktopFileName() == "io.github.claimdiff.ClaimDiff"
    open_and_wait(qtbot, window, LEFT, RIGHT, timeline=False)


def test_status_bar_says_when_the_sentence_model_is_missing(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    from claimdiff.ingest.load import load_article
    from claimdiff.labels.codebook import load_codebook
    from claimdiff.session.frames import links_frame
    from claimdiff.session.jobs import PairResult
    from claimdiff.session.pipeline import compare_articles
    from claimdiff.similarity.semantic import HybridSimilarity

    codebook = load_codebook()
    left, right = load_article(str(LEFT)), load_article(str(RIGHT))
    for model_dir, shown in ((tmp_path, "wording only"), (None, "meaning + wording")):
        backend = HybridSimilarity(model_dir)
        cmp = compare_articles(left, right, codebook, backend)
        with qtbot.waitSignal(window.pair_shown, timeout=WAIT_MS):
            window._on_pair_loaded(PairResult(cmp, codebook, links_frame(cmp)))
        assert shown in window.status.matching.text()
