"""How much a folder's manifest costs per article: parsed once per folder, or once per article.

    python benchmarks/manifest.py [--files 1000] [--cli]

Writes ``--files`` short articles and a manifest with one row each into a temporary folder,
then times ``load_article`` on every file with the manifest cache as shipped and with the
cache emptied before each article (what every load did before the cache). ``--cli`` also
times ``claimdiff claims`` over the whole folder in a subprocess.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claimdiff.ingest import manifest
from claimdiff.ingest.load import load_article

BOOT = (  # run another tree's package ahead of the editable install's finder
    "import os, sys; sys.path.insert(0, os.environ['CLAIMDIFF_SOURCE']); "
    "sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f)]; "
    "from claimdiff.cli.cli import main; sys.exit(main())"
)
TEXT = "The minister said on Monday that the talks would resume in Geneva next week.\n"


def write_folder(folder: Path, n_files: int) -> list[Path]:
    paths = []
    with (folder / "manifest.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "title", "source", "date"])
        for i in range(n_files):
            path = folder / f"article-{i:05d}.txt"
            path.write_text(f"Talks resume, number {i}\n\n{TEXT}")
            writer.writerow([path.name, f"Talks {i}", "Example News", "2020-01-02"])
            paths.append(path)
    return paths


def per_article(paths: list[Path], cached: bool) -> float:
    manifest._cache.clear()
    started = time.perf_counter()
    for path in paths:
        if not cached:
            manifest._cache.clear()
        article = load_article(path)
        assert article.date == "2020-01-02"
    return (time.perf_counter() - started) / len(paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--cli", action="store_true", help="also time `claimdiff claims`")
    parser.add_argument(
        "--source",
        type=Path,
        help="time the command from this claimdiff tree (e.g. a commit before)",
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="claimdiff-manifest-"))
    try:
        paths = write_folder(folder, args.files)
        print(f"{args.files} articles, manifest of {args.files} rows")
        for cached in (False, True):
            seconds = min(per_article(paths, cached) for _ in range(2))
            what = "read once per folder " if cached else "read for every article"
            print(f"  load_article, manifest {what}: {seconds * 1000:6.2f} ms per article")
        if args.cli:
            exe, env = [sys.executable, "-m", "claimdiff"], None
            if args.source is not None:
                exe = [sys.executable, "-c", BOOT]
                env = {**os.environ, "CLAIMDIFF_SOURCE": str(args.source.resolve())}
            started = time.perf_counter()
            subprocess.run(
                [*exe, "claims", "--backend", "lexical", "--format", "csv", *map(str, paths)],
                check=True,
                stdout=subprocess.DEVNULL,
                env=env,
            )
            print(f"  claimdiff claims over the folder: {time.perf_counter() - started:.1f} s")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
