"""The window on laptop screens: fitted to the screen, panes first, tabs foldable."""

from __future__ import annotations

from claimdiff_gui.window.mainwindow import MainWindow
from claimdiff_gui.window.settings import Settings
from claimdiff_gui.window.statusarea import ElidingStatusBar
from conftest import WAIT_MS


def test_first_window_takes_nine_tenths_of_the_screen(qtbot) -> None:
    win = MainWindow(Settings(), dialogs_on=False)
    qtbot.addWidget(win)
    area = win.screen().availableGeometry()
    assert abs(win.width() - 0.9 * area.width()) <= 2
    assert abs(win.height() - 0.9 * area.height()) <= 2
    assert area.contains(win.frameGeometry().topLeft())
    win.close()
    assert win.analysis.pool.wait(WAIT_MS)


def test_a_small_laptop_window_keeps_the_topic_filter_and_most_height_for_articles(
    qtbot, seeded: MainWindow
) -> None:
    seeded.resize(1152, 648)  # 2560x1440 at scale 2, less panels: 1280x720 logical, 90 %
    seeded.fit_to_screen()
    seeded.resize(1152, 648)
    qtbot.wait(50)
    assert seeded.topic_combo.isVisible(), "the topic filter must not fall off the toolbar"
    pane = seeded.panes[0]
    lines = pane.text.viewport().height() / pane.text.fontMetrics().lineSpacing()
    assert lines >= 10, f"only {lines:.1f} lines of the article show"
    assert seeded.tabs.height() < pane.height() * 1.2


def test_bottom_tabs_fold_away_and_come_back(qtbot, seeded: MainWindow) -> None:
    action = seeded.menus.actions["bottom_tabs"]
    assert action.isChecked()
    before = seeded.panes[0].height()
    tabs = seeded.main_split.sizes()[1]
    action.trigger()
    qtbot.wait(20)
    assert seeded.main_split.sizes()[1] == 0 and not action.isChecked()
    assert seeded.panes[0].height() > before + tabs // 2
    action.trigger()
    qtbot.wait(20)
    assert abs(seeded.main_split.sizes()[1] - tabs) <= 2 and action.isChecked()


def test_growing_the_window_gives_the_new_height_to_the_articles(qtbot, seeded: MainWindow) -> None:
    """Growing a window (maximising, a bigger screen) shared the new height with the
    claims table: a window opened small and then enlarged gave it a good part of it."""
    seeded.resize(1100, 560)
    qtbot.wait(50)
    tabs, pane = seeded.tabs.height(), seeded.panes[0].height()
    seeded.resize(1100, 1000)
    qtbot.wait(50)
    assert abs(seeded.tabs.height() - tabs) <= 2, "the bottom tabs keep their height"
    assert seeded.panes[0].height() >= pane + 400, "the articles take the new height"


def _restarted(qtbot, first: MainWindow) -> MainWindow:
    """Close ``first`` (it saves its state) and open the app again from the same settings."""
    first.close()
    assert first.analysis.pool.wait(WAIT_MS)
    again = MainWindow(Settings(), dialogs_on=False)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    qtbot.wait(50)
    return again


def test_after_a_restart_the_articles_keep_most_of_the_height(qtbot, private_settings) -> None:
    """The window state is remembered (in the test's own settings folder): after a
    restart the splitters come back as they were, the article panes on top with most of
    the height, whether the state was saved before or after the window was first shown."""
    first = MainWindow(Settings(), dialogs_on=False)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    qtbot.wait(50)
    sizes = first.main_split.sizes()
    assert sizes[0] > 0.6 * sum(sizes)
    again = _restarted(qtbot, first)
    assert list(private_settings.rglob("*.ini")), "the state went to the private settings"
    restored = again.main_split.sizes()
    assert restored[0] > 0.6 * sum(restored), f"articles {restored[0]} of {sum(restored)} px"
    assert abs(restored[0] - sizes[0]) <= 0.05 * sum(sizes)
    # Tabs dragged up to take most of the window give it back to the articles at launch.
    total = sum(restored)
    again.main_split.setSizes([round(total * 0.3), total - round(total * 0.3)])
    assert again.main_split.sizes()[0] < 0.35 * total
    again = _restarted(qtbot, again)
    taller = again.main_split.sizes()
    assert taller[0] > 0.6 * sum(taller), taller
    # Bottom tabs the analyst folded away stay folded: the articles take the whole height.
    again.menus.actions["bottom_tabs"].trigger()
    qtbot.wait(20)
    assert again.main_split.sizes()[1] == 0
    third = _restarted(qtbot, again)
    assert third.main_split.sizes()[1] == 0 and third.main_split.sizes()[0] > 0
    assert not third.menus.actions["bottom_tabs"].isChecked()
    third.close()
    assert third.analysis.pool.wait(WAIT_MS)


def test_a_long_status_message_ends_in_an_ellipsis_before_the_counts(
    qtbot, seeded: MainWindow
) -> None:
    """The import summary beside the relation counts on a laptop screen: cut with "…"
    where the counts begin, the whole line in the tooltip; fitted again when the progress
    bar goes and leaves more room."""
    seeded.resize(1450, 700)
    qtbot.wait(50)
    bar = seeded.statusBar()
    assert isinstance(bar, ElidingStatusBar)
    seeded.status.show_progress(3, 10, "importing")
    qtbot.wait(50)
    line = "reuters.claimdiff: imported 298, skipped 0, duplicates 2, errors 0 in 7.9 s"
    bar.showMessage(line, 5000)
    busy = bar.shown_message()
    assert busy.endswith("…") and line.startswith(busy[:-1])
    assert bar.fontMetrics().horizontalAdvance(busy) < seeded.status.progress.x()
    assert bar.toolTip() == line and bar.currentMessage() == line
    seeded.status.set_busy(False)  # the progress bar and Cancel go
    qtbot.wait(50)
    idle = bar.shown_message()
    assert len(idle) > len(busy) and line.startswith(idle.rstrip("…"))
    assert bar.fontMetrics().horizontalAdvance(idle) < seeded.status.counts.x()
    bar.showMessage("Wrote report.pdf", 5000)  # a short one stays whole
    assert bar.shown_message() == "Wrote report.pdf" and not bar.toolTip()
    bar.clearMessage()
    assert bar.currentMessage() == "" and not bar.toolTip()


def test_every_dock_closes_and_comes_back_from_view_panels(qtbot, seeded: MainWindow) -> None:
    """Details, Codebook and Memos fold away from View → Panels; the articles widen."""
    toggles = {action.text(): action for action in seeded.menus.docks.actions()}
    assert {"Details", "Codebook", "Memos"} <= set(toggles)
    width = seeded.panes[0].width()
    for name in ("Details", "Codebook", "Memos"):
        toggles[name].trigger()
    qtbot.wait(50)
    assert not any(dock.isVisible() for dock in seeded.docks.values())
    assert seeded.panes[0].width() > width + 100, "the panes take the dock's room"
    toggles["Details"].trigger()
    qtbot.wait(50)
    assert seeded.docks["details"].isVisible() and toggles["Details"].isChecked()
