"""Print what speaker attribution itself costs per 1,000 sentences, given a parsed article.

    python benchmarks/attribution.py PATH/articles.jsonl.gz [--articles N]

Reads Reuters-21578 articles (JSON lines with a "text" field), parses each with the shared
pipeline first (not timed: the claims stage pays for that parse and attribution reuses it),
then times ``attribute_speakers`` over the article's sentences. The corpus import budget is
the whole Reuters import in 4 minutes on 2 cores, parse included; this figure is the part
attribution adds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

from claimdiff.claims.segment import split_sentences
from claimdiff.claims.speakers import attribute_speakers
from claimdiff.language import nlp


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--articles", dest="count", type=int, default=300)
    args = parser.parse_args(argv)
    texts = []
    with gzip.open(args.articles, "rt", encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line).get("text", "")
            if text.strip():
                texts.append(text)
            if len(texts) >= args.count:
                break
    sentences = 0
    spent = 0.0
    for text in texts:
        spans = split_sentences(text)
        nlp.parse(text)  # the claims stage's parse; cached, so attribution reuses it
        started = time.perf_counter()
        attribute_speakers(text, spans)
        spent += time.perf_counter() - started
        sentences += len(spans)
    per_thousand = 1000 * spent / sentences if sentences else 0.0
    print(
        f"{len(texts)} articles, {sentences} sentences: attribution {spent:.2f} s, "
        f"{per_thousand:.3f} s per 1,000 sentences (parse not counted)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
