"""One error type for everything the user handed us that we cannot use, and notices for
what was used only in part.

The command line turns an ``InputError`` into ``claimdiff: <file>: <problem>`` and exit status
2; the GUI into a message box. Keeping the file and the problem apart lets both say which file
it was. A notice (a table cut to its budget, say) does not stop the work; it is printed as
``claimdiff: warning: <file>: <message>`` unless the caller collects notices itself.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar

NoticeHandler = Callable[[str, str], None]
_handler: ContextVar[NoticeHandler | None] = ContextVar("claimdiff_notices", default=None)


class InputError(Exception):
    """A file, URL or codebook that cannot be used, and why, in words for the user."""

    def __init__(self, location: str, problem: str) -> None:
        super().__init__(f"{location}: {problem}")
        self.location = location
        self.problem = problem


def notify(location: str, message: str) -> None:
    """Say that ``location`` was used only in part (a budget cut something), and why."""
    handler = _handler.get()
    if handler is not None:
        handler(location, message)
        return
    # With no stderr to tell (closed or detached), the work itself goes on.
    with suppress(OSError, ValueError, AttributeError):
        print(f"claimdiff: warning: {location}: {message}", file=sys.stderr)


@contextmanager
def notices_to(handler: NoticeHandler) -> Iterator[None]:
    """Send this context's notices to ``handler`` (the GUI's status line, a summary)."""
    token = _handler.set(handler)
    try:
        yield
    finally:
        _handler.reset(token)
