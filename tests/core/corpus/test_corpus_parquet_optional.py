"""Parquet support is an optional extra: without pyarrow the import says what to install."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from claimdiff.base.errors import InputError
from claimdiff.corpus import Corpus
from claimdiff.labels.codebook import load_codebook


def test_parquet_without_pyarrow_names_the_file_and_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / "stories.parquet"
    table.write_bytes(b"PAR1 not really parquet PAR1")
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow -> ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    corpus = Corpus.create(tmp_path / "c.claimdiff")
    try:
        with pytest.raises(InputError) as info:
            corpus.import_paths([table], load_codebook())
    finally:
        corpus.close()
    assert info.value.location == str(table)
    assert "claimdiff[parquet]" in info.value.problem
