"""Position labels for claims: which stance on each codebook topic a sentence takes.

Three signals are combined, because none is enough alone. Cue phrases and patterns find
where a sentence speaks to a topic; the sentence's structure (claimdiff.claims.structure) decides
whether it asserts that cue, negates it, or mentions it only to dismiss it; similarity to
the codebook's exemplar sentences catches paraphrases no cue anticipated and backs up the
cues it agrees with. A semantic similarity backend can replace the lexical one without
changing anything here; exemplars stay one signal among three either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

import numpy as np

from claimdiff.base.model import Claim, Label
from claimdiff.claims.structure import Structure, read_structure
from claimdiff.labels.codebook import Codebook, Topic
from claimdiff.similarity.semantic import default_backend
from claimdiff.similarity.similarity import SimilarityBackend

CUE_WEIGHT = 0.7  # one clear cue is enough for a label; two agreeing ones make it firm
FLIP_FACTOR = 0.95  # "no prospects to restore" asserts the opposite almost as plainly
LITOTES_FACTOR = 0.6  # "do not rule out" hedges
CONCEDED_FACTOR = 0.5  # what comes before "but" / "in reality" gives way to what follows
DISTANCING_FACTOR = 0.9  # "as the administration claims"
# A sentence of news prose resembles every exemplar a little (lexical scores of 0.4-0.55 for
# unrelated sentences on the seeds); only similarity well above the sentence's own median
# over all exemplars means "says the same thing". Measured: paraphrases stand 0.29-0.40
# above the median, unrelated seed sentences at most 0.16.
EXCESS_FLOOR = 0.2
SUPPORT_FACTOR = 0.5
MIN_EXEMPLARS_FOR_BASELINE = 4
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class _Hit:
    """A cue or pattern match, before structure has had its say."""

    topic: str
    position: str
    start: int
    end: int


@dataclass(slots=True)
class _Evidence:
    """Support for one position, after negation and dismissal were applied."""

    topic: str
    position: str
    weight: float
    start: int
    end: int
    source: str  # "cue" or "exemplar"
    notes: list[str]
    decisive: bool = False  # True when structure, not the cue alone, decided the position


@dataclass(frozen=True, slots=True)
class _Blocked:
    """A cue the sentence does not assert (dismissed or cancelled), kept for reporting."""

    topic: str
    position: str
    start: int
    end: int
    note: str


def label_claims(
    claims: Iterable[Claim], codebook: Codebook, backend: SimilarityBackend | None = None
) -> tuple[Claim, ...]:
    """Return the same claims with ``labels`` set from ``codebook``.

    Each label names its evidence phrase and what decided it, so an analyst can check
    (and disagree with) every one of them.
    """
    items = tuple(claims)
    if not items:
        return ()
    similarity = _exemplar_similarity(items, codebook, backend or default_backend())
    sentences = _sentences(items)
    return tuple(
        replace(claim, labels=_labels(claim, codebook, similarity[i], sentences.get(claim.id)))
        for i, claim in enumerate(items)
    )


@dataclass(frozen=True, slots=True)
class _Sentence:
    """The sentence a clause was cut from, as far as its clauses give it, and where it starts.

    "The ABM Treaty was signed in 1972 but in 2001 Bush decided to withdraw" gives two claims;
    read alone, the first asserts the treaty stands. Cues are read over the whole sentence so
    that the clause before "but" stays conceded, as it was before sentences were cut.
    """

    text: str  # stretches no clause covers are blanked
    offset: int  # where the clause starts in ``text``


def _sentences(claims: Sequence[Claim]) -> dict[str, _Sentence]:
    """Each clause's sentence, rebuilt from the clauses sharing it; whole sentences get none."""
    groups: dict[tuple[str, int, int], list[Claim]] = {}
    for claim in claims:
        start, end = claim.sentence_start, claim.sentence_end
        if start is not None and end is not None and (start, end) != (claim.start, claim.end):
            groups.setdefault((claim.article_id, start, end), []).append(claim)
    found: dict[str, _Sentence] = {}
    for (_, start, end), clauses in groups.items():
        chars = [" "] * (end - start)
        for clause in clauses:
            at = clause.start - start
            chars[at : at + len(clause.text)] = clause.text
        text = "".join(chars)
        for clause in clauses:
            found[clause.id] = _Sentence(text, clause.start - start)
    return found


@dataclass(frozen=True, slots=True)
class _Resemblance:
    """How close a claim comes to a position's nearest exemplar, absolutely and relatively."""

    score: float
    excess: float  # over the claim's median similarity to all exemplars
    exemplar: str
    floor: float = EXCESS_FLOOR  # the excess that counts as standing out, on this backend
    counter: float = 0.0  # similarity to the nearest counterexample ("not an example of")
    counterexample: str = ""

    @property
    def refuted(self) -> bool:
        """The claim is nearer a sentence the analyst said does not take the position."""
        return bool(self.counterexample) and self.counter >= self.score


def _exemplar_similarity(
    claims: Sequence[Claim], codebook: Codebook, backend: SimilarityBackend
) -> list[dict[tuple[str, str], _Resemblance]]:
    """Per claim: the nearest exemplar of each position and how far it stands out.

    Counterexamples are scored in the same pass but kept out of the baseline, so adding
    "not an example of" sentences never moves how far a claim stands out.
    """
    owners = [
        (topic.id, pos.id, text)
        for topic in codebook.topics
        for pos in topic.positions
        for text in pos.exemplars
    ]
    counters = [
        (topic.id, pos.id, text)
        for topic in codebook.topics
        for pos in topic.positions
        for text in pos.counterexamples
    ]
    result: list[dict[tuple[str, str], _Resemblance]] = [{} for _ in claims]
    if not owners:
        return result
    texts = [o[2] for o in owners] + [c[2] for c in counters]
    scores = np.asarray(backend.matrix([c.text for c in claims], texts))
    floor = _excess_floor(codebook, backend)
    use_baseline = len(owners) >= MIN_EXEMPLARS_FOR_BASELINE
    for row, best in zip(scores, result, strict=True):
        own, against = row[: len(owners)], row[len(owners) :]
        baseline = float(np.median(own)) if use_baseline else 0.0
        for (topic, position, text), score in zip(owners, own.tolist(), strict=True):
            known = best.get((topic, position))
            if known is None or score > known.score:
                best[(topic, position)] = _Resemblance(float(score), score - baseline, text, floor)
        for (topic, position, text), score in zip(counters, against.tolist(), strict=True):
            known = best.get((topic, position))
            if known is not None and score > known.counter:
                best[(topic, position)] = replace(known, counter=float(score), counterexample=text)
    return result


def _excess_floor(codebook: Codebook, backend: SimilarityBackend) -> float:
    """The codebook's ``thresholds.standout`` if it sets one, else the backend's own floor.

    EXCESS_FLOOR was measured on lexical scores; a backend on another scale names its own.
    """
    if codebook.standout_threshold is not None:
        return codebook.standout_threshold
    own = getattr(backend, "excess_floor", None)
    return float(own) if isinstance(own, int | float) else EXCESS_FLOOR


def _labels(
    claim: Claim,
    codebook: Codebook,
    similarity: dict[tuple[str, str], _Resemblance],
    sentence: _Sentence | None = None,
) -> tuple[Label, ...]:
    text = claim.text
    structure = read_structure(text)
    wide = read_structure(sentence.text) if sentence is not None else structure
    labels: list[Label] = []
    for topic in codebook.topics:
        hits = _distinct(_hits(wide.text, topic), topic)
        evidence, blocked = _judge(hits, topic, wide)
        _apply_contrast(evidence, blocked, topic, wide)
        if sentence is not None:
            evidence, blocked = _within(evidence, blocked, sentence.offset, len(text))
        _add_exemplars(
            evidence,
            blocked,
            topic,
            structure=structure,
            near=similarity,
            threshold=codebook.exemplar_threshold,
        )
        labels.extend(_choose(evidence, blocked, topic, text, codebook.label_threshold))
    return tuple(labels)


def _within(
    evidence: list[_Evidence], blocked: list[_Blocked], offset: int, length: int
) -> tuple[list[_Evidence], list[_Blocked]]:
    """The sentence's cue readings that lie in the clause, with offsets into the clause."""

    def inside(start: int, end: int) -> bool:
        return start < offset + length and end > offset

    def clip(at: int) -> int:
        return min(max(at - offset, 0), length)

    kept = [e for e in evidence if inside(e.start, e.end)]
    for item in kept:
        item.start, item.end = clip(item.start), clip(item.end)
    stopped = [
        replace(b, start=clip(b.start), end=clip(b.end)) for b in blocked if inside(b.start, b.end)
    ]
    return kept, stopped


def _hits(text: str, topic: Topic) -> list[_Hit]:
    return [
        _Hit(topic.id, pos.id, match.start(), match.end())
        for pos in topic.positions
        for scanner in pos.scanners
        for match in scanner.finditer(text)
        if match.end() > match.start()
    ]


def _distinct(hits: list[_Hit], topic: Topic) -> list[_Hit]:
    """One hit per stretch of text.

    Overlapping hits of one position are one piece of evidence, so they merge. When hits of
    opposing positions overlap ("signed a law suspending ... New START"), the shorter one
    wins: its verb is the one nearest the treaty.
    """
    merged: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.position, h.start)):
        last = merged[-1] if merged else None
        if last is not None and last.position == hit.position and hit.start < last.end:
            merged[-1] = replace(last, end=max(last.end, hit.end))
        else:
            merged.append(hit)
    kept: list[_Hit] = []
    for hit in sorted(merged, key=lambda h: (h.end - h.start, h.start)):
        if not any(
            hit.start < k.end and k.start < hit.end and topic.opposes(k.position, hit.position)
            for k in kept
        ):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def _judge(
    hits: list[_Hit], topic: Topic, structure: Structure
) -> tuple[list[_Evidence], list[_Blocked]]:
    evidence: list[_Evidence] = []
    blocked: list[_Blocked] = []
    for hit in hits:
        outcome = _read_hit(hit, topic, structure)
        if isinstance(outcome, _Blocked):
            blocked.append(outcome)
        else:
            evidence.append(outcome)
    return evidence, blocked


def _read_hit(hit: _Hit, topic: Topic, structure: Structure) -> _Evidence | _Blocked:
    """Apply dismissal, negation and attribution to one cue."""
    text = structure.text
    phrase = text[hit.start : hit.end]
    scope = structure.scope(hit.start, hit.end)
    if scope is not None and scope.effect == "dismiss":
        note = f"dismissal of '{phrase}' explanation ('{scope.marker.phrase}')"
        return _Blocked(hit.topic, hit.position, hit.start, hit.end, note)
    found = _Evidence(hit.topic, hit.position, CUE_WEIGHT, hit.start, hit.end, "cue", [])
    if scope is not None:
        found.notes.append(f"'{scope.marker.phrase}' reports an attempt to rebut it")
    negation = structure.negation(hit.start, hit.end)
    if negation is not None and negation.litotes:
        found.weight *= LITOTES_FACTOR
        found.notes.append(f"hedged by double negation '{negation.marker.phrase}'")
    elif negation is not None:
        opposite = topic.opposite(hit.position)
        word = negation.marker.phrase
        if negation.kind == "cancel" or topic.negation == "cancel" or opposite is None:
            note = f"negation '{word}' cancels '{phrase}'"
            return _Blocked(hit.topic, hit.position, hit.start, hit.end, note)
        found.position = opposite
        found.weight *= FLIP_FACTOR
        found.start, found.end = min(hit.start, negation.start), max(hit.end, negation.end)
        found.notes.append(f"negation '{word}' reverses '{phrase}'")
        found.decisive = True
    if structure.distancing is not None:
        found.weight *= DISTANCING_FACTOR
        found.notes.append(f"attributed: '{structure.distancing.phrase}'")
    return found


def _apply_contrast(
    evidence: list[_Evidence], blocked: list[_Blocked], topic: Topic, structure: Structure
) -> None:
    """Opposing evidence on both sides of "but" / "in reality": the later side wins."""
    for later in evidence:
        earlier = [
            (e.start, e.position, e)
            for e in evidence
            if e.start < later.start and topic.opposes(e.position, later.position)
        ] + [(b.start, b.position, None) for b in blocked if b.start < later.start]
        for start, position, item in earlier:
            if not topic.opposes(position, later.position):
                continue
            marker = structure.contrast_between(start, later.start)
            if marker is None:
                continue
            note = f"contrast '{marker.phrase}'"
            if note not in later.notes:
                later.notes.append(note)
                later.decisive = True
            if item is not None:
                item.weight *= CONCEDED_FACTOR


def _add_exemplars(
    evidence: list[_Evidence],
    blocked: list[_Blocked],
    topic: Topic,
    *,
    structure: Structure,
    near: dict[tuple[str, str], _Resemblance],
    threshold: float,
) -> None:
    """Exemplars back up cues, or stand alone when a sentence is a close paraphrase."""
    refused = {b.position for b in blocked}
    supported = {e.position for e in evidence}
    for pos in topic.positions:
        nearest = near.get((topic.id, pos.id))
        if nearest is None or pos.id in refused or nearest.excess < nearest.floor:
            continue
        if nearest.refuted:
            continue
        if pos.id in supported:
            weight = nearest.score * SUPPORT_FACTOR
            evidence.append(_Evidence(topic.id, pos.id, weight, 0, 0, "exemplar", []))
        elif not evidence and nearest.score >= threshold:
            found = _exemplar_alone(topic, pos.id, nearest, structure)
            if found is not None:
                evidence.append(found)


def _exemplar_alone(
    topic: Topic, position: str, near: _Resemblance, structure: Structure
) -> _Evidence | None:
    """A paraphrase of an exemplar, unless the sentence negates what the exemplar asserts."""
    start, end = _shared_phrase(structure.text, near.exemplar)
    found = _Evidence(topic.id, position, near.score, start, end, "exemplar", [])
    found.notes.append(f"nearest exemplar '{_shorten(near.exemplar)}' ({near.score:.2f})")
    own = structure.negators
    theirs = read_structure(near.exemplar).negators
    if len(own) % 2 != len(theirs) % 2:
        opposite = topic.opposite(position)
        if topic.negation == "cancel" or opposite is None:
            return None
        found.position = opposite
        # The odd negator may be the exemplar's ("never ...") rather than the sentence's.
        marker = own[0].phrase if own else f"{theirs[0].phrase}' in the exemplar, not here '"
        found.notes.append(f"negation '{marker}' reverses the exemplar")
        found.decisive = True
    return found


def _shorten(text: str, limit: int = 80) -> str:
    """An exemplar short enough to read in a reason column."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _shared_phrase(text: str, exemplar: str) -> tuple[int, int]:
    """The longest run of words the sentence shares with the exemplar, as evidence."""
    tokens = [(m.group(0).lower(), m.start(), m.end()) for m in _WORDS.finditer(text)]
    other = [m.group(0).lower() for m in _WORDS.finditer(exemplar)]
    matcher = SequenceMatcher(None, [t[0] for t in tokens], other, autojunk=False)
    block = matcher.find_longest_match(0, len(tokens), 0, len(other))
    if block.size < 2:
        return 0, len(text)
    return tokens[block.a][1], tokens[block.a + block.size - 1][2]


def _choose(
    evidence: list[_Evidence],
    blocked: list[_Blocked],
    topic: Topic,
    text: str,
    threshold: float,
) -> list[Label]:
    """The best-supported position per topic, and any others that do not contradict it."""
    by_position: dict[str, list[_Evidence]] = {}
    for item in evidence:
        by_position.setdefault(item.position, []).append(item)
    # Ties go to the position asserted later in the sentence, as with "but" or "in reality".
    scored = sorted(
        ((_combine(items), max(i.start for i in items), pid) for pid, items in by_position.items()),
        reverse=True,
    )
    labels: list[Label] = []
    for score, _, pid in scored:
        if score < threshold or any(topic.opposes(pid, lab.position) for lab in labels):
            continue
        items = by_position[pid]
        labels.append(_label(topic, pid, score, items=items, blocked=blocked, text=text))
    return labels


def _combine(items: list[_Evidence]) -> float:
    """Independent pieces of evidence combine like probabilities (noisy-or)."""
    doubt = 1.0
    for item in items:
        doubt *= 1.0 - min(max(item.weight, 0.0), 1.0)
    return 1.0 - doubt


def _label(
    topic: Topic,
    position: str,
    score: float,
    *,
    items: list[_Evidence],
    blocked: list[_Blocked],
    text: str,
) -> Label:
    strongest = max(items, key=lambda i: (i.source == "cue", i.weight))
    rivals = [b.note for b in blocked if topic.opposes(b.position, position)]
    notes = [n for i in items for n in i.notes]
    decisive = [n for i in items if i.decisive for n in i.notes] + rivals
    sources = sorted({i.source for i in items})
    if decisive:
        ordered = list(dict.fromkeys(rivals + [n for n in notes if n not in rivals]))
        decided_by = "structure: " + "; ".join(ordered)
    else:
        decided_by = "+".join(sources) + "".join(f"; {n}" for n in dict.fromkeys(notes))
    return Label(
        topic=topic.id,
        position=position,
        score=round(min(score, 1.0), 3),
        evidence=text[strongest.start : strongest.end].strip(),
        decided_by=decided_by,
    )
