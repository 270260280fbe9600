"""How comparing two articles scales with their length, beside difflib.HtmlDiff in the same run.

    python benchmarks/compare_scale.py [--data DIR] [--sizes 40 100 200 400 800 1600]
                                       [--against CHECKOUT] [--htmldiff-limit S] [--serial]

For each size N, two articles of N sentences each are compared in a fresh process ("cold":
the spaCy pipeline and the similarity model load and both articles are analysed within the
timed call; imports are not timed), and the same sentences go through
difflib.HtmlDiff().make_file in another fresh process. The sentences are built here and handed
to the child in a file, so the child's time and memory are the comparison's alone.
Printed: seconds, of which the spaCy parse of both articles (with its words per second) and
the matching (after both articles' claims are ready: candidates, judge, links; wall and
the process's CPU seconds, which a busy machine inflates much less) with the pairs the news
pair model read in it, claims a side, candidate pairs judged, and the peak resident memory of
the process (VmHWM).
This code analyses long sides in two processes at once (Analyser(two_processes=True)), so
its parse is not apart from the claims stage ("both"); --serial also times it with one side
after the other. CPU s is every process's CPU (the forked child's too); peak MB adds the
child's peak and, in brackets, its own memory (what it does not share with the parent).
With --against, the claimdiff package of another checkout (an older version) is timed on the
same inputs right before this one, so before/after figures share the machine's load.
HtmlDiff's time depends on how the texts align (minutes at 400 sentences on some inputs):
--htmldiff-limit stops it after that many seconds and prints "> S".
The sentences are Reuters-21578 stories from DATA (default: the shared data folder beside the
repository; the left article takes stories from the start of the file, the right one from
further on), or, without it, the seed articles' sentences over and over. Figures, not
assertions: run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
SIZES = (40, 100, 200, 400, 800, 1600)


def sentences(data: Path | None, count: int, offset: int) -> list[str]:
    """``count`` body sentences, from Reuters stories when ``data`` has them, else the seeds."""
    from claimdiff.claims.segment import split_sentences

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
    """This process's peak resident memory. Linux's ru_maxrss keeps the parent's peak across
    fork and exec (the parent here has spaCy loaded), so the kernel's VmHWM is read first."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(kind: str, inputs: Path) -> dict[str, float]:
    """Run in a child process: one comparison (or one HtmlDiff) of the two texts in ``inputs``."""
    left, right = json.loads(inputs.read_text(encoding="utf-8"))
    if kind == "htmldiff":
        start = time.perf_counter()
        difflib.HtmlDiff().make_file(left, right)
        return {"seconds": time.perf_counter() - start, "mb": peak_mb()}
    import spacy  # noqa: F401  (imported, not timed, like the rest)

    from claimdiff.base.model import Article
    from claimdiff.labels.codebook import load_codebook
    from claimdiff.language import nlp
    from claimdiff.match import compare as compare_module
    from claimdiff.session.pipeline import Analyser

    def article(name: str, lines: list[str]) -> Article:
        text = "\n\n".join(lines) + "\n"
        return Article(name, f"{name}.txt", name, None, None, "none", text)

    counted: list[int] = []
    judge = compare_module.judge_candidates

    def counting(*args: object, **kwargs: object) -> object:
        counted.append(len(args[3]))  # type: ignore[arg-type]
        return judge(*args, **kwargs)  # type: ignore[arg-type]

    compare_module.judge_candidates = counting  # type: ignore[assignment]
    read: list[int] = []
    try:  # an older checkout has no news pair model behind its judge
        from claimdiff.match.newspairs import NewsPairModel

        read_once = NewsPairModel.read_once

        def reading(self: object, left: list[str], right: list[str]) -> object:
            read.append(len(left))
            return read_once(self, left, right)  # type: ignore[arg-type]

        NewsPairModel.read_once = reading  # type: ignore[assignment,method-assign]
    except (ImportError, AttributeError):
        pass
    a, b = article("left", left), article("right", right)
    start, start_cpu = time.perf_counter(), time.process_time()
    try:  # the two sides at once, in two processes, where that pays
        analyser = Analyser(load_codebook(), two_processes=kind == "claimdiff")
    except TypeError:  # an older checkout has no such choice
        analyser = Analyser(load_codebook())
    nlp.pipeline()
    loaded = time.perf_counter()
    parse, child_figures = analyse_sides(kind, analyser, a, b)
    analysed, analysed_cpu = time.perf_counter(), time.process_time()
    comparison = analyser.compare(a, b)
    matching_cpu = time.process_time() - analysed_cpu
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "load": loaded - start,
        "parse": parse,
        "words": float(nlp.word_count(a.text) + nlp.word_count(b.text)),
        "matching": time.perf_counter() - analysed,
        "matching_cpu": matching_cpu,
        "analysis": analysed - loaded,
        "cpu": time.process_time() - start_cpu + child_figures.get("cpu", 0.0),
        "mb": peak_mb(),
        "child_mb": child_figures.get("peak_mb", 0.0),
        "child_private_mb": child_figures.get("private_mb", 0.0),
        "claims": (len(comparison.left_claims) + len(comparison.right_claims)) / 2,
        "candidates": float(sum(counted)),
        "model_pairs": float(sum(read)),
    }


def analyse_sides(
    kind: str, analyser: Any, left: Any, right: Any
) -> tuple[float, dict[str, float]]:
    """Both sides' claims as ``Analyser.compare`` makes them: the parse's seconds (NaN when the
    sides ran at once, in two processes) and the child process's figures, if one ran."""
    from claimdiff.language import nlp

    try:
        from claimdiff.session import parallel
    except ImportError:  # an older checkout analyses the sides one after the other
        parallel = None  # type: ignore[assignment]
    if kind == "claimdiff" and parallel is not None and analyser.two_processes:
        analyser.claims_of_both(left, right)  # at once where that pays; no parse apart
        return float("nan"), dict(parallel.last_child)
    parse = 0.0
    for side in (left, right):  # in the order Analyser.compare takes: parse, claims, other side
        began = time.perf_counter()
        nlp.parse(side.text)  # remembered: the claims stage reads this Doc, then drops it
        parse += time.perf_counter() - began
        analyser.claims(side)
    return parse, {}


def child(
    kind: str, inputs: Path, checkout: Path, limit: float | None = None
) -> dict[str, float] | None:
    """One figure from a fresh process, running the claimdiff package found in ``checkout``;
    None when it runs past ``limit`` seconds."""
    command = [sys.executable, __file__, "--one", kind, str(inputs)]
    environment = {**os.environ, "PYTHONPATH": str(checkout)}
    try:
        out = subprocess.run(
            command,
            check=True,
            capture_output=True,
            text=True,
            env=environment,
            cwd=checkout,
            timeout=limit,
        ).stdout
    except subprocess.TimeoutExpired:
        return None
    return dict(json.loads(out.strip().splitlines()[-1]))


def row(label: str, size: int, ours: dict[str, float] | None) -> str:
    """One printed line: the stages' seconds, CPU of every process, peak memory of each."""
    if ours is None:
        return f"{label:8s}{size:6d}  (ran past the time limit)"
    parse = ours["parse"]
    # Analysed in two processes at once there is no parse apart: the words/s are the analysis'.
    analysis = ours.get("analysis", ours["seconds"] - ours["load"] - ours["matching"])
    if not math.isnan(parse):  # not NaN: one side after the other, the parse timed apart
        rate = ours["words"] / parse if parse else 0.0
        split = f"{parse:6.2f} ({rate:5.0f} w/s) {analysis - parse:6.2f}"
    else:
        split = f"  both ({ours['words'] / analysis:5.0f} w/s) {analysis:6.2f}"
    child_mb = ours.get("child_mb", 0.0)
    memory = f"{ours['mb']:5.0f}"
    if child_mb:
        private = ours.get("child_private_mb", 0.0)
        memory += f" + {child_mb:3.0f} ({private:3.0f} own) = {ours['mb'] + child_mb:4.0f}"
    return (
        f"{label:8s}{size:6d}  {ours['claims']:6.0f}  {ours['candidates']:10.0f}"
        f"  {ours['seconds']:9.2f}  {ours['load']:5.2f}  {split}"
        f"  {ours['matching']:8.2f} ({ours.get('matching_cpu', 0.0):5.2f} CPU,"
        f" {ours.get('model_pairs', 0):4.0f})  {ours.get('cpu', 0.0):6.2f}  {memory}"
    )


def html_cell(html: dict[str, float] | None, limit: float | None) -> str:
    if html is None:
        return f"   {'> ' + format(limit or 0, '.0f'):>10s}"
    return f"   {html['seconds']:10.2f}  {html['mb']:7.0f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--against", help="another checkout whose claimdiff is timed too")
    parser.add_argument("--htmldiff-limit", type=float, help="seconds HtmlDiff may take")
    parser.add_argument(
        "--serial", action="store_true", help="also time this code with one side after the other"
    )
    parser.add_argument("--no-htmldiff", action="store_true", help="leave HtmlDiff out")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "INPUTS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], Path(args.one[1]))))
        return 0
    data = Path(args.data) if args.data and Path(args.data).exists() else None
    source = "Reuters-21578 stories" if data else "the seed articles, repeated"
    print(f"Two articles of N sentences each ({source}); fresh process per figure")
    print(
        "version      N  claims  candidates  compare s   load  parse s (words/s) claims+labels"
        "  matching (CPU s, model pairs)  CPU s  peak MB (+ child's, its own)"
        "   HtmlDiff s  peak MB"
    )
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            inputs = Path(folder) / f"{size}.json"
            texts = [sentences(data, size, 0), sentences(data, size, 5000)]
            inputs.write_text(json.dumps(texts), encoding="utf-8")
            if args.against:
                print(row("before", size, child("claimdiff", inputs, Path(args.against))))
            if args.serial:
                print(row("serial", size, child("serial", inputs, ROOT)))
            found = row("this", size, child("claimdiff", inputs, ROOT))
            if not args.no_htmldiff:
                limit = args.htmldiff_limit
                found += html_cell(child("htmldiff", inputs, ROOT, limit), limit)
            print(found, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
