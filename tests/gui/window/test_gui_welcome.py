"""An empty window offers three ways in; paste an article; a changed file is compared again."""

from __future__ import annotations

import shutil
from pathlib import Path

from claimdiff_gui.window.mainwindow import MainWindow
from conftest import LEFT, RIGHT, WAIT_MS, open_and_wait
from PySide6.QtGui import QAction, QGuiApplication

from claimdiff.ingest.seeds import sample_pair


def test_an_empty_window_offers_the_sample_two_files_and_a_corpus(
    qtbot, window: MainWindow
) -> None:
    assert window.top.currentWidget() is window.welcome
    assert set(window.welcome.buttons) == {"sample", "files", "corpus"}
    with qtbot.waitSignal(window.pair_shown, timeout=WAIT_MS):
        window.welcome.buttons["sample"].click()
    cmp = window.session.comparison
    assert cmp is not None
    assert [Path(cmp.left.location), Path(cmp.right.location)] == list(sample_pair())
    assert window.top.currentIndex() == 1 and window.panes[0].isVisible()


def test_pasted_text_becomes_the_right_article(
    qtbot, window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    open_and_wait(qtbot, window, LEFT, RIGHT, timeline=False)
    text = RIGHT.read_text(encoding="utf-8").replace("Kislyak", "Lavrov")
    QGuiApplication.clipboard().setText(text)
    with qtbot.waitSignal(window.pair_shown, timeout=WAIT_MS):
        window.menus.actions["paste"].trigger()
    cmp = window.session.comparison
    assert cmp is not None and Path(cmp.left.location) == LEFT
    pasted = Path(cmp.right.location)
    assert pasted.is_relative_to(tmp_path) and pasted.read_text(encoding="utf-8") == text + "\n"
    assert "Lavrov" in cmp.right.text


def test_an_open_file_changed_on_disk_is_compared_again(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    left, right = tmp_path / LEFT.name, tmp_path / RIGHT.name
    shutil.copy(LEFT, left)
    shutil.copy(RIGHT, right)
    open_and_wait(qtbot, window, left, right)
    assert window.reloader.watched() == sorted([str(left), str(right)])
    before = window.session.comparison
    assert before is not None
    extra = "\nThe ambassador said the talks had collapsed completely on Monday.\n"
    with qtbot.waitSignal(window.pair_shown, timeout=WAIT_MS):
        right.write_text(right.read_text(encoding="utf-8") + extra, encoding="utf-8")
    after = window.session.comparison
    assert after is not None and "collapsed completely" in after.right.text
    assert "changed on disk" in window.statusBar().currentMessage()
    assert window.reloader.watched() == sorted([str(left), str(right)])


def test_ctrl_shift_v_in_an_article_pastes_it_as_the_right_article(
    qtbot, window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    """The key itself, pressed where an analyst's focus is (in an article pane): a
    shortcut given twice, or taken by the read-only editor, would do nothing."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    open_and_wait(qtbot, window, LEFT, RIGHT, timeline=False)
    shortcuts = [
        s.toString() for a in window.findChildren(QAction) for s in a.shortcuts() if not s.isEmpty()
    ]
    assert shortcuts.count("Ctrl+Shift+V") == 1, "one action only, or Qt runs none"
    window.activateWindow()
    qtbot.waitActive(window)
    window.panes[0].text.setFocus()
    QGuiApplication.clipboard().setText(
        RIGHT.read_text(encoding="utf-8").replace("Kislyak", "Lavrov")
    )
    with qtbot.waitSignal(window.pair_shown, timeout=WAIT_MS):
        QTest.keyClick(
            window.panes[0].text,
            Qt.Key.Key_V,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    cmp = window.session.comparison
    assert cmp is not None and "Lavrov" in cmp.right.text
    assert Path(cmp.right.location).is_relative_to(tmp_path)
