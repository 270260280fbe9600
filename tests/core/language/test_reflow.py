"""Hard-wrapped text: the reflow joins wrap newlines only, keeps every offset, and the same
article wrapped, unwrapped or as a table row gives the same claims."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from claimdiff.base import cancel
from claimdiff.base.errors import InputError
from claimdiff.base.model import Article
from claimdiff.claims.claims import extract_claims
from claimdiff.corpus.work import Job, Row, row_article
from claimdiff.ingest.furniture import find_spans
from claimdiff.ingest.load import load_article
from claimdiff.language import nlp
from claimdiff.language.reflow import reflow

WIRE = (
    "EC TO ABOLISH TAX ON SPANISH MAIZE EXPORTS\n"
    "BRUSSELS, March 19 - The European Community Commission has\n"
    "decided to abolish a special tax of eight Ecus per tonne\n"
    "imposed on exports of Spanish maize, Commission sources said.\n"
    "    They said the tax, which applies to Spanish sales to EC and\n"
    "non-EC countries alike, would no longer be required on exports\n"
    "from ports south of Valencia, as the U.S.\n"
    "Soybean producers had asked.\n"
    "    The decision was taken at a meeting of the authority's\n"
    "cereals management committee today.\n"
    " Reuter\n"
)


def wire_style(text: str) -> tuple[str, str]:
    """A seed as wire copy (headline, then paragraphs wrapped at 65 with an indent) and as
    one paragraph a line with blank lines between."""
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    wrapped = "\n".join(
        textwrap.fill(p, 65, initial_indent="    ", break_on_hyphens=False) for p in paragraphs[1:]
    )
    return paragraphs[0] + "\n" + wrapped + "\n", "\n\n".join(paragraphs) + "\n"


def claim_texts(article: Article) -> list[str]:
    return [" ".join(c.text.split()) for c in extract_claims(article)]


def test_reflow_turns_only_wrap_newlines_into_spaces() -> None:
    flowed = reflow(WIRE)
    assert len(flowed) == len(WIRE)
    assert all(a == b or (a, b) == ("\n", " ") for a, b in zip(WIRE, flowed, strict=True))
    lines = flowed.splitlines()
    assert lines[0] == "EC TO ABOLISH TAX ON SPANISH MAIZE EXPORTS"  # a headline stays alone
    assert lines[1].startswith("BRUSSELS") and lines[1].endswith("sources said.")
    assert lines[2].endswith("Soybean producers had asked.")  # "U.S." does not end it
    assert lines[-1] == " Reuter"


def test_plain_lines_and_blank_lines_are_left_alone() -> None:
    text = "Moscow Rejects Missile Plan\nThe ministry said on Monday that talks would go on.\n"
    assert reflow(text) == text
    text = "Subscribe\nAny agreement is not seen at present, the ambassador said.\nNewsfeed\n0\n"
    assert reflow(text) == text
    assert reflow("One paragraph.\n\nAnother one.") == "One paragraph.\n\nAnother one."


def test_wire_copy_is_furniture_free_and_claims_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text(WIRE, encoding="utf-8")
    article = load_article(str(path))
    kinds = [(s.kind, WIRE[s.start : s.end]) for s in find_spans(WIRE)]
    assert kinds == [
        ("title", "EC TO ABOLISH TAX ON SPANISH MAIZE EXPORTS"),
        ("furniture", "Reuter"),
    ]
    claims = extract_claims(article)
    assert [c.text[:20] for c in claims] == [
        "The European Communi",
        "They said the tax, w",
        "The decision was tak",
    ]
    for claim in claims:
        assert article.text[claim.start : claim.end] == claim.text


@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
def test_a_seed_wrapped_or_unwrapped_gives_the_same_claims(
    seeds_dir: Path, tmp_path: Path, stem: str
) -> None:
    text = next(seeds_dir.glob(f"{stem}_*.txt")).read_text(encoding="utf-8")
    wrapped, flat = wire_style(text)
    assert wrapped.count("\n") > flat.count("\n\n") + 10  # it really is wrapped
    forms = []
    for name, body in (("wrapped.txt", wrapped), ("flat.txt", flat)):
        (tmp_path / name).write_text(body, encoding="utf-8")
        forms.append(claim_texts(load_article(str(tmp_path / name))))
    assert len(forms[0]) > 5
    assert forms[0] == forms[1]


def test_wire_copy_as_a_file_or_as_a_table_row_gives_the_same_claims(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text(WIRE, encoding="utf-8")
    title, _, body = WIRE.partition("\n")
    row = Row(text=body, title=title, date="1987-03-19")
    from_row = claim_texts(row_article(Job("r", "rows.jsonl", row), row))
    assert from_row == claim_texts(load_article(str(path)))
    assert len(from_row) == 3


def test_an_article_too_long_to_analyse_is_refused_before_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(nlp, "MAX_WORDS", 1_000)
    text = "The talks went on for a while and then stopped. " * 200
    article = Article("big", "big.txt", "Big", None, None, "none", text)
    with pytest.raises(InputError) as raised:
        extract_claims(article)
    assert raised.value.location == "big.txt"
    assert "too long to analyse" in raised.value.problem and "Split it" in raised.value.problem


def test_a_long_parse_stops_when_cancelled() -> None:
    text = "\n\n".join(f"Paragraph {n} says that the talks in Geneva went on." for n in range(50))
    asked: list[int] = []

    def requested() -> bool:
        asked.append(1)
        return len(asked) > 3

    with cancel.cancellable(requested), pytest.raises(cancel.Cancelled):
        nlp.parse(text)
    assert len(asked) == 4  # it stopped at the first check after the request


SHORT_ITEM = (
    "COPPER PRICE CUT\n"
    "NEW YORK, Feb 26 - Magma Copper Co, a subsidiary of Newmont\n"
    "Mining Corp, said it is cutting its copper cathode price by\n"
    "0.75 cent to 66 cents a lb, effective immediately.\n"
    " Reuter\n"
)


def test_a_short_item_is_wrapped_when_a_full_line_stops_mid_phrase() -> None:
    """Three lines cannot show a width by counting; the full line ending in "by" does."""
    lines = reflow(SHORT_ITEM).splitlines()
    assert lines[0] == "COPPER PRICE CUT"  # the headline never runs into the dateline
    assert lines[1].startswith("NEW YORK") and lines[1].endswith("effective immediately.")
    assert lines[2] == " Reuter"


def test_a_line_opening_with_a_dateline_starts_a_paragraph() -> None:
    """A mixed-case headline above an unindented first paragraph of indented wire copy."""
    text = (
        "Venezuela seeks flexibility from banks\n"
        "Caracas, feb 26 - Venezuela is seeking a constructive attitude\n"
        "from its creditor banks in current talks to reschedule its debt,\n"
        "the finance minister told a press conference.\n"
        "    He declined to comment on meetings this week in New York.\n"
        "    The banks' latest offer is a one pct margin, sources said.\n"
    )
    lines = reflow(text).splitlines()
    assert lines[0] == "Venezuela seeks flexibility from banks"
    assert lines[1].startswith("Caracas") and lines[1].endswith("press conference.")


def test_paragraph_marks_beat_abbreviations_and_initials_and_colons_run_on() -> None:
    text = (
        "COCOA REVIEW\n"
        "SALVADOR, Feb 26 - Cake sales were registered at 785 to 995\n"
        "dlrs for March/April and 0.39 times New York Dec for Oct/Dec.\n"
        "    Buyers were the U.S., Argentina and convertible currency areas.\n"
        "    The study will be chaired by Richard R. Shinn, executive vice\n"
        "chairman of the Exchange, who is joined by Charles F.\n"
        "Barbar, former chairman of Asarco Inc, the Exchange said.\n"
        "    The seven contracts currently traded on the exchange are:\n"
        "five-year government bonds, the share price index and wheat.\n"
        " Reuter\n"
    )
    lines = reflow(text).splitlines()
    assert lines[1].endswith("for Oct/Dec.")  # "Dec." before an indented line ends it
    assert lines[2].strip().startswith("Buyers")
    assert "Charles F. Barbar" in lines[3]  # a middle initial does not end a sentence
    assert lines[4].endswith("share price index and wheat.")  # a colon is no paragraph end


@pytest.mark.parametrize(
    ("dateline", "first"),
    [
        ("NEW YORK, FEB 26 - ", "Diamond Shamrock Corp said"),
        ("WEST HARTFORD, Conn., FEb 26 - ", "Coleco Industries Inc said"),
        ("AMSTERDAM, 2 March - ", "The Dutch Central Bank said"),
    ],
)
def test_datelines_of_any_month_case_and_order_are_left_out_of_the_claim(
    dateline: str, first: str
) -> None:
    text = f"{dateline}{first} it expects to return to profitability in 1987.\n"
    article = Article("d", "d.txt", "Wire", None, None, "none", text)
    assert [c.text for c in extract_claims(article)] == [
        f"{first} it expects to return to profitability in 1987."
    ]


def test_a_table_in_a_row_is_left_out_of_the_claims_as_in_the_file(tmp_path: Path) -> None:
    body = (
        "Argentine grain board figures show crop registrations of\n"
        "grains, oilseeds and their products to February 11, in thousands\n"
        "of tonnes, the board said.\n"
        "    Sorghum nil (nil)\n"
        "    The board also detailed export registrations for\n"
        "subproducts, as follows,\n"
        "    SUBPRODUCTS\n"
        "    Wheat prev 39.9, Feb 48.7, March 13.2, total 111.8 (82.7).\n"
    )
    dateline = "BUENOS AIRES, Feb 26 -"
    path = tmp_path / "grain.txt"
    path.write_text(f"ARGENTINE GRAIN REGISTRATIONS\n{dateline} {body}", encoding="utf-8")
    row = Row(body, "ARGENTINE GRAIN REGISTRATIONS", "1987-02-26", dateline=dateline)
    from_row = claim_texts(row_article(Job("g", "grain.jsonl", row), row))
    assert from_row == claim_texts(load_article(str(path)))
    assert from_row == [
        "Argentine grain board figures show crop registrations of grains, oilseeds and their "
        "products to February 11, in thousands of tonnes, the board said."
    ]
