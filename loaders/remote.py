"""Exports in object storage: ``s3://bucket/path`` opened through pyarrow's S3 file system.

A :class:`Remote` is a file or folder (a prefix) in a bucket with the few pathlib methods loaders/files.py uses to
find an export's files, so an export in S3 (or MinIO, or any S3-compatible store) is found, read, checked and
fingerprinted as a local folder is. Credentials come from the environment or the AWS config files, never from the
address: an address that carries them is refused, and no message repeats them.
"""

from __future__ import annotations

import functools
import os
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import pyarrow.fs as pafs

from .problems import ExportError, Problem

SCHEME = "s3://"

#: The environment variables naming a custom endpoint (MinIO, Ceph, a cloud's S3-compatible store), the first set wins.
ENDPOINT_VARIABLES = ("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL")

WHERE_CREDENTIALS_GO = (
    "Harvest takes credentials from the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE) "
    "or the AWS config files, and a custom endpoint from AWS_ENDPOINT_URL (see docs/data-format.md)."
)


def is_remote(path: object) -> bool:
    """An ``s3://`` address (given as text: a pathlib.Path is always a local path)."""
    return isinstance(path, str) and path[: len(SCHEME)].lower() == SCHEME


def shown(address: str) -> str:
    """The address as it may be shown: ``s3://bucket/path``, without whatever came before an ``@`` or after a ``?``."""
    parts = urlsplit(address.strip())
    bucket = parts.netloc.rpartition("@")[2]
    return SCHEME + f"{bucket}{parts.path}".rstrip("/")


def name(address: str) -> str:
    """The name of what the address opens (its last path segment, or the bucket's name); never a credential."""
    key = shown(address)[len(SCHEME) :].strip("/")
    return PurePosixPath(key).name or key


def _refused(address: str, message: str, kind: str, args: tuple = ()) -> ExportError:
    """An address refused: ``message`` in English, ``kind`` and ``args`` its message in i18n/problems/."""
    return ExportError([Problem(shown(address), None, None, None, message, "not_an_export", True, args, kind)])


def _short(error: BaseException) -> str:
    return " ".join(str(error).split())[:240] or type(error).__name__


def filesystem() -> pafs.S3FileSystem:
    """The S3 file system the environment describes: endpoint (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL) and region
    (AWS_REGION, AWS_DEFAULT_REGION). Credentials are left to the AWS SDK's usual chain (environment, AWS_PROFILE,
    the config files, an instance role). One file system per endpoint and region, kept for the process."""
    endpoint = next((os.environ[v] for v in ENDPOINT_VARIABLES if os.environ.get(v)), None)
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or None
    return _filesystem(endpoint, region)


@functools.lru_cache(maxsize=8)
def _filesystem(endpoint: str | None, region: str | None) -> pafs.S3FileSystem:
    options: dict[str, object] = {"region": region, "connect_timeout": 5.0, "request_timeout": 30.0}
    if endpoint:
        parts = urlsplit(endpoint if "://" in endpoint else f"https://{endpoint}")
        options.update(endpoint_override=parts.netloc, scheme=parts.scheme or "https")
    return pafs.S3FileSystem(**options)


class Remote:
    """A file or a folder (a key prefix) in a bucket: ``key`` is ``bucket/path``. What the store said about it is kept
    from the listing it came from, so walking a folder of a thousand part files is one listing, not a thousand."""

    __slots__ = ("fs", "key", "_pure", "_info")

    def __init__(self, fs: pafs.FileSystem, key: str, info: pafs.FileInfo | None = None) -> None:
        self.fs = fs
        self.key = key.strip("/")
        self._pure = PurePosixPath(self.key)
        self._info = info

    # --- the pure-path side, as pathlib has it
    @property
    def name(self) -> str:
        return self._pure.name

    @property
    def stem(self) -> str:
        return self._pure.stem

    @property
    def suffix(self) -> str:
        return self._pure.suffix

    @property
    def parent(self) -> Remote:
        return Remote(self.fs, str(self._pure.parent))

    def __truediv__(self, name: str) -> Remote:
        return Remote(self.fs, f"{self.key}/{name}")

    def relative_to(self, other: Remote) -> PurePosixPath:
        return self._pure.relative_to(other._pure)

    def __str__(self) -> str:
        return SCHEME + self.key

    def __repr__(self) -> str:
        return f"Remote({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Remote) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __lt__(self, other: Remote) -> bool:
        return self._pure < other._pure

    # --- the store's side
    def info(self) -> pafs.FileInfo:
        """What the store says is here (asked once); raises OSError when the store cannot be reached or read."""
        if self._info is None:
            self._info = self.fs.get_file_info(self.key)
        return self._info

    def _is(self, kind: pafs.FileType) -> bool:
        try:
            return self.info().type == kind
        except OSError:
            return False

    def exists(self) -> bool:
        try:
            return self.info().type != pafs.FileType.NotFound
        except OSError:
            return False

    def is_file(self) -> bool:
        return self._is(pafs.FileType.File)

    def is_dir(self) -> bool:
        return self._is(pafs.FileType.Directory)

    def iterdir(self) -> list[Remote]:
        """What is directly in this folder; raises OSError when it cannot be listed."""
        selector = pafs.FileSelector(self.key, allow_not_found=True)
        return [Remote(self.fs, info.path, info) for info in self.fs.get_file_info(selector)]

    def listing(self) -> list[pafs.FileInfo]:
        """Every object below this folder (or this object itself), sorted by key; [] when it cannot be listed."""
        try:
            if self.is_file():
                return [self.info()]
            found = self.fs.get_file_info(pafs.FileSelector(self.key, recursive=True, allow_not_found=True))
        except OSError:
            return []
        return sorted((i for i in found if i.type == pafs.FileType.File), key=lambda i: i.path)

    def files(self) -> list[Remote]:
        """Every file below this folder, as os.walk would give them: one listing, whatever the depth."""
        return [Remote(self.fs, info.path, info) for info in self.listing() if info.path != self.key]

    def head_and_tail(self) -> tuple[int, bytes, bytes]:
        """The object's size, its first 64 bytes and its last 4: enough to tell Parquet from anything else."""
        with self.fs.open_input_file(self.key) as handle:
            size = handle.size()
            head = handle.read(64)
            tail = b""
            if size >= 8:
                handle.seek(size - 4)
                tail = handle.read(4)
        return size, head, tail


def open_export(address: str) -> Remote:
    """The file or folder an ``s3://`` address names, checked: raises ExportError, with the address shown without
    credentials, when the address carries credentials or options, names no bucket, cannot be reached, or names
    nothing that is there."""
    parts = urlsplit(address.strip())
    if "@" in parts.netloc:
        raise _refused(
            address,
            "This address carries credentials (something before an @), and Harvest never takes credentials from an "
            "address: they would show in logs and in the process list. Give the address as s3://bucket/path and "
            "put the credentials in the environment. " + WHERE_CREDENTIALS_GO,
            kind="credentials",
        )
    if parts.query or parts.fragment:
        raise _refused(
            address,
            "This address has options (something after a ? or a #), which Harvest does not take from an address: "
            "give it as s3://bucket/path. " + WHERE_CREDENTIALS_GO,
            kind="options",
        )
    if not parts.netloc:
        raise _refused(
            address, "This address names no bucket. Give it as s3://bucket/path/to/export.", kind="no-bucket"
        )
    remote = Remote(filesystem(), parts.netloc + parts.path)
    try:
        found = remote.info().type
    except OSError as error:
        raise _refused(
            address,
            f"The object store could not be reached or read ({_short(error)}). Check the address, the endpoint and "
            "the credentials. " + WHERE_CREDENTIALS_GO,
            kind="unreachable",
            args=(_short(error),),
        ) from None
    if found == pafs.FileType.NotFound:
        bucket, key = parts.netloc, parts.path.strip("/")
        try:
            no_bucket = not key or Remote(remote.fs, bucket).info().type == pafs.FileType.NotFound
        except OSError:
            no_bucket = False
        said = (
            " (or the credentials in force cannot see it). Give the address of a session export: a Parquet object, "
            "or a folder (a key prefix) holding contributions.parquet."
        )
        if no_bucket:
            what = f"There is no bucket or object here: the bucket {bucket} does not exist"
            raise _refused(address, what + said, kind="no-bucket-here", args=(bucket,))
        what = f"There is no bucket or object here: the bucket {bucket} holds nothing at {key}"
        raise _refused(address, what + said, kind="nothing-at-key", args=(bucket, key))
    return remote
