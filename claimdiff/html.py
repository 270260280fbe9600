"""Main text and metadata of a saved or downloaded web page.

Pages carry navigation, sidebars and footers around the article; trafilatura is maintained
exactly to find the article among them, and htmldate reads publication dates from the markup.
Both are imported inside the functions so that opening a plain-text article never loads them.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimdiff.errors import InputError

MIN_WORDS = 8


@dataclass(frozen=True, slots=True)
class PageText:
    """The article text of a page and what the page says about itself."""

    text: str
    title: str | None
    site: str | None
    date: str | None  # ISO date from the page's metadata, a suggestion only


def extract_page(data: bytes | str, location: str, url: str | None = None) -> PageText:
    """Extract the article body and its title, site name and date from HTML."""
    import trafilatura

    document = trafilatura.bare_extraction(
        data,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    text = getattr(document, "text", None) if document is not None else None
    if not isinstance(text, str) or len(text.split()) < MIN_WORDS:
        # trafilatura falls back to whatever text it sees, menus included; a handful of
        # words is a page without an article, not a very short article.
        raise InputError(location, "no article text could be found in the page")
    return PageText(
        text=text,
        title=_clean(getattr(document, "title", None)),
        site=_clean(getattr(document, "sitename", None)),
        date=page_date(data, url),
    )


def page_date(data: bytes | str, url: str | None = None) -> str | None:
    """The publication date the markup declares, if any.

    ``extensive_search`` is off: it guesses from any date-like string in the page, and the
    seeds showed such guesses are wrong more often than right.
    """
    from htmldate import find_date

    found = find_date(data, extensive_search=False, original_date=True, url=url)
    return found if isinstance(found, str) else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
