"""The same article as hard-wrapped .txt, unwrapped .txt and JSONL record gives the same claims.

    python eval/reflow_equivalence.py DATA [--articles 300] [--show 3] [--without-dateline]

DATA is the shared data folder (reuters21578/articles.jsonl.gz). For each of the first N
Reuters articles this builds:

* a wire .txt as the agency sends it: the headline line, then the dateline and the body,
  hard-wrapped at about 65 characters with indented paragraph starts (the corpus's own text);
* the same .txt unwrapped: every paragraph on one line, a blank line between paragraphs;
* the JSONL record as the corpus importer reads it (title, dateline and text columns; the
  dateline opens the text again, as in the wire copy). ``--without-dateline`` drops that
  column, as an export that lost it: the body's first line is then cut short, with nothing
  before it.

The .txt files are read by ``claimdiff.ingest.load.load_article`` and the record by the importer's
``row_article``, as the app and ``claimdiff corpus import`` do. It prints how many articles
give identical claim texts (white space compared as single spaces) in all three forms.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
from pathlib import Path

from claimdiff.base.model import Article
from claimdiff.claims.claims import extract_claims
from claimdiff.corpus.work import Job, Row, row_article
from claimdiff.ingest.load import load_article

_PARAGRAPH = re.compile(r"\n(?=[ \t])|\n\s*\n")


def unwrapped(text: str) -> str:
    """One line per paragraph: Reuters paragraphs start on an indented line."""
    paragraphs = [" ".join(p.split()) for p in _PARAGRAPH.split(text)]
    return "\n\n".join(p for p in paragraphs if p)


def claim_texts(article: Article) -> list[str]:
    return [" ".join(c.text.split()) for c in extract_claims(article)]


def from_file(folder: Path, name: str, text: str) -> Article:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return load_article(str(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--show", type=int, default=3, help="differences to print")
    parser.add_argument("--without-dateline", action="store_true")
    args = parser.parse_args(argv)
    same = differ = claims = 0
    with (
        gzip.open(args.data / "reuters21578" / "articles.jsonl.gz", "rt", encoding="utf-8") as f,
        tempfile.TemporaryDirectory() as tmp,
    ):
        folder = Path(tmp)
        for number, line in enumerate(f):
            if number >= args.articles:
                break
            record = json.loads(line)
            wire = record["title"] + "\n" + record["dateline"] + " " + record["text"]
            flat = record["title"] + "\n\n" + record["dateline"] + " " + unwrapped(record["text"])
            dateline = None if args.without_dateline else record["dateline"]
            row = Row(record["text"], record["title"], record["date"], dateline=dateline)
            forms = {
                "wrapped": claim_texts(from_file(folder, "wrapped.txt", wire)),
                "unwrapped": claim_texts(from_file(folder, "unwrapped.txt", flat)),
                "jsonl": claim_texts(row_article(Job(record["id"], "articles.jsonl", row), row)),
            }
            claims += len(forms["jsonl"])
            if forms["wrapped"] == forms["unwrapped"] == forms["jsonl"]:
                same += 1
                continue
            differ += 1
            if differ <= args.show:
                print(f"{record['id']} differs:")
                for name, texts in forms.items():
                    print(f"  {name}: {len(texts)} claims")
                    others = [t for k, v in forms.items() if k != name for t in v]
                    for text in texts:
                        if text not in others or texts.count(text) != others.count(text) / 2:
                            print(f"    {text[:110]!r}")
    total = same + differ
    print(f"{same} of {total} articles give identical claim texts in all three forms")
    print(f"{claims} claims from the JSONL records ({claims / max(total, 1):.1f} an article)")
    return 0 if differ == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
