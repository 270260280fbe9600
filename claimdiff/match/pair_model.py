"""The features of the learned "same claim?" layer of claimdiff.match.pairs.

Wording, meaning and detail signals each separate paraphrases from non-paraphrases only
partly; a model over all of them (claimdiff.match.classifiers) does better than any threshold.
Detail mismatches (a number, a name) are features here rather than verdicts: news
paraphrases often differ in a detail ("$1.4bn" / "$1.4 billion", "Mr Sharon" / "Israeli Prime
Minister Ariel Sharon"), so whether a pair is the same claim is learned, and claimdiff.match.pairs
then decides whether a detail that differs is a conflict.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from claimdiff.claims.stems import STOPWORDS
from claimdiff.match.contradiction import (
    antonym_conflict,
    date_conflict,
    entity_conflict,
    lonely_numbers,
    negation_flip,
    number_conflict,
    number_values,
)
from claimdiff.match.diff import word_diff
from claimdiff.match.negation import negation_parity_flip
from claimdiff.similarity.semantic import SemanticSimilarity
from claimdiff.similarity.similarity import LexicalSimilarity, words

WORDING = (
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
CONTENT = (
    "content_p1",
    "content_r1",
    "content_f1",
    "content_p2",
    "content_r2",
    "content_f2",
    "word_lcs",
    "token_sort",
    "numbers_only_left",
    "numbers_only_right",
    "numbers_both_lonely",
    "has_numbers",
    "caps_jaccard",
    "caps_only_left",
    "caps_only_right",
    "content_only_left",
    "content_only_right",
    "length_gap",
    "content_words",
)
FEATURES = WORDING + CONTENT
SEMANTIC_EXTRAS = (
    "leftover_cosine",
    "one_side_contained",
    "log_words",
    "semantic_x_length",
    "soft_left",
    "soft_right",
    "soft_min",
    "soft_left_unshared",
    "soft_right_unshared",
)


def _ngrams(tokens: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return set(zip(*[tokens[i:] for i in range(n)], strict=False))


def _overlap(x: set[Any], y: set[Any]) -> list[float]:
    """Precision, recall and F1 of x against y."""
    common = len(x & y)
    p, r = common / max(1, len(x)), common / max(1, len(y))
    return [p, r, 2 * p * r / (p + r) if p + r else 0.0]


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS]


def capitalised(text: str) -> set[str]:
    """Capitalised words after the first: the names a sentence mentions, roughly."""
    found = {
        "".join(c for c in w if c.isalnum()).lower() for w in text.split()[1:] if w[:1].isupper()
    }
    return found - {""}


def pair_features(a: str, b: str) -> list[float]:
    """Wording and detail features of one pair (the embedding score is added by the caller).

    n-gram precision/recall on both sides is what MSRP's feature-based systems relied on:
    paraphrases reorder words but keep most bigrams; non-paraphrases add or drop a clause.
    """
    return _wording(a, b) + _content(a, b)


def _wording(a: str, b: str) -> list[float]:
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


def _content(a: str, b: str) -> list[float]:
    wa, wb = words(a), words(b)
    ca, cb = content_words(a), content_words(b)
    values = _overlap(set(ca), set(cb)) + _overlap(_ngrams(ca, 2), _ngrams(cb, 2))
    values.append(SequenceMatcher(None, wa, wb, autojunk=False).ratio())
    values.append(fuzz.token_sort_ratio(" ".join(wa), " ".join(wb)) / 100)
    na, nb = number_values(a), number_values(b)
    la, lb = len(lonely_numbers(na, nb)), len(lonely_numbers(nb, na))
    values += [la, lb, float(la > 0 and lb > 0), float(bool(na or nb))]
    xa, xb = capitalised(a), capitalised(b)
    values += [len(xa & xb) / max(1, len(xa | xb)), len(xa - xb), len(xb - xa)]
    ua, ub = set(ca) - set(cb), set(cb) - set(ca)
    values += [len(ua), len(ub), abs(len(wa) - len(wb)), len(ca) + len(cb)]
    return values


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
    for k, (a, b) in enumerate(zip(left, right, strict=True)):
        head = [float(signals["semantic"][k])] if "semantic" in signals else []
        rows.append(head + pair_features(a, b))
    table = np.asarray(rows, dtype=np.float64).reshape(len(rows), -1)
    if "semantic" not in signals or semantic is None or not rows:
        return table
    extras = [_leftovers(left, right, table, semantic), _soft_alignment(left, right, semantic)]
    return np.hstack([table, *extras])


def _leftovers(
    left: Sequence[str], right: Sequence[str], table: np.ndarray, semantic: SemanticSimilarity
) -> np.ndarray:
    only_left, only_right = [], []
    for a, b in zip(left, right, strict=True):
        wa, wb = words(a), words(b)
        only_left.append(" ".join(w for w in wa if w not in set(wb)))
        only_right.append(" ".join(w for w in wb if w not in set(wa)))
    empty = np.array([not x or not y for x, y in zip(only_left, only_right, strict=True)])
    cos = np.sum(
        semantic.embed([x or "." for x in only_left])
        * semantic.embed([y or "." for y in only_right]),
        axis=1,
    )
    total = np.array(
        [math.log1p(len(words(a)) + len(words(b))) for a, b in zip(left, right, strict=True)]
    )
    length_ratio = table[:, 1 + FEATURES.index("length_ratio")]
    return np.column_stack([cos, empty.astype(np.float64), total, table[:, 0] * length_ratio])


def _soft_alignment(
    left: Sequence[str], right: Sequence[str], semantic: SemanticSimilarity
) -> np.ndarray:
    """How well each content word finds a near-synonym on the other side, both ways.

    Exact matches score 1, so the mean over the words the other side lacks is given too:
    "bought" / "acquired" align, "Tuesday" / "cents" do not.
    """
    pairs = [
        (content_words(a) or ["."], content_words(b) or ["."])
        for a, b in zip(left, right, strict=True)
    ]
    vocab = sorted({w for x, y in pairs for w in (*x, *y)})
    vector = dict(zip(vocab, semantic.embed(vocab), strict=True))
    rows = []
    for x, y in pairs:
        ux, uy = list(dict.fromkeys(x)), list(dict.fromkeys(y))
        sim = np.stack([vector[w] for w in ux]) @ np.stack([vector[w] for w in uy]).T
        best_x, best_y = sim.max(axis=1), sim.max(axis=0)
        lone_x = [i for i, w in enumerate(ux) if w not in set(uy)]
        lone_y = [j for j, w in enumerate(uy) if w not in set(ux)]
        rows.append(
            [
                best_x.mean(),
                best_y.mean(),
                min(best_x.mean(), best_y.mean()),
                best_x[lone_x].mean() if lone_x else 1.0,
                best_y[lone_y].mean() if lone_y else 1.0,
            ]
        )
    return np.asarray(rows, dtype=np.float64)
