"""The optional seating table (docs/data-format.md, "The `seating` table"): read in every layout the notes may have,
checked against itself, the notes and the participants, every problem said whole; without it nothing changes."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from loaders import Problem, importer, load_export
from loaders.schema import SEATING

SESSION = "cafe"
#: Two tables, two rounds: hosts h1 (table A) and h2 (table B) stay; travellers t1-t4 move.
SEATS = [
    (1, "A", "h1", "host"),
    (1, "A", "t1", "traveller"),
    (1, "A", "t2", "traveller"),
    (1, "B", "h2", "host"),
    (1, "B", "t3", "traveller"),
    (1, "B", "t4", "traveller"),
    (2, "A", "h1", "host"),
    (2, "A", "t3", "traveller"),
    (2, "A", "t4", "traveller"),
    (2, "B", "h2", "host"),
    (2, "B", "t1", "traveller"),
    (2, "B", "t2", "traveller"),
]


def seating(rows=SEATS, session: str | None = SESSION) -> pa.Table:
    data = {
        "participant_id": [r[2] for r in rows],
        "round": pa.array([r[0] for r in rows], pa.int64()),
        "table": [r[1] for r in rows],
        "role": [r[3] for r in rows],
    }
    if session is not None:
        data = {"session": [session] * len(rows), **data}
    return pa.table(data)


def notes(seats=SEATS) -> pa.Table:
    """One note per seat, written at that seat."""
    return pa.table(
        {
            "contribution_id": [f"c{i:02d}" for i in range(1, len(seats) + 1)],
            "text": [f"note {i}" for i in range(1, len(seats) + 1)],
            "session": [SESSION] * len(seats),
            "round": pa.array([r[0] for r in seats], pa.int32()),
            "table": [r[1] for r in seats],
            "participant_id": [r[2] for r in seats],
        }
    )


def people() -> pa.Table:
    ids = ["h1", "h2", "t1", "t2", "t3", "t4"]
    return pa.table({"participant_id": ids, "session": [SESSION] * 6, "region": ["NWE", "SSA"] * 3})


def export(root: Path, seats: pa.Table | None, notes_table: pa.Table | None = None, with_people: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    pq.write_table(notes() if notes_table is None else notes_table, root / "contributions.parquet")
    if with_people:
        pq.write_table(people(), root / "participants.parquet")
    if seats is not None:
        pq.write_table(seats, root / "seating.parquet")
    return root


def seating_problems(loaded) -> list[Problem]:
    codes = {"two_tables", "round_not_seated", "host_moved", "seat_mismatch", "unknown_role"}
    return [p for p in loaded.problems if p.code in codes or "seat" in p.message.lower()]


# ----------------------------------------------------------------------------------------------- a valid seating


def test_a_valid_seating_loads_as_a_frame_with_no_problem(tmp_path):
    loaded = load_export(export(tmp_path / "cafe", seating()))
    assert loaded.problems == []
    assert loaded.seating_source == "file"
    seats = loaded.seating
    assert list(seats.columns) == ["session", "participant_id", "round", "table", "role"]
    assert len(seats) == 12
    assert str(seats["round"].dtype) == "Int32"
    assert isinstance(seats["table"].dtype, pd.CategoricalDtype)
    assert list(seats["role"].cat.categories) == ["host", "traveller"]
    assert seats.groupby("role", observed=True).size().to_dict() == {"host": 4, "traveller": 8}
    assert set(seats["session"]) == {SESSION}


def test_roles_are_read_in_any_case_and_an_empty_role_is_not_recorded(tmp_path):
    rows = [(r, t, p, {"host": "HOST", "traveller": " Traveler "}[role]) for r, t, p, role in SEATS]
    rows[1] = (1, "A", "t1", None)
    loaded = load_export(export(tmp_path / "cafe", seating(rows)))
    assert loaded.problems == []
    assert loaded.seating["role"].isna().sum() == 1
    assert loaded.seating.groupby("role", observed=True).size().to_dict() == {"host": 4, "traveller": 7}


def test_numbered_tables_are_read_as_the_notes_tables_are(tmp_path):
    """Tables numbered 1 and 2 (integers in the seating, decimals in the notes) both become "1" and "2"."""
    number = {"A": 1, "B": 2}
    rows = [(r, number[t], p, role) for r, t, p, role in SEATS]
    seats = seating(rows).set_column(3, "table", pa.array([number[r[1]] for r in SEATS], pa.int64()))
    written = notes().set_column(4, "table", pa.array([float(number[r[1]]) for r in SEATS], pa.float64()))
    loaded = load_export(export(tmp_path / "cafe", seats, written))
    assert loaded.problems == []
    assert sorted(loaded.seating["table"].astype(str).unique()) == ["1", "2"]
    assert sorted(loaded.contributions["table"].astype(str).unique()) == ["1", "2"]


def test_an_export_without_seating_has_an_empty_seating_frame_and_nothing_else_changes(tmp_path):
    without = load_export(export(tmp_path / "without", None))
    with_seats = load_export(export(tmp_path / "with", seating()))
    assert without.seating_source == "none"
    assert without.seating.empty
    assert list(without.seating.columns) == ["session", "participant_id", "round", "table", "role"]
    assert without.problems == with_seats.problems == []
    pd.testing.assert_frame_equal(without.contributions, with_seats.contributions)
    pd.testing.assert_frame_equal(without.participants, with_seats.participants)


def test_a_seating_without_sessions_belongs_to_the_notes_beside_it(tmp_path):
    loaded = load_export(export(tmp_path / "folder-name", seating(session=None)))
    assert loaded.problems == []
    assert set(loaded.seating["session"]) == {SESSION}


# ----------------------------------------------------------------------------------------------- layouts


def test_a_seating_folder_of_part_files(tmp_path):
    root = export(tmp_path / "cafe", None)
    (root / "seating").mkdir()
    table = seating()
    pq.write_table(table.slice(0, 6), root / "seating" / "part-0.parquet")
    pq.write_table(table.slice(6), root / "seating" / "part-1.parquet")
    (root / "seating" / "_SUCCESS").write_bytes(b"")
    loaded = load_export(root)
    assert loaded.problems == []
    assert len(loaded.seating) == 12


def test_a_hive_partitioned_seating_written_by_pyarrow(tmp_path):
    root = export(tmp_path / "cafe", None)
    pq.write_to_dataset(seating(), root / "seating.parquet", partition_cols=["session", "round"])
    loaded = load_export(root)
    assert loaded.problems == []
    assert len(loaded.seating) == 12
    assert set(loaded.seating["session"]) == {SESSION}
    assert sorted(loaded.seating["round"].unique()) == [1, 2]


def test_a_seating_written_by_duckdb_beside_duckdb_notes(tmp_path):
    root = tmp_path / "cafe"
    root.mkdir()
    db = duckdb.connect()
    db.register("notes", notes())
    db.register("people", people())
    db.register("seats", seating())
    db.execute(f"COPY notes TO '{root}/contributions.parquet' (FORMAT parquet, PARTITION_BY (session))")
    db.execute(f"COPY people TO '{root}/participants.parquet' (FORMAT parquet)")
    db.execute(f"COPY seats TO '{root}/seating.parquet' (FORMAT parquet, PARTITION_BY (round))")
    loaded = load_export(root)
    assert loaded.problems == []
    assert len(loaded.seating) == 12
    assert sorted(loaded.seating["round"].unique()) == [1, 2]


def test_each_session_folder_has_its_own_seating(tmp_path):
    root = tmp_path / "events"
    for name in ("stockholm", "nairobi"):
        folder = root / name
        folder.mkdir(parents=True)
        pq.write_table(notes().drop_columns(["session"]), folder / "contributions.parquet")
        pq.write_table(seating(session=None), folder / "seating.parquet")
    loaded = load_export(root)
    assert loaded.problems == []
    assert loaded.seating.groupby("session", observed=True).size().to_dict() == {"nairobi": 12, "stockholm": 12}


def test_an_unreadable_seating_file_is_left_out_and_said(tmp_path):
    root = export(tmp_path / "cafe", None)
    (root / "seating.parquet").write_text("participant_id,round,table\nh1,1,A\n", encoding="utf-8")
    loaded = load_export(root)
    assert loaded.seating_source == "none" and loaded.seating.empty
    assert [str(p) for p in loaded.problems] == [
        'cafe/seating.parquet: is not a Parquet file: it starts with "participant_id,round,table" instead of PAR1. '
        "It looks like a CSV or text file. This file is left out. A valid file is a Parquet table with one row per "
        "seat (see docs/data-format.md); write it with pandas.DataFrame.to_parquet, pyarrow, DuckDB or Spark."
    ]


def test_a_seating_file_without_a_table_column_is_left_out_and_said(tmp_path):
    loaded = load_export(export(tmp_path / "cafe", seating().drop_columns(["table"])))
    assert loaded.seating_source == "none"
    assert [(p.file, p.row, p.column, p.code, p.fatal) for p in loaded.problems] == [
        ("cafe/seating.parquet", None, "table", "missing_column", False)
    ]
    assert loaded.problems[0].message == (
        "The required column `table` is missing. This file has the columns `session`, `participant_id`, `round`, "
        "`role`; a valid file has at least `participant_id`, `round`, `table` (see docs/data-format.md). This file "
        "is left out; the rest of the export is read."
    )


# ----------------------------------------------------------------------------------------------- each problem


def test_a_person_at_two_tables_in_one_round(tmp_path):
    rows = [*SEATS, (2, "A", "t1", "traveller")]  # t1 is also at B in round 2 (row 11)
    loaded = load_export(export(tmp_path / "cafe", seating(rows)))
    assert loaded.problems == [
        Problem(
            "cafe/seating.parquet",
            13,
            "table",
            "A",
            'This participant is seated at table "A" in round 2, and at table "B" in the same round '
            "(cafe/seating.parquet row 11). A person sits at one table per round; both seats are kept, so check which "
            "is right.",
            "two_tables",
        )
    ]
    assert len(loaded.seating) == 13


def test_a_round_with_notes_and_no_tables(tmp_path):
    written = notes([*SEATS, (3, "A", "t1", "traveller"), (3, "B", "t3", "traveller")])
    loaded = load_export(export(tmp_path / "cafe", seating(), written))
    assert loaded.problems == [
        Problem(
            "cafe/seating.parquet",
            None,
            "round",
            3,
            'Round 3 of session "cafe" has 2 notes, but the seating has no one seated in it: its tables are not '
            "known. The notes are kept.",
            "round_not_seated",
        )
    ]
    assert len(loaded.contributions) == 14


def test_a_session_with_notes_and_no_seats_at_all(tmp_path):
    written = pa.concat_tables([notes(), notes().set_column(2, "session", pa.array(["other"] * 12))])
    loaded = load_export(export(tmp_path / "cafe", seating(), written, with_people=False))
    assert loaded.problems == [
        Problem(
            "cafe/seating.parquet",
            None,
            "session",
            "other",
            'Session "other" has 12 notes in rounds, but the seating has no one seated in it: its tables are not '
            "known. The notes are kept.",
            "round_not_seated",
        )
    ]


def test_a_seat_of_someone_not_in_the_participants_file(tmp_path):
    rows = [*SEATS[:5], (1, "B", "x9", "traveller"), *SEATS[6:]]
    written = notes([*SEATS[:5], (1, "B", "t3", "traveller"), *SEATS[6:]])
    loaded = load_export(export(tmp_path / "cafe", seating(rows), written))
    assert loaded.problems == [
        Problem(
            "cafe/seating.parquet",
            6,
            "participant_id",
            None,
            "The seat names a participant who is not in participants.parquet. The seat is kept.",
            "unknown_participant",
        )
    ]
    assert "x9" not in " ".join(str(p) for p in loaded.problems)
    assert len(loaded.seating) == 12


def test_without_a_participants_file_no_seat_is_an_unknown_participant(tmp_path):
    rows = [*SEATS, (2, "B", "x9", "traveller")]
    loaded = load_export(export(tmp_path / "cafe", seating(rows), with_people=False))
    assert loaded.problems == []


def test_a_host_who_moves(tmp_path):
    rows = [*SEATS[:6], (2, "B", "h1", "host"), *SEATS[7:9], (2, "A", "h2", "host"), *SEATS[10:]]
    written = notes(rows)
    loaded = load_export(export(tmp_path / "cafe", seating(rows), written))
    assert loaded.problems == [
        Problem(
            "cafe/seating.parquet",
            7,
            "table",
            "B",
            'This host sits at table "B" in round 2, but hosts table "A" in round 1 (cafe/seating.parquet row 1). '
            "A host stays at one table; the seat is kept as recorded.",
            "host_moved",
        ),
        Problem(
            "cafe/seating.parquet",
            10,
            "table",
            "A",
            'This host sits at table "A" in round 2, but hosts table "B" in round 1 (cafe/seating.parquet row 4). '
            "A host stays at one table; the seat is kept as recorded.",
            "host_moved",
        ),
    ]


def test_a_note_at_another_table_than_its_author_sat_at(tmp_path):
    written = notes([*SEATS[:11], (2, "A", "t2", "traveller")])  # t2 sat at B in round 2 (seating row 12)
    loaded = load_export(export(tmp_path / "cafe", seating(), written))
    assert loaded.problems == [
        Problem(
            "cafe/contributions.parquet",
            12,
            "table",
            "A",
            'The note says table "A", but its author sat at table "B" in round 2 (the seating, cafe/seating.parquet '
            "row 12). The note's table and the seating disagree; the note is kept at the table it says.",
            "seat_mismatch",
        )
    ]
    assert loaded.contributions.loc[loaded.contributions["contribution_id"] == "c12", "table"].tolist() == ["A"]


def test_a_role_that_is_neither_host_nor_traveller(tmp_path):
    rows = [*SEATS[:1], (1, "A", "t1", "guest"), *SEATS[2:]]
    loaded = load_export(export(tmp_path / "cafe", seating(rows)))
    assert loaded.problems == [
        Problem(
            "cafe/seating.parquet",
            2,
            "role",
            "guest",
            '"guest" is not a role: a seat\'s role is host or traveller. The seat is kept, its role not recorded.',
            "unknown_role",
        )
    ]
    assert len(loaded.seating) == 12 and loaded.seating["role"].isna().sum() == 1


def test_seats_without_a_person_a_round_or_a_table_are_left_out_and_said(tmp_path):
    seats = seating([*SEATS, (2, "B", None, "traveller"), (2, None, "t9", "traveller")])
    seats = pa.concat_tables(
        [
            seats.cast(seats.schema.set(2, pa.field("round", pa.string()))),
            pa.table(
                {
                    "session": [SESSION],
                    "participant_id": ["t8"],
                    "round": ["2.5"],
                    "table": ["A"],
                    "role": ["traveller"],
                }
            ),
        ]
    )
    loaded = load_export(export(tmp_path / "cafe", seats, with_people=False))
    assert loaded.problems == [
        Problem(
            "cafe/seating.parquet",
            15,
            "round",
            "2.5",
            '"2.5" is not a whole number. Rounds are numbered 1, 2, 3 … This seat is left out: a seat needs its round.',
            "not_a_whole_number",
        ),
        Problem(
            "cafe/seating.parquet",
            13,
            "participant_id",
            None,
            "The seat has no participant id. A seat needs a participant, a round and a table, so this row is left out.",
            "missing_value",
        ),
        Problem(
            "cafe/seating.parquet",
            14,
            "table",
            None,
            "The seat has no table. A seat needs a participant, a round and a table, so this row is left out.",
            "missing_value",
        ),
    ]
    assert len(loaded.seating) == 12


def test_the_same_seat_twice_is_counted_once(tmp_path):
    loaded = load_export(export(tmp_path / "cafe", seating([*SEATS, SEATS[4]])))
    assert loaded.problems == [
        Problem(
            "cafe/seating.parquet",
            13,
            "participant_id",
            None,
            "The seat repeats cafe/seating.parquet row 5: the same participant at the same table in the same round. "
            "It is counted once.",
            "duplicate_id",
        )
    ]
    assert len(loaded.seating) == 12


def test_participant_ids_never_appear_in_a_seating_problem(tmp_path):
    rows = [
        *SEATS[:6],
        (2, "B", "h1", "host"),
        (2, "A", "t1", "traveller"),
        *SEATS[7:],
        (2, "A", "zz-secret", "traveller"),
    ]
    loaded = load_export(export(tmp_path / "cafe", seating(rows), notes([*SEATS[:11], (2, "A", "t2", "x")])))
    assert {p.code for p in loaded.problems} >= {"two_tables", "host_moved", "unknown_participant", "seat_mismatch"}
    said = " ".join(f"{p} {p.value}" for p in loaded.problems)
    for pid in ("h1", "h2", "t1", "t2", "zz-secret"):
        assert f" {pid} " not in f" {said} " and f'"{pid}"' not in said


# ----------------------------------------------------------------------------------------------- spreadsheet import


def write_workbook(path: Path, seat_rows: list[tuple]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Notes"
    sheet.append(["Note", "Round", "Table", "Participant", "Region"])
    for i, (rnd, table, pid, _) in enumerate(SEATS, start=1):
        sheet.append([f"note {i} about translation tools", rnd, table, pid, "NWE"])
    seats = book.create_sheet("Seating")
    seats.append(["Participant", "Round", "Table", "Role"])
    for rnd, table, pid, role in seat_rows:
        seats.append([pid, rnd, table, role])
    book.save(path)
    return path


def test_a_workbook_with_a_seating_sheet_imports_the_seating(tmp_path):
    result = importer.import_file(write_workbook(tmp_path / "cafe.xlsx", SEATS), tmp_path / "out")
    assert result.ok and result.problems == []
    assert 'read the seating from the sheet "Seating": 12 seats' in result.remarks
    assert (tmp_path / "out" / "seating.parquet").is_file()
    loaded = load_export(tmp_path / "out")
    assert loaded.problems == [] and loaded.seating_source == "file" and len(loaded.seating) == 12
    assert set(loaded.seating["session"]) == {"out"}


def test_seating_problems_of_an_import_are_said_in_the_sheets_terms(tmp_path):
    rows = [*SEATS, (2, "A", "t1", "traveller")]  # sheet row 14; t1 is also at B in round 2 (sheet row 12)
    result = importer.import_file(write_workbook(tmp_path / "cafe.xlsx", rows), tmp_path / "out")
    assert result.ok
    assert result.problems == [
        Problem(
            'cafe.xlsx, sheet "Seating"',
            14,
            "Table",
            "A",
            'This participant is seated at table "A" in round 2, and at table "B" in the same round '
            '(cafe.xlsx, sheet "Seating" row 12). A person sits at one table per round; both seats are kept, so '
            "check which is right.",
            "two_tables",
        )
    ]


def test_a_seating_sheet_without_a_table_column_is_left_out_and_said(tmp_path):
    path = write_workbook(tmp_path / "cafe.xlsx", SEATS)
    book = openpyxl.load_workbook(path)
    book["Seating"].delete_cols(3)
    book.save(path)
    result = importer.import_file(path, tmp_path / "out")
    assert result.ok and not (tmp_path / "out" / "seating.parquet").exists()
    assert result.problems == [
        Problem(
            'cafe.xlsx, sheet "Seating"',
            1,
            None,
            None,
            "The seating sheet has no column for `table`. A seating sheet has the columns participant_id, round and "
            'table (and optionally session and role); its columns are: "Participant", "Round", "Role". The seating '
            "is left out.",
            "missing_column",
        )
    ]


def test_the_notes_are_read_from_the_first_sheet_that_is_not_the_seating(tmp_path):
    path = write_workbook(tmp_path / "cafe.xlsx", SEATS)
    book = openpyxl.load_workbook(path)
    book.move_sheet("Seating", offset=-1)
    book.save(path)
    result = importer.import_file(path, tmp_path / "out")
    assert result.ok and result.notes == 12 and result.problems == []


def test_every_seating_column_is_documented():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "data-format.md").read_text(encoding="utf-8")
    section = doc.split("### The `seating` table", 1)[1].split("\n## ", 1)[0]
    for column in SEATING:
        assert re.search(rf"^\| `{column.name}` \|", section, re.M), column.name
