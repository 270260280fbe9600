"""claimdiff as users get it: a wheel in a fresh venv, and the frozen Linux bundle, each run
from outside the checkout so that nothing is found through the source tree by accident.

These take minutes (a venv with PySide6 and pandas, a PyInstaller build), so they run only
when CLAIMDIFF_PACKAGING_TESTS=1:
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


def run(args: list[str | Path], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run with a user's environment: no PYTHONPATH, no virtualenv on PATH."""
    clean = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    clean.update(env)
    proc = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=clean, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, f"{args}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bin/ of a fresh venv with the wheel built from this checkout installed."""
    base = tmp_path_factory.mktemp("installed")
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", base, ROOT], cwd=base)
    (wheel,) = base.glob("claimdiff-*.whl")
    run([sys.executable, "-m", "venv", base / "venv"], cwd=base)
    run([base / "venv" / "bin" / "python", "-m", "pip", "install", "-q", wheel], cwd=base)
    return base / "venv" / "bin"


def test_installed_seeds_come_from_site_packages(installed: Path, tmp_path: Path) -> None:
    code = "from claimdiff.seeds import sample_pair; print(*sample_pair(), sep='\\n')"
    left, right = run([installed / "python", "-c", code], cwd=tmp_path).stdout.split()
    assert "site-packages" in left and Path(left).is_file() and Path(right).is_file()
    assert ROOT not in Path(left).parents


def test_installed_compare_on_shipped_seeds(installed: Path, tmp_path: Path) -> None:
    code = "from claimdiff.seeds import sample_pair; print(*sample_pair(), sep='\\n')"
    left, right = run([installed / "python", "-c", code], cwd=tmp_path).stdout.split()
    proc = run([installed / "claimdiff", "compare", left, right, "--format", "json"], cwd=tmp_path)
    links = json.loads(proc.stdout)["links"]
    assert any(link["relation"] == "conflicting" for link in links)


def test_installed_gui_writes_a_screenshot(installed: Path, tmp_path: Path) -> None:
    code = "from claimdiff.seeds import sample_pair; print(*sample_pair(), sep='\\n')"
    left, right = run([installed / "python", "-c", code], cwd=tmp_path).stdout.split()
    shot = tmp_path / "shot.png"
    run(
        [installed / "claimdiff-gui", "--screenshot", shot, left, right],
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
