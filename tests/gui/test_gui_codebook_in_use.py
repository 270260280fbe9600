"""The codebook in use belongs to the corpus and to each recent pair, and the window names it.

A corpus reopens with the codebook it was last labelled with, a pair from Open recent with
the one it was compared with; a codebook file that has gone gives way to the shipped one,
and the status bar says so. All with the real window, on the seed articles.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from claimdiff_gui.compare.codebookdock import use_shipped_codebook
from claimdiff_gui.window.mainwindow import MainWindow
from claimdiff_gui.window.recent import fill_menu
from claimdiff_gui.window.settings import Recent
from conftest import LEFT, OTHER, RIGHT, WAIT_MS, open_and_wait
from test_gui_corpus import compared, with_corpus  # noqa: F401

from claimdiff.corpus import Corpus
from claimdiff.labels.codebook import load_codebook

SHIPPED = load_codebook().name
SHOTS = os.environ.get("CLAIMDIFF_TEST_SHOTS")  # a folder to keep the screenshots in


def _named(win: MainWindow) -> str:
    """The codebook the status bar names."""
    return win.status.codebook.text().strip().removeprefix("codebook: ")


def _shot(qtbot, win: MainWindow, tmp_path: Path, name: str) -> None:
    """The status bar as the analyst sees it, once the work is done (the progress bar gone);
    kept where CLAIMDIFF_TEST_SHOTS says."""
    qtbot.waitUntil(lambda: not win.status.progress.isVisible(), timeout=WAIT_MS)
    image = win.statusBar().grab()
    assert not image.isNull() and image.width() > 0
    image.save(str(Path(SHOTS or tmp_path) / f"{name}.png"))


def _entries(win: MainWindow) -> list:
    return [a for a in win.menus.recent.actions() if not a.isSeparator()]


def _relabel_corpus(qtbot, win: MainWindow, book: Path) -> str:
    """Label the open corpus with ``book``, as Choose codebook… does; the corpus file's path."""
    path = str(win.corpus_view.corpus.path)  # type: ignore[union-attr]
    win.codebook_path = str(book)
    with qtbot.waitSignal(win.corpus_view.opened, timeout=WAIT_MS):
        win.reload_codebook()
    return path


def _open_pair_with(qtbot, win: MainWindow, book: Path) -> None:
    """Compare the seed pair with ``book`` chosen."""
    win.codebook_path = str(book)
    open_and_wait(qtbot, win, LEFT, RIGHT, timeline=False)


def test_a_corpus_reopens_with_its_own_codebook(
    qtbot,
    with_corpus: MainWindow,  # noqa: F811
    make_window: Callable[..., MainWindow],
    oil_book: Path,
    tmp_path: Path,
) -> None:
    win = with_corpus
    assert _named(win) == SHIPPED
    path = _relabel_corpus(qtbot, win, oil_book)
    assert _named(win) == "Oil prices"
    _shot(qtbot, win, tmp_path, "corpus-switched")
    win.codebook_path = None  # the window moves on; the corpus keeps its codebook
    other = make_window()
    with qtbot.waitSignal(other.corpus_view.opened, timeout=WAIT_MS):
        other.corpus_view.open(path)
    assert other.corpus_view.codebook is not None
    assert other.corpus_view.codebook.name == "Oil prices"
    assert other.codebook_path == str(oil_book.resolve())
    assert _named(other) == "Oil prices"
    _shot(qtbot, other, tmp_path, "corpus-reopened")


def test_a_corpus_whose_codebook_has_gone_opens_with_the_shipped_one(
    qtbot,
    with_corpus: MainWindow,  # noqa: F811
    oil_book: Path,
    tmp_path: Path,
) -> None:
    win = with_corpus
    book = oil_book
    path = _relabel_corpus(qtbot, win, book)
    win.corpus_view.close()
    book.unlink()
    with (
        qtbot.waitSignal(win.notifier.warned, timeout=WAIT_MS) as warned,
        qtbot.waitSignal(win.corpus_view.opened, timeout=WAIT_MS),
    ):
        win.corpus_view.open(path)
    assert warned.args[0] == book.name and "gone" in warned.args[1]
    assert "shipped" in win.statusBar().currentMessage()
    assert win.corpus_view.codebook is not None and win.corpus_view.codebook.name == SHIPPED
    assert _named(win) == SHIPPED
    _shot(qtbot, win, tmp_path, "corpus-codebook-gone")
    with Corpus.open(path, check=False) as corpus:
        assert corpus.codebook_location() == ""  # it has taken the shipped one on


def test_a_corpus_from_before_takes_the_windows_codebook(
    qtbot,
    with_corpus: MainWindow,  # noqa: F811
    oil_book: Path,
) -> None:
    win = with_corpus
    path = str(win.corpus_view.corpus.path)  # type: ignore[union-attr]
    win.corpus_view.close()
    with Corpus.open(path, check=False) as corpus:
        corpus.conn.execute("DELETE FROM meta")  # as a file made before this was recorded
    win.codebook_path = str(oil_book)
    with qtbot.waitSignal(win.corpus_view.opened, timeout=WAIT_MS):
        win.corpus_view.open(path)
    assert _named(win) == "Oil prices"
    with Corpus.open(path, check=False) as corpus:
        assert corpus.codebook_location() == win.codebook_path


def test_a_recent_pair_reopens_with_the_codebook_it_was_compared_with(
    qtbot, window: MainWindow, oil_book: Path, tmp_path: Path
) -> None:
    book = oil_book
    _open_pair_with(qtbot, window, book)
    assert _named(window) == "Oil prices"
    with qtbot.waitSignal(window.pair_shown, timeout=WAIT_MS):
        use_shipped_codebook(window)  # switching relabels the open pair at once
    assert _named(window) == SHIPPED
    _shot(qtbot, window, tmp_path, "pair-switched")
    window.codebook_path = str(book)
    open_and_wait(qtbot, window, OTHER, RIGHT, timeline=False)
    first, second = window.settings.recent()[:2]
    assert (first.left, first.codebook) == (str(OTHER), str(book.resolve()))
    assert (second.left, second.codebook) == (str(LEFT), "")  # one entry, its latest codebook
    assert "codebook shipped with claimdiff" in _entries(window)[1].toolTip()
    with qtbot.waitSignal(window.pair_shown, timeout=WAIT_MS):
        _entries(window)[1].trigger()
    assert window.codebook is not None and window.codebook.name == SHIPPED
    assert _named(window) == SHIPPED
    with qtbot.waitSignal(window.pair_shown, timeout=WAIT_MS):
        _entries(window)[1].trigger()  # OTHER ↔ RIGHT, now second
    cmp = window.session.comparison
    assert cmp is not None and Path(cmp.left.location) == OTHER
    assert _named(window) == "Oil prices"
    _shot(qtbot, window, tmp_path, "pair-reopened")


def test_a_recent_pair_whose_codebook_has_gone_reopens_with_the_shipped_one(
    qtbot, window: MainWindow, oil_book: Path
) -> None:
    book = oil_book
    _open_pair_with(qtbot, window, book)
    window.codebook_path = None
    open_and_wait(qtbot, window, OTHER, RIGHT, timeline=False)
    book.unlink()
    with (
        qtbot.waitSignal(window.notifier.warned, timeout=WAIT_MS) as warned,
        qtbot.waitSignal(window.pair_shown, timeout=WAIT_MS),
    ):
        _entries(window)[1].trigger()
    assert warned.args[0] == book.name and "shipped" in warned.args[1]
    cmp = window.session.comparison
    assert cmp is not None and Path(cmp.left.location) == LEFT
    assert window.codebook is not None and window.codebook.name == SHIPPED
    assert _named(window) == SHIPPED


def test_a_recent_corpus_pair_reopens_with_its_codebook_not_the_corpus_one(
    qtbot,
    compared: MainWindow,  # noqa: F811
    oil_book: Path,
) -> None:
    win = compared
    entry = win.settings.recent()[0]
    assert entry.corpus is not None and entry.codebook == ""  # compared with the shipped one
    book = oil_book
    win.settings.add_recent(Recent(entry.left, entry.right, entry.corpus, str(book.resolve())))
    fill_menu(win)
    win.corpus_view.close()
    with qtbot.waitSignal(win.pair_shown, timeout=WAIT_MS):
        _entries(win)[0].trigger()
    assert win.corpus_view.pair_keys() == (entry.left, entry.right)
    assert _named(win) == "Oil prices"
    with Corpus.open(entry.corpus, check=False) as corpus:
        assert corpus.codebook_location() == str(book.resolve())  # the corpus took it on
