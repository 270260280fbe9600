"""Write output files so a crash or a full disk never leaves half a file behind.

The data goes to a temporary file in the target's folder, is flushed to disk, and only then
renamed over the target: the old file stays intact until the new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from claimdiff.base.errors import InputError


def write_atomic(path: str | Path, data: str | bytes, *, overwrite: bool = False) -> None:
    """Write ``data`` to ``path``; refuse to replace an existing file unless ``overwrite``."""
    target = Path(path)
    if target.exists() and not overwrite:
        raise InputError(str(target), "already exists (pass --force to replace it)")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent if str(target.parent) else Path()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(str(target), f"cannot write: {exc.strerror or exc}") from exc
    try:
        # mkstemp creates 0600; keep an existing file's mode, else the usual 0644.
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise InputError(str(target), f"cannot write: {exc.strerror or exc}") from exc
