"""Named entity mentions by rule: runs of capitalised words, checked against small word lists.

Claims' typed entities come from spaCy's NER (claimdiff/claims/ner.py); this rule reader remains for
the speaker stage and the voices of the timeline, which look up names in sentences the NER
has not tagged as a whole (a source phrase, a speaker string). News prose makes
capitalisation a strong signal already. The lists do the rest: they split a
run such as "United States Sergey Kislyak" into a place and a person, strip titles and
nationality words ("Russian Deputy Foreign Minister Sergey Ryabkov" is the person "Sergey
Ryabkov"), keep treaty and organisation names whole ("Treaty on Measures for the Further
Reduction and Limitation of Strategic Offensive Arms"), and drop capitalised function words.

A sentence's first word is capitalised whatever it is, so it only counts as a name when the
article also capitalises it somewhere else (``capitalised_vocabulary``), when a word list
knows it, or when it has a name's shape ("V.Putin").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Literal, NamedTuple

from claimdiff.base import lexicon

MentionKind = Literal["person", "place", "organisation", "treaty", "other"]


def word_set(text: str) -> frozenset[str]:
    """A word list written as running text, so long gazetteers stay readable."""
    return frozenset(text.split())


def _countries() -> frozenset[str]:
    """One-word country names and aliases of the demonym table ("Iran", "USA")."""
    table = lexicon.table("demonyms")
    names = {*table["demonyms"].values(), *table["aliases"], *table["aliases"].values()}
    return frozenset(name for name in names if " " not in name)


# Cities, regions and places the demonym table does not name, beside its countries.
_PLACES = _countries() | word_set(
    """Asia Baku Balkans Baltic Beijing Berlin Brussels Bucharest Caucasus Crimea Czechia Damascus
    Donbas Europe Gabala Geneva Helsinki Istanbul Kaliningrad Kiev Kosovo Kyiv Lisbon London
    Minsk Moscow Munich Paris Prague Pyongyang Siberia Tehran Vienna Vilnius Warsaw Washington
    EU"""
)
_MULTIWORD_PLACES = (
    "United States",
    "United Kingdom",
    "Great Britain",
    "Soviet Union",
    "Russian Federation",
    "North Korea",
    "South Korea",
    "Czech Republic",
    "Middle East",
    "Far East",
    "Saudi Arabia",
    "New York",
    "Western Europe",
    "Eastern Europe",
)
_ORGANISATIONS = (
    *word_set("NATO UN OSCE IAEA CSTO Pentagon Kremlin Congress Senate Duma TASS ITAR-Tass"),
    *word_set("Sputnik Interfax Reuters Kommersant Xinhua BBC CNN"),
    "United Nations",
    "European Union",
    "White House",
    "State Department",
    "Foreign Ministry",
    "Defense Ministry",
    "Defence Ministry",
    "State Duma",
    "Security Council",
    "RIA Novosti",
)
_TREATIES = ("New START", *word_set("START INF CFE NPT CTBT JCPOA SALT"))
_TREATY_HEADS = word_set("Treaty Convention Agreement Accord Accords Pact Protocol Charter")
_ORGANISATION_HEADS = word_set(
    """Ministry Department Council Organization Organisation Committee Agency Chiefs Forces
    Command Alliance Office Institute Bank Court Parliament Assembly Staff Service Services
    Corporation Company Party University Commission Administration Union"""
)
# Words that name an office: the name after one of them is a person's.
_TITLE_NOUNS = frozenset(w.title() for w in lexicon.words("title-nouns")) | frozenset(
    w.capitalize() + "." for w in lexicon.words("title-abbreviations")
)
# Words that qualify an office ("Deputy Foreign Minister"): stripped from a name, nothing more.
_TITLE_WORDS = _TITLE_NOUNS | word_set(
    """Vice Prime Deputy Foreign Defense Defence Former Assistant Senior Special Acting Interim
    First Executive Permanent Presidential"""
)
# Last words that make a capitalised run an event, law or thing rather than a person.
_THING_HEADS = word_set(
    """Day Summit Conference Forum Games Prize Award Act Law Doctrine Initiative Plan Program
    Programme System Shield Talks Race Control Issues Weapons Profile News Newswire Journal
    Times Post Review Weekly Daily"""
)
# Last words of a newspaper's or agency's name: the whole run is the outlet.
_OUTLET_HEADS = word_set("Times Post Journal News Newswire Review Weekly Daily")
_NATIONALITIES = frozenset(
    (*lexicon.table("demonyms")["demonyms"], *lexicon.table("demonyms")["regional"])
)
# Capitalised only because they begin a sentence or a clause: never the first word of a name.
_FUNCTION_WORDS = frozenset(
    w.capitalize()
    for w in lexicon.words("capitalised-function-words") | lexicon.words("determiners")
)
_CALENDAR = frozenset(
    (
        *(w.capitalize() for w in (*lexicon.months(), *lexicon.weekdays())),
        *(w.capitalize() + "." for w in lexicon.month_abbreviations()),
    )
)
_ALL_HEADS = _TREATY_HEADS | _ORGANISATION_HEADS
_NAME_PARTICLES = word_set("de von van der bin al da del du la le")
_ORG_CONNECTORS = word_set("of on for the and")
_ABBREVIATIONS = frozenset(w for w in _TITLE_WORDS | _CALENDAR if w.endswith("."))


def _gazetteer() -> dict[str, MentionKind]:
    table: dict[str, MentionKind] = {}
    for name in (*_PLACES, *_MULTIWORD_PLACES):
        table[name] = "place"
    for name in _ORGANISATIONS:
        table[name] = "organisation"
    for name in _TREATIES:
        table[name] = "treaty"
    return table


GAZETTEER: dict[str, MentionKind] = _gazetteer()
_LONGEST_ENTRY = max(len(name.split()) for name in GAZETTEER)

_TOKEN = re.compile(r"[^\W_][\w’'.\-]*")
_PREFIX = re.compile(r"^(?:then|ex|former|pro|anti|non|post|pre)-(?=[A-Z])")
_POSSESSIVE = re.compile(r"[’']s$")
_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")
_INITIAL_NAME = re.compile(r"^[A-Z]\.[A-Z][a-z]+$")  # "V.Putin", "T.Kejsi"
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z]+(?:[’'\-][A-Za-z][a-z]+)*|[A-Z]\.)$")
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[\w,;:)\]”\"][ \xa0])[A-Z][\w’'.\-]*")


class Token(NamedTuple):
    text: str  # without a possessive "'s" or a sentence-final full stop
    start: int
    end: int
    possessive: bool


class Mention(NamedTuple):
    """A named entity in a sentence; ``start``/``end`` index that sentence."""

    text: str
    start: int
    end: int
    kind: MentionKind
    titled: bool  # a title stood right before it in the same run ("Ambassador", "Gen.")


def capitalised_vocabulary(text: str) -> frozenset[str]:
    """Capitalised words the text uses away from a sentence start: names, not sentence openers."""
    return frozenset(
        _normal(_POSSESSIVE.sub("", m.group())) for m in _MID_SENTENCE_CAPITAL.finditer(text)
    )


@lru_cache(maxsize=4096)
def find_mentions(sentence: str, known: frozenset[str] | None = None) -> tuple[Mention, ...]:
    """Entity mentions in one sentence, in order.

    ``known`` is ``capitalised_vocabulary`` of the whole article; ``None`` trusts every
    capitalised word (for a phrase already known to name someone, such as a speaker).
    Memoised: speaker attribution and claim building both read every sentence's mentions,
    and the result depends on nothing else (immutable in, immutable out).
    """
    tokens = tokenize(sentence)
    mentions: list[Mention] = []
    for run in _runs(tokens, sentence):
        mentions.extend(_split_run(run, sentence, known))
    return tuple(mentions)


def entity_names(mentions: Iterable[Mention]) -> tuple[str, ...]:
    """Distinct mention texts in first-seen order."""
    return tuple(dict.fromkeys(m.text for m in mentions))


def surname(name: str) -> str:
    """The last word of a person's name; "V.Putin" → "Putin"."""
    last = name.rsplit(maxsplit=1)[-1] if name.strip() else name
    return last.rsplit(".", 1)[-1] if _INITIAL_NAME.match(last) else last


def tokenize(sentence: str) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(sentence):
        text, start = match.group(), match.start()
        prefix = _PREFIX.match(text)
        if prefix:
            text, start = text[prefix.end() :], start + prefix.end()
        possessive = bool(_POSSESSIVE.search(text))
        if possessive:
            text = text[:-2]
        elif text.endswith(".") and not _keeps_full_stop(text):
            text = text[:-1]
        if text:
            tokens.append(Token(text, start, start + len(text), possessive))
    return tokens


def _keeps_full_stop(word: str) -> bool:
    return bool(_INITIALS.match(word)) or word in _ABBREVIATIONS or "." in word[:-1]


def _normal(word: str) -> str:
    """Shouted datelines ("WASHINGTON") look words up as "Washington"."""
    return word.title() if len(word) > 4 and word.isupper() and word.title() in GAZETTEER else word


def _is_capital(token: Token) -> bool:
    return token.text[0].isupper()


def _joined(sentence: str, left: Token, right: Token) -> bool:
    return not left.possessive and not sentence[left.end : right.start].strip()


def _runs(tokens: Sequence[Token], sentence: str) -> list[list[Token]]:
    """Maximal sequences of capitalised tokens separated only by spaces (and name connectors)."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if _is_capital(token) and run and _joined(sentence, run[-1], token):
            run.append(token)
        elif _is_capital(token):
            if run:
                runs.append(run)
            run = [token]
        else:
            bridge = _connector_bridge(tokens, index, run, sentence)
            if bridge:
                run.extend(tokens[index : index + bridge])
                index += bridge
                continue
            if run:
                runs.append(run)
            run = []
        index += 1
    if run:
        runs.append(run)
    return runs


def _connector_bridge(
    tokens: Sequence[Token], index: int, run: Sequence[Token], sentence: str
) -> int:
    """How many lower-case words join ``run`` to the next capital: "Joint Chiefs of Staff"."""
    if not run:
        return 0
    allowed = _ORG_CONNECTORS if any(t.text in _ALL_HEADS for t in run) else frozenset()
    allowed = allowed | _NAME_PARTICLES
    count = 0
    previous = run[-1]
    while index + count < len(tokens) and count < 2:
        token = tokens[index + count]
        if not _joined(sentence, previous, token):
            return 0
        if _is_capital(token):
            return count
        if token.text not in allowed:
            return 0
        previous = token
        count += 1
    if index + count < len(tokens) and _is_capital(tokens[index + count]):
        return count if _joined(sentence, previous, tokens[index + count]) else 0
    return 0


def _split_run(run: list[Token], sentence: str, known: frozenset[str] | None) -> list[Mention]:
    run = _drop_openers(run, sentence, known)
    if not run or (len(run) == 1 and run[0].text in _ALL_HEADS):
        return []
    whole = " ".join(_normal(t.text) for t in run)
    if whole in GAZETTEER:
        return [Mention(whole, run[0].start, run[-1].end, GAZETTEER[whole], False)]
    words = {t.text for t in run}
    if words & _TREATY_HEADS:
        return [_span(run, sentence, "treaty", False)]
    if words & _ORGANISATION_HEADS and (
        run[-1].text in _ORGANISATION_HEADS | {"Staff"} or words & _ORG_CONNECTORS
    ):
        # a connector joined the run only after an organisation head ("Department of
        # Justice"): the name ends with what the connector joined, not at the head
        return [_span(_without_leading(run, _NATIONALITIES), sentence, "organisation", False)]
    if len(run) > 1 and run[-1].text in _OUTLET_HEADS:
        # "New York Times", "Moscow Times": a place opening an outlet's name is part of it
        return [_span(run, sentence, "organisation", False)]
    return _scan(run, sentence)


def _drop_openers(run: list[Token], sentence: str, known: frozenset[str] | None) -> list[Token]:
    """Leading words capitalised only by position, and lower-case connectors left in front."""
    while run and _opener(run[0], sentence, known):
        run = run[1:]
    return run


def _opener(token: Token, sentence: str, known: frozenset[str] | None) -> bool:
    if token.text in _FUNCTION_WORDS or token.text in _CALENDAR or not _is_capital(token):
        return True
    return known is not None and _opens_sentence(sentence, token) and not _trusted(token, known)


def _opens_sentence(sentence: str, token: Token) -> bool:
    return not sentence[: token.start].strip(" \t\n\xa0\"“‘'«(")


def _trusted(token: Token, known: frozenset[str]) -> bool:
    word = _normal(token.text)
    return word in known or word in GAZETTEER or bool(_INITIAL_NAME.match(word))


def _without_leading(run: list[Token], words: frozenset[str]) -> list[Token]:
    trimmed = run
    while len(trimmed) > 1 and trimmed[0].text in words:
        trimmed = trimmed[1:]
    return trimmed


def _span(run: Sequence[Token], sentence: str, kind: MentionKind, titled: bool) -> Mention:
    return Mention(sentence[run[0].start : run[-1].end], run[0].start, run[-1].end, kind, titled)


def _scan(run: list[Token], sentence: str) -> list[Mention]:
    """Split a run into gazetteer entries and names, dropping titles and nationality words."""
    mentions: list[Mention] = []
    pending: list[Token] = []
    titled = False
    index = 0
    while index < len(run):
        size, kind = _gazetteer_match(run, index)
        token = run[index]
        if size:
            mentions.extend(_name(pending, sentence, titled))
            pending, titled = [], False
            name = " ".join(_normal(t.text) for t in run[index : index + size])
            mentions.append(Mention(name, token.start, run[index + size - 1].end, kind, False))
            index += size
            continue
        if token.text in _TITLE_WORDS or token.text in _NATIONALITIES or token.text in _CALENDAR:
            mentions.extend(_name(pending, sentence, titled))
            pending = []
            titled = token.text in _TITLE_NOUNS
        elif _name_part(token, bool(pending)):
            pending.append(token)
        index += 1
    mentions.extend(_name(pending, sentence, titled))
    return mentions


def _name_part(token: Token, after_name: bool) -> bool:
    """Particles ("de", "bin") only continue a name; function words never start one."""
    if token.text.lower() in _NAME_PARTICLES:
        return after_name
    return token.text not in _FUNCTION_WORDS


def _gazetteer_match(run: Sequence[Token], index: int) -> tuple[int, MentionKind]:
    for size in range(min(_LONGEST_ENTRY, len(run) - index), 0, -1):
        name = " ".join(_normal(t.text) for t in run[index : index + size])
        kind = GAZETTEER.get(name)
        if kind is not None:
            return size, kind
    return 0, "other"


def _name(pending: Sequence[Token], sentence: str, titled: bool) -> list[Mention]:
    if not pending or (len(pending) == 1 and pending[0].text in {"I"} | _ALL_HEADS):
        return []
    words = [t.text for t in pending]
    name_shaped = words[-1] not in _THING_HEADS and all(
        _NAME_WORD.match(w) or w.lower() in _NAME_PARTICLES for w in words
    )
    single_name = len(words) == 1 and bool(_INITIAL_NAME.match(words[0]))
    person = single_name or (name_shaped and (titled or 2 <= len(words) <= 4))
    return [_span(pending, sentence, "person" if person else "other", titled)]
