"""load_export: files -> validated, normalised pandas frames, with every problem found.

Each part file is read and coerced on its own (so a part with `round` as text and one with `round` as integers both
work), the parts are put together, every column of the format is made present, and only then is the table turned
into pandas. Every step is vectorised; Python only visits the rows that have a problem.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import files, regions, seating, validate
from .problems import ExportError, Problem, capped
from .schema import CONTRIBUTIONS, PARTICIPANTS, PERSON_ATTRIBUTES, SEATING, Column

CATEGORY_COLUMNS = (
    "session",
    "question",
    "table",
    "language",
    "region",
    "country",
    "community",
    "community_type",
    "gender",
    "age_band",
)
_FILE, _ROW = "__file", "__row"

#: The Arrow type each kind of column has once loaded.
_KIND_TYPES: dict[str, pa.DataType] = {
    "integer": pa.int32(),
    "list": validate.LIST_TYPE,
    "timestamp": validate.TS_TYPE,
    "boolean": pa.bool_(),
}


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
    #: Set by analysis.privacy.coarsen: the k the frames were coarsened to (None: raw, as read), and per dimension the
    #: label of its merged group and the values it stands for (never shown: a merged group is named by its label only).
    privacy_k: int | None = None
    merged: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    #: The part file each note was read from (aligned with ``contributions``), and for part files whose notes are held
    #: from an earlier read of a live session (loaders/live.py) since when: what a later read is compared with.
    note_parts: pd.Categorical | None = None
    held: dict[str, str] = field(default_factory=dict)
    #: Who sat at which table in each round (loaders/seating.py): every column, no rows when the export has no
    #: seating file that could be read (``seating_source`` "none"; "file" otherwise). Participant ids stay here.
    seating: pd.DataFrame = field(default_factory=seating.empty)
    seating_source: str = "none"

    @property
    def sessions(self) -> list[str]:
        return [str(s) for s in self.contributions["session"].cat.categories]

    def problems_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [p.as_dict() for p in self.problems], columns=["file", "row", "column", "value", "message", "code", "fatal"]
        )


@dataclass
class _Read:
    """One part file after coercion: its table (only the columns the file had) and the columns left out."""

    part: files.Part
    table: pa.Table
    left_out: set[str]
    shared: bool = False  # participants without sessions: they apply to every session of their export's notes


def _coerce(raw: pa.ChunkedArray, col: Column, check: validate.Checker) -> pa.Array | None:
    kind = col.kind
    if kind in ("id", "text", "string", "category"):
        return validate.as_string(raw, col.name, check)
    if kind == "integer":
        return validate.as_integer(raw, col, check)
    if kind == "list":
        case = {"direction": "upper", "languages": "language"}.get(col.name, "lower")
        return validate.as_list(raw, col.name, check, case=case)
    if kind == "timestamp":
        return validate.as_timestamp(raw, col.name, check)
    if kind == "boolean":
        return validate.as_boolean(raw, col.name, check)
    if kind == "region":
        return validate.as_region(raw, col.name, check)
    if kind == "country":
        return validate.as_country(raw, col.name, check)
    if kind == "language":
        return validate.as_language(raw, col.name, check)
    raise AssertionError(kind)  # pragma: no cover - the schema names only the kinds above


def _missing_required(spec: tuple[Column, ...], present: set[str], check: validate.Checker, columns: list[str]) -> bool:
    """Report every required column the file lacks (a region may be replaced by a country); True when any is."""
    need = ", ".join(f"`{c.name}`" for c in spec if c.required)
    have = ", ".join(f"`{c}`" for c in columns) or "none"
    missing = False
    for col in spec:
        if not col.required or col.name in present:
            continue
        if col.name == "region" and "country" in present:
            continue
        instead = " (or `country`, to take the region from)" if col.name == "region" else ""
        check.column(
            col.name,
            f"The required column `{col.name}` is missing{instead}. This file has the columns "
            f"{have}; a valid file has at least {need} (see docs/data-format.md).",
            "missing_column",
            fatal=True,
            args=(have, need),
            kind="required-region" if col.name == "region" else "required",
        )
        missing = True
    return missing


def _constant(value: str | None, n: int) -> pa.Array:
    """A text column holding one value n times, built from buffers (a Python list of a million items is slow)."""
    if value is None:
        return pa.nulls(n, pa.string())
    data = value.encode("utf-8")
    offsets = np.arange(n + 1, dtype=np.int64) * len(data)
    if offsets[-1] >= 2**31:  # more text than one array holds: let pyarrow split it into chunks
        return pa.array([value] * n, pa.string())
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(data * n))


def _normalise(
    table: pa.Table, spec: tuple[Column, ...], part: files.Part, session: str, check: validate.Checker
) -> pa.Table | None:
    """One part file -> the canonical column types, plus its file and row for later messages; None if unusable."""
    file_columns = list(table.column_names)
    n = table.num_rows
    for key, value in part.partition.items():
        if key not in table.column_names:
            table = table.append_column(key, _constant(value, n))
    present = set(table.column_names)
    if _missing_required(spec, present, check, file_columns):
        return None
    out: dict[str, pa.Array] = {}
    for col in spec:
        if col.name not in present:
            continue
        arr = _coerce(table.column(col.name), col, check)
        if arr is None:
            if col.required:
                return None
            continue
        out[col.name] = arr
    if "region" in out or "country" in out:
        region_given = (
            validate.given(validate.as_string(table.column("region"), "region", check)) if "region" in out else None
        )
        region = validate.region_with_country(
            out.get("region"), region_given, out.get("country"), check, region_required=spec is PARTICIPANTS
        )
        if region is not None:
            out["region"] = region
    known = {c.name for c in spec}
    for name in table.column_names:
        if name not in known and not name.startswith("__"):
            out[name] = validate._plain(table.column(name))
    default_session = part.partition.get("session") or session
    if "session" not in out:
        out["session"] = _constant(default_session, n)
    else:
        out["session"] = pc.fill_null(out["session"], default_session)
    out[_FILE] = _constant(part.label, n)
    out[_ROW] = pa.array(np.arange(1, n + 1, dtype=np.int64))
    return pa.table(out)


#: Threads reading part files: the machine's cores, at most 4 (more only adds memory in flight).
READ_THREADS = min(4, os.cpu_count() or 1)


def _read(parts: list[files.Part], spec: tuple[Column, ...], session: str, problems: list[Problem]) -> list[_Read]:
    required = tuple(c.name for c in spec if c.required)

    def one(part: files.Part) -> tuple[_Read | None, list[Problem]]:
        one_row_per = "person" if spec is PARTICIPANTS else "seat" if spec is SEATING else "note"
        table, problem = files.read_part(part, one_row_per)
        if problem is not None:
            return None, [problem]
        check = validate.Checker(part.label, required)
        # A participants file with no session (neither a column nor a session=… folder) applies to every session.
        shared = spec is PARTICIPANTS and "session" not in table.column_names and "session" not in part.partition
        normalised = _normalise(table, spec, part, session, check)
        return (
            (_Read(part, normalised, check.left_out, shared) if normalised is not None else None),
            capped(check.problems, more=check.more),
        )

    # Part files are read and checked side by side: Parquet decoding and Arrow's kernels release the GIL, so two
    # cores load 80 part files in about two thirds of the time (benchmarks/). Results keep the files' order.
    workers = min(READ_THREADS, len(parts))
    if workers > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(one, parts))
    else:
        results = [one(part) for part in parts]
    done = []
    for read, found in results:
        problems.extend(found)
        if read is not None:
            done.append(read)
    return done


def _report_schema_changes(reads: list[_Read], problems: list[Problem]) -> None:
    """A column that some part files have and others lack: the rows of the others are left empty in it."""
    if len(reads) < 2:
        return
    skip = {_FILE, _ROW, "session"} | {key for r in reads for key in r.part.partition}
    names = list(dict.fromkeys(n for r in reads for n in r.table.column_names if n not in skip))
    for name in names:
        having = [r for r in reads if name in r.table.column_names]
        if len(having) == len(reads):
            continue
        for r in reads:
            if name not in r.table.column_names and name not in r.left_out:
                problems.append(
                    Problem(
                        r.part.label,
                        None,
                        name,
                        None,
                        f"has no column `{name}`, which {having[0].part.label} has. Its rows are left empty there.",
                        "schema_change",
                        args=(having[0].part.label,),
                        kind="missing",
                    )
                )


def _unify_extra_columns(reads: list[_Read], problems: list[Problem]) -> list[pa.Table]:
    """Extra columns whose type changes between parts: kept as text when they can be, else left out, and reported."""
    tables = [r.table for r in reads]
    seen: dict[str, list[tuple[int, pa.DataType]]] = {}
    for i, table in enumerate(tables):
        for f in table.schema:
            seen.setdefault(f.name, []).append((i, f.type))
    for name, types in seen.items():
        if len({t for _, t in types}) < 2:
            continue
        try:
            pa.unify_schemas([pa.schema([pa.field(name, t)]) for _, t in types], promote_options="permissive")
            continue  # e.g. integers in one part and decimals in another: one type holds both
        except (pa.ArrowTypeError, pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
        first_index, first_type = types[0]
        other_index, other_type = next((i, t) for i, t in types if t != first_type)
        said = (
            f"holds {validate._type_name(other_type)}, but {reads[first_index].part.label} holds "
            f"{validate._type_name(first_type)}."
        )
        try:
            cast = {i: pc.cast(tables[i].column(name), pa.string()) for i, _ in types}
        except (pa.ArrowTypeError, pa.ArrowInvalid, pa.ArrowNotImplementedError):
            for i, _ in types:
                tables[i] = tables[i].drop_columns([name])
            message, kept = f"{said} The two cannot be put together, so the column is left out.", False
        else:
            for i, values in cast.items():
                tables[i] = tables[i].set_column(tables[i].column_names.index(name), name, values)
            message, kept = f"{said} Every value is kept, as text.", True
        problems.append(
            Problem(
                reads[other_index].part.label,
                None,
                name,
                None,
                message,
                "schema_change",
                args=(reads[first_index].part.label,),
                kind="as-text" if kept else "left-out",
            )
        )
    return tables


def _empty_lists(n: int) -> pa.Array:
    return pa.ListArray.from_arrays(pa.array(np.zeros(n + 1, dtype=np.int32)), pa.array([], pa.string()))


def _complete(table: pa.Table, spec: tuple[Column, ...]) -> pa.Table:
    """Every column of the format, in its order and type (empty where the files had none); extra columns after."""
    n = table.num_rows
    columns: dict[str, pa.Array | pa.ChunkedArray] = {}
    for col in spec:
        kind_type = _KIND_TYPES.get(col.kind, pa.string())
        if col.name in table.column_names:
            values = table.column(col.name)
            columns[col.name] = pc.fill_null(values, pa.scalar([], kind_type)) if col.kind == "list" else values
        else:
            columns[col.name] = _empty_lists(n) if col.kind == "list" else pa.nulls(n, kind_type)
    for name in table.column_names:
        if name not in columns:
            columns[name] = table.column(name)
    return pa.table(columns)


def _combine(reads: list[_Read], spec: tuple[Column, ...], problems: list[Problem]) -> pa.Table:
    """Put part tables together: columns missing from some parts, or changing type, are reported."""
    if not reads:
        empty = {_FILE: pa.array([], pa.string()), _ROW: pa.array([], pa.int64())}
        return _complete(pa.table(empty), spec)
    _report_schema_changes(reads, problems)
    tables = _unify_extra_columns(reads, problems)
    return _complete(pa.concat_tables(tables, promote_options="permissive"), spec)


#: List columns holding codes: kept as lists of dictionary-encoded strings (the codes once, then a number per code
#: on a note), so counting them groups numbers instead of hashing every code string again (benchmarks/).
CODE_LIST_COLUMNS = ("themes", "direction")


def _coded_lists(lists: pa.ListArray) -> pa.ListArray:
    """list<string> as list<dictionary<int32, string>>: the same values, each distinct code stored once."""
    values = pc.dictionary_encode(pc.list_flatten(lists)).cast(pa.dictionary(pa.int32(), pa.string()))
    offsets = pc.subtract(lists.offsets, lists.offsets[0])
    return pa.ListArray.from_arrays(offsets, values, mask=pc.is_null(lists) if lists.null_count else None)


def _pandas_type(t: pa.DataType):
    if pa.types.is_list(t):
        return pd.ArrowDtype(t)
    if t == pa.bool_():
        return pd.BooleanDtype()
    if t == pa.int32():
        return pd.Int32Dtype()
    return None


def _to_pandas(table: pa.Table) -> pd.DataFrame:
    """Categories for low-cardinality columns (region with all eight), Arrow lists, nullable integers and booleans."""
    for name in CATEGORY_COLUMNS:
        if name in table.column_names:
            i = table.column_names.index(name)
            table = table.set_column(i, name, pc.dictionary_encode(table.column(name)))
    for i, name in enumerate(table.column_names):
        column = table.column(i)
        # Text and list columns stay in Arrow inside pandas. One chunk each: Arrow's take on a column of many chunks
        # first joins them all, so every filter or lookup of a few rows copied the whole text (measured by
        # benchmarks/: 200 ms for 30 rows at a million notes). Above 1.5 GB a column keeps its parts (offsets are
        # 32-bit).
        if (
            column.num_chunks > 1
            and (pa.types.is_string(column.type) or pa.types.is_list(column.type))
            and column.nbytes < 1_500_000_000
        ):
            column = pa.chunked_array([column.combine_chunks()], column.type)
            table = table.set_column(i, name, column)
        if name in CODE_LIST_COLUMNS and column.type == validate.LIST_TYPE and column.num_chunks == 1:
            table = table.set_column(i, name, pa.chunked_array([_coded_lists(column.chunk(0))]))
    frame = table.to_pandas(types_mapper=_pandas_type)
    if "region" in frame:
        frame["region"] = frame["region"].cat.set_categories(list(regions.REGION_IDS))
    return frame


def _drop_blank_notes(notes: pa.Table, problems: list[Problem]) -> pa.Table:
    """A note must have text: one without is left out, and said so."""
    blank = pc.invert(validate.given(notes.column("text")))
    if not pc.any(blank).as_py():
        return notes
    for row in notes.filter(blank).select([_FILE, _ROW, "text"]).to_pylist():
        problems.append(
            Problem(
                row[_FILE],
                row[_ROW],
                "text",
                row["text"],
                "The note has no text. A note must have text, so it is left out of every count.",
                "empty_text",
            )
        )
    return notes.filter(pc.invert(blank))


def _report_missing_ids(table: pa.Table, id_column: str, message: str, problems: list[Problem]) -> None:
    missing = pc.is_null(table.column(id_column))
    if not pc.any(missing).as_py():
        return
    for row in table.filter(missing).select([_FILE, _ROW]).to_pylist():
        problems.append(
            Problem(
                row[_FILE],
                row[_ROW],
                id_column,
                None,
                message,
                "missing_value",
                kind="note-id" if id_column == "contribution_id" else "person-id",
            )
        )


#: A person or a note is told apart by its session and its id: the two columns as they are, never a string built
#: from them (a separator inside a session name or an id would join two different keys into one).
KEY = ("session",)


def _keys(id_column: str) -> list[str]:
    return [*KEY, id_column]


def _drop_duplicates(table: pa.Table, id_column: str, what: str, problems: list[Problem]) -> pa.Table:
    """Exact copies of a row are counted once; same id with different content: both kept; both reported.

    One hash of the (session, id) pairs finds whether any repeats; only then are the repeated rows looked at one by
    one.
    """
    keys = _keys(id_column)
    named = table.filter(pc.is_valid(table.column(id_column))).select(keys)
    if named.group_by(keys, use_threads=False).aggregate([]).num_rows == named.num_rows:
        return table
    pairs = table.select(keys).to_pandas(types_mapper=pd.ArrowDtype)
    repeated = pairs.duplicated(keep=False) & pairs[id_column].notna()
    positions = np.flatnonzero(repeated.to_numpy())
    rows = _to_pandas(table.take(pa.array(positions))).set_axis(positions)
    content = [c for c in rows.columns if c not in (_FILE, _ROW)]
    drop: list[int] = []
    hidden = id_column in validate.HIDDEN_VALUE_COLUMNS
    for _, group in rows.groupby(keys, sort=False, observed=True, dropna=False):
        shown = "the same participant id" if hidden else f'the id "{group[id_column].iloc[0]}"'
        first = group.iloc[0]
        same = group[content].astype(str).duplicated(keep="first").to_numpy()
        for position, is_copy in zip(group.index[1:], same[1:], strict=True):
            row = group.loc[position]
            if is_copy:
                drop.append(position)
                message = (
                    f"{what} repeats {shown} with exactly the same content as {first[_FILE]} row "
                    f"{first[_ROW]}. It is counted once."
                )
            else:
                message = (
                    f"{what} has {shown} as {first[_FILE]} row {first[_ROW]} but different content. "
                    "Both are kept; ids must be unique within a session, so check which is right."
                )
            problems.append(
                Problem(
                    row[_FILE],
                    int(row[_ROW]),
                    id_column,
                    None if hidden else row[id_column],
                    message,
                    "duplicate_id",
                    args=(first[_FILE], int(first[_ROW])),
                    kind=("person-" if hidden else "note-") + ("copy" if is_copy else "differs"),
                )
            )
    if not drop:
        return table
    keep = np.ones(table.num_rows, dtype=bool)
    keep[drop] = False
    return table.filter(pa.array(keep))


#: Author labels on notes that name a table, a session or nobody, not a person (only looked for when there is no
#: participants table: with one, an id in it is a person whatever it looks like).
NOT_A_PERSON = re.compile(
    r"^\s*(plenary|all|everyone|everybody|group|table|tables|session|room|anonymous|anon|unknown|"
    r"none|nobody|n/?a|-+|\?+)(\s*[:#/._-].*|\s+\d+.*)?\s*$",
    re.IGNORECASE,
)


def _drop_non_people(notes: pa.Table, problems: list[Problem]) -> pa.Table:
    """Notes whose author label names a table or a session (``plenary``, ``table:youth``) are counted as anonymous,
    and each such label is reported once with its number of notes: a label is not a person."""
    ids = notes.column("participant_id")
    labels = [v for v in pc.unique(ids).to_pylist() if v is not None and NOT_A_PERSON.match(v)]
    if not labels:
        return notes
    hit = pc.is_in(ids, value_set=pa.array(labels, pa.string()))
    for label in labels:
        n = int(pc.sum(pc.equal(ids, label)).as_py() or 0)
        problems.append(
            Problem(
                "contributions",
                None,
                "participant_id",
                label,
                f"“{label}” names a table, a "
                f"session or nobody, not a person: its {n:,} note{'s' if n != 1 else ''} are counted "
                "as anonymous, and it is not counted among the authors.",
                "not_a_person",
                args=(n,),
            )
        )
    return notes.set_column(
        notes.column_names.index("participant_id"), "participant_id", pc.if_else(hit, pa.scalar(None, pa.string()), ids)
    )


def _participants_from_notes(notes: pa.Table) -> pa.Table:
    """One person per (session, participant id) named in the notes, with the first region, country … given."""
    named = notes.filter(pc.is_valid(notes.column("participant_id")))
    keys = ["session", "participant_id"]
    people = named.group_by(keys, use_threads=False).aggregate([(c, "first") for c in PERSON_ATTRIBUTES])
    return people.rename_columns([c.removesuffix("_first") for c in people.column_names])


def _share_people(people: pa.Table, notes: list[pa.Table], problems: list[Problem]) -> pa.Table:
    """People from a participants file without sessions (docs/data-format.md: it applies to every session) take the
    sessions their notes were written in: one person per session they wrote in, as a file with sessions would list
    them. When the notes have one session, everyone is in it. Someone who wrote no note in an export of several
    sessions is counted once, with no session (which session they sat in was not recorded), and said so."""
    common = people
    at = common.column_names.index("session")
    sessions = pc.unique(pa.chunked_array([c for n in notes for c in n.column("session").chunks], pa.string()))
    sessions = sessions.drop_null()
    if len(sessions) <= 1:
        only = sessions[0].as_py() if len(sessions) else None
        return common.set_column(at, "session", _constant(only, common.num_rows)) if only else common
    notes = pa.concat_tables(
        [n.select(["session", "participant_id"]) for n in notes if "participant_id" in n.column_names]
        or [pa.table({"session": pa.array([], pa.string()), "participant_id": pa.array([], pa.string())})]
    )
    named = notes.filter(pc.is_valid(notes.column("participant_id")))
    pairs = named.select(["session", "participant_id"]).group_by(["session", "participant_id"], use_threads=False)
    pairs = pairs.aggregate([])
    order = pa.array(np.arange(common.num_rows, dtype=np.int64))
    matched = (
        common.select(["participant_id"])
        .append_column("__order", order)
        .join(pairs, "participant_id", join_type="inner", use_threads=False)
        .sort_by([("__order", "ascending"), ("session", "ascending")])
    )  # keys only: Arrow's join cannot carry list columns (languages), so the rows are taken after
    wrote = common.take(matched.column("__order"))
    wrote = wrote.set_column(at, "session", matched.column("session"))
    silent = common.filter(
        pc.invert(pc.is_in(common.column("participant_id"), value_set=pairs.column("participant_id")))
    )
    if silent.num_rows:
        files_named = sorted(set(silent.column(_FILE).to_pylist()))
        n = silent.num_rows
        problems.append(
            Problem(
                ", ".join(files_named),
                None,
                "session",
                None,
                f"has no `session` column, so it applies to every session; {n:,} "
                f"{'person wrote' if n == 1 else 'people wrote'} no note in any session and "
                f"{'is' if n == 1 else 'are'} counted once, with the session not recorded.",
                "shared_participants",
                args=(n,),
            )
        )
        silent = silent.set_column(at, "session", pa.nulls(silent.num_rows, pa.string()))
    return pa.concat_tables([wrote, silent])


def _positions(notes: pa.Table, people: pa.Table) -> pa.ChunkedArray:
    """For each note, the row of its author in ``people`` (the first, when an id repeats), or null: a hash join on
    the typed (session, participant id) columns, in the notes' order."""
    keys = _keys("participant_id")
    first = (
        people.select(keys)
        .append_column("__person", pa.array(np.arange(people.num_rows, dtype=np.int64)))
        .group_by(keys, use_threads=False)
        .aggregate([("__person", "min")])
    )
    found = (
        notes.select(keys)
        .append_column("__note", pa.array(np.arange(notes.num_rows, dtype=np.int64)))
        .join(first, keys, join_type="left outer", use_threads=False)
        .sort_by("__note")
    )
    return found.column("__person_min")


def _attach_people(notes: pa.Table, people: pa.Table, problems: list[Problem]) -> pa.Table:
    """Give each note its author's region, country, community and type from participants; else keep its own."""
    position = _positions(notes, people)
    unknown = pc.and_(pc.is_valid(notes.column("participant_id")), pc.is_null(position))
    if pc.any(unknown).as_py():
        for row in notes.filter(unknown).select([_FILE, _ROW]).to_pylist():
            problems.append(
                Problem(
                    row[_FILE],
                    row[_ROW],
                    "participant_id",
                    None,
                    "The note names a participant who "
                    "is not in participants.parquet. The note is kept and counted as from an unknown "
                    "participant.",
                    "unknown_participant",
                )
            )
    for name in PERSON_ATTRIBUTES:
        taken = people.column(name).take(position)
        merged = pc.coalesce(taken, notes.column(name))
        notes = notes.set_column(notes.column_names.index(name), name, merged)
    return notes


def _is_synthetic(parts: list[files.Part]) -> bool:
    for part in parts[:1]:
        try:
            meta = files.read_schema(part).metadata or {}
        except Exception:  # noqa: BLE001 - an unreadable file is reported elsewhere; it is simply not marked
            return False
        return meta.get(b"harvest.synthetic") == b"true"
    return False


def _refuse_or_accept(problems: list[Problem], notes_read: bool, notes_parts: int) -> list[Problem]:
    """Raise ExportError when no notes part file can be used; otherwise no problem stays fatal: the part file it names
    (a participants file written into the notes folder, a part with lists in `text`) is left out and the rest loads."""
    if notes_parts and not notes_read:
        raise ExportError(capped(problems))
    left_out = " This file is left out; the rest of the export is read."
    return [
        replace(p, fatal=False, message=p.message + ("" if "left out" in p.message else left_out)) if p.fatal else p
        for p in problems
    ]


def load_export(path: str | Path) -> Export:
    """Load an export folder or file into normalised frames; raises ExportError when it cannot be used at all.

    ``contributions`` has one row per note with text, ``participants`` one row per person (from participants.parquet,
    else from the notes' inline attributes); both have every column of the format. ``problems`` lists everything
    found, each with file, row, column and value.
    """
    layouts = files.discover(path)
    problems: list[Problem] = []
    note_reads: list[_Read] = []
    people_reads: list[_Read] = []
    people_problems: list[Problem] = []
    seat_reads: list[_Read] = []
    seat_problems: list[Problem] = []
    for layout in layouts:
        if not layout.contributions:
            problems.append(
                Problem(
                    layout.label,
                    None,
                    None,
                    None,
                    "has no part files yet: the export has no notes "
                    "yet. Harvest shows them as soon as they are written.",
                    "no_contributions",
                    kind="no-parts",
                )
            )
        layout_notes = _read(layout.contributions, CONTRIBUTIONS, layout.session, problems)
        note_reads += layout_notes
        for read in _read(layout.participants, PARTICIPANTS, layout.session, people_problems):
            if read.shared:
                read.table = _share_people(read.table, [r.table for r in layout_notes], people_problems)
            people_reads.append(read)
        seat_reads += seating.read(layout, layout_notes, seat_problems)
    has_people_file = any(layout.participants for layout in layouts)
    if has_people_file and not people_reads:
        fallback = " Who took part is worked out from the notes instead."
        people_problems = [
            replace(p, message=p.message + " This file is left out.") if p.fatal and "left out" not in p.message else p
            for p in people_problems
        ]
        people_problems = [replace(p, message=p.message + fallback) if p.fatal else p for p in people_problems]
    problems += people_problems + seat_problems
    problems = _refuse_or_accept(problems, bool(note_reads), sum(len(layout.contributions) for layout in layouts))

    note_table = _combine(note_reads, CONTRIBUTIONS, problems)
    if note_table.num_rows == 0 and not any(p.code == "no_contributions" for p in problems):
        label = layouts[0].root.name if len(layouts) == 1 else files.export_name(path)
        problems.append(
            Problem(
                label,
                None,
                None,
                None,
                "The export has no notes yet. Harvest shows them as soon as they are written.",
                "no_contributions",
            )
        )
    note_table = _drop_blank_notes(note_table, problems)
    _report_missing_ids(
        note_table,
        "contribution_id",
        "The note has no contribution_id. It is kept and counted, but cannot be told apart from other notes.",
        problems,
    )
    note_table = _drop_duplicates(note_table, "contribution_id", "This note", problems)

    if people_reads:
        people_table = _combine(people_reads, PARTICIPANTS, problems)
        _report_missing_ids(
            people_table,
            "participant_id",
            "The person has no participant_id. They are kept and counted, but no note can be linked to them.",
            problems,
        )
        people_table = _drop_duplicates(people_table, "participant_id", "This person", problems)
        note_table = _attach_people(note_table, people_table, problems)
        source = "file"
    else:
        note_table = _drop_non_people(note_table, problems)
        people_table = _complete(_participants_from_notes(note_table), PARTICIPANTS)
        source = "notes" if people_table.num_rows else "none"

    seats, seats_source = seating.check(seat_reads, note_table, people_table if source == "file" else None, problems)
    note_parts = pd.Categorical(note_table.column(_FILE).to_pandas())
    notes = _to_pandas(note_table.drop_columns([_FILE, _ROW]))
    people = _to_pandas(people_table.drop_columns([c for c in (_FILE, _ROW) if c in people_table.column_names]))
    all_parts = [p for layout in layouts for p in layout.contributions]
    return Export(
        str(path),
        files.fingerprint(path),
        notes,
        people,
        capped(problems),
        source,
        _is_synthetic(all_parts),
        note_parts=note_parts,
        seating=seats,
        seating_source=seats_source,
    )
