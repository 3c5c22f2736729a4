"""Exports as other tools write them: DuckDB, polars, a Spark-like job, pyarrow datasets, one flat file.

The same café (three sessions, twelve people, one of whom wrote nothing) is written by each writer. Whatever the
layout, every note must find its author, and take its author's region and community: a note reported as from an
"unknown participant" when its author is in the participants file is data lost quietly.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from loaders import load_export

SESSIONS = ("stockholm-a", "stockholm-b", "stockholm-c")
REGIONS = ("SSA", "NWE", "LAC", "CEE", "ESEAP", "SA", "MENA", "NA")


def _people() -> pa.Table:
    ids = [f"p{i:02d}" for i in range(12)]
    return pa.table(
        {
            "participant_id": ids,
            "region": [REGIONS[i % len(REGIONS)] for i in range(12)],
            "community": [f"community {i % 5}" for i in range(12)],
            "community_type": ["affiliate" if i % 3 else "online community" for i in range(12)],
        }
    )


def _notes() -> pa.Table:
    """Sixty notes; p11 writes none; p00 and p01 write in every session, the others in one or two."""
    rng = random.Random(2017)
    rows = []
    for i in range(60):
        session = SESSIONS[i % 3]
        author = f"p{i % 2:02d}" if i < 12 else f"p{rng.randrange(2, 11):02d}"
        rows.append(
            {
                "contribution_id": f"c{i:03d}",
                "text": f"Note {i}: translation tools for small wikis",
                "session": session,
                "participant_id": author if i % 10 else None,  # every tenth note anonymous
                "round": 1 + i % 5,
                "submitted_at": datetime(2017, 11, 4, 10, tzinfo=UTC) + timedelta(minutes=i),
            }
        )
    return pa.Table.from_pylist(rows)


NOTES, PEOPLE = _notes(), _people()
REGION_OF = dict(zip(PEOPLE["participant_id"].to_pylist(), PEOPLE["region"].to_pylist(), strict=True))
COMMUNITY_OF = dict(zip(PEOPLE["participant_id"].to_pylist(), PEOPLE["community"].to_pylist(), strict=True))


def _with_sessions(people: pa.Table) -> pa.Table:
    """The people as a writer with sessions lists them: one row per session each person wrote in (silent ones in
    the first session)."""
    rows = []
    for person in people.to_pylist():
        sessions = sorted(
            {n["session"] for n in NOTES.to_pylist() if n["participant_id"] == person["participant_id"]}
        ) or [SESSIONS[0]]
        rows += [{**person, "session": s} for s in sessions]
    return pa.Table.from_pylist(rows)


def duckdb_hive_shared_people(root: Path) -> Path:
    """DuckDB's PARTITION_BY: contributions.parquet/session=…/data_0.parquet, beside one participants.parquet that
    has no session column (the format allows it: it applies to every session)."""
    db = duckdb.connect()
    db.register("notes", NOTES)
    db.register("people", PEOPLE)
    db.execute(f"COPY notes TO '{root}/contributions.parquet' (FORMAT parquet, PARTITION_BY (session))")
    db.execute(f"COPY people TO '{root}/participants.parquet' (FORMAT parquet)")
    return root


def polars_hive(root: Path) -> Path:
    """polars' partitioned write for the notes, and one participants file with sessions."""
    pl.from_arrow(NOTES).write_parquet(root / "contributions.parquet", partition_by="session")
    pl.from_arrow(_with_sessions(PEOPLE)).write_parquet(root / "participants.parquet")
    return root


def spark_like(root: Path) -> Path:
    """A Spark job's output: part-0000N-<uuid>-c000.snappy.parquet files with INT96 timestamps, _SUCCESS and .crc
    markers, for both tables (participants with a session column)."""
    for name, table in (("contributions.parquet", NOTES), ("participants.parquet", _with_sessions(PEOPLE))):
        folder = root / name
        folder.mkdir(parents=True)
        half = table.num_rows // 2
        for n, piece in enumerate((table.slice(0, half), table.slice(half))):
            part = folder / f"part-{n:05d}-7d1c2e9a-1b2c-4d5e-8f90-a1b2c3d4e5f6-c000.snappy.parquet"
            pq.write_table(piece, part, use_deprecated_int96_timestamps=True, compression="snappy")
            (folder / f".{part.name}.crc").write_bytes(b"crc")
        (folder / "_SUCCESS").write_bytes(b"")
    return root


def pyarrow_dataset(root: Path) -> Path:
    """pyarrow.parquet.write_to_dataset, both tables partitioned by session (the people of each session in it)."""
    pq.write_to_dataset(NOTES, root / "contributions.parquet", partition_cols=["session"])
    pq.write_to_dataset(_with_sessions(PEOPLE), root / "participants.parquet", partition_cols=["session"])
    return root


def flat_file(root: Path) -> Path:
    """One flat file, each note carrying its author's region and community (no participants table)."""
    authors = NOTES["participant_id"].to_pylist()
    table = NOTES.append_column("region", pa.array([REGION_OF.get(a) for a in authors])).append_column(
        "community", pa.array([COMMUNITY_OF.get(a) for a in authors])
    )
    pq.write_table(table, root / "wikicafe.parquet")
    return root / "wikicafe.parquet"


WRITERS = [duckdb_hive_shared_people, polars_hive, spark_like, pyarrow_dataset, flat_file]


@pytest.mark.parametrize("write", WRITERS, ids=lambda w: w.__name__)
def test_every_note_finds_its_author_whatever_wrote_the_export(tmp_path, write):
    export = load_export(write(tmp_path))
    codes = {p.code for p in export.problems}
    assert "unknown_participant" not in codes
    assert not [p for p in export.problems if p.fatal]
    notes = export.contributions.sort_values("contribution_id")
    assert len(notes) == NOTES.num_rows
    written = NOTES.to_pandas().sort_values("contribution_id")
    assert notes["session"].astype(str).tolist() == written["session"].tolist()
    expected_region = [REGION_OF.get(a) for a in written["participant_id"]]
    assert [None if v != v else v for v in notes["region"].astype(object)] == expected_region
    expected_community = [COMMUNITY_OF.get(a) for a in written["participant_id"]]
    assert [None if v != v else v for v in notes["community"].astype(object)] == expected_community


def test_a_participants_file_without_sessions_applies_to_every_session(tmp_path):
    """The DuckDB layout: each person counts once in each session they wrote in, and the one who wrote nothing is
    counted once, with no session, and said so."""
    export = load_export(duckdb_hive_shared_people(tmp_path))
    people = export.participants
    wrote = {(n["session"], n["participant_id"]) for n in NOTES.to_pylist() if n["participant_id"]}
    listed = {(s, p) for s, p in zip(people["session"], people["participant_id"], strict=True) if s == s}
    assert listed == wrote
    silent = people[people["session"].isna()]
    assert silent["participant_id"].tolist() == ["p11"]
    (said,) = [p for p in export.problems if p.code == "shared_participants"]
    assert said.file.endswith("participants.parquet") and "1 person wrote no note" in said.message
    per_session = export.contributions.groupby("session", observed=True)["region"].count()
    assert per_session.sum() == sum(1 for n in NOTES.to_pylist() if n["participant_id"])


def test_a_session_name_holding_the_old_key_separator_does_not_join_two_people(tmp_path):
    """Keys are the typed (session, id) columns: "a\\x1fb" + "c" and "a" + "b\\x1fc" are two people, not one."""
    notes = pa.table(
        {
            "contribution_id": ["n1", "n2"],
            "text": ["one", "two"],
            "session": ["a\x1fb", "a"],
            "participant_id": ["c", "b\x1fc"],
        }
    )
    people = pa.table({"session": ["a", "a\x1fb"], "participant_id": ["b\x1fc", "c"], "region": ["SSA", "NWE"]})
    pq.write_table(notes, tmp_path / "contributions.parquet")
    pq.write_table(people, tmp_path / "participants.parquet")
    export = load_export(tmp_path)
    by_note = dict(
        zip(export.contributions["contribution_id"], export.contributions["region"].astype(str), strict=True)
    )
    assert by_note == {"n1": "NWE", "n2": "SSA"}
    assert not [p for p in export.problems if p.code in ("duplicate_id", "unknown_participant")]
