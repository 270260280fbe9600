"""Function words and word stems: what two claims share once inflection is set aside.

Overlap of content words says more about "same claim" than overlap of "the", and a negation
is about the word it governs ("not injured"), which the other claim may inflect differently
("injuries"). Stemming is Snowball's English algorithm (snowballstemmer, pure Python, the
stemmer search engines use) rather than a hand-written suffix list.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import snowballstemmer

_FUNCTION_WORDS = (
    "the a an of to in on at for by with from and or but is are was were be been being "
    "has have had do does did it its this that these those as he she they we you i his "
    "her their our your him them us said says say will would could should may might can "
    "than then there here which who whom whose what when where also into over about after "
    "before up out not no s"
)
STOPWORDS = frozenset(_FUNCTION_WORDS.split())

# A Snowball stemmer keeps the word it works on in the instance: one per thread, since the
# app scores pairs in worker threads.
_local = threading.local()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of a lower-case word: "playing", "plays", "played" → "play"."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
    result: str = stemmer.stemWord(word)
    return result
