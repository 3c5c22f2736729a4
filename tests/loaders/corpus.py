"""Small session exports, good and broken, written by the tests into a temporary folder.

Nothing binary is committed: every file the loader tests read is built here with pyarrow. ``notes()`` and
``people()`` give valid tables that a test changes one column at a time; each broken-export builder writes one kind
of damage under ``root`` and returns the path a user would open.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

LIST = pa.list_(pa.string())

#: Four valid notes. Row 4 is anonymous.
NOTES: dict[str, pa.Array] = {
    "contribution_id": pa.array(["c1", "c2", "c3", "c4"]),
    "text": pa.array(["More translation tools", "Mentors for newcomers", "Offline reading", "Sources in Swahili"]),
    "question": pa.array(["q1", "q1", "q2", "q2"]),
    "round": pa.array([1, 1, 2, 2], pa.int64()),
    "table": pa.array(["A", "B", "A", "B"]),
    "participant_id": pa.array(["p1", "p2", "p3", None]),
    "language": pa.array(["en", "sv", "pt-BR", "sw"]),
    "themes": pa.array([["tools"], ["newcomers", "mentoring"], [], ["sources", "languages"]], LIST),
    "direction": pa.array([["KE"], ["EQ"], [], ["KE", "EQ"]], LIST),
    "votes": pa.array([3, 0, 1, 2], pa.int64()),
    "submitted_at": pa.array(
        [datetime(2017, 8, 10, 9, m, tzinfo=UTC) for m in (0, 5, 40, 45)], pa.timestamp("us", tz="UTC")
    ),
}

#: The three people who wrote the named notes.
PEOPLE: dict[str, pa.Array] = {
    "participant_id": pa.array(["p1", "p2", "p3"]),
    "region": pa.array(["SSA", "NWE", "LAC"]),
    "country": pa.array(["KE", "SE", "BR"]),
    "community": pa.array(["sw.wikipedia", "Wikimedia Sverige", "pt.wikipedia"]),
    "community_type": pa.array(["online community", "affiliate", "online community"]),
    "languages": pa.array([["sw", "en"], ["sv"], ["pt"]], LIST),
    "gender": pa.array(["woman", "man", None]),
    "age_band": pa.array(["25-34", "35-44", "18-24"]),
    "newcomer": pa.array([True, False, None]),
}


def _table(base: dict[str, pa.Array], columns: dict) -> pa.Table:
    data = dict(base)
    for name, values in columns.items():
        if values is None:
            data.pop(name, None)
        else:
            data[name] = values if isinstance(values, pa.Array | pa.ChunkedArray) else pa.array(values)
    return pa.table(data)


def notes(**columns) -> pa.Table:
    """The four valid notes, with columns replaced (a list or an Arrow array), added, or removed (``None``)."""
    return _table(NOTES, columns)


def people(**columns) -> pa.Table:
    """The three valid participants, changed as ``notes`` is."""
    return _table(PEOPLE, columns)


def write(table: pa.Table, path: Path, **options) -> Path:
    """Write one Parquet file, making its folder; ``options`` go to ``pyarrow.parquet.write_table``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, **options)
    return path


def export(root: Path, contributions: pa.Table | None = None, participants: pa.Table | None = None) -> Path:
    """An export folder: contributions.parquet and, when given, participants.parquet."""
    write(notes() if contributions is None else contributions, root / "contributions.parquet")
    if participants is not None:
        write(participants, root / "participants.parquet")
    return root


def parquet_bytes(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return sink.getvalue().to_pybytes()


# --- broken exports: each writes one kind of damage under ``root`` and returns what a user would open -------------


def zero_byte(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "contributions.parquet").write_bytes(b"")
    return root


def truncated(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    data = parquet_bytes(notes())
    (root / "contributions.parquet").write_bytes(data[: len(data) // 2])
    return root


def csv_renamed(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "contributions.parquet").write_text("contribution_id,text\nc1,More translation tools\n")
    return root


def wrong_column_types(root: Path) -> Path:
    """`text` holds lists: no note can be read."""
    return export(root, notes(text=pa.array([["a"], ["b"], ["c"], ["d"]], LIST)))


def wrong_optional_column_types(root: Path) -> Path:
    """`round` holds true/false, `themes` holds numbers, `submitted_at` holds lists: those columns are left out."""
    return export(
        root,
        notes(
            round=[True, False, True, False],
            themes=[1.5, 2.5, 3.5, 4.5],
            submitted_at=pa.array([["x"], [], [], []], LIST),
        ),
    )


def missing_required_columns(root: Path) -> Path:
    return export(root, notes(text=None, contribution_id=None))


def missing_participant_id(root: Path) -> Path:
    return export(root, notes(), people(participant_id=None))


def null_ids(root: Path) -> Path:
    return export(root, notes(contribution_id=["c1", None, "c3", None]), people(participant_id=["p1", None, "p3"]))


def duplicate_ids(root: Path) -> Path:
    """Notes: c1 again with the same content (row 5), c2 again with other text (row 6).
    Participants: p1 again with another region (row 4)."""
    copy = notes().slice(0, 1)
    changed = notes(text=["", "Something else", "", ""]).slice(1, 1)
    people_again = people(region=["MENA", "", ""]).slice(0, 1)
    return export(root, pa.concat_tables([notes(), copy, changed]), pa.concat_tables([people(), people_again]))


def unknown_regions_and_countries(root: Path) -> Path:
    return export(root, notes(), people(region=["Atlantis", "nwe", None], country=["KE", "XX", "Narnia"]))


def mixed_type_partitions(root: Path) -> Path:
    """`round` and an extra column `score` are numbers in part-0 and text in part-1 (where row 1 has round "two")."""
    base = root / "contributions.parquet"
    first = notes().slice(0, 2).append_column("score", pa.array([1, 2]))
    second = notes(round=["", "", "two", "3"]).slice(2, 2).append_column("score", pa.array(["high", "low"]))
    write(first, base / "part-0.parquet")
    write(second, base / "part-1.parquet")
    return root


def schema_changes_between_parts(root: Path) -> Path:
    """The first part has only the required columns; a later part adds `themes` and `mood`."""
    base = root / "contributions.parquet"
    write(notes().select(["contribution_id", "text"]).slice(0, 2), base / "part-0.parquet")
    write(notes().slice(2, 2).append_column("mood", pa.array(["happy", "tired"])), base / "part-1.parquet")
    return root


def half_written_part(root: Path) -> Path:
    """Two complete part files and a third cut off mid-write."""
    base = root / "contributions.parquet"
    write(notes().slice(0, 2), base / "part-0.parquet")
    write(notes().slice(2, 2), base / "part-1.parquet")
    data = parquet_bytes(notes(contribution_id=["c5", "c6", "c7", "c8"]))
    (base / "part-2.parquet").write_bytes(data[: len(data) - 40])
    return root


BROKEN: dict[str, Callable[[Path], Path]] = {
    builder.__name__: builder
    for builder in (
        zero_byte,
        truncated,
        csv_renamed,
        wrong_column_types,
        wrong_optional_column_types,
        missing_required_columns,
        missing_participant_id,
        null_ids,
        duplicate_ids,
        unknown_regions_and_countries,
        mixed_type_partitions,
        schema_changes_between_parts,
        half_written_part,
    )
}
