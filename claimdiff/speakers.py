"""Who asserts each sentence: a named person, a role, an institution, or the outlet itself.

News prose attributes in a handful of shapes, and all of them are read here from the
sentence with its quotations blanked out (so a "said" inside a quote never counts):

* subject + speech verb at a clause start: "Kislyak noted ...", ", Sergey Kislyak said on
  ...", "Moreover, the Russian ambassador added, ...", "As the American administration
  declares, ...", "... - the Russian leader has noted.";
* after a closing quote, either order: '"...," Kislyak stated.' / '"...," said Patrick Auroy';
* "according to X".

The subject is then resolved against what the article said before: a surname becomes the full
name the article gave ("Kislyak" → "Sergey Kislyak"), "he" becomes the last person named, and
"the diplomat" becomes the last named person holding a matching office, else the last person.
A quotation without attribution belongs to the quotation just before it in the same or the
previous paragraph, and a quotation that runs over several sentences takes the attribution
of the sentence that closes it. So does unmarked speech: a sentence in the first person ("our
actions are directed ...") followed in its paragraph by one whose attribution closes it
("... - the Russian leader has noted."). A reporter does not write "we"; the quote marks were
lost in translation or transcription. A sentence with none of this is the outlet's own voice
(None).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from claimdiff.entities import (
    Mention,
    capitalised_vocabulary,
    find_mentions,
    surname,
    word_set,
)
from claimdiff.quotes import MASK, mask_quotations

_VERB = (
    r"(?P<verb>said|says|say|stated|states|noted|notes|added|adds|stressed|stresses|told|tells"
    r"|explained|explains|declared|declares|pointed\s+out|points\s+out|emphasi[sz]ed"
    r"|emphasi[sz]es|concluded|concludes|announced|announces|warned|warns|believes|believed"
    r"|underlined|underlines|informed|informs|expressed\s+(?:the\s+)?hope|insisted|insists"
    r"|argued|argues|claimed|asserted|asserts|confirmed|confirms|acknowledged|admitted"
    r"|recalled|remarked|wrote|writes|observed|replied|reported|reports)"
)
_ADVERBS = (
    r"(?:(?:also|has|have|had|further|especially|repeatedly|again|then|later|earlier"
    r"|previously|recently|once|firmly|clearly|reportedly)\s+)*"
)
_WORD = r"[\w’'.\-]+"
_CLAUSE = re.compile(
    rf"\s*(?:(?:[Ii]n\s+turn|[Aa]s|[Aa]nd|[Bb]ut)\s+)?(?P<subject>{_WORD}(?:\s+{_WORD}){{0,9}}?)"
    rf"\s+{_ADVERBS}{_VERB}\b"
)
_INVERTED = re.compile(rf"[\"”»]\s*,?\s*{_VERB}\s+(?P<subject>[^,;:\"“”«»…]+)")
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+(?P<subject>[^,;:\"“”«»…]+?)\s*(?:[,;:]|\.?\s*$)")
_CLAUSE_START = re.compile(r"[,;:—–]|\s-\s|[\"”»]")
_PARENTHESIS = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
_ONLY_QUOTATION = re.compile(r"[\s\"“”«»….,;:!?\-–—]*")
_OUTLET_VERBS = frozenset({"reported", "reports"})
# Case matters: "US" is a country, "us" a speaker. No "I": "World War I", "Class I shares",
# and Reuters' ticker "<I>" are not speakers.
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]urs?|us|[Mm]y|me)\b")
# An attribution that closes its sentence: "... - the Russian leader has noted."
_CLOSING_ATTRIBUTION = re.compile(rf"(?:\s[-–—]\s|,)[^,;:]*\b{_VERB}\W*$")

_PRONOUNS = frozenset({"he", "she", "it", "him", "her"})
_GROUP_PRONOUNS = frozenset({"we", "they", "i", "you", "them", "us"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "his", "her", "its", "their", "our"})
_CONNECTORS = frozenset({"of", "to", "for"})
_ROLE_NOUNS = word_set(
    """ambassador envoy diplomat official officials minister president leader spokesman
    spokeswoman spokesperson representative representatives secretary chief head general
    commander adviser advisor aide analyst analysts expert experts source sources negotiator
    negotiators chancellor premier senator lawmaker lawmakers director deputy governor mayor"""
)
_ORG_NOUNS = word_set(
    """administration department ministry government delegation side authorities kremlin
    embassy agency office service committee council command military army alliance leadership
    cabinet parliament"""
)
_MODIFIERS = word_set(
    """senior deputy foreign defense defence top former assistant state press prime vice
    high-ranking unnamed anonymous current first russian american"""
)
# Which offices a role noun may refer back to; an empty set means "whoever spoke last".
_ROLE_MATCHES: dict[str, frozenset[str]] = {
    "ambassador": frozenset({"ambassador", "envoy"}),
    "envoy": frozenset({"ambassador", "envoy"}),
    "diplomat": frozenset({"ambassador", "envoy", "diplomat", "minister"}),
    "leader": frozenset({"president", "leader", "chancellor", "premier"}),
    "official": frozenset(),
    "officials": frozenset(),
    "source": frozenset(),
    "sources": frozenset(),
    "representative": frozenset(),
}
# Roles that many people in one story hold for different organisations.
_MANY_HOLDERS = word_set(
    """official officials source sources spokesman spokeswoman spokesperson analyst analysts
    expert experts representative representatives aide adviser advisor lawmaker lawmakers
    negotiator negotiators diplomat head chief deputy director"""
)
_TITLE_ROLES = {"gen": "general", "gen.": "general"}
_ROLE_WINDOW = 8  # words before a name searched for the office the name holds


class Attribution(NamedTuple):
    speaker: str | None  # None: the outlet's own voice
    quote: bool  # the sentence holds (or continues) a direct quotation


class _Found(NamedTuple):
    speaker: str
    person: bool  # a person or a role held by one; institutions and outlets are not


@dataclass
class _Sentence:
    """What one sentence contributed, kept for the sentences after it."""

    speaker: str | None
    quote: bool
    paragraph: int
    first_person: bool = False  # speaks as "we", "our", "I" outside any quotation


@dataclass
class _Reader:
    """Everything learnt so far in one article; lives for one call only."""

    known: frozenset[str]
    names: dict[str, str] = field(default_factory=dict)  # surname -> full name
    roles: dict[str, set[str]] = field(default_factory=dict)  # full name -> offices
    seen: dict[str, int] = field(default_factory=dict)  # person -> last sentence index
    last_person: str | None = None
    inside_quote: bool = False
    waiting: list[int] = field(default_factory=list)  # open quotation awaiting attribution
    done: list[_Sentence] = field(default_factory=list)
    # who "the envoy" (a definite role) turned out to be, by role noun
    definite: dict[str, set[str]] = field(default_factory=dict)


def attribute_speakers(text: str, spans: Sequence[tuple[int, int]]) -> tuple[Attribution, ...]:
    """One attribution per span, read in order, each span being ``text[start:end]``."""
    reader = _Reader(capitalised_vocabulary(text))
    paragraph = 0
    previous_end = 0
    for index, (start, end) in enumerate(spans):
        if _PARAGRAPH_BREAK.search(text, previous_end, max(start, previous_end)):
            paragraph += 1
            reader.inside_quote = False  # a new paragraph reopens a continuing quotation
        _read(reader, index, text[start:end], paragraph)
        previous_end = end
    _name_described_speakers(reader)
    return tuple(Attribution(s.speaker, s.quote) for s in reader.done)


def _read(reader: _Reader, index: int, sentence: str, paragraph: int) -> None:
    started_inside = reader.inside_quote
    masked, quoted, reader.inside_quote = mask_quotations(sentence, started_inside)
    mentions = find_mentions(sentence, reader.known)
    _learn_names(reader, index, sentence, mentions)
    found = _attribution(reader, _PARENTHESIS.sub("", masked))
    has_quote = started_inside or bool(quoted)
    if found is None:
        speaker = _inherited(reader, masked, has_quote, started_inside, paragraph)
        _note_mentioned_person(reader, index, mentions, quoted)
    else:
        speaker = found.speaker
        if found.person:
            reader.last_person = speaker
            reader.seen[speaker] = index
    first_person = bool(_FIRST_PERSON.search(masked.replace(MASK, " ")))
    reader.done.append(_Sentence(speaker, has_quote, paragraph, first_person))
    _settle_quotation(reader, index, has_quote, found)
    if found is not None and not has_quote:
        _settle_unmarked_speech(reader, masked, paragraph, found)


def _attribution(reader: _Reader, masked: str) -> _Found | None:
    for _position, subject, verb in _candidates(masked):
        found = _resolve(reader, subject, verb)
        if found is not None:
            return found
    return None


def _candidates(masked: str) -> list[tuple[int, str, str]]:
    """(position, subject, verb) for every attribution shape; reporting outlets rank last."""
    found = [(m.start(), m["subject"], "according") for m in _ACCORDING.finditer(masked)]
    for match in _INVERTED.finditer(masked):
        subject = _trimmed_subject(match["subject"])
        if subject:
            found.append((match.start(), subject, match["verb"]))
    starts = [0, *(m.end() for m in _CLAUSE_START.finditer(masked))]
    for start in starts:
        clause = _CLAUSE.match(masked, start)
        if clause and _valid_subject(clause["subject"].split()):
            found.append((start, clause["subject"], clause["verb"]))
    return sorted(found, key=lambda c: (c[2] in _OUTLET_VERBS, c[0]))


def _allowed(word: str) -> bool:
    lower = word.lower()
    if word[0].isupper() and word != MASK:
        return True
    vocabulary = _ROLE_NOUNS | _ORG_NOUNS | _MODIFIERS | _DETERMINERS | _CONNECTORS
    return lower in vocabulary or lower.rstrip("s’'") in _ROLE_NOUNS


def _valid_subject(words: Sequence[str]) -> bool:
    if not words or words[0].lower() in _GROUP_PRONOUNS:
        return False
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return True
    if not all(_allowed(w) for w in words):
        return False
    content = [w for w in words if w.lower() not in _DETERMINERS | _CONNECTORS | _MODIFIERS]
    return bool(content)


def _trimmed_subject(phrase: str) -> str | None:
    """The longest valid start of an inverted subject: 'Patrick Auroy', 'the official'."""
    words = phrase.split()
    while words and not _valid_subject(words):
        words.pop()
    while words and words[-1].lower() in _DETERMINERS | _CONNECTORS:
        words.pop()
    return " ".join(words) if words else None


def _subject_words(subject: str, verb: str) -> list[str]:
    """ "according to" takes everything up to the comma; keep only its valid start."""
    words = subject.split()
    if verb == "according" and not _valid_subject(words):
        return (_trimmed_subject(subject) or "").split()
    return words


def _resolve(reader: _Reader, subject: str, verb: str) -> _Found | None:
    words = _subject_words(subject, verb)
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return None if reader.last_person is None else _Found(reader.last_person, True)
    phrase = _without_determiner(words)
    if not phrase:
        return None
    person = _named_person(reader, phrase)
    if person is not None:
        return _Found(person, verb not in _OUTLET_VERBS)
    role = next((w.lower() for w in reversed(phrase) if w.lower() in _ROLE_NOUNS), None)
    if role is None:
        return _Found(" ".join(phrase), False)
    definite = words[0].lower() == "the"
    if definite and phrase[-1].lower() == role:
        holder = _holder(reader, role)
        if holder is not None:
            reader.definite.setdefault(role, set()).add(holder)
        return _Found(holder or " ".join(phrase), True)
    return _Found(" ".join(phrase), True)


def _name_described_speakers(reader: _Reader) -> None:
    """A lede's "Moscow's envoy to Washington said" is the person the article later names.

    Only when the article itself settles it: the same role noun, made definite later ("the
    envoy added"), referred to one named person, who is the only one named with a matching
    office. Spokesmen, officials, sources and analysts belong to many organisations in one
    story ("a TRE spokesman", "a Drexel spokesman"), so they are never linked this way.
    """
    for sentence in reader.done:
        words = (sentence.speaker or "").split()
        if not words or sentence.speaker in reader.roles:
            continue
        role = next((w.lower() for w in reversed(words) if w.lower() in _ROLE_NOUNS), None)
        if role is None or role in _MANY_HOLDERS:
            continue
        offices = _ROLE_MATCHES.get(role) or frozenset({role})
        holders = {p for p, held in reader.roles.items() if held & offices}
        if holders and reader.definite.get(role) == holders and len(holders) == 1:
            sentence.speaker = next(iter(holders))


def _without_determiner(words: Sequence[str]) -> list[str]:
    phrase = list(words)
    while phrase and phrase[0].lower() in _DETERMINERS | {"and", "but"}:
        phrase.pop(0)
    return phrase


def _named_person(reader: _Reader, phrase: Sequence[str]) -> str | None:
    """The person a subject names, in the article's fullest spelling, if it names one."""
    has_role = any(w.lower() in _ROLE_NOUNS for w in phrase)
    candidates = [m for m in find_mentions(" ".join(phrase)) if m.kind in ("person", "other")]
    for mention in reversed(candidates):
        full = _full_name(reader, mention.text)
        if mention.kind == "person" or full != mention.text or not has_role:
            return full
    return None


def _full_name(reader: _Reader, name: str) -> str:
    full = reader.names.get(surname(name))
    if full is None or len(name.split()) > 1:
        return name
    if "." in name and not full.startswith(
        name.split(".", maxsplit=1)[0]
    ):  # "V.Putin" ~ "Vladimir"
        return name
    return full


def _holder(reader: _Reader, role: str) -> str | None:
    """The most recently named person holding an office that ``role`` may refer back to."""
    offices = _ROLE_MATCHES.get(role, frozenset({role}))
    holders = [p for p, held in reader.roles.items() if held & offices]
    if holders:
        return max(holders, key=lambda p: reader.seen.get(p, -1))
    return reader.last_person


def _learn_names(reader: _Reader, index: int, sentence: str, mentions: Sequence[Mention]) -> None:
    """Register full names and the offices written just before them."""
    for mention in mentions:
        if mention.kind != "person":
            continue
        key = surname(mention.text)
        if len(mention.text.split()) > 1:
            reader.names.setdefault(key, mention.text)
        full = _full_name(reader, mention.text)
        reader.roles.setdefault(full, set()).update(_offices_before(sentence, mention.start))
        reader.seen[full] = index


def _offices_before(sentence: str, start: int) -> set[str]:
    before = re.split(r"[,;:\"“”(—]", sentence[:start])[-1].lower().split()[-_ROLE_WINDOW:]
    words = {_TITLE_ROLES.get(w, w) for w in before}
    return words & _ROLE_NOUNS


def _note_mentioned_person(
    reader: _Reader, index: int, mentions: Sequence[Mention], quoted: Sequence[tuple[int, int]]
) -> None:
    """A titled person named outside quotes becomes who a later "he" refers to."""
    for mention in mentions:
        outside = all(not (a <= mention.start < b) for a, b in quoted)
        if mention.kind == "person" and outside and (mention.titled or "." in mention.text):
            reader.last_person = _full_name(reader, mention.text)
            reader.seen[reader.last_person] = index


def _inherited(
    reader: _Reader, masked: str, has_quote: bool, started_inside: bool, paragraph: int
) -> str | None:
    """An unattributed quotation continues the quotation just before it."""
    if not has_quote or not reader.done:
        return None
    fully_quoted = started_inside or _ONLY_QUOTATION.fullmatch(_PARENTHESIS.sub("", masked))
    previous = reader.done[-1]
    if fully_quoted and previous.quote and paragraph - previous.paragraph <= 1:
        return previous.speaker
    return None


def _settle_unmarked_speech(reader: _Reader, masked: str, paragraph: int, found: _Found) -> None:
    """A first-person sentence just before an attribution that closes its own sentence."""
    if len(reader.done) < 2 or not _CLOSING_ATTRIBUTION.search(masked):
        return
    before = reader.done[-2]
    unattributed = before.speaker is None and not before.quote
    if unattributed and before.first_person and before.paragraph == paragraph:
        before.speaker = found.speaker


def _settle_quotation(reader: _Reader, index: int, has_quote: bool, found: _Found | None) -> None:
    """Give sentences of a multi-sentence quotation the attribution that closes it."""
    if found is not None and has_quote:
        for waiting in reader.waiting:
            reader.done[waiting].speaker = found.speaker
        reader.waiting.clear()
    elif has_quote and reader.inside_quote:
        reader.waiting.append(index)
    elif not has_quote:
        reader.waiting.clear()
