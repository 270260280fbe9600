"""How comparing two articles scales with their length, beside difflib.HtmlDiff in the same run.

    python benchmarks/compare_scale.py [--data DIR] [--sizes 40 100 200 400 800 1600]

For each size N, two articles of N sentences each are compared in a fresh process ("cold":
models load and both articles are analysed within the timed call; imports are not timed;
"matching" is the part after both articles' claims are ready: candidates, judge, links),
and the same sentences go through difflib.HtmlDiff().make_file in another fresh process.
Printed: seconds, claims a side, candidate pairs judged, and the peak resident memory of the
process (ru_maxrss). The sentences are Reuters-21578 stories from DATA (default: the shared
data folder beside the repository; the left article takes stories from the start of the
file, the right one from further on), or, without it, the seed articles' sentences over and
over. Figures, not assertions: run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
SIZES = (40, 100, 200, 400, 800, 1600)


def sentences(data: Path | None, count: int, offset: int) -> list[str]:
    """``count`` body sentences, from Reuters stories when ``data`` has them, else the seeds."""
    from claimdiff.segment import split_sentences

    texts: list[str] = []
    wire = data / "reuters21578" / "articles.jsonl.gz" if data else None
    if wire is not None and wire.exists():
        with gzip.open(wire, "rt", encoding="utf-8") as f:
            texts = [" ".join(json.loads(line)["text"].split()) for line in f]
        texts = texts[offset:] + texts[:offset]
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    found: list[str] = []
    while len(found) < count:
        for text in texts:
            found.extend(text[s.start : s.end] for s in split_sentences(text))
            if len(found) >= count:
                break
    return found[:count]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(kind: str, size: int, data: Path | None) -> dict[str, float]:
    """Run in a child process: one comparison (or one HtmlDiff) of two ``size``-sentence texts."""
    left, right = sentences(data, size, 0), sentences(data, size, 5000)
    if kind == "htmldiff":
        start = time.perf_counter()
        difflib.HtmlDiff().make_file(left, right)
        return {"seconds": time.perf_counter() - start, "mb": peak_mb()}
    from claimdiff import compare as compare_module
    from claimdiff.codebook import load_codebook
    from claimdiff.model import Article
    from claimdiff.pipeline import Analyser

    def article(name: str, lines: list[str]) -> Article:
        text = "\n\n".join(lines) + "\n"
        return Article(name, f"{name}.txt", name, None, None, "none", text)

    counted: list[int] = []
    judge = compare_module.judge_candidates

    def counting(*args: object, **kwargs: object) -> object:
        counted.append(len(args[3]))  # type: ignore[arg-type]
        return judge(*args, **kwargs)  # type: ignore[arg-type]

    compare_module.judge_candidates = counting  # type: ignore[assignment]
    analyser = Analyser(load_codebook())
    a, b = article("left", left), article("right", right)
    start = time.perf_counter()
    analyser.claims(a), analyser.claims(b)
    analysed = time.perf_counter()
    comparison = analyser.compare(a, b)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "matching": time.perf_counter() - analysed,
        "mb": peak_mb(),
        "claims": (len(comparison.left_claims) + len(comparison.right_claims)) / 2,
        "candidates": float(sum(counted)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--one", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    data = Path(args.data) if args.data and Path(args.data).exists() else None
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]), data)))
        return 0
    source = "Reuters-21578 stories" if data else "the seed articles, repeated"
    print(f"Two articles of N sentences each ({source}); fresh process per figure")
    print("     N  claims  candidates  compare s (matching)  peak MB   HtmlDiff s  peak MB")
    for size in args.sizes:
        found = []
        for kind in ("claimdiff", "htmldiff"):
            command = [
                sys.executable,
                __file__,
                "--data",
                str(data or ""),
                "--one",
                kind,
                str(size),
            ]
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            found.append(json.loads(out.strip().splitlines()[-1]))
        ours, html = found
        print(
            f"{size:6d}  {ours['claims']:6.0f}  {ours['candidates']:10.0f}  {ours['seconds']:9.2f}"
            f" ({ours['matching']:6.2f})  {ours['mb']:7.0f}"
            f"   {html['seconds']:10.2f}  {html['mb']:7.0f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
