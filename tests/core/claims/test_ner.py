"""Typed mentions from the NER, with values that make different spellings of one thing equal."""

from __future__ import annotations

import pytest

from claimdiff.base.model import Article
from claimdiff.claims.claims import extract_claims
from claimdiff.claims.ner import country, money, normalise, read_number, resolve_date


@pytest.mark.parametrize(
    ("text", "number"),
    [("12", 12), ("twelve", 12), ("a dozen", 12), ("1,250", 1250), ("3.5 billion", 3.5e9),
     ("two million", 2e6), ("about 40", 40), ("forty-two", 42), ("nine", 9)],
)  # fmt: skip
def test_numbers_in_digits_and_words(text: str, number: float) -> None:
    assert read_number(text) == number


def test_money_keeps_its_currency_and_scale() -> None:
    assert money("$3.5 billion") == money("3,500 mln dlrs") == "USD 3500000000"
    assert money("45.06 billion francs") == "FRF 45060000000"
    assert normalise("PERCENT", "3 pct", None) == normalise("PERCENT", "3%", None) == "3%"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Tuesday", "1987-03-24"), ("yesterday", "1987-03-24"), ("today", "1987-03-25"),
     ("March 19", "1987-03-19"), ("Dec. 2, 2016", "2016-12-02"), ("last year", "1986"),
     ("January 1988", "1988-01"), ("1972", "1972"), ("the coming months", "the coming months")],
)  # fmt: skip
def test_dates_resolve_against_the_article_date(text: str, expected: str) -> None:
    assert resolve_date(text, "1987-03-25") == expected  # a Wednesday


def test_demonyms_and_aliases_name_the_country() -> None:
    assert country("Saudi Arabian") == country("Saudi Arabia") == "Saudi Arabia"
    assert country("the United States") == country("U.S.") == country("Americans")
    assert country("Gotham") == "Gotham"


def test_claims_carry_typed_mentions_with_offsets_and_values() -> None:
    text = (
        "Attorney General Eric Holder said on Tuesday that twelve Saudi Arabian diplomats "
        "had left.\n\nHolder said the embassy paid $3.5 billion for the land last year."
    )
    article = Article("n", "n.txt", "", None, "2015-03-04", "metadata", text)
    first, second = extract_claims(article)
    values = {(m.label, m.value) for m in first.mentions}
    assert ("PERSON", "Eric Holder") in values
    assert ("DATE", "2015-03-03") in values  # the Tuesday before Wednesday 4 March 2015
    assert ("CARDINAL", "12") in values
    assert ("NORP", "Saudi Arabia") in values
    for mention in (*first.mentions, *second.mentions):
        assert text[mention.start : mention.end] == mention.text
    later = {(m.label, m.value) for m in second.mentions}
    assert ("PERSON", "Eric Holder") in later  # the surname stands for the full name
    assert ("MONEY", "USD 3500000000") in later and ("DATE", "2014") in later
    assert "Eric Holder" in second.entities and "Saudi Arabia" in first.entities
