"""The Codebook panel: the fit warning for a codebook on another subject, and the way back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from claimdiff_gui.compare.codebookeditor import CodebookEditor
from claimdiff_gui.compare.codebooksuggestions import SuggestionsDialog
from claimdiff_gui.window.mainwindow import MainWindow
from conftest import LEFT, RIGHT, WAIT_MS, open_and_wait
from PySide6.QtCore import Qt

from claimdiff.labels.codebook import load_codebook, shipped_codebook_location


def test_a_codebook_on_another_subject_warns_and_the_shipped_one_is_one_click_away(
    qtbot, make_window: Callable[..., MainWindow], oil_book: Path
) -> None:
    win = make_window(codebook=oil_book)
    open_and_wait(qtbot, win, LEFT, RIGHT)
    view = win.codebook_view
    assert win.codebook is not None and win.codebook.name == "Oil prices"
    assert not view.banner.isHidden()
    assert "Oil prices" in view.warning.text()
    assert "labels 0 of" in view.warning.text()
    articles = len(win.corpus_items)
    assert articles >= 2
    assert f"On the folder's {articles} articles it labels 0 of" in view.fit_line.text()
    assert view.shipped.isEnabled()
    win.docks["codebook"].raise_()
    with qtbot.waitSignals([win.pair_shown], timeout=WAIT_MS):
        view.shipped.click()
    assert win.codebook.name == "Missile defence and arms control"
    assert win.settings.codebook is None
    assert view.banner.isHidden()
    assert not view.shipped.isEnabled()
    assert "labels" in view.fit_line.text()
    assert ("target", "iran-nk") in view.positions()


def test_the_editor_edits_validates_undoes_and_relabels_the_window(
    qtbot, seeded: MainWindow, tmp_path: Path
) -> None:
    seeded.edit_codebook()
    editor = next(w for w in seeded.findChildren(CodebookEditor))
    qtbot.waitExposed(editor)
    assert editor.valid and "valid" in editor.status.text()
    assert editor.tree.topLevelItemCount() == 3
    # Position form: the shipped first position, with its label, colour and sentences.
    assert editor.pos_id.text() == "iran-nk"
    assert editor.colour.currentData() == "#0072B2"
    assert "rogue states" in editor.lists["cues"].toPlainText()
    # A wrong id gets the loader's own message, and undo brings the codebook back.
    editor.pos_id.setText("Iran NK")
    editor.pos_id.textEdited.emit("Iran NK")
    assert not editor.valid and "position id" in editor.status.text()
    assert not editor.save_button.isEnabled()
    editor.undo.undo()
    assert editor.valid and editor.pos_id.text() == "iran-nk"
    # Typing several sentences into one field is one undo step.
    sentence = "Washington says the interceptors in Romania guard Europe against Tehran."
    editor.lists["exemplars"].appendPlainText(sentence)
    editor.lists["exemplars"].appendPlainText("A second new one about Pyongyang's rockets.")
    assert editor.undo.count() == 1
    spec_exemplars = editor.spec["topics"][0]["positions"][0]["exemplars"]
    assert sentence in spec_exemplars
    # Adding an opposed position and a counterexample, then saving a new file and using it.
    editor.add_example(1, 1, "Moscow and Washington will meet again in Geneva.", negative=True)
    assert editor.spec["topics"][1]["positions"][1]["counterexamples"] == [
        "Moscow and Washington will meet again in Geneva."
    ]
    editor.name.setText("My missile book")
    editor.name.textEdited.emit("My missile book")
    editor.grab().save(str(tmp_path / "editor.png"))
    target = tmp_path / "mine.yaml"
    assert editor.save_to(str(target))
    with qtbot.waitSignals([seeded.pair_shown], timeout=WAIT_MS):
        editor.use_requested.emit(str(target))
    assert seeded.codebook is not None and seeded.codebook.name == "My missile book"
    assert seeded.status.codebook.text().strip() == "codebook: My missile book"
    loaded = load_codebook(target)
    assert sentence in loaded.position("target", "iran-nk").exemplars
    assert loaded.position("talks", "bleak").counterexamples
    editor.close()


def test_the_shipped_codebook_is_never_overwritten(qtbot, seeded: MainWindow) -> None:
    seeded.edit_codebook()
    editor = next(w for w in seeded.findChildren(CodebookEditor))
    before = Path(shipped_codebook_location()).read_bytes()
    asked: list[str] = []
    editor.duplicate = lambda: asked.append("duplicate") or False  # type: ignore[method-assign]
    assert editor.save() is False
    assert asked == ["duplicate"]
    assert Path(shipped_codebook_location()).read_bytes() == before
    editor.new_codebook()
    assert editor.path is None and not editor.valid
    assert "has no cues, patterns or exemplars" in editor.status.text()
    editor.close()


def test_code_from_a_selection_adds_examples_relabels_and_undoes(
    qtbot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    book = tmp_path / "mine.yaml"
    book.write_bytes(Path(shipped_codebook_location()).read_bytes())
    win = make_window(codebook=book)
    open_and_wait(qtbot, win, LEFT, RIGHT, timeline=False)
    pane = win.panes[1]
    cursor = pane.text.textCursor()
    start = pane.text.toPlainText().index("Any immediate possibility")
    cursor.setPosition(start)
    cursor.setPosition(
        start + len("Any immediate possibility for Russia"), cursor.MoveMode.KeepAnchor
    )
    pane.text.setTextCursor(cursor)
    assert win.coding.sentence(pane) == "Any immediate possibility for Russia"
    menu = win.coding.menu(pane)
    titles = [a.text() for a in menu.actions()]
    assert "New position from this…" in titles
    examples = next(a.menu() for a in menu.actions() if a.text() == "Add as example of")
    assert "Agreement possible (Prospects of agreement)" in [a.text() for a in examples.actions()]
    before = book.read_bytes()
    with qtbot.waitSignals([win.pair_shown], timeout=WAIT_MS):
        assert win.coding.code(
            "Any immediate possibility for Russia", "talks", "bleak", negative=True
        )
    assert load_codebook(book).position("talks", "bleak").counterexamples == (
        "Any immediate possibility for Russia",
    )
    assert win.codebook_view.undo.isEnabled()
    with qtbot.waitSignals([win.pair_shown], timeout=WAIT_MS):
        win.codebook_view.undo.click()
    assert book.read_bytes() == before
    win.codebook_view.grab().save(str(tmp_path / "panel.png"))


def test_coding_never_touches_the_shipped_codebook(qtbot, seeded: MainWindow) -> None:
    before = Path(shipped_codebook_location()).read_bytes()
    reported: list[str] = []
    seeded.notifier.reported.connect(lambda _where, problem: reported.append(problem))
    assert not seeded.coding.code("Talks are stalled.", "talks", "bleak", negative=False)
    assert reported and "Duplicate" in reported[0]
    assert Path(shipped_codebook_location()).read_bytes() == before


def test_suggested_positions_run_in_a_worker_and_become_positions(
    qtbot, seeded: MainWindow
) -> None:
    assert seeded.corpus_items  # the seeds folder, loaded for the timeline
    seeded.edit_codebook()
    editor = next(w for w in seeded.findChildren(CodebookEditor))
    assert editor.about()[0] == "Target of missile defence"
    worker = editor.suggest()
    assert worker is not None
    qtbot.waitUntil(lambda: bool(editor.suggestions), timeout=WAIT_MS)
    dialog = next(w for w in editor.findChildren(SuggestionsDialog))
    assert dialog.list.count() == len(editor.suggestions)
    assert " claims, " in dialog.list.item(0).text()
    before = len(editor.spec["topics"][0]["positions"])
    dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.add()
    positions = editor.spec["topics"][0]["positions"]
    assert len(positions) == before + 1
    assert positions[-1]["exemplars"] == list(editor.suggestions[0].typical)
    assert editor.valid, editor.status.text()
    editor.undo.undo()
    assert len(editor.spec["topics"][0]["positions"]) == before
    editor.close()
