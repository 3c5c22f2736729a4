"""A live session read again and again: part files vanish, turn unreadable, come back; nothing shown is lost quietly.

Each test writes a real export folder, reads it with the real loader, changes the files as a café's tools would, reads
again and compares through loaders.live, as the app does between two reruns.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from loaders import ExportError, load_export
from loaders.live import changes, hold, unusable

AT = datetime(2017, 11, 4, 14, 2)
LATER = datetime(2017, 11, 4, 14, 9)


def notes(part: int, n: int) -> pa.Table:
    return pa.table(
        {
            "contribution_id": [f"r{part}-{i}" for i in range(n)],
            "text": [f"Round {part}, note {i}: tools in every language" for i in range(n)],
            "participant_id": [f"p{i % 7}" for i in range(n)],
            "round": [part] * n,
        }
    )


@pytest.fixture
def session(tmp_path) -> Path:
    """A live export: contributions.parquet/ with part-1 (50 notes), part-2 (30), part-3 (20), and participants."""
    folder = tmp_path / "wikicafe" / "contributions.parquet"
    folder.mkdir(parents=True)
    for part, n in ((1, 50), (2, 30), (3, 20)):
        pq.write_table(notes(part, n), folder / f"part-{part}.parquet")
    people = pa.table({"participant_id": [f"p{i}" for i in range(7)], "region": ["SSA", "NWE", "LAC"] * 2 + ["SA"]})
    pq.write_table(people, tmp_path / "wikicafe" / "participants.parquet")
    return tmp_path / "wikicafe"


def ids(export) -> set[str]:
    return set(export.contributions["contribution_id"])


def said(export) -> list[str]:
    return [f"{p.file}: {p.message}" for p in changes(export)]


def test_a_deleted_part_keeps_its_notes_and_says_since_when(session):
    first = load_export(session)
    (session / "contributions.parquet" / "part-1.parquet").unlink()
    second = hold(first, load_export(session), AT)
    assert ids(second) == ids(first)
    assert said(second) == [
        "wikicafe/contributions.parquet/part-1.parquet: 50 notes no longer in the export folder since 14:02. "
        "They are still shown, held from the last good read, until the file is back."
    ]
    # held notes keep their authors' regions
    held = second.contributions[second.contributions["contribution_id"].str.startswith("r1-")]
    assert held["region"].notna().all()


def test_a_part_held_twice_keeps_the_time_it_was_first_missed(session):
    first = load_export(session)
    (session / "contributions.parquet" / "part-1.parquet").unlink()
    second = hold(first, load_export(session), AT)
    pq.write_table(notes(4, 5), session / "contributions.parquet" / "part-4.parquet")
    third = hold(second, load_export(session), LATER)
    assert ids(third) == ids(first) | {f"r4-{i}" for i in range(5)}
    assert said(third) and "since 14:02" in said(third)[0]


def test_a_part_that_turns_unreadable_is_held_and_the_rest_loads(session):
    first = load_export(session)
    (session / "contributions.parquet" / "part-2.parquet").write_bytes(b"contribution_id,text\nx,half a file")
    second = hold(first, load_export(session), AT)
    assert ids(second) == ids(first)
    (message,) = said(second)
    assert message.startswith("wikicafe/contributions.parquet/part-2.parquet: 30 notes no longer readable (is not a")
    assert "since 14:02" in message


def test_a_participants_part_written_into_the_notes_folder_takes_no_note_with_it(session):
    """Before, one bad part took every note off every screen."""
    people = pa.table({"participant_id": ["p1"], "region": ["SSA"]})
    pq.write_table(people, session / "contributions.parquet" / "part-9.parquet")
    export = load_export(session)
    assert len(export.contributions) == 100
    found = [p for p in export.problems if p.file.endswith("part-9.parquet")]
    assert [p.column for p in found] == ["contribution_id", "text"]
    assert all(p.message.endswith("This file is left out; the rest of the export is read.") for p in found)


def test_a_part_with_lists_in_text_is_left_out_and_the_rest_loads(session):
    bad = pa.table({"contribution_id": ["x1"], "text": pa.array([["a", "list"]])})
    pq.write_table(bad, session / "contributions.parquet" / "part-8.parquet")
    export = load_export(session)
    assert len(export.contributions) == 100
    assert [p.column for p in export.problems if p.file.endswith("part-8.parquet")] == ["text"]


def test_a_part_that_comes_back_is_read_afresh_and_nothing_is_said(session):
    part = session / "contributions.parquet" / "part-3.parquet"
    first = load_export(session)
    kept = part.read_bytes()
    part.unlink()
    second = hold(first, load_export(session), AT)
    part.write_bytes(kept)
    os.utime(part)
    third = hold(second, load_export(session), LATER)
    assert ids(third) == ids(first)
    assert said(third) == []
    assert len(third.contributions) == 100  # not held and read again: counted once


def test_a_part_written_again_with_fewer_notes_is_said(session):
    first = load_export(session)
    pq.write_table(notes(2, 12), session / "contributions.parquet" / "part-2.parquet")
    second = hold(first, load_export(session), AT)
    assert len(second.contributions) == 82
    (message,) = said(second)
    assert "part-2.parquet: holds 18 fewer notes than at the read before 14:02 (30 then, 12 now)" in message


def test_an_export_that_can_no_longer_be_read_keeps_the_last_good_read(session):
    first = load_export(session)
    for part in (session / "contributions.parquet").iterdir():
        part.write_bytes(b"not parquet")
    with pytest.raises(ExportError) as raised:
        load_export(session)
    second = unusable(first, raised.value, AT)
    assert ids(second) == ids(first)
    (message,) = said(second)
    assert "The export cannot be read since 14:02" in message
    assert "Everything shown is held from the last good read" in message
