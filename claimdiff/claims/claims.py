"""From an article to its claims: body clauses that assert something, and who asserts them.

Segmentation, speakers, cues and entities each live in their own module; this one decides
what counts, reading spaCy's parse of the article (:func:`claimdiff.language.nlp.parse`, shared with
the speaker stage):

* a claim is body text (outside the title and furniture spans the loader found), is not a
  question, a byline or a credit, and has a finite verb ("said", "won't", "took", "It's"),
  so a headline fragment ("Cold War memory gap.") or an imperative ("Let's be clear.") is not
  one. A line without final punctuation is a heading or a caption unless it is long, not
  title-cased, and has a finite verb;
* a sentence of coordinated or contrasted main clauses ("denied X but said Y", "X, while Y")
  gives one claim per clause, each with its own offsets, keeping the whole sentence as its
  context (``sentence_start``/``sentence_end``) and the sentence's speaker.

Speakers are read over every body sentence, claim or not, so a name introduced in a skipped
sentence still resolves a later "he said". Without a trained pipeline (see
:func:`claimdiff.language.nlp.notice`) a word list stands in for the tagger and sentences stay
whole.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from claimdiff.base import lexicon
from claimdiff.base.errors import InputError
from claimdiff.base.model import Article, Claim, Span, make_claim_id
from claimdiff.claims.cues import find_cues
from claimdiff.claims.ner import claim_mentions, mention_names
from claimdiff.claims.segment import SentenceSpan, split_sentences
from claimdiff.claims.speakers import Attribution, attribute_speakers, clause_attribution
from claimdiff.language import nlp
from claimdiff.language.dateline import dateline_end

_WORDS = re.compile(r"[^\W\d_][\w’'\-]*")
_FINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_QUESTION = re.compile(r"\?[\"'”’»)\]]*$")
_BYLINE = re.compile(r"^By\s+[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3}\s*(?:[,|]|and\b|$)")
_CREDIT = re.compile(r"^(?:©|\(c\)\s|copyright\b)", re.IGNORECASE)
_CLAUSE_TRIM = " \t\n,;:–—-"


@dataclass(frozen=True, slots=True)
class Rules:
    """The word lists and thresholds of ``resources/language/claims.json``."""

    min_words: int
    min_unpunctuated_words: int
    min_clause_words: int
    headline_capital_share: float
    finite_tags: frozenset[str]
    minor_words: frozenset[str]
    contrast_marks: frozenset[str]
    clause_conjunctions: frozenset[str]
    fallback_verbs: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = lexicon.table("claims")
    return Rules(
        min_words=int(data["min_words"]),
        min_unpunctuated_words=int(data["min_unpunctuated_words"]),
        min_clause_words=int(data["min_clause_words"]),
        headline_capital_share=float(data["headline_capital_share"]),
        finite_tags=frozenset(data["finite_tags"]),
        minor_words=frozenset(data["minor_words"]),
        contrast_marks=frozenset(data["contrast_marks"]),
        clause_conjunctions=frozenset(data["clause_conjunctions"]),
        fallback_verbs=frozenset(data["fallback_verbs"]),
    )


def extract_claims(article: Article) -> tuple[Claim, ...]:
    """The article's claims in text order, ids ``f"{article.id}:c{n}"`` from 1; no labels yet.

    Raises :class:`InputError` for an article too long to analyse in about a minute.
    """
    text = article.text
    try:
        nlp.check_size(text)
    except nlp.TooLongError as exc:
        raise InputError(article.location, str(exc)) from None
    body = _body(split_sentences(text), article.spans)
    attributions = attribute_speakers(text, body)
    doc = nlp.parse(text) if body else None
    headline = _headline(article) if body else ""
    claims: list[Claim] = []
    for found, attribution in zip(body, attributions, strict=True):
        span = _without_dateline(text, found)
        sentence = text[span.start : span.end]
        if not _sentence_is_claim(doc, span, sentence, headline):
            continue
        for clause in clauses(doc, span, text):
            said = clause_attribution(attribution, clause.start, clause.end)
            claims.append(_claim(article, len(claims) + 1, clause, span, said, doc=doc))
    return tuple(claims)


def _body(sentences: tuple[SentenceSpan, ...], spans: tuple[Span, ...]) -> list[SentenceSpan]:
    """The sentences that overlap no title or furniture span (``Article.is_body``), found by
    bisecting the spans, which are disjoint and in order: a page of a hundred thousand menu
    lines would otherwise compare every sentence with every span."""
    ordered = sorted(spans, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    ends = list(itertools.accumulate((s.end for s in ordered), max))
    kept = []
    for sentence in sentences:
        last = bisect.bisect_left(starts, sentence.end) - 1
        if last < 0 or ends[last] <= sentence.start:
            kept.append(sentence)
    return kept


def _headline(article: Article) -> str:
    """The headline a body sentence must not repeat to be a claim, or "" when the title is
    only a name taken from the article's first sentence (no title span, said once)."""
    title = " ".join(article.title.split())
    said = " ".join(article.text.split()).count(title) if title else 0
    named_only = said == 1 and not any(s.kind == "title" for s in article.spans)
    return "" if named_only else article.title


def _without_dateline(text: str, span: SentenceSpan) -> SentenceSpan:
    """The sentence without a wire dateline in front: the place and day are not the claim."""
    body = dateline_end(text, span.start, span.end)
    if body is None or body >= span.end:
        return span
    return SentenceSpan(body, span.end)


def _claim(
    article: Article,
    number: int,
    clause: SentenceSpan,
    sentence: SentenceSpan,
    attribution: Attribution,
    *,
    doc: Any,
) -> Claim:
    """The one place a Claim is built from a clause, its sentence and the sentence's speaker."""
    text = article.text[clause.start : clause.end]
    cues = find_cues(text)
    mentions = claim_mentions(doc, clause.start, clause.end, article)
    return Claim(
        id=make_claim_id(article.id, number),
        article_id=article.id,
        text=text,
        start=clause.start,
        end=clause.end,
        speaker=attribution.speaker,
        quote=attribution.quote,
        source_span=attribution.source,
        cue=attribution.cue,
        cue_span=attribution.cue_span,
        negated=cues.negated,
        hedged=cues.hedged,
        cues=cues.found,
        entities=mention_names(mentions),
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        mentions=mentions,
    )


def is_claim(sentence: str, title: str = "") -> bool:
    """True when a body sentence reads as an assertion rather than a question or a heading."""
    if not sentence.strip():
        return False
    doc = nlp.parse(sentence)
    return _sentence_is_claim(doc, SentenceSpan(0, len(sentence)), sentence, title)


def _sentence_is_claim(doc: Any, span: SentenceSpan, sentence: str, title: str) -> bool:
    conf = rules()
    words = _WORDS.findall(sentence)
    if len(words) < conf.min_words:
        return False
    if _QUESTION.search(sentence) or _BYLINE.match(sentence) or _CREDIT.match(sentence):
        return False
    if title and " ".join(sentence.split()) == " ".join(title.split()):
        return False
    if not _has_finite_verb(doc, span, words):
        return False
    if _FINAL.search(sentence):
        return True
    return len(words) >= conf.min_unpunctuated_words and not _title_cased(words)


def _tokens(doc: Any, start: int, end: int) -> Any:
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    return span if span is not None else ()


def _has_finite_verb(doc: Any, span: SentenceSpan, words: list[str]) -> bool:
    if not nlp.available():
        return any(w.lower().replace("’", "'") in rules().fallback_verbs for w in words)
    return any(_finite(token) for token in _tokens(doc, span.start, span.end))


def _finite(token: Any) -> bool:
    return token.tag_ in rules().finite_tags or "Fin" in token.morph.get("VerbForm")


def _title_cased(words: list[str]) -> bool:
    """Headlines capitalise most words that are not articles or prepositions."""
    conf = rules()
    content = [w for w in words if w.lower() not in conf.minor_words]
    capitals = sum(1 for w in content if w[0].isupper())
    return capitals >= conf.headline_capital_share * len(content)


def clauses(doc: Any, sentence: SentenceSpan, text: str) -> tuple[SentenceSpan, ...]:
    """The sentence cut before each coordinated or contrasted main clause it holds.

    A cut falls before the conjunction ("but said ...", "and has promised ...", "while ...")
    of a clause that has a finite verb of its own, is coordinated with the sentence's main
    verb or with the verb of its reported speech, and leaves both sides at least a few words.
    """
    if doc is None or not nlp.available():
        return (sentence,)
    tokens = _tokens(doc, sentence.start, sentence.end)
    cuts = sorted({c for c in _cut_points(tokens) if sentence.start < c < sentence.end})
    pieces: list[SentenceSpan] = []
    start = sentence.start
    for cut in [*cuts, sentence.end]:
        piece = _trim(text, start, cut)
        if piece is not None and _enough_words(text, piece):
            pieces.append(piece)
            start = cut
        elif pieces and cut == sentence.end:
            pieces[-1] = SentenceSpan(pieces[-1].start, sentence.end)
    if len(pieces) < 2:
        return (sentence,)
    return tuple(pieces)


def _cut_points(tokens: Any) -> Iterator[int]:
    conf = rules()
    roots = [t for t in tokens if t.dep_ == "ROOT"]
    if len(roots) != 1:  # pieces of two parser sentences joined again: leave them whole
        return
    root = roots[0]
    for child in root.children:
        if child.dep_ == "punct" and child.text == ";" and _finite_on_both_sides(tokens, child):
            yield child.idx + 1
    # The main clause, and the reported clause ("said X, but that Y", "said X, while Y").
    heads = [root, *(c for c in root.children if c.dep_ == "ccomp" and c.i > root.i)]
    for head in heads:
        for child in head.children:
            if child.i < head.i:
                continue
            if child.dep_ == "conj" and _clause_verb(child, own_subject=head is not root):
                yield _conjunction_start(head, child)
            elif child.dep_ == "advcl" and _contrast_mark(child, conf.contrast_marks):
                yield child.left_edge.idx


def _finite_on_both_sides(tokens: Any, token: Any) -> bool:
    return any(_finite(t) for t in tokens if t.i < token.i) and any(
        _finite(t) for t in tokens if t.i > token.i
    )


def _clause_verb(token: Any, own_subject: bool) -> bool:
    """A conjunct that is a clause: a verb with its own subject, or (when the clause may
    share its subject, as in "denied X but said Y") a finite verb or finite auxiliary."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children):
        return True
    if own_subject:
        return False
    auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    return _finite(token) or any(_finite(a) for a in auxiliaries)


def _contrast_mark(token: Any, marks: frozenset[str]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in marks for c in token.children)


def _conjunction_start(head: Any, conj: Any) -> int:
    """Where the second clause starts: at its conjunction ("but", "and", ";") if it has one."""
    joiners = rules().clause_conjunctions
    between = [
        c
        for c in head.children
        if c.dep_ in ("cc", "punct") and c.lower_ in joiners and c.i < conj.left_edge.i
    ]
    start = between[-1] if between else conj.left_edge
    return int(start.idx)


def _trim(text: str, start: int, end: int) -> SentenceSpan | None:
    while start < end and text[start] in _CLAUSE_TRIM:
        start += 1
    while end > start and text[end - 1] in _CLAUSE_TRIM:
        end -= 1
    return SentenceSpan(start, end) if end > start else None


def _enough_words(text: str, piece: SentenceSpan) -> bool:
    return len(_WORDS.findall(text[piece.start : piece.end])) >= rules().min_clause_words
