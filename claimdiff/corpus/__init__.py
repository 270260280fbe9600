"""A persistent corpus of dated articles: import, label, correct and chart them at scale.

``Corpus`` is the API for the command line and the desktop app alike; see docs/corpus.md.
"""

from __future__ import annotations

from claimdiff.corpus.corpus import ArticleInfo, Corpus, EffectiveLabel
from claimdiff.corpus.corrections import Correction, CorrectionStack
from claimdiff.corpus.exemplars import add_exemplar
from claimdiff.corpus.importer import ImportSummary, Progress
from claimdiff.corpus.timeline import ClaimHit

__all__ = [
    "ArticleInfo",
    "ClaimHit",
    "Corpus",
    "Correction",
    "CorrectionStack",
    "EffectiveLabel",
    "ImportSummary",
    "Progress",
    "add_exemplar",
]
