"""Typed entities and quantities of a claim, from spaCy's NER, with values for comparing.

Two articles rarely name a thing the same way: "12", "twelve" and "a dozen"; "$3.5 billion"
and "3,500 mln dlrs"; "Tuesday" and "March 3"; "the Saudi Arabian government" and "Saudi
Arabia"; "Holder" and "Eric Holder". Each mention the NER finds inside a claim becomes a
:class:`claimdiff.base.model.Mention` with a ``value`` that is the same for all such spellings:

* numbers (CARDINAL, QUANTITY, ORDINAL): the number, from digits or words ("a dozen" -> 12);
* MONEY: the currency code and the amount with its scale ("USD 3500000000");
* PERCENT: the number and "%";
* DATE: an ISO day, month or year, resolved against the article's date ("Tuesday" is the
  last Tuesday on or before it, "yesterday" the day before, "last year" the year before);
  what cannot be resolved keeps its words;
* GPE and NORP: the country, for a demonym or an alias ("Saudi Arabian", "U.S.");
* PERSON: the longest name in the article that ends with the mention's surname (a lone
  surname the NER took for an organisation is the person too);
* anything else: its words, lower-cased, without a leading "the".

The small English model does not know treaty names ("Treaty on Measures for the Further
Reduction and Limitation of Strategic Offensive Arms", "INF"), which arms-control news is full
of; the treaty gazetteer of :mod:`claimdiff.claims.entities` adds them as LAW mentions, replacing
what the NER found over the same words.

Word lists (number words, scales, currencies, months, weekdays, demonyms) are in
``resources/language/``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from claimdiff.base import lexicon
from claimdiff.base.model import Article, Mention
from claimdiff.claims.entities import capitalised_vocabulary, find_mentions

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"})
_NUMBER_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[$£€¥%]", re.UNICODE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b")


def _table(name: str) -> dict[str, Any]:
    return lexicon.table(name)


def claim_mentions(doc: Any, start: int, end: int, article: Article) -> tuple[Mention, ...]:
    """The NER's mentions inside ``[start, end)`` of the article, with normalised values."""
    if doc is None:
        return ()
    names = _people(doc)
    treaties = _treaties(article.text, start, end)
    found = list(treaties)
    ents, starts = _entities(doc)
    for ent_start, ent_end, ent_label in ents[bisect.bisect_left(starts, start) :]:
        if ent_start >= end:
            break
        if ent_end > end:
            continue
        if any(t.start < ent_end and ent_start < t.end for t in treaties):
            continue
        text = article.text[ent_start:ent_end]
        label = "PERSON" if _is_surname(text, names) else ent_label
        value = normalise(label, text, article.date, names)
        found.append(Mention(label, text, ent_start, ent_end, value))
    return tuple(sorted(found, key=lambda m: m.start))


def _is_surname(text: str, people: tuple[str, ...]) -> bool:
    """A lone word that is the surname of a person the article names in full.

    The small model often tags a sentence-initial surname ("Holder said ...") as an
    organisation; within one article it is the person.
    """
    word = re.sub(r"[’']s$", "", text.strip())
    return " " not in word and word in _surnames(people)


@lru_cache(maxsize=4)
def _surnames(people: tuple[str, ...]) -> frozenset[str]:
    return frozenset(p.split()[-1] for p in people if len(p.split()) > 1)


def _treaties(text: str, start: int, end: int) -> tuple[Mention, ...]:
    known = _vocabulary(text)
    return tuple(
        Mention("LAW", m.text, start + m.start, start + m.end, m.text)
        for m in find_mentions(text[start:end], known)
        if m.kind == "treaty"
    )


@lru_cache(maxsize=4)
def _vocabulary(text: str) -> frozenset[str]:
    return capitalised_vocabulary(text)


def mention_names(mentions: tuple[Mention, ...]) -> tuple[str, ...]:
    """The names among the mentions (people, places, organisations ...), once each."""
    seen: dict[str, None] = {}
    for mention in mentions:
        if mention.label in NAME_LABELS:
            seen.setdefault(mention.value if mention.label != "ORG" else mention.text, None)
    return tuple(seen)


def normalise(label: str, text: str, article_date: str | None, people: tuple[str, ...] = ()) -> str:
    """The value two mentions of the same thing share; see the module's list."""
    words = " ".join(text.split())
    if label in ("CARDINAL", "QUANTITY", "ORDINAL", "PERCENT"):
        number = read_number(words)
        if number is None:
            return words.lower()
        return _number_text(number) + ("%" if label == "PERCENT" else "")
    readers: dict[str, Callable[[str], str]] = {
        "MONEY": money,
        "DATE": lambda w: resolve_date(w, article_date),
        "GPE": country,
        "NORP": country,
        "LOC": country,
        "PERSON": lambda w: full_name(w, people),
    }
    reader = readers.get(label)
    if reader is not None:
        return reader(words)
    return re.sub(r"^the\s+", "", words, flags=re.IGNORECASE).lower()


def read_number(text: str) -> float | None:
    """The number written in ``text``: "12", "1,250", "3.5 billion", "twelve", "a dozen"."""
    table = _table("numbers")
    units: dict[str, float] = {**table["units"], **table["phrase_units"]}
    scales: dict[str, float] = {**table["scales"], **table["scale_abbreviations"]}
    ignore = set(table["ignore"])
    total = 0.0
    current: float | None = None
    seen = False
    for raw in _NUMBER_TOKEN.findall(text.lower().replace("-", " ")):
        word = raw.rstrip(".")
        if word[0].isdigit():
            digits = word.replace(",", "")
            try:
                value = float(digits)
            except ValueError:
                return None
            current = (current or 0.0) + value
            seen = True
        elif word in scales and (seen or word == "dozen"):
            total += (current if current is not None else 1.0) * scales[word]
            current = None
            seen = True
        elif (word in units and word not in ("a", "an")) or (word in ("a", "an") and not seen):
            if word in ("a", "an"):
                current = 1.0
                continue
            current = (current or 0.0) + units[word]
            seen = True
        elif word in ignore or word in ("$", "£", "€", "¥", "%"):
            continue
        elif seen:
            break
    if not seen:
        return None
    return total + (current or 0.0)


def _number_text(number: float | None) -> str:
    if number is None:
        return ""
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def money(text: str) -> str:
    """Currency code and amount: "$3.5 billion" and "3,500 mln dlrs" -> "USD 3500000000"."""
    currencies: dict[str, str] = _table("numbers")["currencies"]
    lowered = text.lower()
    code = next(
        (
            c
            for word, c in sorted(currencies.items(), key=lambda kv: -len(kv[0]))
            if (word in lowered if not word.isalpha() else re.search(rf"\b{word}\b", lowered))
        ),
        "",
    )
    number = read_number(text)
    amount = _number_text(number) if number is not None else lowered
    return f"{code} {amount}".strip()


def resolve_date(text: str, article_date: str | None) -> str:
    """An ISO date (or year-month, or year) for ``text``, resolved against the article's date."""
    lowered = text.lower().strip(" .,")
    lowered = re.sub(r"^(?:on|the|last|this|next|early|late)\s+(?=\w+day\b)", "", lowered)
    base = _iso(article_date)
    relative = _relative(lowered, base) if base is not None else None
    if relative is not None:
        return relative
    months = lexicon.months()
    month = next((m for w, m in months.items() if re.search(rf"\b{w}\b\.?", lowered)), None)
    year_match = _YEAR.search(lowered)
    year = int(year_match.group(1)) if year_match else (base.year if base else None)
    if month is not None and year is not None:
        day_match = _DAY.search(_YEAR.sub(" ", lowered))
        if day_match is not None:
            try:
                return date(year, month, int(day_match.group(1))).isoformat()
            except ValueError:
                pass
        return f"{year:04d}-{month:02d}"
    if year_match and len(lowered) <= len("year 1987"):
        return year_match.group(1)
    return lowered


def _relative(lowered: str, base: date) -> str | None:
    """ "yesterday", "last year", "Tuesday": a date counted from the article's own date."""
    calendar = _table("calendar")
    if lowered in calendar["relative_days"]:
        return (base + timedelta(days=calendar["relative_days"][lowered])).isoformat()
    if lowered in calendar["relative_years"]:
        return str(base.year + calendar["relative_years"][lowered])
    weekdays = lexicon.weekdays(abbreviations=True)
    if lowered in weekdays:
        back = (base.weekday() - weekdays[lowered]) % 7
        return (base - timedelta(days=back)).isoformat()
    return None


def _iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    table = _table("demonyms")
    mapping: dict[str, str] = {}
    for demonym, place in table["demonyms"].items():
        mapping[demonym.lower()] = place
        mapping[demonym.lower() + "s"] = place
    for alias, place in table["aliases"].items():
        mapping[alias.lower()] = place
    for place in set(mapping.values()):
        mapping[place.lower()] = place
    return mapping


def country(text: str) -> str:
    """The country a place name, alias or demonym stands for, else the name itself."""
    words = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE).strip()
    key = (
        words.lower().rstrip("'’s").strip()
        if words.lower().endswith(("'s", "’s"))
        else words.lower()
    )
    found = _countries().get(key)
    return found if found is not None else words


def full_name(name: str, people: tuple[str, ...]) -> str:
    """The longest PERSON name of the article that ends with ``name``'s surname."""
    cleaned = re.sub(r"[’']s$", "", name).strip()
    parts = cleaned.split()
    if not parts:
        return cleaned
    last = parts[-1]
    longer = [p for p in people if p.split()[-1] == last and len(p.split()) > len(parts)]
    return max(longer, key=len) if longer else cleaned


def _people(doc: Any) -> tuple[str, ...]:
    """Every PERSON name of the document, once, for resolving surnames."""
    return _doc_tables(doc)[2]


def _entities(doc: Any) -> tuple[list[tuple[int, int, str]], list[int]]:
    """The document's entities as (start, end, label) by start, and their starts to bisect:
    read once per document, since ``doc.ents`` builds every span again on each access."""
    tables = _doc_tables(doc)
    return tables[0], tables[1]


_Tables = tuple[list[tuple[int, int, str]], list[int], tuple[str, ...]]
_DOC_TABLES: dict[int, tuple[Any, _Tables]] = {}


def _doc_tables(doc: Any) -> _Tables:
    cached = _DOC_TABLES.get(id(doc))
    if cached is not None and cached[0] is doc:
        return cached[1]
    ents = sorted((e.start_char, e.end_char, e.label_) for e in doc.ents)
    people = {
        re.sub(r"[’']s$", "", " ".join(e.text.split())) for e in doc.ents if e.label_ == "PERSON"
    }
    tables: _Tables = (ents, [e[0] for e in ents], tuple(sorted(people)))
    _DOC_TABLES.clear()  # one document at a time: claims are extracted article by article
    _DOC_TABLES[id(doc)] = (doc, tables)
    return tables
