"""Dialogs: Enter confirms, a wrong field says so under itself and keeps the input, and
Undo speaks the analyst's words."""

from __future__ import annotations

from pathlib import Path

from claimdiff_gui.corpus import corrections
from claimdiff_gui.corpus.corpusdialogs import ImportDialog
from claimdiff_gui.corpus.corrections import ArticleDialog
from claimdiff_gui.window.dialogs import OpenPairDialog, OpenUrlDialog
from claimdiff_gui.window.mainwindow import MainWindow
from conftest import LEFT, RIGHT, WAIT_MS
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QPushButton
from test_gui_corpus import compared, with_corpus  # noqa: F401


def _button(dialog: QDialog, text: str) -> QPushButton:
    return next(b for b in dialog.findChildren(QPushButton) if b.text() == text)


def test_enter_after_browse_confirms_instead_of_browsing_again(qtbot, monkeypatch) -> None:
    asked: list[str] = []
    chosen = iter([str(LEFT), str(RIGHT)])

    def chooser(*_args, **_kwargs):
        asked.append("file")
        return next(chosen), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", chooser)
    dialog = OpenPairDialog("", [])
    qtbot.addWidget(dialog)
    dialog.show()
    for browse in [b for b in dialog.findChildren(QPushButton) if b.text() == "Browse…"]:
        qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert asked == ["file", "file"]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.pair() == (str(LEFT), str(RIGHT))


def test_enter_after_add_folder_confirms_the_import(qtbot, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(tmp_path))
    dialog = ImportDialog("")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(_button(dialog, "Add folder…"), Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.sources() == [str(tmp_path)]


def test_a_bad_date_is_said_under_the_field_and_kept(qtbot) -> None:
    dialog = ArticleDialog("2017-02-09", "Envoy comments", "Sputnik")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date.setText("2017-13-45")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog.date_error.isHidden() and "2017-13-45" in dialog.date_error.text()
    assert dialog.date.text() == "2017-13-45" and dialog.title.text() == "Envoy comments"
    dialog.date.setText("2017-12-05")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values()["date"] == "2017-12-05"


def test_a_missing_article_is_said_under_its_field(qtbot, tmp_path: Path) -> None:
    dialog = OpenPairDialog("", [])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.edits[0].setText(str(LEFT))
    dialog.edits[1].setText(str(tmp_path / "gone.txt"))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors[0].isHidden() and dialog.errors[1].text() == "No such file."
    assert dialog.edits[1].text() == str(tmp_path / "gone.txt")
    url = OpenUrlDialog()
    qtbot.addWidget(url)
    url.url.setText("ftp://example.org/a")
    url.accept()
    assert url.result() != QDialog.DialogCode.Accepted and not url.error.isHidden()


def test_undo_names_the_sentence_not_its_id(qtbot, compared: MainWindow) -> None:  # noqa: F811
    win = compared
    cmp = win.session.comparison
    assert cmp is not None
    claim = cmp.left_claims[2]
    with qtbot.waitSignal(win.corpus_view.changed, timeout=WAIT_MS):
        assert corrections.mark_not_claim(win, claim.id)
    first = " ".join(claim.text.split()[:3])
    assert win.menus.actions["undo"].text() == f"&Undo: mark '{first}…' as not a claim"
    assert ":c" not in win.menus.actions["undo"].text()
    with qtbot.waitSignal(win.corpus_view.changed, timeout=WAIT_MS):
        win.menus.actions["undo"].trigger()
    assert win.menus.actions["redo"].text() == f"&Redo: mark '{first}…' as not a claim"
