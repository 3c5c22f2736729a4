"""Which themes the notes raise: how often, where and when, together, and the notes behind each.

Every share here has the same denominator unless a docstring says otherwise: the notes in view that carry at least one
of the codes shown (for strategy themes: the notes that carry a strategy theme), under the codes counted. A note with
several codes counts once for each. Definitions: docs/analysis/themes.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from loaders.regions import REGION_IDS

from .codes import _arrow_lists, code_frequency, code_pairs, note_codes
from .messages import DEFAULT, current, msg
from .participation import Words
from .settings import settings
from .vocabulary import display_group, pct, region_label

#: Heat-map columns a user can break themes down by: id -> words for titles and axes, in the language in force when
#: read (prefer :func:`grouping_label`).
GROUPINGS: Mapping[str, str] = Words(
    {
        "question_round": "harvest-measures-grouping-question-round",
        "region": "harvest-measures-grouping-region",
        "community_type": "harvest-measures-grouping-community-type",
        "question": "harvest-measures-grouping-question",
        "round": "harvest-measures-grouping-round",
    }
)
#: The kind given to codes the codebook does not know (an identifier, like the codebook's kinds: never shown as is).
UNKNOWN_KIND = "not in codebook"
NOT_KNOWN = "not known"
#: A group needs this many coded notes before the headline sentence of a heat map picks it (small groups stay in the
#: chart; a 1-of-1 "100%" is not a finding).
MIN_GROUP_NOTES = 5
#: Columns of a drill-down table, in order: what the note says and where it was said, never who wrote it (no id, no
#: author attribute: analysis/privacy.py, notes tables).
NOTE_COLUMNS = ("text", "question", "round", "table", "codes")
#: Their headings on screen (the text column is configured by the page), in the language in force when read.
NOTE_HEADINGS: Mapping[str, str] = Words(
    {
        "question": "harvest-measures-heading-question",
        "round": "harvest-measures-heading-round",
        "table": "harvest-measures-heading-table",
        "codes": "harvest-measures-heading-codes",
        "matched": "harvest-measures-heading-matched",
        "codes_from": "harvest-measures-heading-codes-from",
    }
)


def grouping_label(by: str) -> str:
    """A heat map's grouping as a title or an axis names it ("Region", "Question and round"), in the language in
    force; a grouping not offered, by its identifier."""
    return GROUPINGS.get(by, by)


def grouping_noun(by: str) -> str:
    """A heat map's grouping as said inside a sentence ("region", "community type"), in the language in force: what
    the pages used to get from ``GROUPINGS[by].lower()``."""
    return msg(f"harvest-measures-grouping-noun-{by.replace('_', '-')}") if by in GROUPINGS else by


def not_known_group(by: str) -> str:
    """The label of the group of notes whose ``by`` is missing ("Region not known"), in the language in force, as
    :func:`group_of` and :func:`theme_by` name it (last in their order)."""
    if by in GROUPINGS and by != "question_round":
        return msg(f"harvest-measures-not-known-{by.replace('_', '-')}")
    if by == "question_round":
        return msg("harvest-measures-round-not-known-question", msg("harvest-measures-question-not-known"))
    return msg("harvest-measures-not-known", by)


def codebook_codes(codes: pd.DataFrame, kinds: Sequence[str]) -> pd.DataFrame:
    """The codebook's codes of the chosen kinds, in codebook order: id, kind, label, description, order."""
    table = codes.reset_index(drop=True).assign(order=lambda t: np.arange(len(t)))
    return table[table["kind"].isin(list(kinds))][["id", "kind", "label", "description", "order"]]


def carrying_any(notes: pd.DataFrame, wanted: Sequence[str], column: str = "themes") -> int:
    """Notes carrying at least one of ``wanted`` in ``column``: the denominator of every share of these codes."""
    rows, numbers, dictionary = code_pairs(notes, column)
    if not len(numbers):
        return 0
    keep = set(map(str, wanted))
    hit = np.array([str(c) in keep for c in dictionary], dtype=bool)[numbers]
    return int(len(np.unique(rows[hit])))


def theme_frequency(
    notes: pd.DataFrame, codes: pd.DataFrame, kinds: Sequence[str] = ("theme",), include_unknown: bool = True
) -> pd.DataFrame:
    """Notes carrying each code of the chosen kinds, with the codebook's label and description.

    One row per codebook code of those kinds (codes no note carries stay, at 0: a silent theme is a finding) and,
    when ``include_unknown``, one per code found on the notes that the codebook does not know (label = the raw code,
    ``in_codebook`` False). Columns: code, label, description, kind, in_codebook, notes, share, coded_notes,
    all_notes, order. ``coded_notes`` are the notes carrying at least one of the rows' codes (for strategy themes:
    the notes that carry a strategy theme), and share = notes / coded_notes. Sorted by notes, then codebook order.
    """
    book = codebook_codes(codes, kinds)
    counted = code_frequency(notes, "themes")
    by_code = counted.set_index("code")["notes"] if len(counted) else pd.Series(dtype="int64")
    rows = book.rename(columns={"id": "code"}).assign(in_codebook=True)
    unknown: list[str] = []
    if include_unknown:
        unknown = sorted(set(by_code.index) - set(codes["id"]))
        rows = pd.concat(
            [
                rows,
                pd.DataFrame(
                    {
                        "code": unknown,
                        "kind": UNKNOWN_KIND,
                        "label": unknown,
                        "description": msg("harvest-measures-unknown-code-description"),
                        "in_codebook": False,
                        "order": np.arange(len(unknown)) + len(codes),
                    }
                ),
            ],
            ignore_index=True,
        )
    coded = carrying_any(notes, [*book["id"], *unknown])
    rows["notes"] = rows["code"].map(by_code).fillna(0).astype("int64")
    rows["share"] = rows["notes"] / coded if coded else 0.0
    rows["coded_notes"] = coded
    rows["all_notes"] = len(notes)
    rows = rows[
        ["code", "label", "description", "kind", "in_codebook", "notes", "share", "coded_notes", "all_notes", "order"]
    ]
    return sort_frequency(rows, "notes")


def unknown_codes(notes: pd.DataFrame, codes: pd.DataFrame, column: str = "themes") -> pd.DataFrame:
    """Codes on the notes that the codebook does not know: code, notes (carrying it), most first."""
    counted = code_frequency(notes, column)
    if counted.empty:
        return pd.DataFrame({"code": pd.Series(dtype="str"), "notes": pd.Series(dtype="int64")})
    known = set(codes["id"]) if len(codes) else set()
    return counted.loc[~counted["code"].isin(known), ["code", "notes"]].reset_index(drop=True)


#: The orders a user can choose for the frequency table: key -> its name, in the language in force when read.
SORTS: Mapping[str, str] = Words(
    {
        "notes": "harvest-measures-sort-notes",
        "codebook": "harvest-measures-sort-codebook",
        "label": "harvest-measures-sort-label",
    }
)


def sort_frequency(freq: pd.DataFrame, by: str = "notes") -> pd.DataFrame:
    """The frequency table in the order a user chose: "notes" (most first), "codebook" or "label" (A to Z)."""
    if by == "codebook":
        return freq.sort_values("order", ignore_index=True)
    if by == "label":
        return freq.sort_values("label", key=lambda s: s.str.casefold(), ignore_index=True)
    return freq.sort_values(["notes", "order"], ascending=[False, True], ignore_index=True)


def group_of(notes: pd.DataFrame, by: str, questions: Mapping[str, str] | None = None) -> tuple[np.ndarray, list[str]]:
    """Each note's group under ``by`` (see GROUPINGS), as a position in the returned list of group labels.

    Labels are in display order: regions by name in the fixed region order, rounds in number order, question and
    round as "Round 3 (Q2)" in round order (with ``questions``, question id -> how to show it: "Round 3 (Q2 · How
    would this…)"), other values A to Z. Notes whose value is missing (an anonymous note's region, a note without
    round) fall in "… not known" (:func:`not_known_group`), last. Labels are words shown on an axis, so they are in
    the language in force ("Tour 3 (Q2)" in French); their order and the groups are the same in every language.
    Vectorised: labels are made per distinct value.
    """
    missing = not_known_group(by)
    if by == "question_round":
        rounds = (
            notes["round"].astype("string") if "round" in notes else pd.Series(pd.NA, index=notes.index, dtype="string")
        )
        asked = (
            notes["question"].astype("string")
            if "question" in notes
            else pd.Series(pd.NA, index=notes.index, dtype="string")
        )
        keys = pd.DataFrame({"r": rounds, "q": asked})
        distinct = keys.drop_duplicates()
        shown = distinct["q"].map(lambda q: (questions or {}).get(q, q), na_action="ignore").astype("string")
        unasked = msg("harvest-measures-question-not-known")
        labels = [
            msg("harvest-measures-round-not-known-question", q)
            if pd.isna(r)
            else msg("harvest-measures-round-question", r, q)
            for r, q in zip(distinct["r"], shown.fillna(unasked), strict=True)
        ]
        distinct = distinct.assign(
            n=pd.to_numeric(distinct["r"], errors="coerce").astype("float64").fillna(np.inf),
            label=pd.array(labels, dtype="string"),
        ).sort_values(["n", "q"], na_position="last")
        order = list(dict.fromkeys(distinct["label"]))
        merged = keys.merge(distinct, on=["r", "q"], how="left")["label"]
        return pd.Categorical(merged, categories=order).codes.astype("int64"), order
    if by not in notes:
        return np.zeros(len(notes), dtype="int64"), [missing] if len(notes) else []
    raw = notes[by]
    values = raw.astype("category") if not isinstance(raw.dtype, pd.CategoricalDtype) else raw
    categories = [str(c) for c in values.cat.categories]
    if by == "region":
        names = {c: region_label(c) for c in categories}
        ranked = [c for c in REGION_IDS if c in names] + [c for c in categories if c not in REGION_IDS]
    elif by == "round":
        names = {c: msg("harvest-measures-round", c) for c in categories}
        ranked = sorted(categories, key=lambda c: (pd.to_numeric(c, errors="coerce"), c))
    else:
        names = {c: display_group(c) for c in categories}  # a merged group in the reader's words; names as given
        ranked = sorted(categories, key=str.casefold)
    codes = values.cat.codes.to_numpy().astype("int64")
    used = np.bincount(codes[codes >= 0], minlength=len(categories)) > 0
    order = [names[c] for c in ranked if used[categories.index(c)]]
    lookup = np.array(
        [order.index(names[c]) if used[i] else -1 for i, c in enumerate(categories)] + [len(order)], dtype="int64"
    )
    groups = lookup[codes]  # code -1 (missing) takes the last entry: the "not known" group
    if (codes < 0).any():
        order.append(missing)
    return groups, order


def theme_by(
    notes: pd.DataFrame, codes: Sequence[str], by: str, questions: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Notes carrying each code within each group, as a share of that group's notes carrying any of ``codes``.

    One row per (code, group) for every code in ``codes`` and every group present (zeros kept). Columns: code,
    group, notes (carrying the code), group_coded_notes (the group's notes carrying at least one of ``codes``: the
    denominator), group_notes (all the group's notes), share. Groups are display labels in display order
    (``group_of``; ``questions``: how to show each question in "question_round" labels).
    """
    codes = list(codes)
    groups, order = group_of(notes, by, questions)
    size = len(order)
    rows, numbers, dictionary = code_pairs(notes, "themes")
    index = pd.Index(codes).get_indexer(pd.Index(dictionary, dtype=object))[numbers] if len(numbers) else numbers
    keep = index >= 0
    cells = index[keep] * size + groups[rows[keep]]
    counts = np.bincount(cells, minlength=len(codes) * size)[: len(codes) * size]
    carrying = np.zeros(len(notes), dtype=bool)
    carrying[rows[keep]] = True
    coded = np.bincount(groups[carrying], minlength=size)[:size]
    total = np.bincount(groups, minlength=size)[:size]
    grid = pd.DataFrame(
        {
            "code": np.repeat(codes, size).astype(object),
            "group": order * len(codes),
            "notes": counts.astype("int64"),
            "group_coded_notes": np.tile(coded, len(codes)),
            "group_notes": np.tile(total, len(codes)),
        }
    )
    grid["share"] = (grid["notes"] / grid["group_coded_notes"].where(grid["group_coded_notes"] > 0)).fillna(0.0)
    return grid


def co_occurrence(notes: pd.DataFrame, codes: Sequence[str]) -> pd.DataFrame:
    """How often two codes are on the same note.

    One row per ordered pair (code_a, code_b) of ``codes``, the diagonal included (code_a == code_b: notes carrying
    that code). Columns: code_a, code_b, notes (carrying both), notes_a (carrying code_a: the denominator),
    share_of_a = notes / notes_a ("of the notes raising A, this share also raised B").
    """
    codes = list(codes)
    both = _together(notes, codes)
    grid = pd.MultiIndex.from_product([list(codes), list(codes)], names=["code_a", "code_b"]).to_frame(index=False)
    grid["notes"] = both.reshape(-1).astype("int64")
    alone = grid[grid["code_a"] == grid["code_b"]].set_index("code_a")["notes"]
    grid["notes_a"] = grid["code_a"].map(alone).astype("int64")
    grid["share_of_a"] = (grid["notes"] / grid["notes_a"].where(grid["notes_a"] > 0)).fillna(0.0)
    return grid


def _together(notes: pd.DataFrame, codes: list[str]) -> np.ndarray:
    """codes x codes: notes carrying both (the diagonal: notes carrying the code).

    Each note's codes become one number with a bit per code; the distinct combinations are counted once
    (``bincount``), and each pair's count is summed over the few combinations that hold it: no join of notes with
    themselves. With more than 20 codes a notes x codes matrix product does the same."""
    k = len(codes)
    rows, numbers, dictionary = code_pairs(notes, "themes")
    index = pd.Index(codes).get_indexer(pd.Index(dictionary, dtype=object))[numbers] if len(numbers) else numbers
    keep = index >= 0
    rows, index = rows[keep], index[keep]
    if not k or not len(rows):
        return np.zeros((k, k), dtype=np.int64)
    if k > 20:
        member = np.zeros((len(notes), k), dtype=np.float64)
        member[rows, index] = 1.0
        return np.rint(member.T @ member).astype(np.int64)
    bits = np.bincount(rows, weights=np.left_shift(1, index).astype(np.float64), minlength=len(notes))
    combos = np.bincount(bits.astype(np.int64), minlength=1 << k)
    present = np.flatnonzero(combos)
    member = (present[:, None] >> np.arange(k)) & 1
    return (member * combos[present][:, None]).T @ member


def notes_with_code(
    notes: pd.DataFrame, code: str | None, label: Callable[[str], str] = str, k: int | None = None
) -> pd.DataFrame:
    """The notes carrying ``code`` (all notes when ``code`` is None), ready to read: NOTE_COLUMNS, never who wrote it.

    codes lists every code on the note by its label, separated by "; ".
    """
    if code is None:
        return readable_notes(notes, np.arange(len(notes)), label=label, k=k)
    pairs = note_codes(notes, "themes")
    return readable_notes(notes, np.unique(pairs.loc[pairs["code"] == code, "row"].to_numpy()), label=label, k=k)


def _table_keys(notes: pd.DataFrame) -> np.ndarray:
    """Each note's (session, table) as one integer (-1 where the table is missing): grouping on numbers, never on a
    string per note (at a million notes, strings cost over a second)."""
    key = np.zeros(len(notes), dtype=np.int64)
    missing = np.zeros(len(notes), dtype=bool)
    for column in ("session", "table"):
        if column not in notes:
            continue
        codes, uniques = pd.factorize(notes[column], use_na_sentinel=True)
        missing |= codes < 0
        key = key * (len(uniques) + 1) + codes
    key[missing] = -1
    return key


def small_table_mask(notes: pd.DataFrame, k: int) -> np.ndarray:
    """True for each note written at a table (within its session) where fewer than k named authors wrote among
    ``notes``: such a table is not named beside a note, as a table and a round could then point to one person."""
    if "table" not in notes:
        return np.zeros(len(notes), dtype=bool)
    key = _table_keys(notes)
    at_table = key >= 0
    if "participant_id" not in notes:
        return at_table
    _, table = np.unique(key, return_inverse=True)
    author, authors = pd.factorize(notes["participant_id"], use_na_sentinel=True)
    named = at_table & (author >= 0)
    pairs = np.unique(table[named].astype(np.int64) * (len(authors) + 1) + author[named])
    per_table = np.bincount(pairs // (len(authors) + 1), minlength=table.max() + 1 if len(table) else 0)
    return at_table & (per_table[table] < k)


def readable_notes(
    notes: pd.DataFrame, rows: np.ndarray, label: Callable[[str], str] = str, k: int | None = None
) -> pd.DataFrame:
    """Notes at positions ``rows`` as a plain table (NOTE_COLUMNS); the text stays exactly as written.

    A table at which fewer than k named authors wrote among ``notes`` reads "fewer than k authors" instead of its
    name. codes lists the note's codes as recorded, by label, joined with "; " (built with pyarrow: no Python loop
    per note).
    """
    k = k or settings().min_group_size
    picked = notes.iloc[rows]
    out = pd.DataFrame(index=range(len(picked)))
    for column in NOTE_COLUMNS[:-1]:
        out[column] = picked[column].astype(object).to_numpy() if column in picked else np.full(len(picked), None)
    if "table" in picked and len(picked):
        hide = small_table_mask(notes, k)[rows]
        out.loc[hide, "table"] = msg("harvest-measures-fewer-authors", str(k) if current() == DEFAULT else k)
    out["round"] = pd.array(out["round"], dtype="Int32")
    if "themes" not in picked or picked.empty:
        out["codes"] = ""
        return out
    lists = _arrow_lists(picked["themes"])
    flat = pc.list_flatten(lists)
    if pa.types.is_dictionary(flat.type):
        flat = flat.dictionary_decode()
    known = pc.unique(flat)
    names = pa.array([label(code) for code in known.to_pylist()], pa.string())
    offsets = pc.subtract(lists.offsets, lists.offsets[0])
    joined = pc.binary_join(pa.ListArray.from_arrays(offsets, names.take(pc.index_in(flat, value_set=known))), "; ")
    out["codes"] = pc.fill_null(joined, "").to_pylist()
    if "themes_confirmed" in picked:  # facilitators' decisions on auto codes in force: say where each note's came from
        out["codes_from"] = _codes_from(picked, lists)
    return out


def _codes_from(picked: pd.DataFrame, lists) -> np.ndarray:
    """Per note, who gave its theme codes: "facilitators", "facilitators (confirmed auto-coder proposal)" (a code
    confirmed on the Codebook page, loaders/decisions.py), "auto-coder", or "" for none. Never who in person."""
    coded = np.asarray(pc.fill_null(pc.greater(pc.list_value_length(lists), 0), False), dtype=bool)
    auto = picked["themes_auto"].to_numpy(dtype=bool) if "themes_auto" in picked else np.zeros(len(picked), bool)
    confirmed = picked["themes_confirmed"].to_numpy(dtype=bool)
    return np.select(
        [~coded, auto, confirmed],
        ["", msg("harvest-measures-codes-from-auto"), msg("harvest-measures-codes-from-confirmed")],
        msg("harvest-measures-codes-from-facilitators"),
    ).astype(object)


def search_notes(table: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows whose text contains ``query`` as typed, ignoring case (plain text, not a pattern); all rows if empty."""
    query = (query or "").strip()
    if not query:
        return table
    hit = table["text"].astype("string").str.casefold().str.contains(query.casefold(), regex=False, na=False)
    return table[hit.to_numpy(dtype=bool)].reset_index(drop=True)


# --- the finding of each chart, as one sentence computed from its data -------------------------------------------


def co_sentence(pairs: pd.DataFrame, label: Callable[[str], str] = str) -> str:
    """The two codes most often on the same note, in the language in force."""
    off = pairs[pairs["code_a"] < pairs["code_b"]]
    if off.empty or off["notes"].max() == 0:
        return msg("harvest-measures-co-none")
    top = off.sort_values(["notes", "code_a", "code_b"], ascending=[False, True, True]).iloc[0]
    a_share = top["notes"] / top["notes_a"]
    notes = int(top["notes"])
    return msg(
        "harvest-measures-co",
        label(top["code_a"]),
        label(top["code_b"]),
        str(notes) if current() == DEFAULT else notes,
        pct(a_share),
    )
