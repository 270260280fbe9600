"""How long suggesting positions takes on the whole Reuters-21578 collection (19,042 articles).

The corpus file is read from --reuters (never copied into the repository). Its sentences
(split on sentence-final punctuation, as a stand-in for the claims a corpus import has
already stored) go through claimdiff.labels.suggest.suggest_positions for a few topics; the
figures are printed, not asserted: sentences, seconds to embed, seconds to group, peak
memory, and the groups found. Each topic's time includes embedding every sentence.

    python benchmarks/suggest.py --reuters PATH/reuters21578/articles.jsonl.gz
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import time
from pathlib import Path

from claimdiff.labels.suggest import Item, suggest_positions
from claimdiff.similarity.semantic import SemanticSimilarity

TOPICS = (
    ("US-Japan trade", "Japan trade dispute: semiconductor tariffs and sanctions"),
    ("oil prices", "crude oil prices and OPEC output"),
    ("takeover battles", "hostile takeover bid rejected or accepted by the board"),
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def sentences(path: Path) -> list[Item]:
    items = []
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            for text in _SENTENCE.split(" ".join(row["text"].split())):
                if 40 <= len(text) <= 400:
                    items.append(Item(text, row.get("date")))
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuters", type=Path, required=True)
    args = parser.parse_args()
    start = time.perf_counter()
    items = sentences(args.reuters)
    print(f"{len(items):,} sentences read in {time.perf_counter() - start:.1f} s")
    model = SemanticSimilarity()  # its cache holds 20,000 sentences: each topic embeds all
    for name, about in TOPICS:
        start = time.perf_counter()
        found = suggest_positions(items, [name, about], model.embed, groups=6)
        took = time.perf_counter() - start
        size = sum(s.size for s in found)
        print(f"{name}: {len(found)} groups of {size} claims in {took:.1f} s")
        for s in found:
            print(f"   {s.size:4d} {s.span:24s} {', '.join(s.words)}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
