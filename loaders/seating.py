"""The optional seating table: who sat at which table in which round of a café, as host or traveller.

``seating.parquet`` (a file, or a folder of part files in any layout the notes may have) is read with the same
machinery as the other tables (loaders/core.py) and then checked against itself, the notes and the participants
(docs/data-format.md, "The `seating` table"). Every problem names the file, the row, the column and the value
(participant ids never): a person at two tables in one round, a round with notes but no one seated in it, a seat of
someone not in the participants file, a host who moves, a note whose table is not its author's seat. Rows are kept
as recorded wherever they can be; a seat without a person, a round or a table is left out, and said so.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import core
from .files import Layout
from .problems import Problem
from .schema import SEATING

ROLES = ("host", "traveller")
#: Role values read as one of ROLES, after trimming and lower-casing.
ROLE_NAMES = {"host": "host", "traveller": "traveller", "traveler": "traveller"}
COLUMNS = tuple(c.name for c in SEATING)
_FILE, _ROW = "__file", "__row"
_NOT_A_ROUND = "This note is kept, without a round."
#: A round's problem said of a seat, which is left out (not kept without a round): its message in i18n/problems/.
SEAT_KINDS = {"round": "seat-round", "round-low": "seat-round-low", "round-high": "seat-round-high"}


def empty() -> pd.DataFrame:
    """The seating of an export that has none: every column, no rows (as participants are when there are none)."""
    return _frame(pd.DataFrame({c: pd.Series([], dtype=object) for c in COLUMNS}))


def _frame(seats: pd.DataFrame) -> pd.DataFrame:
    """The loaded types: session and table categories, round a nullable whole number, role a category of ROLES."""
    out = pd.DataFrame(
        {
            "session": pd.Categorical(seats["session"].astype(object)),
            "participant_id": seats["participant_id"].astype(object),
            "round": pd.array(seats["round"], dtype="Int32"),
            "table": pd.Categorical(seats["table"].astype(object)),
            "role": pd.Categorical(seats["role"].astype(object), categories=list(ROLES)),
        }
    )
    return out.reset_index(drop=True)


def read(layout: Layout, notes: list, problems: list[Problem]) -> list:
    """The seating part files of one export folder, coerced (core._Read each). A file without a `session` belongs
    to the notes beside it: their session when they have one, else the folder's name (as for notes)."""
    if not layout.seating:
        return []
    sessions = set()
    for read_notes in notes:
        sessions.update(v for v in pc.unique(read_notes.table.column("session")).to_pylist() if v is not None)
    session = next(iter(sessions)) if len(sessions) == 1 else layout.session
    found: list[Problem] = []
    reads = core._read(layout.seating, SEATING, session, found)
    for problem in found:
        if problem.column == "round" and _NOT_A_ROUND in problem.message:
            message = problem.message.replace(_NOT_A_ROUND, "This seat is left out: a seat needs its round.")
            problem = replace(problem, message=message, kind=SEAT_KINDS.get(problem.kind, problem.kind))
        problems.append(problem)
    return reads


def check(reads: list, notes: pa.Table, people: pa.Table | None, problems: list[Problem]) -> tuple[pd.DataFrame, str]:
    """The seats as a frame (columns of SEATING) and "file", or the empty frame and "none" when there is no seating
    file that could be read. ``notes`` and ``people`` still carry their file and row; ``people`` is None when the
    export has no participants file (then no seat is an unknown participant)."""
    if not reads:
        return empty(), "none"
    table = core._combine(reads, SEATING, problems)
    seats = table.select([*COLUMNS, _FILE, _ROW]).to_pandas()
    seats = _without_missing(seats, problems)
    seats = _roles(seats, problems)
    seats = _without_copies(seats, problems)
    _two_tables(seats, problems)
    _hosts_who_move(seats, problems)
    if people is not None:
        _unknown_people(seats, people, problems)
    _rounds_not_seated(seats, notes, problems)
    _notes_elsewhere(seats, notes, problems)
    return _frame(seats), "file"


def _where(seats: pd.DataFrame, i) -> str:
    return f"{seats.at[i, _FILE]} row {seats.at[i, _ROW]}"


def _without_missing(seats: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """A seat needs a person, a round and a table: one without is reported (unless its value was, as not a round)
    and left out."""
    said = {(p.file, p.row, p.column) for p in problems if p.row is not None}
    drop = np.zeros(len(seats), dtype=bool)
    for column in ("participant_id", "round", "table"):
        empty_cell = seats[column].isna().to_numpy().copy()
        if column != "round":
            empty_cell |= seats[column].astype(str).str.strip().eq("").to_numpy() & seats[column].notna().to_numpy()
        for position in np.flatnonzero(empty_cell & ~drop):
            file, row = seats[_FILE].iat[position], int(seats[_ROW].iat[position])
            if (file, row, column) not in said:
                problems.append(
                    Problem(
                        file,
                        row,
                        column,
                        None,
                        f"The seat has no {column.replace('_', ' ')}. A seat needs a participant, a round and a "
                        "table, so this row is left out.",
                        "missing_value",
                        args=(column,),
                        kind="seat",
                    )
                )
        drop |= empty_cell
    return seats[~drop].reset_index(drop=True)


def _roles(seats: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """host or traveller in any case (traveler too); empty is not recorded; anything else is reported, kept
    as not recorded."""
    raw = seats["role"]
    named = raw.astype(object).where(raw.notna(), None)
    cleaned = named.map(lambda v: None if v is None else ROLE_NAMES.get(str(v).strip().casefold()))
    given = named.map(lambda v: v is not None and str(v).strip() != "")
    for i in seats.index[given & cleaned.isna()]:
        value = named[i]
        problems.append(
            Problem(
                seats.at[i, _FILE],
                int(seats.at[i, _ROW]),
                "role",
                value,
                f'"{value}" is not a role: a seat\'s role is host or traveller. The seat is kept, its role not '
                "recorded.",
                "unknown_role",
            )
        )
    seats = seats.copy()
    seats["role"] = cleaned
    return seats


def _without_copies(seats: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """The same person at the same table in the same round twice: counted once, said."""
    key = ["session", "participant_id", "round", "table"]
    repeated = seats.duplicated(key, keep="first")
    if not repeated.any():
        return seats
    first = seats[~repeated].reset_index().set_index(key)["index"]
    for i in seats.index[repeated]:
        original = first.loc[tuple(seats.loc[i, key])]
        problems.append(
            Problem(
                seats.at[i, _FILE],
                int(seats.at[i, _ROW]),
                "participant_id",
                None,
                f"The seat repeats {_where(seats, original)}: the same participant at the same table in the same "
                "round. It is counted once.",
                "duplicate_id",
                args=(seats.at[original, _FILE], int(seats.at[original, _ROW])),
                kind="seat",
            )
        )
    return seats[~repeated].reset_index(drop=True)


def _two_tables(seats: pd.DataFrame, problems: list[Problem]) -> None:
    """A person sits at one table per round: every further table is reported; all rows are kept."""
    key = ["session", "participant_id", "round"]
    first = ~seats.duplicated(key, keep="first")
    firsts = seats[first].reset_index().set_index(key)["index"]
    for i in seats.index[~first]:
        other = firsts.loc[tuple(seats.loc[i, key])]
        problems.append(
            _seat_problem(
                seats,
                i,
                "table",
                f'This participant is seated at table "{seats.at[i, "table"]}" in round {seats.at[i, "round"]}, '
                f'and at table "{seats.at[other, "table"]}" in the same round ({_where(seats, other)}). A person '
                "sits at one table per round; both seats are kept, so check which is right.",
                "two_tables",
                args=(
                    int(seats.at[i, "round"]),
                    str(seats.at[other, "table"]),
                    seats.at[other, _FILE],
                    int(seats.at[other, _ROW]),
                ),
            )
        )


def _hosts_who_move(seats: pd.DataFrame, problems: list[Problem]) -> None:
    """A host stays at one table: the table of their first seat as host. Any seat of theirs elsewhere is reported."""
    hosting = seats[seats["role"].eq("host")].sort_values(["round", _FILE, _ROW], kind="stable")
    if hosting.empty:
        return
    home = hosting.drop_duplicates(["session", "participant_id"]).reset_index().set_index(["session", "participant_id"])
    for i in seats.index:
        person = (seats.at[i, "session"], seats.at[i, "participant_id"])
        if person not in home.index:
            continue
        at = home.loc[person]
        if seats.at[i, "table"] == at["table"]:
            continue
        problems.append(
            _seat_problem(
                seats,
                i,
                "table",
                f'This host sits at table "{seats.at[i, "table"]}" in round {seats.at[i, "round"]}, but hosts '
                f'table "{at["table"]}" in round {at["round"]} ({at[_FILE]} row {at[_ROW]}). A host stays at '
                "one table; the seat is kept as recorded.",
                "host_moved",
                args=(int(seats.at[i, "round"]), str(at["table"]), int(at["round"]), at[_FILE], int(at[_ROW])),
            )
        )


def _unknown_people(seats: pd.DataFrame, people: pa.Table, problems: list[Problem]) -> None:
    known = set(zip(people.column("session").to_pylist(), people.column("participant_id").to_pylist(), strict=True))
    shared = {pid for session, pid in known if session is None}
    for i in seats.index:
        pid = seats.at[i, "participant_id"]
        if (seats.at[i, "session"], pid) in known or pid in shared:
            continue
        problems.append(
            Problem(
                seats.at[i, _FILE],
                int(seats.at[i, _ROW]),
                "participant_id",
                None,
                "The seat names a participant who is not in participants.parquet. The seat is kept.",
                "unknown_participant",
                kind="seat",
            )
        )


def _rounds_not_seated(seats: pd.DataFrame, notes: pa.Table, problems: list[Problem]) -> None:
    """Every round that has notes should have its tables in the seating."""
    files = ", ".join(sorted(set(seats[_FILE]))) or "seating"
    seated = set(zip(seats["session"], seats["round"].astype(int), strict=True))
    sessions_seated = {s for s, _ in seated}
    frame = pd.DataFrame(
        {"session": notes.column("session").to_pylist(), "round": notes.column("round").to_pylist()}
    ).dropna()
    counts = frame.groupby(["session", "round"]).size()
    unseated_sessions: dict[str, list[int]] = {}
    for (session, rnd), n in counts.items():
        rnd = int(rnd)
        if session not in sessions_seated:
            unseated_sessions.setdefault(session, []).append(int(n))
            continue
        if (session, rnd) in seated:
            continue
        problems.append(
            Problem(
                files,
                None,
                "round",
                rnd,
                f'Round {rnd} of session "{session}" has {n:,} note{"s" if n != 1 else ""}, but the seating has '
                "no one seated in it: its tables are not known. The notes are kept.",
                "round_not_seated",
                args=(int(rnd), str(session), int(n)),
            )
        )
    for session, ns in unseated_sessions.items():
        problems.append(
            Problem(
                files,
                None,
                "session",
                session,
                f'Session "{session}" has {sum(ns):,} notes in rounds, but the seating has no one seated in it: '
                "its tables are not known. The notes are kept.",
                "round_not_seated",
                args=(str(session), int(sum(ns))),
                kind="session",
            )
        )


def _notes_elsewhere(seats: pd.DataFrame, notes: pa.Table, problems: list[Problem]) -> None:
    """A note's table should be its author's seat in that round; where the two disagree, the note is reported."""
    wanted = ["session", "participant_id", "round", "table", _FILE, _ROW]
    frame = pd.DataFrame({c: notes.column(c).to_pylist() for c in wanted})
    frame = frame.dropna(subset=["participant_id", "round", "table"])
    if frame.empty:
        return
    frame["round"] = frame["round"].astype(int)
    seat = seats[["session", "participant_id", "round", "table", _FILE, _ROW]].copy()
    seat["round"] = seat["round"].astype(int)
    joined = frame.merge(seat, on=["session", "participant_id", "round"], how="inner", suffixes=("", "_seat"))
    joined["same"] = joined["table"].astype(str) == joined["table_seat"].astype(str)
    anywhere = joined.groupby([_FILE, _ROW], sort=False)["same"].transform("any")
    wrong = joined[~anywhere].drop_duplicates([_FILE, _ROW], keep="first")
    for row in wrong.to_dict("records"):
        problems.append(
            Problem(
                row[_FILE],
                int(row[_ROW]),
                "table",
                row["table"],
                f'The note says table "{row["table"]}", but its author sat at table "{row["table_seat"]}" in round '
                f"{row['round']} (the seating, {row[_FILE + '_seat']} row {int(row[_ROW + '_seat'])}). The note's "
                "table and the seating disagree; the note is kept at the table it says.",
                "seat_mismatch",
                args=(row["table_seat"], int(row["round"]), row[_FILE + "_seat"], int(row[_ROW + "_seat"])),
            )
        )


def _seat_problem(
    seats: pd.DataFrame, i, column: str, message: str, code: str, kind: str = "", args: tuple = ()
) -> Problem:
    """A problem with seat ``i``'s ``column``: its file, row and value, as every seating problem names them."""
    return Problem(
        seats.at[i, _FILE], int(seats.at[i, _ROW]), column, seats.at[i, column], message, code, False, args, kind
    )
