"""Main text and metadata of a saved or downloaded web page, within budgets.

Pages carry navigation, sidebars and footers around the article; trafilatura is maintained
exactly to find the article among them. What the page says about itself in its markup (its
publication date in meta tags, JSON-LD or ``<time datetime>``, its site name) is read first
and wins over anything htmldate or trafilatura infer from the text, because a date found in a
sidebar or a copyright line is a different date.

Markup is also where hostile pages hide their cost: an element with 200,000 attributes makes
the HTML parser quadratic, a 100,000-row table inside the article makes extraction run for
minutes. The raw page is measured before it is parsed (elements, attributes per element) and
the parsed tree before extraction (cells per table), each against a named budget; a table
past its budget is cut, with a notice, and a page past the others is refused.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from claimdiff.base.errors import InputError, notify

MIN_WORDS = 8

HTML_MAX_TAGS = 1_000_000
"""Tags in the raw page, counted before parsing: bounds the parser's time (about a second)
and memory (a few hundred MB); nothing news-like comes near it."""
HTML_MAX_ELEMENTS = 150_000
"""Elements left for extraction once tables are cut: a long news page with comments has about
20,000; extraction from 300,000 takes minutes."""
HTML_MAX_ATTRIBUTES = 500
"""Attributes on one element: real pages use a dozen; the parser's duplicate check is
quadratic, so 200,000 take minutes. Such elements lose their attributes, with a notice."""
HTML_MAX_BLOCKS = 20_000
"""Paragraph-like elements (p, div, li, tr, headings...) left for extraction: a long article
with its comments has a few thousand. trafilatura's time grows faster than linearly with
them (20,000 paragraphs: 4 s; 140,000: over 4 minutes)."""
_BLOCK_TAGS = (
    *("p", "div", "li", "tr", "dd", "dt", "blockquote", "pre", "section", "article"),
    *("h1", "h2", "h3", "h4", "h5", "h6"),
)
HTML_MAX_TABLE_CELLS = 2_000
"""Cells of one table kept for extraction: an article's table is a few hundred; a data dump of
100,000 rows is not prose and takes extraction minutes. Rows past the budget are dropped."""

_TAG = re.compile(rb"<([A-Za-z][A-Za-z0-9:-]{0,40})(\s[^<>]*)?>")
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "sailthru.date",
    "parsely-pub-date",
)
_SITE_META = ("og:site_name", "application-name")
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")


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

    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    raw = _within_budgets(raw, location)
    tree = _parse(raw if isinstance(data, bytes) else raw.decode("utf-8", "surrogatepass"))
    if tree is None:
        raise InputError(location, "no article text could be found in the page")
    _cut_tables(tree, location)
    _check_counts(tree, location)
    declared_date, declared_site = page_metadata(tree)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    text = _paragraphs(document)
    if text is None or len(text.split()) < MIN_WORDS:
        # trafilatura falls back to whatever text it sees, menus included; a handful of
        # words is a page without an article, not a very short article.
        raise InputError(location, "no article text could be found in the page")
    return PageText(
        text=text,
        title=_clean(getattr(document, "title", None)),
        site=declared_site or _clean(getattr(document, "sitename", None)),
        date=declared_date or page_date(raw, url),
    )


def page_date(data: bytes | str, url: str | None = None) -> str | None:
    """The publication date htmldate reads from the markup, when the page declares none.

    ``extensive_search`` is off: it guesses from any date-like string in the page, and the
    seeds showed such guesses are wrong more often than right.
    """
    from htmldate import find_date

    found = find_date(data, extensive_search=False, original_date=True, url=url)
    return found if isinstance(found, str) else None


def page_metadata(tree: Any) -> tuple[str | None, str | None]:
    """(publication date, site name) as the page declares them, else None for each.

    Order of trust: meta tags, then JSON-LD, then a ``<time datetime>`` marked as the
    publication time or inside the article.
    """
    metas = _metas(tree)
    found_date = next((d for key in _DATE_META if (d := _iso(metas.get(key)))), None)
    site = next((s for key in _SITE_META if (s := _clean(metas.get(key)))), None)
    ld_date, ld_site = _json_ld(tree)
    return found_date or ld_date or _time_element(tree), site or ld_site


def _metas(tree: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        value = meta.get("content")
        if key and value and key.lower() not in found:
            found[key.lower()] = value
    return found


def _json_ld(tree: Any) -> tuple[str | None, str | None]:
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in _ld_items(data):
            published = _iso(item.get("datePublished"))
            publisher = item.get("publisher")
            site = _clean(publisher.get("name")) if isinstance(publisher, dict) else None
            if published or site:
                return published, site
    return None, None


def _ld_items(data: object, depth: int = 0) -> list[dict[str, Any]]:
    """Objects of a JSON-LD block, ``@graph`` and lists included (bounded depth)."""
    if depth > 3:
        return []
    if isinstance(data, list):
        return [i for d in data[:50] for i in _ld_items(d, depth + 1)]
    if not isinstance(data, dict):
        return []
    return [data, *_ld_items(data.get("@graph"), depth + 1)]


def _time_element(tree: Any) -> str | None:
    candidates = [t for t in tree.iter("time") if t.get("datetime")]
    for element in candidates:
        if element.get("pubdate") is not None or element.get("itemprop") == "datePublished":
            return _iso(element.get("datetime"))
    for element in candidates:
        if any(a.tag in ("article", "main", "header") for a in element.iterancestors()):
            return _iso(element.get("datetime"))
    return None


def _iso(value: object) -> str | None:
    """The YYYY-MM-DD a metadata value starts with, if it is a real date."""
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


def _within_budgets(raw: bytes, location: str) -> bytes:
    """Count elements and attributes in the raw markup, before any parser sees it."""
    if raw.count(b"<") > HTML_MAX_TAGS and len(_TAG.findall(raw)) > HTML_MAX_TAGS:
        raise InputError(
            location,
            f"has more than {HTML_MAX_TAGS:,} HTML tags (HTML_MAX_TAGS); "
            "save the article alone (reader view) and open that",
        )
    stripped = 0

    def strip(match: re.Match[bytes]) -> bytes:
        nonlocal stripped
        attributes = match.group(2) or b""
        if attributes.count(b"=") <= HTML_MAX_ATTRIBUTES:
            return match.group(0)
        stripped += 1
        return b"<" + match.group(1) + b">"

    if raw.count(b"=") > HTML_MAX_ATTRIBUTES:
        raw = _TAG.sub(strip, raw)
    if stripped:
        notify(
            location,
            f"{stripped} element(s) had more than {HTML_MAX_ATTRIBUTES} attributes "
            "(HTML_MAX_ATTRIBUTES); their attributes were dropped",
        )
    return raw


def _check_counts(tree: Any, location: str) -> None:
    advice = "save the article alone (reader view) and open that"
    elements = sum(1 for _ in tree.iter())
    if elements > HTML_MAX_ELEMENTS:
        raise InputError(
            location,
            f"has {elements:,} HTML elements, above the {HTML_MAX_ELEMENTS:,} budget "
            f"(HTML_MAX_ELEMENTS); {advice}",
        )
    blocks = sum(1 for _ in tree.iter(*_BLOCK_TAGS))
    if blocks > HTML_MAX_BLOCKS:
        raise InputError(
            location,
            f"has {blocks:,} paragraphs and other blocks, above the {HTML_MAX_BLOCKS:,} budget "
            f"(HTML_MAX_BLOCKS); {advice}",
        )


def _parse(page: bytes | str) -> Any:
    from trafilatura.utils import load_html

    return load_html(page)


def _cut_tables(tree: Any, location: str) -> None:
    for table in list(tree.iter("table")):
        cells = 0
        rows = list(table.iter("tr"))
        for index, row in enumerate(rows):
            cells += len(row)
            if cells > HTML_MAX_TABLE_CELLS:
                for extra in rows[index:]:
                    parent = extra.getparent()
                    if parent is not None:
                        parent.remove(extra)
                notify(
                    location,
                    f"a table of {len(rows):,} rows was cut to its first {index:,} "
                    f"(HTML_MAX_TABLE_CELLS: {HTML_MAX_TABLE_CELLS:,} cells per table)",
                )
                break


def _paragraphs(document: object) -> str | None:
    """The extracted text with a blank line between paragraphs, as the page had them."""
    body = getattr(document, "body", None) if document is not None else None
    if body is None or len(body) == 0:
        text = getattr(document, "text", None) if document is not None else None
        return text if isinstance(text, str) else None
    blocks = [b for b in (_block(child) for child in body) if b]
    return "\n\n".join(blocks)


def _block(element: Any) -> str:
    if element.tag == "list":
        return "\n".join(f"- {_words(item)}" for item in element.iter("item") if _words(item))
    if element.tag == "table":
        rows = (
            " | ".join(_words(cell) for cell in row.iter("cell")) for row in element.iter("row")
        )
        return "\n".join(f"| {row} |" for row in rows if row.strip(" |"))
    for line_break in element.iter("lb"):
        line_break.tail = "\n" + (line_break.tail or "")
    lines = "".join(element.itertext()).split("\n")
    return "\n".join(w for w in (" ".join(line.split()) for line in lines) if w)


def _words(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
