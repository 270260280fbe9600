"""Sentence similarity by meaning: a small static embedding model shipped with claimdiff.

The model is a model2vec distillation of all-MiniLM-L6-v2 (tools/build_model.py makes it):
one vector per word piece, averaged, so embedding is a table look-up and needs neither torch
nor a network. It loads on first use, from the shipped folder only; when the folder is
missing or unreadable, similarity falls back to the lexical backend and says so in
``notice``, because silently matching strings where the user expects meanings would make
every "no match" misleading.

Cosines and lexical ratios live on different scales (unrelated news sentences: cosine about
0.1-0.3, lexical ratio 0.4-0.55), so the hybrid backend maps cosine onto the lexical scale
before taking the larger of the two; the thresholds in MatchSettings keep their meaning.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from claimdiff.base.errors import InputError
from claimdiff.base.resources import check_model, file_sha256, model_dir
from claimdiff.similarity.similarity import LexicalSimilarity, SimilarityBackend, backend_notice

MODEL_NAME = "minilm-l6-m2v"
CACHE_SIZE = 20_000
MAX_TOKENS = 512
# Cosine -> lexical scale: (cosine, score) knots, piecewise linear. On MSRP train the cosine
# that best separates paraphrases is 0.75 (72.6 % accuracy alone), so it maps to the shared
# threshold 0.6; same-topic sentences of different claims sit around cosine 0.35.
COSINE_KNOTS = ((0.0, 0.0), (0.35, 0.3), (0.75, 0.6), (1.0, 1.0))
# Labelling: how far above its median similarity to all exemplars a claim must stand. The
# lexical floor (0.2) let a same-topic sentence that names no target ("Russia expressed
# concern over the NATO decision ...") through as an exemplar paraphrase; 0.22-0.3 keep every
# label the seed tests require, so the middle of that range is used.
HYBRID_EXCESS_FLOOR = 0.25


# Semantic score from which two claims count as the same event, so that a negation or number
# difference between them is a contradiction (best SICK train contradiction F1, eval/run.py).
EVENT_FLOOR = 0.75


MODEL_DIR_VARIABLE = "CLAIMDIFF_MODEL_DIR"


def default_model_dir() -> Path:
    """The shipped model, unless CLAIMDIFF_MODEL_DIR names another folder (or none: "")."""
    return model_dir(MODEL_NAME, MODEL_DIR_VARIABLE)


@dataclass(frozen=True, slots=True)
class StaticModel:
    """Token embedding table plus its tokenizer: all a static model needs to embed text."""

    model_id: str
    tokenizer: Any  # tokenizers.Tokenizer (untyped library)
    table: np.ndarray
    normalize: bool

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Mean of the word-piece vectors of each text, unit length when the model says so."""
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        out = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        for row, enc in enumerate(encodings):
            ids = enc.ids[:MAX_TOKENS]
            if ids:
                out[row] = self.table[ids].astype(np.float32).mean(axis=0)
        if self.normalize:
            norms = np.linalg.norm(out, axis=1, keepdims=True)
            out = (out / np.where(norms == 0, 1.0, norms)).astype(np.float32)
        return out


def load_static_model(folder: Path) -> StaticModel:
    """Read a model2vec folder (model.safetensors, tokenizer.json, config.json) offline.

    Raises OSError or ValueError when the folder is not a usable model, or is a shipped model
    that differs from the one recorded in resources/models/MANIFEST.json.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    check_model(folder)
    from safetensors import SafetensorError
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    try:
        tensors = load_file(str(folder / "model.safetensors"))
    except SafetensorError as exc:
        raise ValueError(f"model.safetensors unreadable: {exc}") from exc
    table = tensors.get("embeddings")
    if table is None or table.ndim != 2:
        raise ValueError(f"{folder}: model.safetensors has no 2-D 'embeddings' tensor")
    if "weights" in tensors:
        table = table * tensors["weights"][:, None]
    if "mapping" in tensors:
        table = table[tensors["mapping"]]
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    # Checked as JSON first: the tokenizers library reports a broken file as a bare Exception.
    tokenizer_text = (folder / "tokenizer.json").read_text(encoding="utf-8")
    json.loads(tokenizer_text)
    tokenizer = Tokenizer.from_str(tokenizer_text)
    tokenizer.no_padding()
    tokenizer.no_truncation()
    digest = file_sha256(folder / "model.safetensors")[:12]
    return StaticModel(
        f"{folder.name}@{digest}", tokenizer, table, bool(config.get("normalize", True))
    )


def cosine_to_score(cosine: np.ndarray) -> np.ndarray:
    """Map cosine similarity onto the lexical backend's scale (see COSINE_KNOTS)."""
    xs, ys = zip(*COSINE_KNOTS, strict=True)
    mapped: np.ndarray = np.interp(np.clip(cosine, 0.0, 1.0), xs, ys).astype(np.float32)
    return mapped


class SemanticSimilarity:
    """Cosine similarity of sentence embeddings, with the model loaded on first use.

    Embeddings are remembered per sentence (keyed by model id and a hash of the text) in
    an LRU held by this object, so re-labelling or re-comparing an article costs nothing.
    """

    name = "semantic"

    def __init__(self, model_dir: Path | None = None, cache_size: int = CACHE_SIZE) -> None:
        self.model_dir = model_dir or default_model_dir()
        self.cache_size = cache_size
        self._model: StaticModel | None = None
        self._failure: str | None = None
        self._cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        # One backend serves the whole process; the GUI's pair and corpus workers call it at
        # the same time, and an eviction in one must not pull a vector from under the other.
        self._lock = threading.RLock()

    def available(self) -> bool:
        """Load the model if not done yet; False (with ``failure`` set) when it cannot."""
        with self._lock:
            if self._model is None and self._failure is None:
                try:
                    self._model = load_static_model(self.model_dir)
                except (OSError, ValueError) as exc:
                    self._failure = f"{self.model_dir}: {exc}"
            return self._model is not None

    @property
    def failure(self) -> str | None:
        return self._failure

    @property
    def cached(self) -> int:
        """How many sentence embeddings are remembered."""
        return len(self._cache)

    @property
    def model_id(self) -> str | None:
        return self._model.model_id if self._model else None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors for ``texts``; only sentences not seen before reach the model."""
        if not self.available() or self._model is None:
            raise RuntimeError(f"semantic model unavailable: {self._failure}")
        model = self._model
        keys = [(model.model_id, hashlib.sha1(t.encode("utf-8")).hexdigest()) for t in texts]
        with self._lock:
            rows = self._cached_rows(model, keys, texts)
        width = model.table.shape[1]
        return np.vstack(rows) if rows else np.zeros((0, width), dtype=np.float32)

    def _cached_rows(
        self, model: StaticModel, keys: list[tuple[str, str]], texts: Sequence[str]
    ) -> list[np.ndarray]:
        missing = list(dict.fromkeys(k for k in keys if k not in self._cache))
        if missing:
            text_of = dict(zip(keys, texts, strict=True))
            for k, vector in zip(missing, model.embed([text_of[k] for k in missing]), strict=True):
                self._cache[k] = vector
        rows = []
        for k in keys:
            self._cache.move_to_end(k)
            rows.append(self._cache[k])
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return rows

    def cosine(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        if not left or not right:
            return np.zeros((len(left), len(right)), dtype=np.float32)
        cos: np.ndarray = np.clip(self.embed(left) @ self.embed(right).T, -1.0, 1.0)
        return cos.astype(np.float32)

    def matrix(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        return cosine_to_score(self.cosine(left, right))


class HybridSimilarity:
    """Meaning and wording together: per pair, the larger of the two signals.

    A paraphrase with few shared words is found by the embeddings; a sentence copied with a
    changed number is found by the wording. ``components`` tells which did it, so a link can
    say whether it rests on "semantic", "lexical" or both. Without the model, this is the
    lexical backend, and ``notice`` says so once.
    """

    def __init__(self, model_dir: Path | None = None) -> None:
        self.lexical = LexicalSimilarity()
        self.semantic = SemanticSimilarity(model_dir)
        # compare() asks for the matrix, the per-signal parts and the event scores of the
        # same two claim lists in a row; the last answer is kept so wording is scored once.
        self._last: tuple[tuple[tuple[str, ...], tuple[str, ...]], dict[str, np.ndarray]] | None
        self._last = None
        self._last_lock = threading.Lock()

    @property
    def name(self) -> str:
        return "hybrid" if self.semantic.available() else "lexical"

    @property
    def notice(self) -> str | None:
        """Why meaning-based matching is off, for the CLI (stderr) and the GUI to show."""
        if self.semantic.available():
            return None
        return (
            "semantic model not available, matching claims by wording only "
            f"({self.semantic.failure})"
        )

    @property
    def excess_floor(self) -> float | None:
        """Labelling's exemplar floor on this backend's scale; None keeps the lexical one."""
        return HYBRID_EXCESS_FLOOR if self.semantic.available() else None

    def components(self, left: Sequence[str], right: Sequence[str]) -> dict[str, np.ndarray]:
        key = (tuple(left), tuple(right))
        with self._last_lock:
            if self._last is not None and self._last[0] == key:
                return dict(self._last[1])
        found = {"lexical": self.lexical.matrix(left, right)}
        if self.semantic.available():
            found["semantic"] = self.semantic.matrix(left, right)
        with self._last_lock:
            self._last = (key, found)
        return dict(found)

    def event_matrix(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        """How surely each pair reports the same event: for detail conflicts and "same content".

        Static embeddings put any two sentences on one topic close together (0.6-0.7 on the
        seeds): enough to be candidates and to back a shared codebook position, not enough to
        call them the same claim, nor a "not" in one of them a contradiction. So meaning counts
        here only from EVENT_FLOOR up (the SICK train contradiction gate); below, wording decides.
        """
        parts = self.components(left, right)
        event = parts["lexical"]
        if "semantic" in parts:
            strong = np.where(parts["semantic"] >= EVENT_FLOOR, parts["semantic"], 0.0)
            event = np.maximum(event, strong)
        return event.astype(np.float32)

    def matrix(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        parts = self.components(left, right)
        combined: np.ndarray = np.maximum.reduce(list(parts.values()))
        return combined.astype(np.float32)


def default_backend() -> SimilarityBackend:
    """The hybrid (meaning + wording) backend, shared by every caller in this process.

    Sharing means the model loads once and its embedding cache serves every comparison;
    without the shipped model the hybrid backend matches by wording alone and its
    ``notice`` says so.
    """
    return _shared_hybrid()


@cache
def _shared_hybrid() -> SimilarityBackend:
    return HybridSimilarity()


BACKENDS = ("auto", "semantic", "lexical")


def make_backend(choice: str = "auto", model_dir: Path | None = None) -> SimilarityBackend:
    """The backend a user asked for: "semantic" insists on the model, "auto" falls back."""
    if choice == "lexical":
        return LexicalSimilarity()
    backend = HybridSimilarity(model_dir) if model_dir else default_backend()
    notice = backend_notice(backend)
    if choice == "semantic" and notice:
        raise InputError("--backend semantic", notice)
    return backend
