"""CPU seconds per word of the corpus import's per-batch work, over a fixed sample of Reuters.

    python benchmarks/import_sample.py [--articles 400] [--repeat 1] [--profile 30]
    python benchmarks/import_sample.py --articles 300 --dump claims.json
    python benchmarks/import_sample.py --warm 300 --articles 600  # caches warm, as in an import

The whole-corpus figure (``benchmarks/corpus.py``) needs two idle cores for minutes; this one
runs ``claimdiff.corpus.work.process_batch`` in one process over the first N Reuters-21578
records (read as the importer reads a JSON Lines row, in the importer's chunks of 25) and
prints words per CPU second (``time.process_time``, so other programs' load counts less than
in wall time). To compare two versions, run both in turns in one session and compare the
ratio; absolute figures move with the machine's load. ``--profile N`` prints the N costliest
functions (cProfile, cumulative); ``--dump`` writes every claim's text, offsets, speaker, cues
and mentions as JSON, to check that a change keeps the output identical.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import pstats
import time
from pathlib import Path
from typing import Any

from claimdiff.corpus.work import CodebookSpec, Job, Row, process_batch
from claimdiff.labels.codebook import load_codebook
from claimdiff.language import nlp

ROOT = Path(__file__).resolve().parents[1]
REUTERS = ROOT.parent / "shared" / "data" / "reuters21578" / "articles.jsonl.gz"
CHUNK = 25  # claimdiff.corpus.engine.CHUNK: what one worker is handed at a time


def jobs(path: Path, count: int) -> list[Job]:
    found: list[Job] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if len(found) >= count:
                break
            record = json.loads(line)
            row = Row(text=record["text"], title=record["title"], date=record["date"])
            found.append(Job(record["id"], "articles.jsonl", row))
    return found


def run(sample: list[Job], spec: CodebookSpec) -> list[Any]:
    done: list[Any] = []
    for start in range(0, len(sample), CHUNK):
        done.extend(process_batch(sample[start : start + CHUNK], spec))
    return done


def claim_record(claim: Any) -> dict[str, Any]:
    return {
        "id": claim.id,
        "text": claim.text,
        "span": [claim.start, claim.end],
        "sentence": [claim.sentence_start, claim.sentence_end],
        "speaker": claim.speaker,
        "quote": claim.quote,
        "source_span": claim.source_span,
        "cue": claim.cue,
        "cue_span": claim.cue_span,
        "cues": list(claim.cues),
        "negated": claim.negated,
        "hedged": claim.hedged,
        "entities": list(claim.entities),
        "mentions": [[m.label, m.text, m.start, m.end, m.value] for m in claim.mentions],
        "labels": [[lab.topic, lab.position, round(lab.score, 6)] for lab in claim.labels],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuters", type=Path, default=REUTERS)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument(
        "--warm", type=int, default=0, help="articles run untimed first, then the next --articles"
    )
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--profile", type=int, default=0, help="functions to list")
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args()
    codebook = load_codebook()
    spec = CodebookSpec(Path(codebook.path).read_bytes(), codebook.path)
    found = jobs(args.reuters, args.warm + args.articles)
    warm, sample = found[: args.warm], found[args.warm :]
    words = sum(nlp.word_count(job.row.text) for job in sample if job.row is not None)
    nlp.pipeline()  # loading spaCy is not the import's per-word cost
    # nor is the first call's warm-up; with --warm, the per-process caches fill as in a long
    # import (words, tokens and short pieces seen before)
    run(warm or sample[:CHUNK], spec)
    profiler = cProfile.Profile() if args.profile else None
    best = float("inf")
    done: list[Any] = []
    for _ in range(args.repeat):
        nlp._cache.clear()  # each round parses afresh
        cpu = time.process_time()
        if profiler is not None:
            profiler.enable()
        done = run(sample, spec)
        if profiler is not None:
            profiler.disable()
        best = min(best, time.process_time() - cpu)
    claims = sum(len(d.claims) for d in done)
    print(f"{len(sample)} articles, {words} words, {claims} claims: best {best:.2f} CPU s, "
          f"{words / best:.0f} words per CPU second")  # fmt: skip
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
    if args.dump is not None:
        out = {d.job.key: [claim_record(c) for c in d.claims] for d in done}
        args.dump.write_text(json.dumps(out, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()
