"""Reading two claims together: a small cross-encoder that says whether they are the same claim.

The static embeddings of claimdiff.similarity.semantic see each claim alone, and the pair classifier
sees the pair only through overlaps and cosines of those. A cross-encoder puts both claims
in one input, so each word of one attends to each word of the other: "the Pentagon" can
stand for "Defense officials", and "closed down 12 percent" can fail to match "fell 16
percent". It is all-MiniLM-L6-v2 fine-tuned on paraphrase pairs (tools/build_pair_encoder.py),
shipped as an int8 ONNX graph and run with onnxruntime, so neither torch nor a network is
needed. It costs a transformer pass per pair, so claimdiff.match.pairs uses it for pairs it is
given, not for the all-against-all candidates of comparing two articles.

When onnxruntime or the model folder is missing, ``available()`` is False and ``failure``
says why; pair judging then rests on the feature classifier alone and says so.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from claimdiff.base.resources import check_model, file_sha256, model_dir

CROSS_ENCODER_NAME = "minilm-l6-pairs"
CROSS_ENCODER_DIR_VARIABLE = "CLAIMDIFF_CROSS_ENCODER_DIR"
MAX_LENGTH = 128  # word pieces of both claims together, as in training
# One pair per run: the int8 graph scales its activations per run, so a pair read beside
# others could score differently (by up to 0.05) than read alone. Batching gained nothing
# measurable on two cores.
BATCH = 1
# Pair readings between two progress reports (two per pair: both orders).
PROGRESS_EVERY = 50

Progress = Callable[[int, int], None]  # (readings done, readings in all)


def default_cross_encoder_dir() -> Path:
    """The shipped model, unless CLAIMDIFF_CROSS_ENCODER_DIR names another folder."""
    return model_dir(CROSS_ENCODER_NAME, CROSS_ENCODER_DIR_VARIABLE)


@dataclass(frozen=True, slots=True)
class LoadedPairModel:
    model_id: str
    session: Any  # onnxruntime.InferenceSession (untyped library)
    tokenizer: Any  # tokenizers.Tokenizer
    inputs: tuple[str, ...]

    def logits(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(list(zip(left, right, strict=True)))
        columns = {
            "input_ids": [e.ids for e in encodings],
            "attention_mask": [e.attention_mask for e in encodings],
            "token_type_ids": [e.type_ids for e in encodings],
        }
        feed = {name: np.asarray(columns[name], dtype=np.int64) for name in self.inputs}
        result: np.ndarray = self.session.run(None, feed)[0]
        return result


def load_pair_model(folder: Path, threads: int | None = None) -> LoadedPairModel:
    """Read model.onnx and tokenizer.json; raises ImportError, OSError or ValueError.

    A shipped model must be the one recorded in resources/models/MANIFEST.json.

    ``threads`` caps onnxruntime's threads for one run (and stops idle threads spinning);
    None keeps onnxruntime's default of one per core.
    """
    import onnxruntime
    from onnxruntime.capi.onnxruntime_pybind11_state import (
        Fail,
        InvalidArgument,
        InvalidGraph,
        InvalidProtobuf,
        NoSuchFile,
    )
    from tokenizers import Tokenizer

    path = folder / "model.onnx"
    if not path.is_file():
        raise OSError(f"{path}: no such file")
    check_model(folder)
    # Checked as JSON first: the tokenizers library reports a broken file as a bare Exception.
    text = (folder / "tokenizer.json").read_text(encoding="utf-8")
    json.loads(text)
    tokenizer = Tokenizer.from_str(text)
    tokenizer.enable_truncation(MAX_LENGTH)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    try:
        options = onnxruntime.SessionOptions()
        if threads is not None:
            options.intra_op_num_threads = threads
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )
    except (Fail, InvalidArgument, InvalidGraph, InvalidProtobuf, NoSuchFile) as exc:
        raise ValueError(f"model.onnx unreadable: {exc}") from exc
    inputs = tuple(i.name for i in session.get_inputs())
    unknown = set(inputs) - {"input_ids", "attention_mask", "token_type_ids"}
    if unknown:
        raise ValueError(f"model.onnx asks for inputs claimdiff does not make: {sorted(unknown)}")
    digest = file_sha256(path)[:12]
    return LoadedPairModel(f"{folder.name}@{digest}", session, tokenizer, inputs)


def _softmax_second(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    result: np.ndarray = shifted[:, 1] / shifted.sum(axis=1)
    return result


class LazyPairModel:
    """A pair model read from ``folder`` on first use, once, by whichever thread asks first.

    A model that cannot be loaded (no onnxruntime, a missing or broken graph) is not an error
    of the user's input: ``available()`` is False and the reason is kept, in words, for the
    notice each caller shows. Subclasses say how to load (``_load``).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._model: LoadedPairModel | None = None
        self._failure: str | None = None
        self._lock = threading.Lock()

    def _load(self) -> LoadedPairModel:
        return load_pair_model(self.folder)

    def available(self) -> bool:
        """Load the model if not done yet; False (with the reason kept) when it cannot."""
        with self._lock:
            if self._model is None and self._failure is None:
                try:
                    self._model = self._load()
                except ImportError as exc:
                    self._failure = f"onnxruntime is not installed ({exc})"
                except (OSError, ValueError, UnicodeDecodeError) as exc:
                    self._failure = f"{self.folder}: {exc}"
            return self._model is not None


class CrossEncoder(LazyPairModel):
    """P(same claim) of each pair (left[k], right[k]); the model loads on first use."""

    name = "cross-encoder"

    def __init__(self, model_dir: Path | None = None) -> None:
        super().__init__(model_dir or default_cross_encoder_dir())

    @property
    def failure(self) -> str | None:
        return self._failure

    @property
    def model_id(self) -> str | None:
        return self._model.model_id if self._model else None

    def probability(
        self, left: Sequence[str], right: Sequence[str], progress: Progress | None = None
    ) -> np.ndarray:
        """Mean of both reading orders: the model was trained on both, and "same claim" is
        symmetric, so (a, b) and (b, a) get one answer. At ~130 readings/s a file of
        thousands of pairs takes minutes, so ``progress`` hears how far it got."""
        if not self.available() or self._model is None:
            raise RuntimeError(f"cross-encoder unavailable: {self._failure}")
        if len(left) != len(right):
            raise ValueError(f"{len(left)} left claims but {len(right)} right claims")
        total = 2 * len(left)

        def report(done: int) -> None:
            if progress is not None:
                progress(done, total)

        forward = self._one_order(self._model, left, right, report)
        backward = self._one_order(self._model, right, left, lambda k: report(len(left) + k))
        result: np.ndarray = (forward + backward) / 2.0
        return result

    @staticmethod
    def _one_order(
        model: LoadedPairModel,
        left: Sequence[str],
        right: Sequence[str],
        report: Callable[[int], None],
    ) -> np.ndarray:
        out = np.zeros(len(left), dtype=np.float64)
        for start in range(0, len(left), BATCH):
            chunk = slice(start, start + BATCH)
            logits = model.logits(left[chunk], right[chunk])
            out[chunk] = _softmax_second(logits.astype(np.float64))
            done = min(start + BATCH, len(left))
            if done % PROGRESS_EVERY == 0 or done == len(left):
                report(done)
        return out

    @property
    def notice(self) -> str | None:
        if self.available():
            return None
        return (
            "cross-encoder not available, deciding 'same claim?' from features only "
            f"({self._failure})"
        )
