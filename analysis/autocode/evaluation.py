"""How the auto-coder compares with the facilitators, what it codes, and what the codebook misses."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.codes import _arrow_lists, coded_mask

from .arrays import COLUMNS, _any_bits, _bit_counts, _bit_rows, _bits_from_lists, _coded, _popcount, _widened
from .index import AutoIndex, _checked, _code_space

# ------------------------------------------------------------------------------------------------ counts and evaluation


def codebook_table(codebook) -> pd.DataFrame:
    """Every code of the codebook, in its order: code, kind (theme, need, responsible, commitment), label, column
    (themes | direction), description, keywords (dict language -> list)."""
    parts = []
    if codebook.codes is not None and not codebook.codes.empty:
        parts.append(codebook.codes.assign(column="themes"))
    if codebook.commitments is not None and not codebook.commitments.empty:
        parts.append(codebook.commitments.assign(kind="commitment", column="direction"))
    columns = ["code", "kind", "label", "column", "description", "keywords"]
    if not parts:
        return pd.DataFrame(columns=columns)
    table = pd.concat(parts, ignore_index=True).rename(columns={"id": "code"})
    for name in ("description", "keywords"):
        if name not in table:
            table[name] = None
    return table[columns]


def _code_table(codebook) -> pd.DataFrame:
    return codebook_table(codebook)[["code", "kind", "label", "column"]]


def _human_bits(notes: pd.DataFrame, column: str, space: list[str]) -> np.ndarray:
    """The facilitators' codes of ``notes`` as bits in ``space``'s numbering (codes outside it appended)."""
    if column not in notes or not len(notes):
        return np.zeros((len(notes), 1), dtype=np.uint64)
    return _bits_from_lists(_arrow_lists(notes[column]), space)


#: For a pair of bytes (a, b) as one number a | b << 8: the eight bits of a, of b and of a & b.
_PAIR = np.arange(65536)
_PAIR_BITS = tuple(
    ((values[:, None] >> np.arange(8)[None, :]) & 1).astype(np.int64)
    for values in (_PAIR & 255, _PAIR >> 8, (_PAIR & 255) & (_PAIR >> 8))
)


def _pair_counts(a: np.ndarray, b: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per code 0..k-1: rows with its bit set in ``a``, in ``b``, in both: one bincount per byte of codes for the
    three counts."""
    out = tuple(np.zeros(k, dtype=np.int64) for _ in range(3))
    if not k or not len(a):
        return out
    a_bytes = np.ascontiguousarray(a).view(np.uint8).reshape(len(a), -1)
    b_bytes = np.ascontiguousarray(b).view(np.uint8).reshape(len(b), -1)
    for byte in range(-(-k // 8)):
        key = a_bytes[:, byte].astype(np.uint16)
        key |= b_bytes[:, byte].astype(np.uint16) << np.uint16(8)
        hist = np.bincount(key, minlength=65536)
        width = min(8, k - byte * 8)
        for counts, bits in zip(out, _PAIR_BITS, strict=True):
            counts[byte * 8 : byte * 8 + width] = (hist @ bits)[:width]
    return out


class _Facilitators:
    """The facilitators' codes of one frame, as bits per (column, code space) and as "coded or not" per column, each
    made once and shared by the tables of one call (codebook_tables), never kept beyond it."""

    def __init__(self, notes: pd.DataFrame) -> None:
        self.notes = notes
        self._bits: dict[tuple[str, tuple[str, ...]], tuple[np.ndarray, list[str]]] = {}
        self._coded: dict[str, np.ndarray] = {}

    def bits(self, column: str, space: list[str]) -> np.ndarray:
        """As _human_bits (``space`` is extended in place the same way)."""
        key = (column, tuple(space))
        if key not in self._bits:
            extended = list(space)
            self._bits[key] = (_human_bits(self.notes, column, extended), extended)
        bits, extended = self._bits[key]
        space[:] = extended
        return bits

    def coded(self, column: str) -> np.ndarray:
        """True for notes with at least one facilitator code in ``column`` (as codes.coded_mask)."""
        if column not in self._coded:
            notes = self.notes
            if column not in notes or not len(notes):
                self._coded[column] = np.zeros(len(notes), dtype=bool)
            else:
                self._coded[column] = _coded(_arrow_lists(notes[column]))
        return self._coded[column]


def _both_bits(made: _Facilitators, index: AutoIndex, column: str, space: list[str]):
    """(facilitators' bits, auto-coder's bits) of the frame in one numbering: ``space``, then the facilitators'
    codes outside it, then the auto-coder's, both as wide as that space needs."""
    human = made.bits(column, space)
    auto = index.bits_in(made.notes, column, space)
    k = len(space)
    return _widened(human, k), _widened(auto, k)


def _truth_and_guess(made: _Facilitators, index: AutoIndex, column: str, space: list[str]):
    """On the notes with facilitator codes in ``column``: (how many, facilitator bits, auto-coder bits), in
    ``space``'s numbering (extended as _both_bits does). Rows of every note, zero for the notes not evaluated (so
    they add nothing to a count): cutting the frame first would copy its text, cutting the bits costs a copy."""
    mask = made.coded(column)
    human, auto = _both_bits(made, index, column, space)
    keep = np.where(mask, ~np.uint64(0), np.uint64(0))[:, None]
    return int(mask.sum()), human, auto & keep  # a note without facilitator codes has no facilitator bits


def counts_by_source(notes: pd.DataFrame, index: AutoIndex, codebook) -> pd.DataFrame:
    """Notes carrying each codebook code, from facilitators and from the auto-coder ("both" mode, split).

    One row per code of the codebook (codes with no notes stay, at 0), in codebook order: code, kind, label,
    column, facilitators (notes the facilitators gave it), auto (notes without facilitator codes in that column that
    the auto-coder gave it), total (the sum: notes carrying it in "both" mode), all_notes (the denominator for
    shares: every note given). A note with several codes counts once for each. Codes outside the codebook are not
    listed.
    """
    return _counts_by_source(_Facilitators(notes), _checked(index), codebook)


def _counts_by_source(made: _Facilitators, index: AutoIndex, codebook) -> pd.DataFrame:
    notes = made.notes
    table = _code_table(codebook)
    parts = []
    for column in COLUMNS:
        space = _code_space(codebook, column)
        k = len(space)
        human, auto = _both_bits(made, index, column, space)
        auto = auto & np.where(_any_bits(human), np.uint64(0), ~np.uint64(0))[:, None]
        parts.append(
            pd.DataFrame(
                {
                    "code": space[:k],
                    "column": column,
                    "facilitators": _bit_counts(human, k),
                    "auto": _bit_counts(auto, k),
                }
            )
        )
    out = table.merge(pd.concat(parts, ignore_index=True), on=["code", "column"], how="left")
    out[["facilitators", "auto"]] = out[["facilitators", "auto"]].fillna(0).astype("int64")
    out["total"] = out["facilitators"] + out["auto"]
    out["all_notes"] = len(notes)
    return out


def coverage(notes: pd.DataFrame, index: AutoIndex) -> pd.DataFrame:
    """How notes are coded, one row per column (themes, direction): notes (all given), facilitators (notes with
    facilitator codes), auto (notes without facilitator codes that the auto-coder coded), none (notes left with no
    code), and each of the three as a share of all notes."""
    return _coverage(_Facilitators(notes), _checked(index))


def _coverage(made: _Facilitators, index: AutoIndex) -> pd.DataFrame:
    notes = made.notes
    rows = []
    n = len(notes)
    pos = index.positions(notes)
    for column in COLUMNS:
        has_human = made.coded(column)
        found = _any_bits(index.bits_for(notes, column, pos))
        human, auto = int(has_human.sum()), int((found & ~has_human).sum())
        rows.append(
            {
                "column": column,
                "notes": n,
                "facilitators": human,
                "auto": auto,
                "none": n - human - auto,
                "facilitators_share": human / n if n else 0.0,
                "auto_share": auto / n if n else 0.0,
                "none_share": (n - human - auto) / n if n else 0.0,
            }
        )
    return pd.DataFrame(rows)


def evaluate(notes: pd.DataFrame, index: AutoIndex, codebook) -> pd.DataFrame:
    """How well the auto-coder reproduces the facilitators, per code, on the notes facilitators coded.

    For each column, the evaluated notes are those with at least one facilitator code in it; the auto-coder's codes
    for them are taken as if they were uncoded. Per code: facilitators (notes the facilitators gave it = truth),
    auto (notes the auto-coder gives it), both (agreement), precision = both / auto (NaN when auto = 0),
    recall = both / facilitators (NaN when facilitators = 0), evaluated_notes (the denominator set's size).
    Every code of the codebook is listed, in codebook order, also when neither side used it.
    """
    return _evaluate(_Facilitators(notes), _checked(index), codebook)


def _evaluate(made: _Facilitators, index: AutoIndex, codebook) -> pd.DataFrame:
    table = _code_table(codebook)
    parts = []
    for column in COLUMNS:
        space = _code_space(codebook, column)
        k = len(space)
        n, truth, guess = _truth_and_guess(made, index, column, space)
        facilitators, auto, both = _pair_counts(truth, guess, k)
        parts.append(
            pd.DataFrame(
                {
                    "code": space[:k],
                    "column": column,
                    "evaluated_notes": n,
                    "facilitators": facilitators,
                    "auto": auto,
                    "both": both,
                }
            )
        )
    out = table.merge(pd.concat(parts, ignore_index=True), on=["code", "column"], how="left")
    for name in ("evaluated_notes", "facilitators", "auto", "both"):
        out[name] = out[name].fillna(0).astype("int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        out["precision"] = np.where(out["auto"] > 0, out["both"] / out["auto"], np.nan)
        out["recall"] = np.where(out["facilitators"] > 0, out["both"] / out["facilitators"], np.nan)
    return out[
        ["code", "kind", "label", "column", "evaluated_notes", "facilitators", "auto", "both", "precision", "recall"]
    ]


def evaluation_summary(notes: pd.DataFrame, index: AutoIndex) -> pd.DataFrame:
    """One row per column: how much of the facilitators' coding the auto-coder reproduces, all codes at once.

    evaluated_notes (notes with facilitator codes in the column, the denominator), precision (codes the auto-coder
    gives that the facilitators also gave, over all it gives), recall (facilitator codes it finds, over all they
    gave), any_share (share of evaluated notes where it finds at least one of the facilitators' codes), all_share
    (where it finds every one of them). Facilitator codes that are not in the codebook count as not found.
    """
    return _evaluation_summary(_Facilitators(notes), _checked(index))


def _evaluation_summary(made: _Facilitators, index: AutoIndex) -> pd.DataFrame:
    rows = []
    for column in COLUMNS:
        space = _code_space(index, column)
        n, truth, guess = _truth_and_guess(made, index, column, space)
        if not n:
            rows.append(
                {
                    "column": column,
                    "evaluated_notes": 0,
                    "precision": np.nan,
                    "recall": np.nan,
                    "any_share": np.nan,
                    "all_share": np.nan,
                }
            )
            continue
        agree = truth & guess
        given, found, right = (int(_popcount(b).sum()) for b in (truth, guess, agree))
        rows.append(
            {
                "column": column,
                "evaluated_notes": n,
                "precision": right / found if found else np.nan,
                "recall": right / given,
                "any_share": float(_any_bits(agree).sum()) / n,
                "all_share": float(n - int(_any_bits(truth & ~guess).sum())) / n,
            }
        )  # no facilitator code missed
    return pd.DataFrame(rows)


def unmatched(notes: pd.DataFrame, index: AutoIndex) -> pd.DataFrame:
    """The notes no theme, need or responsibility code covers: no facilitator themes and no auto-coder theme match.

    What the codebook misses. A slice of ``notes`` (same index, same order).
    """
    return _unmatched(_Facilitators(notes), _checked(index))


def _unmatched(made: _Facilitators, index: AutoIndex) -> pd.DataFrame:
    notes = made.notes
    human = made.coded("themes")
    auto = _any_bits(index.bits_for(notes, "themes"))
    return notes[~(human | auto)]


# ------------------------------------------------------------------------------------------------ for the Codebook page


def keywords_text(keywords: dict | None) -> str:
    """A code's keywords in one line: "en: grant*, money; es: beca*" (languages in codebook order)."""
    return "; ".join(f"{lang}: {', '.join(words)}" for lang, words in (keywords or {}).items() if words)


def code_examples(notes: pd.DataFrame, index: AutoIndex, code: str, column: str, n: int = 5) -> pd.DataFrame:
    """Up to ``n`` notes the facilitators gave ``code`` and up to ``n`` the auto-coder gave it (notes without
    facilitator codes in ``column``), in note order. Columns: source ("facilitators" | "auto-coder"), text,
    language, matched (for auto codes: the keywords found, "grant* (en)"). No participant ids.
    ``index``: build_index's result for these notes (or for a frame they were filtered from)."""
    index = _checked(index)
    space = [code]
    human = _bit_rows(_human_bits(notes, column, space), 0) if len(notes) else np.zeros(0, dtype=bool)
    has_human = coded_mask(notes, column) if column in notes else np.zeros(len(notes), dtype=bool)
    have = index.space.get(column, ())
    if code in have:
        auto = _bit_rows(index.bits_for(notes, column), have.index(code)) & ~has_human
    else:
        auto = np.zeros(len(notes), dtype=bool)
    picks = (("facilitators", np.flatnonzero(human)[:n]), ("auto-coder", np.flatnonzero(auto)[:n]))
    said = index.keywords(notes, picks[1][1], code)
    rows = []
    for source, picked in picks:
        for j, i in enumerate(picked):
            note = notes.iloc[i]
            rows.append(
                {
                    "source": source,
                    "text": str(note["text"]),
                    "language": "" if pd.isna(note.get("language")) else str(note.get("language")),
                    "matched": said[j] if source == "auto-coder" else "",
                }
            )
    return pd.DataFrame(rows, columns=["source", "text", "language", "matched"])


#: With this many notes the codebook misses, a word must be in two of them to be listed (one note says little).
MIN_NOTES_FOR_REPEATS = 20


@dataclass(frozen=True)
class CodebookTables:
    """Everything the Codebook page counts, from one view and the export's AutoIndex."""

    cover: pd.DataFrame  # coverage by column (index: column)
    counts: pd.DataFrame  # notes per code, facilitators and auto-coder
    summary: pd.DataFrame  # the evaluation by column (index: column)
    scores: pd.DataFrame  # the evaluation per code
    missed: pd.DataFrame  # notes no code covers
    words: pd.DataFrame  # the words that come up in them


def codebook_tables(notes: pd.DataFrame, index: AutoIndex, codebook) -> CodebookTables:
    from .words import frequent_words

    index = _checked(index)
    made = _Facilitators(notes)  # the facilitators' codes as bits, once for the five tables
    missed = _unmatched(made, index)
    words = frequent_words(missed, top=20, min_notes=2 if len(missed) >= MIN_NOTES_FOR_REPEATS else 1)
    return CodebookTables(
        _coverage(made, index).set_index("column"),
        _counts_by_source(made, index, codebook),
        _evaluation_summary(made, index).set_index("column"),
        _evaluate(made, index, codebook),
        missed,
        words,
    )
