"""Downloading one article over http(s) with the standard library.

Fetching is the only network use in claimdiff and happens only when the user gives a URL, so
urllib is enough: a timeout so a dead server cannot hang the GUI, a size cap so a wrong link
cannot fill memory, and every failure turned into an ``InputError`` naming the URL.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import Any

from claimdiff.base import cancel
from claimdiff.base.errors import InputError
from claimdiff.ingest import textfile

TIMEOUT_SECONDS = 20.0
"""Longest wait for a server to connect or to send the next bytes."""
DOWNLOAD_DEADLINE_SECONDS = 60.0
"""Longest whole download: an article arrives in seconds; a server sending a byte a second
would otherwise keep the socket timeout from ever firing and the window waiting forever."""
POLL_SECONDS = 0.1
"""How often the caller looks for Cancel while a download runs: a silent server (the socket
timeout is 20 s) must not keep the user's Cancel waiting."""
DEADLINE_GRACE_SECONDS = 1.0
_CHUNK = 64 * 1024
USER_AGENT = "claimdiff/0.1 (+article comparison; single request)"
URL_SCHEMES = ("http://", "https://")


@dataclass(frozen=True, slots=True)
class Download:
    """What a server sent back: the body and what it said the body is."""

    url: str  # after redirects
    content_type: str  # lower-case media type without parameters, "" when not sent
    charset: str | None
    data: bytes


def is_url(location: str) -> bool:
    return location.lower().startswith(URL_SCHEMES)


def fetch(
    url: str, timeout: float = TIMEOUT_SECONDS, deadline: float = DOWNLOAD_DEADLINE_SECONDS
) -> Download:
    """GET ``url`` and return its body, capped at ``textfile.MAX_BYTES`` and ``deadline`` s.

    The download runs in a thread of its own while this one waits, looking every
    POLL_SECONDS for Cancel (claimdiff.base.cancel) and for the deadline: a socket read blocked on
    a silent server cannot be interrupted, but the user's job need not wait for it. An
    abandoned download ends at its socket timeout; its thread never keeps the program alive.
    """
    if not is_url(url):
        raise InputError(url, "only http:// and https:// addresses can be fetched")
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = _fetch(url, timeout, deadline)
        except Exception as exc:  # noqa: BLE001 - handed back to the waiting thread as is
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="claimdiff-fetch", daemon=True)
    worker.start()
    # The fetching thread says the deadline itself, with what it received, after a chunk; this
    # is the backstop for a server that sends nothing at all.
    until = time.monotonic() + deadline + DEADLINE_GRACE_SECONDS
    while worker.is_alive():
        worker.join(POLL_SECONDS)
        cancel.check()
        if worker.is_alive() and time.monotonic() > until:
            raise InputError(url, _too_slow(deadline, None))
    if "error" in outcome:
        raise outcome["error"]
    found: Download = outcome["value"]
    return found


def _fetch(url: str, timeout: float, deadline: float) -> Download:
    """The download itself, in the fetching thread (see ``fetch``)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            headers: Message = response.headers
            length = headers.get("Content-Length")
            if length is not None and length.isdigit():
                textfile.check_size(int(length), url)
            data = _read_body(response, url, time.monotonic() + deadline, deadline)
            final_url = response.geturl()
    except urllib.error.HTTPError as exc:
        exc.close()  # the error carries the open response; leaving it open leaks the socket
        reason = " ".join(str(exc.reason).split())  # urllib's redirect-loop reason spans lines
        raise InputError(url, f"the server answered HTTP {exc.code} {reason}") from exc
    except urllib.error.URLError as exc:
        raise InputError(url, _reason_text(exc.reason, timeout)) from exc
    except TimeoutError as exc:
        raise InputError(url, f"timed out after {timeout:g} s") from exc
    except OSError as exc:
        raise InputError(url, f"download failed: {exc}") from exc
    except (http.client.HTTPException, ValueError) as exc:
        # A broken response (cut short, bad headers) or an address urllib cannot parse.
        raise InputError(url, f"download failed: {type(exc).__name__} {exc}".strip()) from exc
    textfile.check_size(len(data), url)
    if not data:
        raise InputError(url, "the server sent an empty page")
    sent_type = headers.get_content_type() if headers.get("Content-Type") else ""
    return Download(final_url, sent_type, _charset(headers), data)


def _read_body(response: Any, url: str, until: float, deadline: float) -> bytes:
    """Read in chunks, checking the size cap and the deadline after each one."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(_CHUNK):
        size += len(chunk)
        textfile.check_size(size, url)
        chunks.append(chunk)
        if time.monotonic() > until:
            raise InputError(url, _too_slow(deadline, size))
    return b"".join(chunks)


def _too_slow(deadline: float, size: int | None) -> str:
    received = f"; {textfile.size_text(size)} received" if size is not None else ""
    return (
        f"the download took longer than {deadline:g} s (DOWNLOAD_DEADLINE_SECONDS"
        f"{received}); the server is too slow"
    )


def _charset(headers: Message) -> str | None:
    charset = headers.get_content_charset()
    return charset.lower() if charset else None


def _reason_text(reason: object, timeout: float) -> str:
    """urllib wraps the socket error; say what actually went wrong."""
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (is the server running?)"
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return "host name not found"
    return f"cannot be reached: {reason}"
