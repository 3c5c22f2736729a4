"""Counting auto codes: the codes a note gets under each "Codes counted" mode."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.codes import _arrow_lists

from .arrays import COLUMNS, LIST_DTYPE, LIST_TYPE, _any_bits, _coded, _empty_lists
from .index import AutoIndex, _checked

#: The "Codes counted" modes (ui: the sidebar switch).
MODES = ("both", "human", "auto")
# The auto-coder's codes of a note are held by the index twice: as bits (one uint64 a note for up to 64 codes: "any"
# and counts) and as lists of code numbers (what a "Codes counted" list is made of). Nothing here makes a notes x
# codes matrix: lists are assembled from the numbers with NumPy, no string copied per note.


def _auto_list(notes: pd.DataFrame, index: AutoIndex, column: str) -> pa.Array:
    """The auto-coder's codes of ``notes`` as list<string>, in codebook order."""
    n = len(notes)
    space = list(index.space.get(column, ()))
    if column not in index.code_offsets or not n:
        return _empty_lists(n)
    pos = index.positions(notes)
    offsets, values = _segments(index, column, pos, np.ones(n, dtype=bool))
    items = pa.array(space, pa.string()).take(pa.array(values)) if len(values) else pa.array([], pa.string())
    return pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32)), items)


def _segments(index: AutoIndex, column: str, pos: np.ndarray, take: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The index's code lists of the notes at ``pos`` where ``take`` (else empty): (offsets, code numbers)."""
    stored_offsets, stored_values = index.code_offsets[column], index.code_values[column]
    whole = index._whole(pos)
    if whole and take.all():
        return stored_offsets, stored_values
    if whole:  # every note in order: no gather of the offsets
        start = stored_offsets[:-1]
        length = np.diff(stored_offsets) * take
        filled = np.flatnonzero(length)
        offsets = np.zeros(len(pos) + 1, dtype=np.int64)
        np.cumsum(length, out=offsets[1:])
        gather = np.repeat(start[filled] - offsets[:-1][filled], length[filled])
        gather += np.arange(int(offsets[-1]), dtype=np.int64)
        return offsets, stored_values[gather]
    inside = (pos >= 0) & take
    at = np.where(inside, pos, 0)
    start = stored_offsets[at]
    length = np.where(inside, stored_offsets[at + 1] - start, 0)
    offsets = np.zeros(len(pos) + 1, dtype=np.int64)
    np.cumsum(length, out=offsets[1:])
    filled = np.flatnonzero(length)
    if len(filled) == len(pos):
        gather = np.repeat(start - offsets[:-1], length)
    else:
        gather = np.repeat(start[filled] - offsets[:-1][filled], length[filled])
    gather += np.arange(int(offsets[-1]), dtype=np.int64)
    return offsets, stored_values[gather]


def _auto_segments(index: AutoIndex, column: str, pos: np.ndarray, take: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if column not in index.code_offsets:
        return np.zeros(len(pos) + 1, dtype=np.int64), np.zeros(0, np.int32)
    return _segments(index, column, pos, take)


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
    pos = index.positions(notes) if mode != "human" else None
    for column in COLUMNS:
        human = _arrow_lists(notes[column]) if column in notes else _empty_lists(n)
        has_human = _coded(human) if column in notes and n else np.zeros(n, dtype=bool)
        if mode == "human":
            values, is_auto = human, np.zeros(n, dtype=bool)
        else:
            is_auto = _any_bits(index.bits_for(notes, column, pos)) & ~has_human
            keep = has_human if mode == "both" else np.zeros(n, dtype=bool)
            values = _chosen_lists(human, keep, index, column, pos, ~has_human)
        out[column] = pd.Series(pd.arrays.ArrowExtensionArray(values), index=notes.index)
        out[f"{column}_auto"] = pd.Series(is_auto, index=notes.index, dtype=bool)
    return notes.assign(**out)


def _chosen_lists(
    human: pa.Array, keep: np.ndarray, index: AutoIndex, column: str, pos: np.ndarray, auto: np.ndarray
) -> pa.Array:
    """Per note, its facilitators' list where ``keep`` (as given: order and repeats kept), else the auto-coder's
    codes where ``auto`` (in codebook order), else none, as list<dictionary<int32, string>> like the loader's:
    assembled with NumPy from the two lists' numbers (one gather), no string copied per note."""
    n = len(keep)
    space = list(index.space.get(column, ()))
    use_auto = auto & ~keep
    if column not in index.code_offsets:
        use_auto = np.zeros(n, dtype=bool)
    flat = pc.list_flatten(human)
    if flat.null_count or not keep.any():
        auto_offsets, auto_codes = _auto_segments(index, column, pos, use_auto)
    if flat.null_count:  # a missing code inside a list: the plain way keeps it missing
        items = (
            pa.array(space, pa.string()).take(pa.array(auto_codes)) if len(auto_codes) else pa.array([], pa.string())
        )
        auto_lists = pa.ListArray.from_arrays(pa.array(auto_offsets.astype(np.int32)), items)
        return pc.if_else(pa.array(keep), human.cast(LIST_TYPE), auto_lists) if keep.any() else auto_lists
    encoded = flat if pa.types.is_dictionary(flat.type) else pc.dictionary_encode(flat)
    human_values = [str(v) for v in encoded.dictionary.to_pylist()]
    known = set(space)
    dictionary = space + [v for v in dict.fromkeys(human_values) if v not in known]
    number = {code: i for i, code in enumerate(dictionary)}
    mapping = np.array([number[v] for v in human_values], dtype=np.int32)
    indices = np.asarray(encoded.indices)
    if not len(human_values):
        human_codes = np.zeros(0, np.int32)
    elif indices.dtype == np.int32 and np.array_equal(mapping, np.arange(len(mapping), dtype=np.int32)):
        human_codes = indices  # the loader's dictionary is in codebook order already: its numbers as they are
    else:
        human_codes = mapping[indices]
    human_offsets = np.asarray(human.offsets, dtype=np.int64)
    human_offsets = human_offsets - human_offsets[0]
    human_length = np.diff(human_offsets)
    if not keep.any():  # "auto": the auto-coder's lists only
        offsets, values = auto_offsets, auto_codes.astype(np.int32, copy=False)
        items = pa.DictionaryArray.from_arrays(pa.array(values, pa.int32()), pa.array(dictionary, pa.string()))
        return pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32)), items)
    # the index's list of each note that takes the auto-coder's codes: where it starts, how long it is
    stored_offsets = index.code_offsets.get(column, np.zeros(1, np.int64))
    stored_values = index.code_values.get(column, np.zeros(0, np.int32))
    if column not in index.code_offsets:
        auto_start, auto_length = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    elif index._whole(pos):
        auto_start, auto_length = stored_offsets[:-1], np.diff(stored_offsets)
    else:
        inside = pos >= 0
        at = np.where(inside, pos, 0)
        auto_start = stored_offsets[at]
        auto_length = np.where(inside, stored_offsets[at + 1] - auto_start, 0)
    auto_length = auto_length * use_auto
    disjoint = np.count_nonzero(human_length) == np.count_nonzero(keep)
    if disjoint and int(auto_length.sum()) * 4 < len(human_codes):
        # "both", few notes without the facilitators' codes: a note has its facilitators' codes (``keep``: every
        # note with a list) or the auto-coder's, never both, so each note's list is the two lists one after the
        # other: the auto-coder's few values are inserted among the facilitators' at their notes' places
        auto_offsets, auto_codes = _auto_segments(index, column, pos, use_auto)
        offsets = human_offsets + auto_offsets
        rows = np.flatnonzero(np.diff(auto_offsets))
        at = np.repeat(human_offsets[rows], np.diff(auto_offsets)[rows])
        values = np.insert(human_codes, at, auto_codes.astype(np.int32, copy=False))
    else:
        length = np.where(keep, human_length, auto_length)
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(length, out=offsets[1:])
        # every value comes from one array (one gather): the facilitators' numbers, then the index's
        pool = np.concatenate([human_codes, stored_values.astype(np.int32, copy=False)])
        start = np.where(keep, human_offsets[:-1], len(human_codes) + auto_start)
        gather = np.repeat(start - offsets[:-1], length) + np.arange(int(offsets[-1]), dtype=np.int64)
        values = pool[gather]
    items = pa.DictionaryArray.from_arrays(pa.array(values, pa.int32()), pa.array(dictionary, pa.string()))
    return pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32)), items)
