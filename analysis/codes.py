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


# --- notes as the codebook names them ---------------------------------------------------------------------------------

THEMES, DIRECTION = "themes", "direction"


def named_by(notes: pd.DataFrame, codebook) -> pd.DataFrame:
    """``notes`` with their question and codes as ``codebook`` names them (the View's notes: analysis/view.py).

    - ``question``: a value naming one of the codebook's questions in any case ("q2") becomes its id ("Q2"); other
      values stay as recorded.
    - ``themes``: an alias of a code becomes the code; a commitment or a pillar of the direction (a direction-level
      code such as ``knowledge_equity``) moves to ``direction``, after the note's own direction codes.
    - ``direction``: a commitment's alias becomes the commitment; a pillar's id in any case becomes the pillar id.
    Codes the codebook does not know stay as recorded (they are flagged, and reported: loaders.codebook
    .not_in_codebook). Returns ``notes`` itself, not a copy, when nothing changes (the usual case); otherwise only
    the changed columns are new. Vectorised: the codebook is asked once per distinct value, not per note.
    """
    if getattr(codebook, "resolve", None) is None or notes.empty:
        return notes
    changed: dict[str, pd.Series] = {}
    question = _questions_named(notes, codebook)
    if question is not None:
        changed["question"] = question
    changed.update(_codes_named(notes, codebook))
    return notes.assign(**changed) if changed else notes


def _questions_named(notes: pd.DataFrame, codebook) -> pd.Series | None:
    if "question" not in notes or not len(getattr(codebook, "questions", ())):
        return None
    column = notes["question"]
    values = column if isinstance(column.dtype, pd.CategoricalDtype) else column.astype("category")
    given = list(values.cat.categories)
    names = [codebook.question_id(value) or value for value in given]
    if names == given:
        return None
    categories = list(dict.fromkeys(names))
    number = {name: i for i, name in enumerate(categories)}
    lookup = np.array([number[name] for name in names] + [-1], dtype=np.int64)  # code -1 (missing) stays missing
    codes = lookup[values.cat.codes.to_numpy()]
    return pd.Series(pd.Categorical.from_codes(codes, categories=categories), index=notes.index, name="question")


def _pairs(notes: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray, list]:
    """Every code of ``column`` in list order: (note positions, code numbers, the codes those numbers stand for)."""
    arr = _arrow_lists(notes[column])
    flat = pc.list_flatten(arr)
    rows = np.asarray(pc.list_parent_indices(arr), dtype=np.int64)
    if pa.types.is_dictionary(flat.type) and flat.null_count:
        flat = flat.dictionary_decode()
    encoded = flat if pa.types.is_dictionary(flat.type) else pc.dictionary_encode(flat, null_encoding="encode")
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    return rows, np.asarray(encoded.indices, dtype=np.int64), encoded.dictionary.to_pylist()


def _codes_named(notes: pd.DataFrame, codebook) -> dict[str, pd.Series]:
    """The code columns whose codes the codebook names otherwise (see named_by), rebuilt; the others left out."""
    present = [c for c in (THEMES, DIRECTION) if c in notes]
    if not present:
        return {}
    found = {column: _pairs(notes, column) for column in present}
    # each distinct value: the column it goes to and the name it takes
    target: dict[str, list[tuple[str, object]]] = {}
    for column, (_rows, _codes, dictionary) in found.items():
        target[column] = []
        for value in dictionary:
            hit = codebook.resolve(value) if value is not None else None
            if hit is not None and (column == THEMES or hit[0] == DIRECTION):
                target[column].append(hit)
            else:
                target[column].append((column, value))
    if all(target[c] == [(c, v) for v in found[c][2]] for c in present):
        return {}
    names = list(dict.fromkeys(name for column in present for _, name in target[column]))
    number = {name: i for i, name in enumerate(names)}
    parts: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {c: [] for c in (THEMES, DIRECTION)}
    for column in (DIRECTION, THEMES):  # a note's own direction codes first, then those moved from its themes
        if column not in found:
            continue
        rows, codes, _dictionary = found[column]
        to = np.array([t[0] == DIRECTION for t in target[column]], dtype=bool)
        new = np.array([number[t[1]] for t in target[column]], dtype=np.int64)
        if not len(codes):
            continue
        moved = to[codes]
        parts[DIRECTION].append((rows[moved], new[codes[moved]]))
        parts[THEMES].append((rows[~moved], new[codes[~moved]]))
    dictionary = pa.array(names, pa.string())
    out = {}
    for column in (THEMES, DIRECTION):
        if column not in present and not sum(len(r) for r, _ in parts[column]):
            continue
        out[column] = _list_series(parts[column], len(notes), dictionary, notes.index)
    return out


def _list_series(parts: list[tuple[np.ndarray, np.ndarray]], n: int, dictionary: pa.Array, index) -> pd.Series:
    """A list<dictionary<int32, string>> column (as the loader keeps codes) from (note position, code number) pairs,
    each note's codes in the order given."""
    rows = np.concatenate([r for r, _ in parts]) if parts else np.zeros(0, np.int64)
    codes = np.concatenate([c for _, c in parts]) if parts else np.zeros(0, np.int64)
    order = np.argsort(rows, kind="stable")
    rows, codes = rows[order], codes[order]
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(np.bincount(rows, minlength=n), out=offsets[1:])
    missing = np.asarray([dictionary[int(c)].as_py() is None for c in range(len(dictionary))], dtype=bool)
    items = pa.DictionaryArray.from_arrays(
        pa.array(codes.astype(np.int32), pa.int32(), mask=missing[codes] if missing.any() else None), dictionary
    )
    lists = pa.ListArray.from_arrays(pa.array(offsets), items)
    return pd.Series(pd.arrays.ArrowExtensionArray(lists), index=index)
