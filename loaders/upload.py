"""Opening an export uploaded from the browser: a Parquet file or a .zip of an export folder.

Defences, each with its own message:
- a size limit on the upload, and a limit on what it decodes to in memory: Parquet's dictionary encoding lets a few
  kilobytes stand for gigabytes (one long value repeated), so every text column is measured, decoded size first,
  before anything is loaded;
- zip entries that would escape the folder (``../``, absolute paths, links), names that are not valid UTF-8, a file
  and a folder of the same name, zip bombs (total uncompressed size, compression ratio, entry count, and entries that
  unpack to more than they declare or break off);
- anything that is not Parquet.
The upload is unpacked into a temporary folder that is removed as soon as the frames are in memory. Whatever an
archive or a Parquet file makes a library raise, the upload is refused with a message: nothing from an upload can
take the page down.
"""

from __future__ import annotations

import hashlib
import re
import stat
import tempfile
import zipfile
from dataclasses import replace
from io import BytesIO
from pathlib import Path, PurePosixPath

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .core import Export, load_export
from .files import PARQUET_MAGIC, walk_files
from .problems import ExportError, Problem

MB = 1024 * 1024
MAX_UPLOAD_BYTES = 200 * MB
MAX_UNZIPPED_BYTES = 1024 * MB
MAX_DECODED_BYTES = 1024 * MB
MAX_RATIO = 200  # uncompressed / compressed, per entry and overall; Parquet is already compressed (~1-10x)
MAX_ENTRIES = 20_000
SIDECARS = ("_SUCCESS", ".crc", "README", ".md", ".txt")


def _refuse(name: str, message: str, kind: str, args: tuple = ()) -> ExportError:
    """An upload refused: ``message`` in English, ``kind`` and ``args`` its message in i18n/problems/."""
    return ExportError([Problem(name, None, None, None, message, "unreadable_file", True, args, "upload-" + kind)])


def safe_name(name: str, fallback: str = "upload") -> str:
    """A file name as the upload gave it, reduced to something that can be neither a path nor '.' or '..'."""
    leaf = PurePosixPath(str(name).replace("\\", "/")).name
    leaf = re.sub(r"[\x00-\x1f\x7f]", "", leaf).strip()
    return leaf if leaf.strip(".") else fallback


def _safe_member(info: zipfile.ZipInfo) -> PurePosixPath | None:
    path = PurePosixPath(info.filename.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (info.filename[1:3] == ":/"):
        return None
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return None
    return path


def open_zip(name: str, data: bytes, what: str = ".zip file") -> zipfile.ZipFile:
    """The archive, or a refusal: not a zip, or names it cannot decode (a UTF-8 flag on bytes that are not)."""
    try:
        return zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, UnicodeDecodeError, ValueError, EOFError, OSError) as error:
        raise _refuse(
            name,
            f"is not a readable {what} ({type(error).__name__}). Nothing was unpacked.",
            kind="archive",
            args=(type(error).__name__,),
        ) from None


def check_sizes(name: str, entries: list[zipfile.ZipInfo], max_total: int = MAX_UNZIPPED_BYTES) -> None:
    """Refuse an archive with too many entries, too much to unpack, or a compression ratio only a bomb has."""
    if len(entries) > MAX_ENTRIES:
        raise _refuse(
            name,
            f"holds {len(entries):,} entries; at most {MAX_ENTRIES:,} are accepted.",
            kind="entries",
            args=(len(entries), MAX_ENTRIES),
        )
    total = sum(info.file_size for info in entries)
    packed = sum(info.compress_size for info in entries) or 1
    if total > max_total or total / packed > MAX_RATIO:
        raise _refuse(
            name,
            f"would unpack to {total / 1e6:,.0f} MB from {packed / 1e6:,.1f} MB (a ratio of "
            f"{total / packed:,.0f} to 1). Harvest refuses archives over {max_total / 1e9:.1f} GB "
            f"or {MAX_RATIO} to 1, which protects the server from zip bombs.",
            kind="bomb",
            args=(round(total / 1e6), round(total / packed), f"{max_total / 1e9:.1f}", MAX_RATIO),
        )
    for info in entries:
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise _refuse(
                name,
                f"contains “{info.filename}”, compressed {info.file_size / info.compress_size:,.0f} "
                f"to 1 (more than {MAX_RATIO} to 1): refused as a possible zip bomb.",
                kind="entry-ratio",
                args=(info.filename, round(info.file_size / info.compress_size), MAX_RATIO),
            )


def check_zip(name: str, data: bytes) -> list[zipfile.ZipInfo]:
    """The entries to unpack; raises ExportError (with the entry's name) for anything unsafe or not Parquet."""
    archive = open_zip(name, data)
    entries = archive.infolist()
    check_sizes(name, entries)
    keep, files, folders = [], set(), set()
    for info in entries:
        path = _safe_member(info)
        if path is None:
            raise _refuse(
                name,
                f"contains the entry “{info.filename}”, which points outside the export folder. Nothing was unpacked.",
                kind="outside",
                args=(info.filename,),
            )
        folders.update(str(parent) for parent in path.parents if str(parent) != ".")
        if info.is_dir():
            folders.add(str(path))
            continue
        if str(path) in files:
            raise _refuse(
                name, f"contains “{info.filename}” twice. Nothing was unpacked.", kind="twice", args=(info.filename,)
            )
        files.add(str(path))
        leaf = path.name
        if leaf.startswith(".") or leaf.endswith(SIDECARS) or leaf.startswith(SIDECARS):
            continue
        if not leaf.endswith(".parquet") and not _looks_parquet(archive, info):
            raise _refuse(
                name,
                f"contains “{info.filename}”, which is not a Parquet file. An export .zip holds "
                "contributions.parquet (a file or a folder of part files) and optionally participants.parquet.",
                kind="not-parquet",
                args=(info.filename,),
            )
        keep.append(info)
    both = sorted(files & folders)
    if both:
        raise _refuse(
            name,
            f"contains “{both[0]}” both as a file and as a folder. Nothing was unpacked.",
            kind="file-and-folder",
            args=(both[0],),
        )
    if not keep:
        raise _refuse(
            name,
            "holds no Parquet file. An export .zip holds contributions.parquet and optionally participants.parquet.",
            kind="no-parquet",
        )
    return keep


def _looks_parquet(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    try:
        with archive.open(info) as handle:
            return handle.read(4) == PARQUET_MAGIC
    except Exception:  # noqa: BLE001 - a member that cannot even be opened is not Parquet
        return False


def _decoded(array: pa.Array) -> int:
    """Bytes an array takes once its dictionaries are expanded (what pandas and Arrow kernels will hold)."""
    t = array.type
    if pa.types.is_dictionary(t):
        lengths = (
            pc.binary_length(array.dictionary)
            if (pa.types.is_string(t.value_type) or pa.types.is_binary(t.value_type))
            else None
        )
        if lengths is None:
            return array.nbytes
        taken = pc.sum(pc.take(lengths, array.indices)).as_py() or 0
        return taken + 4 * len(array)
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return 4 * (len(array) + 1) + _decoded(array.flatten())
    if pa.types.is_struct(t):
        return sum(_decoded(child) for child in array.flatten())
    return array.nbytes


def decoded_bytes(path: Path, limit: int) -> int:
    """What a Parquet file decodes to, counted batch by batch with text kept dictionary-encoded (so measuring costs
    little memory); stops as soon as the count passes ``limit``."""
    handle = pq.ParquetFile(path)
    text_columns = [
        handle.schema.column(i).path
        for i in range(handle.metadata.num_columns)
        if handle.schema.column(i).physical_type in ("BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY")
    ]
    handle = pq.ParquetFile(path, read_dictionary=text_columns)
    total = 0
    for batch in handle.iter_batches(batch_size=65_536):
        total += sum(_decoded(column) for column in batch.columns)
        if total > limit:
            break
    return total


def check_decoded(name: str, folder: Path, limit: int) -> None:
    """Refuse an upload whose Parquet files decode to more than ``limit`` bytes in all."""
    total = 0
    for path in walk_files(folder):
        if path.suffix != ".parquet" and not path.is_file():
            continue
        try:
            total += decoded_bytes(path, limit - total)
        except Exception:  # noqa: BLE001 - a file that cannot be measured is reported by the loader itself
            continue
        if total > limit:
            raise _refuse(
                name,
                f"decodes to more than {limit / MB:,.0f} MB in memory (Parquet can store one long "
                "value repeated in a few bytes). Uploads are limited to that (uploads.max_decoded_mb in "
                "harvest.toml); open a larger export from the server with --data PATH instead.",
                kind="decoded",
                args=(round(limit / MB),),
            )


def _unpack(shown: str, data: bytes, into: Path) -> None:
    entries = check_zip(shown, data)
    archive = open_zip(shown, data)
    written_in_all = 0
    for info in entries:
        target = into.joinpath(*PurePosixPath(info.filename.replace("\\", "/")).parts)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as source, open(target, "wb") as sink:
                written = 0
                while chunk := source.read(1 << 20):
                    written += len(chunk)
                    written_in_all += len(chunk)
                    if written > info.file_size or written_in_all > MAX_UNZIPPED_BYTES:
                        raise _refuse(
                            shown,
                            f"“{info.filename}” unpacks to more than it declares; refused.",
                            kind="unpacks-more",
                            args=(info.filename,),
                        )
                    sink.write(chunk)
        except ExportError:
            raise
        except Exception as error:  # noqa: BLE001 - a damaged or lying archive: whatever zlib or zipfile raise
            raise _refuse(
                shown,
                f"“{info.filename}” cannot be unpacked ({type(error).__name__}): the archive is "
                "damaged or not what it declares. Nothing of it is used.",
                kind="cannot-unpack",
                args=(info.filename, type(error).__name__),
            ) from None


def open_upload(
    name: str, data: bytes, max_upload: int = MAX_UPLOAD_BYTES, max_decoded: int = MAX_DECODED_BYTES
) -> Export:
    """Load an uploaded export into memory; nothing of it stays on disk. Raises ExportError with a clear message.

    The export's fingerprint is a digest of the uploaded bytes, so every cache keyed on it follows the content."""
    shown = safe_name(name)
    if len(data) > max_upload:
        raise _refuse(
            shown,
            f"is {len(data) / 1e6:,.0f} MB; uploads are limited to {max_upload / 1e6:,.0f} MB. "
            "Open a larger export from the server with --data PATH instead.",
            kind="too-large",
            args=(round(len(data) / 1e6), round(max_upload / 1e6)),
        )
    with tempfile.TemporaryDirectory(prefix="harvest-upload-") as tmp:
        root = Path(tmp)
        if shown.lower().endswith(".zip"):
            stem = safe_name(shown[:-4], "export")
            export_dir = root / "unpacked" / stem
            export_dir.mkdir(parents=True)
            _unpack(shown, data, export_dir)
            check_decoded(shown, export_dir, max_decoded)
            candidates = list(export_dir.iterdir())
            only = (
                candidates[0]
                if len(candidates) == 1
                and candidates[0].is_dir()
                and not (export_dir / "contributions.parquet").exists()
                else export_dir
            )
            export = load_export(only)
        elif data[:4] == PARQUET_MAGIC:
            target = root / (shown if shown.endswith(".parquet") else shown + ".parquet")
            target.write_bytes(data)
            check_decoded(shown, root, max_decoded)
            export = load_export(target)
        else:
            raise _refuse(
                shown,
                "is not a Parquet file or a .zip of an export folder. Spreadsheets (.csv, .xlsx, "
                ".ods) can be imported on the Data and problems page.",
                kind="not-export",
            )
    digest = hashlib.sha256(data).hexdigest()[:12]
    return replace(export, path=f"upload: {shown}", fingerprint=f"upload-{digest}")
