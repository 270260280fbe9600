"""File → Open recent: absolute paths, each entry once, full paths in tooltips, corpus pairs.

Entries whose files have gone are greyed, with one action to remove them; a pair compared
inside a corpus reopens the corpus (if another is open) and then the pair from it. Each
entry remembers the codebook the pair was compared with and reopens with it (the shipped
one, with a notice, when that file has gone).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from claimdiff_gui.window.settings import Recent, absolute_location

from claimdiff.labels.codebook import is_shipped, remembered_codebook

if TYPE_CHECKING:
    from claimdiff_gui.corpus.corpuspanel import CorpusController
    from claimdiff_gui.window.actions import Menus
    from claimdiff_gui.window.notifier import Notifier
    from claimdiff_gui.window.settings import Settings

    from claimdiff.labels.codebook import Codebook
    from claimdiff.session.session import Session


class Host(Protocol):
    """The parts of the window the recent list reads and drives: the pair, codebook and corpus
    on screen, the settings that keep the list, its menu, where notices go, and opening a pair
    with a chosen codebook."""

    codebook_path: str | None

    @property
    def session(self) -> Session: ...
    @property
    def corpus_view(self) -> CorpusController: ...
    @property
    def settings(self) -> Settings: ...
    @property
    def codebook(self) -> Codebook | None: ...
    @property
    def menus(self) -> Menus: ...
    @property
    def notifier(self) -> Notifier: ...
    def open_pair(self, left: str, right: str) -> None: ...


def remember(host: Host) -> None:
    """Add the pair on screen: as corpus keys when both articles are in the open corpus
    (they reopen with its corrections, even if they were imported from a table), else as
    absolute file paths."""
    cmp = host.session.comparison
    if cmp is None:
        return
    locations = [absolute_location(cmp.left.location), absolute_location(cmp.right.location)]
    view = host.corpus_view
    left, right = view.pair_keys() if view.is_open() else (None, None)
    book = codebook_location(host)
    if view.corpus is not None and left and right:
        corpus = absolute_location(str(view.corpus.path))
        host.settings.add_recent(Recent(left, right, corpus, book))
    else:
        host.settings.add_recent(Recent(locations[0], locations[1], codebook=book))
    fill_menu(host)


def codebook_location(host: Host) -> str | None:
    """The codebook on screen as a recent entry stores it: its file, "" for the shipped one."""
    codebook = host.codebook
    if codebook is None:
        return None
    return "" if is_shipped(codebook) else absolute_location(codebook.path)


def fill_menu(host: Host) -> None:
    menu = host.menus.recent
    menu.clear()
    menu.setToolTipsVisible(True)
    entries = host.settings.recent()
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
        action.triggered.connect(lambda _c=False, e=entry: reopen(host, e))
    if missing:
        menu.addSeparator()
        remove = menu.addAction(f"Remove {len(missing)} missing from the list")
        remove.triggered.connect(lambda _c=False: _remove(host, missing))
    if entries:
        clear = menu.addAction("Clear the list")
        clear.triggered.connect(lambda _c=False: _remove(host, entries))
    menu.setEnabled(bool(entries))


def reopen(host: Host, entry: Recent) -> None:
    """Open the entry's pair with the codebook it was compared with (if it recorded one)."""
    switch = entry.codebook is not None and entry.codebook != codebook_location(host)
    if switch:
        _use_codebook(host, str(entry.codebook))
    if entry.corpus is None:
        host.open_pair(entry.left, entry.right)
        return
    view = host.corpus_view
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


def _use_codebook(host: Host, location: str) -> None:
    """Make ``location`` ("" : shipped) the window's codebook; a gone file gives way to the
    shipped one, and the status bar says so."""
    host.codebook_path, notice = remembered_codebook(location)
    if notice:
        host.notifier.warning(Path(location).name, notice)


def _remove(host: Host, entries: list[Recent]) -> None:
    host.settings.remove_recent(entries)
    fill_menu(host)
