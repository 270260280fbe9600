"""The one rule for naming an article's location on screen."""

from __future__ import annotations

from pathlib import Path

from claimdiff.ingest.seeds import sample_pair
from claimdiff.session.display import location_name


def test_a_file_is_named_by_its_file_name() -> None:
    left, _right = sample_pair()
    assert location_name(str(left)) == Path(left).name
    assert location_name("reports/2017/kislyak.txt") == "kislyak.txt"


def test_a_web_address_is_shown_whole() -> None:
    url = "https://example.org/news/2017/02/09/treaty.html"
    assert location_name(url) == url
