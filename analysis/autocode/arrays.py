"""Codes as arrays: notes x codes matrices and Arrow lists, the shapes the auto-coder's results are built from."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

LIST_TYPE = pa.list_(pa.string())
LIST_DTYPE = pd.ArrowDtype(LIST_TYPE)
#: The code columns of a note the auto-coder fills.
COLUMNS = ("themes", "direction")


def _any_rows(matrix: np.ndarray) -> np.ndarray:
    """Per row of a notes x codes boolean matrix: any code set. Eight codes at a time through a uint64 view: about
    ten times faster than ``matrix.any(axis=1)`` at a million notes (benchmarks/)."""
    n, k = matrix.shape
    if not n or not k:
        return np.zeros(n, dtype=bool)
    width = -(-k // 8) * 8
    padded = np.zeros((n, width), dtype=bool)
    padded[:, :k] = matrix
    words = padded.view(np.uint64)
    found = words[:, 0].copy()
    for j in range(1, words.shape[1]):
        found |= words[:, j]
    return found != 0


def _column_sums(matrix: np.ndarray) -> np.ndarray:
    """Per code (column): how many notes have it. Counting contiguous rows of the transposed matrix is about twice
    as fast as ``matrix.sum(axis=0)``."""
    return np.array([np.count_nonzero(row) for row in np.ascontiguousarray(matrix.T)], dtype=np.int64)


def _empty_lists(n: int) -> pa.Array:
    return pa.ListArray.from_arrays(pa.array(np.zeros(n + 1, dtype=np.int32)), pa.array([], pa.string()))


def _matrix(lists: pa.Array, space: list[str]) -> np.ndarray:
    """notes x codes, True where the note's list holds the code; codes not in ``space`` are appended to it.
    ``lists``: list<string>, or list<dictionary<string>> as the loader keeps codes (no string is hashed then)."""
    flat = pc.list_flatten(lists)
    parent = np.asarray(pc.list_parent_indices(lists), dtype=np.int64)
    if pa.types.is_dictionary(flat.type) and flat.null_count:
        flat = flat.dictionary_decode()
    encoded = flat if pa.types.is_dictionary(flat.type) else pc.dictionary_encode(flat)
    values = encoded.dictionary.to_pylist()
    used = np.bincount(np.asarray(encoded.indices, dtype=np.int64), minlength=len(values)) > 0
    index = {c: i for i, c in enumerate(space)}
    for value, seen in zip(values, used, strict=True):
        if seen and value not in index:
            index[value] = len(space)
            space.append(value)
    mapping = np.array([index.get(v, -1) for v in values], dtype=np.int64)
    out = np.zeros((len(lists), max(len(space), 1)), dtype=bool)
    if len(parent):
        out[parent, mapping[np.asarray(encoded.indices, dtype=np.int64)]] = True
    return out


def _lists(matrix: np.ndarray, space: list[str]) -> pa.Array:
    """list<string> per row of a notes x codes matrix, codes in ``space`` order."""
    rows, cols = np.nonzero(matrix)
    offsets = np.zeros(len(matrix) + 1, dtype=np.int32)
    np.cumsum(np.bincount(rows, minlength=len(matrix)), out=offsets[1:])
    values = pa.array(space, pa.string()).take(pa.array(cols)) if len(cols) else pa.array([], pa.string())
    return pa.ListArray.from_arrays(pa.array(offsets), values)
