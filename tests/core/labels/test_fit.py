"""The fit warning: a codebook that labels almost nothing says so, one that fits stays quiet."""

from __future__ import annotations

from pathlib import Path

from claimdiff.base.model import Claim
from claimdiff.claims.claims import extract_claims
from claimdiff.ingest.load import load_article
from claimdiff.labels.codebook import Codebook, load_codebook
from claimdiff.labels.fit import MIN_CLAIMS, codebook_fit
from claimdiff.labels.label import label_claims

TRADE = """\
Japan and the United States traded sharp words over computer chips on Friday.
The Commerce Department said Japanese makers were still selling memory chips below cost in Asia.
Tokyo replied that its companies were honouring the pact signed last summer.
Washington plans tariffs of 100 pct on Japanese television sets and personal computers.
Economists in Tokyo said the duties would hurt American consumers more than Japanese firms.
The Japanese government promised a package of measures to lift domestic demand.
Exporters in Osaka said orders from American retailers had already fallen this month.
Farm groups asked the government to keep quotas on imported beef and oranges.
Congress is preparing a trade bill that would force countries with large surpluses to cut them.
The White House said the President would veto any bill that tied his hands in negotiations.
Share prices on the Tokyo exchange fell for a third day as traders worried about the dispute.
The yen rose against the dollar after the finance minister spoke about the trade surplus.
"""


def _labelled(path: Path) -> tuple[tuple[Claim, ...], Codebook]:
    book = load_codebook()
    return label_claims(extract_claims(load_article(str(path))), book), book


def test_the_shipped_codebook_fits_its_own_seed_articles(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        claims, book = _labelled(path)
        fit = codebook_fit(claims, book)
        assert fit.fits and fit.warning is None, (path.name, fit.summary)
        assert sum(n for _, n in fit.per_topic) >= fit.labelled > 0


def test_an_article_on_another_subject_gets_the_warning(tmp_path: Path) -> None:
    path = tmp_path / "trade.txt"
    path.write_text(TRADE, encoding="utf-8")
    claims, book = _labelled(path)
    fit = codebook_fit(claims, book)
    assert fit.claims >= MIN_CLAIMS
    assert not fit.fits
    assert fit.warning is not None
    assert f"labels {fit.labelled} of {fit.claims} claims" in fit.warning
    assert book.name in fit.warning
    assert [label for label, _ in fit.per_topic] == [t.label for t in book.topics]


def test_too_few_claims_say_nothing_either_way(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("\n".join(TRADE.splitlines()[:3]) + "\n", encoding="utf-8")
    claims, book = _labelled(path)
    fit = codebook_fit(claims, book)
    assert fit.claims < MIN_CLAIMS and fit.labelled == 0
    assert fit.fits and fit.warning is None
