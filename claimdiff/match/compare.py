"""Align the claims of two articles and say how each pair relates, Meld-style.

Pure functions over claim sequences that return ``Link`` records. Candidates come by event,
not by a similarity gate, and stay few per claim so the cost grows with the articles' length,
not with its square:

- each claim's TOP_K nearest claims of the other side by meaning (the backend's matrix);
- every claim sharing a verbatim run of QUOTE_WORDS words with it (the same quote), a figure,
  date or weekday with a content word in common, or EVENT_ENTITIES of the same names;
- claims the codebook puts on the same topic, however they are worded: per position the other
  side takes, the TOPIC_PER_CLAIM nearest by meaning.

Each candidate is judged once by claimdiff.match.judge (the judge ``claimdiff pairs`` uses too);
a small greedy selection then keeps the best partners per claim, so the link map stays
readable instead of drawing every same-position pair.

Links come out in a merged reading order rather than left-then-right, the way a diff
interleaves deletions and insertions: left claims in order, each followed by its partners,
and each right-only claim placed just before the first link whose right claim comes after
it in the right article (at the end when none does). Within a stretch between two links,
left-only claims thus come first, then right-only ones, each in their article's order.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from datetime import date
from itertools import accumulate
from typing import NamedTuple, Protocol

import numpy as np

from claimdiff.base.model import (
    Article,
    Claim,
    CodebookRef,
    Comparison,
    Label,
    Link,
    MatchSettings,
)
from claimdiff.claims.stems import STOPWORDS, stem
from claimdiff.match.conflict_candidates import conflict_pairs
from claimdiff.match.contradiction import date_mentions, number_values
from claimdiff.match.diff import WEEKDAYS, key, word_diff
from claimdiff.match.judge import (
    Evidence,
    Judge,
    JudgeSettings,
    PairModel,
    Statement,
    Verdict,
    normal_words,
)
from claimdiff.similarity.semantic import HybridSimilarity, default_backend
from claimdiff.similarity.similarity import LexicalSimilarity, SimilarityBackend

# Below this two sentences share too little for a word diff to help: with the lexical backend
# unrelated sentences of seeds 004 and 000 already score 0.43 (median) to 0.55 (maximum).
DIFF_THRESHOLD = 0.6
LINKS_PER_CLAIM = 2
LABEL_WEIGHT = 0.7  # in a position link, how much the labels count against plain similarity
TOP_K = 3  # nearest claims by meaning judged per claim, each way
QUOTE_WORDS = 6  # a verbatim run this long (quotes and case aside) is the same quote
EVENT_ENTITIES = 2  # names two claims must share to be judged as one event
EVENT_PER_CLAIM = 4  # event candidates judged per claim, the nearest by meaning first
# Same-topic candidates judged per claim and position the other side takes on that topic.
TOPIC_PER_CLAIM = 8
# An event key found in more claims than this on the other side tells nothing about which.
KEY_SPREAD = 6
# How a differing detail of the same claim counts in a comparison (JudgeSettings.details):
# two reports of one event are read for every difference, not only for their one change.
COMPARE_DETAILS = "any"
# Two reports of one event rarely word a claim alike; four content words in common (names,
# figures aside) make it the same claim for a comparison (tuned on the dev set's tune half).
SAME_EVENT_WORDS = 4
# The shipped cross-encoder learnt paraphrase (MSRP): on the dev set's real coverage it gave
# every claim pair both articles share P(same claim) < 0.4 and cost 40 ms a pair on two
# cores, so a comparison judges without it (a three-way pair model plugs in as PairModel).
COMPARE_CROSS_ENCODER = False
# The feature classifier alone is less sure on news than with the cross-encoder beside it:
# on the dev set's tune half its links at P 0.5-0.6 were right 1 time in 4.
COMPARE_LEARNED_THRESHOLD = 0.6


class OpposesCodebook(Protocol):
    """All comparison needs from a codebook: its identity and which positions clash."""

    @property
    def ref(self) -> CodebookRef: ...

    def opposes(self, topic: str, a: str, b: str) -> bool: ...


class Pair(NamedTuple):
    """A classified candidate: left and right claim indices and the link they would get."""

    i: int
    j: int
    link: Link


@dataclasses.dataclass(frozen=True, slots=True)
class _Context:
    codebook: OpposesCodebook
    settings: MatchSettings
    signal: str  # the backend's name, reported in ``Link.signals``
    days_apart: int | None
    credits: bool  # the backend reports its signals apart (``components``)


def judge_settings(settings: MatchSettings) -> JudgeSettings:
    """The judge's settings for a comparison run with ``settings``."""
    return JudgeSettings(
        shared_threshold=settings.shared_threshold,
        details=COMPARE_DETAILS,
        same_event_words=SAME_EVENT_WORDS,
        cross_encoder=COMPARE_CROSS_ENCODER,
        learned_threshold=COMPARE_LEARNED_THRESHOLD,
    )


def compare_judge(
    backend: SimilarityBackend, settings: MatchSettings, pair_model: PairModel | None = None
) -> Judge:
    """The judge a comparison uses: the one judge, with a comparison's settings.

    The shipped "same claim?" models learnt paraphrase (MSRP); on the dev set's real
    coverage they added nothing the rules did not find (tune half: shared recall 8/14 with
    the feature classifier, 9/14 without) and cost most of the time of a comparison, so a
    comparison runs without them. The three-way news pair model is consulted only when a
    caller passes it (``claimdiff compare --pair-model``): on the dev set it changed no link
    (report and tune half alike), while at 800 sentences a side it read 924 pairs, took the
    matching from 1.7 to 10.3 CPU seconds and the peak memory from about 250 to 312 MB.
    """
    return Judge(
        backend,
        judge_settings(settings),
        classifiers={},
        pair_model=pair_model,
        default_model=False,
    )


def compare(
    left: Article,
    right: Article,
    left_claims: Sequence[Claim],
    right_claims: Sequence[Claim],
    codebook: OpposesCodebook,
    *,
    backend: SimilarityBackend | None = None,
    settings: MatchSettings | None = None,
    judge: Judge | None = None,
) -> Comparison:
    """Link every claim of ``left`` to its partners in ``right``, or mark it as one-sided."""
    backend = backend or default_backend()
    settings = dataclasses.replace(settings or MatchSettings(), backend=backend.name)
    judge = judge or compare_judge(backend, settings)
    credits = hasattr(backend, "components")
    ctx = _Context(codebook, settings, backend.name, days_apart(left.date, right.date), credits)
    sim = similarity_matrix(backend, left_claims, right_claims)
    candidates = candidate_pairs(sim, left_claims, right_claims, settings.candidate_threshold)
    verdicts = judge_candidates(judge, left_claims, right_claims, candidates, sim)
    pairs = [
        Pair(i, j, link)
        for (i, j), (verdict, evidence) in zip(candidates, verdicts, strict=True)
        if (link := classify(left_claims[i], right_claims[j], verdict, evidence, ctx))
    ]
    judged = dict(zip(candidates, verdicts, strict=True))
    kept = [_with_diff(p, left_claims, right_claims, judged) for p in select(pairs)]
    orphans = _orphans(sim, left_claims, right_claims, kept, judged)
    links = order_links(kept, orphans)
    return Comparison(
        left, right, tuple(left_claims), tuple(right_claims), links, codebook.ref, settings
    )


def statement(claim: Claim) -> Statement:
    return Statement(claim.text, claim.speaker)


def judge_candidates(
    judge: Judge,
    left: Sequence[Claim],
    right: Sequence[Claim],
    candidates: Sequence[tuple[int, int]],
    sim: np.ndarray,
) -> list[tuple[Verdict, Evidence]]:
    """The judge's verdict and evidence for each candidate pair, the models run once for all.

    A backend the judge has no model for (a plug-in) gives its own score of each pair.
    """
    a = [statement(left[i]) for i, _ in candidates]
    b = [statement(right[j]) for _, j in candidates]
    known = None
    if not isinstance(judge.backend, HybridSimilarity | LexicalSimilarity):
        at = tuple(np.array(side, dtype=np.intp) for side in zip(*candidates, strict=True))
        known = {judge.backend.name: sim[at] if candidates else np.zeros(0, np.float32)}
    evidence = judge.evidence(a, b, known=known)
    return [(judge.decide(x, y, ev), ev) for x, y, ev in zip(a, b, evidence, strict=True)]


def similarity_matrix(
    backend: SimilarityBackend, left: Sequence[Claim], right: Sequence[Claim]
) -> np.ndarray:
    """How near each pair is, for ranking candidates: by meaning when the backend has a model.

    A backend with a semantic model gives its mapped cosines (one matrix product); the
    wording scores are only worked out for the candidates, by the judge.
    """
    if not left or not right:
        return np.zeros((len(left), len(right)), dtype=np.float32)
    semantic = getattr(backend, "semantic", None)
    texts = [c.text for c in left], [c.text for c in right]
    if semantic is not None and semantic.available():
        return np.asarray(semantic.matrix(*texts))
    return np.asarray(backend.matrix(*texts))


def candidate_pairs(
    sim: np.ndarray, left: Sequence[Claim], right: Sequence[Claim], threshold: float
) -> list[tuple[int, int]]:
    """The pairs worth judging: nearest by meaning, same event, same codebook topic."""
    found = set(nearest_pairs(sim, threshold))
    found.update(event_pairs(sim, left, right))
    found.update(topic_pairs(sim, left, right))
    found.update(conflict_pairs(sim, left, right))
    return sorted(found)


def nearest_pairs(sim: np.ndarray, threshold: float, k: int = TOP_K) -> set[tuple[int, int]]:
    """Each claim's ``k`` nearest of the other side (each way) scoring at least ``threshold``."""
    found: set[tuple[int, int]] = set()
    if sim.size == 0:
        return found
    for axis in (1, 0):
        n = sim.shape[axis]
        top = np.argsort(-sim, axis=axis, kind="stable")
        top = top[:, : min(k, n)] if axis == 1 else top[: min(k, n), :].T
        for row, cols in enumerate(top):
            for col in cols:
                i, j = (row, int(col)) if axis == 1 else (int(col), row)
                if sim[i, j] >= threshold:
                    found.add((i, j))
    return found


def topic_pairs(
    sim: np.ndarray, left: Sequence[Claim], right: Sequence[Claim], k: int = TOPIC_PER_CLAIM
) -> set[tuple[int, int]]:
    """Pairs the codebook puts on one topic, however they are worded: for each claim, and
    each position the other side takes on its topic, the ``k`` nearest by meaning holding
    that position (each way).

    Every same-topic pair would grow with the square of the claims: a long article on the
    codebook's subject labels a third of its claims with one topic. Taking the nearest per
    position keeps both the likely shared claim and the likely conflicting one.
    """
    found: set[tuple[int, int]] = set()
    if sim.size == 0:
        return found
    left_on = _on_topic(left)
    right_at = _at_position(right)
    left_at = _at_position(left)
    right_on = _on_topic(right)
    for (topic, _), columns in right_at.items():
        rows = left_on.get(topic, [])
        found.update(_nearest_of(sim, rows, columns, k))
    for (topic, _), rows in left_at.items():
        columns = right_on.get(topic, [])
        found.update((i, j) for j, i in _nearest_of(sim.T, columns, rows, k))
    return found


def _on_topic(claims: Sequence[Claim]) -> dict[str, list[int]]:
    """Claim indices by the topics their labels name, in order."""
    found: dict[str, list[int]] = {}
    for n, claim in enumerate(claims):
        for topic in dict.fromkeys(label.topic for label in claim.labels):
            found.setdefault(topic, []).append(n)
    return found


def _at_position(claims: Sequence[Claim]) -> dict[tuple[str, str], list[int]]:
    """Claim indices by the (topic, position) of their labels, in order."""
    found: dict[tuple[str, str], list[int]] = {}
    for n, claim in enumerate(claims):
        for at in dict.fromkeys((label.topic, label.position) for label in claim.labels):
            found.setdefault(at, []).append(n)
    return found


def _nearest_of(
    sim: np.ndarray, rows: Sequence[int], columns: Sequence[int], k: int
) -> Iterable[tuple[int, int]]:
    """For each of ``rows``, its ``k`` nearest among ``columns`` by ``sim`` (ties: in order)."""
    if not rows or not columns:
        return ()
    block = sim[np.ix_(rows, columns)]
    top = np.argsort(-block, axis=1, kind="stable")[:, :k]
    return ((rows[r], columns[int(c)]) for r, cols in enumerate(top) for c in cols)


def event_keys(claim: Claim) -> set[Hashable]:
    """What marks the event a claim reports: quoted runs, figures, dates, weekdays, names."""
    words = normal_words(claim.text)
    keys: set[Hashable] = {
        ("quote", tuple(words[n : n + QUOTE_WORDS])) for n in range(len(words) - QUOTE_WORDS + 1)
    }
    keys.update(("figure", value) for value, _ in number_values(claim.text))
    keys.update(("date", d.month, d.day, d.year) for d in date_mentions(claim.text))
    keys.update(("weekday", key(t)) for t in claim.text.split() if key(t) in WEEKDAYS)
    keys.update(("name", name.lower()) for name in claim.entities)
    return keys


def _content(claim: Claim) -> set[str]:
    return {stem(w) for w in normal_words(claim.text) if w.isalpha() and w not in STOPWORDS}


def event_pairs(
    sim: np.ndarray, left: Sequence[Claim], right: Sequence[Claim]
) -> set[tuple[int, int]]:
    """Pairs that share a quote, a figure or date with context, or EVENT_ENTITIES names.

    Keys found in more than KEY_SPREAD claims of the other side are dropped, and each claim
    keeps its EVENT_PER_CLAIM nearest by meaning, so the count stays linear in the claims.
    """
    index: defaultdict[Hashable, list[int]] = defaultdict(list)
    for j, claim in enumerate(right):
        for k in event_keys(claim):
            index[k].append(j)
    found: set[tuple[int, int]] = set()
    contents: dict[int, set[str]] = {}  # right claims' content stems, worked out when needed
    for i, claim in enumerate(left):
        own = _content(claim)
        hits: Counter[int] = Counter()
        strong: set[int] = set()
        for k in event_keys(claim):
            partners = index.get(k, [])
            if len(partners) > KEY_SPREAD:
                continue
            kind = k[0] if isinstance(k, tuple) else ""
            for j in partners:
                if kind == "quote":
                    strong.add(j)
                elif kind == "name":
                    hits[j] += 1
                else:
                    if j not in contents:
                        contents[j] = _content(right[j])
                    if own & contents[j]:
                        strong.add(j)
        chosen = strong | {j for j, n in hits.items() if n >= EVENT_ENTITIES}
        nearest = sorted(chosen, key=lambda j: -float(sim[i, j]))[:EVENT_PER_CLAIM]
        found.update((i, j) for j in nearest)
    return found


def classify(
    left: Claim, right: Claim, verdict: Verdict, evidence: Evidence, ctx: _Context
) -> Link | None:
    """The link of one judged candidate, or None when it turns out to be no relation.

    Opposing codebook positions win over everything: that is the disagreement the reader came
    for. Then the judge's conflict, then a shared codebook position, then the judge's same
    claim. "Related" and "unrelated" pairs get no link.
    """
    sim = max(evidence.scores.values()) if evidence.scores else 0.0
    signals = _credited(evidence, ctx)
    by_position = position_link(left, right, sim, ctx, signals)
    if by_position is not None and by_position.relation == "conflicting":
        return by_position
    if verdict.relation == "conflicting":
        link = Link(
            "conflicting",
            left.id,
            right.id,
            verdict.score,
            verdict.reason,
            None,
            verdict.conflict_type,
            signals=signals,
        )
        return _time_shifted(link, ctx)
    if by_position is not None:
        return by_position
    if verdict.relation == "shared":
        return Link("shared", left.id, right.id, verdict.score, verdict.reason, signals=signals)
    return None


def _credited(evidence: Evidence, ctx: _Context) -> tuple[str, ...]:
    """Name the signals that actually found this pair instead of the combined backend.

    Wording is the plainer explanation, so it is credited whenever it reaches the candidate
    threshold; another signal (meaning) is credited when it reaches it and scores above the
    wording, i.e. when it found more than shared words. With neither, the stronger one is
    named. A backend that does not report its signals apart is named as itself.
    """
    scores = evidence.scores
    if not ctx.credits or not scores:
        return (ctx.signal,)
    threshold = ctx.settings.candidate_threshold
    first, *others = scores
    base = scores[first]
    named = tuple(
        [first] * (base >= threshold)
        + [n for n in others if scores[n] >= threshold and scores[n] > base]
    )
    return named or (max(scores, key=lambda name: scores[name]),)


def position_link(
    left: Claim, right: Claim, sim: float, ctx: _Context, credited: tuple[str, ...] = ()
) -> Link | None:
    """A link from the codebook labels alone: opposing positions first, then the same one."""
    best: Link | None = None
    for lab in left.labels:
        other = right.label_for(lab.topic)
        if other is None:
            continue
        link = _label_link((left, right), (lab, other), sim, ctx, credited or (ctx.signal,))
        if link is not None and (best is None or _outranks(link, best)):
            best = link
    return best


def _outranks(link: Link, other: Link) -> bool:
    if (link.relation == "conflicting") != (other.relation == "conflicting"):
        return link.relation == "conflicting"
    return link.score > other.score


def _label_link(
    claims: tuple[Claim, Claim],
    labels: tuple[Label, Label],
    sim: float,
    ctx: _Context,
    credited: tuple[str, ...],
) -> Link | None:
    """A codebook link; ``credited`` names the similarity signals that found the pair."""
    (left, right), (lab, other) = claims, labels
    score = LABEL_WEIGHT * (lab.score + other.score) / 2 + (1 - LABEL_WEIGHT) * sim
    score = min(1.0, max(0.0, score))
    near = sim >= ctx.settings.candidate_threshold
    signals = ("position", *credited) if near else ("position",)
    who = f"({_speaker(left)})", f"({_speaker(right)})"
    if lab.position == other.position:
        reason = f"topic {lab.topic}: both say {lab.position} — left {who[0]}, right {who[1]}"
        return Link("shared", left.id, right.id, score, reason, lab.topic, signals=signals)
    if not ctx.codebook.opposes(lab.topic, lab.position, other.position):
        return None
    reason = (
        f"topic {lab.topic}: left says {lab.position} {who[0]}, "
        f"right says {other.position} {who[1]}"
    )
    link = Link(
        "conflicting", left.id, right.id, score, reason, lab.topic, "position", signals=signals
    )
    return _time_shifted(link, ctx)


def _time_shifted(link: Link, ctx: _Context) -> Link:
    """Conflicts between articles far apart in time are flagged and explained as such."""
    days = ctx.days_apart
    if days is None or days <= ctx.settings.year_gap_days:
        return link
    reason = (
        f"{link.reason} — {days / 365.25:.1f} years apart: a shift over time rather than a "
        "contradiction between contemporaries"
    )
    return dataclasses.replace(link, reason=reason, time_shift=True)


def _speaker(claim: Claim) -> str:
    return claim.speaker or "outlet"


def days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two ISO dates; None when either is missing or unreadable."""
    if not a or not b:
        return None
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except ValueError:
        return None


def select(pairs: Iterable[Pair], cap: int = LINKS_PER_CLAIM) -> list[Pair]:
    """Keep the best-scoring pairs so each claim has a few partners, not all of them.

    First a greedy one-to-one matching per relation, so three similar claims on each side
    pair off as three links instead of nine. Then claims still without a partner of that
    relation may join their best partner, as long as neither end exceeds ``cap`` links.
    """
    ranked = sorted(pairs, key=lambda p: (-p.link.score, p.i, p.j))
    total: Counter[tuple[str, int]] = Counter()
    per_relation: Counter[tuple[str, int, str]] = Counter()
    kept: list[Pair] = []
    for one_to_one in (True, False):
        for pair in ranked:
            rel = pair.link.relation
            ends = (("L", pair.i), ("R", pair.j))
            has = [per_relation[(*end, rel)] > 0 for end in ends]
            if any(has) if one_to_one else all(has):
                continue
            if any(total[end] >= cap for end in ends):
                continue
            kept.append(pair)
            for end in ends:
                total[end] += 1
                per_relation[(*end, rel)] += 1
    return kept


def _with_diff(
    pair: Pair,
    left: Sequence[Claim],
    right: Sequence[Claim],
    judged: dict[tuple[int, int], tuple[Verdict, Evidence]],
) -> Pair:
    """A word diff where the wording is close enough for one to help, whatever the meaning."""
    evidence = judged[(pair.i, pair.j)][1]
    if evidence.scores.get("lexical", 0.0) < DIFF_THRESHOLD:
        return pair
    diff = word_diff(left[pair.i].text, right[pair.j].text)
    return pair._replace(link=dataclasses.replace(pair.link, diff=diff))


def _orphans(
    sim: np.ndarray,
    left: Sequence[Claim],
    right: Sequence[Claim],
    kept: Sequence[Pair],
    judged: dict[tuple[int, int], tuple[Verdict, Evidence]],
) -> list[Pair]:
    """One-sided links for unpartnered claims, saying why no partner was found.

    The nearest claim of the other side is named with the judge's answer on it (a related
    but different claim, or a partner already taken), so a similarity is never quoted
    without the reason it was not enough. The score says how alone the claim is.
    """
    linked_left = {p.i for p in kept}
    linked_right = {p.j for p in kept}
    orphans: list[Pair] = []
    for i, claim in enumerate(left):
        if i not in linked_left:
            j = int(np.argmax(sim[i])) if len(right) else -1
            reason, alone = _alone_reason("right", (i, j), sim, judged)
            orphans.append(Pair(i, -1, Link("left_only", claim.id, None, alone, reason)))
    for j, claim in enumerate(right):
        if j not in linked_right:
            i = int(np.argmax(sim[:, j])) if len(left) else -1
            reason, alone = _alone_reason("left", (i, j), sim, judged)
            orphans.append(Pair(-1, j, Link("right_only", None, claim.id, alone, reason)))
    return orphans


def _alone_reason(
    other: str,
    nearest: tuple[int, int],
    sim: np.ndarray,
    judged: dict[tuple[int, int], tuple[Verdict, Evidence]],
) -> tuple[str, float]:
    i, j = nearest
    if i < 0 or j < 0:
        return f"the {other} article has no claims", 1.0
    closest = float(sim[i, j])
    found = judged.get(nearest)
    if found is None:
        reason = f"no claim of the {other} article is about the same event"
        return f"{reason} (nearest by meaning {closest:.2f})", 1 - closest
    verdict = found[0]
    if verdict.relation in ("shared", "conflicting"):
        why = f"its nearest claim there ({verdict.relation}) is linked to a closer partner"
    elif verdict.relation == "related":
        why = (
            f"its nearest claim there is on the same topic but a different claim: {verdict.reason}"
        )
    else:
        why = f"its nearest claim there is unrelated: {verdict.reason}"
    return f"no claim of the {other} article matches; {why}", min(1.0, max(0.0, 1 - closest))


def order_links(kept: Sequence[Pair], orphans: Sequence[Pair]) -> tuple[Link, ...]:
    """Merged reading order (see the module docstring)."""
    anchors = sorted((p.j, p.i) for p in kept)
    anchor_rights = [j for j, _ in anchors]
    end = max((p.i for p in [*kept, *orphans]), default=0) + 1
    # following[k]: the first left claim among the links from the k-th anchor on (a running
    # minimum from the end), so placing each right-only claim costs a bisection, not a scan.
    following = list(accumulate(reversed([i for _, i in anchors]), min, initial=end))[::-1]

    def position(p: Pair) -> tuple[int, int, int]:
        if p.i >= 0:
            return (p.i, 0, p.j)
        # Before the first link whose right claim follows this one, like a diff's insertions.
        return (following[bisect_left(anchor_rights, p.j)], -1, p.j)

    return tuple(p.link for p in sorted([*kept, *orphans], key=position))
