"""The analysis core must work where no Qt is installed: importing it loads no Qt module."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import claimdiff

ROOT = Path(__file__).resolve().parents[2]


def test_importing_every_core_module_loads_no_qt() -> None:
    # walk_packages, not iter_modules: sub-packages (corpus/, report/) hold modules too.
    modules = sorted(m.name for m in pkgutil.walk_packages(claimdiff.__path__, "claimdiff."))
    assert "claimdiff.session.pipeline" in modules and "claimdiff.cli.cli" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {[m for m in modules if m != 'claimdiff.__main__']!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'PyQt5', 'PyQt6', 'pyqtgraph', 'claimdiff_gui'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == ""


def test_no_source_line_in_the_core_imports_qt() -> None:
    offenders = [
        f"{path.name}:{n}"
        for path in (ROOT / "claimdiff").rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.lstrip().startswith(("import PySide6", "from PySide6", "import pyqtgraph"))
    ]
    assert offenders == []
