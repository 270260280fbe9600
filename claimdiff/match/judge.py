"""The one judge: are two claims the same claim, in conflict, related or unrelated, and why.

Every caller asks here: ``claimdiff compare`` and the window (for the candidate pairs of two
articles), ``claimdiff pairs`` (for the pairs of a table), the reports and the corpus (which
read the comparison's links). One function, ``decide``, turns a pair and its evidence into a
``Verdict``; ``Judge`` gathers the evidence (wording and meaning scores, P(same claim) from
the models that apply) for many pairs at once, so models load and embed once.

The order of the questions:

1. Containment: one claim is the other cut shorter (the same quote with less around it, a
   clause of the other). That is the same claim; the rest is extra, shown as extra, and a
   "not" in the extra is no negation of it.
2. A reversal on the same event (a negation of a word both state, an antonym): conflicting.
3. The same claim? (the learned P(same claim), else the score threshold.) If so, a differing
   date, weekday, figure or name in aligned spans makes it conflicting (``details`` says when),
   else shared.
4. Not the same claim, but one side says the other's claim is untrue ("denied", "is false",
   "hoax") about the same people or things, or states a plan the other says did not or will
   not happen ("set to vote" / "rejected"), or names another person in the same role:
   conflicting (``denial``, ``modality``, ``person``), speakers named. A same claim is read
   for the last two as well.
5. Otherwise related (same topic by meaning) or unrelated.

A three-way pair model (same / contradicts / related) can be injected (``PairModel``); without
one the shipped feature classifier and cross-encoder give P(same claim), and the rules give
the contradictions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import cache, lru_cache
from typing import Protocol

import numpy as np

from claimdiff.claims.stems import STOPWORDS
from claimdiff.match.classifiers import Classifier, load_classifiers
from claimdiff.match.conflict_candidates import CUE_LISTS
from claimdiff.match.contradiction import (
    Conflict,
    aligned,
    common_words,
    cue_phrases,
    denial_conflict,
    detail_difference,
    only_difference,
    reversal,
    same_event_conflict,
    stance_conflict,
)
from claimdiff.match.crossencoder import CrossEncoder, Progress
from claimdiff.match.negation import negation_parity_flip, negations
from claimdiff.match.newspairs import Calibration, NewsPairModel
from claimdiff.match.pair_model import feature_rows
from claimdiff.similarity.semantic import HybridSimilarity, SemanticSimilarity, cosine_to_score
from claimdiff.similarity.similarity import LexicalSimilarity, SimilarityBackend

RELATIONS = ("shared", "conflicting", "related", "unrelated")
# How a differing date, number or name of the same claim counts (JudgeSettings.details).
DETAIL_MODES = ("swap", "any", "off")
CONTAINED_MIN_WORDS = 6  # a shorter claim must have this many words to count as contained
INSERTED_CLAUSE_WORDS = 4  # words added inside the shared part that still read as a clause
CONTAINED_SLACK = 0.4  # share of the shorter claim that may lie outside the shared runs
PAIR_MODEL_COLUMNS = ("same", "contradicts", "related")


class PairModel(Protocol):
    """A model that reads two claims together and gives P(same), P(contradicts), P(related).

    ``format`` puts the speaker into the text the way the model was trained to read it, so the
    same demand voiced by someone else is not "the same claim"; ``probabilities`` returns an
    (n, 3) array with the columns of PAIR_MODEL_COLUMNS.
    """

    def available(self) -> bool: ...

    def format(self, text: str, speaker: str | None) -> str: ...

    def probabilities(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True, slots=True)
class Statement:
    """A claim as the judge sees it: its words and who says them (None: the outlet)."""

    text: str
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class JudgeSettings:
    """Thresholds on the lexical scale; fitted on the train splits (docs/semantic.md)."""

    shared_threshold: float = 0.63  # best MSRP train accuracy with the hybrid backend
    conflict_threshold: float = 0.75  # best SICK train contradiction F1: "same event" enough
    learned_threshold: float = 0.5  # on P(same claim) when a classifier is shipped
    # "swap": a differing date, number or name is a conflict when it is the claims' one
    # change, else noted in the reason of a shared pair; "any": always a conflict; "off":
    # only noted. MSRP's annotators call most reworded pairs with a differing figure the same
    # claim, which "swap" follows (docs/semantic.md).
    details: str = "swap"
    # Also read both claims together with the shipped cross-encoder (semantic backend only):
    # P(same claim) is then the mean of its answer and the feature classifier's.
    cross_encoder: bool = True
    # Meaning score (lexical scale) from which two claims are on one topic: "related", and
    # close enough for a denial on one side to be a denial of the other.
    related_threshold: float = 0.45
    contradicts_threshold: float = 0.5  # on a pair model's P(contradicts)
    # Content words two claims must share before the pair model is asked whether they
    # contradict: its "contradicts" is about one event, and two claims naming nothing in
    # common are not one ("The claims in the report are false." against any other claim).
    model_words: int = 2
    # Content words two claims must share to count as one claim about one event when the
    # models say "not the same meaning" (None: the models decide alone). A paraphrase model
    # penalises what one report adds; two reports of one event add different things.
    same_event_words: int | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the judge knows of one pair besides its words."""

    scores: Mapping[str, float]  # per signal ("lexical", "semantic"), lexical scale
    p_same: float | None = None  # the models' mean P(same claim), None without models
    p_parts: Mapping[str, float] = field(default_factory=dict)
    p_contradicts: float | None = None  # a three-way pair model's, when one is plugged in
    calibration: Calibration | None = None  # the pair model's, to state confidences


@dataclass(frozen=True, slots=True)
class Verdict:
    relation: str  # one of RELATIONS
    score: float  # confidence in ``relation`` (0..1)
    conflict_type: str | None
    reason: str
    spans: tuple[str, str] | None = None  # the two stretches that differ, for a conflict
    extra: str | None = None  # what the longer claim adds, for a contained claim


# Stated confidences of the rule-made links. Contained claims: nearly always the same claim.
# Same-event links: 0.7, the share of such links right on the dev set's tune half (first six
# pairs: 10 of 13 with the denials); on its report half they were right 5 times in 15.
# The conflict rules', each from the tune half's precision of that rule alone, smoothed by
# one right and one wrong link (Laplace) so that a rule with few links states little: denial
# links right 2 of 3 -> 0.6; plan-vs-outcome and person-in-role made no link there -> 0.5,
# "no evidence either way" (docs/compare.md).
CONTAINED_CONFIDENCE = 0.9
SAME_EVENT_CONFIDENCE = 0.7
DENIAL_CONFIDENCE = 0.6
MODALITY_CONFIDENCE = 0.5
PERSON_CONFIDENCE = 0.5
STANCE_CONFIDENCE = {
    "denial": DENIAL_CONFIDENCE,
    "modality": MODALITY_CONFIDENCE,
    "person": PERSON_CONFIDENCE,
}


def decide(a: Statement, b: Statement, evidence: Evidence, settings: JudgeSettings) -> Verdict:
    """One pair's relation from its words, its evidence and the settings (see the module doc).

    The rules decide first; the pair model adds a conflict they did not find (never over a
    contained claim), so a rule's conflict keeps its type, reason and confidence.
    """
    verdict = _by_rules(a, b, evidence, settings)
    if verdict.relation == "conflicting" or verdict.extra is not None:
        return verdict
    if model_conflict(a, b, evidence, settings):
        return _model_conflict(a, b, evidence, settings)
    return verdict


def _by_rules(a: Statement, b: Statement, evidence: Evidence, settings: JudgeSettings) -> Verdict:
    scores = evidence.scores
    score = max(scores.values()) if scores else 0.0
    said = _said(scores)
    extra = contained_extra(a.text, b.text)
    if extra is not None:
        return _contained(a, b, extra, max(score, CONTAINED_CONFIDENCE), said)
    found = reversal(a.text, b.text) if score >= settings.conflict_threshold else None
    if found is not None:
        return _conflict(found, score, f"same event, {found[1]} ({said})")
    if evidence.p_same is not None:
        parts = ", ".join(f"{name} {p:.2f}" for name, p in evidence.p_parts.items())
        blend = f" = mean of {parts}" if len(evidence.p_parts) > 1 else ""
        said = f"P(same claim) {evidence.p_same:.2f}{blend}, {said}"
        same, p = evidence.p_same >= settings.learned_threshold, evidence.p_same
    else:
        same, p = score >= settings.shared_threshold, score
    if same:
        return _same_claim(a, b, p, said, settings)
    return _not_the_same(a, b, (1 - p, scores.get("semantic", score)), said, settings)


def model_conflict(a: Statement, b: Statement, evidence: Evidence, settings: JudgeSettings) -> bool:
    """The pair model says the two contradict, and their words show where.

    The model alone is not enough: it reads a capital for its country as another place
    ("Moscow halted ..." / "Russia halted ...": P(contradicts) 0.56) and, given one short
    sentence twice, can answer "contradicts" (0.97). So its conflict counts only with a
    reason in the words (``conflict_ground``), and identical claims are never one.
    """
    p = evidence.p_contradicts
    if p is None or p < settings.contradicts_threshold:
        return False
    if normal_words(a.text) == normal_words(b.text):
        return False
    return conflict_ground(a.text, b.text, settings.details in ("swap", "any")) is not None


def conflict_ground(a: str, b: str, details: bool = True) -> Conflict | None:
    """What in the words could make two claims of one event contradict: a differing detail
    (figure, date, weekday, name) where the words around it place it alike on both sides
    (``aligned``; not when ``details`` is False, for JudgeSettings.details other than "swap"
    or "any"), a rule's stance conflict, a negation only one side carries, or a denial, plan
    or outcome cue only one side carries (the judge's lists).

    On two Reuters articles of 200 claims, 238 of 1,168 candidates had such a reason with
    any differing figure, 114 with aligned ones: the model reads only those."""
    detail = detail_difference(a, b) if details else None
    spans = _spans(detail[1]) if detail else None
    if detail is not None and spans and aligned(a, b, *spans):
        return detail
    found = stance_conflict(a, b) or negation_parity_flip(a, b)
    if found is not None:
        return found
    for name in CUE_LISTS:
        left, right = cue_phrases(name, a), cue_phrases(name, b)
        if bool(left) != bool(right):
            cue, side = (left[0][0], "left") if left else (right[0][0], "right")
            kind = "denial" if name == "denial-cues" else "modality"
            return kind, f"only the {side} claim says '{cue}'"
    return None


def _model_conflict(
    a: Statement, b: Statement, evidence: Evidence, settings: JudgeSettings
) -> Verdict:
    """A conflict the pair model found, typed and explained by what grounds it in the words,
    with the calibrated confidence of the model's conflicts."""
    p = evidence.p_contradicts or 0.0
    found = conflict_ground(a.text, b.text, settings.details in ("swap", "any")) or (
        "contradiction",
        "the claims contradict",
    )
    said = _said(evidence.scores)
    reason = f"{found[1]}{_voices(a, b)} (P(contradicts) {p:.2f}, {said})"
    confidence = evidence.calibration.conflict(p) if evidence.calibration else p
    return _conflict(found, confidence, reason)


def _said(scores: Mapping[str, float]) -> str:
    """The strongest similarity signal and its score, as reasons quote it."""
    if not scores:
        return "none 0.00"
    signal = max(scores, key=lambda name: scores[name])
    return f"{signal} {scores[signal]:.2f}"


def _contained(a: Statement, b: Statement, extra: str, confidence: float, said: str) -> Verdict:
    """A contained claim is shared, unless what the longer one adds denies the rest."""
    denial = denial_conflict(a.text, b.text) if extra else None
    if denial is not None:
        return _conflict(denial, DENIAL_CONFIDENCE, f"{denial[1]}{_voices(a, b)} ({said})")
    reason = _contained_reason(extra, said) if extra else f"same content ({said})"
    return Verdict("shared", confidence, None, reason, extra=extra or None)


def _not_the_same(
    a: Statement,
    b: Statement,
    confidence_meaning: tuple[float, float],
    said: str,
    settings: JudgeSettings,
) -> Verdict:
    """Not the same wording or meaning: a denial, the same event by what it names, or not."""
    confidence, meaning = confidence_meaning
    stance = _stance(a, b, said, stance_conflict)
    if stance is not None:
        return stance
    common = common_words(a.text, b.text)
    if settings.same_event_words and len(common) >= settings.same_event_words:
        said = f"{said}; both name {', '.join(common[:4])}"
        return _same_claim(a, b, SAME_EVENT_CONFIDENCE, said, settings, reworded=True)
    if meaning >= settings.related_threshold:
        return Verdict("related", confidence, None, f"same topic, a different claim ({said})")
    return Verdict("unrelated", confidence, None, f"too different ({said})")


def _same_claim(
    a: Statement,
    b: Statement,
    confidence: float,
    said: str,
    settings: JudgeSettings,
    *,
    reworded: bool = False,
) -> Verdict:
    """Shared, or conflicting on a detail; ``reworded``: the claims are the same by the event
    they name rather than by their wording, so a detail counts only where the words around
    it place it alike on both sides (claimdiff.match.contradiction.aligned); so it does with
    ``details="any"``, where a detail need not be the claims' one change."""
    detail = detail_difference(a.text, b.text)
    spans = _spans(detail[1]) if detail else None
    loose = reworded or settings.details == "any"
    if detail is not None and loose and not (spans and aligned(a.text, b.text, *spans)):
        detail = None
    if detail is None:
        stance = _stance(a, b, said, same_event_conflict)
        return stance or Verdict("shared", confidence, None, f"same content ({said})")
    if settings.details == "any" or (
        settings.details == "swap" and only_difference(a.text, b.text)
    ):
        return _conflict(detail, confidence, f"same claim, {detail[1]} ({said})")
    return Verdict("shared", confidence, None, f"same claim reworded; note: {detail[1]} ({said})")


def _stance(
    a: Statement, b: Statement, said: str, check: Callable[[str, str], Conflict | None]
) -> Verdict | None:
    """A denial, plan-vs-outcome or person-in-role conflict, with its rule's confidence and
    the two speakers when they differ."""
    found = check(a.text, b.text)
    if found is None:
        return None
    return _conflict(found, STANCE_CONFIDENCE[found[0]], f"{found[1]}{_voices(a, b)} ({said})")


def _conflict(found: tuple[str, str], confidence: float, reason: str) -> Verdict:
    return Verdict("conflicting", min(1.0, confidence), found[0], reason, spans=_spans(found[1]))


_SAYS = re.compile(r"left says (.+?), right says (.+?)(?:$|;)")


def _spans(explanation: str) -> tuple[str, str] | None:
    """The two differing stretches a detail check named ("left says X, right says Y")."""
    found = _SAYS.search(explanation)
    return (found.group(1), found.group(2)) if found else None


def _voices(a: Statement, b: Statement) -> str:
    """ "between X and Y" when the two claims have different speakers."""
    if a.speaker == b.speaker:
        return ""
    return f": {a.speaker or 'the left outlet'} against {b.speaker or 'the right outlet'}"


def _contained_reason(extra: str, said: str) -> str:
    shown = extra if len(extra) <= 80 else extra[:77] + "…"
    return f"same claim, one side says more: “{shown}” ({said})"


_TOKEN = re.compile(r"[\w$%]+(?:[.,'’][\w]+)*")


def normal_words(text: str) -> list[str]:
    """Words for verbatim matching: lower case, quotes and punctuation dropped, ’ as '."""
    return list(_normal_words(text))


@lru_cache(maxsize=1 << 14)
def _normal_words(text: str) -> tuple[str, ...]:
    return tuple(w.lower().replace("’", "'") for w in _TOKEN.findall(text))


def contained_extra(a: str, b: str) -> str | None:
    """What the longer claim adds when the shorter one is inside it word for word, else None.

    "Inside" allows for punctuation, quotes and case: the runs the two share (one of
    CONTAINED_MIN_WORDS words at least) must cover all but CONTAINED_SLACK of the shorter
    claim ("(Via)", "a source told the Mirror" around a quote are not the claim), and no
    content word of the shorter claim may stand where the longer has other words (a changed
    figure or name is a different claim, not a shorter one). What the longer one adds must
    stand before or after the shared part, or be a clause of at least INSERTED_CLAUSE_WORDS
    words: a "not" or "never" slipped into the shared words, or standing just before them
    ("there is no ..."), changes the claim. Equal claims add nothing ("").
    """
    left, right = normal_words(a), normal_words(b)
    short, long_ = (left, right) if len(left) <= len(right) else (right, left)
    if len(short) < CONTAINED_MIN_WORDS:
        return None
    matcher = SequenceMatcher(None, short, long_, autojunk=False)
    ops = matcher.get_opcodes()
    equal = [(i2 - i1, j1, j2) for tag, i1, i2, j1, j2 in ops if tag == "equal"]
    if not _covers(equal, len(short)):
        return None
    first, last = equal[0][1], equal[-1][2]
    if negations(" ".join(long_[max(0, first - INSERTED_CLAUSE_WORDS) : first])):
        return None  # "there is no" before the shared words negates them
    extra: list[str] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "replace" and any(w not in STOPWORDS for w in short[i1:i2]):
            return None
        inner = first <= j1 and j2 <= last
        if tag in ("insert", "replace") and inner and j2 - j1 < INSERTED_CLAUSE_WORDS:
            return None
        if tag in ("insert", "replace"):
            extra.extend(long_[j1:j2])
    return " ".join(extra)


def _covers(equal: list[tuple[int, int, int]], length: int) -> bool:
    """The shared runs include one of CONTAINED_MIN_WORDS and cover enough of the shorter."""
    if not equal or max(n for n, _, _ in equal) < CONTAINED_MIN_WORDS:
        return False
    return sum(n for n, _, _ in equal) >= (1 - CONTAINED_SLACK) * length


def default_pair_model() -> PairModel | None:
    """The three-way pair model every judge uses unless given one: the shipped news pair
    model (claimdiff.match.newspairs), loaded once per process; None when it cannot load
    (no onnxruntime, a missing or altered graph), and the rules judge alone
    (``pair_model_notice`` says so)."""
    model = _shipped_news_pair_model()
    return model if model.available() else None


@cache
def _shipped_news_pair_model() -> NewsPairModel:
    return NewsPairModel()


def pair_model_notice() -> str | None:
    """Why pairs were judged by rules only, if a judge asked for the shipped model in this
    process and it could not load; else None (asking does not load it)."""
    if not _shipped_news_pair_model.cache_info().currsize:
        return None
    return _shipped_news_pair_model().notice()


class Judge:
    """Gathers the evidence of many pairs at once and decides each with ``decide``.

    ``pair_model`` defaults to ``default_pair_model()`` (none when ``default_model`` is
    False); pass one to use another.
    """

    def __init__(
        self,
        backend: SimilarityBackend,
        settings: JudgeSettings | None = None,
        *,
        pair_model: PairModel | None = None,
        classifiers: dict[str, Classifier] | None = None,
        cross: CrossEncoder | None = None,
        default_model: bool = True,
    ) -> None:
        self.backend = backend
        self.settings = settings or JudgeSettings()
        if pair_model is None and default_model:
            pair_model = default_pair_model()
        self.pair_model = pair_model
        self.classifiers = classifiers
        self.cross = cross

    def evidence(
        self,
        left: Sequence[Statement],
        right: Sequence[Statement],
        *,
        known: Mapping[str, np.ndarray] | None = None,
        progress: Progress | None = None,
    ) -> list[Evidence]:
        """Evidence for (left[k], right[k]); ``known`` are signal scores the caller already has
        (a comparison's meaning matrix), by signal name, so they are not worked out again."""
        texts_l, texts_r = [s.text for s in left], [s.text for s in right]
        signals = dict(known or {}) or pair_scores(texts_l, texts_r, self.backend)
        if "lexical" not in signals:
            signals = {"lexical": _lexical_pairs(texts_l, texts_r), **signals}
        rows = [{name: float(m[k]) for name, m in signals.items()} for k in range(len(left))]
        parts = self._probability_parts(texts_l, texts_r, signals, progress)
        mean = np.mean(list(parts.values()), axis=0) if parts else None
        found = [
            Evidence(r)
            if mean is None
            else Evidence(r, float(mean[k]), {name: float(p[k]) for name, p in parts.items()})
            for k, r in enumerate(rows)
        ]
        return self._with_pair_model(left, right, found)

    def _with_pair_model(
        self, left: Sequence[Statement], right: Sequence[Statement], found: list[Evidence]
    ) -> list[Evidence]:
        """The pair model's P(contradicts) and P(same) for the pairs it can change: not a
        contained claim (always shared) and sharing ``model_words`` content words (one event).
        At ~4 ms a reading, reading only those keeps a comparison's cost near its links'."""
        model = self.pair_model
        if model is None or not left or not model.available():
            return found
        read = [k for k, (a, b) in enumerate(zip(left, right, strict=True)) if self.reads(a, b)]
        if not read:
            return found
        # One reading a pair where the model offers it (NewsPairModel.read_once).
        reader = getattr(model, "read_once", model.probabilities)
        probs = reader(
            [model.format(left[k].text, left[k].speaker) for k in read],
            [model.format(right[k].text, right[k].speaker) for k in read],
        )
        calibration = getattr(model, "calibration", None)
        fitted = calibration() if callable(calibration) else None
        for k, p in zip(read, probs, strict=True):
            found[k] = replace(found[k], p_contradicts=float(p[1]), calibration=fitted)
        return found

    def reads(self, a: Statement, b: Statement) -> bool:
        """Whether the pair model is asked about this pair (see ``_with_pair_model``)."""
        if contained_extra(a.text, b.text) is not None:
            return False
        if len(common_words(a.text, b.text)) < self.settings.model_words:
            return False
        return conflict_ground(a.text, b.text, self.settings.details in ("swap", "any")) is not None

    def _probability_parts(
        self,
        left: Sequence[str],
        right: Sequence[str],
        signals: dict[str, np.ndarray],
        progress: Progress | None,
    ) -> dict[str, np.ndarray]:
        # The shipped classifiers learnt the shipped backends' signals; another backend's
        # scores are decided by the thresholds alone.
        if not isinstance(self.backend, HybridSimilarity | LexicalSimilarity):
            return {}
        semantic = getattr(self.backend, "semantic", None)
        return probability_parts(
            left,
            right,
            signals,
            classifiers=self.classifiers,
            semantic=semantic if isinstance(semantic, SemanticSimilarity) else None,
            settings=self.settings,
            cross=self.cross,
            progress=progress,
        )

    def decide(self, a: Statement, b: Statement, evidence: Evidence) -> Verdict:
        return decide(a, b, evidence, self.settings)

    def judge(
        self,
        left: Sequence[Statement],
        right: Sequence[Statement],
        *,
        progress: Progress | None = None,
    ) -> list[Verdict]:
        """Verdicts for (left[k], right[k])."""
        found = self.evidence(left, right, progress=progress)
        return [
            decide(a, b, ev, self.settings) for a, b, ev in zip(left, right, found, strict=True)
        ]


def pair_scores(
    left: Sequence[str], right: Sequence[str], backend: SimilarityBackend
) -> dict[str, np.ndarray]:
    """Per-signal similarity of each pair (left[k], right[k]), not of all combinations.

    Wording always counts; meaning counts when the backend carries a loaded semantic model.
    A backend that is neither (a test's or a plug-in's) gives its own score under its name.
    """
    found = {"lexical": _lexical_pairs(left, right)}
    semantic = getattr(backend, "semantic", None)
    if isinstance(semantic, SemanticSimilarity) and semantic.available() and left:
        cos = np.sum(semantic.embed(left) * semantic.embed(right), axis=1)
        found["semantic"] = cosine_to_score(cos)
    elif not isinstance(backend, HybridSimilarity | LexicalSimilarity) and left:
        own = [float(backend.matrix([a], [b])[0, 0]) for a, b in zip(left, right, strict=True)]
        found[backend.name] = np.array(own, np.float32)
    return found


def _lexical_pairs(left: Sequence[str], right: Sequence[str]) -> np.ndarray:
    lexical = LexicalSimilarity()
    pairs = zip(left, right, strict=True)
    return np.array([lexical.matrix([a], [b])[0, 0] for a, b in pairs], np.float32)


@cache
def default_cross_encoder() -> CrossEncoder:
    """The shipped cross-encoder, shared in this process so it loads once."""
    return CrossEncoder()


def probability_parts(
    left: Sequence[str],
    right: Sequence[str],
    signals: dict[str, np.ndarray],
    *,
    classifiers: dict[str, Classifier] | None = None,
    semantic: SemanticSimilarity | None = None,
    settings: JudgeSettings | None = None,
    cross: CrossEncoder | None = None,
    progress: Progress | None = None,
) -> dict[str, np.ndarray]:
    """P(same claim) per pair from each model that applies, by name; their mean decides.

    "features": the shipped classifier over the pair's features (none: empty, and the
    score thresholds decide). "cross-encoder": both claims read together, semantic backend only.
    """
    found = load_classifiers() if classifiers is None else classifiers
    classifier = found.get("semantic" if "semantic" in signals else "lexical")
    if classifier is None or not left:
        return {}
    parts = {"features": classifier.probability(feature_rows(left, right, signals, semantic))}
    if "semantic" in signals and (settings or JudgeSettings()).cross_encoder:
        reader = cross or default_cross_encoder()
        if reader.available():
            parts["cross-encoder"] = reader.probability(left, right, progress)
    return parts
