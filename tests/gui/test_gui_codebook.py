"""The Codebook panel: the fit warning for a codebook on another subject, and the way back."""

from __future__ import annotations

from pathlib import Path

from claimdiff_gui.mainwindow import MainWindow
from claimdiff_gui.settings import Settings
from conftest import LEFT, RIGHT, WAIT_MS, open_and_wait

OIL = """\
name: Oil prices
topics:
  - id: oil
    positions:
      - id: up
        opposes: [down]
        exemplars:
          - Crude oil prices rose sharply as OPEC cut its output.
          - Traders expect the price of crude to climb above 20 dlrs a barrel.
      - id: down
        exemplars:
          - Oil prices fell as producers pumped far above their quotas.
          - A glut of crude pushed prices below 15 dlrs a barrel.
"""


def test_a_codebook_on_another_subject_warns_and_the_shipped_one_is_one_click_away(
    qtbot, tmp_path: Path
) -> None:
    book = tmp_path / "oil.yaml"
    book.write_text(OIL, encoding="utf-8")
    settings = Settings()
    settings.codebook = str(book)
    win = MainWindow(settings, dialogs_on=False)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    try:
        open_and_wait(qtbot, win, LEFT, RIGHT)
        view = win.codebook_view
        assert win.codebook is not None and win.codebook.name == "Oil prices"
        assert not view.banner.isHidden()
        assert "Oil prices" in view.warning.text()
        assert "labels 0 of" in view.warning.text()
        assert view.shipped.isEnabled()
        win.docks["codebook"].raise_()
        with qtbot.waitSignals([win.pair_shown], timeout=WAIT_MS):
            view.shipped.click()
        assert win.codebook.name == "Missile defence and arms control"
        assert settings.codebook is None
        assert view.banner.isHidden()
        assert not view.shipped.isEnabled()
        assert "labels" in view.fit_line.text()
        assert ("target", "iran-nk") in view.positions()
    finally:
        assert win.analysis.pool.wait(WAIT_MS)
        win.close()
