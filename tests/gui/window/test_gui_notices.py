"""A file used only in part (a budget cut it) is said in the window, not only on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest
from claimdiff_gui.window.mainwindow import MainWindow
from claimdiff_gui.work.workers import Worker

from claimdiff.base.errors import notify

pytestmark = pytest.mark.gui


def test_a_workers_notice_reaches_the_gui_thread(qtbot) -> None:
    def job(report, cancel) -> str:
        notify("page.html", "a table of 100,000 rows was cut to 5,000 (HTML_MAX_TABLE_CELLS)")
        return "done"

    from PySide6.QtCore import QThreadPool

    worker = Worker(job, name="notice")
    heard: list[tuple[str, str]] = []
    worker.signals.notice.connect(lambda where, what: heard.append((where, what)))
    with qtbot.waitSignal(worker.signals.finished, timeout=5000):
        QThreadPool.globalInstance().start(worker)
    assert heard == [
        ("page.html", "a table of 100,000 rows was cut to 5,000 (HTML_MAX_TABLE_CELLS)")
    ]


def test_a_table_cut_to_its_budget_shows_in_the_status_bar(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    from claimdiff.ingest.html import HTML_MAX_TABLE_CELLS

    rows = "".join(f"<tr><td>{i}</td><td>row</td></tr>" for i in range(HTML_MAX_TABLE_CELLS))
    body = (
        "<p>The minister said on Monday that the talks on the treaty had stalled again.</p>"
        f"<table>{rows}</table>"
        "<p>Officials said the next round would take place in Geneva in the spring.</p>"
    )
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("The minister said on Monday that the talks had stalled.\n", encoding="utf-8")
    with qtbot.waitSignal(window.notifier.warned, timeout=60000) as got:
        window.open_pair(str(page), str(other))
    location, message = got.args
    assert location.endswith("page.html") and "HTML_MAX_TABLE_CELLS" in message
    assert "HTML_MAX_TABLE_CELLS" in window.statusBar().currentMessage()


def test_claims_found_without_the_pipeline_are_said_in_the_window(
    qtbot, seeded: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimdiff.language import nlp

    monkeypatch.setattr(nlp, "_failure", ["no English spaCy pipeline is installed (test)"])
    with qtbot.waitSignal(seeded.notifier.warned, timeout=60000) as got:
        seeded.open_pair(*seeded.locations)
    assert got.args[0] == "Claims" and "no English spaCy pipeline" in got.args[1]
    assert "no English spaCy pipeline" in seeded.statusBar().currentMessage()
