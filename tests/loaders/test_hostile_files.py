"""Files an export folder can hold that used to take every page down for every session: each is now reported or
passed over, and the rest of the export loads."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import threading

import pyarrow as pa
import pyarrow.parquet as pq

from loaders import load_export
from loaders.files import fingerprint
from tests.loaders import corpus


def test_a_file_name_that_is_not_utf8_anywhere_in_the_folder_neither_crashes_nor_stops_the_fingerprint(good_export):
    before = fingerprint(good_export)
    name = os.fsencode(good_export / "contributions.parquet") + b".caf\xe9.tmp"  # Latin-1 bytes, not UTF-8
    with open(name, "wb") as handle:
        handle.write(b"scratch")
    after = fingerprint(good_export)
    assert after != before  # the file is seen, as bytes
    export = load_export(good_export)
    assert len(export.contributions) == 4


def test_a_date_no_timestamp_can_hold_is_reported_and_its_row_kept(tmp_path):
    folder = tmp_path / "dates"
    folder.mkdir()
    pq.write_table(
        pa.table(
            {
                "contribution_id": ["a", "b", "c"],
                "text": ["one", "two", "three"],
                "submitted_at": pa.array(
                    [dt.datetime(2017, 11, 4, 10), dt.datetime(2017, 11, 4, 11), None], pa.timestamp("ms")
                ),
            }
        ),
        folder / "good.parquet",
    )
    table = pq.read_table(folder / "good.parquet")
    raw = table.column("submitted_at").cast(pa.int64()).to_pylist()
    raw[1] = 10**16  # year 318,857: past what a microsecond timestamp holds
    table = table.set_column(2, "submitted_at", pa.array(raw, pa.int64()).cast(pa.timestamp("ms")))
    pq.write_table(table, folder / "contributions.parquet")
    (folder / "good.parquet").unlink()
    export = load_export(folder)
    assert list(export.contributions["contribution_id"]) == ["a", "b", "c"]
    assert export.contributions["submitted_at"].isna().tolist() == [False, True, True]
    (found,) = [p for p in export.problems if p.code == "bad_timestamp"]
    assert (found.row, found.column) == (2, "submitted_at")
    assert "outside the dates and times Harvest can hold" in found.message and "The row is kept" in found.message


def test_a_date_far_outside_the_range_in_a_date_column_is_reported_too(tmp_path):
    folder = tmp_path / "days"
    folder.mkdir()
    days = pa.array([17474, 2**31 - 1], pa.int32()).cast(pa.date32())
    pq.write_table(
        pa.table({"contribution_id": ["a", "b"], "text": ["x", "y"], "submitted_at": days}),
        folder / "contributions.parquet",
    )
    export = load_export(folder)
    assert export.contributions["submitted_at"].isna().tolist() == [False, True]
    assert [p.code for p in export.problems] == ["bad_timestamp"]


def test_folders_that_appear_and_vanish_during_the_scan_are_passed_over(tmp_path):
    """A Spark writer's _temporary/ comes and goes while the app scans: no walk may raise FileNotFoundError."""
    folder = corpus.export(tmp_path / "live", corpus.notes(), corpus.people())
    scratch = folder / "contributions.parquet.d"
    stop = threading.Event()

    def churn() -> None:
        while not stop.is_set():
            deep = scratch / "_temporary" / "0" / "task_1" / "attempt_1"
            deep.mkdir(parents=True, exist_ok=True)
            (deep / "part-0.parquet").write_bytes(b"PAR1")
            shutil.rmtree(scratch, ignore_errors=True)

    worker = threading.Thread(target=churn, daemon=True)
    worker.start()
    try:
        for _ in range(200):
            fingerprint(folder)
            assert len(load_export(folder).contributions) == 4
    finally:
        stop.set()
        worker.join()
