"""Where claimdiff's shipped data files are, however claimdiff was installed.

The same code runs from a source checkout, from an installed wheel and from a frozen
PyInstaller bundle, and each keeps the data somewhere else: ``resources/`` and ``seeds/`` in
the checkout, the packages ``claimdiff_resources`` and ``claimdiff_seeds`` in site-packages,
and those package folders under ``sys._MEIPASS`` in a bundle. Callers ask for a path here and
never work that out for themselves.
"""

from __future__ import annotations

import os
import sys
from importlib.resources import files
from pathlib import Path

# The reverse-DNS application id: desktop file name, AppStream id, icon name, Qt desktop file name.
APP_ID = "io.github.claimdiff.ClaimDiff"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

RESOURCES_PACKAGE = "claimdiff_resources"
_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def package_dir(package: str, source_folder: str) -> Path:
    """Folder of an installed data package, or its folder in the source checkout.

    ``source_folder`` is the top-level folder the package is built from (pyproject's
    package-dir): the fallback when the package is not importable, as in a checkout run with
    ``PYTHONPATH=.`` or an editable install made before the package was added.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if isinstance(frozen, str):
        return Path(frozen) / package
    try:
        root = files(package)
    except ModuleNotFoundError:
        return _SOURCE_ROOT / source_folder
    if isinstance(root, Path):
        return root
    # A zipped install would give a zipfile.Path; pip never installs that way, so say so.
    raise FileNotFoundError(f"{package} is not installed as plain files: {root}")


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource, e.g. ``resource_path("icons", "claimdiff.svg")``."""
    return package_dir(RESOURCES_PACKAGE, "resources").joinpath(*parts)


def icon_paths() -> tuple[Path, ...]:
    """The application icon's PNG renderings, smallest first, for a multi-size window icon."""
    return tuple(resource_path("icons", f"claimdiff-{size}.png") for size in ICON_SIZES)


def model_dir(name: str, variable: str) -> Path:
    """A shipped model's folder, unless the environment variable names another folder.

    Tests and users point a model at another build this way; an empty value names no folder,
    so the model counts as missing and its fallback is used.
    """
    chosen = os.environ.get(variable)
    return Path(chosen) if chosen is not None else resource_path("models", name)
