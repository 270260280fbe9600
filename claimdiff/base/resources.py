"""Where claimdiff's shipped data files are, however claimdiff was installed.

The same code runs from a source checkout, from an installed wheel and from a frozen
PyInstaller bundle, and each keeps the data somewhere else: ``resources/`` and ``seeds/`` in
the checkout, the packages ``claimdiff_resources`` and ``claimdiff_seeds`` in site-packages,
and those package folders under ``sys._MEIPASS`` in a bundle. Callers ask for a path here and
never work that out for themselves.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

# The reverse-DNS application id: desktop file name, AppStream id, icon name, Qt desktop file name.
APP_ID = "io.github.claimdiff.ClaimDiff"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

RESOURCES_PACKAGE = "claimdiff_resources"
_SOURCE_ROOT = Path(__file__).resolve().parent.parent.parent


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


# --- shipped models: content-addressed, checked at load ---------------------------------------

MODELS_FOLDER = "models"
MODELS_MANIFEST = "MANIFEST.json"
RECORD_COMMAND = "python tools/models_manifest.py --record"


@lru_cache(maxsize=64)
def _sha256(path: Path, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    """sha256 of a file, computed once per version of it (path, size and change time)."""
    stat = path.stat()
    return _sha256(path.resolve(), stat.st_size, stat.st_mtime_ns)


def models_manifest() -> dict[str, dict[str, object]]:
    """``resources/models/MANIFEST.json``: each shipped model file with its sha256 and size."""
    path = resource_path(MODELS_FOLDER, MODELS_MANIFEST)
    files: dict[str, dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))["files"]
    return files


def model_problem(path: Path) -> str | None:
    """Why a shipped model file or folder is not the one recorded in the manifest, or None.

    Models are ordinary files in the repository, so each is content-addressed by the
    manifest: a file changed by accident, damaged in transit, or rebuilt without being
    recorded is named here instead of being used. Only the shipped copies are checked; a
    folder named by an environment variable is the user's own build.
    """
    root = resource_path(MODELS_FOLDER).resolve()
    target = path.resolve()
    if target != root and root not in target.parents:
        return None
    name = target.relative_to(root).as_posix()
    recorded = models_manifest()
    whole = target == root
    wanted = {k: v for k, v in recorded.items() if whole or k == name or k.startswith(f"{name}/")}
    found = target.rglob("*") if target.is_dir() else [target]
    present = [p for p in found if p.is_file() and p != root / MODELS_MANIFEST]
    for file in present:
        key = file.relative_to(root).as_posix()
        entry = wanted.pop(key, None)
        if entry is None:
            return f"{file} is not recorded in {MODELS_MANIFEST} ({RECORD_COMMAND} {name})"
        if file.stat().st_size != entry["bytes"] or file_sha256(file) != entry["sha256"]:
            return (
                f"{file} is not the model recorded in {MODELS_MANIFEST} (sha256 "
                f"{file_sha256(file)[:12]}, recorded {str(entry['sha256'])[:12]}): changed or "
                f"damaged; a deliberate rebuild is recorded with {RECORD_COMMAND} {name}"
            )
    missing = sorted(wanted)
    return f"{root / missing[0]}: no such file (recorded in {MODELS_MANIFEST})" if missing else None


def check_model(path: Path) -> None:
    """Raise ValueError when a shipped model is not the recorded one (see ``model_problem``)."""
    problem = model_problem(path)
    if problem is not None:
        raise ValueError(problem)
