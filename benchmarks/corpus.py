"""Corpus figures: import + label throughput, timeline latency, re-import, memory, scaling.

Two corpora are measured: the real Reuters-21578 collection (19,042 dated articles of 1987,
read from <repo>/../shared/data/reuters21578/articles.jsonl.gz unless --reuters says
otherwise; never copied into the repository) and generated folders of .txt articles that
recombine real sentences of the Reuters texts and the seeds, dated 2005-2025, written to a
temporary folder and deleted afterwards. Figures are printed, not asserted.

    python benchmarks/corpus.py                      # Reuters, then 1k and 10k generated
    python benchmarks/corpus.py --sizes 1000 --skip-reuters
    python benchmarks/corpus.py --engine dask        # the same on a 2-worker LocalCluster
    python benchmarks/corpus.py --sizes "" --reuters-articles 2000   # a quicker Reuters run
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from claimdiff.corpus import Corpus
from claimdiff.labels.codebook import load_codebook

ROOT = Path(__file__).resolve().parents[1]
REUTERS = ROOT.parent / "shared" / "data" / "reuters21578" / "articles.jsonl.gz"
ARMS = ("target", "talks", "treaties")
MONTHS = tuple(date(2001, m, 1).strftime("%B") for m in range(1, 13))


def rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest child (workers), in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool is closed per import)."""
    return sum(cpu_split())


def cpu_split() -> tuple[float, float]:
    """CPU time of this process (the writer) and of its finished children (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def best_ms(repeat: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def sentences(reuters: Path | None) -> list[str]:
    """Real sentences: the seeds' and, when available, the Reuters texts'."""
    found = [
        s.strip() + "."
        for seed in sorted((ROOT / "seeds").glob("*.txt"))
        for s in seed.read_text(encoding="utf-8").split(". ")
        if 40 < len(s.strip()) < 300
    ]
    if reuters is not None and reuters.is_file():
        with gzip.open(reuters, "rt", encoding="utf-8") as handle:
            for line in handle:
                text = json.loads(line)["text"]
                found += [s.strip() + "." for s in text.split(". ") if 40 < len(s.strip()) < 300]
    return found


def generate(
    folder: Path, count: int, pool: list[str], seed: int = 1987, *, by_year: bool = True
) -> Path:
    """``count`` articles of 6-14 real sentences, dated 2005-2025, in yearly subfolders.

    ``by_year=False`` keeps them in one folder, as the window's timeline reads the folder
    of the opened article.
    """
    rng = random.Random(seed)
    start, span = date(2005, 1, 1), (date(2025, 12, 31) - date(2005, 1, 1)).days
    for i in range(count):
        day = start + timedelta(days=rng.randrange(span))
        body = " ".join(rng.sample(pool, rng.randint(6, 14)))
        sub = folder / str(day.year) if by_year else folder
        sub.mkdir(parents=True, exist_ok=True)
        stamp = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
        text = f"Generated story {i}\n{stamp}\n\n{body}\n"
        (sub / f"story{i:05d}.txt").write_text(text, encoding="utf-8")
    return folder


def first_rows(path: Path, count: int | None, folder: Path) -> Path:
    """``path`` itself, or a copy of its first ``count`` rows in ``folder``."""
    if count is None:
        return path
    subset = folder / f"reuters-first-{count}.jsonl.gz"
    with (
        gzip.open(path, "rt", encoding="utf-8") as source,
        gzip.open(subset, "wt", encoding="utf-8") as out,
    ):
        for _, line in zip(range(count), source, strict=False):
            out.write(line)
    return subset


def measure(name: str, paths: list[Path], store: Path, args: argparse.Namespace) -> None:
    codebook = load_codebook()
    with Corpus.create(store) as corpus:
        split = cpu_split()
        cpu = sum(split)
        summary = corpus.import_paths(
            paths, codebook, engine=args.engine, workers=args.workers, scheduler=args.scheduler
        )
        rate = summary.imported / summary.seconds
        print(f"{name}: import + label {summary.line()}  -> {rate:.0f} articles/s")
        # Fewer busy cores than workers means something else shared the CPU: rerun.
        busy = (cpu_seconds() - cpu) / summary.seconds
        print(f"  cores busy: {busy:.2f} (this process and its workers)")
        after = cpu_split()
        main_cpu, workers_cpu = after[0] - split[0], after[1] - split[1]
        # The figure to compare between versions on a shared machine (docs/claims.md).
        print(f"  CPU: main {main_cpu:.1f} s, workers {workers_cpu:.1f} s")
        print(f"  claims {corpus.count('claims')}, labels {corpus.count('labels')}, "
              f"file {store.stat().st_size / 1e6:.1f} MB")  # fmt: skip
        for freq, by in (("month", None), ("year", None), ("month", "source"), ("year", "speaker")):
            ms = best_ms(5, partial(corpus.timeline, codebook, freq, by))
            print(f"  timeline --freq {freq} --by {by}: {ms:.0f} ms")
        again = corpus.import_paths(paths, codebook, engine="local", workers=1)
        print(f"  unchanged re-import: {again.line()}")
        frame = corpus.timeline(codebook, "month")
    own, child = rss_mb()
    print(f"  peak RSS so far: main {own:.0f} MB, largest worker {child:.0f} MB")
    if name.startswith("Reuters"):
        arms = frame[frame["topic"].isin(ARMS)]
        print("  arms-control positions of 1987 by month (count, share of claims):")
        for row in arms.itertuples(index=False):
            print(f"    {row.period[:7]}  {row.topic}/{row.position:<10} {row.count:>3}  "
                  f"{row.share:.4f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuters", type=Path, default=REUTERS)
    parser.add_argument("--skip-reuters", action="store_true")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scheduler")
    parser.add_argument(
        "--reuters-articles", type=int, help="only the first N Reuters rows (a quicker run)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimdiff-bench-") as tmp:
        work = Path(tmp)
        if not args.skip_reuters:
            if args.reuters.is_file():
                table = first_rows(args.reuters, args.reuters_articles, work)
                measure("Reuters-21578", [table], work / "reuters.claimdiff", args)
            else:
                print(f"Reuters corpus not found at {args.reuters}; skipped")
        pool = sentences(args.reuters)
        for size in (int(s) for s in args.sizes.split(",") if s):
            folder = generate(work / f"gen{size}", size, pool)
            measure(f"generated {size}", [folder], work / f"gen{size}.claimdiff", args)


if __name__ == "__main__":
    main()
