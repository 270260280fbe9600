"""Reading a user's file without trusting it, and turning its bytes into text.

Articles arrive as scrapes saved by other tools: UTF-8 with or without a BOM, UTF-16 from
Windows editors, cp1251 from Russian sites, latin-1 from old archives. Every way a file can be
unusable becomes an ``InputError`` that says so in words, so neither the command line nor the
GUI ever shows a traceback or a page of mojibake.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from claimdiff.base.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
"""Largest file or download we read; news articles are kilobytes, anything near this is not one."""

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Unicode's control characters (category Cc: U+0000-U+001F, U+007F-U+009F) except the
# white space text uses (tab, newlines, form feed, vertical tab); matched by one regex, so a
# 20 MB file is checked in a fraction of a second rather than character by character.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.02


def size_text(n_bytes: int) -> str:
    """Sizes in the unit a user thinks in, for error messages."""
    if n_bytes >= 1024 * 1024:
        return f"{n_bytes / (1024 * 1024):.1f} MB"
    if n_bytes >= 1024:
        return f"{n_bytes / 1024:.1f} KB"
    return f"{n_bytes} bytes"


def check_size(n_bytes: int, location: str) -> None:
    """Refuse before reading, so a mistaken multi-gigabyte path never fills memory."""
    if n_bytes > MAX_BYTES:
        raise InputError(
            location, f"is too large ({size_text(n_bytes)}; the limit is {size_text(MAX_BYTES)})"
        )


def check_file(path: Path, location: str) -> None:
    """Fail early, before anything else is said about a path that is no file at all.

    Only regular files are read. ``stat`` never blocks, while opening a named pipe waits for
    a writer forever and a device such as /dev/zero never ends, so anything else is refused
    here, before the file is opened.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        problem = "is a link to a missing file" if path.is_symlink() else "no such file"
        raise InputError(location, problem) from None
    except OSError as exc:
        raise InputError(location, f"cannot be read: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(mode):
        raise InputError(location, "is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise InputError(location, f"is {_kind_of(mode)}, not a regular file; only files are read")


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def read_bytes(path: Path, location: str | None = None) -> bytes:
    """The file's raw bytes, read-only, or an ``InputError`` saying why it cannot be read."""
    where = location if location is not None else str(path)
    check_file(path, where)
    try:
        check_size(path.stat().st_size, where)
        # O_NONBLOCK: should the path have become a pipe since the check, open returns at
        # once instead of waiting for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except PermissionError as exc:
        raise InputError(where, "cannot be read: permission denied") from exc
    except OSError as exc:
        raise InputError(where, f"cannot be read: {exc.strerror or exc}") from exc
    check_size(len(data), where)
    if not data:
        raise InputError(where, "is empty")
    return data


def decode(data: bytes, location: str) -> str:
    """Decode bytes to text with universal newlines.

    A BOM is believed first; then UTF-8, because a strict UTF-8 decode that succeeds is almost
    never wrong, while detectors like to call short UTF-8 texts something exotic. Only then is
    charset-normalizer asked, and its answer is checked for control characters because a
    detector will happily "decode" an image.
    """
    if not data:
        raise InputError(location, "is empty")
    text = _decode_with_bom(data)
    if text is None:
        if b"\x00" in data:
            raise InputError(location, "looks like a binary file (it contains NUL bytes), not text")
        text = _decode_without_bom(data, location)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_is_text(text, location)
    return text


def _decode_with_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return text.removeprefix("\ufeff")
    return None


def _decode_without_bom(data: bytes, location: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Imported here: plain UTF-8 files, the common case, never pay for loading the detector.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(location, "cannot be decoded: its text encoding is not recognised")
    return str(best)


def _check_is_text(text: str, location: str) -> None:
    if "\x00" in text:
        raise InputError(location, "looks like a binary file (it contains NUL bytes), not text")
    controls = sum(1 for _ in _CONTROLS.finditer(text))
    if text and controls / len(text) > _MAX_CONTROL_SHARE:
        raise InputError(location, "looks like a binary file (control characters), not text")
    if not text.strip():
        raise InputError(location, "contains no text (only whitespace)")
