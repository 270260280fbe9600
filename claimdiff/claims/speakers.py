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
from typing import Any, NamedTuple

from claimdiff.base import lexicon
from claimdiff.claims.entities import (
    Mention,
    capitalised_vocabulary,
    find_mentions,
    surname,
    word_set,
)
from claimdiff.claims.quotes import MASK, mask_quotations
from claimdiff.claims.sources import doc_text, find_sources, word_lists
from claimdiff.language import nlp

_SPEECH_VERBS = (*lexicon.phrases("speech-verbs"), *lexicon.phrases("speech-verbs-other"))
_VERB = rf"(?P<verb>{lexicon.alternation(_SPEECH_VERBS)})"
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
_ONLY_QUOTATION = re.compile(r"[\s\"“”«»‘’'`….,;:!?\-–—]*")
_OUTLET_VERBS = frozenset({"reported", "reports"})
# Case matters: "US" is a country, "us" a speaker. No "I": "World War I", "Class I shares",
# and Reuters' ticker "<I>" are not speakers.
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]urs?|us|[Mm]y|me)\b")
# An attribution that closes its sentence: "... - the Russian leader has noted."
_CLOSING_ATTRIBUTION = re.compile(rf"(?:\s[-–—]\s|,)[^,;:]*\b{_VERB}\W*$")

_PRONOUNS = frozenset({"he", "she", "it", "him", "her"})
_GROUP_PRONOUNS = frozenset({"we", "they", "i", "you", "them", "us"})
_DETERMINERS = lexicon.words("determiners")
_CONNECTORS = frozenset({"of", "to", "for"})
_ROLE_NOUNS = lexicon.words("role-nouns")
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
    role: frozenset(offices)
    for role, offices in lexicon.table("role-matches").items()
    if not role.startswith("_")
}
# Roles that many people in one story hold for different organisations.
_MANY_HOLDERS = lexicon.words("role-many-holders")
_TITLE_ROLES = {"gen": "general", "gen.": "general"}
_ROLE_WINDOW = 8  # words before a name searched for the office the name holds
_PRONOUN_REACH = 6  # sentences back a "he"/"she" may reach for the person it names


Offsets = tuple[int, int]


class Attribution(NamedTuple):
    """Who asserts one sentence, and why: the source and cue as written, with their offsets.

    ``source`` and ``cue_span`` are character offsets into the article's text; for a sentence
    that inherits its speaker (a quotation running on), they point into the sentence whose
    attribution it continues.
    """

    speaker: str | None  # None: the outlet's own voice
    quote: bool  # the sentence holds (or continues) a direct quotation
    source: Offsets | None = None  # the source phrase ("he", "the official", "Jennifer Palmieri")
    cue: str | None = None  # "said", "according to", "saying"
    cue_span: Offsets | None = None
    scope: Offsets | None = None  # what of the sentence the attribution reports; None: all


class _Found(NamedTuple):
    speaker: str
    person: bool  # a person or a role held by one; institutions and outlets are not
    source: Offsets | None = None
    cue: str | None = None
    cue_span: Offsets | None = None
    scope: Offsets | None = None


@dataclass
class _Sentence:
    """What one sentence contributed, kept for the sentences after it."""

    speaker: str | None
    quote: bool
    paragraph: int
    first_person: bool = False  # speaks as "we", "our", "I" outside any quotation
    source: Offsets | None = None
    cue: str | None = None
    cue_span: Offsets | None = None
    scope: Offsets | None = None

    def take(self, other: _Sentence | _Found) -> None:
        """Speak with another sentence's attribution (a quotation running on: all of it)."""
        self.speaker = other.speaker
        self.source, self.cue, self.cue_span = other.source, other.cue, other.cue_span
        self.scope = None


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
    gender: dict[str, str] = field(default_factory=dict)  # person -> "m" / "f" when known
    doc: Any = None  # the shared parse of the article, None without a trained pipeline
    mentions: int = 0  # a running count, so people named in one sentence keep their order
    order: dict[str, int] = field(default_factory=dict)  # person -> running count when last seen
    people: dict[int, list[tuple[str, bool]]] = field(default_factory=dict)  # (person, subject)
    persons: set[str] = field(default_factory=set)  # names the parse tagged as people


def attribute_speakers(text: str, spans: Sequence[tuple[int, int]]) -> tuple[Attribution, ...]:
    """One attribution per span, read in order, each span being ``text[start:end]``."""
    reader = _Reader(capitalised_vocabulary(text))
    if spans and nlp.available():
        reader.doc = nlp.parse(text)
    paragraph = 0
    previous_end = 0
    for index, (start, end) in enumerate(spans):
        if _PARAGRAPH_BREAK.search(text, previous_end, max(start, previous_end)):
            paragraph += 1
            reader.inside_quote = False  # a new paragraph reopens a continuing quotation
        _read(reader, index, text[start:end], start, paragraph)
        previous_end = end
    _name_described_speakers(reader)
    return tuple(
        Attribution(s.speaker, s.quote, s.source, s.cue, s.cue_span, s.scope) for s in reader.done
    )


def clause_attribution(attribution: Attribution, start: int, end: int) -> Attribution:
    """The attribution of the clause ``start``-``end`` of its sentence: the sentence's when at
    least half the clause lies in what the cue reports, else the outlet's own voice
    ("Sanders conceded in a call with Clinton | and posed for photos")."""
    if attribution.scope is None or attribution.speaker is None:
        return attribution
    low, high = attribution.scope
    inside = max(0, min(high, end) - max(low, start))
    if 2 * inside >= end - start:
        return attribution
    return Attribution(None, attribution.quote)


def _read(reader: _Reader, index: int, sentence: str, start: int, paragraph: int) -> None:
    started_inside = reader.inside_quote
    masked, quoted, reader.inside_quote = mask_quotations(sentence, started_inside)
    mentions = find_mentions(sentence, reader.known)
    _learn_names(reader, index, sentence, mentions)
    found = _parsed_attribution(reader, index, sentence, start, quoted)
    if found is None:
        nouns = _nouns(reader, start, start + len(sentence))
        matched = _attribution(reader, _PARENTHESIS.sub("", masked), index, nouns)
        if matched is not None:
            found = _with_offsets(matched, sentence, start, quoted)
    has_quote = started_inside or bool(quoted)
    first_person = bool(_FIRST_PERSON.search(masked.replace(MASK, " ")))
    current = _Sentence(None, has_quote, paragraph, first_person)
    if found is None:
        inherited = _inherited(reader, masked, has_quote, started_inside, paragraph)
        if inherited is not None:
            current.take(inherited)
        _note_mentioned_person(reader, index, mentions, quoted)
    else:
        current.take(found)
        current.scope = found.scope
        if found.person:
            reader.last_person = found.speaker
            _saw(reader, found.speaker, index)
    stretches = [(start + a, start + b) for a, b in quoted]
    _note_people(reader, index, (start, start + len(sentence)), stretches, current.speaker)
    reader.done.append(current)
    _settle_quotation(reader, index, has_quote, found)
    if found is not None and not has_quote:
        _settle_unmarked_speech(reader, masked, paragraph, found)


def _parsed_attribution(
    reader: _Reader, index: int, sentence: str, start: int, quoted: Sequence[Offsets]
) -> _Found | None:
    """The attribution the parse shows (claimdiff.claims.sources), resolved to a speaker."""
    if reader.doc is None:
        return None
    stretches = [(start + a, start + b) for a, b in quoted]
    for source in find_sources(reader.doc, start, start + len(sentence), stretches):
        if source.kind == "pronoun":
            speaker = _pronoun(reader, source.text.lower(), index)
            found = None if speaker is None else _Found(speaker, True)
        elif source.kind == "role" and source.cue != "according to":
            found = _role(reader, source.text, source.cue, index)
        else:
            found = _resolve(reader, source.text, source.cue, index)
        if found is not None:
            return found._replace(
                source=(source.start, source.end),
                cue=source.cue,
                cue_span=(source.cue_start, source.cue_end),
                scope=source.scope,
            )
    return None


def _role(reader: _Reader, phrase: str, cue: str, index: int) -> _Found | None:
    """A role or institution as written ("Bernie Sanders' campaign", "aides to Clinton").

    Only a definite bare role ("the senator", "the Russian ambassador") is looked up as the
    person the article named holding it; a role with its own possessor or complement is
    someone else than the name inside it.
    """
    words = phrase.split()
    if words and words[0].lower() == "the":
        return _resolve(reader, phrase, cue, index)
    rest = _without_determiner(words)
    if not rest:
        return None
    person = any(w.lower().rstrip("s") in _ROLE_NOUNS or w.lower() in _ROLE_NOUNS for w in rest)
    return _Found(" ".join(rest), person)


def _nouns(reader: _Reader, start: int, end: int) -> frozenset[str]:
    """Words the parse reads only as nouns in this sentence, for the word patterns' verbs."""
    if reader.doc is None:
        return frozenset()
    region = reader.doc.char_span(start, end, alignment_mode="expand")
    if region is None:
        return frozenset()
    verbs = {t.lower_ for t in region if t.pos_ in ("VERB", "AUX")}
    return frozenset(t.lower_ for t in region if t.pos_ in ("NOUN", "PROPN")) - verbs


def _with_offsets(
    matched: tuple[_Found, str, str], sentence: str, start: int, quoted: Sequence[Offsets]
) -> _Found:
    """Source and cue offsets for an attribution the word patterns found: the first place
    outside quotations where the verb (or "according to") and then the subject are written."""
    found, subject, verb = matched
    cue_text = "according to" if verb == "according" else verb
    cue = _outside(sentence, cue_text, quoted)
    source = _outside(sentence, subject.strip(), quoted)
    return found._replace(
        cue=sentence[cue[0] : cue[1]] if cue else None,
        cue_span=(start + cue[0], start + cue[1]) if cue else None,
        source=(start + source[0], start + source[1]) if source else None,
    )


def _outside(sentence: str, words: str, quoted: Sequence[Offsets]) -> Offsets | None:
    pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, words.split())) + r"\b", re.I)
    for match in pattern.finditer(sentence):
        if all(not (a <= match.start() < b) for a, b in quoted):
            return match.start(), match.end()
    return None


def _attribution(
    reader: _Reader, masked: str, index: int, nouns: frozenset[str] = frozenset()
) -> tuple[_Found, str, str] | None:
    """The first word-pattern attribution that resolves: (found, subject, verb)."""
    for _position, subject, verb in _candidates(masked):
        if verb.split()[0].lower() in nouns:
            continue  # "Coastal states swing toward Democrats": "states" is a noun here
        found = _resolve(reader, subject, verb, index)
        if found is not None:
            return found, subject, verb
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
    bare = re.sub(r"[’']s$", "", words[0].lower())
    if bare != words[0].lower() and bare in _PRONOUNS | _GROUP_PRONOUNS:
        return False  # "He’s reported from ...": a contraction, not a subject
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


def _resolve(reader: _Reader, subject: str, verb: str, index: int) -> _Found | None:
    words = _subject_words(subject, verb)
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        speaker = _pronoun(reader, words[0].lower(), index)
        return None if speaker is None else _Found(speaker, True)
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
    candidates = [
        m
        for m in find_mentions(" ".join(phrase))
        if m.kind in ("person", "other") and not _cut_short(m.text)
    ]
    for mention in reversed(candidates):
        full = _full_name(reader, mention.text)
        if mention.kind == "person" or full != mention.text or not has_role:
            return full
    return None


def _cut_short(name: str) -> bool:
    """A word-pattern mention that stops at a connector ("Department of" out of "Department of
    Justice") is a piece of a longer name, not the name."""
    return name.rsplit(maxsplit=1)[-1].lower() in _CONNECTORS


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
        _learn_gender(reader, full, sentence[: mention.start], mention.text)
        _saw(reader, full, index)


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
            _saw(reader, reader.last_person, index)


def _inherited(
    reader: _Reader, masked: str, has_quote: bool, started_inside: bool, paragraph: int
) -> _Sentence | None:
    """An unattributed quotation continues the quotation just before it."""
    if not has_quote or not reader.done:
        return None
    fully_quoted = started_inside or _ONLY_QUOTATION.fullmatch(_PARENTHESIS.sub("", masked))
    previous = reader.done[-1]
    if fully_quoted and previous.speaker is not None and paragraph - previous.paragraph <= 1:
        return previous
    return None


def _settle_unmarked_speech(reader: _Reader, masked: str, paragraph: int, found: _Found) -> None:
    """A first-person sentence just before an attribution that closes its own sentence."""
    if len(reader.done) < 2 or not _CLOSING_ATTRIBUTION.search(masked):
        return
    before = reader.done[-2]
    unattributed = before.speaker is None and not before.quote
    if unattributed and before.first_person and before.paragraph == paragraph:
        before.take(found)


def _settle_quotation(reader: _Reader, index: int, has_quote: bool, found: _Found | None) -> None:
    """Give sentences of a multi-sentence quotation the attribution that closes it."""
    if found is not None and has_quote:
        for waiting in reader.waiting:
            reader.done[waiting].take(found)
        reader.waiting.clear()
    elif has_quote and reader.inside_quote:
        reader.waiting.append(index)
    elif not has_quote:
        reader.waiting.clear()


def _saw(reader: _Reader, person: str, index: int) -> None:
    """Remember when a person was last named, for "he"/"she" and "the envoy"."""
    reader.seen[person] = index
    reader.mentions += 1
    reader.order[person] = reader.mentions


def _learn_gender(reader: _Reader, person: str, before: str, written: str) -> None:
    """A title just before the name ("Mrs. Clinton") or a known given name sets the gender."""
    lists = word_lists()
    title = before.rsplit(maxsplit=1)[-1].lower() if before.split() else ""
    if title in lists["titles-m"]:
        reader.gender[person] = "m"
    elif title in lists["titles-f"]:
        reader.gender[person] = "f"
    elif person not in reader.gender:
        given = (person.split() or [""])[0].lower()
        if given in lists["given-m"]:
            reader.gender[person] = "m"
        elif given in lists["given-f"]:
            reader.gender[person] = "f"


def _gender(reader: _Reader, person: str) -> str | None:
    known = reader.gender.get(person)
    if known is not None:
        return known
    lists = word_lists()
    words = {w.lower() for w in person.split()}
    if words & lists["roles-m"]:
        return "m"
    if words & lists["roles-f"]:
        return "f"
    return None


def _pronoun(reader: _Reader, pronoun: str, index: int) -> str | None:
    """Who "he" or "she" refers to: the nearest person named before whose gender agrees.

    Walking back sentence by sentence, the first one naming an agreeing person decides: one
    such person, or one that was the subject or speaker there, is the answer. Otherwise
    blank: a wrong name is worse than none. "It" (an institution, or a person in machine
    translation from Russian) is whoever spoke in the sentence just before.
    """
    if pronoun == "it":  # "The ministry said ... It added": whoever spoke just before
        return reader.done[-1].speaker if reader.done else None
    if pronoun in ("they", "them"):
        return _group(reader)
    wanted = {"he": "m", "him": "m", "she": "f", "her": "f"}.get(pronoun)
    return None if wanted is None else _agreeing(reader, wanted, index)


def _agreeing(reader: _Reader, wanted: str, index: int) -> str | None:
    """The person of gender ``wanted`` (or unknown) the nearest earlier sentence settles."""
    for back in range(index, max(-1, index - _PRONOUN_REACH), -1):
        named = reader.people.get(back, [])
        agreeing = [(p, subject) for p, subject in named if _gender(reader, p) in (wanted, None)]
        names = {p for p, _ in agreeing}
        if len(names) == 1:
            return next(iter(names))
        subjects = {p for p, subject in agreeing if subject}
        if len(subjects) == 1:
            return next(iter(subjects))
        if names:
            return _last_speaker_among(reader, names, index)
    return None


def _last_speaker_among(reader: _Reader, names: set[str], index: int) -> str | None:
    """Of several people a pronoun could mean, the one quoted most recently, if any: a story
    keeps "he said" for the person it is quoting."""
    for sentence in reader.done[max(0, index - _PRONOUN_REACH) : index][::-1]:
        if sentence.speaker in names:
            return sentence.speaker
    return None


def _note_people(
    reader: _Reader,
    index: int,
    span: Offsets,
    quoted: Sequence[Offsets],
    speaker: str | None,
) -> None:
    """People the parse names outside quotations in a sentence, marking subjects."""
    named: list[tuple[str, bool]] = []
    if speaker is not None and _is_person(reader, speaker):
        # a place the word patterns took for a name ("New Jersey") is no "he"
        entity_person = reader.doc is None or speaker in reader.persons
        if entity_person or any(w.lower() in _ROLE_NOUNS for w in speaker.split()):
            named.append((speaker, True))
    if reader.doc is not None:
        region = reader.doc.char_span(*span, alignment_mode="expand")
        for entity in nlp.entities_in(region) if region is not None else ():
            if entity.label_ != "PERSON" or any(a <= entity.start_char < b for a, b in quoted):
                continue
            text = entity.text.removesuffix("’s").removesuffix("'s")
            person = _full_name(reader, text)
            reader.persons.add(person)
            _learn_gender(
                reader,
                person,
                doc_text(reader.doc)[max(0, entity.start_char - 6) : entity.start_char],
                text,
            )
            named.append((person, entity.root.dep_ in ("nsubj", "nsubjpass")))
    reader.people[index] = named


def _group(reader: _Reader) -> str | None:
    """Who "they" are: the group that spoke in one of the two sentences before ("officials",
    "the State Department"), never a single named person."""
    for sentence in reader.done[-1:-3:-1]:
        speaker = sentence.speaker
        if speaker is None:
            continue
        last = speaker.split()[-1].lower()
        plural_role = last.endswith("s") and last.rstrip("s") in _ROLE_NOUNS
        if plural_role or not _is_person(reader, speaker):
            return speaker
        return None
    return None


def _is_person(reader: _Reader, name: str) -> bool:
    """Named people and roles people hold; not institutions ("State Department")."""
    if name in reader.roles or name in reader.persons:
        return True
    return any(w.lower() in _ROLE_NOUNS for w in name.split())
