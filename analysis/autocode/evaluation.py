"""How the auto-coder compares with the facilitators, what it codes, and what the codebook misses."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.codes import _arrow_lists, code_pairs, coded_mask

from .arrays import COLUMNS, _any_rows, _column_sums, _matrix
from .index import AutoIndex, _auto_matrix, _checked, _code_space

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


def _truth_and_guess(notes: pd.DataFrame, index: AutoIndex, column: str, space: list[str]):
    """On the notes with facilitator codes in ``column``: (how many, facilitator matrix, auto-coder matrix).
    The matrices are built on all notes and then cut to those rows: cutting the frame first would copy its text."""
    mask = coded_mask(notes, column) if column in notes else np.zeros(len(notes), dtype=bool)
    if not mask.any():
        empty = np.zeros((0, max(len(space), 1)), bool)
        return 0, empty, empty.copy()
    truth = _matrix(_arrow_lists(notes[column]), space)[mask]
    guess = _auto_matrix(notes, index, column, space)[mask]
    if guess.shape[1] < truth.shape[1]:
        guess = np.pad(guess, ((0, 0), (0, truth.shape[1] - guess.shape[1])))
    if truth.shape[1] < guess.shape[1]:
        truth = np.pad(truth, ((0, 0), (0, guess.shape[1] - truth.shape[1])))
    return int(mask.sum()), truth, guess


def counts_by_source(notes: pd.DataFrame, index: AutoIndex, codebook) -> pd.DataFrame:
    """Notes carrying each codebook code, from facilitators and from the auto-coder ("both" mode, split).

    One row per code of the codebook (codes with no notes stay, at 0), in codebook order: code, kind, label,
    column, facilitators (notes the facilitators gave it), auto (notes without facilitator codes in that column that
    the auto-coder gave it), total (the sum: notes carrying it in "both" mode), all_notes (the denominator for
    shares: every note given). A note with several codes counts once for each. Codes outside the codebook are not
    listed.
    """
    index = _checked(index)
    table = _code_table(codebook)
    parts = []
    for column in COLUMNS:
        space = _code_space(codebook, column)
        human = _matrix(_arrow_lists(notes[column]), space) if column in notes else np.zeros((len(notes), 1), bool)
        auto = _auto_matrix(notes, index, column, space)
        auto[_any_rows(human)] = False
        k = len(space)
        parts.append(
            pd.DataFrame(
                {
                    "code": space,
                    "column": column,
                    "facilitators": _column_sums(human[:, :k]) if k else [],
                    "auto": _column_sums(np.pad(auto, ((0, 0), (0, max(0, k - auto.shape[1]))))[:, :k]) if k else [],
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
    index = _checked(index)
    rows = []
    n = len(notes)
    for column in COLUMNS:
        has_human = coded_mask(notes, column) if column in notes else np.zeros(n, dtype=bool)
        found = _auto_matrix(notes, index, column, _code_space(index, column))
        human, auto = int(has_human.sum()), int((_any_rows(found) & ~has_human).sum())
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
    index = _checked(index)
    table = _code_table(codebook)
    parts = []
    for column in COLUMNS:
        space = _code_space(codebook, column)
        n, truth, guess = _truth_and_guess(notes, index, column, space)
        k = len(space)
        parts.append(
            pd.DataFrame(
                {
                    "code": space,
                    "column": column,
                    "evaluated_notes": n,
                    "facilitators": _column_sums(truth[:, :k]),
                    "auto": _column_sums(guess[:, :k]),
                    "both": _column_sums((truth & guess)[:, :k]),
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
    index = _checked(index)
    rows = []
    for column in COLUMNS:
        space = _code_space(index, column)
        n, truth, guess = _truth_and_guess(notes, index, column, space)
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
        given, found, right = (int(np.count_nonzero(m)) for m in (truth, guess, agree))
        rows.append(
            {
                "column": column,
                "evaluated_notes": n,
                "precision": right / found if found else np.nan,
                "recall": right / given,
                "any_share": float(_any_rows(agree).sum()) / n,
                "all_share": float((~_any_rows(truth & ~guess)).sum()) / n,
            }
        )  # no facilitator code missed
    return pd.DataFrame(rows)


def unmatched(notes: pd.DataFrame, index: AutoIndex) -> pd.DataFrame:
    """The notes no theme, need or responsibility code covers: no facilitator themes and no auto-coder theme match.

    What the codebook misses. A slice of ``notes`` (same index, same order).
    """
    index = _checked(index)
    human = coded_mask(notes, "themes") if "themes" in notes else np.zeros(len(notes), dtype=bool)
    space = _code_space(index, "themes")
    auto = _any_rows(_auto_matrix(notes, index, "themes", space))
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
    human = np.zeros(len(notes), dtype=bool)
    if column in notes and len(notes):
        rows, numbers, dictionary = code_pairs(notes, column)
        if code in dictionary:
            human[rows[numbers == dictionary.index(code)]] = True
    has_human = coded_mask(notes, column) if column in notes else np.zeros(len(notes), dtype=bool)
    space = [code]
    auto = index.matrix(notes, column, space)[:, 0] & ~has_human
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

    missed = unmatched(notes, index)
    words = frequent_words(missed, top=20, min_notes=2 if len(missed) >= MIN_NOTES_FOR_REPEATS else 1)
    return CodebookTables(
        coverage(notes, index).set_index("column"),
        counts_by_source(notes, index, codebook),
        evaluation_summary(notes, index).set_index("column"),
        evaluate(notes, index, codebook),
        missed,
        words,
    )
