"""The pipeline's matrix products through numpy's BLAS instead of the blis wheel's.

spaCy's networks multiply with ``ops.gemm``, which thinc's ``NumpyOps`` hands to the blis
library. The blis wheel does not know every processor and then falls back to its generic
kernel (``BLIS_ARCH_DEBUG=1`` prints which it chose; on an AMD EPYC with AVX-512 it chose
"generic"), while numpy's OpenBLAS picks a kernel for the processor at run time. On the
shapes of the small English pipeline (thousands of tokens × 96-288 columns) numpy
multiplies about three times faster, and the products were a quarter of a corpus import's
CPU. :func:`install` gives every layer of the pipeline an ``Ops`` whose ``gemm`` is numpy's.

The products are the same up to rounding in the last bits (another order of summation), so
a parse can differ where the networks' scores were within rounding of a tie;
``docs/claims.md`` counts what changed on 400 Reuters articles. What must not change is
that a paragraph parses the same whatever else is in its batch (the same article as a file
and as a table row gives the same claims): a row's product must not depend on the other
rows. OpenBLAS rounds a few rows times a transposed matrix, and numpy a lone row, otherwise
than many rows, so both operands are made row-ordered and a lone row is multiplied as two
(:func:`_product`); and a BLAS that still answers a row differently in a taller matrix (checked
once on random data by :func:`_rows_independent`) is not used, blis stays.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


def install(nlp: Any) -> bool:
    """Give every layer of ``nlp``'s trained components numpy's ``gemm``; True if done."""
    ops = _ops()
    if ops is None:
        return False
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops).__name__ == "NumpyOps":
                node.ops = ops
    return True


@lru_cache(maxsize=1)
def _ops() -> Any:
    """One ``NumpyOps`` whose ``gemm`` is numpy's, or None where that would not be exact per row."""
    import numpy
    from thinc.api import NumpyOps

    if not _rows_independent():
        return None

    class NumpyGemmOps(NumpyOps):  # type: ignore[misc]
        """``NumpyOps`` with ``gemm`` by ``numpy.matmul`` (float32 in, float32 out)."""

        def gemm(
            self,
            x: Any,
            y: Any,
            out: Any = None,
            trans1: bool = False,
            trans2: bool = False,
        ) -> Any:
            if x.dtype != numpy.float32 or y.dtype != numpy.float32:
                return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
            product = _product(x.T if trans1 else x, y.T if trans2 else y)
            if out is None:
                return product
            out[...] = product
            return out

    return NumpyGemmOps()


def _product(left: Any, right: Any) -> Any:
    """``left @ right``, each row rounded the same whatever rows surround it: both operands in
    row order (OpenBLAS multiplies a few rows by a transposed matrix with other rounding than
    many), and one row multiplied as two (numpy's vector routine rounds otherwise again)."""
    import numpy

    left = numpy.ascontiguousarray(left)
    right = numpy.ascontiguousarray(right)
    if left.shape[0] == 1:
        return numpy.matmul(numpy.concatenate((left, left)), right)[:1]
    return numpy.matmul(left, right)


def _rows_independent() -> bool:
    """True when each row of a product comes out the same whatever rows surround it."""
    import numpy

    rng = numpy.random.default_rng(0)
    left = rng.standard_normal((300, 96)).astype(numpy.float32)
    right = rng.standard_normal((96, 288)).astype(numpy.float32)
    transposed = numpy.ascontiguousarray(right.T).T  # as a layer's weights are read
    for weights in (right, transposed):
        whole = _product(left, weights)
        for start, end in ((0, 1), (5, 7), (10, 23), (100, 164), (0, 299)):
            if not numpy.array_equal(_product(left[start:end], weights), whole[start:end]):
                return False
    return True
