"""Exemplar-only codebooks: where the labeller goes wrong, and what was tried to fix it.

    python eval/codebook_meaning.py errors                 # the shipped labeller's errors by kind
    python eval/codebook_meaning.py topic REUTERS          # topic relevance alone
    python eval/codebook_meaning.py stance PAIRS           # a stance scorer over static vectors
    python eval/codebook_meaning.py selftrain REUTERS      # a per-codebook head, self-trained

REUTERS is reuters21578/articles.jsonl.gz, PAIRS the folder of the development pair files
(train.jsonl.gz, opposing-positions.jsonl.gz). Same claims, gold and halves as
eval/codebook_dev.py: every choice below was made on the even rows (tune half); only
``selftrain`` scores the odd rows, once, with what the tune half chose. Nothing here runs in
the app; docs/codebook.md reports the figures and why none of it was adopted.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import codebook_dev as dev

BACKGROUND = 3000  # random corpus sentences: what an unrelated claim's similarity looks like
SEED = 1987
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors from the shipped static sentence model (the labeller's own)."""
    from claimdiff.similarity.semantic import default_backend

    semantic = default_backend().semantic  # type: ignore[attr-defined]
    vectors: np.ndarray = semantic.embed(list(texts))
    return vectors


@dataclass(frozen=True, slots=True)
class Sample:
    """One topic's hand-labelled claims with its codebook's exemplars, as vectors."""

    name: str
    positions: list[str]
    texts: list[str]
    gold: list[str]
    claims: np.ndarray
    exemplars: np.ndarray
    owners: np.ndarray  # position index of each exemplar
    exemplar_texts: list[str]

    def half(self, which: int) -> list[int]:
        """Row indices of the tune (0, even rows) or report (1, odd rows) half."""
        return list(range(which, len(self.texts), 2))


def samples(count: int) -> list[Sample]:
    """Every development topic with the first ``count`` exemplars of each position."""
    from claimdiff.labels.codebook import load_codebook

    found = []
    for topic in dev.TOPICS:
        rows = dev.read_gold(topic)
        book = load_codebook(dev.DATA / "codebooks" / topic.codebook)
        positions = book.topics[0].positions
        pairs = [(i, e) for i, p in enumerate(positions) for e in p.exemplars[:count]]
        found.append(
            Sample(
                topic.name,
                [p.id for p in positions],
                [r[2] for r in rows],
                [r[1] for r in rows],
                embed([r[2] for r in rows]),
                embed([e for _, e in pairs]),
                np.array([i for i, _ in pairs]),
                [e for _, e in pairs],
            )
        )
    return found


def background(reuters: Path, count: int = BACKGROUND) -> np.ndarray:
    """Vectors of ``count`` random sentences of the whole corpus (seeded; a plain split)."""
    sentences = []
    for row in dev.articles(reuters):
        text = " ".join(row["text"].split())
        sentences.extend(s for s in _SENTENCE_END.split(text) if 40 < len(s) < 400)
    return embed(random.Random(SEED).sample(sentences, count))


def errors() -> None:
    """The shipped labeller's tune-half errors: wrong about *whether* or about *which* side."""
    from claimdiff.labels.codebook import load_codebook

    for count in (3, 5):
        total: Counter[str] = Counter()
        for topic in dev.TOPICS:
            rows = dev.read_gold(topic)[0::2]
            book = dev.with_exemplars(load_codebook(dev.DATA / "codebooks" / topic.codebook), count)
            found = dev.predict(book, [r[2] for r in rows])
            kinds = Counter(_error_kind(r[1], f) for r, f in zip(rows, found, strict=True))
            kinds["flagged"] = sum(f != "none" for f in found)
            kinds["flagged right"] = sum(
                f != "none" != r[1] for r, f in zip(rows, found, strict=True)
            )
            kinds["taking"] = sum(r[1] != "none" for r in rows)
            total.update(kinds)
            print(f"{count} ex. {topic.name:9s} {_kinds(kinds)}")
        print(f"{count} ex. all       {_kinds(total)}")


def _error_kind(gold: str, found: str) -> str:
    if gold == found:
        return "right"
    if gold == "none":
        return "labelled, takes no position"
    if found == "none":
        return "takes a position, unlabelled"
    return "wrong side"


def _kinds(kinds: Counter[str]) -> str:
    order = ("right", "labelled, takes no position", "takes a position, unlabelled", "wrong side")
    p = kinds["flagged right"] / max(kinds["flagged"], 1)
    r = kinds["flagged right"] / max(kinds["taking"], 1)
    return (
        "  ".join(f"{k}: {kinds[k]}" for k in order) + f"  ('takes a position' P {p:.2f} R {r:.2f})"
    )


def auc(positive: np.ndarray, negative: np.ndarray) -> float:
    """Chance that a random positive scores above a random negative (ties count half)."""
    if not len(positive) or not len(negative):
        return float("nan")
    above = (positive[:, None] > negative[None, :]).mean()
    ties = (positive[:, None] == negative[None, :]).mean()
    return float(above + 0.5 * ties)


def topic_z(sample: Sample, back: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """z-scores of similarity to the centroid of all the topic's exemplars, both positions,
    against the corpus background: for the sample's claims and for the background itself."""
    centre = sample.exemplars.mean(axis=0)
    centre /= np.linalg.norm(centre)
    base = back @ centre
    return (sample.claims @ centre - base.mean()) / base.std(), (base - base.mean()) / base.std()


def topic(reuters: Path) -> None:
    """Topic relevance alone: does the centroid z-score find the subject, and the positions?

    Every sampled claim is on the subject (a keyword filter picked them), so "on topic"
    against the background is the subject; "takes a position" is gold != none. One z
    threshold for all topics is chosen on the tune half (best pooled F1), then applied to both.
    """
    back = background(reuters)
    for count in (3, 5):
        tops = samples(count)
        scored = [(s, *topic_z(s, back)) for s in tops]
        for s, z, zb in scored:
            taking = np.array([g != "none" for g in s.gold])
            print(f"{count} ex. {s.name:9s} AUC subject vs corpus {auc(z, zb):.2f}  "
                  f"AUC takes a position vs not {auc(z[taking], z[~taking]):.2f}")  # fmt: skip
        cut = max(np.arange(0.0, 4.01, 0.1), key=lambda t: _pooled(scored, 0, t)[2])
        for name, half in (("tune", 0), ("report", 1)):
            p, r, f = _pooled(scored, half, cut)
            print(f"{count} ex. {name}: z >= {cut:.1f} as 'takes a position': P {p:.2f} R {r:.2f} "
                  f"F1 {f:.2f}")  # fmt: skip
        gated = [_gate_nearest(s, z, cut) for s, z, _ in scored]
        print(f"{count} ex. tune: z >= {cut:.1f}, then the nearest exemplar's side: macro-F1 "
              f"{np.mean([g.macro_f1 for g in gated]):.3f}")  # fmt: skip


def _gate_nearest(s: Sample, z: np.ndarray, cut: float) -> dev.Scores:
    """Tune-half scores of labelling every claim over the z cut with its nearest exemplar's side."""
    kinds = range(len(s.positions))
    near = np.stack([(s.claims @ s.exemplars[s.owners == k].T).max(1) for k in kinds], 1)
    rows = s.half(0)
    found = [s.positions[int(near[i].argmax())] if z[i] >= cut else "none" for i in rows]
    return dev.score([s.gold[i] for i in rows], found, s.positions)


def _pooled(
    scored: list[tuple[Sample, np.ndarray, np.ndarray]], half: int, cut: float
) -> tuple[float, float, float]:
    hit = said = real = 0
    for s, z, _ in scored:
        for i in s.half(half):
            taking, flagged = s.gold[i] != "none", bool(z[i] >= cut)
            hit += taking and flagged
            said += flagged
            real += taking
    p, r = hit / max(said, 1), hit / max(real, 1)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


# --- stance ----------------------------------------------------------------------------------


def stance_pairs(folder: Path) -> list[tuple[str, str, int]]:
    """(a, b, 1 if a and b take the same side else 0) from the development pair files.

    Opposing positions: Perspectrum perspectives that support vs undermine one claim (0);
    two perspectives opposing the same third one are on one side (1). ArgKP: an argument
    and the key point it matches (1). FNC-1: a headline and a body that agrees (1) or
    disagrees (0) with it.
    """
    pairs: list[tuple[str, str, int]] = []
    against: dict[str, set[str]] = {}
    for row in _jsonl(folder / "opposing-positions.jsonl.gz"):
        pairs.append((row["a"], row["b"], 0))
        against.setdefault(row["a"], set()).add(row["b"])
        against.setdefault(row["b"], set()).add(row["a"])
    for others in against.values():
        pairs.extend((a, b, 1) for a, b in itertools.combinations(sorted(others), 2))
    for row in _jsonl(folder / "train.jsonl.gz"):
        if row["source"] == "argkp" and row["label"] == "entailment":
            pairs.append((row["a"], row["b"], 1))
        elif row["source"] == "fnc1" and row["label"] in ("entailment", "contradiction"):
            pairs.append((row["a"], row["b"], int(row["label"] == "entailment")))
    return pairs


def _jsonl(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return [json.loads(line) for line in stream]


def groups(pairs: Sequence[tuple[str, str, int]]) -> dict[str, str]:
    """Each sentence's connected group, so held-out pairs share no sentence with training."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in pairs:
        parent[root(a)] = root(b)
    return {x: root(x) for x in list(parent)}


def negation_parity(texts: Sequence[str]) -> np.ndarray:
    """1 where a sentence has an odd number of negators (claimdiff.claims.structure)."""
    from claimdiff.claims.structure import read_structure

    return np.array([len(read_structure(t[:600]).negators) % 2 for t in texts], dtype=np.float32)


def pair_features(
    u: np.ndarray, v: np.ndarray, nu: np.ndarray | None = None, nv: np.ndarray | None = None
) -> np.ndarray:
    """Symmetric pair features: |u-v|, u*v, cosine, and whether the negation parities differ."""
    cosine = (u * v).sum(axis=1, keepdims=True)
    parts = [np.abs(u - v), u * v, cosine]
    if nu is not None and nv is not None:
        parts.append((nu != nv).astype(np.float32)[:, None])
    return np.hstack(parts)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 600) -> np.ndarray:
    """Class-balanced L2 logistic regression by gradient descent; weights with the bias last."""
    x1 = np.hstack([x, np.ones((len(x), 1), dtype=x.dtype)])
    weight = np.where(y == 1, 0.5 / max(y.mean(), 1e-9), 0.5 / max(1 - y.mean(), 1e-9))
    w = np.zeros(x1.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x1 @ w)))
        grad = x1.T @ ((p - y) * weight) / len(y) + l2 * np.r_[w[:-1], 0.0] / len(y)
        w -= 2.0 * grad
    return w


def logistic(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    out: np.ndarray = 1.0 / (1.0 + np.exp(-(x @ w[:-1] + w[-1])))
    return out


def stance(folder: Path) -> None:
    """Train the same-side scorer on four fifths of the pair groups, test on the rest, then
    read each positioned tune claim's side from its agreement with each position's exemplars."""
    pairs = stance_pairs(folder)
    group = groups(pairs)
    held = {g for g in set(group.values()) if random.Random(g).random() < 0.2}
    texts = sorted(group)
    vectors = dict(zip(texts, embed(texts), strict=True))
    parity = dict(zip(texts, negation_parity(texts), strict=True))

    def data(rows: list[tuple[str, str, int]]) -> tuple[np.ndarray, np.ndarray]:
        u = np.stack([vectors[a] for a, _, _ in rows])
        v = np.stack([vectors[b] for _, b, _ in rows])
        nu = np.array([parity[a] for a, _, _ in rows])
        nv = np.array([parity[b] for _, b, _ in rows])
        return pair_features(u, v, nu, nv), np.array([y for _, _, y in rows], dtype=float)

    train = [p for p in pairs if group[p[0]] not in held]
    test = [p for p in pairs if group[p[0]] in held]
    print(f"{len(pairs)} pairs ({sum(p[2] for p in pairs)} same side); "
          f"{len(train)} train, {len(test)} held out by group")  # fmt: skip
    x, y = data(train)
    xt, yt = data(test)
    w = max((fit_logistic(x, y, l2) for l2 in (0.1, 1.0, 10.0)), key=lambda w: _balanced(x, y, w))
    print(f"balanced accuracy: train {_balanced(x, y, w):.3f}, held out {_balanced(xt, yt, w):.3f}")
    for count in (3, 5):
        for s in samples(count):
            print(f"{count} ex. {s.name:9s} {_sides(s, w)}")
    many = samples(3)[0]
    batch = [t for _, t in zip(range(1000), itertools.cycle(texts), strict=False)]
    started = time.process_time()
    x = embed(batch)
    parity_of = negation_parity(batch)
    for e, p in zip(many.exemplars, negation_parity(many.exemplar_texts), strict=True):
        logistic(pair_features(x, np.repeat(e[None], len(x), 0), parity_of, p), w)
    print(
        f"cost: {time.process_time() - started:.2f} s CPU per 1,000 claims, 6 exemplars, "
        "embedding and negation reading included"
    )


def _balanced(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    said = logistic(x, w) >= 0.5
    return float(0.5 * (said[y == 1].mean() + (~said[y == 0]).mean()))


def _sides(s: Sample, w: np.ndarray) -> str:
    """Right sides among the tune claims that take a position: stance scorer, nearest
    exemplar, and always the commoner side."""
    rows = [i for i in s.half(0) if s.gold[i] != "none"]
    gold = np.array([s.positions.index(s.gold[i]) for i in rows])
    x = s.claims[rows]
    parity = negation_parity([s.texts[i] for i in rows])
    ex_parity = negation_parity(s.exemplar_texts)
    agree = np.stack(
        [
            logistic(pair_features(x, np.repeat(e[None], len(x), 0), parity, ex_parity[j]), w)
            for j, e in enumerate(s.exemplars)
        ],
        axis=1,
    )
    kinds = range(len(s.positions))
    by_stance = np.stack(
        [agree[:, s.owners == k].mean(1) - agree[:, s.owners != k].mean(1) for k in kinds], 1
    ).argmax(1)
    near = np.stack([(x @ s.exemplars[s.owners == k].T).max(1) for k in kinds], 1).argmax(1)
    common = max(int((gold == k).sum()) for k in kinds)
    return (f"of {len(rows)}: stance scorer {(by_stance == gold).sum()}, nearest exemplar "
            f"{(near == gold).sum()}, commoner side {common}")  # fmt: skip


# --- self-training ---------------------------------------------------------------------------

SELF_ROUNDS = (0, 1, 2, 3)
SELF_PER_ROUND = (2, 4, 8)
SELF_L2 = (0.1, 1.0)
SELF_CUTS = (0.3, 0.4, 0.5, 0.6, 0.7)
NONE_SAMPLE = 500


@dataclass(frozen=True, slots=True)
class SelfTraining:
    rounds: int
    per_round: int
    l2: float
    cut: float


def self_train(s: Sample, back: np.ndarray, how: SelfTraining) -> list[str]:
    """Label every claim of the sample with a softmax head fitted on the exemplars (one
    class per position) and corpus sentences ("none"), then refitted ``rounds`` times with
    the ``per_round`` claims of the batch it is surest of per position added as pseudo-labels.

    Vectors are centred on the batch's mean first, so what every claim of the topic shares
    does not carry the decision. The gold labels are never read.
    """
    mean = s.claims.mean(axis=0)
    claims, exemplars, none = (_centred(v, mean) for v in (s.claims, s.exemplars, back))
    kinds = len(s.positions)
    x = np.vstack([exemplars, none])
    y = np.concatenate([s.owners, np.full(len(none), kinds)])
    weight = np.concatenate(
        [np.full(len(exemplars), len(none) / len(exemplars)), np.ones(len(none))]
    )
    w = _fit_softmax(x, y, kinds + 1, how.l2, weight)
    chosen: dict[int, int] = {}
    for _ in range(how.rounds):
        p = _softmax(claims, w)
        for k in range(kinds):
            fresh = [int(i) for i in np.argsort(-p[:, k]) if int(i) not in chosen]
            chosen.update((i, k) for i in fresh[: how.per_round])
        picked = sorted(chosen)
        w = _fit_softmax(
            np.vstack([x, claims[picked]]),
            np.concatenate([y, [chosen[i] for i in picked]]),
            kinds + 1,
            how.l2,
            np.concatenate([weight, np.full(len(picked), weight[0] / 2)]),
        )
    p = _softmax(claims, w)
    best = p[:, :kinds].argmax(1)
    return [s.positions[k] if p[i, k] >= how.cut else "none" for i, k in enumerate(best)]


def _centred(v: np.ndarray, mean: np.ndarray) -> np.ndarray:
    out = v - mean
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def _softmax(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    z = x @ w[:-1] + w[-1]
    z = np.exp(z - z.max(axis=1, keepdims=True))
    out: np.ndarray = z / z.sum(axis=1, keepdims=True)
    return out


def _fit_softmax(
    x: np.ndarray, y: np.ndarray, kinds: int, l2: float, weight: np.ndarray, *, steps: int = 300
) -> np.ndarray:
    """Weighted L2 softmax regression by gradient descent; weights with the bias row last."""
    w = np.zeros((x.shape[1] + 1, kinds))
    target = np.eye(kinds)[y]
    for _ in range(steps):
        g = (_softmax(x, w) - target) * (weight / weight.sum())[:, None]
        w[:-1] -= x.T @ g + l2 * w[:-1] / len(y)
        w[-1] -= g.sum(axis=0)
    return w


def selftrain(reuters: Path) -> None:
    """Choose rounds, pseudo-labels per round, L2 and cut-off on the tune half (three
    exemplars, mean macro-F1), then score both halves with 3 and 5 exemplars once."""
    back = background(reuters, NONE_SAMPLE)
    tops = {count: samples(count) for count in (3, 5)}

    def macro(how: SelfTraining, count: int, half: int) -> list[dev.Scores]:
        out = []
        for s in tops[count]:
            found = self_train(s, back, how)
            rows = s.half(half)
            out.append(dev.score([s.gold[i] for i in rows], [found[i] for i in rows], s.positions))
        return out

    grid = [
        SelfTraining(r, n, l2, c)
        for r in SELF_ROUNDS
        for n in (SELF_PER_ROUND if r else SELF_PER_ROUND[:1])
        for l2 in SELF_L2
        for c in SELF_CUTS
    ]
    how = max(grid, key=lambda h: sum(s.macro_f1 for s in macro(h, 3, 0)))
    print(f"chosen on the tune half: {how}")
    big = replace(tops[3][0], claims=background(reuters, 1000))
    started = time.process_time()
    self_train(big, back, how)
    print(
        f"cost: {time.process_time() - started:.2f} s CPU for a batch of 1,000 claims "
        "(vectors given)"
    )
    for count in (3, 5):
        for name, half in (("tune", 0), ("report", 1)):
            result = macro(how, count, half)
            parts = "  ".join(
                f"{pos} {p:.2f}/{r:.2f}"
                for s in result
                for pos, (p, r, _f, _n) in s.per_position.items()
            )
            mean = sum(s.macro_f1 for s in result) / len(result)
            print(f"{count} ex. {name}: macro-F1 {mean:.3f}  P/R {parts}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("errors", "topic", "stance", "selftrain"))
    parser.add_argument("data", type=Path, nargs="?", help="REUTERS file or PAIRS folder")
    args = parser.parse_args(argv)
    if args.command != "errors" and args.data is None:
        parser.error(f"{args.command} needs its data path (see the module's docstring)")
    if args.command == "errors":
        errors()
    elif args.command == "topic":
        topic(args.data)
    elif args.command == "stance":
        stance(args.data)
    else:
        selftrain(args.data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
