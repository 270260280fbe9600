"""Print claimdiff's speed figures, measured in one run so ratios compare like with like.

Shared machines are noisy, so every figure is the best of several repetitions, and targets
are stated as ratios against a reference measured in the same process (difflib.HtmlDiff) or
as plain figures to read, never as assertions.

    python benchmarks/run.py            # all figures
    python benchmarks/run.py --quick    # fewer repetitions
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from claimdiff.claims.claims import extract_claims
from claimdiff.claims.entities import find_mentions
from claimdiff.claims.segment import split_sentences
from claimdiff.ingest.load import expand_paths, load_article
from claimdiff.labels.codebook import load_codebook
from claimdiff.labels.label import label_claims
from claimdiff.match.compare import compare
from claimdiff.session.pipeline import Analyser, analyse, compare_articles
from claimdiff.similarity.similarity import LexicalSimilarity

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
LEFT = SEEDS / "004_ae97e33e177aeab3.txt"
RIGHT = SEEDS / "000_fbd7af67a7761638.txt"


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    """Best wall time in seconds: the least disturbed run is the closest to the code's cost."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def fresh(fn: Callable[[], object]) -> object:
    """Run ``fn`` with per-sentence memos emptied, so "re-analysing" really re-analyses."""
    find_mentions.cache_clear()
    return fn()


def pair_figures(repeat: int) -> None:
    codebook = load_codebook()
    left, right = load_article(str(LEFT)), load_article(str(RIGHT))
    analyser = Analyser(codebook)
    analyser.compare(left, right)  # warm: imports, compiled patterns, analysed articles
    warm = best_of(repeat, lambda: analyser.compare(left, right))
    full = best_of(repeat, lambda: fresh(lambda: compare_articles(left, right, codebook)))
    lc, rc = analyse(left, codebook), analyse(right, codebook)
    match_only = best_of(repeat, lambda: compare(left, right, lc, rc, codebook))
    lexical = best_of(
        repeat, lambda: compare(left, right, lc, rc, codebook, backend=LexicalSimilarity())
    )
    ls = [left.text[s.start : s.end] for s in split_sentences(left.text)]
    rs = [right.text[s.start : s.end] for s in split_sentences(right.text)]
    html = best_of(repeat, lambda: difflib.HtmlDiff().make_file(ls, rs))
    print("Seed pair 004 × 000 (warm, in process, best of", repeat, "runs)")
    print(f"  claimdiff compare, warm (analysed articles cached) {warm * 1000:8.2f} ms")
    print(f"  claimdiff compare, re-analysing both articles      {full * 1000:8.2f} ms")
    print(f"    of which alignment + classification (memo warm)  {match_only * 1000:8.2f} ms")
    print(f"    alignment with a fresh lexical backend           {lexical * 1000:8.2f} ms")
    print(f"  difflib.HtmlDiff().make_file over the sentences    {html * 1000:8.2f} ms")
    ratio = warm / html
    print(f"  ratio warm compare / HtmlDiff                      {ratio:8.2f}  (target ≤ 1.0)")
    print(f"  ratio re-analysing compare / HtmlDiff              {full / html:8.2f}")


def throughput_figures(repeat: int) -> None:
    codebook = load_codebook()
    articles = [load_article(p) for p in expand_paths([str(SEEDS)])]
    counts = [len(analyse(a, codebook)) for a in articles]
    seconds = best_of(repeat, lambda: fresh(lambda: [analyse(a, codebook) for a in articles]))
    load = best_of(repeat, lambda: [load_article(p) for p in expand_paths([str(SEEDS)])])
    extracted = [extract_claims(a) for a in articles]
    extract = best_of(repeat, lambda: fresh(lambda: [extract_claims(a) for a in articles]))
    label = best_of(repeat, lambda: [label_claims(c, codebook) for c in extracted])
    print(f"All {len(articles)} seeds: {sum(counts)} claims")
    print(f"  claims/second (segment + speakers + labels)      {sum(counts) / seconds:8.0f}")
    print(f"  load all seeds (read, decode, furniture)          {load * 1000:8.2f} ms")
    print(f"  extract claims of all seeds (segment + speakers)  {extract * 1000:8.2f} ms")
    print(f"  label all seed claims with the default codebook   {label * 1000:8.2f} ms")


def pair_scoring_figures(repeat: int) -> None:
    """`claimdiff pairs` speed on claim pairs of the seeds, with and without the cross-encoder."""
    from claimdiff.match.pairs import PairSettings, default_cross_encoder, judge_pairs
    from claimdiff.similarity.semantic import HybridSimilarity

    codebook = load_codebook()
    left_claims = [c.text for c in analyse(load_article(LEFT), codebook)]
    right_claims = [c.text for c in analyse(load_article(RIGHT), codebook)]
    pairs = [(a, b) for a in left_claims for b in right_claims][:300]
    left, right = [a for a, _ in pairs], [b for _, b in pairs]
    backend = HybridSimilarity()
    reader = default_cross_encoder()
    print(f"claimdiff pairs on {len(pairs)} seed claim pairs (004 × 000), best of {repeat} runs")
    for title, settings in (
        ("features only", PairSettings(cross_encoder=False)),
        ("features + cross-encoder (default)", PairSettings()),
    ):
        if settings.cross_encoder and not reader.available():
            print(f"  {title}: {reader.notice}")
            continue
        seconds = best_of(repeat, lambda s=settings: judge_pairs(left, right, backend, s))
        print(f"  {title:<36} {len(pairs) / seconds:8.0f} pairs/s")


def gui_figures(repeat: int) -> None:
    """Cold start of the desktop app to a window showing the pair, as a user launches it.

    The --screenshot run waits for the pair and the corpus timeline and writes a PNG, so its
    wall time is an upper bound on "launch to a window showing the pair".
    """
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    gui = Path(sys.executable).with_name("claimdiff-gui")
    with tempfile.TemporaryDirectory() as folder:
        shot = str(Path(folder) / "shot.png")
        command = [str(gui), str(LEFT), str(RIGHT), "--screenshot", shot]
        run = lambda: subprocess.run(command, env=env, check=True, capture_output=True)  # noqa: E731
        seconds = best_of(max(3, repeat // 5), run)
    print(
        f"Desktop app, launch to a window showing 004 × 000 (+ timeline, PNG): {seconds:.2f} s"
        "  (target ≤ 2 s)"
    )


def stall_figures(repeat: int) -> None:
    """The GUI thread's longest pause while a folder is analysed (its own process: Qt)."""
    script = Path(__file__).with_name("gui_stall.py")
    runs = str(max(1, repeat // 5))
    done = subprocess.run(
        [sys.executable, str(script), "--runs", runs], capture_output=True, text=True, check=True
    )
    print(done.stdout, end="")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 repetitions instead of 15")
    args = parser.parse_args()
    repeat = 3 if args.quick else 15
    pair_figures(repeat)
    throughput_figures(repeat)
    pair_scoring_figures(max(3, repeat // 5))
    gui_figures(repeat)
    stall_figures(repeat)


if __name__ == "__main__":
    main()
