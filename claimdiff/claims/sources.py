"""Where a sentence names its source: the attribution cue and its subject, read from the parse.

News attributes speech in a few syntactic shapes, and spaCy's dependency parse (the shared
one, claimdiff.language.nlp) exposes all of them the same way, whatever the word order or quotation
style: a cue verb ("said", "tweeted", "urged"; the lexicon learnt from PolNeAR's annotated
cues, resources/attribution/cues.tsv) whose subject is the source:

* '"...," Chris Weston, chief market strategist at IG Ltd., said' (appositive between them);
* '"...," said Clinton's communications director, Jennifer Palmieri' (inverted; the name in
  apposition to the role, not the possessor, is the source);
* 'U.S. Republican presidential nominee Donald Trump said' (lower-case title before the name);
* 'Trump attacked Clinton, saying ...' (a participle clause takes its head verb's subject);
* 'according to a senior NATO official, ...' (the object of "according to");
* 'Caddell continued:' (a colon introduction is a cue verb with a subject like any other).

A cue only attributes the sentence when its clause spans most of it: "Trump, who said he
would win, lost Ohio" is the outlet's report, not Trump's. Quoted words never hold the cue.
What the subject *is* (a name, a role, an institution, a pronoun) is decided here from the
parse; who it refers to is decided by claimdiff.claims.speakers, which knows the article so far.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from claimdiff.base.resources import resource_path
from claimdiff.language.nlp import entity_of

GOVERNS = 0.5  # share of a sentence's words a cue's clause must span to attribute it
# A verb lemma is a cue in any shape when PolNeAR's annotators marked at least this share of
# its uses as cues; a weaker one ("find", "estimate", "respond") only with a clause of content
# ("a poll found that ..."), and only from CLAUSE_SHARE up (the lexicon lists nothing below).
CUE_SHARE = 0.6
CLAUSE_SHARE = 0.45
# A cue this frequent and this reliable in PolNeAR train ("say", "tell", "note") needs no
# content clause of its own to attribute: the parse often hangs it elsewhere.
SPEECH_MIN_CUES = 100
SPEECH_SHARE = 0.94
# A cue at least this reliable attributes with a noun object as content too ("thanking his
# supporters", "called for a ban"); below it, an object is an act in the outlet's voice.
ACT_SHARE = 0.85
MAX_HEADING_WORDS = 5  # a headline's speaker before a colon: "Joe Scarborough: ..."
MAX_ROLE_WORDS = 8  # a longer subject is a description, not a role ("people who ...")
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PARTICIPLE_LINKS = frozenset({"advcl", "xcomp", "conj", "acl"})
_NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_CUT_DEPS = frozenset({"relcl", "acl", "appos", "punct", "advcl", "cc", "conj"})
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
# "called for a ban", "warned against", "spoke about"; not "is adding to her lead"
_CONTENT_PREPOSITIONS = frozenset({"for", "against", "about", "on", "over"})
_MODALS = frozenset({"may", "might", "could", "would", "should", "must"})
PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "him", "her", "them"})


@dataclass(frozen=True)
class Source:
    """One attribution found in a sentence: who (as written), the cue, and their offsets."""

    text: str  # the source as written, trimmed to its name or role ("Jennifer Palmieri")
    kind: str  # "name", "role" or "pronoun"
    start: int  # character offsets of ``text`` in the article
    end: int
    cue: str  # "said", "according to", "saying"
    cue_start: int
    cue_end: int
    # character offsets of what the attribution reports: the cue's clause without the clauses
    # coordinated with it ("Sanders conceded the race, [and posed for photos]"); None: all of it
    scope: tuple[int, int] | None = None


@lru_cache(maxsize=1)
def _cue_table() -> dict[str, tuple[int, int]]:
    """lemma -> (times a cue, occurrences outside quoted content) in PolNeAR train."""
    lines = resource_path("attribution", "cues.tsv").read_text(encoding="utf-8").splitlines()
    table = {}
    for line in lines:
        if line and not line.startswith("#"):
            lemma, as_cue, seen = line.split("\t")
            table[lemma] = (int(as_cue), int(seen))
    return table


@lru_cache(maxsize=1)
def cue_lemmas() -> frozenset[str]:
    """Verb lemmas PolNeAR's annotators marked as attribution cues (see the file's header)."""
    return frozenset(
        lemma for lemma, (as_cue, seen) in _cue_table().items() if as_cue >= CUE_SHARE * seen
    )


@lru_cache(maxsize=1)
def clause_lemmas() -> frozenset[str]:
    """Weaker cues, cues only with a content clause: "The survey found that ..."."""
    return frozenset(
        lemma
        for lemma, (as_cue, seen) in _cue_table().items()
        if CLAUSE_SHARE * seen <= as_cue < CUE_SHARE * seen
    )


@lru_cache(maxsize=1)
def act_lemmas() -> frozenset[str]:
    """Cues that attribute with a noun object too: speech acts ("urged", "praised")."""
    return frozenset(
        lemma for lemma, (as_cue, seen) in _cue_table().items() if as_cue >= ACT_SHARE * seen
    )


@lru_cache(maxsize=1)
def speech_lemmas() -> frozenset[str]:
    """Cues that attribute even without a content clause ("says in a statement that ...")."""
    return frozenset(
        lemma
        for lemma, (as_cue, seen) in _cue_table().items()
        if as_cue >= SPEECH_MIN_CUES and as_cue >= SPEECH_SHARE * seen
    )


@lru_cache(maxsize=1)
def word_lists() -> dict[str, frozenset[str]]:
    """The sections of resources/attribution/roles.txt, gender.txt and evidence.txt, by
    section name."""
    sections: dict[str, set[str]] = {}
    for name in ("roles.txt", "gender.txt", "evidence.txt"):
        current = ""
        text = resource_path("attribution", name).read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            if line.startswith("["):
                current = line.strip("[] \n")
                sections.setdefault(current, set())
                continue
            sections[current].update(line.split())
    return {name: frozenset(words) for name, words in sections.items()}


def speaker_nouns() -> frozenset[str]:
    lists = word_lists()
    return lists["roles"] | lists["institutions"]


def find_sources(doc: Any, start: int, end: int, quoted: Sequence[tuple[int, int]]) -> list[Source]:
    """Attributions governing the sentence ``doc.text[start:end]``, best first.

    ``quoted`` holds the article offsets of quoted stretches: a cue inside them is the
    quoted person's words, not the outlet's attribution.
    """
    region = doc.char_span(start, end, alignment_mode="expand")
    if region is None or len(region) == 0:
        return []
    words = [t for t in region if not t.is_punct and not t.is_space]
    found: list[tuple[int, Source]] = []
    heading = _colon_heading(region, quoted)
    if heading is not None:
        found.append((-3, heading))
    lemmas = cue_lemmas()
    for token in region:
        if _inside(token, quoted):
            continue
        source = (
            _according_to(token, quoted)
            or _in_evidence(token, quoted)
            or _verb_cue(token, lemmas, quoted)
        )
        if source is not None and _governs(token, words, region):
            found.append((_rank(token), replace(source, scope=_scope(_host(token)))))
    found.sort(key=lambda pair: pair[0])
    return [source for _, source in found]


def _colon_heading(region: Any, quoted: Sequence[tuple[int, int]]) -> Source | None:
    """A headline's speaker before a colon: "Bernie Sanders: 'Of Course' Clinton Is Qualified".

    Only a short name that opens the sentence and that the parse reads as a person or an
    organisation, followed by words: "Transcript:" or "CHARLESTON, S.C. —" are not speakers.
    """
    colon = next((t for t in region[: MAX_HEADING_WORDS + 1] if t.text == ":"), None)
    if colon is None or colon.i == region.start or colon.i + 1 >= region.end:
        return None
    before = region.doc[region.start : colon.i]
    if any(t.is_punct or _inside(t, quoted) for t in before):
        return None
    head = before.root
    entity = entity_of(head)
    if entity is None or entity.label_ not in ("PERSON", "ORG") or entity.end != colon.i:
        return None
    found = _source(head, ":", colon.idx, colon.idx + 1)
    return found if found is not None and found.kind == "name" else None


def _in_evidence(token: Any, quoted: Sequence[tuple[int, int]]) -> Source | None:
    """ "In a CNN/ORC poll released Monday, 31% said ...": the poll is the source."""
    if token.lower_ != "in" or token.dep_ != "prep":
        return None
    target = next((c for c in token.children if c.dep_ == "pobj"), None)
    if target is None or _inside(target, quoted):
        return None
    if target.lemma_.lower() not in word_lists()["evidence"]:
        return None
    cut = {t.i for c in target.children if c.dep_ in _CUT_DEPS for t in c.subtree}
    tokens = [t for t in target.subtree if t.i not in cut and t.i <= target.i]
    tokens = [t for t in tokens if t.pos_ != "DET"] or [target]
    first, last = tokens[0], target
    end = last.idx + len(last.text)
    return Source(
        token.doc.text[first.idx : end],
        "role",
        first.idx,
        end,
        token.text,
        token.idx,
        token.idx + len(token.text),
    )


def _rank(token: Any) -> int:
    """ "according to" first, then the sentence's main verb, then the rest in text order."""
    if token.lower_ == "according":
        return -2
    return -1 if token.dep_ == "ROOT" else token.i


def _inside(token: Any, quoted: Sequence[tuple[int, int]]) -> bool:
    return any(a <= token.idx < b for a, b in quoted)


def _governs(cue: Any, words: Sequence[Any], region: Any) -> bool:
    """The cue's clause (or, for a participle or "according to", its host) spans most words."""
    if not words:
        return False
    inside = {t.i for t in _host(cue).subtree}
    covered = sum(1 for t in words if t.i in inside)
    return covered >= GOVERNS * len(words)


def _host(cue: Any) -> Any:
    """The clause a cue reports over: its own, or for a participle, "according to", "in" and
    parenthetical cues the clause they hang in; the first of coordinated verbs."""
    host = cue
    if cue.lower_ in ("according", "in") or (cue.tag_ == "VBG" and cue.dep_ in _PARTICIPLE_LINKS):
        host = cue.head
    elif cue.dep_ == "advcl" and any(c.lower_ == "as" and c.dep_ == "mark" for c in cue.children):
        host = cue.head  # "As Joel Pollak observed, the biggest victor was ..."
    elif _parenthetical(cue):
        host = cue.head  # "The plan, an inside source said, is to have volunteers ..."
    while host.dep_ in ("conj",) and host.head is not host:
        host = host.head
    return host


def _scope(host: Any) -> tuple[int, int]:
    """Character offsets of the host clause less the verbs coordinated with it that are no
    cues themselves: "conceded the race in a call with Clinton[, and posed for photos]"."""
    cues = cue_lemmas()
    dropped: set[int] = set()
    for child in host.children:
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and child.lemma_ not in cues:
            dropped.update(t.i for t in child.subtree)
            dropped.update(c.i for c in host.children if c.dep_ == "cc" and c.i < child.i)
    kept = [t for t in host.subtree if t.i not in dropped]
    last = kept[-1]
    return kept[0].idx, last.idx + len(last.text)


def _parenthetical(cue: Any) -> bool:
    """A cue set off by commas inside or after the clause it reports ("..., many economists
    say, because ..."): the parser hangs it under that clause's verb as a parenthesis."""
    if cue.dep_ not in ("parataxis", "advcl", "ccomp") or cue.head is cue:
        return False
    if not any(c.dep_ in _SUBJECTS for c in cue.children):
        return False
    doc = cue.doc
    first = min(t.i for t in cue.subtree if not t.is_punct)
    return first > 0 and doc[first - 1].text in (",", "—", "–", "-")


def _according_to(token: Any, quoted: Sequence[tuple[int, int]]) -> Source | None:
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None:
        return None
    target = next((c for c in to.children if c.dep_ == "pobj"), None)
    if target is None or _inside(target, quoted):
        return None
    found = _source(target, "according to", token.idx, to.idx + len(to.text))
    if found is None or found.kind != "role":
        return found
    # "according to the representative of State department of ... Casey": the whole object,
    # which claimdiff.claims.speakers searches for the person it names
    last = max(t.i for t in target.subtree)
    end = target.doc[last].idx + len(target.doc[last].text)
    return Source(
        doc_text(target.doc)[found.start : end], "role", found.start, end, *_cue_of(found)
    )


def _cue_of(source: Source) -> tuple[str, int, int]:
    return source.cue, source.cue_start, source.cue_end


def _verb_cue(
    token: Any, lemmas: frozenset[str], quoted: Sequence[tuple[int, int]]
) -> Source | None:
    if token.pos_ not in ("VERB", "AUX"):
        return None
    lemma = token.lemma_.lower()
    clause_cue = lemma not in lemmas and _reports_clause(token)
    if lemma not in lemmas and not clause_cue and not _introduces_quote(token, quoted):
        return None
    subject = _subject(token)
    if subject is None or _inside(subject, quoted) or not _says_something(token, quoted):
        return None
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in token.children):
        return None  # "Trump may want to check his stats": a guess about, not words of, Trump
    found = _source(subject, token.text, token.idx, token.idx + len(token.text))
    if clause_cue and found is not None and found.kind == "pronoun":
        return None  # "he, too, feels a payoff coming": a weak cue needs a named source
    return found


def _reports_clause(verb: Any) -> bool:
    """A weaker cue ("found", "estimates") reporting a whole clause with its own subject:
    "The survey found that people had increased confidence", not "has seen mills retooled"."""
    if verb.lemma_.lower() not in clause_lemmas():
        return False
    return any(c.dep_ == "ccomp" and _finite_clause(c) for c in verb.children)


def _finite_clause(head: Any) -> bool:
    """A clause with a subject and a tensed verb ("that people had increased confidence"),
    not a small clause ("found it difficult to overcome")."""
    tensed = head.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD")
        for c in head.children
    )
    return tensed and any(c.dep_ in _SUBJECTS for c in head.children)


def _introduces_quote(verb: Any, quoted: Sequence[tuple[int, int]]) -> bool:
    """Any verb whose complement is a quotation, or that a colon links to one, is a cue:
    '"...," Rubio continued.' / 'Pence continued: "..."' / '"...," Hollande retaliated.'"""
    if verb.pos_ != "VERB":
        return False
    if not quoted:
        return _introduces_block_quote(verb)
    for child in verb.children:
        if child.dep_ in _CONTENT_DEPS and _inside(child, quoted):
            return True
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if following is not None and following.text == ":":
        after = verb.doc[following.i + 1] if following.i + 1 < len(verb.doc) else None
        return after is not None and (after.is_quote or _inside(after, quoted))
    return _introduces_block_quote(verb)


def _introduces_block_quote(verb: Any) -> bool:
    """A colon ending the sentence of ``verb`` with a quotation opening the next paragraph:
    'President Clinton released the following statement:' / 'Cruz called them on it:'."""
    colon = next((t for t in verb.subtree if t.text == ":" and t.i > verb.i), None)
    if colon is None:
        return False
    after = next((t for t in verb.doc[colon.i + 1 :] if not t.is_space), None)
    gap = verb.doc.text[colon.idx + 1 : after.idx] if after is not None else ""
    return after is not None and after.is_quote and "\n" in gap


def _says_something(verb: Any, quoted: Sequence[tuple[int, int]]) -> bool:
    """The cue carries content: a clause ("said [that] ..."), a quotation, or a colon.

    "Russia has expressed concern over the plan" reports an act, in the outlet's voice.
    """
    if verb.lemma_.lower() in speech_lemmas():
        return True
    if any(c.dep_ in _CONTENT_DEPS for c in verb.children):
        return True
    participle = verb.tag_ == "VBG" and verb.dep_ in _PARTICIPLE_LINKS  # ", adding to her lead"
    objects = any(
        c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in _CONTENT_PREPOSITIONS)
        for c in verb.children
    )
    if verb.lemma_.lower() in act_lemmas() and objects and not participle:
        return True  # "is calling for ...", "is thanking his supporters"
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if (following is not None and following.text == ":") or _introduces_block_quote(verb):
        return True
    sentence = verb.sent
    return any(sentence.start_char <= a < sentence.end_char for a, _ in quoted)


def _subject(verb: Any) -> Any | None:
    """The verb's own subject, or for ", saying ..." / "and added" its host verb's."""
    seen = 0
    first = verb
    while verb is not None and seen < 3:
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            return subject
        participle = verb.tag_ == "VBG" and verb.dep_ in _PARTICIPLE_LINKS
        infinitive = verb.dep_ == "xcomp" and verb.head.pos_ == "VERB"  # "went on to say"
        if not (participle or infinitive or verb.dep_ == "conj") or verb.head is verb:
            return _inverted_subject(first)
        verb = verb.head
        seen += 1
    return None


def _inverted_subject(verb: Any) -> Any | None:
    """ "..., said Robin Maynard, half joking": the name right after a cue that follows a
    quotation or comma, when the parser hung it elsewhere."""
    doc = verb.doc
    if verb.i == 0 or not (doc[verb.i - 1].is_punct or doc[verb.i - 1].is_quote):
        return None
    head = None
    for token in doc[verb.i + 1 : verb.i + 1 + MAX_ROLE_WORDS]:
        if token.pos_ in ("DET", "ADJ") and head is None:
            continue
        if token.pos_ in ("PROPN", "NOUN"):
            head = token
            continue
        break
    return head


def _source(head: Any, cue: str, cue_start: int, cue_end: int) -> Source | None:
    """Name, role or pronoun the subject ``head`` stands for; None for anything else."""
    lower = head.lower_
    if lower in PRONOUNS:
        return Source(
            head.text, "pronoun", head.idx, head.idx + len(head.text), cue, cue_start, cue_end
        )
    named = _name_tokens(head)
    if named:
        first, last = named[0], named[-1]
        text = doc_text(head.doc)[first.idx : last.idx + len(last.text)]
        return Source(text, "name", first.idx, last.idx + len(last.text), cue, cue_start, cue_end)
    role = _role_tokens(head)
    if role:
        first, last = role[0], role[-1]
        text = doc_text(head.doc)[first.idx : last.idx + len(last.text)]
        return Source(text, "role", first.idx, last.idx + len(last.text), cue, cue_start, cue_end)
    if head.text[:1].isupper() and head.pos_ in ("NOUN", "PROPN") and _named_elsewhere(head):
        # the tagger calls a sentence-initial "Trump" a common noun; the speaker stage checks it
        end = head.idx + len(head.text)
        return Source(head.text, "name", head.idx, end, cue, cue_start, cue_end)
    return None


def doc_text(doc: Any) -> str:
    """``doc.text``, joined once per Doc: spaCy joins every token's text again on each access,
    which per attribution made the speaker stage grow with the square of an article's length."""
    text: str | None = doc.user_data.get("claimdiff_text")
    if text is None:
        text = doc.text
        doc.user_data["claimdiff_text"] = text
    return text


def _named_elsewhere(token: Any) -> bool:
    """A capitalised word that is also capitalised inside a sentence elsewhere: a name
    ("Trump"), not a sentence-initial common word ("Part of this ...")."""
    names = token.doc.user_data.get("claimdiff_names")
    if names is None:
        names = {t.text for t in token.doc if t.text[:1].isupper() and not t.is_sent_start}
        token.doc.user_data["claimdiff_names"] = names
    return token.text in names


def _name_tokens(head: Any) -> list[Any]:
    """The proper name the subject is or stands in apposition with ("Jennifer Palmieri")."""
    if head.pos_ != "PROPN":
        appositive = next(
            (c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None
        )
        if appositive is None or appositive.ent_type_ != "PERSON":
            return []
        head = appositive
    entity = entity_of(head)
    if entity is not None and entity.label_ in _NAME_ENTITIES:
        tokens = [t for t in entity if not (t.pos_ == "DET" or t.dep_ == "case")]
        return tokens
    tokens = [head]
    for child in reversed(list(head.lefts)):
        if (
            child.dep_ in ("compound", "flat")
            and child.pos_ == "PROPN"
            and child.i == tokens[0].i - 1
        ):
            tokens.insert(0, child)
    return tokens


def _role_tokens(head: Any) -> list[Any]:
    """A role or institution as written, without clauses: "a senior NATO official"."""
    lemma = head.lemma_.lower()
    nouns = speaker_nouns()
    if lemma not in nouns and head.lower_ not in nouns:
        return []
    cut = {t.i for c in head.children if c.dep_ in _CUT_DEPS for t in c.subtree}
    tokens = [t for t in head.subtree if t.i not in cut]
    tokens = [t for t in tokens if t.i <= head.i or t.dep_ in ("prep", "pobj", "compound")]
    if not tokens or len(tokens) > MAX_ROLE_WORDS:
        return [head]
    start = tokens[0].i
    contiguous = [t for t in tokens if t.i - start == tokens.index(t)]
    while contiguous and contiguous[-1].dep_ == "prep":  # "spokesman for" lost its object
        contiguous.pop()
    return contiguous or [head]
