"""A live session's export, read again and again while notes are written: what was shown is never lost quietly.

A café writes a part file per table or per round into the export folder while Harvest is open. Between two reads a
part file may vanish (moved, deleted by mistake) or turn unreadable (overwritten half-way, the wrong table written
into the notes folder). ``hold`` compares a new read with the last good one: the notes of a part file that is no
longer there, or no longer readable, stay, held from the last good read, and a problem names the file, how many notes
and since when. A part that comes back is read afresh. When nothing at all can be read any more, ``unusable`` keeps
the last good read whole, saying why.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pandas as pd

from .core import Export
from .problems import ExportError, Problem

#: Problem codes of the last good read that describe the hold itself (not carried from one read to the next).
HELD_CODES = ("held_part", "export_unusable", "part_shrank")


def _stack(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """Rows of both, keeping categorical columns categorical (their categories put together)."""
    if second.empty:
        return first
    first, second = first.copy(), second.copy()
    for name in first.columns:
        if isinstance(first[name].dtype, pd.CategoricalDtype) and name in second:
            union = pd.api.types.union_categoricals(
                [first[name].astype("category"), second[name].astype("category")], ignore_order=True
            ).categories
            first[name] = first[name].cat.set_categories(union)
            second[name] = pd.Categorical(second[name], categories=union)
    return pd.concat([first, second], ignore_index=True)


def _part_counts(export: Export) -> pd.Series:
    if export.note_parts is None:
        return pd.Series(dtype="int64")
    counts = pd.Series(export.note_parts).value_counts(sort=False)
    return counts[counts > 0]


def _said_unreadable(label: str, fresh: Export):
    """The problem that says why a part file could not be read, or None when it is gone."""
    return next((p for p in fresh.problems if p.file == label and p.row is None), None)


def _why_gone(label: str, fresh: Export) -> str:
    said = _said_unreadable(label, fresh)
    if said is None:
        return "no longer in the export folder"
    return "no longer readable (" + said.message.split(". ")[0].rstrip(".") + ")"


def hold(previous: Export | None, fresh: Export, when: datetime) -> Export:
    """``fresh`` with the notes of every part file that ``previous`` had and ``fresh`` lacks (gone or unreadable)
    held from ``previous``, each said in a problem; a part with fewer notes than before is said too."""
    if previous is None or previous.note_parts is None or fresh.note_parts is None:
        return fresh
    before, now = _part_counts(previous), _part_counts(fresh)
    at = when.strftime("%H:%M")
    problems = [p for p in fresh.problems]
    held: dict[str, str] = {}
    carried = []
    for label, n in before.items():
        if label in now.index:
            if now[label] < n:
                fewer = n - now[label]
                problems.append(
                    Problem(
                        label,
                        None,
                        None,
                        None,
                        f"holds {fewer:,} fewer note{'s' if fewer != 1 else ''} than at the read before {at} "
                        f"({n:,} then, {now[label]:,} now): the file was written again with fewer rows. Only the "
                        "notes in it now are shown.",
                        "part_shrank",
                        args=(int(fewer), at, int(n), int(now[label])),
                    )
                )
            continue
        since = previous.held.get(label, at)
        held[label] = since
        carried.append(label)
        message = (
            f"{n:,} note{'s' if n != 1 else ''} {_why_gone(label, fresh)} since {since}. They are still shown, "
            "held from the last good read, until the file is back."
        )
        gone = _said_unreadable(label, fresh) is None
        problems.append(
            Problem(
                label,
                None,
                None,
                None,
                message,
                "held_part",
                args=(int(n), since),
                kind="gone" if gone else "unreadable",
            )
        )
    if not carried:
        return replace(fresh, problems=problems, held={})
    keep = pd.Series(previous.note_parts).isin(carried).to_numpy()
    notes = _stack(fresh.contributions, previous.contributions[keep])
    parts = pd.Categorical(
        list(fresh.note_parts.astype(object)) + list(pd.Series(previous.note_parts)[keep].astype(object))
    )
    return replace(fresh, contributions=notes, note_parts=parts, problems=problems, held=held)


def unusable(previous: Export, error: ExportError, when: datetime) -> Export:
    """The last good read, whole, when the export cannot be read at all any more: said, with the first reason."""
    since = previous.held.get("*", when.strftime("%H:%M"))
    first = error.problems[0] if error.problems else None
    reason = f" ({first.file}: {first.message.split('. ')[0].rstrip('.')})" if first else ""
    problem = Problem(
        first.file if first else previous.path,
        None,
        None,
        None,
        f"The export cannot be read since {since}{reason}. Everything shown is held from the last good read, "
        "until the export can be read again.",
        "export_unusable",
        args=(since,),
    )
    kept = [p for p in previous.problems if p.code != "export_unusable"]
    return replace(previous, problems=[problem, *kept], held={**previous.held, "*": since})


def changes(export: Export) -> list[Problem]:
    """What a live session's reads changed: the problems every page says above its content."""
    return [p for p in export.problems if p.code in HELD_CODES]
