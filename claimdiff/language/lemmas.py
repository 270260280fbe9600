"""The rule lemmatizer's lemmas, answered once per distinct (word, part of speech, morphology).

spaCy's English rule lemmatizer visits every token in Python and remembers its answer only
for words that reach its suffix rules: the many it finds already in their base form (a
singular noun, a present-tense verb) are worked out again at each sighting, and every token
is built as a ``Token`` object to be asked. Its answer depends on nothing but the token's
text, part of speech and morphology (``Lemmatizer.rule_lemmatize`` with
``EnglishLemmatizer.is_base_form``), so :func:`install` reads those three as one array, asks
the lemmatizer once per distinct triple, and writes the lemmas back as one array: the same
lemmas, for about a third of a corpus import's lemmatizing time. A lemmatizer of another
language or mode is left as it is. ``tests/core/language/test_nlp.py`` checks both give
identical tokens on real text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

_CACHE_LIMIT = 200_000  # distinct (word, part of speech, morphology); Reuters-21578: ~70,000


def install(nlp: Any) -> bool:
    """Make ``nlp``'s English rule lemmatizer (if any) answer per distinct token."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import Lemmatizer

    if "lemmatizer" not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe("lemmatizer")
    if (
        type(lemmatizer) is not EnglishLemmatizer
        or lemmatizer.mode != "rule"
        or type(lemmatizer).rule_lemmatize is not Lemmatizer.rule_lemmatize
    ):
        return False
    # ``nlp.pipe`` asks a component for its ``pipe``; ``nlp(text)`` keeps the lemmatizer's own
    # ``__call__``, which gives the same lemmas.
    setattr(lemmatizer, "pipe", _Lemmas(lemmatizer).pipe)  # noqa: B010 (an instance attribute)
    return True


class _Lemmas:
    """Stands in for the lemmatizer's ``pipe`` with the same lemmas."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.known: dict[tuple[int, int, int], int] = {}

    def pipe(self, stream: Iterable[Any], *, batch_size: int = 128) -> Iterator[Any]:
        for doc in stream:
            yield self.annotate(doc)

    def annotate(self, doc: Any) -> Any:
        """Lemmas for the tokens of ``doc`` that have none (all, if the lemmatizer overwrites)."""
        import numpy
        from spacy.attrs import LEMMA, MORPH, ORTH, POS
        from spacy.errors import Errors

        if not len(doc):
            return doc
        lemmatizer = self.lemmatizer
        if not lemmatizer._validated:
            lemmatizer._validate_tables(Errors.E1004)
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not lemmatizer.overwrite:
                continue
            key = (orth, pos, morph)
            found = self.known.get(key)
            if found is None:
                found = doc.vocab.strings.add(lemmatizer.rule_lemmatize(doc[i])[0])
                if len(self.known) < _CACHE_LIMIT:
                    self.known[key] = found
            lemmas[i] = found
        doc.from_array([LEMMA], numpy.asarray(lemmas, dtype=rows.dtype).reshape(-1, 1))
        return doc
