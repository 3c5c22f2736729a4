"""Counting list columns (themes, direction) with pyarrow.compute: no Python loop over notes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def _arrow_lists(series: pd.Series) -> pa.Array:
    arr = pa.array(series) if not hasattr(series.array, "_pa_array") else series.array._pa_array
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    if not pa.types.is_list(arr.type):
        arr = arr.cast(pa.list_(pa.string()))
    return arr


def _distinct_codes(arr: pa.Array) -> tuple[np.ndarray, np.ndarray, pa.Array]:
    """Each (note, code) once: (note positions, code numbers, the codes those numbers stand for).

    Integer work instead of a hash group-by on (row, code strings): the codes are dictionary-encoded once (a few
    distinct values), and a code repeated on a note is found by comparing each code with the ones before it in the
    same list (lists are short), so the cost is a few vectorised passes. Measured by benchmarks/: about 6 times
    faster than Arrow's group_by on the strings. Pairs come in note order, then list order.
    """
    flat = pc.list_flatten(arr)
    offsets = np.asarray(arr.offsets, dtype=np.int64)
    rows = np.repeat(np.arange(len(arr), dtype=np.int64), np.diff(offsets))  # the parent of each value
    if pa.types.is_dictionary(flat.type) and flat.null_count:
        flat = flat.dictionary_decode()  # a missing code in a list: encode it as a value, as below
    if pa.types.is_dictionary(flat.type):  # as the loader keeps them: the numbers are there already
        encoded = flat
    else:
        encoded = pc.dictionary_encode(flat, null_encoding="encode")
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    codes = np.asarray(encoded.indices, dtype=np.int64)
    repeat = np.zeros(len(codes), dtype=bool)
    longest = int(pc.max(pc.list_value_length(arr)).as_py() or 0) if len(arr) else 0
    for back in range(1, longest):  # a code equal to one `back` places earlier in the same note
        same = (rows[back:] == rows[:-back]) & (codes[back:] == codes[:-back])
        repeat[back:] |= same
    keep = ~repeat
    return rows[keep], codes[keep], encoded.dictionary


def code_pairs(notes: pd.DataFrame, column: str = "themes") -> tuple[np.ndarray, np.ndarray, list]:
    """Each (note, code) once, as integers: (note positions, code numbers, the codes those numbers stand for).
    What the counts are built from: grouping numbers is several times faster than grouping the code strings."""
    if column not in notes or notes.empty:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), []
    rows, codes, dictionary = _distinct_codes(_arrow_lists(notes[column]))
    used = np.bincount(codes, minlength=len(dictionary)) > 0
    if not used.all():  # a loaded column's dictionary holds every code of the export: keep those of these notes
        number = np.cumsum(used) - 1
        return rows, number[codes], dictionary.filter(pa.array(used)).to_pylist()
    return rows, codes, dictionary.to_pylist()


def note_codes(notes: pd.DataFrame, column: str = "themes") -> pd.DataFrame:
    """One row per (note position, code), each code counted once per note: columns row (0..len-1), code."""
    if column not in notes or notes.empty:
        return pd.DataFrame({"row": pd.Series([], dtype="int64"), "code": pd.Series([], dtype="str")})
    rows, codes, dictionary = _distinct_codes(_arrow_lists(notes[column]))
    # to_pandas keeps the codes in Arrow (pandas' "str" dtype, as a list of Python strings would become) without
    # making a Python object per pair: to_pylist cost 1.3 s at a million notes (benchmarks/).
    return pd.DataFrame({"row": rows, "code": dictionary.take(pa.array(codes)).to_pandas().astype("str")})


def coded_mask(notes: pd.DataFrame, column: str = "themes") -> np.ndarray:
    """True for notes that carry at least one code in ``column``."""
    if column not in notes or notes.empty:
        return np.zeros(len(notes), dtype=bool)
    lengths = pc.list_value_length(_arrow_lists(notes[column]))
    return np.asarray(pc.fill_null(pc.greater(lengths, 0), False), dtype=bool)


def code_frequency(notes: pd.DataFrame, column: str = "themes") -> pd.DataFrame:
    """Notes carrying each code. Columns: code, notes, share (of coded notes), coded_notes, all_notes.

    A note with several codes counts once for each; a code repeated on one note counts once.
    The share's denominator is the notes that carry at least one code in this column.
    """
    if column not in notes or notes.empty:
        return pd.DataFrame(columns=["code", "notes", "share", "coded_notes", "all_notes"])
    arr = _arrow_lists(notes[column])
    _rows, codes, dictionary = _distinct_codes(arr)
    counts = np.bincount(codes, minlength=len(dictionary))
    present = np.flatnonzero(counts)
    coded = int(pc.sum(pc.greater(pc.list_value_length(arr), 0)).as_py() or 0)
    out = pd.DataFrame(
        {"code": dictionary.take(pa.array(present)).to_pylist(), "notes": counts[present].astype("int64")}
    )
    out["share"] = out["notes"] / coded if coded else 0.0
    out["coded_notes"] = coded
    out["all_notes"] = len(notes)
    return out.sort_values(["notes", "code"], ascending=[False, True], ignore_index=True)
