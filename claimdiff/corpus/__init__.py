"""A persistent corpus of dated articles: import, label, correct and chart them at scale.

``Corpus`` is the API for the command line and the desktop app alike; see docs/corpus.md.
Names are imported when first used, so ``claimdiff --version`` and the window's start-up
do not load the analysis stack that importing and labelling need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimdiff.corpus.corpus import ArticleInfo, Corpus, EffectiveLabel
    from claimdiff.corpus.corrections import Correction, CorrectionStack
    from claimdiff.corpus.importer import ImportSummary, Progress
    from claimdiff.corpus.timeline import ClaimHit
    from claimdiff.labels.exemplars import add_exemplar

# Full module names, so a move of a module is one edit here (and a search finds it).
_WHERE = {
    "ArticleInfo": "claimdiff.corpus.corpus",
    "ClaimHit": "claimdiff.corpus.timeline",
    "Corpus": "claimdiff.corpus.corpus",
    "Correction": "claimdiff.corpus.corrections",
    "CorrectionStack": "claimdiff.corpus.corrections",
    "EffectiveLabel": "claimdiff.corpus.corpus",
    "ImportSummary": "claimdiff.corpus.importer",
    "Progress": "claimdiff.corpus.importer",
    "add_exemplar": "claimdiff.labels.exemplars",
}
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


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
