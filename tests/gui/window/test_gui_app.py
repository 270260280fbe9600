"""The command line of the desktop app: --screenshot renders the analysed window to a PNG."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from claimdiff_gui.app import parse_args
from conftest import LEFT, RIGHT
from PySide6.QtGui import QImage


def run_app(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m claimdiff_gui ARGS`` offscreen, with settings kept inside ``home``."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(home)}
    env["HOME"] = str(home)
    cmd = [sys.executable, "-m", "claimdiff_gui", *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_screenshot_writes_non_blank_png_of_requested_size(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    done = run_app(tmp_path, str(LEFT), str(RIGHT), "--screenshot", str(out), "--size", "900x640")
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 640)
    colours = {image.pixel(x, y) for x in range(0, 900, 7) for y in range(0, 640, 7)}
    assert len(colours) > 20, "the screenshot is (nearly) blank"


def test_screenshot_of_missing_file_fails_with_message(tmp_path: Path) -> None:
    done = run_app(
        tmp_path, str(tmp_path / "nope.txt"), str(RIGHT), "--screenshot", str(tmp_path / "x.png")
    )
    assert done.returncode == 2
    assert "nope.txt" in done.stderr
    assert not (tmp_path / "x.png").exists()


def test_arguments_need_a_sane_size() -> None:
    with pytest.raises(SystemExit):
        parse_args([str(LEFT), str(RIGHT), "--screenshot", "x.png", "--size", "wide"])
    assert parse_args([str(LEFT), str(RIGHT), "--size", "800x600"]).width == 800
