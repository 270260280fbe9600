"""Run the fuzz corpus through the real ``claimdiff`` command and print per-input times.

    python benchmarks/fuzz.py [--limit 120] [--only html/] [--no-large] [--folder DIR]

Each input ends as ``result`` (exit 0), ``clean`` (exit 2, one line ``claimdiff: <file>:
<problem>``), ``traceback``, ``unclean`` (any other output or exit status) or ``hang`` (killed
after ``--limit`` seconds). The corpus is written by tools/make_fuzz_corpus.py into a temporary
folder unless ``--folder`` is given.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOOT = (
    "import os, sys; sys.path.insert(0, os.environ['CLAIMDIFF_SOURCE']); "
    "sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f)]; "
    "from claimdiff.cli.cli import main; sys.exit(main())"
)


def fuzz_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "make_fuzz_corpus", ROOT / "tools" / "make_fuzz_corpus.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=120.0, help="seconds before a hang")
    parser.add_argument("--only", default="", help="run cases whose name starts with this")
    parser.add_argument("--no-large", action="store_true", help="skip the large-text shapes")
    parser.add_argument("--folder", type=Path, help="write the corpus here (kept)")
    parser.add_argument(
        "--source", type=Path, help="run the claimdiff package found in this folder"
    )
    args = parser.parse_args()
    fuzz = fuzz_module()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="claimdiff-fuzz-"))
    cases = [
        c
        for c in fuzz.write_corpus(folder, large=not args.no_large)
        if c.name.startswith(args.only)
    ]
    exe = [sys.executable, "-m", "claimdiff"]
    env = None
    if args.source is not None:
        # Another checkout's package (e.g. the commit before a change), ahead of the
        # editable install's finder.
        exe = [sys.executable, "-c", BOOT]
        env = {**os.environ, "CLAIMDIFF_SOURCE": str(args.source.resolve())}
    server = fuzz.FuzzServer()
    counts: Counter[str] = Counter()
    try:
        for case in cases:
            out = fuzz.run_case(case, folder, server.address, args.limit, exe=exe, env=env)
            counts[out.kind] += 1
            shown = out.problem.replace(str(folder) + "/", "")[:110]
            print(f"{out.kind:<9} {out.seconds:7.2f} s  {case.name:<44} {shown}", flush=True)
    finally:
        server.close()
        if args.folder is None:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"\n{len(cases)} inputs: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
