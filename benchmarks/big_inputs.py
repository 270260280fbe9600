"""Time and peak memory of analysing big and pathological articles: each finishes or is refused.

    python benchmarks/big_inputs.py [--limit 60] [--only NAME ...]

Each case is written to a temporary .txt and analysed in a fresh process as the app does
(``load_article``, then ``pipeline.analyse`` with the shipped codebook), so the figures
include loading the spaCy pipeline once (about 1-2 s) and the peak resident memory is that
case's alone. A case that neither finishes nor is refused within ``--limit`` seconds is
killed and reported as a failure. Cases:

* prose of 0.1, 0.35 (just under the 60,000-word limit), 1, 5, 10 and 20 MB, made of the
  seed articles' paragraphs repeated;
* one line of 10 MB (the same prose with no line breaks);
* 100,000 and 50,000 one-word lines;
* 100,000 sentences without a verb ("Blue skies over the harbour.").
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1_000_000

CHILD = """
import resource, sys, time
start = time.perf_counter()
from claimdiff.labels.codebook import load_codebook
from claimdiff.base.errors import InputError
from claimdiff.ingest.load import load_article
from claimdiff.session.pipeline import analyse
try:
    claims = analyse(load_article(sys.argv[1]), load_codebook(None))
    outcome = f"done: {len(claims):,} claims"
except InputError as exc:
    outcome = "refused: " + exc.problem.split(";")[0]
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{seconds:.1f}\\t{peak:.0f}\\t{outcome}")
"""


def prose() -> str:
    """The seeds' body paragraphs, one a line with blank lines between."""
    paragraphs = [
        line.strip()
        for path in sorted((ROOT / "seeds").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.split()) > 12
    ]
    return "\n\n".join(paragraphs) + "\n\n"


def repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def cases() -> dict[str, str]:
    body = prose()
    made = {f"prose {size / MB:g} MB": repeated(body, int(size)) for size in
            (0.1 * MB, 0.35 * MB, 1 * MB, 5 * MB, 10 * MB, 20 * MB)}  # fmt: skip
    made["one 10 MB line"] = repeated(" ".join(body.split()) + " ", 10 * MB)
    made["100,000 one-word lines"] = "\n".join(f"word{n % 97}" for n in range(100_000)) + "\n"
    made["50,000 one-word lines"] = "\n".join(f"word{n % 97}" for n in range(50_000)) + "\n"
    made["100,000 verbless sentences"] = "Blue skies over the harbour. " * 100_000
    return made


def run(name: str, text: str, folder: Path, limit: float) -> str:
    path = folder / "case.txt"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(path)],
            capture_output=True,
            text=True,
            timeout=limit,
            cwd=ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"{name:<28} {len(text) / MB:7.2f} MB  NOT DONE after {limit:.0f} s (killed)"
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["?"]
        return f"{name:<28} {len(text) / MB:7.2f} MB  FAILED: {tail[0]}"
    seconds, peak, outcome = done.stdout.strip().splitlines()[-1].split("\t")
    wall = time.perf_counter() - started
    return (
        f"{name:<28} {len(text) / MB:7.2f} MB  {float(seconds):6.1f} s "
        f"(wall {wall:5.1f} s)  peak RSS {float(peak):6.0f} MB  {outcome}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=float, default=60.0, help="seconds per case")
    parser.add_argument("--only", nargs="*", help="names of cases to run (substring match)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in cases().items():
            if args.only and not any(part in name for part in args.only):
                continue
            print(run(name, text, Path(tmp), args.limit), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
