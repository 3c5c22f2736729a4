"""Finding an export's files: a single Parquet file, a folder, part-file datasets, hive partitions, several sessions."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import pyarrow as pa
import pyarrow.parquet as pq

from .problems import ExportError, Problem, show_value
from .remote import Remote, is_remote, open_export
from .remote import name as remote_name

PARQUET_MAGIC = b"PAR1"


@dataclass(frozen=True)
class Part:
    """One Parquet file, with the hive partition values (``key=value`` folders) above it."""

    path: Path | Remote  # a local file, or an object in a bucket (loaders/remote.py)
    label: str  # the path shown in messages, relative to what the user opened
    partition: dict[str, str | None] = field(default_factory=dict)


@dataclass
class Layout:
    """The files of one export."""

    root: Path | Remote
    session: str  # the default session name: the export's folder or file name
    contributions: list[Part]
    participants: list[Part]
    label: str = ""  # the contributions file or folder as shown in messages
    seating: list[Part] = field(default_factory=list)  # the optional seating table (loaders/seating.py)


#: Hive's name for a partition whose value was empty (Spark, pyarrow and DuckDB write it).
HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"


def walk_files(folder: Path | Remote) -> Iterator[Path | Remote]:
    """Every file below ``folder``. Folders that vanish or cannot be read while the walk is under way (a Spark
    writer's _temporary/, a live session's scratch files) are passed over, never an error."""
    if isinstance(folder, Remote):
        yield from folder.files()
        return
    for top, dirs, names in os.walk(folder, onerror=lambda _error: None):
        dirs.sort()
        for name in sorted(names):
            yield Path(top) / name


def _is_data_file(path: Path, dataset: Path) -> bool:
    """Not a writer's marker or scratch file: _SUCCESS, .crc, _metadata, or anything under _temporary/ or .hidden/."""
    if path.name.endswith((".crc", ".tmp")):
        return False
    if any(part.startswith((".", "_")) for part in path.relative_to(dataset).parts):
        return False
    try:
        return path.is_file()
    except OSError:
        return False


def _parts(dataset: Path, shown_from: Path) -> list[Part]:
    """A Parquet file, or every data file below a dataset folder, sorted so loading is reproducible."""
    if dataset.is_file():
        return [Part(dataset, _label(dataset, shown_from))]
    parts = []
    for path in sorted(p for p in walk_files(dataset) if _is_data_file(p, dataset)):
        partition: dict[str, str | None] = {}
        for folder in path.relative_to(dataset).parts[:-1]:
            if "=" in folder:
                key, _, value = folder.partition("=")
                partition[unquote(key)] = None if value == HIVE_NULL else unquote(value)
        parts.append(Part(path, _label(path, shown_from), partition))
    return parts


def _label(path: Path, shown_from: Path) -> str:
    """The path as shown in messages: from the folder the user opened (its name included), or the file's name."""
    try:
        rel = path.relative_to(shown_from)
    except ValueError:
        return str(path)
    return str(Path(shown_from.name) / rel) if str(rel) != "." else shown_from.name


def _find(folder: Path, stem: str) -> Path | None:
    for name in (f"{stem}.parquet", stem):
        candidate = folder / name
        if candidate.exists():
            return candidate
    return None


def _layout(folder: Path, contributions: Path, session: str, shown_from: Path) -> Layout:
    participants = _find(folder, "participants")
    seating = _find(folder, "seating")
    return Layout(
        folder,
        session,
        _parts(contributions, shown_from),
        _parts(participants, shown_from) if participants else [],
        _label(contributions, shown_from),
        _parts(seating, shown_from) if seating else [],
    )


def _looks_like_dataset(folder: Path) -> bool:
    """A folder of Parquet part files (possibly in key=value folders): the contributions table opened directly."""
    return any(p.suffix == ".parquet" and _is_data_file(p, folder) for p in walk_files(folder))


def location(path: str | Path) -> Path | Remote:
    """What ``path`` names: a local path, or for an ``s3://`` address the object or prefix there, checked (raises
    ExportError when the address cannot be used; loaders/remote.py)."""
    return open_export(path) if is_remote(path) else Path(path).expanduser()


def export_name(path: str | Path) -> str:
    """The name of what ``path`` opens, as messages show it: a file or folder name; never an address's credentials."""
    return remote_name(path) if is_remote(path) else Path(path).name


def discover(path: str | Path) -> list[Layout]:
    """The exports at ``path``: one for a file or an export folder, one per sub-folder for a folder of exports."""
    root = location(path)
    if not root.exists():
        raise ExportError(
            [
                Problem(
                    str(root),
                    None,
                    None,
                    None,
                    "There is no file or folder here. Give the path of a session export: a Parquet "
                    "file, or a folder holding contributions.parquet.",
                    "not_an_export",
                    True,
                    kind="nothing-here",
                )
            ]
        )
    if root.is_file():
        return [Layout(root, root.stem, _parts(root, root), [], root.name)]
    contributions = _find(root, "contributions")
    if contributions is not None:
        return [_layout(root, contributions, root.name, root)]
    layouts = []
    try:
        children = sorted(root.iterdir())
    except OSError:
        children = []
    for sub in (p for p in children if not p.name.startswith((".", "_")) and _is_dir(p)):
        found = _find(sub, "contributions")
        if found is None:
            continue
        session = unquote(sub.name.partition("=")[2]) if "=" in sub.name else sub.name
        layouts.append(_layout(sub, found, session, root))
    if layouts:
        return layouts
    table = root.name.removesuffix(".parquet")
    if table not in ("participants", "seating") and _looks_like_dataset(root):
        session = root.parent.name if table == "contributions" else root.name
        return [Layout(root, session, _parts(root, root), [], root.name)]
    raise ExportError(
        [
            Problem(
                str(root),
                None,
                None,
                None,
                "This folder holds no contributions.parquet, neither directly nor in a sub-folder. "
                "An export folder holds contributions.parquet (a file or a folder of part files) "
                "and, optionally, participants.parquet.",
                "not_an_export",
                True,
                kind="no-contributions",
            )
        ]
    )


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def fingerprint(path: str | Path) -> str:
    """A short hash of every file's path, size and modification time: changes whenever a file lands or changes.

    Paths are hashed as the bytes the file system holds (a name that is not valid UTF-8 is fine), and a file that
    vanishes between the listing and its stat is left out rather than an error."""
    if is_remote(path):
        return _remote_fingerprint(path)
    root = Path(path).expanduser()
    digest = hashlib.sha1()
    files = [root] if root.is_file() else list(walk_files(root))
    for file in files:
        try:
            stat = file.stat()
        except OSError:
            continue
        digest.update(os.fsencode(file) + f"\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:12]


def _remote_fingerprint(address: str) -> str:
    """fingerprint() for an ``s3://`` address: every object's key, size and last-modified time, from one listing.
    A store that cannot be reached, or an address that names nothing, fingerprints as an empty folder does."""
    digest = hashlib.sha1()
    try:
        root = open_export(address)
    except ExportError:
        root = None
    for info in root.listing() if root is not None else []:
        digest.update(info.path.encode("utf-8", "surrogateescape") + f"\0{info.size}\0{info.mtime_ns}\n".encode())
    return digest.hexdigest()[:12]


def read_schema(part: Part) -> pa.Schema:
    """The schema of one part file, local or in object storage (raises what pyarrow raises)."""
    if isinstance(part.path, Remote):
        return pq.read_schema(part.path.key, filesystem=part.path.fs)
    return pq.read_schema(part.path)


def _head_and_tail(path: Path) -> tuple[int, bytes, bytes]:
    size = path.stat().st_size
    with open(path, "rb") as handle:
        head = handle.read(64)
        if size >= 8:
            handle.seek(-4, 2)
            tail = handle.read(4)
        else:
            tail = b""
    return size, head, tail


def read_part(part: Part, one_row_per: str = "note") -> tuple[pa.Table | None, Problem | None]:
    """Read one Parquet file; a file that cannot be read gives a Problem saying why, in words.

    ``one_row_per`` ("note" or "person") says, in the message, what a valid file of this table holds.
    """
    remote = isinstance(part.path, Remote)
    try:
        size, head, tail = part.path.head_and_tail() if remote else _head_and_tail(part.path)
    except OSError as error:
        reason = error.strerror or " ".join(str(error).split())[:200]
        return None, Problem(
            part.label, None, None, None, f"cannot be opened ({reason}).", "unreadable_file", True, (reason,)
        )
    if size == 0:
        return None, _unreadable(part, "is empty (0 bytes)", one_row_per, kind="empty")
    if not head.startswith(PARQUET_MAGIC):
        why = "is not a Parquet file: " + _what_it_starts_with(head)
        return None, _unreadable(part, why, one_row_per, kind="not-parquet")
    if tail != PARQUET_MAGIC:
        why = "is incomplete: the end of the Parquet file is missing (it may still be being written, or was cut short)"
        return None, _unreadable(part, why, one_row_per, kind="incomplete")
    try:
        if remote:
            table = pq.read_table(part.path.key, filesystem=part.path.fs, partitioning=None)
        else:
            table = pq.read_table(part.path, partitioning=None)
        _check_text(table)
        return table, None
    except Exception as error:  # noqa: BLE001 - whatever a damaged file makes pyarrow raise, the file is unusable
        detail = f"{type(error).__name__}: {str(error)[:200]}"
        why = f"is damaged and could not be read as Parquet ({detail})"
        return None, _unreadable(part, why, one_row_per, kind="damaged", args=(detail,))


def _unreadable(part: Part, why: str, one_row_per: str, kind: str, args: tuple = ()) -> Problem:
    """A part file left out: ``why`` in English, and the sub-key and parameters of its message in i18n/problems/."""
    message = (
        f"{why.rstrip('.')}. This file is left out. A valid file is a Parquet table with one row per "
        f"{one_row_per} (see docs/data-format.md); write it with pandas.DataFrame.to_parquet, pyarrow, DuckDB "
        "or Spark."
    )
    return Problem(part.label, None, None, None, message, "unreadable_file", True, args, kind)


def _text_leaves(arr: pa.Array):
    """The text arrays inside an array: itself, a dictionary's values, a list's or a struct's children."""
    t = arr.type
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        yield arr
    elif pa.types.is_dictionary(t):
        yield from _text_leaves(arr.dictionary)
    elif pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
        yield from _text_leaves(arr.flatten())  # only this chunk's items: .values would be every chunk's
    elif pa.types.is_struct(t):
        for child in arr.flatten():
            yield from _text_leaves(child)


def _check_text(table: pa.Table) -> None:
    """Raise when a column name or a text value is not valid UTF-8.

    Parquet readers do not check this, so a damaged file can be read without error and fail later, far from here.
    Only text is checked (about 10 ms per million notes), not the whole table.
    """
    table.schema.names  # noqa: B018 - decodes every column name
    for column in table.columns:
        for chunk in column.chunks:
            for leaf in _text_leaves(chunk):
                leaf.validate(full=True)


def _what_it_starts_with(head: bytes) -> str:
    """What a non-Parquet file starts with, in words: its first line when it is text, else only that it is not."""
    line = head.split(b"\n", 1)[0].rstrip(b"\r")
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    if not text or not text.isprintable():
        return "it does not start with PAR1, the mark every Parquet file begins with."
    looks = " It looks like a CSV or text file." if any(c in text for c in ",;\t") else ""
    return f"it starts with {show_value(text, 40)} instead of PAR1.{looks}"
