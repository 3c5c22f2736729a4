"""Counting auto codes: the codes a note gets under each "Codes counted" mode."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.codes import _arrow_lists, coded_mask

from .arrays import COLUMNS, LIST_DTYPE, LIST_TYPE, _any_rows, _empty_lists, _lists
from .index import AutoIndex, _auto_matrix, _checked, _code_space

#: The "Codes counted" modes (ui: the sidebar switch).
MODES = ("both", "human", "auto")
# Codes of one column are held as a boolean matrix, notes x codes (16 theme codes, 8 commitments: 24 MB at a million
# notes): a code given twice is set once, rows come out in codebook order, and counts are column sums.


def _auto_list(notes: pd.DataFrame, index: AutoIndex, column: str) -> pa.Array:
    space = _code_space(index, column)
    return _lists(_auto_matrix(notes, index, column, space), space)


def code_lists(notes: pd.DataFrame, index: AutoIndex, column: str) -> pd.Series:
    """The auto-coder's codes per note in ``column`` (each once, in codebook order), for every note, coded or not."""
    index = _checked(index)
    return pd.Series(pd.array(_auto_list(notes, index, column), dtype=LIST_DTYPE), index=notes.index)


def with_auto_codes(notes: pd.DataFrame, index: AutoIndex, mode: str = "both") -> pd.DataFrame:
    """A copy of ``notes`` whose themes and direction hold the codes of ``mode``, with where they came from.

    - "human": the facilitators' codes only (as loaded).
    - "auto": the auto-coder's codes, only on notes the facilitators left without codes in that column; notes
      the facilitators coded get [] (their codes are not auto codes).
    - "both": facilitators' codes where they gave any (they always win), else the auto-coder's.
    Each column is decided on its own: a note with facilitator themes but no direction takes auto direction codes.
    ``themes_auto`` / ``direction_auto`` are True where the note's codes in that column came from the auto-coder
    (never in "human" mode). ``index`` is build_index's result for these notes or for a frame they were filtered
    from (rows are matched on index labels).
    """
    index = _checked(index)
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    n = len(notes)
    out = {}
    for column in COLUMNS:
        human = _arrow_lists(notes[column]) if column in notes else _empty_lists(n)
        has_human = coded_mask(notes, column) if column in notes else np.zeros(n, dtype=bool)
        if mode == "human":
            values, is_auto = human, np.zeros(n, dtype=bool)
        else:
            space = _code_space(index, column)
            found = _auto_matrix(notes, index, column, space)
            found[has_human] = False
            is_auto = _any_rows(found)
            values = _chosen_lists(human, has_human if mode == "both" else np.zeros(n, dtype=bool), found, space)
        out[column] = pd.Series(pd.arrays.ArrowExtensionArray(values), index=notes.index)
        out[f"{column}_auto"] = pd.Series(is_auto, index=notes.index, dtype=bool)
    return notes.assign(**out)


def _chosen_lists(human: pa.Array, keep: np.ndarray, found: np.ndarray, space: list[str]) -> pa.Array:
    """Per note, its facilitators' list where ``keep`` (as given: order and repeats kept), else the auto-coder's codes
    (``found`` rows, in ``space`` order), as list<dictionary<int32, string>> like the loader's: assembled with NumPy
    from the two lists' numbers, no string copied per note."""
    n = len(keep)
    flat = pc.list_flatten(human)
    if flat.null_count:  # a missing code inside a list: the plain way keeps it missing
        auto = _lists(found, space)
        return pc.if_else(pa.array(keep), human.cast(LIST_TYPE), auto) if keep.any() else auto
    encoded = flat if pa.types.is_dictionary(flat.type) else pc.dictionary_encode(flat)
    human_values = [str(v) for v in encoded.dictionary.to_pylist()]
    dictionary = list(space) + [v for v in dict.fromkeys(human_values) if v not in set(space)]
    number = {code: i for i, code in enumerate(dictionary)}
    human_codes = (
        np.array([number[v] for v in human_values], dtype=np.int64)[np.asarray(encoded.indices, dtype=np.int64)]
        if len(human_values)
        else np.zeros(0, np.int64)
    )
    human_offsets = np.asarray(human.offsets, dtype=np.int64)
    human_offsets = human_offsets - human_offsets[0]
    human_length = np.diff(human_offsets)
    auto_rows, auto_codes = np.nonzero(found[:, : len(space)])  # row-major: grouped by note, in space order
    auto_length = np.bincount(auto_rows, minlength=n)
    length = np.where(keep, human_length, auto_length)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(length, out=offsets[1:])
    values = np.empty(int(offsets[-1]), dtype=np.int32)
    owner = np.repeat(np.arange(n, dtype=np.int64), human_length)
    taken = keep[owner]
    within = np.arange(len(owner), dtype=np.int64) - human_offsets[owner]
    values[(offsets[owner] + within)[taken]] = human_codes[taken]
    used = ~keep[auto_rows]
    auto_start = np.cumsum(auto_length) - auto_length
    within = np.arange(len(auto_rows), dtype=np.int64) - auto_start[auto_rows]
    values[(offsets[auto_rows] + within)[used]] = auto_codes[used]
    items = pa.DictionaryArray.from_arrays(pa.array(values, pa.int32()), pa.array(dictionary, pa.string()))
    return pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32)), items)
