"""Judging two news claims together: same claim, a conflict, or merely related.

The shipped minilm-l6-pairs cross-encoder answers one question, "same meaning?", learnt from
MSRP paraphrases: it calls a quote "unrelated" when the other article quotes more of it, and
it has never seen a contradiction. The news pair model answers three ways at once (CLASSES):

- ``same``: the same claim, including a claim the other one contains (a clause of it, or the
  same quote cut shorter) and the same claim with or without its attribution;
- ``contradicts``: the two cannot both be true (a denial, another number, date, weekday or
  place, a negated predicate, a forecast against its failed outcome);
- ``related``: anything else, from the same topic to nothing in common, including the same
  words said by another person (a demand voiced by someone else is a different claim).

It is all-MiniLM-L6-v2 fine-tuned in tools/build_news_pair_model.py on labelled pair sets
plus news pairs generated from real news sentences (tools/build_news_pairs.py), shipped as an
int8 ONNX graph and run with onnxruntime and tokenizers: no torch, no network.

A claim goes to the model as :meth:`NewsPairModel.format` writes it: ``"Speaker: claim"``
when the speaker is known, else the claim alone. The model learnt that form (and "X said
Y") from the generated pairs, so "Obama: we will leave" and "McCain: we will leave" read as
different claims while "Obama: we will leave" and "we will leave" read as the same one.

When onnxruntime or the model folder is missing, ``available()`` is False and ``notice()``
says why, so the caller can fall back to its rules and tell the user.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimdiff.base.resources import model_dir
from claimdiff.match.crossencoder import LazyPairModel, LoadedPairModel, load_pair_model

NEWS_PAIR_MODEL_NAME = "news-pairs-minilm"
NEWS_PAIR_MODEL_DIR_VARIABLE = "CLAIMDIFF_NEWS_PAIR_MODEL_DIR"
# Column order of probabilities(), as the model's head was trained (classes.json ships it).
CLASSES = ("same", "contradicts", "related")
SAME, CONTRADICTS, RELATED = range(3)
# onnxruntime threads per run. One pair of short claims is too small a job to split: on one
# thread a reading cost 4.0 ms of CPU time, on the default two threads 9.0 ms (idle threads
# spin), which on a shared two-core machine is time taken from the analysis and the GUI.
THREADS = 1
# Word pieces of both claims together, as in training (longer pairs lose their tails).
MAX_LENGTH = 96
# One pair per run, as for the cross-encoder: the int8 graph scales activations per run, so a
# pair padded beside a longer one could score differently; batching gained nothing measured.
BATCH = 1


CALIBRATION_FILE = "calibration.json"


@dataclass(frozen=True, slots=True)
class Calibration:
    """How sure a conflict the judge makes with the model is.

    ``conflict_rate`` is the share of the model's conflict links that were right on the
    comparison dev set's tune half (eval/calibrate_judge.py writes calibration.json beside
    the model), smoothed by one right and one wrong link so that few links state little. The
    model's own P(contradicts) is no such figure: on that real coverage it was below 0.2 for
    most annotated conflicts and above 0.9 for some identical sentences. Without the file the
    model's probability is stated.
    """

    conflict_rate: float | None = None

    def conflict(self, p: float) -> float:
        return p if self.conflict_rate is None else self.conflict_rate


def read_calibration(folder: Path) -> Calibration:
    """The calibration shipped beside a model, or the identity when there is none."""
    path = folder / CALIBRATION_FILE
    if not path.is_file():
        return Calibration()
    return Calibration(float(json.loads(path.read_text(encoding="utf-8"))["conflict_rate"]))


def default_news_pair_model_dir() -> Path:
    """The shipped model, unless CLAIMDIFF_NEWS_PAIR_MODEL_DIR names another folder."""
    return model_dir(NEWS_PAIR_MODEL_NAME, NEWS_PAIR_MODEL_DIR_VARIABLE)


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    result: np.ndarray = shifted / shifted.sum(axis=1, keepdims=True)
    return result


class NewsPairModel(LazyPairModel):
    """P(same), P(contradicts), P(related) of claim pairs; the model loads on first use."""

    name = "news pair model"

    def __init__(self, folder: Path | None = None) -> None:
        super().__init__(folder or default_news_pair_model_dir())
        self._calibration: Calibration | None = None

    def _load(self) -> LoadedPairModel:
        model = load_pair_model(self.folder, threads=THREADS)
        model.tokenizer.enable_truncation(MAX_LENGTH)
        outputs = model.session.get_outputs()[0].shape
        if outputs[-1] != len(CLASSES):
            raise ValueError(f"model.onnx gives {outputs[-1]} classes, not {len(CLASSES)}")
        return model

    def calibration(self) -> Calibration:
        """The stated-confidence map fitted for this model (identity without one), read once."""
        if self._calibration is None:
            self._calibration = read_calibration(self.folder)
        return self._calibration

    def notice(self) -> str | None:
        """Why the model is not used, for the user; None when it is."""
        if self.available():
            return None
        return f"news pair model not available, judging pairs by rules only ({self._failure})"

    def model_id(self) -> str | None:
        """Folder name and the graph's checksum, for reports; None when not loaded."""
        return self._model.model_id if self.available() and self._model else None

    @staticmethod
    def format(text: str, speaker: str | None = None) -> str:
        """How a claim with its speaker is put to the model: "Speaker: claim", or the claim.

        The speaker is the attributed source as printed ("Sen. Dick Durbin", "the ministry");
        an empty or blank speaker counts as none.
        """
        who = (speaker or "").strip()
        claim = " ".join(text.split())
        return f"{who}: {claim}" if who else claim

    def probabilities(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        """Rows of P over CLASSES for each pair (left[k], right[k]), shape (n, 3).

        The mean of both reading orders, so (a, b) and (b, a) get one answer.
        """
        if not self.available() or self._model is None:
            raise RuntimeError(f"news pair model unavailable: {self._failure}")
        if len(left) != len(right):
            raise ValueError(f"{len(left)} left claims but {len(right)} right claims")
        if not left:
            return np.zeros((0, len(CLASSES)), dtype=np.float64)
        forward = self._one_order(self._model, left, right)
        backward = self._one_order(self._model, right, left)
        result: np.ndarray = (forward + backward) / 2.0
        return result

    def read_once(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        """Like :meth:`probabilities`, reading each pair once, in a fixed order (the text that
        sorts first, first), so (a, b) and (b, a) still get one answer at half the cost: on
        two articles of 200 claims a reading of long news sentences cost 10-37 ms.
        """
        if not self.available() or self._model is None:
            raise RuntimeError(f"news pair model unavailable: {self._failure}")
        if not left:
            return np.zeros((0, len(CLASSES)), dtype=np.float64)
        pairs = [(a, b) if a <= b else (b, a) for a, b in zip(left, right, strict=True)]
        return self._one_order(self._model, [a for a, _ in pairs], [b for _, b in pairs])

    @staticmethod
    def _one_order(model: LoadedPairModel, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(left), len(CLASSES)), dtype=np.float64)
        for start in range(0, len(left), BATCH):
            chunk = slice(start, start + BATCH)
            out[chunk] = _softmax(model.logits(left[chunk], right[chunk]).astype(np.float64))
        return out
