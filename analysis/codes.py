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


def note_codes(notes: pd.DataFrame, column: str = "themes") -> pd.DataFrame:
    """One row per (note position, code), each code counted once per note: columns row (0..len-1), code."""
    if column not in notes or notes.empty:
        return pd.DataFrame({"row": pd.Series([], dtype="int64"), "code": pd.Series([], dtype="str")})
    arr = _arrow_lists(notes[column])
    codes = pc.list_flatten(arr)
    rows = pc.list_parent_indices(arr)
    pairs = pa.table({"row": rows, "code": codes}).group_by(["row", "code"], use_threads=False).aggregate([])
    return pd.DataFrame({"row": pairs.column("row").to_numpy().astype("int64"),
                         "code": pairs.column("code").to_pylist()})


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
    flat = pc.list_flatten(arr)
    parents = pc.list_parent_indices(arr)
    distinct = pa.table({"row": parents, "code": flat}).group_by(["code", "row"], use_threads=False).aggregate([])
    counts = distinct.group_by("code", use_threads=False).aggregate([("row", "count")])
    coded = int(pc.sum(pc.greater(pc.list_value_length(arr), 0)).as_py() or 0)
    out = pd.DataFrame({"code": counts.column("code").to_pylist(),
                        "notes": counts.column("row_count").to_numpy().astype("int64")})
    out["share"] = out["notes"] / coded if coded else 0.0
    out["coded_notes"] = coded
    out["all_notes"] = len(notes)
    return out.sort_values(["notes", "code"], ascending=[False, True], ignore_index=True)
