"""The auto-coder's codes for every note of an export, kept as a compact index (AutoIndex): made once per export
and codebook, then picked from by row."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .arrays import COLUMNS, _column_sums
from .matcher import Matcher, _code_list, _scan, compile_codebook

# ------------------------------------------------------------------------------------------------ the index


@dataclass(frozen=True, eq=False)
class AutoIndex:
    """The auto-coder's result on a whole export, indexed for use on every click: made once per export version and
    codebook (``build_index``), then every filter only picks rows of it.

    ``found[column]`` is a notes x codes matrix (codes of that column in codebook order, ``space[column]``): True
    where the note's text holds a keyword of the code. Notes are the rows of the frame it was made from, in order;
    ``labels`` are their index labels, and a filtered frame is matched to them by its own labels. ``rows`` / ``kw``
    are every (note position, keyword) match in note order, for showing which keywords a few notes matched.
    At a million notes the matrices take 24 MB and the matches 9 bytes each.
    """

    labels: pd.Index
    matcher: Matcher
    space: dict[str, tuple[str, ...]]
    found: dict[str, np.ndarray]
    rows: np.ndarray
    kw: np.ndarray
    codebook_codes: pd.DataFrame | None = None  # the codebook's codes table (id, kind, keywords...), when known
    used: dict[str, np.ndarray] | None = None  # per column: which codes any note has (found[column].any(axis=0))

    @property
    def empty(self) -> bool:
        return not len(self.rows)

    def codes_table(self, kind: str) -> pd.DataFrame:
        """The codebook's codes of ``kind`` this index was made with (empty when made from autocode's table)."""
        table = self.codebook_codes
        if table is None or table.empty:
            return pd.DataFrame(columns=["id", "kind", "keywords"])
        return table[table["kind"] == kind]

    def positions(self, notes: pd.DataFrame) -> np.ndarray:
        """Each note's row in the index (-1 for a note it was not made from), by index label. The labels of
        export.contributions are 0..n-1, and a filter keeps them: then this is the labels themselves, checked."""
        labels, index = self.labels, notes.index
        if (
            isinstance(labels, pd.RangeIndex)
            and labels.start == 0
            and labels.step == 1
            and pd.api.types.is_integer_dtype(index.dtype)
        ):
            pos = index.to_numpy(dtype=np.int64)
            if len(pos) and (pos.min() < 0 or pos.max() >= len(labels)):
                pos = np.where((pos >= 0) & (pos < len(labels)), pos, -1)
            if len(pos) < 2 or bool((pos[1:] > pos[:-1]).all()) or index.is_unique:
                return pos
        elif index.is_unique:
            return labels.get_indexer(index)
        raise ValueError(
            "the notes' index labels must be unique (as export.contributions and frames filtered from "
            "it have): auto codes are matched to notes by index label"
        )

    def matrix(self, notes: pd.DataFrame, column: str, space: list[str]) -> np.ndarray:
        """notes x codes for ``notes``, columns in ``space`` order; codes found but not in ``space`` are appended."""
        have = self.space.get(column, ())
        index = {c: i for i, c in enumerate(space)}
        present = (self.used or {}).get(column) if column in self.found else np.zeros(0, bool)
        if present is None:
            present = self.found[column].any(axis=0)
        for code, used in zip(have, present, strict=True):
            if used and code not in index:
                index[code] = len(space)
                space.append(code)
        out = np.zeros((len(notes), max(len(space), 1)), dtype=bool)
        if not have or not len(notes):
            return out
        pos = self.positions(notes)
        inside = pos >= 0
        whole = len(pos) == len(self.labels) and (not len(pos) or (pos[0] == 0 and pos[-1] == len(pos) - 1))
        if whole and tuple(space[: len(have)]) == have and len(space) == len(have):
            return self.found[column].copy()  # every note, in order (positions are strictly increasing)
        picked = self.found[column][pos[inside]] if not inside.all() else self.found[column][pos]
        target = np.array([index.get(c, -1) for c in have], dtype=np.int64)
        keep = target >= 0
        if inside.all():
            out[:, target[keep]] = picked[:, keep]
        else:
            out[np.ix_(np.flatnonzero(inside), target[keep])] = picked[:, keep]
        return out

    def keywords(self, notes: pd.DataFrame, positions: np.ndarray, code: str) -> list[str]:
        """For notes at ``positions`` (in ``notes``): the keywords of ``code`` found in each, A to Z, as
        "grant* (en), money (en)" ("" where none). Vectorised: no Python step per note."""
        m = self.matcher
        positions = np.asarray(positions, dtype=np.int64)
        if not len(positions):
            return []
        wanted = m.codes.index(code) if code in m.codes else -1
        rows = self.positions(notes)[positions].astype(self.rows.dtype)  # same type: no copy of the matches
        lo = np.searchsorted(self.rows, rows, "left")
        count = np.where(rows >= 0, np.searchsorted(self.rows, rows, "right") - lo, 0)
        owner = np.repeat(np.arange(len(rows), dtype=np.int64), count)
        at = np.repeat(lo, count) + np.arange(len(owner), dtype=np.int64) - np.repeat(np.cumsum(count) - count, count)
        kw = self.kw[at].astype(np.int64)
        keep = m.kw_code[kw] == wanted
        names = [f"{m.keyword_text[k]} ({m.languages[m.kw_language[k]]})" for k in range(len(m.kw_code))]
        order = np.argsort(np.array(names, dtype=object), kind="stable")
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        pairs = np.unique(owner[keep] * len(m.kw_code) + rank[kw[keep]])  # each keyword once a note, A to Z
        owner, kw = pairs // len(m.kw_code), order[pairs % len(m.kw_code)]
        labels = pa.array(names, pa.string())
        offsets = np.zeros(len(rows) + 1, dtype=np.int32)
        np.cumsum(np.bincount(owner, minlength=len(rows)), out=offsets[1:])
        lists = pa.ListArray.from_arrays(pa.array(offsets), labels.take(pa.array(kw)))
        return pc.binary_join(lists, ", ").to_pylist()


def build_index(notes: pd.DataFrame, codebook) -> AutoIndex:
    """Run the auto-coder on ``notes`` (a whole export) once and index its codes per note (see AutoIndex).
    Same matches as ``autocode``, without writing out the matched words and ids of each match."""
    matcher = compile_codebook(codebook)
    none = np.zeros(0, np.int64)
    if notes.empty or "text" not in notes or not len(matcher.kw_code):
        rows, kw = none, none
    else:
        rows, kw, _ = _scan(notes, matcher, None)
    return _indexed(notes, matcher, rows, kw, codebook.codes)


def _indexed(
    notes: pd.DataFrame, matcher: Matcher, rows: np.ndarray, kw: np.ndarray, codes: pd.DataFrame | None = None
) -> AutoIndex:
    space, found = {}, {}
    code = matcher.kw_code[kw] if len(kw) else np.zeros(0, np.int64)
    for column in COLUMNS:
        mine = [i for i, c in enumerate(matcher.code_column) if c == column]
        space[column] = tuple(matcher.codes[i] for i in mine)
        where = np.full(len(matcher.codes), -1, dtype=np.int64)
        where[mine] = np.arange(len(mine))
        matrix = np.zeros((len(notes), len(mine)), dtype=bool)
        target = where[code]
        ok = target >= 0
        matrix[rows[ok], target[ok]] = True
        found[column] = matrix
    order = np.argsort(rows, kind="stable") if len(rows) and (np.diff(rows) < 0).any() else slice(None)
    return AutoIndex(
        notes.index,
        matcher,
        space,
        found,
        rows[order].astype(np.int32 if len(notes) < 2**31 else np.int64),
        kw[order].astype(np.int16 if len(matcher.kw_code) < 2**15 else np.int64),
        codes,
        {column: _column_sums(matrix) > 0 for column, matrix in found.items()},
    )


def _checked(index) -> AutoIndex:
    if not isinstance(index, AutoIndex):
        raise TypeError(
            f"expected an AutoIndex (build_index, or index_from_matches for match_notes' table), not "
            f"{type(index).__name__}"
        )
    return index


def index_from_matches(notes: pd.DataFrame, matches: pd.DataFrame) -> AutoIndex:
    """match_notes' table as an AutoIndex for ``notes`` (the notes it was computed on, or a frame filtered from them:
    rows are matched by index label)."""
    if not notes.index.is_unique:
        raise ValueError(
            "the notes' index labels must be unique (as export.contributions and frames filtered from "
            "it have): auto codes are matched to notes by index label"
        )
    cats = {name: matches[name].astype("category") for name in ("code", "column", "keyword", "language")}
    codes = tuple(str(c) for c in cats["code"].cat.categories)
    number = [cats[name].cat.codes.to_numpy().astype(np.int64) for name in ("code", "keyword", "language")]
    sizes = [len(cats[name].cat.categories) + 1 for name in ("code", "keyword", "language")]
    key = (number[0] * sizes[1] + number[1]) * sizes[2] + number[2]
    _, kw = np.unique(key, return_inverse=True)
    first = np.unique(key, return_index=True)[1]
    columns = {}
    for c, column in zip(number[0][first], cats["column"].cat.codes.to_numpy()[first], strict=True):
        columns.setdefault(codes[c], str(cats["column"].cat.categories[column]))
    keywords = [str(cats["keyword"].cat.categories[k]) for k in number[1][first]]
    language_names = list(cats["language"].cat.categories.astype(str))
    languages = tuple(dict.fromkeys(language_names[k] for k in number[2][first]))
    book = Matcher(
        "table",
        codes,
        tuple(columns.get(c, "") for c in codes),
        languages,
        tuple(keywords),
        number[0][first],
        np.array([languages.index(language_names[k]) for k in number[2][first]], dtype=np.int64),
        np.zeros(0, np.int64),
        np.zeros((0, 1), np.int64),
        np.zeros(0, np.int64),
        {},
        (),
    )
    position = notes.index.get_indexer(matches["row"].to_numpy()) if len(matches) else np.zeros(0, np.int64)
    inside = position >= 0
    return _indexed(notes, book, position[inside], kw[inside])


def _code_space(codebook_or_index, column: str) -> list[str]:
    """The codes of a column in codebook order (from a codebook, an AutoIndex index, or the categories of
    autocode's matches)."""
    if isinstance(codebook_or_index, AutoIndex):
        return list(codebook_or_index.space.get(column, ()))
    if isinstance(codebook_or_index, pd.DataFrame):
        code = codebook_or_index["code"]
        return [str(c) for c in code.cat.categories] if isinstance(code.dtype, pd.CategoricalDtype) else []
    return [c for c, col in _code_list(codebook_or_index) if col == column]


def _auto_matrix(notes: pd.DataFrame, index: AutoIndex, column: str, space: list[str]) -> np.ndarray:
    """notes x codes, True where the auto-coder found the code's keywords in the note (coded or not)."""
    return _checked(index).matrix(notes, column, space)
