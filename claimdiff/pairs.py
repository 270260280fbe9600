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
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from claimdiff.conflict import date_conflict, entity_conflict, negation_flip, number_conflict
from claimdiff.contradiction import antonym_conflict, find_contradiction, negation_parity_flip
from claimdiff.diff import word_diff
from claimdiff.errors import InputError
from claimdiff.resources import resource_path
from claimdiff.semantic import SemanticSimilarity, cosine_to_score
from claimdiff.similarity import LexicalSimilarity, SimilarityBackend, words

RELATION_COLUMNS = ("relation", "score", "conflict_type", "reason")


@dataclass(frozen=True, slots=True)
class PairSettings:
    """Thresholds on the lexical scale; fitted on the train splits (docs/semantic.md)."""

    shared_threshold: float = 0.63  # best MSRP train accuracy with the hybrid backend
    conflict_threshold: float = 0.75  # best SICK train contradiction F1: "same event" enough
    learned_threshold: float = 0.5  # on P(same claim) when a classifier is shipped
    details: bool = True  # date, number and name differences count as conflicts


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
) -> Verdict:
    """One pair's relation from its signal scores, its details and, if given, P(shared).

    Conflicts come from rules (a detail that disagrees between same-event claims); whether
    agreeing claims are the same claim comes from the learned probability when there is
    one, else from the similarity threshold.
    """
    score = max(scores.values())
    signal = max(scores, key=lambda name: scores[name])
    if score >= settings.conflict_threshold:
        found = find_contradiction(a, b, settings.details)
        if found is not None:
            kind, explanation = found
            reason = f"same event, {explanation} ({signal} {score:.2f})"
            return Verdict("conflicting", score, kind, reason)
    evidence = f"{signal} {score:.2f}"
    if p_shared is not None:
        evidence = f"P(same claim) {p_shared:.2f}, {evidence}"
        same = p_shared >= settings.learned_threshold
    else:
        same = score >= settings.shared_threshold
    if same:
        return Verdict("shared", score, None, f"same content ({evidence})")
    return Verdict("unrelated", score, None, f"too different ({evidence})")


def judge_pairs(
    left: Sequence[str],
    right: Sequence[str],
    backend: SimilarityBackend,
    settings: PairSettings | None = None,
    classifiers: dict[str, PairClassifier] | None = None,
) -> list[Verdict]:
    """Verdicts for (left[k], right[k]); ``classifiers`` default to the shipped ones."""
    settings = settings or PairSettings()
    signals = pair_scores(left, right, backend)
    semantic = getattr(backend, "semantic", None)
    model = semantic if isinstance(semantic, SemanticSimilarity) else None
    probabilities = shared_probabilities(left, right, signals, classifiers, model)
    return [
        judge(
            a,
            b,
            {name: float(m[k]) for name, m in signals.items()},
            settings,
            None if probabilities is None else float(probabilities[k]),
        )
        for k, (a, b) in enumerate(_zip(left, right))
    ]


def shared_probabilities(
    left: Sequence[str],
    right: Sequence[str],
    signals: dict[str, np.ndarray],
    classifiers: dict[str, PairClassifier] | None = None,
    semantic: SemanticSimilarity | None = None,
) -> np.ndarray | None:
    """P(same claim) per pair from the classifier matching the signals, if one is shipped."""
    found = load_classifiers() if classifiers is None else classifiers
    classifier = found.get("semantic" if "semantic" in signals else "lexical")
    if classifier is None or not left:
        return None
    return classifier.probability(feature_rows(left, right, signals, semantic))


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
) -> Table:
    """The table with RELATION_COLUMNS appended; short rows count as empty claims."""

    def cell(row: list[str], k: int) -> str:
        return row[k] if k < len(row) else ""

    rows = [r for r in table.rows if any(c.strip() for c in r)]
    verdicts = judge_pairs(
        [cell(r, left_col) for r in rows], [cell(r, right_col) for r in rows], backend, settings
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


# --- learned layer: logistic regression over pair features, weights shipped as JSON ---

FEATURES = (
    "lexical",
    "token_set",
    "jaccard",
    "length_ratio",
    "left_unmatched",
    "right_unmatched",
    "number",
    "date",
    "entity",
    "negation",
    "antonym",
    "log_length_gap",
    "p1",
    "r1",
    "p2",
    "r2",
    "p3",
    "r3",
    "p4",
    "r4",
    "char_ratio",
    "partial_ratio",
)
CLASSIFIER_FILE = "pair-classifier.json"


def _ngrams(tokens: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return set(zip(*[tokens[i:] for i in range(n)], strict=False))


def pair_features(a: str, b: str) -> list[float]:
    """Wording and detail features of one pair (the embedding score is added by the caller).

    n-gram precision/recall on both sides is what MSRP's feature-based systems relied on:
    paraphrases reorder words but keep most bigrams; non-paraphrases add or drop a clause.
    """
    wa, wb = words(a), words(b)
    sa, sb = set(wa), set(wb)
    ops = word_diff(a, b)
    values = [
        float(LexicalSimilarity().matrix([a], [b])[0, 0]),
        fuzz.token_set_ratio(" ".join(wa), " ".join(wb)) / 100,
        len(sa & sb) / max(1, len(sa | sb)),
        min(len(wa), len(wb)) / max(1, len(wa), len(wb)),
        len(sa - sb) / max(1, len(sa)),
        len(sb - sa) / max(1, len(sb)),
        float(number_conflict(a, b) is not None),
        float(date_conflict(a, b) is not None),
        float(entity_conflict(a, b, ops) is not None),
        float(negation_flip(a, b, ops) is not None or negation_parity_flip(a, b) is not None),
        float(antonym_conflict(a, b) is not None),
        abs(math.log((len(wa) + 1) / (len(wb) + 1))),
    ]
    for n in (1, 2, 3, 4):
        x, y = _ngrams(wa, n), _ngrams(wb, n)
        common = len(x & y)
        values += [common / max(1, len(x)), common / max(1, len(y))]
    values += [fuzz.ratio(a, b) / 100, fuzz.partial_ratio(a, b) / 100]
    return values


@dataclass(frozen=True, slots=True)
class PairClassifier:
    """Standardised logistic regression: P(shared) from the features of one pair."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float

    def probability(self, rows: np.ndarray) -> np.ndarray:
        z = ((rows - self.mean) / self.scale) @ self.weights + self.bias
        result: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return result

    def to_dict(self) -> dict[str, object]:
        return {
            "features": list(self.features),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "weights": self.weights.tolist(),
            "bias": self.bias,
            "threshold": self.threshold,
        }


def classifier_from_dict(doc: dict[str, Any]) -> PairClassifier:
    return PairClassifier(
        tuple(doc["features"]),
        np.asarray(doc["mean"], dtype=np.float64),
        np.asarray(doc["scale"], dtype=np.float64),
        np.asarray(doc["weights"], dtype=np.float64),
        float(doc["bias"]),
        float(doc["threshold"]),
    )


def load_classifiers(path: Path | None = None) -> dict[str, PairClassifier]:
    """The shipped classifiers by backend ("lexical", "semantic"); empty when absent."""
    location = path or resource_path("models", CLASSIFIER_FILE)
    try:
        doc = json.loads(location.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return {name: classifier_from_dict(d) for name, d in doc["classifiers"].items()}


SEMANTIC_EXTRAS = ("leftover_cosine", "one_side_contained", "log_words", "semantic_x_length")


def feature_rows(
    left: Sequence[str],
    right: Sequence[str],
    signals: dict[str, np.ndarray],
    semantic: SemanticSimilarity | None = None,
) -> np.ndarray:
    """One feature row per pair: [semantic], FEATURES, [SEMANTIC_EXTRAS].

    With the model, the words each side does not share are embedded too: a paraphrase's
    leftovers mean the same ("said" / "told reporters"), a non-paraphrase's add a new fact.
    """
    rows = []
    for k, (a, b) in enumerate(_zip(left, right)):
        head = [float(signals["semantic"][k])] if "semantic" in signals else []
        rows.append(head + pair_features(a, b))
    table = np.asarray(rows, dtype=np.float64).reshape(len(rows), -1)
    if "semantic" not in signals or semantic is None or not rows:
        return table
    return np.hstack([table, _semantic_extras(left, right, table, semantic)])


def _semantic_extras(
    left: Sequence[str], right: Sequence[str], table: np.ndarray, semantic: SemanticSimilarity
) -> np.ndarray:
    only_left, only_right = [], []
    for a, b in _zip(left, right):
        wa, wb = words(a), words(b)
        only_left.append(" ".join(w for w in wa if w not in set(wb)))
        only_right.append(" ".join(w for w in wb if w not in set(wa)))
    empty = np.array([not x or not y for x, y in zip(only_left, only_right, strict=True)])
    cos = np.sum(
        semantic.embed([x or "." for x in only_left])
        * semantic.embed([y or "." for y in only_right]),
        axis=1,
    )
    total = np.array([math.log1p(len(words(a)) + len(words(b))) for a, b in _zip(left, right)])
    length_ratio = table[:, 1 + FEATURES.index("length_ratio")]
    return np.column_stack([cos, empty.astype(np.float64), total, table[:, 0] * length_ratio])
