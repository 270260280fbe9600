"""Measure labelling by meaning: codebooks made of a few exemplars, on Reuters 1987 claims.

    python eval/codebook_dev.py sample REUTERS   # write the claims to label (gold left empty)
    python eval/codebook_dev.py run REUTERS      # label them with the tool and score

Protocol. Three topics of the Reuters-21578 corpus (US-Japan trade, oil prices, takeover
battles), two opposing positions each, written as codebooks under eval/data/codebooks/ with
five exemplar sentences per position and no cue words or patterns. ``sample`` picks claims
(claimdiff.claims.extract_claims) from articles on each topic by a keyword filter that knows
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
    from claimdiff.claims import extract_claims
    from claimdiff.model import Article

    rows = list(articles(reuters))
    out = DATA / "codebook_gold"
    out.mkdir(parents=True, exist_ok=True)
    for topic in TOPICS:
        chosen = [r for r in rows if topic.article.search(r["title"] + "\n" + r["text"])]
        pool: list[tuple[str, str]] = []
        for row in chosen:
            text = " ".join(row["text"].split())
            article = Article(row["id"], row["id"], row["title"], "Reuters", row["date"], "metadata", text)
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("sample", "run"))
    parser.add_argument("reuters", type=Path, help="reuters21578/articles.jsonl.gz")
    args = parser.parse_args(argv)
    if args.command == "sample":
        sample(args.reuters)
    return 0


if __name__ == "__main__":
    sys.exit(main())
