"""Type-check claimdiff/ and gui/ with the strict settings of pyproject.toml ([tool.mypy]).

    python tools/typecheck.py          # run by dev.sh, CI and the pre-commit hook

gui/ is installed as the package ``claimdiff_gui`` (pyproject.toml, package-dir), and every GUI
module imports its siblings by that name. mypy cannot follow the import hook of an editable
install, nor rename a folder, so it would not find ``claimdiff_gui`` from a checkout. This script
gives it the name: a link ``.mypy_cache/gui-link/claimdiff_gui`` -> ``gui/`` (a stable path, so
mypy's incremental cache stays valid between runs), put on mypy's search path. Messages name
``gui/...`` again, as the files are known in the repository.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parents[1]
LINK_DIR = ROOT / ".mypy_cache" / "gui-link"
LINK = LINK_DIR / "claimdiff_gui"
PACKAGES = ("claimdiff", "claimdiff_gui")


def gui_link() -> Path:
    """The folder that holds ``claimdiff_gui`` -> gui/, made (or mended) on first use."""
    LINK_DIR.mkdir(parents=True, exist_ok=True)
    target = ROOT / "gui"
    if LINK.is_symlink() and LINK.resolve() == target.resolve():
        return LINK_DIR
    if LINK.is_symlink() or LINK.exists():
        LINK.unlink()
    LINK.symlink_to(target, target_is_directory=True)
    return LINK_DIR


def run(extra: list[str]) -> int:
    """Run mypy over both packages; print its report with repository paths; return its status."""
    os.chdir(ROOT)
    search = [str(gui_link())]
    if os.environ.get("MYPYPATH"):
        search.append(os.environ["MYPYPATH"])
    os.environ["MYPYPATH"] = os.pathsep.join(search)
    args = [arg for package in PACKAGES for arg in ("-p", package)]
    stdout, stderr, status = api.run([*args, *extra])
    prefix = os.path.relpath(LINK, ROOT) + os.sep
    sys.stdout.write(stdout.replace(prefix, "gui" + os.sep))
    sys.stderr.write(stderr)
    return status


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
