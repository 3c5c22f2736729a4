"""Roles and resources: what participants said they need, whom they see as responsible, and needs named in a note's
text that no facilitator coded. Definitions: docs/analysis/needs.md.

The counts come from the facilitators' codes (the codebook's kind "need" and kind "responsible"). Keyword matches
are reported beside them as "named but not coded", never added to them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import SimpleNamespace

import numpy as np
import pandas as pd

from .autocode import AutoIndex, build_index, codebook_key
from .autocode.arrays import _bit_counts, _bit_rows, _bits_from_lists
from .codes import _arrow_lists
from .participation import Words
from .themes import readable_notes, theme_by, theme_frequency

#: The questions on roles, responsibilities and resources: Q2 (how would it change your work: new responsibilities,
#: skills, resources, roles) and Q3 (what would you need to implement it).
SCOPE_QUESTIONS: tuple[str, ...] = ("Q2", "Q3")
#: Each kind of code (key) in words, in the language in force when read (prefer :func:`kind_word`).
KIND_WORDS = Words({"need": "harvest-measures-kind-need", "responsible": "harvest-measures-kind-responsible"})


def kind_word(kind: str) -> str:
    """A kind of code in words ("need", "responsible party"), in the language in force; another kind as given."""
    return KIND_WORDS.get(kind, kind)


def in_scope(notes: pd.DataFrame, questions: Sequence[str] | None = SCOPE_QUESTIONS) -> pd.DataFrame:
    """The notes answering one of ``questions`` (all notes when None); question ids match without regard to case
    ("q2" is Q2). A note without a question is out of scope."""
    if questions is None:
        return notes
    if "question" not in notes:
        return notes.iloc[0:0]
    wanted = {str(q).casefold() for q in questions}
    column = notes["question"]
    if isinstance(column.dtype, pd.CategoricalDtype):  # per category, not per row
        hit = np.array([str(c).casefold() in wanted for c in column.cat.categories] + [False], dtype=bool)
        mask = hit[column.cat.codes.to_numpy()]
    else:
        mask = column.astype("string").str.casefold().isin(wanted).fillna(False).to_numpy(dtype=bool)
    return notes if mask.all() else notes[mask]


def need_frequency(notes: pd.DataFrame, codes: pd.DataFrame, kind: str = "need") -> pd.DataFrame:
    """Notes carrying each codebook code of ``kind`` ("need" or "responsible"), zeros kept, most first.

    Same columns and denominator as themes.theme_frequency: share = notes / coded notes (any code of any kind).
    """
    return theme_frequency(notes, codes, (kind,), include_unknown=False)


def need_by(notes: pd.DataFrame, codes: pd.DataFrame, by: str, kind: str = "need") -> pd.DataFrame:
    """Each code of ``kind`` within each group (community type, region): themes.theme_by on that kind's codes."""
    return theme_by(notes, list(codes.loc[codes["kind"] == kind, "id"]), by)


def _without_kind(notes: pd.DataFrame, codes: pd.DataFrame, kind: str) -> np.ndarray:
    """True for notes carrying no code of ``kind``."""
    if "themes" not in notes or not len(notes):
        return np.ones(len(notes), dtype=bool)
    wanted = list(dict.fromkeys(codes.loc[codes["kind"] == kind, "id"].astype(str)))
    bits = _bits_from_lists(_arrow_lists(notes["themes"]), list(wanted))  # codes of kind: the first bits
    mask = np.zeros(bits.shape[1], dtype=np.uint64)
    for j in range(len(wanted)):
        mask[j >> 6] |= np.uint64(1) << np.uint64(j & 63)
    return ~((bits & mask) != 0).any(axis=1)


def _kind_codebook(codes: pd.DataFrame, kind: str) -> SimpleNamespace:
    """A codebook holding only the codes of ``kind``, for the auto-coder (which compiles and caches it once)."""
    return SimpleNamespace(
        version=f"{kind}-only", codes=codes[codes["kind"] == kind].reset_index(drop=True), commitments=None
    )


def _named(
    notes: pd.DataFrame, codes: pd.DataFrame, kind: str, auto: AutoIndex | None
) -> tuple[np.ndarray, list[str], AutoIndex | None, np.ndarray, list[int]]:
    """Which notes with no code of ``kind`` name each of its codes: (the auto-coder's bits of the notes without a
    code of ``kind``, in the index's numbering; those codes in codebook order; the index the answer came from; the
    mask of notes without a code of ``kind``; each code's bit, -1 for a code the index does not know).

    With ``auto`` (build_index of the export these notes come from, made with the keywords ``codes`` lists) the
    answer is a lookup; otherwise the auto-coder runs here on the notes without a code of ``kind``."""
    ids = codes.loc[codes["kind"] == kind, "id"].astype(str).tolist()
    without = _without_kind(notes, codes, kind)
    pool = np.flatnonzero(without)
    if not _fits(auto, codes, kind):
        auto = build_index(notes.iloc[pool], _kind_codebook(codes, kind)) if len(pool) and "text" in notes else None
    if auto is None:
        return np.zeros((len(notes), 1), dtype=np.uint64), ids, None, without, [-1] * len(ids)
    have = auto.space.get("themes", ())
    bit = [have.index(i) if i in have else -1 for i in ids]
    found = auto.bits_for(notes, "themes") & np.where(without, ~np.uint64(0), np.uint64(0))[:, None]
    return found, ids, auto, without, bit


def _fits(auto: AutoIndex | None, codes: pd.DataFrame, kind: str) -> bool:
    """True when ``auto`` was made with the same keywords for every code of ``kind`` as ``codes`` lists."""
    if auto is None:
        return False
    wanted = codes[codes["kind"] == kind]
    return codebook_key(_kind_codebook(wanted, kind)) == codebook_key(_kind_codebook(auto.codes_table(kind), kind))


def named_not_coded(
    notes: pd.DataFrame, codes: pd.DataFrame, kind: str = "need", auto: AutoIndex | None = None
) -> pd.DataFrame:
    """Notes that carry no code of ``kind`` but whose text names one of its codes, per code.

    "Names" is the keyword auto-coder's rule (analysis/autocode.py, docs/analysis/codebook.md): the codebook's
    keywords for the code as whole words (a trailing * is a stem, simple inflections allowed), accents and case
    folded, in the note's own language when the codebook has keywords for it, else in every language. A note naming
    two codes counts once for each. Columns: code, label, named_not_coded (notes), uncoded_notes (notes with no code
    of this kind: the pool searched). Zeros kept; codebook order. These notes are never part of the coded counts.
    ``auto``: the export's build_index for the same codebook, which makes this a lookup (the pages pass it).
    """
    book = codes[codes["kind"] == kind].reset_index(drop=True)
    found, ids, _auto, without, bit = _named(notes, codes, kind, auto)
    counts = _bit_counts(found, max(bit, default=-1) + 1)
    per_code = pd.Series([int(counts[b]) if b >= 0 else 0 for b in bit], index=ids, dtype="int64")
    return pd.DataFrame(
        {
            "code": book["id"],
            "label": book["label"],
            "named_not_coded": book["id"].astype(str).map(per_code).fillna(0).astype("int64"),
            "uncoded_notes": int(without.sum()),
        }
    )


def named_not_coded_notes(
    notes: pd.DataFrame,
    codes: pd.DataFrame,
    code: str,
    label: Callable[[str], str] = str,
    auto: AutoIndex | None = None,
) -> pd.DataFrame:
    """The notes behind one code's "named but not coded" count: readable columns (themes.NOTE_COLUMNS) plus
    ``matched``, the codebook keywords found in the text, with their language ("grant* (en)"), A to Z."""
    hit = codes.loc[codes["id"] == code]
    kind = hit["kind"].iloc[0] if len(hit) else None
    found, ids, auto, _without, bit = _named(notes, codes, kind, auto) if kind else (None, [], None, None, [])
    at = bit[ids.index(str(code))] if kind and str(code) in ids else -1
    rows = np.flatnonzero(_bit_rows(found, at)) if at >= 0 else np.zeros(0, np.int64)
    table = readable_notes(notes, rows, label=label)
    matched = auto.keywords(notes, rows, str(code)) if auto is not None and len(rows) else []
    table.insert(1, "matched", pd.Series(matched, dtype="str") if len(rows) else pd.Series([], dtype="str"))
    return table
