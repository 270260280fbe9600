"""From an article to its claims: body sentences that assert something, and who asserts them.

Segmentation, speakers, cues and entities each live in their own module; this one decides
which sentences count. A claim must be body text (outside the title and furniture spans the
loader found), must not be a question, and must read as a statement: at least five words
with something verb-like in it. A line without final punctuation is a heading or a caption
unless it is long, not title-cased, and verb-like. Headlines repeated in the body, bylines and
credit lines are skipped too. Speakers are read over every body sentence, claim or not, so
a name introduced in a skipped sentence still resolves a later "he said".
"""

from __future__ import annotations

import re

from claimdiff.cues import find_cues
from claimdiff.entities import capitalised_vocabulary, entity_names, find_mentions, word_set
from claimdiff.model import Article, Claim
from claimdiff.segment import SentenceSpan, split_sentences
from claimdiff.speakers import Attribution, attribute_speakers

_WORDS = re.compile(r"[^\W\d_][\w’'\-]*")
_FINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_QUESTION = re.compile(r"\?[\"'”’»)\]]*$")
_BYLINE = re.compile(r"^By\s+[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3}\s*(?:[,|]|and\b|$)")
_CREDIT = re.compile(r"^(?:©|\(c\)\s|copyright\b)", re.IGNORECASE)
_VERBISH = word_set(
    """is are was were be been being am has have had do does did will would shall should can
    could may might must"""
)
_VERB_ENDING = re.compile(r"[a-z]{2,}(?:ed|es|s)$")
_MIN_WORDS = 5
_MIN_UNPUNCTUATED_WORDS = 8
_MINOR_WORDS = word_set("a an and as at but by for from in of on or the to with")


def extract_claims(article: Article) -> tuple[Claim, ...]:
    """The article's claims in text order, ids ``f"{article.id}:c{n}"`` from 1; no labels yet."""
    text = article.text
    body = [s for s in split_sentences(text) if article.is_body(s.start, s.end)]
    attributions = attribute_speakers(text, body)
    known = capitalised_vocabulary(text)
    claims: list[Claim] = []
    for span, attribution in zip(body, attributions, strict=True):
        sentence = text[span.start : span.end]
        if is_claim(sentence, article.title):
            claims.append(_claim(article, len(claims) + 1, span, attribution, known))
    return tuple(claims)


def _claim(
    article: Article,
    number: int,
    span: SentenceSpan,
    attribution: Attribution,
    known: frozenset[str],
) -> Claim:
    sentence = article.text[span.start : span.end]
    cues = find_cues(sentence)
    return Claim(
        id=f"{article.id}:c{number}",
        article_id=article.id,
        text=sentence,
        start=span.start,
        end=span.end,
        speaker=attribution.speaker,
        quote=attribution.quote,
        source_span=attribution.source,
        cue=attribution.cue,
        cue_span=attribution.cue_span,
        negated=cues.negated,
        hedged=cues.hedged,
        cues=cues.found,
        entities=entity_names(find_mentions(sentence, known)),
    )


def is_claim(sentence: str, title: str = "") -> bool:
    """True when a body sentence reads as an assertion rather than a question or a heading."""
    words = _WORDS.findall(sentence)
    if len(words) < _MIN_WORDS or not _has_verb(words):
        return False
    if _QUESTION.search(sentence) or _BYLINE.match(sentence) or _CREDIT.match(sentence):
        return False
    if title and " ".join(sentence.split()) == " ".join(title.split()):
        return False
    if _FINAL.search(sentence):
        return True
    return len(words) >= _MIN_UNPUNCTUATED_WORDS and not _title_cased(words)


def _has_verb(words: list[str]) -> bool:
    return any(w.lower() in _VERBISH or _VERB_ENDING.search(w) for w in words)


def _title_cased(words: list[str]) -> bool:
    """Headlines capitalise most words that are not articles or prepositions."""
    content = [w for w in words if w.lower() not in _MINOR_WORDS]
    capitals = sum(1 for w in content if w[0].isupper())
    return capitals >= 0.6 * len(content)
