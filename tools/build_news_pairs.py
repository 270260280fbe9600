"""Generate news claim pairs the public pair sets lack: conflicts, containment and speakers.

Re-runnable and deterministic (seeded). The labelled pair sets hold few news contradictions
(947 of 108,697) and no pair where one side quotes more of the same sentence, so a model
trained on them calls a quote cut shorter "different" and never learns that "X said Y" and
"Z denied Y" conflict. This script edits real news sentences into such pairs:

- contradicts: a number, date, weekday, place or named actor changed; the main verb negated;
  a forecast turned into its failed outcome; the claim denied by its own speaker or by someone
  else ("Z denied that ...");
- same: a clause of the sentence, or a quote cut shorter, against the whole; the claim with
  and without its attribution; "X said Y" against "Y, X said"; a number against its rounding;
- related: the same words given to another speaker (the same demand voiced by someone else is
  not the same claim); two different sentences of one article.

Sources: Reuters-21578 articles dated February and March 1987 (April, June and October are
left untouched, so follow-up stories from them can serve as blind development data), and the
attributions (source, content) of PolNeAR's *train* split. The project's spaCy pipeline finds
entities and verbs, so run it with the project environment:

    python tools/build_news_pairs.py [DATA] [--out build/news-pairs.jsonl.gz] [--seed 0]

Output: JSON lines {"a","b","label","kind","source"} with label same / contradicts / related.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimdiff.base import lexicon

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "build" / "news-pairs.jsonl.gz"
REUTERS_MONTHS = ("1987-02", "1987-03")
# How many pairs of each kind (an upper bound: a kind stops when its sentences run out).
QUOTAS = {
    "number": 700,
    "date": 300,
    "weekday": 300,
    "place": 450,
    "actor": 350,
    "negation": 700,
    "forecast": 350,
    "denial_self": 500,
    "denial_other": 500,
    "clause": 700,
    "quote_cut": 550,
    "attribution_drop": 450,
    "reorder": 300,
    "rounding": 200,
    "speaker_swap": 800,
    "same_article": 900,
}
KIND_LABEL = {
    **dict.fromkeys(
        (
            "number",
            "date",
            "weekday",
            "place",
            "actor",
            "negation",
            "forecast",
            "denial_self",
            "denial_other",
        ),
        "contradicts",
    ),
    **dict.fromkeys(("clause", "quote_cut", "attribution_drop", "reorder", "rounding"), "same"),
    **dict.fromkeys(("speaker_swap", "same_article"), "related"),
}
# The words a changed detail swaps, in the order of the one lexicon (the order the shipped
# pairs were drawn in: the random choices over them stay the same).
WEEKDAYS = tuple(d.capitalize() for d in lexicon.weekdays())
MONTHS = tuple(m.capitalize() for m in lexicon.table("calendar")["months"])
NUMBER_WORDS = tuple(w for w, v in lexicon.number_words().items() if 2 <= v <= 10)
DENIALS = (
    "{who} denied that {claim}",
    "{who} rejected reports that {claim}",
    "{who} said it was not true that {claim}",
    "{who} dismissed claims that {claim}",
)
PRONOUNS = frozenset(("he", "she", "they", "it", "we", "i", "you", "this", "that"))
SAYS = ("said", "says", "told reporters", "stated")
ATTRIBUTION_TAIL = re.compile(
    r"^(?P<body>.{25,}?),\s+(?P<who>(?:the |a |an )?[A-Z][\w.\-' ]{1,40}?|he|she|they|it)\s+"
    r"(?P<verb>said|says|told \w+|added|stated)\.$"
)
ATTRIBUTION_HEAD = re.compile(
    r"^(?P<who>(?:The )?[A-Z][\w.\-' ]{1,40}?)\s+(?P<verb>said|says)\s+"
    r"(?:that\s+)?(?P<body>.{25,})$"
)
FORECAST = re.compile(
    r"\b(?P<aux>will|would|is expected to|are expected to|plans to|plan to|intends to|"
    r"is set to|are set to|is due to|are due to)\s+(?P<verb>[a-z]+)\b"
)
FORECAST_OUTCOME = (
    "failed to {verb}",
    "has abandoned plans to {verb}",
    "decided not to {verb}",
    "did not {verb}",
)
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w,]*\d)")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    article: str
    source: str  # "reuters" or "polnear"
    speaker: str | None = None  # who says it, when the sentence is a known attribution
    content: str | None = None  # what they say


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def reuters_sentences(data: Path) -> Iterator[list[Sentence]]:
    """Sentences of each Reuters article from the generation months, article by article."""
    with gzip.open(data / "reuters21578" / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            if not article["date"].startswith(REUTERS_MONTHS):
                continue
            text = _clean(article["text"])
            parts = re.split(r"(?<=[a-z0-9%)\"'][.!?])\s+(?=[A-Z\"])", text)
            found = [
                Sentence(p, article["id"], "reuters")
                for p in parts
                if 8 <= len(p.split()) <= 45 and p.endswith((".", '."')) and not p.isupper()
            ]
            if found:
                yield found


def polnear_attributions(data: Path) -> Iterator[list[Sentence]]:
    """(speaker, content) of each PolNeAR train paragraph with an attribution."""
    path = data / "attribution" / "polnear-train.bio.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            spans: dict[str, list[list[str]]] = {"SOURCE": [], "CONTENT": []}
            current: str | None = None
            for token, tag in zip(row["tokens"], row["tags"], strict=True):
                kind = tag[2:] if tag != "O" else None
                if tag.startswith("B-") and kind in spans:
                    spans[kind].append([token])
                    current = kind
                elif tag.startswith("I-") and kind == current and kind in spans:
                    spans[kind][-1].append(token)
                else:
                    current = None
            pairs = []
            for source, content in zip(spans["SOURCE"], spans["CONTENT"], strict=False):
                who, said = _detok(source), _detok(content).strip(' ,"“”')
                if 1 <= len(source) <= 6 and 8 <= len(content) <= 40 and who[0].isupper():
                    text = f"{who} said {said}".rstrip(".") + "."
                    pairs.append(Sentence(text, row["doc"], "polnear", who, said))
            if pairs:
                yield pairs


def _detok(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([,.;:!?%)])", r"\1", text)
    text = re.sub(r"([($]) ", r"\1", text)
    return re.sub(r" (n't|'s|'re|'ll|'ve|'d)\b", r"\1", text)


def split_attribution(sentence: Sentence) -> tuple[str, str] | None:
    """(speaker, claim) of "Y, X said." or "X said Y", else None."""
    found = None
    if sentence.speaker and sentence.content:
        found = sentence.speaker, sentence.content
    elif match := ATTRIBUTION_TAIL.match(sentence.text) or ATTRIBUTION_HEAD.match(sentence.text):
        found = match["who"], match["body"]
    if found is None or found[0].lower() in PRONOUNS:
        return None
    claim = found[1].strip().rstrip(".,;: ")
    # a clause, not a fragment: "to debate on the very day" cannot be denied or re-attributed
    if len(claim.split()) < 5 or claim.lower().startswith(("to ", "that ", "and ", "but ")):
        return None
    return found[0], claim


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        first = text.split(maxsplit=1)[0]
        if first in ("The", "A", "An", "It", "This", "That", "These", "Those", "There"):
            return text[0].lower() + text[1:]
    return text


class Generator:
    """Edits sentences into labelled pairs; every choice comes from one seeded RNG."""

    def __init__(self, seed: int, nlp: Any) -> None:
        self.rng = random.Random(seed)
        self.nlp = nlp
        self.people: list[str] = []
        self.orgs: list[str] = []
        self.places: list[str] = []

    def number(self, s: Sentence, doc: Any) -> tuple[str, str] | None:
        matches = [m for m in NUMBER.finditer(s.text) if not _is_year(m.group(1))]
        if not matches:
            return None
        m = self.rng.choice(matches)
        value = float(m.group(1).replace(",", ""))
        changed = _changed_number(value, self.rng)
        formatted = _format_like(m.group(1), changed)
        if formatted == m.group(1):
            return None
        return s.text, s.text[: m.start(1)] + formatted + s.text[m.end(1) :]

    def rounding(self, s: Sentence, doc: Any) -> tuple[str, str] | None:
        for m in NUMBER.finditer(s.text):
            raw = m.group(1)
            if "." in raw and not _is_year(raw):
                value = float(raw.replace(",", ""))
                rounded = f"{round(value):,}" if value >= 10 else f"{round(value, 1)}"
                if rounded != raw:
                    return s.text, s.text[: m.start(1)] + "about " + rounded + s.text[m.end(1) :]
            if raw == "12" and "12 pct" not in s.text:
                return s.text, s.text[: m.start(1)] + "a dozen" + s.text[m.end(1) :]
        return None

    def date(self, s: Sentence, doc: Any) -> tuple[str, str] | None:
        match = re.search(r"\b(" + "|".join(MONTHS) + r")( \d{1,2})?\b", s.text)
        if not match:
            return None
        if match.group(2) and self.rng.random() < 0.6:
            day = int(match.group(2))
            new_day = self.rng.choice([d for d in range(1, 29) if d != day])
            new = f"{match.group(1)} {new_day}"
        else:
            month = self.rng.choice([m for m in MONTHS if m != match.group(1)])
            new = month + (match.group(2) or "")
        return s.text, s.text[: match.start()] + new + s.text[match.end() :]

    def weekday(self, s: Sentence, doc: Any) -> tuple[str, str] | None:
        match = re.search(r"\b(" + "|".join(WEEKDAYS) + r")\b", s.text)
        if not match:
            return None
        new = self.rng.choice([d for d in WEEKDAYS if d != match.group(1)])
        return s.text, s.text[: match.start()] + new + s.text[match.end() :]

    def place(self, s: Sentence, doc: Any) -> tuple[str, str] | None:
        return self._swap(s, doc, ("GPE", "LOC"), self.places)

    def actor(self, s: Sentence, doc: Any) -> tuple[str, str] | None:
        """A named actor of the claim itself (not its speaker) replaced by another."""
        attribution = split_attribution(s)
        if attribution:
            return None
        return self._swap(s, doc, ("ORG", "PERSON"), self.orgs + self.people)

    def _swap(
        self, s: Sentence, doc: Any, labels: tuple[str, ...], pool: list[str]
    ) -> tuple[str, str] | None:
        entities = [e for e in doc.ents if e.label_ in labels and len(e.text) > 2]
        if not entities or len(pool) < 10:
            return None
        entity = self.rng.choice(entities)
        other = self.rng.choice(pool)
        if other.lower() in s.text.lower() or entity.text.lower() in other.lower():
            return None
        return s.text, s.text[: entity.start_char] + other + s.text[entity.end_char :]

    def negation(self, s: Sentence, doc: Any) -> tuple[str, str] | None:
        root = next((t for t in doc if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")), None)
        if root is None or any(c.dep_ == "neg" for c in root.children):
            return None
        if root.lemma_ in ("say", "tell", "add", "state"):
            # negate what is said, not the saying
            root = next((c for c in root.children if c.dep_ == "ccomp"), None)
            if root is None or any(c.dep_ == "neg" for c in root.children):
                return None
        aux = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
        if aux:
            target = aux[0]
            insert = target.idx + len(target.text)
            return s.text, s.text[:insert] + " not" + s.text[insert:]
        if root.lemma_ == "be":
            insert = root.idx + len(root.text)
            return s.text, s.text[:insert] + " not" + s.text[insert:]
        forms = {"VBD": "did not", "VBZ": "does not", "VBP": "do not"}
        if root.tag_ not in forms:
            return None
        replaced = f"{forms[root.tag_]} {root.lemma_}"
        return s.text, s.text[: root.idx] + replaced + s.text[root.idx + len(root.text) :]

    def forecast(self, s: Sentence, doc: Any) -> tuple[str, str] | None:
        match = FORECAST.search(s.text)
        if not match:
            return None
        outcome = self.rng.choice(FORECAST_OUTCOME).format(verb=match["verb"])
        return s.text, s.text[: match.start()] + outcome + s.text[match.end() :]

    def denial_self(self, s: Sentence, doc: Any) -> tuple[str, str] | None:
        attribution = split_attribution(s)
        if attribution is None:
            who = self.rng.choice(("Officials", "The government", "A spokesman", "The company"))
            claim = s.text.rstrip(".")
        else:
            who, claim = attribution
        wrapper = self.rng.choice(DENIALS)
        return s.text, wrapper.format(who=who, claim=_lower_first(claim)).rstrip(".") + "."

    def denial_other(self, s: Sentence, doc: Any) -> tuple[str, str] | None:
        attribution = split_attribution(s)
        if attribution is None or len(self.people) < 10:
            return None
        who, claim = attribution
        other = self.rng.choice(self.people + self.orgs)
        if other in who or who in other:
            return None
        wrapper = self.rng.choice(DENIALS)
        return s.text, wrapper.format(who=other, claim=_lower_first(claim)).rstrip(".") + "."

    def speaker_swap(self, s: Sentence, doc: Any) -> tuple[str, str] | None:
        attribution = split_attribution(s)
        if attribution is None or len(self.people) < 10:
            return None
        who, claim = attribution
        other = self.rng.choice(self.people + self.orgs)
        if other in who or who in other:
            return None
        verb = self.rng.choice(SAYS)
        if self.rng.random() < 0.5:
            return f"{who} {verb} {_lower_first(claim)}.", f"{other} {verb} {_lower_first(claim)}."
        return f"{who}: {claim}.", f"{other}: {claim}."

    def attribution_drop(self, s: Sentence, doc: Any) -> tuple[str, str] | None:
        attribution = split_attribution(s)
        if attribution is None:
            return None
        who, claim = attribution
        claim = claim[0].upper() + claim[1:]
        if self.rng.random() < 0.3:
            return f"{who}: {claim}.", claim + "."
        return s.text, claim + "."

    def reorder(self, s: Sentence, doc: Any) -> tuple[str, str] | None:
        attribution = split_attribution(s)
        if attribution is None:
            return None
        who, claim = attribution
        verb = self.rng.choice(("said", "says"))
        first = f"{who} {verb} {_lower_first(claim)}."
        second = f"{claim[0].upper() + claim[1:]}, {who} {verb}."
        if self.rng.random() < 0.3:
            second = f"{who}: {claim[0].upper() + claim[1:]}."
        return first, second

    def clause(self, s: Sentence, doc: Any) -> tuple[str, str] | None:
        """The sentence against one of its clauses (the claim the other one contains)."""
        pieces = [p.strip() for p in re.split(r",\s+|;\s+| and (?=[a-z]+ )| but ", s.text)]
        pieces = [p for p in pieces if len(p.split()) >= 6]
        if not pieces or len(pieces[0].split()) >= len(s.text.split()) - 2:
            return None
        part = self.rng.choice(pieces).rstrip(".")
        return s.text, part[0].upper() + part[1:] + "."

    def quote_cut(self, s: Sentence, doc: Any) -> tuple[str, str] | None:
        """The same quote with words cut from its start or its end."""
        attribution = split_attribution(s)
        words = (attribution[1] if attribution else s.text.rstrip(".")).split()
        if len(words) < 12:
            return None
        keep = self.rng.randint(max(6, len(words) // 3), len(words) - 3)
        start = self.rng.choice((0, len(words) - keep))
        cut = " ".join(words[start : start + keep]).strip(",;")
        quoted = f'"{cut}"' if self.rng.random() < 0.5 else cut
        who = attribution[0] if attribution else None
        short = f"{who} said {quoted}." if who and self.rng.random() < 0.6 else quoted + "."
        return s.text, short[0].upper() + short[1:]

    def same_article(self, s: Sentence, other: Sentence) -> tuple[str, str] | None:
        if s.text == other.text:
            return None
        return s.text, other.text


def _is_year(raw: str) -> bool:
    return raw.isdigit() and len(raw) == 4 and raw.startswith(("19", "20"))


def _changed_number(value: float, rng: random.Random) -> float:
    if value < 20 and value == int(value):
        return float(rng.choice([v for v in range(1, 25) if v != value]))
    factor = rng.choice((0.5, 0.7, 0.8, 0.85, 1.2, 1.3, 1.5, 2.0, 3.0))
    return value * factor


def _format_like(raw: str, value: float) -> str:
    if "." in raw:
        decimals = len(raw.split(".")[1])
        return f"{value:.{decimals}f}"
    if "," in raw:
        return f"{round(value):,}"
    return str(round(value))


def generate(data: Path, seed: int) -> list[dict[str, str]]:
    nlp = _pipeline()
    gen = Generator(seed, nlp)
    rng = random.Random(seed + 1)
    articles = list(reuters_sentences(data)) + list(polnear_attributions(data))
    rng.shuffle(articles)
    counts = dict.fromkeys(QUOTAS, 0)
    rows: list[dict[str, str]] = []
    kinds = list(QUOTAS)
    seen: set[tuple[str, str]] = set()
    for index, sentences in enumerate(articles):
        if all(counts[k] >= QUOTAS[k] for k in kinds):
            break
        picked = rng.sample(sentences, min(3, len(sentences)))
        for s, doc in zip(picked, nlp.pipe([p.text for p in picked]), strict=True):
            _collect_names(gen, doc)
            order = kinds[:]
            rng.shuffle(order)
            for kind in order:
                if counts[kind] >= QUOTAS[kind]:
                    continue
                if kind == "same_article":
                    if len(sentences) < 2:
                        continue
                    pair = gen.same_article(s, rng.choice(sentences))
                else:
                    pair = getattr(gen, kind)(s, doc)
                if pair is None or pair[0] == pair[1] or pair in seen:
                    continue
                seen.add(pair)
                a, b = pair if rng.random() < 0.5 else (pair[1], pair[0])
                label = KIND_LABEL[kind]
                rows.append({"a": a, "b": b, "label": label, "kind": kind, "source": s.source})
                counts[kind] += 1
                break  # one pair per sentence, so kinds do not share sentences
        if index % 500 == 0:
            print(f"{index} articles, {len(rows)} pairs", file=sys.stderr, flush=True)
    print(json.dumps(counts), file=sys.stderr)
    return rows


def _pipeline() -> Any:
    sys.path.insert(0, str(ROOT))
    from claimdiff.language import nlp

    return nlp.pipeline()


def _collect_names(gen: Generator, doc: Any) -> None:
    for entity in doc.ents:
        text = entity.text.strip()
        if len(text) < 3 or not text[0].isupper() or "\n" in text:
            continue
        pool = {"PERSON": gen.people, "ORG": gen.orgs, "GPE": gen.places}.get(entity.label_)
        if pool is not None and text not in pool and len(pool) < 3000:
            pool.append(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--out", default=str(DEFAULT_OUT))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    data = Path(args.data).resolve()
    for needed in ("reuters21578/articles.jsonl.gz", "attribution/polnear-train.bio.jsonl.gz"):
        if not (data / needed).is_file():
            raise SystemExit(f"{data / needed}: no such file (source sentences)")
    rows = generate(data, args.seed)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".part")
    with gzip.open(partial, "wt", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    partial.replace(out)
    print(f"wrote {len(rows)} pairs to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
