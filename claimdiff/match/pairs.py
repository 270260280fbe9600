"""Score many claim pairs at once: shared, conflicting or unrelated, with a reason.

The aligner in claimdiff.match.compare finds partners within two articles; here the pairs are
given (a spreadsheet of claim pairs from a fact-checking desk, or a benchmark set), so each
pair is judged on its own, in one process so the model loads and embeds once.

Each pair is decided by claimdiff.match.judge, the same judge that links the claims of two
articles in claimdiff.match.compare, so a pair gets one answer whichever command asks.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from claimdiff.base.errors import InputError
from claimdiff.match.classifiers import (
    Classifier,
    KernelClassifier,
    PairClassifier,
    load_classifiers,
)
from claimdiff.match.crossencoder import CrossEncoder, Progress
from claimdiff.match.judge import (
    DETAIL_MODES,
    Evidence,
    Judge,
    JudgeSettings,
    Statement,
    Verdict,
    decide,
    default_cross_encoder,
    pair_scores,
    probability_parts,
)
from claimdiff.similarity.similarity import SimilarityBackend

__all__ = [
    "DETAIL_MODES",
    "Classifier",
    "KernelClassifier",
    "PairClassifier",
    "PairSettings",
    "Verdict",
    "default_cross_encoder",
    "judge",
    "judge_pairs",
    "load_classifiers",
    "pair_scores",
    "probability_parts",
]

RELATION_COLUMNS = ("relation", "score", "conflict_type", "reason")
# The settings of a pairs run are the judge's: one set of thresholds for every caller.
PairSettings = JudgeSettings


def judge(
    a: str,
    b: str,
    scores: dict[str, float],
    settings: PairSettings,
    p_shared: float | None = None,
    *,
    p_parts: dict[str, float] | None = None,
) -> Verdict:
    """One pair's verdict from precomputed evidence (claimdiff.match.judge.decide, no speakers)."""
    evidence = Evidence(scores, p_shared, p_parts or {})
    return decide(Statement(a), Statement(b), evidence, settings)


def judge_pairs(
    left: Sequence[str],
    right: Sequence[str],
    backend: SimilarityBackend,
    settings: PairSettings | None = None,
    classifiers: dict[str, Classifier] | None = None,
    *,
    cross: CrossEncoder | None = None,
    progress: Progress | None = None,
) -> list[Verdict]:
    """Verdicts for (left[k], right[k]); ``classifiers`` and ``cross`` default to the shipped
    ones (the cross-encoder only with the semantic backend and ``settings.cross_encoder``)."""
    found = Judge(backend, settings, classifiers=classifiers, cross=cross)
    return found.judge(
        [Statement(a) for a in left], [Statement(b) for b in right], progress=progress
    )


@dataclass(frozen=True, slots=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    delimiter: str


def read_table(path: str | Path, delimiter: str | None = None) -> Table:
    """A CSV/TSV file with a header row; a BOM is dropped; tab for .tsv unless told."""
    location = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError(location, "no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(location, f"cannot read as UTF-8 text ({exc})") from exc
    sep = delimiter or ("\t" if location.lower().endswith(".tsv") else ",")
    # TSV benchmark files hold bare quotes inside sentences, so quotes mean nothing there.
    reader = (
        csv.reader(io.StringIO(text), delimiter=sep, quoting=csv.QUOTE_NONE, quotechar=None)
        if sep == "\t"
        else csv.reader(io.StringIO(text), delimiter=sep)
    )
    rows = list(reader)
    if not rows:
        raise InputError(location, "empty file: expected a header row")
    return Table(rows[0], rows[1:], sep)


def column(table: Table, name: str, location: str) -> int:
    if name in table.header:
        return table.header.index(name)
    known = ", ".join(table.header)
    raise InputError(location, f"no column '{name}' (columns: {known})")


def score_table(
    table: Table,
    left_col: int,
    right_col: int,
    backend: SimilarityBackend,
    settings: PairSettings | None = None,
    *,
    progress: Progress | None = None,
) -> Table:
    """The table with RELATION_COLUMNS appended; short rows count as empty claims."""

    def cell(row: list[str], k: int) -> str:
        return row[k] if k < len(row) else ""

    rows = [r for r in table.rows if any(c.strip() for c in r)]
    verdicts = judge_pairs(
        [cell(r, left_col) for r in rows],
        [cell(r, right_col) for r in rows],
        backend,
        settings,
        progress=progress,
    )
    out = [
        [*r, v.relation, f"{v.score:.3f}", v.conflict_type or "", v.reason]
        for r, v in zip(rows, verdicts, strict=True)
    ]
    return Table([*table.header, *RELATION_COLUMNS], out, table.delimiter)


def format_table(table: Table) -> str:
    buffer = io.StringIO()
    if table.delimiter == "\t":
        writer = csv.writer(
            buffer,
            delimiter="\t",
            quoting=csv.QUOTE_NONE,
            quotechar=None,
            escapechar="\\",
            lineterminator="\n",
        )
    else:
        writer = csv.writer(buffer, delimiter=table.delimiter, lineterminator="\n")
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return buffer.getvalue()
