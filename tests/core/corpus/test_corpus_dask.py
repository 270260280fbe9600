"""The Dask engine stores exactly what the single-process import stores."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimdiff.corpus import Corpus
from claimdiff.labels.codebook import load_codebook

distributed = pytest.importorskip("dask.distributed")

TABLES = ("articles", "claims", "labels", "labelled", "sources")


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None,
    )  # fmt: skip
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()


def make_table(path: Path, sentences: list[str], count: int) -> Path:
    """A JSON Lines export of ``count`` dated articles made of the seeds' sentences."""
    import json

    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            text = ". ".join(sentences[(i * 5 + k * 11) % len(sentences)] for k in range(5)) + "."
            row = {"id": str(i), "date": f"20{10 + i % 15}-0{1 + i % 9}-1{i % 9}", "text": text}
            handle.write(json.dumps(row) + "\n")
    return path


def test_dask_equals_local(
    tmp_path: Path, seeds_dir: Path, seed_sentences: list[str], scheduler: str
) -> None:
    table = make_table(tmp_path / "stories.jsonl", seed_sentences, 90)
    codebook = load_codebook()
    local, remote = tmp_path / "local.claimdiff", tmp_path / "dask.claimdiff"
    with Corpus.create(local) as corpus:
        corpus.import_paths([seeds_dir, table], codebook, workers=1, batch_size=20)
    with Corpus.create(remote) as corpus:
        summary = corpus.import_paths(
            [seeds_dir, table], codebook, engine="dask", scheduler=scheduler, batch_size=20
        )
        assert summary.imported + summary.duplicates == 95 and summary.errors == 0
    expected = dump(local)
    assert len(expected["claims"]) > 150 and len(expected["labels"]) > 50
    assert dump(remote) == expected
