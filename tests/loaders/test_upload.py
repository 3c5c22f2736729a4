"""Uploads: each defence refuses with its own message, and a good upload leaves nothing on disk."""

import io
import random
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
    pq.write_table(
        pa.table({"contribution_id": [f"n{i}" for i in range(n)], "text": [f"note {i}" for i in range(n)]}), sink
    )
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
    data = zip_of(
        {
            "wikicafe/contributions.parquet": parquet_bytes(2),
            "wikicafe/participants.parquet": people.getvalue(),
            "wikicafe/_SUCCESS": b"",
        }
    )
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


def test_an_oversized_upload_is_refused():
    with pytest.raises(ExportError) as error:
        open_upload("big.parquet", parquet_bytes(200), max_upload=1000)
    assert "uploads are limited to" in str(error.value)


def test_a_broken_zip_is_refused():
    with pytest.raises(ExportError) as error:
        open_upload("export.zip", b"PK\x03\x04 not really a zip")
    assert "is not a readable .zip file" in str(error.value)


# --- uploads that used to crash the page or exhaust the server (every value is data) ----------------------------------


def dictionary_bomb(rows: int = 2_200, value_bytes: int = 1_000_000) -> bytes:
    """A few kilobytes of Parquet: one long value, dictionary-encoded and compressed, repeated on every row."""
    sink = io.BytesIO()
    text = pa.DictionaryArray.from_arrays(pa.array([0] * rows, pa.int32()), pa.array(["x" * value_bytes]))
    pq.write_table(
        pa.table({"contribution_id": [f"n{i}" for i in range(rows)], "text": text}), sink, compression="zstd"
    )
    return sink.getvalue()


def test_a_parquet_that_decodes_to_gigabytes_is_refused_before_it_is_loaded():
    data = dictionary_bomb()
    assert len(data) < 50_000  # 2.2 GB of text in a file this small
    with pytest.raises(ExportError) as error:
        open_upload("tiny.parquet", data, max_decoded=64 * 1024 * 1024)
    assert "decodes to more than 64 MB in memory" in str(error.value)
    with pytest.raises(ExportError):  # the same inside a zip, and in a list column
        open_upload(
            "tiny.zip", zip_of({"contributions.parquet": data}, zipfile.ZIP_STORED), max_decoded=64 * 1024 * 1024
        )


def test_what_an_upload_decodes_to_is_measured_without_decoding_it():
    from loaders.upload import decoded_bytes

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bomb.parquet"
        path.write_bytes(dictionary_bomb(rows=100, value_bytes=100_000))
        assert decoded_bytes(path, limit=10**12) >= 100 * 100_000


def flag_names_utf8(data: bytes, old: bytes, new: bytes) -> bytes:
    """The archive with one entry's name replaced by bytes that are not UTF-8, and the UTF-8 flag set on it."""
    assert len(old) == len(new)
    out = bytearray(data.replace(old, new))
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (at := out.find(signature, start)) >= 0:
            out[at + flag_at] |= 0x00  # low byte untouched
            out[at + flag_at + 1] |= 0x08  # bit 11: the name is UTF-8
            start = at + 4
    return bytes(out)


def test_a_zip_with_a_name_that_is_not_utf8_is_refused_not_a_crash():
    data = flag_names_utf8(zip_of({"contributions.parquet": parquet_bytes()}), b"contributions", b"\xff\xfentributions")
    with pytest.raises(ExportError) as error:
        open_upload("export.zip", data)
    assert "is not a readable .zip file" in str(error.value)


def test_a_zip_with_a_file_and_a_folder_of_the_same_name_is_refused():
    data = zip_of({"export/contributions.parquet": parquet_bytes(), "export": parquet_bytes()})
    with pytest.raises(ExportError) as error:
        open_upload("export.zip", data)
    assert "contains “export” both as a file and as a folder" in str(error.value)


@pytest.mark.parametrize("name", ["...zip", "../..zip", "..\\x.zip", ".zip"])
def test_an_upload_named_to_escape_the_temporary_folder_stays_inside_it(name):
    before = leftover_uploads()
    export = open_upload(name, zip_of({"contributions.parquet": parquet_bytes(2)}))
    assert len(export.contributions) == 2
    assert ".." not in export.path.removeprefix("upload: ").strip(".") or export.path == "upload: upload"
    assert leftover_uploads() == before
    assert not (Path(tempfile.gettempdir()) / "contributions.parquet").exists()


def test_an_entry_that_unpacks_to_more_than_it_declares_is_refused():
    """A lying archive: the central directory says 1 kB, the data inflates to 4 MB. Unpacking stops at what it
    declared and refuses the upload, instead of raising from deep inside zipfile."""
    honest = zip_of({"contributions.parquet": parquet_bytes() + random.Random(0).randbytes(4 * 1024 * 1024)})
    archive = zipfile.ZipFile(io.BytesIO(honest))
    info = archive.infolist()[0]
    lying = bytearray(honest)
    size = info.file_size.to_bytes(4, "little")
    for at in (i for i in range(len(lying) - 4) if bytes(lying[i : i + 4]) == size):
        lying[at : at + 4] = (1024 * 1024).to_bytes(4, "little")
    with pytest.raises(ExportError) as error:
        open_upload("liar.zip", bytes(lying))
    assert "cannot be unpacked" in str(error.value) or "more than it declares" in str(error.value)
