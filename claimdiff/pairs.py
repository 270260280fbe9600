"""Score many claim pairs at once: shared, conflicting or unrelated, with a reason.

The aligner in claimdiff.compare finds partners within two articles; here the pairs are
given (a spreadsheet of claim pairs from a fact-checking desk, or a benchmark set), so each
pair is judged on its own, in one process so the model loads and embeds once.

A pair is first scored for "same event" (the larger of the wording ratio and the mapped
embedding cosine, as in claimdiff.semantic); a pair about the same event that disagrees on
a detail (negation, antonym, number, date, name) is conflicting, one that agrees is shared.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from claimdiff.classifiers import Classifier, KernelClassifier, PairClassifier, load_classifiers
from claimdiff.contradiction import detail_difference, only_difference, reversal
from claimdiff.crossencoder import CrossEncoder, Progress
from claimdiff.errors import InputError
from claimdiff.pair_model import feature_rows
from claimdiff.semantic import SemanticSimilarity, cosine_to_score
from claimdiff.similarity import LexicalSimilarity, SimilarityBackend

__all__ = [
    "Classifier",
    "KernelClassifier",
    "PairClassifier",
    "PairSettings",
    "Verdict",
    "judge",
    "judge_pairs",
    "load_classifiers",
]

RELATION_COLUMNS = ("relation", "score", "conflict_type", "reason")
# How a differing date, number or name of the same claim counts (PairSettings.details).
DETAIL_MODES = ("swap", "any", "off")


@dataclass(frozen=True, slots=True)
class PairSettings:
    """Thresholds on the lexical scale; fitted on the train splits (docs/semantic.md)."""

    shared_threshold: float = 0.63  # best MSRP train accuracy with the hybrid backend
    conflict_threshold: float = 0.75  # best SICK train contradiction F1: "same event" enough
    learned_threshold: float = 0.5  # on P(same claim) when a classifier is shipped
    # "swap": a differing date, number or name is a conflict when it is the claims' one
    # change, else noted in the reason of a shared pair; "any": always a conflict; "off":
    # only noted. MSRP's annotators call most reworded pairs with a differing figure the same
    # claim, which "swap" follows (docs/semantic.md).
    details: str = "swap"
    # Also read both claims together with the shipped cross-encoder (semantic backend only):
    # P(same claim) is then the mean of its answer and the feature classifier's. The two err
    # on different pairs; held-out folds of MSRP train in docs/semantic.md.
    cross_encoder: bool = True


@dataclass(frozen=True, slots=True)
class Verdict:
    relation: str  # "shared", "conflicting" or "unrelated"
    score: float
    conflict_type: str | None
    reason: str


def pair_scores(
    left: Sequence[str], right: Sequence[str], backend: SimilarityBackend
) -> dict[str, np.ndarray]:
    """Per-signal similarity of each pair (left[k], right[k]), not of all combinations.

    Wording always counts; meaning counts when the backend carries a loaded semantic model.
    """
    found = {"lexical": _lexical_pairs(left, right)}
    semantic = getattr(backend, "semantic", None)
    if isinstance(semantic, SemanticSimilarity) and semantic.available() and left:
        cos = np.sum(semantic.embed(left) * semantic.embed(right), axis=1)
        found["semantic"] = cosine_to_score(cos)
    return found


def _zip(left: Sequence[str], right: Sequence[str]) -> list[tuple[str, str]]:
    return list(zip(left, right, strict=True))


def _lexical_pairs(left: Sequence[str], right: Sequence[str]) -> np.ndarray:
    lexical = LexicalSimilarity()
    return np.array([lexical.matrix([a], [b])[0, 0] for a, b in _zip(left, right)], np.float32)


def judge(
    a: str,
    b: str,
    scores: dict[str, float],
    settings: PairSettings,
    p_shared: float | None = None,
    *,
    p_parts: dict[str, float] | None = None,
) -> Verdict:
    """One pair's relation from its signal scores, its details and, if given, P(same claim).

    Three questions, in order. Same event (score ≥ the conflict gate) and one claim the
    opposite of the other (a negation, an antonym)? Conflicting: the classifier, trained on
    paraphrases, would only call such a pair "not the same". Otherwise: the same claim? (the
    learned probability, else the score threshold). If not, unrelated. If so, a date, number
    or name that really differs (not rounding, not a name one side merely adds) makes it
    conflicting when ``settings.details`` says so, and is named in the reason either way;
    else it is shared. ``p_parts`` (the models behind ``p_shared``) only go into the reason.
    """
    score = max(scores.values())
    signal = max(scores, key=lambda name: scores[name])
    evidence = f"{signal} {score:.2f}"
    if score >= settings.conflict_threshold:
        found = reversal(a, b)
        if found is not None:
            return Verdict("conflicting", score, found[0], f"same event, {found[1]} ({evidence})")
    if p_shared is not None:
        parts = ", ".join(f"{name} {p:.2f}" for name, p in (p_parts or {}).items())
        blend = f" = mean of {parts}" if parts else ""
        evidence = f"P(same claim) {p_shared:.2f}{blend}, {evidence}"
        same = p_shared >= settings.learned_threshold
    else:
        same = score >= settings.shared_threshold
    if not same:
        return Verdict("unrelated", score, None, f"too different ({evidence})")
    detail = detail_difference(a, b)
    if detail is None:
        return Verdict("shared", score, None, f"same content ({evidence})")
    if settings.details == "any" or (settings.details == "swap" and only_difference(a, b)):
        return Verdict("conflicting", score, detail[0], f"same claim, {detail[1]} ({evidence})")
    return Verdict("shared", score, None, f"same claim reworded; note: {detail[1]} ({evidence})")


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
    settings = settings or PairSettings()
    signals = pair_scores(left, right, backend)
    semantic = getattr(backend, "semantic", None)
    model = semantic if isinstance(semantic, SemanticSimilarity) else None
    parts = probability_parts(
        left,
        right,
        signals,
        classifiers=classifiers,
        semantic=model,
        settings=settings,
        cross=cross,
        progress=progress,
    )
    probabilities = np.mean(list(parts.values()), axis=0) if parts else None
    return [
        judge(
            a,
            b,
            {name: float(m[k]) for name, m in signals.items()},
            settings,
            None if probabilities is None else float(probabilities[k]),
            p_parts={name: float(p[k]) for name, p in parts.items()} if len(parts) > 1 else None,
        )
        for k, (a, b) in enumerate(_zip(left, right))
    ]


@cache
def default_cross_encoder() -> CrossEncoder:
    """The shipped cross-encoder, shared in this process so it loads once."""
    return CrossEncoder()


def probability_parts(
    left: Sequence[str],
    right: Sequence[str],
    signals: dict[str, np.ndarray],
    *,
    classifiers: dict[str, Classifier] | None = None,
    semantic: SemanticSimilarity | None = None,
    settings: PairSettings | None = None,
    cross: CrossEncoder | None = None,
    progress: Progress | None = None,
) -> dict[str, np.ndarray]:
    """P(same claim) per pair from each model that applies, by name; their mean decides.

    "features": the shipped classifier over the pair's features (none: empty, and the
    score thresholds decide). "cross-encoder": both claims read together, semantic backend only.
    """
    found = load_classifiers() if classifiers is None else classifiers
    classifier = found.get("semantic" if "semantic" in signals else "lexical")
    if classifier is None or not left:
        return {}
    parts = {"features": classifier.probability(feature_rows(left, right, signals, semantic))}
    if "semantic" in signals and (settings or PairSettings()).cross_encoder:
        reader = cross or default_cross_encoder()
        if reader.available():
            parts["cross-encoder"] = reader.probability(left, right, progress)
    return parts


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
