"""The corpus timeline from stored labels equals timeline_frame over the analysed seeds."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from claimdiff.cli.cli import main
from claimdiff.corpus import Corpus
from claimdiff.labels.codebook import Codebook, load_codebook
from claimdiff.session.pipeline import load_corpus
from claimdiff.similarity.similarity import LexicalSimilarity
from claimdiff.timeline.timeline import timeline_frame


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return load_codebook()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, codebook: Codebook) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "seeds.claimdiff"
    with Corpus.create(path) as corpus:
        corpus.import_paths([seeds_dir], codebook, workers=1)
    return path


@pytest.fixture
def corpus(seeded: Path) -> Iterator[Corpus]:
    with Corpus.open(seeded) as opened:
        yield opened


@pytest.mark.parametrize("freq", ["year", "quarter", "month", "week", "day"])
@pytest.mark.parametrize("by", [None, "speaker", "source"])
def test_equals_timeline_frame_on_the_seeds(
    corpus: Corpus, seeds_dir: Path, codebook: Codebook, freq: str, by: str | None
) -> None:
    analysed = load_corpus([seeds_dir], codebook, LexicalSimilarity())
    expected = timeline_frame(analysed, freq=freq, by=by)
    found = corpus.timeline(codebook, freq, by)
    assert list(found.columns) == [*expected.columns, "article_share"]
    assert len(expected) > 5
    pd.testing.assert_frame_equal(found.drop(columns="article_share"), expected)
    from_store = timeline_frame(corpus.items(codebook), freq=freq, by=by)
    pd.testing.assert_frame_equal(from_store, expected)


def test_article_share_and_week_starts_monday(corpus: Corpus, codebook: Codebook) -> None:
    frame = corpus.timeline(codebook, "week")
    assert set(frame["period"]) == {"2007-07-30", "2012-07-09", "2017-02-06", "2021-02-01",
                                    "2024-07-08"}  # fmt: skip
    assert (frame["article_share"] == 1.0).all()  # one article per week
    yearly = corpus.timeline(codebook, "year")
    assert yearly["count"].sum() == frame["count"].sum()


def test_drill_down_lists_the_claims_of_a_cell(corpus: Corpus, codebook: Codebook) -> None:
    frame = corpus.timeline(codebook, "year", "source")
    for row in frame.itertuples(index=False):
        hits = corpus.claims_behind(
            codebook, "year", row.period, row.topic, row.position, by="source", value=row.source
        )
        assert len(hits) == row.count
        assert all(h.source == row.source and h.date[:4] == row.period[:4] for h in hits)
        for hit in hits:
            claim = next(
                c for c in corpus.claims(hit.article_key, codebook) if c.id == hit.claim_id
            )
            assert claim.label_for(row.topic).position == row.position  # type: ignore[union-attr]


def test_timeline_command_on_a_corpus_file(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy.claimdiff"
    shutil.copy(seeded, copy)
    assert main(["timeline", str(copy), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "period,topic,position,count,share,article_share"
    assert main(["corpus", "timeline", str(copy), "--measure", "article_share"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Positions per year across 5 articles") and "(100%)" in text


def test_a_voice_spelt_two_ways_is_one_cell_with_all_its_claims(
    corpus: Corpus, codebook: Codebook
) -> None:
    frame = corpus.timeline(codebook, "year", "speaker")
    kislyak = frame[frame["speaker"].str.contains("Kislyak")]
    assert kislyak["speaker"].nunique() == 1
    spellings = set()
    for row in kislyak.itertuples(index=False):
        hits = corpus.claims_behind(
            codebook, "year", row.period, row.topic, row.position, by="speaker", value=row.speaker
        )
        assert len(hits) == row.count
        spellings |= {h.speaker for h in hits}
    assert len(spellings) > 1  # "Sergei" in one article, "Sergey" in another
