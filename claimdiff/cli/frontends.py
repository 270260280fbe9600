"""The desktop app and the Qt renderer, reached through a declared plug-in point.

The core may not import Qt, yet ``claimdiff gui`` opens the desktop app and PDF/PNG output is
painted by Qt. Both are found through the entry-point group ``claimdiff.frontends`` that
pyproject.toml declares (``app``: a module with ``main(argv) -> int``; ``renderer``: a module with
``write_pdf`` and ``write_chart_png``), so the command line names no GUI module, and another
distribution can provide a front end by declaring the same names. The frozen bundle ships the
distribution's metadata so the group is found there too.
"""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points
from typing import Any

from claimdiff.base.errors import InputError

GROUP = "claimdiff.frontends"
INSTALL_GUI = "pip install 'claimdiff[gui]'"


def _entry_point(name: str) -> EntryPoint | None:
    """The first installed entry point called ``name`` in the front-end group, if any."""
    return next(iter(entry_points(group=GROUP, name=name)), None)


def load(name: str, purpose: str) -> Any:
    """The object the front-end plug-in ``name`` declares, loaded now.

    Raises InputError saying what to install when no distribution declares it, or when loading
    it fails for want of a module (Qt not installed): ``purpose`` says what needed it.
    """
    needs = f"{purpose} needs the desktop app: {INSTALL_GUI}"
    point = _entry_point(name)
    if point is None:
        raise InputError("claimdiff-gui", f"{needs} (no '{name}' in {GROUP})")
    try:
        return point.load()
    except ImportError as exc:
        raise InputError("claimdiff-gui", f"{needs} ({exc})") from exc
