"""Code from any selection: a sentence in either pane becomes an example of a position.

Right-click selected text, or a claim, in either article: "New position from this…"
opens the codebook editor with a new position that has the sentence as its example;
"Add as example of ▸" and "Not an example of ▸" add it to a position's exemplars or
counterexamples in the codebook file (keeping the file's comments and layout), then the
open pair is labelled again. Each change to the file is undoable: the command keeps the
file's previous bytes and writes them back atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from claimdiff_gui.compare.codebookeditor import open_editor
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMenu

from claimdiff.base.atomic import write_atomic
from claimdiff.base.errors import InputError
from claimdiff.labels.codebook import Codebook, is_shipped
from claimdiff.labels.exemplars import add_exemplar

if TYPE_CHECKING:
    from claimdiff_gui.compare.panes import ArticlePane
    from claimdiff_gui.window.mainwindow import MainWindow

SHIPPED = (
    "The shipped codebook is not changed. Open Edit codebook…, choose Duplicate…, and "
    "use the copy to add examples."
)


class FileChange(QUndoCommand):
    """A codebook file before and after one coding step; undo writes the old bytes back."""

    def __init__(self, window: MainWindow, path: str, before: bytes, text: str) -> None:
        super().__init__(text)
        self.window, self.path, self.before = window, path, before
        self.after = Path(path).read_bytes()
        self.first = True

    def redo(self) -> None:
        if self.first:  # the change is already in the file
            self.first = False
            return
        write_atomic(self.path, self.after, overwrite=True)
        self.window.reload_codebook()

    def undo(self) -> None:
        write_atomic(self.path, self.before, overwrite=True)
        self.window.reload_codebook()


class SelectionCoding:
    """The panes' context-menu entries and the undo stack of the codebook changes they make."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.undo = QUndoStack(window)
        for pane in window.panes:
            pane.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            pane.text.customContextMenuRequested.connect(
                lambda point, p=pane: self.show_menu(p, point)
            )

    def sentence(self, pane: ArticlePane, point: QPoint | None = None) -> str:
        """The selected text, else the claim under ``point``, else nothing."""
        cursor = pane.text.textCursor()
        if cursor.hasSelection():
            return " ".join(cursor.selectedText().replace("\u2029", " ").split())
        cmp = self.window.session.comparison
        if point is None or cmp is None:
            return ""
        claim_id = pane.claim_at(pane.text.cursorForPosition(point).position())
        return cmp.claim(claim_id).text if claim_id else ""

    def menu(self, pane: ArticlePane, point: QPoint | None = None) -> QMenu:
        menu = pane.text.createStandardContextMenu()
        text = self.sentence(pane, point)
        book = self.window.codebook
        menu.addSeparator()
        new = menu.addAction("New position from this…")
        new.triggered.connect(lambda: self.new_position(text))
        for title, negative in (("Add as example of", False), ("Not an example of", True)):
            sub = menu.addMenu(title)
            for topic in book.topics if book is not None else ():
                for position in topic.positions:
                    action = sub.addAction(f"{position.label} ({topic.label})")
                    action.triggered.connect(
                        lambda _c=False, t=topic.id, p=position.id, n=negative: self.code(
                            text, t, p, negative=n
                        )
                    )
            sub.setEnabled(bool(text) and book is not None)
        new.setEnabled(bool(text))
        return menu

    def show_menu(self, pane: ArticlePane, point: QPoint) -> None:
        self.menu(pane, point).exec(pane.text.mapToGlobal(point))

    def new_position(self, text: str) -> None:
        """The editor, with a new position whose first example is ``text``."""
        editor = open_editor(self.window)
        editor.add_position(exemplar=text)

    def code(self, text: str, topic: str, position: str, *, negative: bool) -> bool:
        """Add ``text`` to a position's exemplars (or counterexamples) and label again."""
        book: Codebook | None = self.window.codebook
        if book is None or not text:
            return False
        if is_shipped(book):
            self.window.notifier.error(book.name, SHIPPED)
            return False
        before = Path(book.path).read_bytes()
        key: Literal["exemplars", "counterexamples"] = (
            "counterexamples" if negative else "exemplars"
        )
        try:
            add_exemplar(book.path, topic, position, text, key)
        except InputError as exc:
            self.window.notifier.error(exc.location, exc.problem)
            return False
        label = book.position(topic, position).label
        what = "not an example of" if negative else "an example of"
        self.undo.push(FileChange(self.window, book.path, before, f"{what} {label}"))
        self.window.statusBar().showMessage(f"Added {what} '{label}' to {book.name}", 8000)
        self.window.reload_codebook()
        return True
