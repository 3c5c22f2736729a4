"""Finding an export's files: a single Parquet file, a folder, part-file datasets, hive partitions, several sessions."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .problems import ExportError, Problem

PARQUET_MAGIC = b"PAR1"


@dataclass(frozen=True)
class Part:
    """One Parquet file, with the hive partition values (``key=value`` folders) above it."""

    path: Path
    label: str  # the path shown in messages, relative to what the user opened
    partition: dict[str, str] = field(default_factory=dict)


@dataclass
class Layout:
    """The files of one export."""

    root: Path
    session: str  # the default session name: the export's folder or file name
    contributions: list[Part]
    participants: list[Part]


def _is_data_file(path: Path) -> bool:
    name = path.name
    return path.is_file() and not name.startswith((".", "_")) and not name.endswith((".crc", ".tmp"))


def _parts(dataset: Path, shown_from: Path) -> list[Part]:
    """A Parquet file, or every data file below a dataset folder, sorted so loading is reproducible."""
    if dataset.is_file():
        return [Part(dataset, _label(dataset, shown_from))]
    parts = []
    for path in sorted(p for p in dataset.rglob("*") if _is_data_file(p)):
        partition = {}
        for folder in path.relative_to(dataset).parts[:-1]:
            if "=" in folder:
                key, _, value = folder.partition("=")
                partition[key] = value
        parts.append(Part(path, _label(path, shown_from), partition))
    return parts


def _label(path: Path, shown_from: Path) -> str:
    try:
        rel = path.relative_to(shown_from)
        return str(Path(shown_from.name) / rel) if str(rel) != "." else shown_from.name
    except ValueError:
        return str(path)


def _find(folder: Path, stem: str) -> Path | None:
    for name in (f"{stem}.parquet", stem):
        candidate = folder / name
        if candidate.exists():
            return candidate
    return None


def discover(path: str | Path) -> list[Layout]:
    """The exports at ``path``: one for a file or an export folder, one per sub-folder for a folder of exports."""
    root = Path(path).expanduser()
    shown_from = root.parent if root.is_file() else root
    if not root.exists():
        raise ExportError([Problem(str(root), None, None, None,
                                   "There is no file or folder here. Give the path of a session export: a Parquet "
                                   "file, or a folder holding contributions.parquet.", "unreadable_file", True)])
    if root.is_file():
        return [Layout(root, root.stem, _parts(root, shown_from), [])]
    contributions = _find(root, "contributions")
    if contributions is not None:
        participants = _find(root, "participants")
        return [Layout(root, root.name, _parts(contributions, shown_from),
                       _parts(participants, shown_from) if participants else [])]
    layouts = []
    for sub in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        found = _find(sub, "contributions")
        if found is None:
            continue
        participants = _find(sub, "participants")
        session = sub.name.partition("=")[2] if "=" in sub.name else sub.name
        layouts.append(Layout(sub, session, _parts(found, shown_from),
                              _parts(participants, shown_from) if participants else []))
    if not layouts:
        raise ExportError([Problem(str(root), None, None, None,
                                   "This folder holds no contributions.parquet, neither directly nor in a sub-folder. "
                                   "An export folder holds contributions.parquet (a file or a folder of part files) "
                                   "and, optionally, participants.parquet.", "missing_column", True)])
    return layouts


def fingerprint(path: str | Path) -> str:
    """A short hash of every file's path, size and modification time: changes whenever a file lands or changes."""
    root = Path(path).expanduser()
    digest = hashlib.sha1()
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    for file in files:
        try:
            stat = file.stat()
        except OSError:
            continue
        digest.update(f"{file}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:12]


def read_part(part: Part) -> tuple[pa.Table | None, Problem | None]:
    """Read one Parquet file; a file that cannot be read gives a Problem saying why, in words."""
    try:
        size = part.path.stat().st_size
        with open(part.path, "rb") as handle:
            head = handle.read(64)
            if size >= 8:
                handle.seek(-4, 2)
                tail = handle.read(4)
            else:
                tail = b""
    except OSError as error:
        return None, Problem(part.label, None, None, None, f"cannot be opened ({error.strerror}).", "unreadable_file", True)
    if size == 0:
        why = "is empty (0 bytes)"
    elif not head.startswith(PARQUET_MAGIC):
        sample = head.split(b"\n", 1)[0][:40].decode("utf-8", "replace")
        looks = " It looks like a CSV or text file" if ("," in sample or ";" in sample or "\t" in sample) else ""
        why = f"is not a Parquet file: it starts with {sample!r} instead of PAR1.{looks}".rstrip(".") + "."
    elif tail != PARQUET_MAGIC:
        why = "is incomplete: the end of the Parquet file is missing (it may still be being written, or was cut short)"
    else:
        try:
            return pq.read_table(part.path), None
        except (pa.ArrowException, OSError, ValueError) as error:
            why = f"could not be read as Parquet ({error})"
    message = (f"{why.rstrip('.')}. This file is left out. A valid file is a Parquet table with one row per note "
               "(see docs/data-format.md); write it with pandas.DataFrame.to_parquet, pyarrow, DuckDB or Spark.")
    return None, Problem(part.label, None, None, None, message, "unreadable_file", True)
