"""The auto-coder's codes for every note of an export, kept as a compact index (AutoIndex): made once per export
and codebook, then picked from by row; kept on disk in a cache folder (``stored_index``), so a restart over an
export already indexed does not index it again."""

from __future__ import annotations

import hashlib
import json
import os
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .arrays import (
    COLUMNS,
    _bit_rows,
    _popcount,
    _remapped,
    _words,
)
from .matcher import Matcher, _code_list, _scan, codebook_key, compile_codebook

# ------------------------------------------------------------------------------------------------ the index


@dataclass(frozen=True, eq=False)
class AutoIndex:
    """The auto-coder's result on a whole export, indexed for use on every click: made once per export version and
    codebook (``build_index``, or ``stored_index`` from disk), then every filter only picks rows of it.

    Per column (themes, direction), with ``space[column]`` its codes in codebook order:
    ``bits[column]`` is one row per note of uint64 words, bit j set where the note's text holds a keyword of code j
    (one word for up to 64 codes: 8 MB at a million notes); ``code_offsets`` / ``code_values`` are the same codes as
    lists (note i: ``code_values[code_offsets[i]:code_offsets[i + 1]]``, ascending), what "Codes counted" lists are
    made of. Notes are the rows of the frame it was made from, in order; ``labels`` are their index labels, and a
    filtered frame is matched to them by its own labels. ``kw_offsets`` / ``kw`` are every keyword matched in each
    note, for showing which keywords a few notes matched (2 bytes a match).
    """

    labels: pd.Index
    matcher: Matcher
    space: dict[str, tuple[str, ...]]
    bits: dict[str, np.ndarray]
    code_offsets: dict[str, np.ndarray]
    code_values: dict[str, np.ndarray]
    kw_offsets: np.ndarray
    kw: np.ndarray
    codebook_codes: pd.DataFrame | None = None  # the codebook's codes table (id, kind, keywords...), when known
    used: dict[str, np.ndarray] | None = None  # per column: which codes any note has

    @property
    def empty(self) -> bool:
        return not len(self.kw)

    @property
    def rows(self) -> np.ndarray:
        """The note position of each keyword match (``kw``), in note order."""
        return np.repeat(np.arange(len(self.labels), dtype=np.int64), np.diff(self.kw_offsets))

    @property
    def found(self) -> dict[str, np.ndarray]:
        """notes x codes boolean matrices (for tests and small exports: the pages use ``bits``)."""
        return {column: self.matrix_of(self.bits[column], len(self.space[column])) for column in self.bits}

    @staticmethod
    def matrix_of(bits: np.ndarray, k: int) -> np.ndarray:
        """Bits as a fresh notes x ``k`` boolean matrix: only the bytes holding the ``k`` codes are unpacked."""
        as_bytes = np.ascontiguousarray(bits).view(np.uint8).reshape(len(bits), -1)[:, : max(1, -(-k // 8))]
        return np.unpackbits(as_bytes, axis=1, bitorder="little").view(bool)[:, :k]

    def codes_table(self, kind: str) -> pd.DataFrame:
        """The codebook's codes of ``kind`` this index was made with (empty when made from autocode's table)."""
        table = self.codebook_codes
        if table is None or table.empty:
            return pd.DataFrame(columns=["id", "kind", "keywords"])
        return table[table["kind"] == kind]

    def positions(self, notes: pd.DataFrame) -> np.ndarray:
        """Each note's row in the index (-1 for a note it was not made from), by index label. The labels of
        export.contributions are 0..n-1, and a filter keeps them: then this is the labels themselves, checked."""
        labels, index = self.labels, notes.index
        if (
            isinstance(labels, pd.RangeIndex)
            and labels.start == 0
            and labels.step == 1
            and pd.api.types.is_integer_dtype(index.dtype)
        ):
            pos = index.to_numpy(dtype=np.int64)
            if len(pos) and (pos.min() < 0 or pos.max() >= len(labels)):
                pos = np.where((pos >= 0) & (pos < len(labels)), pos, -1)
            if len(pos) < 2 or bool((pos[1:] > pos[:-1]).all()) or index.is_unique:
                return pos
        elif index.is_unique:
            return labels.get_indexer(index)
        raise ValueError(
            "the notes' index labels must be unique (as export.contributions and frames filtered from "
            "it have): auto codes are matched to notes by index label"
        )

    def _whole(self, pos: np.ndarray) -> bool:
        """True when ``pos`` is every note of the index in order (a frame not filtered)."""
        n = len(self.labels)
        return len(pos) == n and (not n or (pos[0] == 0 and pos[-1] == n - 1 and (n < 3 or bool((pos >= 0).all()))))

    def bits_for(self, notes: pd.DataFrame, column: str, pos: np.ndarray | None = None) -> np.ndarray:
        """The auto codes of ``notes`` as bits in this index's space (``space[column]``); zero for notes it was not
        made from. Read-only when ``notes`` is the whole frame it was made from (no copy)."""
        k = len(self.space.get(column, ()))
        if column not in self.bits:
            return np.zeros((len(notes), _words(k)), dtype=np.uint64)
        pos = self.positions(notes) if pos is None else pos
        bits = self.bits[column]
        if self._whole(pos):
            return bits
        inside = pos >= 0
        if inside.all():
            return bits[pos]
        out = np.zeros((len(pos), bits.shape[1]), dtype=np.uint64)
        out[inside] = bits[pos[inside]]
        return out

    def bits_in(self, notes: pd.DataFrame, column: str, space: list[str]) -> np.ndarray:
        """The auto codes of ``notes`` as bits in ``space``'s numbering; codes found but not in ``space`` are
        appended to it (as ``matrix`` does). Read-only when nothing had to be renumbered."""
        have = self.space.get(column, ())
        index = {c: i for i, c in enumerate(space)}
        present = (self.used or {}).get(column, np.zeros(len(have), bool))
        for code, used in zip(have, present, strict=True):
            if used and code not in index:
                index[code] = len(space)
                space.append(code)
        target = np.array([index.get(c, -1) for c in have], dtype=np.int64)
        return _remapped(self.bits_for(notes, column), target, len(space))

    def matrix(self, notes: pd.DataFrame, column: str, space: list[str]) -> np.ndarray:
        """notes x codes for ``notes``, columns in ``space`` order; codes found but not in ``space`` are appended."""
        bits = self.bits_in(notes, column, space)
        return self.matrix_of(bits, max(len(space), 1))

    def keywords(self, notes: pd.DataFrame, positions: np.ndarray, code: str) -> list[str]:
        """For notes at ``positions`` (in ``notes``): the keywords of ``code`` found in each, A to Z, as
        "grant* (en), money (en)" ("" where none). Vectorised: no Python step per note."""
        m = self.matcher
        positions = np.asarray(positions, dtype=np.int64)
        if not len(positions):
            return []
        wanted = m.codes.index(code) if code in m.codes else -1
        rows = self.positions(notes)[positions]
        lo = np.where(rows >= 0, self.kw_offsets[np.maximum(rows, 0)], 0)
        count = np.where(rows >= 0, self.kw_offsets[np.maximum(rows, 0) + 1] - lo, 0)
        owner = np.repeat(np.arange(len(rows), dtype=np.int64), count)
        at = np.repeat(lo, count) + np.arange(len(owner), dtype=np.int64) - np.repeat(np.cumsum(count) - count, count)
        kw = self.kw[at].astype(np.int64)
        keep = m.kw_code[kw] == wanted
        names = [f"{m.keyword_text[k]} ({m.languages[m.kw_language[k]]})" for k in range(len(m.kw_code))]
        order = np.argsort(np.array(names, dtype=object), kind="stable")
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        pairs = np.unique(owner[keep] * len(m.kw_code) + rank[kw[keep]])  # each keyword once a note, A to Z
        owner, kw = pairs // len(m.kw_code), order[pairs % len(m.kw_code)]
        labels = pa.array(names, pa.string())
        offsets = np.zeros(len(rows) + 1, dtype=np.int32)
        np.cumsum(np.bincount(owner, minlength=len(rows)), out=offsets[1:])
        lists = pa.ListArray.from_arrays(pa.array(offsets), labels.take(pa.array(kw)))
        return pc.binary_join(lists, ", ").to_pylist()


def build_index(notes: pd.DataFrame, codebook) -> AutoIndex:
    """Run the auto-coder on ``notes`` (a whole export) once and index its codes per note (see AutoIndex).
    Same matches as ``match_notes``, without writing out the matched words and ids of each match."""
    matcher = compile_codebook(codebook)
    none = np.zeros(0, np.int64)
    if notes.empty or "text" not in notes or not len(matcher.kw_code):
        rows, kw = none, none
    else:
        rows, kw, _ = _scan(notes, matcher, None)
    return _indexed(notes, matcher, rows, kw, codebook.codes)


def _code_lists(bits: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Each row's codes as a list, ascending: (offsets, values). One pass per code, once per index."""
    n = len(bits)
    offsets = np.zeros(n + 1, dtype=np.int64)
    if k:
        np.cumsum(_popcount(bits), out=offsets[1:])
    values = np.empty(int(offsets[-1]), dtype=np.int32)
    filled = offsets[:-1].copy()
    for j in range(k):
        at = np.flatnonzero(_bit_rows(bits, j))
        values[filled[at]] = j
        filled[at] += 1
    return offsets, values


def _used(bits: np.ndarray, k: int) -> np.ndarray:
    if not len(bits):
        return np.zeros(k, dtype=bool)
    either = np.bitwise_or.reduce(bits, axis=0)
    return np.array([bool((either[j >> 6] >> np.uint64(j & 63)) & np.uint64(1)) for j in range(k)], dtype=bool)


def _indexed(
    notes: pd.DataFrame, matcher: Matcher, rows: np.ndarray, kw: np.ndarray, codes: pd.DataFrame | None = None
) -> AutoIndex:
    n = len(notes)
    if len(rows) and (np.diff(rows) < 0).any():
        order = np.argsort(rows, kind="stable")
        rows, kw = rows[order], kw[order]
    # each run of a note's matches is OR-reduced once per column, each match looking its keyword's bit up
    starts = np.flatnonzero(np.concatenate([[True], rows[1:] != rows[:-1]])) if len(rows) else np.zeros(0, np.int64)
    owners = rows[starts] if len(rows) else starts
    space, bits, offsets, values = {}, {}, {}, {}
    for column in COLUMNS:
        mine = [i for i, c in enumerate(matcher.code_column) if c == column]
        space[column] = tuple(matcher.codes[i] for i in mine)
        where = np.full(len(matcher.codes) + 1, -1, dtype=np.int64)
        where[mine] = np.arange(len(mine))
        target = where[matcher.kw_code] if len(matcher.kw_code) else np.zeros(0, np.int64)
        column_bits = np.zeros((n, _words(len(mine))), dtype=np.uint64)
        for word in range(column_bits.shape[1]):
            table = np.zeros(len(target), dtype=np.uint64)
            hit = (target >= 0) & ((target >> 6) == word)
            table[hit] = np.left_shift(np.uint64(1), (target[hit] & 63).astype(np.uint64))
            if len(rows) and hit.any():
                column_bits[owners, word] = np.bitwise_or.reduceat(table[kw], starts)
        bits[column] = column_bits
        offsets[column], values[column] = _code_lists(column_bits, len(mine))
    kw_offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n)[:n] if len(rows) else np.zeros(n, np.int64), out=kw_offsets[1:])
    kw = kw.astype(np.int16 if len(matcher.kw_code) < 2**15 else np.int64)
    return _assembled(notes.index, matcher, space, (bits, offsets, values), (kw_offsets, kw), codes)


def _checked(index) -> AutoIndex:
    if not isinstance(index, AutoIndex):
        raise TypeError(
            f"expected an AutoIndex (build_index, or index_from_matches for match_notes' table), not "
            f"{type(index).__name__}"
        )
    return index


def index_from_matches(notes: pd.DataFrame, matches: pd.DataFrame) -> AutoIndex:
    """match_notes' table as an AutoIndex for ``notes`` (the notes it was computed on, or a frame filtered from them:
    rows are matched by index label)."""
    if not notes.index.is_unique:
        raise ValueError(
            "the notes' index labels must be unique (as export.contributions and frames filtered from "
            "it have): auto codes are matched to notes by index label"
        )
    cats = {name: matches[name].astype("category") for name in ("code", "column", "keyword", "language")}
    codes = tuple(str(c) for c in cats["code"].cat.categories)
    number = [cats[name].cat.codes.to_numpy().astype(np.int64) for name in ("code", "keyword", "language")]
    sizes = [len(cats[name].cat.categories) + 1 for name in ("code", "keyword", "language")]
    key = (number[0] * sizes[1] + number[1]) * sizes[2] + number[2]
    _, kw = np.unique(key, return_inverse=True)
    first = np.unique(key, return_index=True)[1]
    columns = {}
    for c, column in zip(number[0][first], cats["column"].cat.codes.to_numpy()[first], strict=True):
        columns.setdefault(codes[c], str(cats["column"].cat.categories[column]))
    keywords = [str(cats["keyword"].cat.categories[k]) for k in number[1][first]]
    language_names = list(cats["language"].cat.categories.astype(str))
    languages = tuple(dict.fromkeys(language_names[k] for k in number[2][first]))
    book = Matcher(
        "table",
        codes,
        tuple(columns.get(c, "") for c in codes),
        languages,
        tuple(keywords),
        number[0][first],
        np.array([languages.index(language_names[k]) for k in number[2][first]], dtype=np.int64),
        np.zeros(0, np.int64),
        np.zeros((0, 1), np.int64),
        np.zeros(0, np.int64),
        {},
        (),
    )
    position = notes.index.get_indexer(matches["row"].to_numpy()) if len(matches) else np.zeros(0, np.int64)
    inside = position >= 0
    return _indexed(notes, book, position[inside], kw[inside])


def _code_space(codebook_or_index, column: str) -> list[str]:
    """The codes of a column in codebook order (from a codebook, an AutoIndex index, or the categories of
    autocode's matches)."""
    if isinstance(codebook_or_index, AutoIndex):
        return list(codebook_or_index.space.get(column, ()))
    if isinstance(codebook_or_index, pd.DataFrame):
        code = codebook_or_index["code"]
        return [str(c) for c in code.cat.categories] if isinstance(code.dtype, pd.CategoricalDtype) else []
    return [c for c, col in _code_list(codebook_or_index) if col == column]


def _auto_matrix(notes: pd.DataFrame, index: AutoIndex, column: str, space: list[str]) -> np.ndarray:
    """notes x codes, True where the auto-coder found the code's keywords in the note (coded or not)."""
    return _checked(index).matrix(notes, column, space)


# ------------------------------------------------------------------------------------------------ kept on disk

#: Bump when what a stored index holds, or how it is laid out, changes: older files are then never read.
FORMAT = 1
#: Stored indexes kept in a directory (the most recently written); older ones are removed.
KEEP = 8


def notes_signature(notes: pd.DataFrame) -> str:
    """A cheap check that a stored index was made from these notes: their number, every text's length in bytes and
    every note's language (CRC-32s; a few ms at a million notes). The export's fingerprint names its files; this
    catches a file rewritten in place with the same size and time, or notes held from an earlier read."""
    parts = [str(len(notes))]
    if "text" in notes:
        texts = pa.array(notes["text"], from_pandas=True) if not hasattr(notes["text"].array, "_pa_array") else None
        texts = texts if texts is not None else notes["text"].array._pa_array
        lengths = pc.fill_null(pc.binary_length(texts), -1)
        lengths = lengths.combine_chunks() if isinstance(lengths, pa.ChunkedArray) else lengths
        parts.append(format(zlib.crc32(np.asarray(lengths, dtype=np.int64).tobytes()), "08x"))
    if "language" in notes:
        column = notes["language"]
        column = column if isinstance(column.dtype, pd.CategoricalDtype) else column.astype("category")
        parts.append(format(zlib.crc32(np.ascontiguousarray(column.cat.codes.to_numpy()).tobytes()), "08x"))
        parts.append(format(zlib.crc32("\0".join(map(str, column.cat.categories)).encode()), "08x"))
    return ":".join(parts)


def index_file(directory: str | Path, key: str) -> Path:
    """Where the index for ``key`` (the export's content key and the codebook's) is kept in ``directory``."""
    digest = hashlib.sha1(f"{FORMAT}|{key}".encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return Path(directory) / f"autoindex-{digest}.npz"


def save_index(index: AutoIndex, path: str | Path, key: str, signature: str) -> bool:
    """Write ``index`` to ``path`` atomically (a temporary file in the same directory, then renamed over it): a
    reader sees the old file or the new one, never half of one. False when it cannot be stored (labels that are
    not a plain 0..n-1 range or integers, a directory that cannot be written)."""
    labels = index.labels
    arrays: dict[str, np.ndarray] = {}
    if isinstance(labels, pd.RangeIndex):
        label_kind = [int(labels.start), int(labels.stop), int(labels.step)]
    elif pd.api.types.is_integer_dtype(labels.dtype):
        label_kind, arrays["labels"] = None, labels.to_numpy(dtype=np.int64)
    else:
        return False
    meta = {
        "format": FORMAT,
        "key": key,
        "matcher": index.matcher.key,
        "signature": signature,
        "notes": len(labels),
        "range": label_kind,
        "space": {column: list(codes) for column, codes in index.space.items()},
        "keywords": len(index.matcher.kw_code),
    }
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    for column in index.space:
        arrays[f"bits_{column}"] = index.bits[column]
        arrays[f"offsets_{column}"] = index.code_offsets[column]
        arrays[f"values_{column}"] = index.code_values[column]
    arrays["kw_offsets"], arrays["kw"] = index.kw_offsets, index.kw
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            np.savez(handle, **arrays)  # a zip of .npy files: each member carries a CRC-32, checked on reading
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        return False
    _prune(path.parent)
    return True


def _prune(directory: Path) -> None:
    """Keep the KEEP most recently written indexes of ``directory``; leftovers of interrupted writes go too."""
    try:
        files = sorted(directory.glob("autoindex-*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP:]:
            old.unlink(missing_ok=True)
        for leftover in directory.glob(".autoindex-*.tmp"):
            if leftover.stat().st_mtime < time.time() - 3600:
                leftover.unlink(missing_ok=True)
    except OSError:
        pass


class _Invalid(ValueError):
    pass


def _check(ok: bool, what: str) -> None:
    if not ok:
        raise _Invalid(what)


def load_index(path: str | Path, notes: pd.DataFrame, codebook, key: str, signature: str) -> AutoIndex | None:
    """The index stored at ``path`` if it is whole and was made from these notes and this codebook, else None
    (missing, from another export version or codebook, another format, truncated or corrupt: never trusted).
    Every member's CRC-32 is checked as it is read, and every array's shape, type and ranges."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            meta = json.loads(bytes(stored["meta"]).decode())
            matcher = compile_codebook(codebook)
            n = len(notes)
            _check(meta.get("format") == FORMAT, "format")
            _check(meta.get("key") == key and meta.get("matcher") == matcher.key, "key")
            _check(meta.get("signature") == signature and meta.get("notes") == n, "notes")
            _check(meta.get("keywords") == len(matcher.kw_code), "keywords")
            space = {
                c: tuple(matcher.codes[i] for i, col in enumerate(matcher.code_column) if col == c) for c in COLUMNS
            }
            _check({c: list(v) for c, v in space.items()} == meta.get("space"), "space")
            if meta.get("range") is not None:
                labels: pd.Index = pd.RangeIndex(*meta["range"])
            else:
                labels = pd.Index(stored["labels"])
            _check(len(labels) == n and labels.equals(notes.index), "labels")
            bits, offsets, values = {}, {}, {}
            for column in COLUMNS:
                k = len(space[column])
                b, o, v = (stored[f"{name}_{column}"] for name in ("bits", "offsets", "values"))
                _check(b.dtype == np.uint64 and b.shape == (n, _words(k)), "bits")
                _check(o.dtype == np.int64 and o.shape == (n + 1,) and v.dtype == np.int32, "lists")
                _check(o[0] == 0 and o[-1] == len(v) and bool((np.diff(o) == _popcount(b)).all()), "lists")
                _check(not len(v) or (int(v.min()) >= 0 and int(v.max()) < k), "codes")
                bits[column], offsets[column], values[column] = b, o, v
            kw_offsets, kw = stored["kw_offsets"], stored["kw"]
            _check(kw_offsets.dtype == np.int64 and kw_offsets.shape == (n + 1,), "keywords")
            _check(kw_offsets[0] == 0 and kw_offsets[-1] == len(kw) and bool((np.diff(kw_offsets) >= 0).all()), "kw")
            _check(not len(kw) or (int(kw.min()) >= 0 and int(kw.max()) < len(matcher.kw_code)), "kw")
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, UnicodeDecodeError, TypeError):
        return None
    for array in (*bits.values(), *offsets.values(), *values.values(), kw_offsets, kw):
        array.flags.writeable = False  # shared by every session: read-only, as the caches' contract says
    return _assembled(labels, matcher, space, (bits, offsets, values), (kw_offsets, kw), codebook.codes)


def _assembled(labels, matcher, space, codes_of: tuple, keywords: tuple, codebook_codes) -> AutoIndex:
    """An AutoIndex from its parts (per column: bits, list offsets, list values; the keywords' offsets and ids),
    built or read back alike, with the codes each column uses."""
    bits, offsets, values = codes_of
    used = {column: _used(b, len(space[column])) for column, b in bits.items()}
    return AutoIndex(labels, matcher, space, bits, offsets, values, *keywords, codebook_codes, used)


def stored_index(notes: pd.DataFrame, codebook, directory: str | Path | None, key: str) -> AutoIndex:
    """build_index's result for ``notes`` (a whole export) and ``codebook``, kept in ``directory``: read from there
    when an index of the same export content (``key``: its path and fingerprint), the same codebook and these very
    notes (``notes_signature``) was stored and is whole; otherwise built, then stored atomically for the next start.
    With no directory, or one that cannot be written, it is built every time, as build_index."""
    if directory is None:
        return build_index(notes, codebook)
    full = f"{key}|{codebook_key(codebook)}"
    path, signature = index_file(directory, full), notes_signature(notes)
    if path.exists():
        found = load_index(path, notes, codebook, full, signature)
        if found is not None:
            return found
    index = build_index(notes, codebook)
    save_index(index, path, full, signature)
    return index
