"""File → Open recent: absolute paths, each entry once, full paths in tooltips, corpus pairs.

Entries whose files have gone are greyed, with one action to remove them; a pair compared
inside a corpus reopens the corpus (if another is open) and then the pair from it. Each
entry remembers the codebook the pair was compared with and reopens with it (the shipped
one, with a notice, when that file has gone).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from claimdiff_gui.window.settings import Recent, absolute_location

from claimdiff.labels.codebook import is_shipped, remembered_codebook

if TYPE_CHECKING:
    from claimdiff_gui.window.mainwindow import MainWindow


def remember(window: MainWindow) -> None:
    """Add the pair on screen: as corpus keys when both articles are in the open corpus
    (they reopen with its corrections, even if they were imported from a table), else as
    absolute file paths."""
    cmp = window.session.comparison
    if cmp is None:
        return
    locations = [absolute_location(cmp.left.location), absolute_location(cmp.right.location)]
    view = window.corpus_view
    left, right = view.pair_keys() if view.is_open() else (None, None)
    book = codebook_location(window)
    if view.corpus is not None and left and right:
        corpus = absolute_location(str(view.corpus.path))
        window.settings.add_recent(Recent(left, right, corpus, book))
    else:
        window.settings.add_recent(Recent(locations[0], locations[1], codebook=book))
    fill_menu(window)


def codebook_location(window: MainWindow) -> str | None:
    """The codebook on screen as a recent entry stores it: its file, "" for the shipped one."""
    codebook = window.codebook
    if codebook is None:
        return None
    return "" if is_shipped(codebook) else absolute_location(codebook.path)


def fill_menu(window: MainWindow) -> None:
    menu = window.menus.recent
    menu.clear()
    menu.setToolTipsVisible(True)
    entries = window.settings.recent()
    labels = [entry.label() for entry in entries]
    missing = []
    for entry, name in zip(entries, labels, strict=True):
        text = name
        if labels.count(name) > 1 and entry.corpus is None:  # same names, other folders
            text = f"{name}  — {Path(entry.left).parent}"
        gone = entry.missing()
        if gone:
            missing.append(entry)
            text += "  (missing)"
        action = menu.addAction(text)
        action.setToolTip(entry.tooltip())
        action.setEnabled(not gone)
        action.triggered.connect(lambda _c=False, e=entry: reopen(window, e))
    if missing:
        menu.addSeparator()
        remove = menu.addAction(f"Remove {len(missing)} missing from the list")
        remove.triggered.connect(lambda _c=False: _remove(window, missing))
    if entries:
        clear = menu.addAction("Clear the list")
        clear.triggered.connect(lambda _c=False: _remove(window, entries))
    menu.setEnabled(bool(entries))


def reopen(window: MainWindow, entry: Recent) -> None:
    """Open the entry's pair with the codebook it was compared with (if it recorded one)."""
    switch = entry.codebook is not None and entry.codebook != codebook_location(window)
    if switch:
        _use_codebook(window, str(entry.codebook))
    if entry.corpus is None:
        window.open_pair(entry.left, entry.right)
        return
    view = window.corpus_view
    same = view.corpus is not None and absolute_location(str(view.corpus.path)) == entry.corpus
    if same and not switch:
        view.compare_keys(entry.left, entry.right)
        return

    def then() -> None:
        view.opened.disconnect(then)
        view.compare_keys(entry.left, entry.right)

    view.opened.connect(then)
    # The pair's codebook (now the window's) wins over the one the corpus recorded, which
    # only an entry from before codebooks were remembered falls back on.
    view.open(entry.corpus, own_codebook=entry.codebook is None)


def _use_codebook(window: MainWindow, location: str) -> None:
    """Make ``location`` ("" : shipped) the window's codebook; a gone file gives way to the
    shipped one, and the status bar says so."""
    window.codebook_path, notice = remembered_codebook(location)
    if notice:
        window.notifier.warning(Path(location).name, notice)


def _remove(window: MainWindow, entries: list[Recent]) -> None:
    window.settings.remove_recent(entries)
    fill_menu(window)
