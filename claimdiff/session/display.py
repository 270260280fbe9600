"""How the app names an article's location to a person (window, status bar, recent pairs, jobs).

A file is named by its file name (the folder is in the tooltip); a web address has no shorter
name that still says where it came from, so it is shown whole. One rule for every view.
"""

from __future__ import annotations

from pathlib import Path


def location_name(location: str) -> str:
    """The file name of a path; a URL (anything with ``://``) unchanged."""
    return location if "://" in location else Path(location).name
