"""The details panel says who speaks, by which cue, and whether it is a quotation."""

from __future__ import annotations

from claimdiff_gui.compare.details import DetailsPanel, attribution_html

from claimdiff.base.model import Article
from claimdiff.claims.claims import extract_claims

TEXT = (
    "Talks on the budget resumed on Monday.\n\n"
    '"We will not sign this," said Clinton\'s communications director, Jennifer Palmieri. '
    '"We have made our position clear to the leaders."\n\n'
    "The Senate adjourned at noon."
)


def article() -> Article:
    return Article("a", "a.txt", "", None, None, "none", TEXT)


def test_details_name_speaker_cue_and_quote() -> None:
    claims = extract_claims(article())
    said = next(c for c in claims if "We will not sign" in c.text)
    html = attribution_html(said, TEXT)
    assert "Jennifer Palmieri" in html and "direct quotation" in html
    assert "“said”" in html
    panel = DetailsPanel()
    panel.setHtml(html)
    shown = panel.toPlainText()
    assert "Speaker: Jennifer Palmieri (direct quotation)" in shown


def test_a_running_quotation_says_where_it_was_attributed() -> None:
    claims = extract_claims(article())
    later = next(c for c in claims if c.text.startswith('"We have made'))
    assert later.speaker == "Jennifer Palmieri"
    assert "attributed in an earlier sentence" in attribution_html(later, TEXT)


def test_the_outlets_own_voice_shows_no_attribution_line() -> None:
    claims = extract_claims(article())
    own = next(c for c in claims if c.text.startswith("The Senate"))
    assert own.speaker is None
    assert attribution_html(own, TEXT) == ""
