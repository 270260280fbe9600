"""Open recent: absolute, once each, full paths, missing entries greyed, corpus pairs."""

from __future__ import annotations

import shutil
from pathlib import Path

from claimdiff_gui.window.mainwindow import MainWindow
from claimdiff_gui.window.settings import Recent, Settings
from conftest import LEFT, OTHER, RIGHT, WAIT_MS, open_and_wait
from test_gui_corpus import LEFT_KEY, RIGHT_KEY, compared, with_corpus  # noqa: F401


def _entries(window: MainWindow) -> list:
    return [a for a in window.menus.recent.actions() if not a.isSeparator()]


def test_relative_paths_are_remembered_absolute_and_reopen_from_elsewhere(
    qtbot, window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(LEFT.parent)
    open_and_wait(qtbot, window, LEFT.name, RIGHT.name, timeline=False)
    assert window.settings.recent() == [Recent(str(LEFT), str(RIGHT))]
    monkeypatch.chdir(tmp_path)
    open_and_wait(qtbot, window, OTHER, RIGHT, timeline=False)
    first = _entries(window)[1]
    assert first.toolTip().splitlines() == [
        str(LEFT),
        str(RIGHT),
        "codebook shipped with claimdiff",
    ]
    with qtbot.waitSignal(window.pair_shown, timeout=WAIT_MS):
        first.trigger()
    cmp = window.session.comparison
    assert cmp is not None and Path(cmp.left.location) == LEFT


def test_the_same_pair_given_three_ways_is_listed_once(qtbot, monkeypatch) -> None:
    monkeypatch.chdir(LEFT.parent)
    settings = Settings()
    pair = f"{LEFT.name}\t{RIGHT.name}"
    spelled = f"{LEFT.parent}/../{LEFT.parent.name}/{LEFT.name}\t{RIGHT}"
    settings.store.setValue("files/recent_pairs", [pair, f"{LEFT}\t{RIGHT}", spelled])
    assert settings.recent() == [Recent(str(LEFT), str(RIGHT))]


def test_missing_files_are_greyed_and_can_be_removed(qtbot, tmp_path: Path) -> None:
    gone = tmp_path / "gone.txt"
    shutil.copy(OTHER, gone)
    settings = Settings()
    settings.add_recent_pair(str(gone), str(RIGHT))
    settings.add_recent_pair(str(LEFT), str(RIGHT))
    gone.unlink()
    win = MainWindow(settings, dialogs_on=False)
    qtbot.addWidget(win)
    missing = [a for a in _entries(win) if "(missing)" in a.text()]
    assert len(missing) == 1 and not missing[0].isEnabled()
    assert f"not found: {gone}" in missing[0].toolTip()
    remove = next(a for a in _entries(win) if a.text().startswith("Remove 1 missing"))
    remove.trigger()
    assert settings.recent() == [Recent(str(LEFT), str(RIGHT))]
    assert not any("(missing)" in a.text() for a in _entries(win))
    win.close()


def test_a_pair_compared_in_a_corpus_reopens_from_the_corpus(
    qtbot,
    compared: MainWindow,  # noqa: F811
) -> None:
    corpus = str(compared.corpus_view.corpus.path)  # type: ignore[union-attr]
    entry = compared.settings.recent()[0]
    assert entry == Recent(LEFT_KEY, RIGHT_KEY, corpus)
    assert "in seeds.claimdiff" in _entries(compared)[0].text()
    compared.corpus_view.close()
    with qtbot.waitSignal(compared.pair_shown, timeout=WAIT_MS):
        _entries(compared)[0].trigger()
    assert compared.corpus_view.is_open()
    assert compared.corpus_view.pair_keys() == (LEFT_KEY, RIGHT_KEY)


def test_last_corpus_reopens_at_launch_unless_switched_off(
    qtbot,
    with_corpus: MainWindow,  # noqa: F811
) -> None:
    path = str(with_corpus.corpus_view.corpus.path)  # type: ignore[union-attr]
    assert with_corpus.settings.last_corpus == path
    for on in (True, False):
        with_corpus.settings.reopen_corpus = on
        win = MainWindow(Settings(), dialogs_on=False)
        qtbot.addWidget(win)
        assert win.menus.actions["reopen_corpus"].isChecked() is on
        if on:
            with qtbot.waitSignal(win.corpus_view.opened, timeout=WAIT_MS):
                assert win.reopen_last_corpus()
            assert str(win.corpus_view.corpus.path) == path  # type: ignore[union-attr]
        else:
            assert not win.reopen_last_corpus()
        win.close()
        assert win.analysis.pool.wait(WAIT_MS)
