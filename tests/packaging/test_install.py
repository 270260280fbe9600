"""claimdiff as users get it: a wheel in fresh venvs (without and with the ``gui`` extra), and
the frozen Linux bundle, each run from outside the checkout so that nothing is found through
the source tree by accident.

These take minutes (venvs with pandas and spaCy, one with PySide6, a PyInstaller build), so
they run only when CLAIMDIFF_PACKAGING_TESTS=1:
    CLAIMDIFF_PACKAGING_TESTS=1 .venv/bin/python -m pytest tests/packaging -m slow
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(1800),
    pytest.mark.skipif(
        os.environ.get("CLAIMDIFF_PACKAGING_TESTS") != "1",
        reason="installs and freezes claimdiff (minutes): set CLAIMDIFF_PACKAGING_TESTS=1",
    ),
]


def run(
    args: list[str | Path], cwd: Path, expect: int = 0, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run with a user's environment: no PYTHONPATH, no virtualenv on PATH."""
    clean = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    clean.update(env)
    proc = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=clean, capture_output=True, text=True, check=False
    )
    assert proc.returncode == expect, f"{args}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout."""
    base = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", base, ROOT], cwd=base)
    (built,) = base.glob("claimdiff-*.whl")
    return built


def fresh_venv(base: Path, requirement: str) -> Path:
    """bin/ of a new venv in ``base`` with ``requirement`` (the wheel, maybe with extras)."""
    run([sys.executable, "-m", "venv", base / "venv"], cwd=base)
    run([base / "venv" / "bin" / "python", "-m", "pip", "install", "-q", requirement], cwd=base)
    return base / "venv" / "bin"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    """bin/ of a fresh venv with the wheel alone: the command line and the core, no Qt."""
    return fresh_venv(tmp_path_factory.mktemp("installed"), str(wheel))


@pytest.fixture(scope="module")
def installed_gui(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    """bin/ of a fresh venv with the wheel and its ``gui`` extra: the desktop app."""
    return fresh_venv(tmp_path_factory.mktemp("installed-gui"), f"{wheel}[gui]")


def test_a_plain_install_has_no_qt(installed: Path, tmp_path: Path) -> None:
    code = "import importlib.util as u; print([u.find_spec(m) for m in ('PySide6', 'pyqtgraph')])"
    assert run([installed / "python", "-c", code], cwd=tmp_path).stdout.strip() == "[None, None]"
    version = run([installed / "claimdiff", "--version"], cwd=tmp_path).stdout
    assert version.startswith("claimdiff ")


def test_gui_without_qt_says_what_to_install(installed: Path, tmp_path: Path) -> None:
    for command in ([installed / "claimdiff-gui", "--sample"], [installed / "claimdiff", "gui"]):
        proc = run(command, cwd=tmp_path, expect=2)
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and "pip install 'claimdiff[gui]'" in lines[0], proc.stderr


def test_installed_seeds_come_from_site_packages(installed: Path, tmp_path: Path) -> None:
    code = "from claimdiff.ingest.seeds import sample_pair; print(*sample_pair(), sep='\\n')"
    left, right = run([installed / "python", "-c", code], cwd=tmp_path).stdout.split()
    assert "site-packages" in left and Path(left).is_file() and Path(right).is_file()
    assert ROOT not in Path(left).parents


def test_installed_compare_on_shipped_seeds(installed: Path, tmp_path: Path) -> None:
    code = "from claimdiff.ingest.seeds import sample_pair; print(*sample_pair(), sep='\\n')"
    left, right = run([installed / "python", "-c", code], cwd=tmp_path).stdout.split()
    proc = run([installed / "claimdiff", "compare", left, right, "--format", "json"], cwd=tmp_path)
    links = json.loads(proc.stdout)["links"]
    assert any(link["relation"] == "conflicting" for link in links)


def test_installed_gui_writes_a_screenshot(installed_gui: Path, tmp_path: Path) -> None:
    code = "from claimdiff.ingest.seeds import sample_pair; print(*sample_pair(), sep='\\n')"
    left, right = run([installed_gui / "python", "-c", code], cwd=tmp_path).stdout.split()
    shot = tmp_path / "shot.png"
    run(
        [installed_gui / "claimdiff-gui", "--screenshot", shot, left, right],
        cwd=tmp_path,
        QT_QPA_PLATFORM="offscreen",
    )
    assert shot.read_bytes()[:8] == PNG_MAGIC
    assert shot.stat().st_size > 20_000


def test_frozen_bundle_builds_and_passes_its_smoke_test(tmp_path: Path) -> None:
    shot = tmp_path / "frozen.png"
    proc = run(["bash", ROOT / "packaging" / "build.sh", "--check"], cwd=tmp_path, SHOT=str(shot))
    assert "bundle smoke test passed" in proc.stdout
    assert shot.read_bytes()[:8] == PNG_MAGIC
