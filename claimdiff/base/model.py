"""The records every layer shares: articles, claims, labels, links, comparisons.

They are frozen dataclasses so a comparison can be cached, handed to a worker thread and
serialised without anyone mutating it behind another's back. Offsets are always character
offsets into ``Article.text`` (Python ``str`` indices), so ``article.text[c.start:c.end] ==
c.text`` holds for every claim and the views can highlight by offset alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DateSource = Literal["manifest", "metadata", "text", "none"]
SpanKind = Literal["title", "furniture"]
Relation = Literal["shared", "conflicting", "left_only", "right_only"]
RELATIONS: tuple[Relation, ...] = ("shared", "conflicting", "left_only", "right_only")
DiffTag = Literal["equal", "replace", "insert", "delete"]
Side = Literal["left", "right"]
# The periods a timeline counts by, longest first: the command line, the corpus's SQL and the
# window's period box read this one tuple, so it sits with the records every layer shares.
FREQS: tuple[str, ...] = ("year", "quarter", "month", "week", "day")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of article text that is not body: the headline or page furniture."""

    start: int
    end: int
    kind: SpanKind


@dataclass(frozen=True, slots=True)
class Article:
    """One loaded article. ``text`` is what the user opened, decoded; never written back."""

    id: str
    location: str  # file path or URL, as given
    title: str
    source: str | None
    date: str | None  # ISO 8601 date (YYYY-MM-DD)
    date_source: DateSource
    text: str
    spans: tuple[Span, ...] = ()
    checksum: str = ""  # sha256 of the raw bytes read
    format: str = "txt"  # txt, md, html, pdf

    @property
    def furniture(self) -> tuple[Span, ...]:
        return tuple(s for s in self.spans if s.kind == "furniture")

    def is_body(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps no title or furniture span."""
        return all(end <= s.start or start >= s.end for s in self.spans)


@dataclass(frozen=True, slots=True)
class Label:
    """A claim's position on one codebook topic, with what decided it."""

    topic: str
    position: str
    score: float  # 0..1
    evidence: str  # the phrase of the claim that carries the position
    decided_by: str  # "cue", "exemplar", "structure" (e.g. "structure: contrast 'in reality'")


@dataclass(frozen=True, slots=True)
class Mention:
    """A named entity or quantity in a claim, typed by the NER, with a value for comparing.

    ``label`` is spaCy's: PERSON, ORG, GPE, NORP, LOC, FAC, EVENT, LAW, DATE, TIME, MONEY,
    PERCENT, CARDINAL, QUANTITY, ORDINAL, .... ``value`` is the normalised form two
    articles' mentions are compared by: a number ("12" for "a dozen"), an amount with its
    currency ("USD 3500000000"), an ISO date resolved against the article's date, a country
    for its demonym ("Saudi Arabia" for "Saudi Arabian"), the full name a surname stands for.
    Offsets index ``Article.text``.
    """

    label: str
    text: str
    start: int
    end: int
    value: str


@dataclass(frozen=True, slots=True)
class Claim:
    """A body sentence (or clause) that asserts something, and who asserts it."""

    id: str  # unique within its article, e.g. "004:c7"
    article_id: str
    text: str
    start: int
    end: int
    speaker: str | None = None  # None: the outlet's own voice
    quote: bool = False  # contains a direct quotation
    negated: bool = False
    hedged: bool = False
    cues: tuple[str, ...] = ()  # negation / hedging cue words found
    entities: tuple[str, ...] = ()
    labels: tuple[Label, ...] = ()
    # Why the speaker: the source phrase and the cue as written, as offsets into the article's
    # text (for a quotation running on, they lie in the sentence it continues); None when the
    # claim is in the outlet's own voice or was stored before attribution kept them.
    source_span: tuple[int, int] | None = None
    cue: str | None = None  # "said", "according to", "saying"
    cue_span: tuple[int, int] | None = None
    # The sentence a clause was cut from (its context); the claim's own span when it is a
    # whole sentence. None in records written before clauses existed.
    sentence_start: int | None = None
    sentence_end: int | None = None
    mentions: tuple[Mention, ...] = ()

    def label_for(self, topic: str) -> Label | None:
        return next((lab for lab in self.labels if lab.topic == topic), None)


def make_claim_id(article_id: str, number: int) -> str:
    """A claim's id: its article's id and its number in the article, from 1 ("004:c7")."""
    return f"{article_id}:c{number}"


def split_claim_id(claim_id: str) -> tuple[str, int]:
    """(article id, number) of an id made by ``make_claim_id``; the one reader of the format."""
    article_id, _, number = claim_id.rpartition(":c")
    return article_id, int(number)


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One difflib opcode over the two claims' word sequences.

    ``marks`` names what changed when it matters for a conflict: "number", "date", "name",
    "negation".
    """

    tag: DiffTag
    left: str
    right: str
    marks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    """How a left claim relates to a right claim; one side is None for *_only."""

    relation: Relation
    left: str | None  # claim id
    right: str | None
    score: float
    reason: str
    topic: str | None = None
    conflict_type: str | None = None  # "position", "negation", "number", "date", "entity"
    time_shift: bool = False  # the articles are more than a year apart
    diff: tuple[DiffOp, ...] = ()
    signals: tuple[str, ...] = ()  # which similarity signals contributed ("lexical", "position")


@dataclass(frozen=True, slots=True)
class CodebookRef:
    name: str
    path: str
    sha256: str


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """Thresholds a comparison ran with, reported so others can reproduce it."""

    backend: str = "lexical"
    candidate_threshold: float = 0.35
    shared_threshold: float = 0.6
    year_gap_days: int = 365


@dataclass(frozen=True, slots=True)
class Comparison:
    left: Article
    right: Article
    left_claims: tuple[Claim, ...]
    right_claims: tuple[Claim, ...]
    links: tuple[Link, ...]
    codebook: CodebookRef
    settings: MatchSettings = field(default_factory=MatchSettings)
    # claim id -> claim, built on the first ``claim()`` call: views and reports look claims
    # up once per link, and a linear scan made that quadratic on long articles.
    _by_id: dict[str, Claim] | None = field(
        default=None, init=False, repr=False, compare=False, hash=False
    )

    def claim(self, claim_id: str) -> Claim:
        if self._by_id is None:
            by_id = {c.id: c for c in (*self.right_claims, *self.left_claims)}
            object.__setattr__(self, "_by_id", by_id)  # a cache: the value stays frozen
        assert self._by_id is not None
        return self._by_id[claim_id]

    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(RELATIONS, 0)
        for link in self.links:
            counts[link.relation] += 1
        return counts
