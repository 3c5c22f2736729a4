"""Opening an export uploaded from the browser: a Parquet file or a .zip of an export folder.

Defences, each with its own message: a size limit, zip entries that would escape the folder (``../``, absolute paths,
links), zip bombs (total uncompressed size, compression ratio, entry count), and anything that is not Parquet.
The upload is unpacked into a temporary folder that is removed as soon as the frames are in memory.
"""

from __future__ import annotations

import stat
import tempfile
import zipfile
from dataclasses import replace
from io import BytesIO
from pathlib import Path, PurePosixPath

from .core import Export, load_export
from .files import PARQUET_MAGIC
from .problems import ExportError, Problem

MAX_UPLOAD_BYTES = 200 * 1024 * 1024
MAX_UNZIPPED_BYTES = 2 * 1024 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, per entry and overall; Parquet is already compressed (~1-10x)
MAX_ENTRIES = 20_000
SIDECARS = ("_SUCCESS", ".crc", "README", ".md", ".txt")


def _refuse(name: str, message: str) -> ExportError:
    return ExportError([Problem(name, None, None, None, message, "unreadable_file", True)])


def _safe_member(info: zipfile.ZipInfo) -> PurePosixPath | None:
    path = PurePosixPath(info.filename.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (info.filename[1:3] == ":/"):
        return None
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return None
    return path


def check_zip(name: str, data: bytes) -> list[zipfile.ZipInfo]:
    """The entries to unpack; raises ExportError (with the entry's name) for anything unsafe or not Parquet."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile:
        raise _refuse(name, "is not a readable .zip file. Upload a Parquet file, or a .zip of an export folder.") from None
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise _refuse(name, f"holds {len(entries):,} entries; at most {MAX_ENTRIES:,} are accepted.")
    total = sum(info.file_size for info in entries)
    packed = sum(info.compress_size for info in entries) or 1
    if total > MAX_UNZIPPED_BYTES or total / packed > MAX_RATIO:
        raise _refuse(name, f"would unpack to {total / 1e6:,.0f} MB from {packed / 1e6:,.1f} MB (a ratio of "
                      f"{total / packed:,.0f} to 1). Harvest refuses archives over {MAX_UNZIPPED_BYTES / 1e9:.0f} GB "
                      f"or {MAX_RATIO} to 1, which protects the server from zip bombs.")
    keep = []
    for info in entries:
        path = _safe_member(info)
        if path is None:
            raise _refuse(name, f"contains the entry “{info.filename}”, which points outside the export folder. "
                          "Nothing was unpacked.")
        if info.is_dir():
            continue
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise _refuse(name, f"contains “{info.filename}”, compressed {info.file_size / info.compress_size:,.0f} "
                          f"to 1 (more than {MAX_RATIO} to 1): refused as a possible zip bomb.")
        leaf = path.name
        if leaf.startswith(".") or leaf.endswith(SIDECARS) or leaf.startswith(SIDECARS):
            continue
        if not leaf.endswith(".parquet") and not _looks_parquet(archive, info):
            raise _refuse(name, f"contains “{info.filename}”, which is not a Parquet file. An export .zip holds "
                          "contributions.parquet (a file or a folder of part files) and optionally participants.parquet.")
        keep.append(info)
    if not keep:
        raise _refuse(name, "holds no Parquet file. An export .zip holds contributions.parquet and optionally "
                      "participants.parquet.")
    return keep


def _looks_parquet(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    with archive.open(info) as handle:
        return handle.read(4) == PARQUET_MAGIC


def open_upload(name: str, data: bytes) -> Export:
    """Load an uploaded export into memory; nothing of it stays on disk. Raises ExportError with a clear message."""
    shown = Path(name).name or "upload"
    if len(data) > MAX_UPLOAD_BYTES:
        raise _refuse(shown, f"is {len(data) / 1e6:,.0f} MB; uploads are limited to {MAX_UPLOAD_BYTES / 1e6:,.0f} MB. "
                      "Open a larger export from the server with --data PATH instead.")
    with tempfile.TemporaryDirectory(prefix="harvest-upload-") as tmp:
        root = Path(tmp)
        if shown.lower().endswith(".zip"):
            entries = check_zip(shown, data)
            archive = zipfile.ZipFile(BytesIO(data))
            export_dir = root / Path(shown).stem
            export_dir.mkdir()
            for info in entries:
                target = export_dir.joinpath(*PurePosixPath(info.filename.replace("\\", "/")).parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as source, open(target, "wb") as sink:
                    written = 0
                    while chunk := source.read(1 << 20):
                        written += len(chunk)
                        if written > info.file_size:  # a lying header: stop at what it declared
                            raise _refuse(shown, f"“{info.filename}” unpacks to more than it declares; refused.")
                        sink.write(chunk)
            candidates = [p for p in export_dir.iterdir()]
            only = candidates[0] if len(candidates) == 1 and candidates[0].is_dir() and not (
                export_dir / "contributions.parquet").exists() else export_dir
            export = load_export(only)
        elif data[:4] == PARQUET_MAGIC:
            target = root / (shown if shown.endswith(".parquet") else shown + ".parquet")
            target.write_bytes(data)
            export = load_export(target)
        else:
            raise _refuse(shown, "is not a Parquet file or a .zip of an export folder. Spreadsheets (.csv, .xlsx, "
                          ".ods) can be imported on the Data and problems page.")
    return replace(export, path=f"upload: {shown}")
