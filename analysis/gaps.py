"""Gaps against the strategic direction "Service and equity": which commitments the discussion addressed and which it
barely touched (blind spots), which groups spoke to which commitment, and whose presence and voice fell short.

Definitions, numerators and denominators: docs/analysis/gaps.md.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from loaders.regions import REGIONS

from . import messages
from .codes import code_pairs
from .messages import msg
from .participation import notes_by, representation, voice_gap
from .vocabulary import NOT_KNOWN

#: A commitment addressed by fewer than this share of the notes shown is a blind spot (the page's default).
DEFAULT_BLIND_SPOT = 0.05


def not_in_codebook() -> str:
    """The label given to direction codes that the codebook does not know (they are counted under their raw id), in
    the language in force: "not in the codebook". A row's ``level`` "unknown" (or ``in_codebook`` False) says the
    same in every language."""
    return msg("harvest-measures-not-in-codebook")


def __getattr__(name: str):
    """NOT_IN_CODEBOOK, once a constant: the label of :func:`not_in_codebook`, made in the language in force when it
    is read (``from analysis.gaps import NOT_IN_CODEBOOK`` reads it once, at import: prefer the function)."""
    if name == "NOT_IN_CODEBOOK":
        return not_in_codebook()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: The "who spoke to what" sentence names the strongest pairing among groups with at least this many notes, so that
#: a group with one note (100% of its notes on one commitment) does not make the headline.
MIN_GROUP_NOTES = 5  # kept for the page's heat maps; findings use harvest.toml's min_group_notes

#: What a row of coverage counts: a commitment of the codebook, a pillar named without a commitment (a
#: direction-level code such as knowledge_equity), or a code the codebook does not know.
LEVELS = ("commitment", "pillar", "unknown")

COVERAGE_COLUMNS = [
    "commitment",
    "pillar",
    "pillar_label",
    "label",
    "in_codebook",
    "level",
    "notes",
    "note_share",
    "coded_notes",
    "all_notes",
    "tables",
    "table_share",
    "all_tables",
]


def table_keys(notes: pd.DataFrame) -> pd.Series:
    """The table each note was written at, as "session / table" (tables are named per session); NaN when the note has
    no table. Same index as ``notes``."""
    ids, names = _table_ids(notes)
    return pd.Series(np.array([*names, np.nan], dtype=object)[ids], index=notes.index, dtype="object")


def _table_ids(notes: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    """Each note's table as a number (-1: no table), and the "session / table" name of each number, in order of
    session and table categories. Numbers from the category codes: no string is built per note."""
    if "table" not in notes or notes.empty:
        return np.full(len(notes), -1, dtype=np.int64), []
    table = _as_category(notes["table"])
    t_codes = table.cat.codes.to_numpy().astype(np.int64)
    t_names = [str(c) for c in table.cat.categories]
    if "session" in notes:
        session = _as_category(notes["session"])
        s_codes = session.cat.codes.to_numpy().astype(np.int64)
        s_names = [f"{c} / " for c in session.cat.categories] + [" / "]  # a note without session: "" + " / " + table
        s_codes = np.where(s_codes < 0, len(s_names) - 1, s_codes)
    else:
        s_codes, s_names = np.zeros(len(notes), dtype=np.int64), [""]
    width = max(len(t_names), 1)
    raw = np.where(t_codes >= 0, s_codes * width + t_codes, -1)
    given = raw >= 0
    if len(s_names) * width <= 10_000_000:
        present = np.flatnonzero(np.bincount(raw[given], minlength=len(s_names) * width))
    else:
        present = np.unique(raw[given])
    number = np.full(len(s_names) * width, -1, dtype=np.int64)
    number[present] = np.arange(len(present))
    names = [s_names[r // width] + t_names[r % width] for r in present]
    return np.where(given, number[np.maximum(raw, 0)], -1), names


def _as_category(values: pd.Series) -> pd.Series:
    return values if isinstance(values.dtype, pd.CategoricalDtype) else values.astype("category")


def _group_numbers(notes: pd.DataFrame, by: str) -> tuple[np.ndarray, list[str]]:
    """Each note's group under ``by`` as a number, and the group of each number ("Not known" last)."""
    if by not in notes:
        return np.zeros(len(notes), dtype=np.int64), [NOT_KNOWN]
    values = _as_category(notes[by])
    codes = values.cat.codes.to_numpy().astype(np.int64)
    labels = [str(c) for c in values.cat.categories] + [NOT_KNOWN]
    return np.where(codes < 0, len(labels) - 1, codes), labels


def coverage(notes: pd.DataFrame, commitments: pd.DataFrame) -> pd.DataFrame:
    """How much of the discussion addressed each commitment of the direction.

    One row per commitment of the codebook, in codebook order (commitments nobody addressed stay, at 0), each pillar
    followed by a row for the notes coded with the pillar itself (a direction-level code such as knowledge_equity:
    ``level`` "pillar", ``label`` "Knowledge equity, commitment not specified") when any note is; then one row per
    direction code found in the notes that the codebook does not know, counted under its raw id with ``in_codebook``
    False, ``level`` "unknown" and ``label`` "not in the codebook" (most notes first). Codes are compared as given:
    the View's notes carry the codebook's ids (analysis.codes.named_by).

    Columns: commitment, pillar, pillar_label, label, in_codebook, level, notes (notes that address it), note_share
    (notes / coded_notes), coded_notes (the notes in the selection that carry at least one direction code, under the
    codes counted: the denominator), all_notes (every note in the selection), tables (tables at which at least one note addresses it), table_share (tables / all_tables), all_tables
    (tables with at least one note in the selection; a table is a session's table, and notes without a table count
    for notes only). A note addressing several commitments counts once for each, so shares can add up to more than 1.
    """
    rows, numbers, dictionary = code_pairs(notes, "direction")
    tables, names = _table_ids(notes)
    all_notes, all_tables = len(notes), len(names)
    valid = np.array([code is not None for code in dictionary], dtype=bool)
    note_counts = pd.Series(np.bincount(numbers, minlength=len(dictionary)), index=pd.Index(dictionary, dtype=object))
    seen = np.zeros((max(all_tables, 1), len(dictionary)), dtype=bool)
    at = tables[rows]
    seen[at[at >= 0], numbers[at >= 0]] = True
    table_counts = pd.Series(seen.sum(axis=0), index=note_counts.index)
    note_counts, table_counts = note_counts[valid], table_counts[valid]

    out = _commitment_rows(commitments, note_counts)
    out["notes"] = out["commitment"].map(note_counts).fillna(0).astype("int64")
    coded = int(len(np.unique(rows)))
    out["note_share"] = out["notes"] / coded if coded else 0.0
    out["coded_notes"] = coded
    out["all_notes"] = all_notes
    out["tables"] = out["commitment"].map(table_counts).fillna(0).astype("int64")
    out["table_share"] = out["tables"] / all_tables if all_tables else 0.0
    out["all_tables"] = all_tables
    return out[COVERAGE_COLUMNS]


def pillar_label(label: str) -> str:
    """What a note coded with the pillar itself addressed: "Knowledge equity, commitment not specified"."""
    return msg("harvest-measures-pillar-itself", label)


def _commitment_rows(commitments: pd.DataFrame, note_counts: pd.Series) -> pd.DataFrame:
    """The commitments in coverage's order: the codebook's, each pillar's own row after its commitments when notes
    name the pillar itself, then codes the codebook does not know (most notes first)."""
    known = commitments.reindex(columns=["id", "pillar", "pillar_label", "label"]).rename(columns={"id": "commitment"})
    known = known.assign(in_codebook=True, level="commitment").reset_index(drop=True)
    pillars = dict(zip(known["pillar"], known["pillar_label"], strict=True))
    named = [p for p in pillars if int(note_counts.get(p, 0)) > 0]
    if named:
        pieces = []
        for pillar in dict.fromkeys(known["pillar"]):
            pieces.append(known[known["pillar"] == pillar])
            if pillar in named:
                own = {"commitment": pillar, "pillar": pillar, "pillar_label": pillars[pillar]}
                own |= {"label": pillar_label(pillars[pillar]), "in_codebook": True, "level": "pillar"}
                pieces.append(pd.DataFrame([own]))
        known = pd.concat(pieces, ignore_index=True)
    extra = note_counts[~note_counts.index.isin(known["commitment"]) & (note_counts > 0)]
    extra = sorted(extra.index, key=lambda code: (-int(extra[code]), code))
    unknown = pd.DataFrame(
        {
            "commitment": extra,
            "pillar": None,
            "pillar_label": not_in_codebook(),
            "label": not_in_codebook(),
            "in_codebook": False,
            "level": "unknown",
        }
    )
    out = pd.concat([known, unknown], ignore_index=True) if len(unknown) else known.reset_index(drop=True)
    return out.astype(
        {
            "commitment": "object",
            "pillar": "object",
            "pillar_label": "object",
            "label": "object",
            "in_codebook": bool,
            "level": "object",
        }
    )


def blind_spots(covered: pd.DataFrame, threshold: float = DEFAULT_BLIND_SPOT) -> pd.DataFrame:
    """The commitments of the direction that the discussion barely touched: codebook commitments addressed by fewer
    than ``threshold`` (a share of 1) of the notes in the selection. Rows of :func:`coverage`, least addressed first.
    Only commitments are: codes that are not in the codebook are never blind spots (they are flagged instead), nor
    are a pillar's own notes; with no notes there is no evidence either way, so nothing is called a blind spot."""
    commitment = covered["level"] == "commitment" if "level" in covered else covered["in_codebook"]
    rows = covered[commitment & (covered["coded_notes"] > 0) & (covered["note_share"] < threshold)]
    order = {c: i for i, c in enumerate(covered["commitment"])}
    rows = rows.assign(_order=rows["commitment"].map(order))
    return rows.sort_values(["note_share", "_order"]).drop(columns="_order").reset_index(drop=True)


def unknown_codes(covered: pd.DataFrame) -> pd.DataFrame:
    """Rows of :func:`coverage` for direction codes the codebook does not know (counted under their raw id)."""
    return covered[~covered["in_codebook"]].reset_index(drop=True)


def who_spoke(notes: pd.DataFrame, commitments: pd.DataFrame, by: str = "region") -> pd.DataFrame:
    """Which groups of authors addressed which commitment: one row per (group, commitment), zeros included.

    Columns: <by> (a region id, a community type, or "Not known" for anonymous notes and authors whose group is not
    known), commitment, label, in_codebook, level (as in :func:`coverage`), notes (that group's notes addressing the
    commitment), group_notes (that group's notes in the selection carrying a direction code: the denominator), share
    (notes / group_notes). Groups without notes are left out; regions keep their fixed order, other groups their
    category order, "Not known" last. Commitments come in :func:`coverage` order, codes not in the codebook last. A
    note addressing several commitments counts once for each.
    """
    columns = [by, "commitment", "label", "in_codebook", "level", "notes", "group_notes", "share"]
    rows, numbers, dictionary = code_pairs(notes, "direction")
    totals = notes_by(notes.iloc[np.unique(rows)], by)  # the group's notes coded for the direction
    totals = totals[totals["notes"] > 0]
    if totals.empty:
        return pd.DataFrame(columns=columns)
    valid = [code is not None for code in dictionary]
    covered = _commitment_rows(
        commitments,
        pd.Series(np.bincount(numbers, minlength=len(dictionary)), index=pd.Index(dictionary, dtype=object))[valid],
    )
    groups, labels = _group_numbers(notes, by)
    size = max(len(dictionary), 1)
    cells = np.bincount(groups[rows] * size + numbers, minlength=len(labels) * size)
    counts = pd.DataFrame(
        {
            by: np.repeat(np.array(labels, dtype=object), size),
            "commitment": np.tile(np.array(dictionary + [None] * (size - len(dictionary)), dtype=object), len(labels)),
            "notes": cells.astype("int64"),
        }
    )
    counts = counts[(counts["notes"] > 0) & counts["commitment"].notna()]
    grid = pd.MultiIndex.from_product([totals[by].astype(str), covered["commitment"]], names=[by, "commitment"])
    out = grid.to_frame(index=False)
    out = out.merge(covered[["commitment", "label", "in_codebook", "level"]], on="commitment", how="left")
    out = out.merge(counts, on=[by, "commitment"], how="left")
    out["notes"] = out["notes"].fillna(0).astype("int64")
    out["group_notes"] = out[by].map(dict(zip(totals[by].astype(str), totals["notes"], strict=True))).astype("int64")
    out["share"] = out["notes"] / out["group_notes"]
    return out[columns]


def equity_picture(people: pd.DataFrame, notes: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Presence and voice per region, side by side: who was in the room compared with the world, and whose words
    were recorded compared with who was in the room.

    One row per region (fixed order), and a "Not known" row when participants or notes have no region (counts only).
    Columns: region, population_share (of the world, 2017), people, people_share (of the participants whose region is
    known), representation_gap (people_share - population_share), notes, notes_share (of the notes whose author's
    region is known), voice_gap (notes_share - people_share), known_people, known_notes, all_people, all_notes.
    Gaps are in shares of 1 (0.05 = 5 percentage points).

    Built from analysis.participation.representation and voice_gap(known_only=True), the Participation page's
    reading: people and notes with no known region are left out of the denominators, so anonymous notes do not make
    every region look quieter than it was, and both gaps share one participant share.
    """
    rep = representation(people, population).rename(columns={"gap": "representation_gap"})
    voice = voice_gap(people, notes, "region", known_only=True).rename(columns={"gap": "voice_gap"})
    out = voice.merge(rep[["region", "population_share", "representation_gap"]], on="region", how="outer")
    order = {r: i for i, r in enumerate([*REGIONS, NOT_KNOWN])}
    out = out.sort_values("region", key=lambda s: s.map(order)).reset_index(drop=True)
    for name in ("people", "notes"):
        out[name] = out[name].fillna(0).astype("int64")
    known = out["region"] != NOT_KNOWN
    for name in ("people_share", "notes_share", "voice_gap"):
        out.loc[known, name] = out.loc[known, name].fillna(0.0)
    out["known_people"] = int(out.loc[known, "people"].sum())
    out["known_notes"] = int(out.loc[known, "notes"].sum())
    out["all_people"], out["all_notes"] = len(people), len(notes)
    keep = known | (out["people"] > 0) | (out["notes"] > 0)
    return out[keep][
        [
            "region",
            "population_share",
            "people",
            "people_share",
            "representation_gap",
            "notes",
            "notes_share",
            "voice_gap",
            "known_people",
            "known_notes",
            "all_people",
            "all_notes",
        ]
    ].reset_index(drop=True)


# --- sentences: the main finding of each view, computed from the data ---------------------------------------------


def threshold_text(threshold: float) -> str:
    """A threshold as people read it: 0.05 -> "5%", 0.025 -> "2.5%" (in the language in force: "2,5 %" in
    French), with as many decimals as three significant digits need."""
    text = f"{threshold * 100:.3g}"
    if messages.current() == messages.DEFAULT or not text.replace(".", "", 1).lstrip("-").isdigit():
        return f"{text}%"
    return messages.percent(threshold, len(text.partition(".")[2]))
