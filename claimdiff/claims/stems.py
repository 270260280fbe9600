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

from claimdiff.base import lexicon

STOPWORDS = lexicon.words("function-words") | lexicon.words("determiners")

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
