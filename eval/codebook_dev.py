"""Measure labelling by meaning: codebooks made of a few exemplars, on Reuters 1987 claims.

    python eval/codebook_dev.py sample REUTERS   # write the claims to label (gold left empty)
    python eval/codebook_dev.py run [--half tune|report|all]  # label them and score
    python eval/codebook_dev.py pairs  # the news pair model against the exemplars instead

eval/codebook_meaning.py breaks the errors down by kind and measures topic relevance, a
stance scorer and self-training on the same claims.

Protocol. Three topics of the Reuters-21578 corpus (US-Japan trade, oil prices, takeover
battles), two opposing positions each, written as codebooks under eval/data/codebooks/ with
five exemplar sentences per position and no cue words or patterns. ``sample`` picks claims
(claimdiff.claims.claims.extract_claims) from articles on each topic by a keyword filter that knows
nothing of the positions, and writes them to eval/data/codebook_gold/<topic>.tsv; the gold
column was then filled by hand, reading only the sentence, and committed before ``run`` was
first executed. ``run`` labels the same claims with the first three exemplars of every
position and with all five, and prints precision and recall per position and macro-F1.

Rows are split by position in the file: even rows are the tuning half (thresholds were
chosen there), odd rows the report half, whose figures are the ones quoted in docs/.
The corpus stays outside the repository; only sentence texts of the sample are kept here.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from claimdiff.labels.codebook import Codebook

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "eval" / "data"
PER_TOPIC = 130
SEED = 1987


@dataclass(frozen=True, slots=True)
class Topic:
    """One development topic: its codebook, and the filters that pick its articles and claims."""

    name: str
    codebook: str
    article: re.Pattern[str]
    claim: re.Pattern[str]


TOPICS = (
    Topic(
        "trade",
        "us-japan-trade.yaml",
        re.compile(
            r"japan.{0,200}(semiconductor|chip|tariff|sanction|trade (war|friction|dispute"
            r"|surplus))",
            re.I | re.S,
        ),
        re.compile(
            r"\b(japan\w*|tokyo|trade|tariffs?|sanctions?|semiconductors?|chips?|"
            r"protectionis\w*|retaliat\w*|surplus|imports?|exports?|markets?)\b",
            re.I,
        ),
    ),
    Topic(
        "oil",
        "oil-prices.yaml",
        re.compile(r"\b(crude|oil) prices?\b", re.I),
        re.compile(r"\b(oil|crude|opec|barrels?|prices?)\b", re.I),
    ),
    Topic(
        "takeover",
        "takeover.yaml",
        re.compile(r"hostile|takeover bid|tender offer|rejected the offer|poison pill", re.I),
        re.compile(
            r"\b(offer|bid|takeover|merger|acqui\w+|tender\w*|board|shareholders?|stake)\b",
            re.I,
        ),
    ),
)


def articles(path: Path) -> Iterator[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for line in stream:
            yield json.loads(line)


def sample(reuters: Path) -> None:
    """Write PER_TOPIC claims per topic, in a seeded random order, with an empty gold column."""
    from claimdiff.base.model import Article
    from claimdiff.claims.claims import extract_claims

    rows = list(articles(reuters))
    out = DATA / "codebook_gold"
    out.mkdir(parents=True, exist_ok=True)
    for topic in TOPICS:
        chosen = [r for r in rows if topic.article.search(r["title"] + "\n" + r["text"])]
        pool: list[tuple[str, str]] = []
        for row in chosen:
            text = " ".join(row["text"].split())
            article = Article(
                row["id"], row["id"], row["title"], "Reuters", row["date"], "metadata", text
            )
            for claim in extract_claims(article):
                if topic.claim.search(claim.text) and len(claim.text) < 400:
                    pool.append((claim.id, claim.text))
        random.Random(SEED).shuffle(pool)
        picked = pool[:PER_TOPIC]
        with (out / f"{topic.name}.tsv").open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, delimiter="\t", lineterminator="\n")
            writer.writerow(["id", "gold", "text"])
            for claim_id, text in picked:
                writer.writerow([claim_id, "", text])
        print(f"{topic.name}: {len(chosen)} articles, {len(pool)} claims, wrote {len(picked)}")


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision, recall and F1 per position, and their macro average."""

    per_position: dict[str, tuple[float, float, float, int]]  # p, r, f1, gold support

    @property
    def macro_f1(self) -> float:
        values = [f for _, _, f, _ in self.per_position.values()]
        return sum(values) / len(values) if values else 0.0


def score(gold: Sequence[str], found: Sequence[str], positions: Sequence[str]) -> Scores:
    result: dict[str, tuple[float, float, float, int]] = {}
    for pos in positions:
        hit = sum(1 for g, f in zip(gold, found, strict=True) if g == f == pos)
        said = sum(1 for f in found if f == pos)
        real = sum(1 for g in gold if g == pos)
        precision = hit / said if said else 0.0
        recall = hit / real if real else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[pos] = (precision, recall, f1, real)
    return Scores(result)


def read_gold(topic: Topic) -> list[tuple[str, str, str]]:
    path = DATA / "codebook_gold" / f"{topic.name}.tsv"
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, delimiter="\t"))
    return [(r[0], r[1], r[2]) for r in rows[1:]]


def with_exemplars(codebook: Codebook, count: int) -> Codebook:
    """The codebook with only the first ``count`` exemplars of every position."""
    topics = tuple(
        replace(t, positions=tuple(replace(p, exemplars=p.exemplars[:count]) for p in t.positions))
        for t in codebook.topics
    )
    return replace(codebook, topics=topics)


def predict(codebook: Codebook, texts: Sequence[str]) -> list[str]:
    """The position the labeller gives each sentence on the codebook's (only) topic."""
    from claimdiff.base.model import Claim
    from claimdiff.labels.label import label_claims

    claims = [Claim(f"c{i}", "dev", t, 0, len(t)) for i, t in enumerate(texts)]
    topic = codebook.topics[0].id
    found = []
    for claim in label_claims(claims, codebook):
        label = claim.label_for(topic)
        found.append(label.position if label else "none")
    return found


def run(half: str, threshold: float | None, show: bool) -> None:
    from claimdiff.labels.codebook import load_codebook

    print(f"half: {half} ({'even rows, for tuning' if half == 'tune' else 'odd rows, reported'})")
    macro: dict[int, list[float]] = {3: [], 5: []}
    for topic in TOPICS:
        rows = read_gold(topic)
        rows = rows[0::2] if half == "tune" else rows[1::2] if half == "report" else rows
        full = load_codebook(DATA / "codebooks" / topic.codebook)
        if threshold is not None:
            full = replace(full, exemplar_threshold=threshold)
        positions = [p.id for p in full.topics[0].positions]
        gold = [r[1] for r in rows]
        for count in (3, 5):
            found = predict(with_exemplars(full, count), [r[2] for r in rows])
            result = score(gold, found, positions)
            macro[count].append(result.macro_f1)
            parts = "  ".join(
                f"{pos} P {p:.2f} R {r:.2f} F1 {f:.2f} (n={n})"
                for pos, (p, r, f, n) in result.per_position.items()
            )
            print(f"{topic.name:9s} {count} ex: {parts}  macro-F1 {result.macro_f1:.2f}")
            if show and count == 3:
                for (_cid, g, text), f in zip(rows, found, strict=True):
                    if g != f:
                        print(f"    gold {g:9s} tool {f:9s} {text[:110]}")
    for count, values in macro.items():
        print(f"mean macro-F1, {count} exemplars: {sum(values) / len(values):.3f}")


# The pair-model readings tried by ``pairs``: how a claim's support for position A is read
# from P(same) / P(contradicts) / P(related) against the exemplars (rows: exemplars of A
# or of the position A opposes).
PAIR_RULES = ("same", "same+contradicts-other", "not-related")
PAIR_FLOORS = tuple(round(0.025 * k, 3) for k in range(40))
PAIR_MARGINS = (0.0, 0.02, 0.05, 0.1, 0.2)


def pair_support(rule: str, own: np.ndarray, other: np.ndarray) -> float:
    """Support for a position from its exemplars' rows (``own``) and the opposed ones'."""
    if rule == "same":
        return float(own[:, 0].max())
    if rule == "same+contradicts-other":
        return float(own[:, 0].max() + other[:, 1].max())
    return float(1.0 - own[:, 2].min())


def pair_predict(
    probs: np.ndarray, owners: Sequence[int], positions: Sequence[str], rule: str,
    *, floor: float, margin: float,
) -> list[str]:  # fmt: skip
    """Per claim: the best-supported position, when it clears ``floor`` and beats the next by
    ``margin``; "none" otherwise. ``owners[k]`` is the position index of exemplar k."""
    found = []
    for row in probs:
        support = []
        for p in range(len(positions)):
            own = row[[k for k, o in enumerate(owners) if o == p]]
            other = row[[k for k, o in enumerate(owners) if o != p]]
            support.append(pair_support(rule, own, other))
        order = sorted(range(len(support)), key=lambda p: -support[p])
        top = support[order[0]]
        clear = top >= floor and top - support[order[1]] >= margin
        found.append(positions[order[0]] if clear else "none")
    return found


def pairs() -> None:
    """Label by the news pair model against each exemplar; thresholds chosen on the tune half.

    Every (claim, exemplar) pair is read once (claimdiff.match.newspairs.NewsPairModel, both
    orders); each rule's floor and margin are chosen for the best mean macro-F1 with three
    exemplars on the even rows, and only then scored on the odd rows.
    """
    import time

    from claimdiff.labels.codebook import load_codebook
    from claimdiff.match.newspairs import NewsPairModel

    model = NewsPairModel()
    if not model.available():
        raise SystemExit(model.notice())
    readings: dict[str, tuple[np.ndarray, list[int], list[str], list[str]]] = {}
    started, count = time.process_time(), 0
    for topic in TOPICS:
        rows = read_gold(topic)
        book = load_codebook(DATA / "codebooks" / topic.codebook)
        positions = [p.id for p in book.topics[0].positions]
        exemplars = [(i, e) for i, p in enumerate(book.topics[0].positions) for e in p.exemplars]
        left = [r[2] for r in rows for _ in exemplars]
        right = [e for _ in rows for _, e in exemplars]
        probs = model.probabilities(left, right).reshape(len(rows), len(exemplars), 3)
        count += len(left)
        readings[topic.name] = (probs, [o for o, _ in exemplars], positions, [r[1] for r in rows])
    cost = (time.process_time() - started) / max(count, 1) * 1000
    print(f"{model.model_id()}: {cost:.1f} ms CPU per claim-exemplar pair (both orders)")

    def macro(rule: str, shown: int, half: int, cut: tuple[float, float]) -> list[Scores]:
        out = []
        for probs, owners, positions, gold in readings.values():
            keep = [k for k, o in enumerate(owners) if sum(1 for j in owners[:k] if j == o) < shown]
            found = pair_predict(
                probs[half::2][:, keep], [owners[k] for k in keep], positions, rule,
                floor=cut[0], margin=cut[1],
            )  # fmt: skip
            out.append(score(gold[half::2], found, positions))
        return out

    for rule in PAIR_RULES:
        floor, margin = max(
            ((f, m) for f in PAIR_FLOORS for m in PAIR_MARGINS),
            key=lambda cut: sum(s.macro_f1 for s in macro(rule, 3, 0, cut)),
        )
        for shown in (3, 5):
            for name, half in (("tune", 0), ("report", 1)):
                result = macro(rule, shown, half, (floor, margin))
                parts = "  ".join(
                    f"{pos} {p:.2f}/{r:.2f}"
                    for s in result
                    for pos, (p, r, _f, _n) in s.per_position.items()
                )
                mean = sum(s.macro_f1 for s in result) / len(result)
                print(f"{rule} (floor {floor}, margin {margin}) {shown} ex. {name}: "
                      f"macro-F1 {mean:.3f}  P/R {parts}")  # fmt: skip


def suggestions(top: int) -> None:
    """Group each topic's hand-labelled claims with claimdiff.labels.suggest and score the groups.

    A hand-made position "appears" when one of the ``top`` suggestions has it as its
    majority label. Purity: the share of a suggestion's claims that carry its majority
    label ("none" included), weighted by size over the top suggestions.
    """
    from collections import Counter

    from claimdiff.labels.codebook import load_codebook
    from claimdiff.labels.suggest import Item, suggest_positions
    from claimdiff.similarity.semantic import default_backend

    semantic = default_backend().semantic  # type: ignore[attr-defined]
    for topic in TOPICS:
        rows = read_gold(topic)
        book = load_codebook(DATA / "codebooks" / topic.codebook)
        about = [book.topics[0].label, book.description]
        found = suggest_positions([Item(r[2]) for r in rows], about, semantic.embed)[:top]
        appear: set[str] = set()
        pure = 0
        total = 0
        for s in found:
            labels = Counter(rows[m][1] for m in s.members)
            label, count = labels.most_common(1)[0]
            pure += count
            total += s.size
            if label != "none":
                appear.add(label)
            print(f"  {topic.name}: size {s.size:3d} majority {label:9s} {count / s.size:.2f} "
                  f"{dict(labels)} {', '.join(s.words)}")  # fmt: skip
        positions = [p.id for p in book.topics[0].positions]
        shown = ", ".join(p for p in positions if p in appear) or "none"
        print(f"{topic.name}: {len(appear & set(positions))} of {len(positions)} hand-made "
              f"positions among the top {top} ({shown}); purity {pure / max(total, 1):.2f} "
              f"over {total} claims in {len(found)} suggestions")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("sample", "run", "suggest", "pairs"))
    parser.add_argument("reuters", type=Path, nargs="?", help="reuters21578/articles.jsonl.gz")
    parser.add_argument("--half", choices=("tune", "report", "all"), default="report")
    parser.add_argument("--threshold", type=float, help="override thresholds.exemplar")
    parser.add_argument("--show", action="store_true", help="print the disagreements")
    args = parser.parse_args(argv)
    if args.command == "sample":
        if args.reuters is None:
            parser.error("sample needs the path of reuters21578/articles.jsonl.gz")
        sample(args.reuters)
    elif args.command == "suggest":
        suggestions(top=6)
    elif args.command == "pairs":
        pairs()
    else:
        run(args.half, args.threshold, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
