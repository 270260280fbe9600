"""A corpus records the codebook the analyst works with, and reopens knowing it."""

from __future__ import annotations

from pathlib import Path

from claimdiff.corpus import Corpus
from claimdiff.labels.codebook import (
    load_codebook,
    remembered_codebook,
    shipped_codebook_location,
)


def test_the_codebook_in_use_is_kept_in_the_corpus_file(tmp_path: Path) -> None:
    path = tmp_path / "c.claimdiff"
    book = tmp_path / "mine.yaml"
    book.write_bytes(Path(shipped_codebook_location()).read_bytes())
    with Corpus.create(path) as corpus:
        assert corpus.codebook_location() is None  # never recorded
        corpus.remember_codebook(load_codebook())
        assert corpus.codebook_location() == ""  # the shipped one, wherever it is installed
        corpus.remember_codebook(load_codebook(book))
    with Corpus.open(path) as corpus:
        assert corpus.codebook_location() == str(book.resolve())


def test_a_remembered_codebook_that_has_gone_gives_way_to_the_shipped_one(
    tmp_path: Path,
) -> None:
    book = tmp_path / "mine.yaml"
    book.write_text("name: x\n", encoding="utf-8")
    assert remembered_codebook("") == (None, None)
    assert remembered_codebook(str(book)) == (str(book), None)
    book.unlink()
    path, notice = remembered_codebook(str(book))
    assert path is None and notice is not None and "shipped" in notice
