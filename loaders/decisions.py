"""The facilitators' decisions on the auto-coder's proposals: a small CSV overlay beside the export, never the export.

For a local export ``X`` (a folder or a Parquet file) the file is ``X.decisions.csv`` beside it: the export's own
files, and the fingerprint a live session is followed by, are never touched. One row per proposal decided:

    session, contribution_id, column, proposed, decision, code, codebook_version

``column`` is ``themes`` or ``direction``; ``proposed`` the auto-coder's code; ``decision`` ``accept``, ``reject`` or
``recode``; ``code`` the code that counts (the proposed one for accept, the one chosen for recode, empty for
reject). No person and no time are recorded. A later decision on the same proposal replaces the earlier one.

Read and validated like the codebook (``read_decisions``): every row that cannot be used is a Problem naming the file,
the row, the column and the value, and the rows that can be used change what counts (``apply_decisions``): a
confirmed code (accept or recode) is a facilitators' code of its note; a rejected proposal (reject, and the proposal
a recode replaced) is never counted as an auto code of that note again. docs/data-format.md, "Decisions on the
auto-coder's proposals".
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from .codebook import Codebook, _list_array
from .problems import Problem, capped, show_value, unreadable
from .remote import is_remote

SUFFIX = ".decisions.csv"
COLUMNS = ("session", "contribution_id", "column", "proposed", "decision", "code", "codebook_version")
#: What identifies a proposal: a later row with the same values replaces the earlier one.
KEY = ("session", "contribution_id", "column", "proposed")
DECISIONS = ("accept", "reject", "recode")
CODE_COLUMNS = ("themes", "direction")
#: The columns apply_decisions adds to the notes: per code column, codes the facilitators confirmed, and proposals
#: they turned down.
CONFIRMED, REJECTED = "{}_confirmed", "{}_rejected"
MAX_DECISIONS_BYTES = 10_000_000
LIST = pa.list_(pa.string())


@dataclass(frozen=True)
class Decisions:
    """A decisions file read against an export's notes and a codebook: the rows that count and every problem."""

    name: str
    table: pd.DataFrame  # the usable rows, one per proposal (the last row deciding it), COLUMNS with codebook ids
    problems: list[Problem] = field(default_factory=list)
    digest: str = ""  # SHA-256 of the file's bytes ("" when there is no file)

    @property
    def count(self) -> int:
        return len(self.table)


def decisions_path(export_path: str) -> Path | None:
    """Where the decisions of a local export are kept (``X.decisions.csv`` beside ``X``); None for an upload or an
    export in object storage, beside which nothing is written."""
    if not export_path or export_path.startswith("upload: ") or is_remote(export_path):
        return None
    path = Path(export_path).expanduser()
    return path.with_name(path.name + SUFFIX) if path.name else None


def empty(name: str = "") -> Decisions:
    return Decisions(name, pd.DataFrame(columns=list(COLUMNS)))


def _rows(raw: bytes, name: str) -> tuple[list[str], list[dict[str, str]], list[Problem]]:
    """The header and the rows of a decisions file, as written; or why it cannot be read."""
    if len(raw) > MAX_DECISIONS_BYTES:
        message = f"is {len(raw):,} bytes; a decisions file is a small CSV (at most {MAX_DECISIONS_BYTES:,})."
        problem = Problem(
            name, None, None, None, message, "unreadable_file", True, (len(raw), MAX_DECISIONS_BYTES), "too-big"
        )
        return [], [], [problem]
    try:
        text = raw.decode("utf-8-sig")
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [h.strip() for h in reader.fieldnames or []]
        rows = [{(k or "").strip(): (v if isinstance(v, str) else "") for k, v in row.items()} for row in reader]
    except (UnicodeDecodeError, csv.Error) as error:
        message = f"cannot be read as a UTF-8 CSV file ({error})."
        return [], [], [Problem(name, None, None, None, message, "unreadable_file", True, (str(error),), "csv")]
    return header, rows, []


def _note_keys(notes: pd.DataFrame) -> pd.Series:
    session = notes["session"].astype("string").fillna("") if "session" in notes else ""
    return session + "\x1f" + notes["contribution_id"].astype("string").fillna("")


def parse_decisions(raw: bytes, name: str, notes: pd.DataFrame, codebook: Codebook) -> Decisions:
    """Validate a decisions file's bytes against the export's notes and the codebook in force (see the module)."""
    digest = hashlib.sha256(raw).hexdigest()
    header, rows, problems = _rows(raw, name)
    if problems:
        return Decisions(name, empty().table, problems, digest)
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        message = (
            f"lacks the column(s) {', '.join(f'`{c}`' for c in missing)}; a decisions file has the columns "
            f"{', '.join(COLUMNS)}. None of its decisions are used."
        )
        return Decisions(
            name,
            empty().table,
            [
                Problem(
                    name,
                    None,
                    None,
                    None,
                    message,
                    "missing_column",
                    True,
                    (", ".join(f"`{c}`" for c in missing), ", ".join(COLUMNS)),
                    "decisions",
                )
            ],
            digest,
        )
    for extra in (h for h in header if h not in COLUMNS):
        problems.append(
            Problem(
                name,
                None,
                extra,
                None,
                f"The column `{extra}` is not used: a decisions file records what was decided, never who decided or "
                "when.",
                "unused_column",
            )
        )
    known = set(_note_keys(notes).unique()) if len(rows) else set()
    kept: dict[tuple, tuple[int, dict]] = {}
    for number, row in enumerate(rows, start=1):
        values = {c: (row.get(c) or "").strip() for c in COLUMNS}
        bad = _row_problem(values, codebook, known)
        if bad is not None:
            column, message, code, kind, args = bad
            problems.append(Problem(name, number, column, show_value(values[column]), message, code, False, args, kind))
            continue
        key = tuple(values[c] for c in KEY)
        if key in kept:
            first = kept[key][0]
            message = f"decides the same proposal as row {first}; the later row counts."
            problems.append(
                Problem(name, first, "decision", values["decision"], message, "duplicate_decision", args=(first,))
            )
        kept[key] = (number, values)
    table = pd.DataFrame([v for _n, v in sorted(kept.values(), key=lambda p: p[0])], columns=list(COLUMNS))
    return Decisions(name, table, capped(problems), digest)


def _bad(column: str, message: str, code: str, kind: str = "", args: tuple = ()) -> tuple:
    """Why a decisions row cannot be used: the column, the English message, the problem code, and the sub-key and
    parameters of its message in i18n/problems/ (loaders.problems.Problem)."""
    return column, message, code, kind, args


def _row_problem(values: dict[str, str], codebook: Codebook, known: set[str]) -> tuple | None:
    """Why a row cannot be used, as _bad's (column, message, problem code, kind, args), or None; codes are rewritten as the codebook's
    ids in place."""
    for column in ("session", "contribution_id", "column", "proposed", "decision"):
        if not values[column]:
            return _bad(
                column,
                f"`{column}` is empty; every decision names its note, column, proposal and decision.",
                "missing_value",
                kind="decision-empty",
                args=(column,),
            )
    column = values["column"].casefold()
    if column not in CODE_COLUMNS:
        return _bad("column", "is not a code column: write themes or direction.", "bad_value", kind="column")
    values["column"] = column
    decision = values["decision"].casefold()
    if decision not in DECISIONS:
        return _bad("decision", "is not a decision: write accept, reject or recode.", "bad_value", kind="decision")
    values["decision"] = decision
    if values["session"] + "\x1f" + values["contribution_id"] not in known:
        return _bad(
            "contribution_id", "names no note of this export (no note has this session and id).", "unknown_note"
        )
    version = codebook.version or "in force"
    for field_name in ("proposed", "code"):
        if not values[field_name]:
            continue
        hit = codebook.resolve(values[field_name])
        if hit is None or hit[0] != column:
            return _bad(
                field_name,
                f"is not a code of the {column} column in the codebook in force ({version}).",
                "not_in_codebook",
                kind="decision",
                args=(column, str(version)),
            )
        values[field_name] = hit[1]
    if decision == "reject" and values["code"]:
        return _bad(
            "code",
            "must be empty for a rejected proposal: a reject gives the note no code.",
            "bad_value",
            kind="reject",
        )
    if decision == "recode" and not values["code"]:
        return _bad(
            "code",
            "is empty: a recode names the code that counts instead of the proposal.",
            "missing_value",
            kind="recode",
        )
    if decision == "accept":
        if values["code"] and values["code"] != values["proposed"]:
            return _bad(
                "code",
                "differs from the proposal: an accepted proposal counts as proposed (use recode).",
                "bad_value",
                kind="accept",
            )
        values["code"] = values["proposed"]
    return None


def read_decisions(path: str | Path | None, notes: pd.DataFrame, codebook: Codebook) -> Decisions:
    """The decisions file at ``path`` (none there: no decisions), validated as ``parse_decisions`` does."""
    if path is None:
        return empty()
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return empty(path.name)
    except OSError as error:
        problem = unreadable(path.name, error.strerror)
        return Decisions(path.name, empty().table, [problem])
    return parse_decisions(raw, path.name, notes, codebook)


def with_decision(raw: bytes, decision: dict[str, str]) -> bytes:
    """The decisions file ``raw`` (b"" for none) with ``decision`` (COLUMNS) in it: in place of the row deciding the
    same proposal, else added at the end. Rows it cannot read are kept as written, so nothing is dropped unseen."""
    header, rows, problems = _rows(raw, "decisions") if raw else (list(COLUMNS), [], [])
    if problems:  # an unreadable file is not rewritten from scratch: its decisions would be lost
        raise ValueError(f"the decisions file cannot be read, so it is not changed: {problems[0].message}")
    header = list(COLUMNS) + [h for h in header if h not in COLUMNS]
    new = {c: str(decision.get(c, "")) for c in COLUMNS}
    key = tuple(new[c] for c in KEY)
    out, replaced = [], False
    for row in rows:
        if tuple((row.get(c) or "").strip() for c in KEY) == key:
            if not replaced:
                out.append(new)
                replaced = True
            continue
        out.append(row)
    if not replaced:
        out.append(new)
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=header, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(out)
    return buffer.getvalue().encode("utf-8")


def write_decision(path: Path, decision: dict[str, str]) -> None:
    """Record ``decision`` in the file at ``path``: read, changed and written back whole under a lock (two
    facilitators deciding at once each keep their decision), through a temporary file replaced at once (a reader
    never sees half a file)."""
    import fcntl

    lock_path = path.with_name(path.name + ".lock")
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            raw = path.read_bytes() if path.exists() else b""
            data = with_decision(raw, decision)
            handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(temp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def apply_decisions(notes: pd.DataFrame, decisions: Decisions) -> pd.DataFrame:
    """A copy of ``notes`` with the decisions in force: a confirmed code joins the note's codes in its column (as a
    facilitators' code), ``themes_confirmed`` / ``direction_confirmed`` say which notes hold one, and
    ``themes_rejected`` / ``direction_rejected`` list the proposals turned down (never counted as auto codes)."""
    table = decisions.table
    keys = _note_keys(notes) if len(table) else None
    out = {}
    for column in CODE_COLUMNS:
        mine = table[table["column"] == column]
        confirmed = mine[mine["decision"] != "reject"]
        rejected = mine[mine["decision"] != "accept"]
        out[CONFIRMED.format(column)], added = _confirmed(notes, keys, column, confirmed)
        if added is not None:
            out[column] = added
        out[REJECTED.format(column)] = _lists_at(len(notes), keys, rejected, "proposed", notes.index)
    return notes.assign(**out)


def _grouped(keys: pd.Series | None, part: pd.DataFrame, field_name: str) -> tuple[np.ndarray, list[list[str]]]:
    """Rows of the notes named in ``part`` and, for each, the codes ``field_name`` gives it (in file order)."""
    if keys is None or part.empty:
        return np.zeros(0, np.int64), []
    wanted: dict[str, list[str]] = {}
    for session, cid, code in zip(part["session"], part["contribution_id"], part[field_name], strict=True):
        codes = wanted.setdefault(f"{session}\x1f{cid}", [])
        if code not in codes:
            codes.append(code)
    rows = np.flatnonzero(keys.isin(list(wanted)).to_numpy(dtype=bool))
    return rows, [wanted[k] for k in keys.iloc[rows]]


def _lists_at(n: int, keys, part: pd.DataFrame, field_name: str, index: pd.Index) -> pd.Series:
    rows, lists = _grouped(keys, part, field_name)
    base = pa.array([[]], LIST)
    values = pa.concat_arrays([base, pa.array(lists, LIST)]) if lists else base
    take = np.zeros(n, np.int64)
    take[rows] = np.arange(1, len(rows) + 1)
    return pd.Series(pd.arrays.ArrowExtensionArray(values.take(pa.array(take))), index=index)


def _confirmed(notes: pd.DataFrame, keys, column: str, part: pd.DataFrame) -> tuple[pd.Series, pd.Series | None]:
    """Which notes hold a confirmed code in ``column``, and the column with them added (None: unchanged)."""
    flags = np.zeros(len(notes), dtype=bool)
    rows, lists = _grouped(keys, part, "code")
    if not len(rows):
        return pd.Series(flags, index=notes.index), None
    if column in notes:
        original = _list_array(notes[column])
        if not pa.types.is_list(original.type) or original.type != LIST:
            original = original.cast(LIST)
    else:
        original = pa.array([[]] * len(notes), LIST)
    had = original.take(pa.array(rows)).to_pylist()
    merged = [
        (before or []) + [c for c in codes if c not in (before or [])] for before, codes in zip(had, lists, strict=True)
    ]
    flags[rows] = True
    take = np.arange(len(notes), dtype=np.int64)
    take[rows] = len(notes) + np.arange(len(rows))
    values = pa.concat_arrays([original, pa.array(merged, LIST)]).take(pa.array(take))
    return pd.Series(flags, index=notes.index), pd.Series(pd.arrays.ArrowExtensionArray(values), index=notes.index)


def decision_row(
    session: str, contribution_id: str, column: str, proposed: str, decision: str, code: str, version: str
):
    """One row of the file, as written."""
    return dict(zip(COLUMNS, (session, contribution_id, column, proposed, decision, code, version), strict=True))
