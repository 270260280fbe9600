"""Codebooks: the topics an analyst codes for and the positions a sentence can take on each.

A codebook is a YAML file the analyst edits by hand, so every mistake in it must come back as
``InputError`` naming the line, not as a traceback from deep inside the labeller. The file is
read with ``yaml.compose`` rather than ``yaml.safe_load`` because only the node tree keeps the
line of each value. Regular expressions are compiled once here, when the codebook is loaded,
and travel inside the frozen records, so labelling never recompiles them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

import yaml

from claimdiff.base.errors import InputError
from claimdiff.base.model import CodebookRef
from claimdiff.base.patterns import Scanner, Source
from claimdiff.ingest.textfile import check_file
from claimdiff.labels.yamlnodes import PALETTE, Reader, parse_yaml

THRESHOLD_KEYS = ("label", "exemplar", "standout")
MAX_BYTES = 2_000_000  # a hand-written codebook is kilobytes; anything this big is a wrong file
NegationRule = Literal["flip", "cancel"]
MatcherKind = Literal["cue", "pattern"]
_TERM_REF = re.compile(r"\{\{\s*([A-Za-z0-9_-]+)\s*\}\}")
# Okabe & Ito's colour-blind-safe palette: positions keep their colour in every chart.
_STR = "tag:yaml.org,2002:str"
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


@dataclass(frozen=True, slots=True)
class Matcher:
    """One compiled cue phrase or pattern; ``source`` is what the analyst wrote."""

    kind: MatcherKind
    source: str
    regex: Any  # a compiled ``regex`` pattern (claimdiff.base.patterns), searched under a budget
    origin: Source = field(default=Source("codebook", 0, "a pattern"), compare=False)


@dataclass(frozen=True, slots=True)
class Position:
    """A stance on a topic, and the wording that signals it."""

    id: str
    label: str
    description: str
    colour: str
    cues: tuple[str, ...]
    patterns: tuple[str, ...]
    exemplars: tuple[str, ...]
    opposes: tuple[str, ...]
    matchers: tuple[Matcher, ...] = field(default=(), compare=False, repr=False)
    # Sentences that resemble the exemplars but do not take the position ("not an example
    # of"): a claim nearer to one of these than to every exemplar is not labelled by meaning.
    counterexamples: tuple[str, ...] = ()
    # The matchers joined into as few regexes as possible: one search per position instead
    # of one per cue keeps labelling a hundred sentences in milliseconds.
    scanners: tuple[Scanner, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Topic:
    """A question the articles answer differently; ``negation`` says what "not <cue>" means."""

    id: str
    label: str
    description: str
    positions: tuple[Position, ...]
    negation: NegationRule = "flip"

    def position(self, position_id: str) -> Position:
        for pos in self.positions:
            if pos.id == position_id:
                return pos
        raise KeyError(f"{self.id}/{position_id}")

    def opposite(self, position_id: str) -> str | None:
        """The single position a negated cue flips to, or None when that is ambiguous."""
        rivals = {p.id for p in self.positions if self.opposes(position_id, p.id)}
        return rivals.pop() if len(rivals) == 1 else None

    def opposes(self, a: str, b: str) -> bool:
        if a == b:
            return False
        return b in self.position(a).opposes or a in self.position(b).opposes


@dataclass(frozen=True, slots=True)
class Codebook:
    """A loaded, validated codebook; ``sha256`` is of the file's bytes, for reproducibility."""

    name: str
    path: str
    sha256: str
    topics: tuple[Topic, ...]
    description: str = ""
    version: str = ""
    label_threshold: float = 0.5
    exemplar_threshold: float = 0.6
    # How far a claim's nearest exemplar must stand above its median similarity to all
    # exemplars; None keeps the similarity backend's own floor.
    standout_threshold: float | None = None

    @property
    def ref(self) -> CodebookRef:
        return CodebookRef(name=self.name, path=self.path, sha256=self.sha256)

    def topic(self, topic_id: str) -> Topic:
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        raise KeyError(topic_id)

    def position(self, topic_id: str, position_id: str) -> Position:
        return self.topic(topic_id).position(position_id)

    def opposes(self, topic_id: str, a: str, b: str) -> bool:
        """Symmetric: either side naming the other in ``opposes`` is enough."""
        return self.topic(topic_id).opposes(a, b)

    def colour_of(self, topic_id: str, position_id: str) -> str:
        return self.position(topic_id, position_id).colour


def shipped_codebook_location() -> str:
    """Where the bundled missile-defence codebook lives (source tree, wheel or frozen app)."""
    return str(files("claimdiff_resources") / "codebooks" / "missile-defense.yaml")


def is_shipped(codebook: Codebook) -> bool:
    """Whether ``codebook`` was read from the bundled file (never edited in place)."""
    return Path(codebook.path).resolve() == Path(shipped_codebook_location()).resolve()


def remembered_codebook(location: str) -> tuple[str | None, str | None]:
    """The codebook file to load for a remembered ``location`` ("": the shipped one), and a
    notice when it cannot be: a file that has gone since gives way to the shipped codebook,
    so a corpus or a pair still opens, and the analyst is told which codebook labels it."""
    if not location:
        return None, None
    if Path(location).is_file():
        return location, None
    return None, "codebook file gone; labelling with the shipped codebook"


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read and validate a codebook; ``None`` means the one shipped with claimdiff."""
    if path is None:
        resource = files("claimdiff_resources") / "codebooks" / "missile-defense.yaml"
        return parse_codebook(resource.read_bytes(), str(resource))
    location = str(path)
    file = Path(path)
    check_file(file, location)
    if file.stat().st_size > MAX_BYTES:
        raise InputError(location, f"larger than {MAX_BYTES // 1_000_000} MB; not a codebook")
    try:
        data = file.read_bytes()  # a regular file (checked above), so this cannot block
    except OSError as exc:
        raise InputError(location, f"cannot be read: {exc.strerror or exc}") from exc
    return parse_codebook(data, location)


def parse_codebook(data: bytes, location: str) -> Codebook:
    """Validate the YAML in ``data``; ``location`` is only used to name the file in errors."""
    root = parse_yaml(data, location)
    reader = Reader(location)
    top = reader.mapping(
        root,
        "the codebook",
        allowed=("name", "description", "version", "thresholds", "terms", "topics"),
        required=("name", "topics"),
    )
    terms = _terms(reader, top.get("terms"))
    label_min, exemplar_min = _thresholds(reader, top.get("thresholds"))
    standout = _standout(reader, top.get("thresholds"))
    topic_nodes = reader.sequence(top["topics"], "topics", non_empty=True)
    topics = tuple(_topic(reader, node, terms) for node in topic_nodes)
    reader.unique([(t.id, n) for t, n in zip(topics, topic_nodes, strict=True)], "topic id")
    return Codebook(
        name=reader.text(top["name"], "name"),
        path=location,
        sha256=hashlib.sha256(data).hexdigest(),
        topics=topics,
        description=reader.text(top["description"], "description") if "description" in top else "",
        version=reader.scalar_text(top["version"], "version") if "version" in top else "",
        label_threshold=label_min,
        exemplar_threshold=exemplar_min,
        standout_threshold=standout,
    )


def _thresholds(reader: Reader, node: yaml.Node | None) -> tuple[float, float]:
    if node is None:
        return 0.5, 0.6
    values = reader.mapping(node, "thresholds", allowed=THRESHOLD_KEYS, required=())
    label = reader.fraction(values["label"], "thresholds.label") if "label" in values else 0.5
    exemplar = 0.6
    if "exemplar" in values:
        exemplar = reader.fraction(values["exemplar"], "thresholds.exemplar")
    return label, exemplar


def _standout(reader: Reader, node: yaml.Node | None) -> float | None:
    if node is None:
        return None
    values = reader.mapping(node, "thresholds", allowed=THRESHOLD_KEYS, required=())
    if "standout" not in values:
        return None
    return reader.fraction(values["standout"], "thresholds.standout")


def _terms(reader: Reader, node: yaml.Node | None) -> dict[str, str]:
    """Named regex fragments, so twenty patterns can say {{treaty}} instead of repeating it.

    A term may be a list, read as alternatives, so long vocabularies stay one per line.
    """
    if node is None:
        return {}
    terms: dict[str, str] = {}
    for name, value in reader.mapping(node, "terms", allowed=None, required=()).items():
        reader.check_id(name, value, "term name")
        alternatives = reader.texts(value, f"term '{name}'")
        if not alternatives:
            reader.fail(value, f"term '{name}' is an empty list")
        source = "|".join(f"(?:{alt})" for alt in alternatives)
        reader.compile(source, value, f"term '{name}'")
        terms[name] = source
    return terms


def _topic(reader: Reader, node: yaml.Node, terms: dict[str, str]) -> Topic:
    fields = reader.mapping(
        node,
        "a topic",
        allowed=("id", "label", "description", "positions", "negation"),
        required=("id", "positions"),
    )
    topic_id = reader.text(fields["id"], "topic id")
    reader.check_id(topic_id, fields["id"], "topic id")
    negation = "flip"
    if "negation" in fields:
        negation = reader.choice(fields["negation"], "negation", ("flip", "cancel"))
    nodes = reader.sequence(fields["positions"], f"positions of topic '{topic_id}'", non_empty=True)
    positions = tuple(
        _position(reader, item, topic_id, terms, index) for index, item in enumerate(nodes)
    )
    reader.unique([(p.id, n) for p, n in zip(positions, nodes, strict=True)], "position id")
    _check_opposes(reader, topic_id, positions, nodes)
    return Topic(
        id=topic_id,
        label=reader.text(fields["label"], "label") if "label" in fields else topic_id,
        description=reader.optional_text(fields.get("description"), "description"),
        positions=positions,
        negation="cancel" if negation == "cancel" else "flip",
    )


def _position(
    reader: Reader, node: yaml.Node, topic_id: str, terms: dict[str, str], index: int
) -> Position:
    fields = reader.mapping(
        node,
        "a position",
        allowed=(
            "id",
            "label",
            "description",
            "colour",
            "cues",
            "patterns",
            "exemplars",
            "counterexamples",
            "opposes",
        ),
        required=("id",),
    )
    pid = reader.text(fields["id"], "position id")
    reader.check_id(pid, fields["id"], "position id")
    where = f"position '{topic_id}/{pid}'"
    cues = reader.texts(fields.get("cues"), f"cues of {where}")
    patterns = reader.texts(fields.get("patterns"), f"patterns of {where}")
    exemplars = reader.texts(fields.get("exemplars"), f"exemplars of {where}")
    if not (cues or patterns or exemplars):
        reader.fail(node, f"{where} has no cues, patterns or exemplars to recognise it by")
    colour = PALETTE[index % len(PALETTE)]
    if "colour" in fields:
        colour = reader.colour(fields["colour"], f"colour of {where}")
    return Position(
        id=pid,
        label=reader.text(fields["label"], "label") if "label" in fields else pid,
        description=reader.optional_text(fields.get("description"), "description"),
        colour=colour,
        cues=cues,
        patterns=patterns,
        exemplars=exemplars,
        counterexamples=reader.texts(fields.get("counterexamples"), f"counterexamples of {where}"),
        opposes=reader.texts(fields.get("opposes"), f"opposes of {where}"),
        matchers=(matchers := _matchers(reader, fields, terms=terms, where=where)),
        scanners=scanners(matchers),
    )


def _matchers(
    reader: Reader, fields: dict[str, yaml.Node], *, terms: dict[str, str], where: str
) -> tuple[Matcher, ...]:
    cue_items = reader.items(fields.get("cues"))
    pattern_items = reader.items(fields.get("patterns"))
    compiled = []
    for item in cue_items:
        cue = str(item.value).strip()
        what = f"cue {cue!r} of {where}"
        regex = reader.compile(cue_regex(cue), item, what)
        compiled.append(Matcher("cue", cue, regex, reader.source(item, what)))
    for item in pattern_items:
        source = str(item.value)
        expanded = _expand_terms(reader, source, terms, item)
        what = f"pattern {source!r} of {where}"
        regex = reader.compile(expanded, item, f"pattern {source!r}")
        compiled.append(Matcher("pattern", source, regex, reader.source(item, what)))
    return tuple(compiled)


def scanners(matchers: tuple[Matcher, ...]) -> tuple[Scanner, ...]:
    """The matchers joined into as few regexes as possible.

    Patterns that start at a word boundary share one alternation behind a single boundary
    check, so the engine rejects the middle of a word once instead of once per cue. Patterns
    with backreferences keep their own regex, since joining would renumber their groups.
    """
    worded: list[Matcher] = []
    other: list[Matcher] = []
    alone: list[Scanner] = []
    for matcher in matchers:
        source = matcher.regex.pattern
        if _BACKREFERENCE.search(source):
            alone.append(Scanner(source, ((matcher.regex, matcher.origin),)))
        elif _starts_a_word(matcher):
            worded.append(matcher)
        else:
            other.append(matcher)
    joined: list[Scanner] = []
    if worded:
        inner = "|".join(m.regex.pattern for m in worded)
        joined.append(Scanner(rf"(?<!\w)(?=\w)(?:{inner})", _members(worded)))
    if other:
        joined.append(Scanner("|".join(f"(?:{m.regex.pattern})" for m in other), _members(other)))
    return (*joined, *alone)


def _members(matchers: list[Matcher]) -> tuple[tuple[Any, Source], ...]:
    return tuple((m.regex, m.origin) for m in matchers)


def _starts_a_word(matcher: Matcher) -> bool:
    if matcher.kind == "cue":
        return bool(re.match(r"\w", matcher.source))
    return bool(re.match(r"\\b(?:\w|\(\?:)", matcher.source))


def cue_regex(cue: str) -> str:
    """A cue phrase matches whole words, any run of spaces, and either apostrophe."""
    parts = [re.sub("['’]", "['’]", re.escape(word)) for word in cue.split()]
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"


def _expand_terms(reader: Reader, source: str, terms: dict[str, str], node: yaml.Node) -> str:
    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in terms:
            known = ", ".join(sorted(terms)) or "none defined"
            reader.fail(node, f"pattern {source!r} uses unknown term '{name}' (terms: {known})")
        return f"(?:{terms[name]})"

    return _TERM_REF.sub(substitute, source)


def _check_opposes(
    reader: Reader, topic_id: str, positions: tuple[Position, ...], nodes: list[yaml.Node]
) -> None:
    ids = {p.id for p in positions}
    for pos, node in zip(positions, nodes, strict=True):
        fields = reader.mapping(node, "a position", allowed=None, required=())
        items = reader.items(fields.get("opposes"))
        for other, item in zip(pos.opposes, items, strict=True):
            if other == pos.id:
                reader.fail(item, f"position '{topic_id}/{pos.id}' cannot oppose itself")
            if other not in ids:
                known = ", ".join(sorted(ids - {pos.id}))
                reader.fail(
                    item,
                    f"position '{topic_id}/{pos.id}' opposes unknown position '{other}' "
                    f"(positions in topic '{topic_id}': {known})",
                )
