"""Uploads: each defence refuses with its own message, and a good upload leaves nothing on disk."""

import io
import tempfile
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from loaders import ExportError
from loaders.upload import MAX_RATIO, check_zip, open_upload


def parquet_bytes(n: int = 3) -> bytes:
    sink = io.BytesIO()
    pq.write_table(pa.table({"contribution_id": [f"n{i}" for i in range(n)], "text": [f"note {i}" for i in range(n)]}),
                   sink)
    return sink.getvalue()


def zip_of(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return sink.getvalue()


def leftover_uploads() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("harvest-upload-*")}


def test_a_parquet_upload_loads_and_leaves_no_file_behind():
    before = leftover_uploads()
    export = open_upload("notes.parquet", parquet_bytes(4))
    assert len(export.contributions) == 4
    assert export.path == "upload: notes.parquet"
    assert leftover_uploads() == before


def test_a_zip_of_an_export_folder_loads_with_its_participants():
    people = io.BytesIO()
    pq.write_table(pa.table({"participant_id": ["p1"], "region": ["SSA"]}), people)
    data = zip_of({"wikicafe/contributions.parquet": parquet_bytes(2), "wikicafe/participants.parquet": people.getvalue(),
                   "wikicafe/_SUCCESS": b""})
    export = open_upload("wikicafe.zip", data)
    assert len(export.contributions) == 2
    assert list(export.participants["region"].astype(str)) == ["SSA"]


@pytest.mark.parametrize("entry", ["../evil.parquet", "/etc/evil.parquet", "a/../../evil.parquet"])
def test_a_zip_entry_escaping_the_folder_is_refused(entry):
    with pytest.raises(ExportError) as error:
        open_upload("export.zip", zip_of({entry: parquet_bytes()}))
    assert f"contains the entry “{entry}”, which points outside the export folder" in str(error.value)


def test_a_zip_bomb_is_refused_before_unpacking():
    bomb = zip_of({"contributions.parquet": b"\0" * (20 * 1024 * 1024)})
    with pytest.raises(ExportError) as error:
        check_zip("bomb.zip", bomb)
    assert "zip bomb" in str(error.value)
    assert f"{MAX_RATIO} to 1" in str(error.value)


def test_a_non_parquet_entry_is_refused_by_name():
    with pytest.raises(ExportError) as error:
        open_upload("export.zip", zip_of({"contributions.parquet": parquet_bytes(), "run.sh": b"rm -rf /"}))
    assert "contains “run.sh”, which is not a Parquet file" in str(error.value)


def test_a_csv_upload_is_refused_and_pointed_to_the_import():
    with pytest.raises(ExportError) as error:
        open_upload("notes.csv", b"contribution_id,text\n1,hello\n")
    assert "is not a Parquet file or a .zip" in str(error.value)
    assert "Spreadsheets (.csv, .xlsx, .ods) can be imported" in str(error.value)


def test_an_oversized_upload_is_refused(monkeypatch):
    import loaders.upload as upload

    monkeypatch.setattr(upload, "MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(ExportError) as error:
        open_upload("big.parquet", parquet_bytes(200))
    assert "uploads are limited to" in str(error.value)


def test_a_broken_zip_is_refused():
    with pytest.raises(ExportError) as error:
        open_upload("export.zip", b"PK\x03\x04 not really a zip")
    assert "is not a readable .zip file" in str(error.value)
