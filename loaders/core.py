"""load_export: files -> validated, normalised pandas frames, with every problem found."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import files, regions, validate
from .problems import ExportError, Problem
from .schema import CONTRIBUTIONS, PARTICIPANTS, PERSON_ATTRIBUTES, Column

CATEGORY_COLUMNS = ("session", "question", "table", "language", "region", "country", "community", "community_type",
                    "gender", "age_band")
LIST_DTYPE = pd.ArrowDtype(pa.list_(pa.string()))
_FILE, _ROW = "__file", "__row"


@dataclass
class Export:
    """A loaded export. Treat the frames as read-only: the app shares one Export between browser sessions."""

    path: str
    fingerprint: str
    contributions: pd.DataFrame
    participants: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    participants_source: str = "file"  # "file", "notes" (derived from inline attributes) or "none"
    synthetic: bool = False

    @property
    def sessions(self) -> list[str]:
        return [str(s) for s in self.contributions["session"].cat.categories]

    def problems_frame(self) -> pd.DataFrame:
        return pd.DataFrame([p.as_dict() for p in self.problems],
                            columns=["file", "row", "column", "value", "message", "code", "fatal"])


def _normalise(table: pa.Table, spec: tuple[Column, ...], part: files.Part, session: str,
               check: validate.Checker) -> pa.Table | None:
    """One part file -> the canonical column types, plus its file and row for later messages."""
    for key, value in part.partition.items():
        if key not in table.column_names:
            table = table.append_column(key, pa.array([value] * table.num_rows, pa.string()))
    present = set(table.column_names)
    missing = [c.name for c in spec if c.required and c.name not in present]
    if missing:
        need = ", ".join(f"`{c.name}`" for c in spec if c.required)
        have = ", ".join(f"`{c}`" for c in table.column_names) or "none"
        for name in missing:
            check.column(name, f"The required column `{name}` is missing. This file has the columns {have}; "
                         f"a valid file has at least {need} (see docs/data-format.md).", "missing_column", fatal=True)
        return None
    out: dict[str, pa.Array] = {}
    n = table.num_rows
    for col in spec:
        if col.name not in present:
            continue
        raw = table.column(col.name)
        kind = col.kind
        if kind in ("id", "text", "string", "category"):
            arr = validate.as_string(raw, col.name, check)
        elif kind == "integer":
            arr = validate.as_integer(raw, col, check)
        elif kind == "list":
            arr = validate.as_list(raw, col.name, check, case="upper" if col.name == "direction" else "lower")
        elif kind == "timestamp":
            arr = validate.as_timestamp(raw, col.name, check)
        elif kind == "boolean":
            arr = validate.as_boolean(raw, col.name, check)
        elif kind == "region":
            arr = validate.as_region(raw, col.name, check)
        elif kind == "country":
            arr = validate.as_country(raw, col.name, check)
        elif kind == "language":
            arr = validate.as_language(raw, col.name, check)
        else:  # pragma: no cover - the schema names only the kinds above
            raise AssertionError(kind)
        if arr is None:
            if col.required:
                return None
            continue
        out[col.name] = arr
    known = {c.name for c in spec}
    for name in table.column_names:
        if name not in known and not name.startswith("__"):
            out[name] = validate._plain(table.column(name))
    if "session" not in out:
        out["session"] = pa.array([session] * n, pa.string())
    else:
        out["session"] = pc.fill_null(out["session"], session)
    out[_FILE] = pa.array([part.label] * n, pa.string())
    out[_ROW] = pa.array(np.arange(1, n + 1, dtype=np.int64))
    return pa.table(out)


def _combine(tables: list[pa.Table]) -> pa.Table:
    """Concatenate part tables whose extra columns may differ or change type between parts."""
    types: dict[str, set] = {}
    for t in tables:
        for f in t.schema:
            types.setdefault(f.name, set()).add(f.type)
    fixed = []
    for t in tables:
        for name, kinds in types.items():
            if len(kinds) > 1 and name in t.column_names and not pa.types.is_list(t.schema.field(name).type):
                i = t.column_names.index(name)
                try:
                    t = t.set_column(i, name, pc.cast(t.column(name), pa.string()))
                except pa.ArrowNotImplementedError:
                    pass
        fixed.append(t)
    return pa.concat_tables(fixed, promote_options="permissive")


def _read(layout_parts, spec, session: str, problems: list[Problem]) -> list[pa.Table]:
    tables = []
    for part in layout_parts:
        table, problem = files.read_part(part)
        if problem is not None:
            problems.append(problem)
            continue
        check = validate.Checker(part.label)
        normalised = _normalise(table, spec, part, session, check)
        problems.extend(check.problems)
        if normalised is not None:
            tables.append(normalised)
    return tables


def _is_synthetic(parts: list[files.Part]) -> bool:
    import pyarrow.parquet as pq

    for part in parts[:1]:
        try:
            meta = pq.read_schema(part.path).metadata or {}
        except (pa.ArrowException, OSError):
            return False
        return meta.get(b"harvest.synthetic") == b"true"
    return False


def _to_pandas(table: pa.Table) -> pd.DataFrame:
    for name in CATEGORY_COLUMNS:
        if name in table.column_names:
            i = table.column_names.index(name)
            table = table.set_column(i, name, pc.dictionary_encode(table.column(name)))
    frame = table.to_pandas(types_mapper=lambda t: LIST_DTYPE if t == pa.list_(pa.string()) else None)
    if "region" in frame:
        frame["region"] = frame["region"].cat.set_categories(list(regions.REGION_IDS))
    for name in ("round", "votes"):
        if name in frame:
            frame[name] = frame[name].astype("Int32")
    return frame


def _duplicates(frame: pd.DataFrame, id_column: str, what: str, problems: list[Problem]) -> pd.DataFrame:
    """Exact copies of a row are counted once; same id with different content: both kept; both reported."""
    has_id = frame[id_column].notna().to_numpy()
    dup = frame[has_id].duplicated(["session", id_column], keep=False)
    if not dup.any():
        return frame
    rows = frame[has_id][dup.to_numpy()]
    content = [c for c in frame.columns if c not in (_FILE, _ROW)]
    drop: list = []
    hidden = id_column == "participant_id"
    for (_, _), group in rows.groupby(["session", id_column], observed=True, sort=False):
        shown = "the same participant id" if hidden else f'the id "{group[id_column].iloc[0]}"'
        first = group.iloc[0]
        same = group[content].astype(str).duplicated(keep="first")
        for (index, row), is_copy in zip(group.iterrows(), same.to_numpy()):
            if row.name == first.name:
                continue
            if is_copy:
                drop.append(index)
                message = (f"{what} repeats {shown} with exactly the same content as {first[_FILE]} row "
                           f"{first[_ROW]}. It is counted once.")
            else:
                message = (f"{what} has {shown} as {first[_FILE]} row {first[_ROW]} but different content. "
                           "Both are kept; ids must be unique within a session, so check which is right.")
            problems.append(Problem(row[_FILE], int(row[_ROW]), id_column, None if hidden else row[id_column],
                                    message, "duplicate_id"))
    return frame.drop(index=drop)


def _report_missing_ids(frame: pd.DataFrame, id_column: str, what: str, problems: list[Problem]) -> None:
    for _, row in frame[frame[id_column].isna()][[_FILE, _ROW]].iterrows():
        problems.append(Problem(row[_FILE], int(row[_ROW]), id_column, None,
                                f"has no {id_column}. {what} is kept, but cannot be told apart from others.",
                                "missing_value"))


def _participants_from_notes(notes: pd.DataFrame) -> pd.DataFrame:
    attributes = [c for c in PERSON_ATTRIBUTES if c in notes]
    named = notes[notes["participant_id"].notna()] if "participant_id" in notes else notes.iloc[:0]
    if named.empty:
        return pd.DataFrame({"participant_id": pd.Series([], dtype="str"),
                             "session": pd.Categorical([]), "region": pd.Categorical([], list(regions.REGION_IDS))})
    people = named.groupby(["session", "participant_id"], observed=True, sort=False)[attributes].first().reset_index()
    return people


def load_export(path: str | Path) -> Export:
    """Load an export folder or file into normalised frames; raises ExportError when it cannot be used at all."""
    layouts = files.discover(path)
    problems: list[Problem] = []
    note_tables: list[pa.Table] = []
    people_tables: list[pa.Table] = []
    has_people_file = False
    for layout in layouts:
        if not layout.contributions:
            problems.append(Problem(str(layout.root), None, None, None,
                                    "contributions.parquet is an empty folder: no notes yet.", "no_contributions"))
        note_tables += _read(layout.contributions, CONTRIBUTIONS, layout.session, problems)
        if layout.participants:
            has_people_file = True
            people_tables += _read(layout.participants, PARTICIPANTS, layout.session, problems)
    fatal = [p for p in problems if p.fatal]
    usable_parts = sum(len(layout.contributions) for layout in layouts)
    if fatal and not note_tables and usable_parts:
        raise ExportError(problems)
    if any(p.code == "missing_column" for p in fatal):
        raise ExportError(problems)

    if note_tables:
        notes = _to_pandas(_combine(note_tables))
    else:
        empty = {c.name: pa.array([], pa.list_(pa.string()) if c.kind == "list" else pa.string()) for c in CONTRIBUTIONS
                 if c.name in ("contribution_id", "text", "session", "themes", "direction", "participant_id")}
        empty.update({_FILE: pa.array([], pa.string()), _ROW: pa.array([], pa.int64())})
        notes = _to_pandas(pa.table(empty))
    # A note must have text: an empty one is left out, and said so.
    blank = notes["text"].isna() | (notes["text"].str.strip() == "")
    for _, row in notes.loc[blank, [_FILE, _ROW]].iterrows():
        problems.append(Problem(row[_FILE], int(row[_ROW]), "text", "", "is empty. A note must have text, so this "
                                "row is left out of every count.", "empty_text"))
    notes = notes[~blank.to_numpy()]
    _report_missing_ids(notes, "contribution_id", "The note", problems)
    notes = _duplicates(notes, "contribution_id", "This note", problems)
    if notes.empty and not any(p.code == "no_contributions" for p in problems):
        problems.append(Problem(str(path), None, None, None, "The export has no notes yet. Harvest shows them as "
                                "soon as they are written.", "no_contributions"))

    if people_tables:
        people = _to_pandas(_combine(people_tables))
        _report_missing_ids(people, "participant_id", "The person", problems)
        people = _duplicates(people, "participant_id", "This person", problems)
        people = _fill_region_from_country(people)
        source = "file"
    else:
        if has_people_file:
            problems.append(Problem(str(path), None, None, None, "participants.parquet could not be used; "
                                    "participation is taken from the notes instead.", "unreadable_file"))
        notes = _fill_region_from_country(notes)
        people = _participants_from_notes(notes)
        source = "notes" if len(people) else "none"
    notes = _attach_people(notes, people, source, problems)
    notes = notes.drop(columns=[_FILE, _ROW]).reset_index(drop=True)
    people = people.drop(columns=[c for c in (_FILE, _ROW) if c in people]).reset_index(drop=True)
    for frame in (notes, people):
        for name in ("session", "region", "country", "community", "community_type"):
            if name in frame and not isinstance(frame[name].dtype, pd.CategoricalDtype):
                frame[name] = frame[name].astype("category")
        if "region" in frame:
            frame["region"] = frame["region"].cat.set_categories(list(regions.REGION_IDS))
    all_parts = [p for layout in layouts for p in layout.contributions]
    return Export(str(path), files.fingerprint(path), notes, people, problems, source, _is_synthetic(all_parts))


def _fill_region_from_country(frame: pd.DataFrame) -> pd.DataFrame:
    """Where the region is missing and a known country is given, take the country's region."""
    if "country" not in frame:
        return frame
    if "region" not in frame:
        frame = frame.assign(region=pd.Categorical([None] * len(frame), list(regions.REGION_IDS)))
    missing = frame["region"].isna() & frame["country"].notna()
    if missing.any():
        from_country = frame.loc[missing, "country"].astype(str).map(regions.country_region)
        region = frame["region"].astype("object")
        region.loc[missing] = from_country
        frame = frame.assign(region=pd.Categorical(region, list(regions.REGION_IDS)))
    return frame


def _attach_people(notes: pd.DataFrame, people: pd.DataFrame, source: str, problems: list[Problem]) -> pd.DataFrame:
    """Give each note its author's region, country, community and type: from participants, else inline."""
    if source != "file" or "participant_id" not in notes:
        for name in PERSON_ATTRIBUTES:
            if name not in notes:
                notes = notes.assign(**{name: pd.Categorical([None] * len(notes))})
        return notes
    attributes = [c for c in PERSON_ATTRIBUTES if c in people]
    lookup = people.drop_duplicates(["session", "participant_id"]).set_index(["session", "participant_id"])[attributes]
    key = pd.MultiIndex.from_arrays([notes["session"].astype(str), notes["participant_id"]])
    lookup.index = pd.MultiIndex.from_arrays([lookup.index.get_level_values(0).astype(str),
                                              lookup.index.get_level_values(1)])
    position = lookup.index.get_indexer(key)
    named = notes["participant_id"].notna().to_numpy()
    unknown = named & (position < 0)
    for _, row in notes.loc[unknown, [_FILE, _ROW]].iterrows():
        problems.append(Problem(row[_FILE], int(row[_ROW]), "participant_id", None,
                                "names a participant who is not in participants.parquet. The note is kept and counted "
                                "as from an unknown participant.", "unknown_participant"))
    out = {}
    for name in PERSON_ATTRIBUTES:
        if name in attributes:
            values = lookup[name].astype("object").to_numpy()
            taken = np.where(position >= 0, values[np.clip(position, 0, None)] if len(values) else None, None)
            inline = notes[name].astype("object").to_numpy() if name in notes else np.full(len(notes), None)
            merged = np.where(pd.isna(taken), inline, taken)
            out[name] = pd.Categorical(merged, list(regions.REGION_IDS)) if name == "region" else pd.Categorical(merged)
        elif name not in notes:
            out[name] = pd.Categorical([None] * len(notes))
    return notes.assign(**out)
