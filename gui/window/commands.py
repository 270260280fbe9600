"""Menu commands that only need the window's public parts: dialogs, clipboard, find, help.

Kept out of ``MainWindow`` so the window class stays an assembly of parts.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from claimdiff_gui.corpus.corpusdialogs import import_into_corpus, new_corpus, open_corpus
from claimdiff_gui.corpus.corrections import redo_correction, undo_correction
from claimdiff_gui.export.export import export_data, export_report
from claimdiff_gui.window import dialogs
from claimdiff_gui.window.memos import memo_dialog
from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog

from claimdiff.base.atomic import write_atomic

if TYPE_CHECKING:
    from claimdiff_gui.compare.panes import ArticlePane
    from claimdiff_gui.window.mainwindow import MainWindow


def open_pair_dialog(window: MainWindow) -> None:
    settings = window.settings
    dialog = dialogs.OpenPairDialog(settings.last_folder, settings.recent_pairs(), window)
    if dialog.exec() and (pair := dialog.pair()):
        window.open_pair(*pair)


def open_sample(window: MainWindow) -> None:
    from claimdiff.ingest.seeds import sample_pair

    window.open_pair(*(str(p) for p in sample_pair()))


def paste_article(window: MainWindow) -> None:
    """Ctrl+Shift+V: the clipboard's text (or web address) as the right article.

    Articles are files, so pasted text is saved first, under the app's data folder, named
    by time; the left article stays (with no pair open, the paste is shown on both sides).
    """
    text = QGuiApplication.clipboard().text().strip()
    if not text:
        window.notifier.error("Clipboard", "holds no text to compare; copy an article first")
        return
    if "\n" not in text and text.startswith(("http://", "https://")):
        window.replace_side("right", text)
        return
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    path = folder / "pasted" / f"pasted-{datetime.now():%Y-%m-%d-%H%M%S-%f}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text + "\n")
    window.replace_side("right", str(path))
    window.statusBar().showMessage(f"Pasted text saved as {path}", 8000)


def open_url_dialog(window: MainWindow) -> None:
    dialog = dialogs.OpenUrlDialog(window)
    if dialog.exec() and dialog.url.text().strip():
        window.replace_side(dialog.side.currentText(), dialog.url.text().strip())


def choose_codebook(window: MainWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(
        window, "Choose codebook", window.settings.last_folder, "Codebooks (*.yaml *.yml)"
    )
    if path:
        window.codebook_path = path
        window.settings.codebook = path
        window.reload_codebook()


def copy(window: MainWindow) -> None:
    """The text selected in a pane, else the selected link's claim texts."""
    for pane in window.panes:
        if pane.text.textCursor().hasSelection():
            pane.text.copy()
            return
    link, cmp = window.session.selected, window.session.comparison
    if link and cmp:
        texts = [cmp.claim(cid).text for cid in (link.left, link.right) if cid]
        QGuiApplication.clipboard().setText("\n".join(texts))


def focused_pane(window: MainWindow) -> ArticlePane:
    focus = QApplication.focusWidget()
    return next((p for p in window.panes if focus and p.isAncestorOf(focus)), window.panes[0])


def find(window: MainWindow) -> None:
    focused_pane(window).find_bar.open()


def show_colours(window: MainWindow) -> None:
    dialogs.show_colours(window, window.theme)


def show_about(window: MainWindow) -> None:
    dialogs.show_about(window)


__all__ = [
    "choose_codebook",
    "copy",
    "export_data",
    "export_report",
    "find",
    "import_into_corpus",
    "memo_dialog",
    "new_corpus",
    "open_corpus",
    "open_pair_dialog",
    "open_sample",
    "open_url_dialog",
    "paste_article",
    "redo_correction",
    "show_about",
    "show_colours",
    "undo_correction",
]
