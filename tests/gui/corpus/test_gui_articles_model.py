"""The Articles model: a window onto the corpus file that reads only the pages it shows.

Driven with a real corpus file (a generated one of 2,500 articles written through the
importer's writers, as benchmarks/corpus_window.py builds its 100,000) so the pages come
from the same SQL the window uses, and compared with a plain Python sort of every row.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from claimdiff_gui.compare.tablemodel import MAX_PAGES, PAGE, ArticlesModel
from PySide6.QtCore import Qt

from claimdiff.base.model import Article, Claim, Label
from claimdiff.corpus import Corpus, Correction, records
from claimdiff.corpus.corpus import SORTS
from claimdiff.labels.codebook import Codebook, load_codebook

N = 2_500


def _write(corpus: Corpus, codebook: Codebook) -> None:
    rng = random.Random(7)
    pairs = [(t.id, p.id) for t in codebook.topics for p in t.positions]
    with corpus.conn:
        labelset = records.labelset_for(corpus.conn, codebook)
        assert labelset is not None
        for i in range(N):
            key = f"a{i:05d}"
            claims = tuple(
                Claim(f"{key}:c{n}", key, f"Sentence {n} of {i}.", 0, 10,
                      labels=(Label(*rng.choice(pairs), 0.7, "x", "cue"),)
                      if rng.random() < 0.3 else ())
                for n in range(1, rng.randint(1, 9) + 1)
            )  # fmt: skip
            day = None if i % 40 == 0 else f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-15"
            article = Article(key, f"gen/{key}.txt", f"Title {rng.randint(0, 500)} {i}",
                              rng.choice(["AP", "Reuters", None, "TASS"]), day, "text",
                              "text " * 10, checksum=key)  # fmt: skip
            article_id = records.insert_article(corpus.conn, article, f"{i:064x}", None)
            ids = records.insert_claims(corpus.conn, article_id, claims)
            records.insert_labels(corpus.conn, labelset, article_id, ids, claims)


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Codebook]:
    codebook = load_codebook()
    path = tmp_path_factory.mktemp("model") / "gen.claimdiff"
    with Corpus.create(path) as corpus:
        _write(corpus, codebook)
    return path, codebook


class Reads:
    """The model's page source, counting what it was asked for."""

    def __init__(self, corpus: Corpus, codebook: Codebook) -> None:
        self.corpus, self.codebook = corpus, codebook
        self.asked: list[int] = []

    def __call__(self, ids: list[int]) -> dict[int, object]:
        self.asked += ids
        return self.corpus.article_rows(self.codebook, ids)  # type: ignore[return-value]


def _key(info: object, column: str) -> tuple[bool, object, int]:
    """SQLite's order: NULL before any value; ties in import order."""
    value = getattr(info, column)
    return (value is not None, value if value is not None else "", info.id)  # type: ignore[attr-defined]


def shown(model: ArticlesModel, column: str) -> list[str]:
    at = model.columns.index(column)
    return [model.data(model.index(row, at)) for row in range(model.rowCount())]


def test_every_row_and_order_equals_a_plain_sort(qtbot, stored) -> None:
    path, codebook = stored
    with Corpus.open(path) as corpus:
        everything = corpus.article_rows(codebook, corpus.article_ids(codebook))
        model = ArticlesModel(list(SORTS))
        model.set_source(Reads(corpus, codebook))
        wanted: list[tuple[str, bool]] = []
        model.order_wanted.connect(lambda column, down: wanted.append((column, down)))
        for column, sort in enumerate(SORTS):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                model.sort(column, order)
                down = order == Qt.SortOrder.DescendingOrder
                assert wanted[-1] == (sort, down)
                model.set_order(corpus.article_ids(codebook, sort, down))
                plain = sorted(everything.values(), key=lambda a, s=sort: _key(a, s), reverse=down)
                assert model.rowCount() == N
                for name in SORTS:
                    values = [getattr(a, name) for a in plain]
                    assert shown(model, name) == ["" if v is None else str(v) for v in values]


def test_only_pages_on_screen_are_read_and_the_cache_is_bounded(qtbot, stored) -> None:
    path, codebook = stored
    with Corpus.open(path) as corpus:
        reads = Reads(corpus, codebook)
        model = ArticlesModel(list(SORTS))
        model.set_source(reads)
        ids = corpus.article_ids(codebook, "title")
        model.set_order(ids)
        assert reads.asked == []  # nothing read until a row is painted
        last = model.index(N - 1, 2)
        assert model.data(last) == corpus.article_rows(codebook, [ids[-1]])[ids[-1]].title
        page_start = (N - 1) // PAGE * PAGE
        assert reads.asked == ids[page_start:]  # one page: the one holding the last row
        model.data(model.index(N - 2, 0))
        assert len(reads.asked) == N - page_start  # same page: no new read
        for row in range(0, N, PAGE):
            model.data(model.index(row, 0))
        assert len(model._rows) <= MAX_PAGES * PAGE


def test_a_change_rereads_and_repaints_only_its_row(qtbot, stored) -> None:
    path, codebook = stored
    with Corpus.open(path) as corpus:
        model = ArticlesModel(list(SORTS))
        model.set_source(Reads(corpus, codebook))
        ids = corpus.article_ids(codebook, "date")
        model.set_order(ids)
        row = 123
        before = model.info(row)
        repainted: list[tuple[int, int]] = []
        model.dataChanged.connect(lambda a, b, *_: repainted.append((a.row(), b.row())))
        corpus.correct(Correction("title", before.key, value="A corrected title"), "tester")
        model.changed([before.id])
        assert repainted == [(row, row)]
        assert model.data(model.index(row, SORTS.index("title"))) == "A corrected title"
        assert model.info(row + 1) == corpus.article_rows(codebook, [ids[row + 1]])[ids[row + 1]]
        assert model.row_of(before.id) == row and model.row_of(-1) is None
