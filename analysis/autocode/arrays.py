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


# ------------------------------------------------------------------------------------------------ codes as bits
# A note's codes of one column as bits: bit j of word j // 64 is set when the note carries code j (of a code space, a
# list of codes in codebook order). A million notes with up to 64 codes are one 8 MB uint64 array; counting, "any"
# and "both" are then a few passes over it instead of passes over a notes x codes boolean matrix.


def _words(k: int) -> int:
    """uint64 words a row needs for ``k`` codes (at least one)."""
    return max(1, -(-k // 64))


def _widened(bits: np.ndarray, k: int) -> np.ndarray:
    """``bits`` with enough words for ``k`` codes (zeros added on the right)."""
    need = _words(k)
    if bits.shape[1] >= need:
        return bits
    return np.pad(bits, ((0, 0), (0, need - bits.shape[1])))


def _any_bits(bits: np.ndarray) -> np.ndarray:
    """Per row: any code set."""
    if bits.shape[1] == 1:
        return bits[:, 0] != 0
    return (bits != 0).any(axis=1)


def _popcount(bits: np.ndarray) -> np.ndarray:
    """Per row: how many codes are set."""
    return np.bitwise_count(bits).sum(axis=1, dtype=np.int64) if bits.shape[1] > 1 else np.bitwise_count(bits[:, 0])


#: Row b: the eight bits of byte value b, lowest first.
_BYTE_BITS = ((np.arange(256)[:, None] >> np.arange(8)[None, :]) & 1).astype(np.int64)


def _bit_counts(bits: np.ndarray, k: int) -> np.ndarray:
    """Per code 0..k-1: how many rows have its bit set. One bincount per byte of codes (8 codes), never a pass per
    code: about 4 ms a byte at a million notes."""
    out = np.zeros(k, dtype=np.int64)
    if not k or not len(bits):
        return out
    as_bytes = np.ascontiguousarray(bits).view(np.uint8).reshape(len(bits), -1)  # little-endian: byte 0 = codes 0-7
    for byte in range(-(-k // 8)):
        column = as_bytes[:, byte]
        if not column.any():
            continue
        counted = np.bincount(column, minlength=256) @ _BYTE_BITS
        width = min(8, k - byte * 8)
        out[byte * 8 : byte * 8 + width] = counted[:width]
    return out


def _bits_from_lists(lists: pa.Array, space: list[str]) -> np.ndarray:
    """Bits per note for the codes in its list, in ``space``'s numbering; codes not in ``space`` are appended to it
    (as ``_matrix`` does). ``lists``: list<string> or list<dictionary<string>>; a missing code is no code.
    One lookup of each value's bit and one OR-reduction per note (numpy reduceat over the lists' own offsets)."""
    n = len(lists)
    flat = pc.list_flatten(lists)
    if pa.types.is_dictionary(flat.type) and flat.null_count:
        flat = flat.dictionary_decode()
    encoded = flat if pa.types.is_dictionary(flat.type) else pc.dictionary_encode(flat)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    values = encoded.dictionary.to_pylist()
    null = len(values)  # a missing code looks up the last entry: no bit
    indices = encoded.indices
    indices = np.asarray(pc.fill_null(indices, null) if indices.null_count else indices)
    index = {c: i for i, c in enumerate(space)}
    if any(v not in index for v in values):  # codes outside the space: those the notes use are appended
        used = np.bincount(indices, minlength=null + 1)[:null] > 0
        for value, seen in zip(values, used, strict=True):
            if seen and value not in index:
                index[value] = len(space)
                space.append(value)
    position = np.array([index.get(v, -1) for v in values] + [-1], dtype=np.int64)
    words = _words(len(space))
    offsets = np.asarray(lists.offsets)
    lengths = np.diff(offsets)
    filled = lengths > 0
    every = bool(filled.all())
    if not every and not filled.any():
        return np.zeros((n, words), dtype=np.uint64)
    starts = offsets[:-1] - offsets[0]
    starts = starts if every else starts[filled]
    bits = np.zeros((n, words), dtype=np.uint64)
    for word in range(words):
        mine = (position >= 0) & ((position >> 6) == word)
        width = int((position[mine] & 63).max(initial=0)) + 1  # the narrowest integer holding this word's codes
        kind = np.uint8 if width <= 8 else np.uint16 if width <= 16 else np.uint32 if width <= 32 else np.uint64
        one = np.ones(len(position), dtype=np.uint64) << (position & 63).astype(np.uint64)
        table = np.where(mine, one, np.uint64(0)).astype(kind)
        reduced = np.bitwise_or.reduceat(table[indices], starts)  # one OR per note's list
        if every:
            bits[:, word] = reduced
        else:
            column = np.zeros(n, dtype=kind)
            column[filled] = reduced
            bits[:, word] = column
    return bits


def _coded(lists: pa.Array) -> np.ndarray:
    """True for rows with at least one code (codes.coded_mask, from the offsets alone)."""
    mask = np.diff(np.asarray(lists.offsets)) > 0
    if lists.null_count:
        mask &= np.asarray(lists.is_valid(), dtype=bool)
    return mask


def _bit_rows(bits: np.ndarray, j: int) -> np.ndarray:
    """Per row: is code ``j`` set."""
    return ((bits[:, j >> 6] >> np.uint64(j & 63)) & np.uint64(1)).astype(bool)


def _remapped(bits: np.ndarray, target: np.ndarray, k: int) -> np.ndarray:
    """Bits in another code space: code i of ``bits`` becomes code ``target[i]`` (-1: dropped); ``k`` codes out.
    The identity (codes kept in their places) costs no copy."""
    if len(target) <= k and np.array_equal(target, np.arange(len(target))) and bits.shape[1] == _words(k):
        return bits
    out = np.zeros((len(bits), _words(k)), dtype=np.uint64)
    for i, t in enumerate(target):
        if t < 0:
            continue
        out[:, t >> 6] |= ((bits[:, i >> 6] >> np.uint64(i & 63)) & np.uint64(1)) << np.uint64(t & 63)
    return out
