"""The pipeline multiplies with numpy's BLAS (claimdiff.language.matmul): the same parses as
with blis on real articles, and each row of a product independent of its batch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy

from claimdiff.language import matmul, nlp
from claimdiff.language.reflow import reflow


def _annotations(doc: Any) -> list[tuple[object, ...]]:
    return [
        (t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start)
        for t in doc
    ]


def test_every_layer_multiplies_with_numpy_and_parses_as_with_blis(seeds_dir: Path) -> None:
    """Tags, parse, sentences and entities of the seed articles are those spaCy's own ops
    (blis) give: the products differ only in rounding, which changed nothing here."""
    import spacy

    fast = nlp.pipeline()
    kinds = {
        type(node.ops).__name__
        for _name, component in fast.pipeline
        if getattr(component, "model", None) is not None
        for node in component.model.walk()
    }
    assert kinds == {"NumpyGemmOps"}
    plain = spacy.load(f"{fast.meta['lang']}_{fast.meta['name']}")
    pieces = [
        piece
        for path in sorted(seeds_dir.glob("*.txt"))
        for piece in nlp._pieces(reflow(path.read_text(encoding="utf-8")))
        if piece.strip()
    ]
    ours = [_annotations(doc) for doc in fast.pipe(pieces)]
    theirs = [_annotations(doc) for doc in plain.pipe(pieces)]
    assert ours == theirs
    assert sum(map(len, ours)) > 2_000


def test_a_row_of_a_product_is_the_same_in_any_batch() -> None:
    """A paragraph must parse the same whatever else is in its batch: one row, a few rows and
    many rows give the same bits, with the weights transposed (as layers read them) or not,
    and agree with blis up to rounding."""
    ops = matmul._ops()
    assert ops is not None
    rng = numpy.random.default_rng(7)
    inputs = rng.standard_normal((500, 96)).astype(numpy.float32)
    weights = rng.standard_normal((288, 96)).astype(numpy.float32)
    whole = ops.gemm(inputs, weights, trans2=True)
    exact = inputs.astype(numpy.float64) @ weights.T.astype(numpy.float64)
    numpy.testing.assert_allclose(whole, exact, rtol=1e-4, atol=1e-4)
    for start, end in ((0, 1), (3, 4), (10, 12), (20, 23), (40, 57), (100, 400)):
        part = ops.gemm(inputs[start:end], weights, trans2=True)
        assert numpy.array_equal(part, whole[start:end])
        plain = ops.gemm(inputs[start:end], numpy.ascontiguousarray(weights.T))
        assert numpy.array_equal(plain, whole[start:end])
    out = numpy.empty((2, 288), dtype=numpy.float32)
    assert ops.gemm(inputs[:2], weights, out=out, trans2=True) is out
    assert numpy.array_equal(out, whole[:2])
