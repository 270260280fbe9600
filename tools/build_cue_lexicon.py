"""Build resources/attribution/cues.tsv, the attribution cue lexicon, from PolNeAR train.

    python tools/build_cue_lexicon.py PATH/polnear-train-dev.tar.gz

Cues: every verb lemma that PolNeAR's annotators marked inside a Cue span, with how often it
was a cue and how often it occurred at all (spaCy's lemmatizer, the same pipeline the app
parses with). A lemma is listed when it was a cue at least MIN_CUE times and in at least
MIN_SHARE of its occurrences outside quoted content: "say", "tell", "argue", "tweet" stay;
"have" ("have no idea") and "be" do not. The file keeps the counts, so claimdiff.claims.sources sets
its own tiers from them: reliable cues ("say") attribute in any shape, weaker ones ("find",
"estimate", "respond") only with a clause of content ("a poll found that ..."). Only the train
split is read; dev stays held out.

The file starts with a provenance header (source, commit, licence note, parameters, counts)
so a build can be checked and repeated.
"""

from __future__ import annotations

import argparse
import sys
import tarfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "attribution"
SOURCE = "PolNeAR v1.0.0 (Newell, Margolin, Ruths 2018), networkdynamics/PolNeAR@c3eee833"
LICENCE = "no licence stated for the data; the lists hold word counts only, no text"
MIN_CUE = 3
MIN_SHARE = 0.25  # the lowest tier claimdiff.claims.sources reads (CLAUSE_SHARE); it sets the rest


def read_train(path: Path) -> list[tuple[str, str]]:
    """(text, annotation) per train article, the first annotator's file each."""
    texts: dict[str, str] = {}
    annotations: dict[str, str] = {}
    with tarfile.open(path) as archive:
        for member in archive.getmembers():
            parts = member.name.strip("./").split("/")
            if len(parts) != 3 or parts[0] != "train" or not member.isfile():
                continue
            handle = archive.extractfile(member)
            if handle is None:
                continue
            data = handle.read().decode("utf-8")
            if parts[1] == "text":
                texts[parts[2].removesuffix(".txt")] = data
            else:
                annotations.setdefault(parts[2], data)
    chosen: dict[str, tuple[str, str]] = {}
    for name in sorted(annotations):
        base = name.removesuffix(".ann").rsplit("_", 1)[0]
        if base in texts and base not in chosen:
            chosen[base] = (texts[base], annotations[name])
    return list(chosen.values())


def spans_of(annotation: str, kind: str) -> list[tuple[int, int]]:
    found = []
    for line in annotation.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2 and fields[1].startswith(kind + " "):
            for piece in fields[1][len(kind) + 1 :].split(";"):
                start, end = piece.split()
                found.append((int(start), int(end)))
    return found


def count_cues(articles: list[tuple[str, str]]) -> tuple[Counter[str], Counter[str]]:
    import spacy

    from claimdiff.language.nlp import PIPELINE_PACKAGES

    nlp = None
    for package in PIPELINE_PACKAGES:
        try:
            nlp = spacy.load(package, disable=["parser", "ner"])
            break
        except OSError:
            continue
    if nlp is None:
        raise SystemExit(f"no English spaCy pipeline installed (tried {PIPELINE_PACKAGES})")
    as_cue: Counter[str] = Counter()
    outside: Counter[str] = Counter()
    docs = nlp.pipe((text for text, _ in articles), batch_size=16)
    for (_, annotation), doc in zip(articles, docs, strict=True):
        cues = spans_of(annotation, "Cue")
        content = spans_of(annotation, "Content")
        for token in doc:
            if token.pos_ not in ("VERB", "AUX"):
                continue
            lemma = token.lemma_.lower()
            at = token.idx
            if any(a <= at < b for a, b in cues):
                as_cue[lemma] += 1
                outside[lemma] += 1
            elif not any(a <= at < b for a, b in content):
                outside[lemma] += 1
    return as_cue, outside


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    args = parser.parse_args(argv)
    articles = read_train(args.archive)
    as_cue, outside = count_cues(articles)
    kept = sorted(
        (lemma for lemma, n in as_cue.items() if n >= MIN_CUE and n / outside[lemma] >= MIN_SHARE),
        key=lambda lemma: (-as_cue[lemma], lemma),
    )
    header = [
        f"# source: {SOURCE}, train split ({len(articles)} articles)",
        f"# licence: {LICENCE}",
        f"# built by tools/build_cue_lexicon.py: MIN_CUE={MIN_CUE} MIN_SHARE={MIN_SHARE}",
    ]
    lines = [*header, "# lemma\tas_cue\toccurrences_outside_content"]
    lines += [f"{lemma}\t{as_cue[lemma]}\t{outside[lemma]}" for lemma in kept]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "cues.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(kept)} cue lemmas", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
