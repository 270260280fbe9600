"""How often the shipped codebook's talks topic labels trade talks, and arms talks.

    python eval/talks_subject.py DATA [--codebook FILE] [--topic talks|treaties] [--show]

DATA is the shared data folder (reuters21578/). Articles are picked by keywords only, before
any labelling: *trade* articles name Japan, trade (or tariffs, semiconductors, chips) and
talks or negotiations, and no arms word; *arms* articles name arms (or missiles, nuclear,
INF, SDI, Star Wars, ABM), the Soviets and talks. From the trade articles, 60 drawn with
seed 0 are the *tune* half (looked at while writing the codebook's subject rule) and 60
others drawn with seed 1 are the *held-out* half; every arms article is used. Each article
is written to a .txt and read as the app reads a file, then its claims are labelled.

Figures: per sample, claims labelled on the talks topic (by position) and articles with
any talks label. On trade articles every talks label is wrong; on arms articles they are
what the topic is for. ``--topic treaties`` counts the treaties topic on the same samples:
trade articles speak of "the agreement" (on semiconductors, on tariffs) as arms articles
speak of a treaty, and every treaties label on a trade article is wrong as well.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from claimdiff.base.model import Claim
from claimdiff.claims.claims import extract_claims
from claimdiff.ingest.load import load_article
from claimdiff.labels.codebook import load_codebook
from claimdiff.labels.label import label_claims

TRADE = re.compile(r"\b(?:trade|tariffs?|semiconductors?|chips?)\b", re.I)
JAPAN = re.compile(r"\bJapan(?:ese)?\b")
TALKS = re.compile(r"\b(?:talks|negotiat\w+)\b", re.I)
ARMS = re.compile(r"\b(?:arms|missiles?|nuclear|INF|SDI|Star Wars|ABM)\b")
SOVIET = re.compile(r"\b(?:Soviets?|Moscow|Gorbachev|Kremlin)\b")
SAMPLE = 60
Article = dict[str, str]


def samples(data: Path) -> dict[str, list[Article]]:
    trade: list[Article] = []
    arms: list[Article] = []
    with gzip.open(data / "reuters21578" / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            text = a["title"] + "\n" + a["text"]
            if ARMS.search(text) and SOVIET.search(text) and TALKS.search(text):
                arms.append(a)
            elif (
                TRADE.search(text)
                and JAPAN.search(text)
                and TALKS.search(text)
                and not ARMS.search(text)
            ):
                trade.append(a)
    tune = random.Random(0).sample(trade, SAMPLE)
    rest = [a for a in trade if a not in tune]
    held = random.Random(1).sample(rest, min(SAMPLE, len(rest)))
    return {"trade (tune)": tune, "trade (held-out)": held, "arms": arms}


def claims_of(article: Article, folder: Path) -> tuple[Claim, ...]:
    path = folder / f"{article['id']}.txt"
    path.write_text(article["title"] + "\n\n" + article["text"], encoding="utf-8")
    return extract_claims(load_article(path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--codebook", help="codebook YAML (default: the shipped one)")
    parser.add_argument("--topic", default="talks", help="the codebook topic to count")
    parser.add_argument("--show", action="store_true", help="print every label of the topic")
    args = parser.parse_args()
    book = load_codebook(args.codebook)
    with tempfile.TemporaryDirectory() as tmp:
        for name, articles in samples(args.data).items():
            positions: Counter[str] = Counter()
            touched = 0
            for article in articles:
                labelled = label_claims(claims_of(article, Path(tmp)), book)
                found = [(c, lab) for c in labelled for lab in c.labels if lab.topic == args.topic]
                touched += bool(found)
                positions.update(lab.position for _, lab in found)
                for claim, lab in found if args.show else ():
                    text = " ".join(claim.text.split())[:120]
                    print(f"  {article['id']} {lab.position} <{lab.evidence}> {text}")
            print(
                f"{name}: {len(articles)} articles, {args.topic} labels {sum(positions.values())} "
                f"{dict(sorted(positions.items()))}, articles with one {touched}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
