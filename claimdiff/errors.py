"""One error type for everything the user handed us that we cannot use.

The command line turns it into ``claimdiff: <file>: <problem>`` and exit status 2; the GUI
into a message box. Keeping the file and the problem apart lets both say which file it was.
"""

from __future__ import annotations


class InputError(Exception):
    """A file, URL or codebook that cannot be used, and why, in words for the user."""

    def __init__(self, location: str, problem: str) -> None:
        super().__init__(f"{location}: {problem}")
        self.location = location
        self.problem = problem
