"""The sidebar filters as a value, and applying them to notes and people."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np
import pandas as pd

from loaders.codebook import question_key

from . import messages

#: (field, URL parameter, label, applies to people too)
DIMENSIONS: tuple[tuple[str, str, str, bool], ...] = (
    ("session", "session", "Session", True),
    ("question", "question", "Question", False),
    ("round", "round", "Round", False),
    ("region", "region", "Region", True),
    ("community_type", "ctype", "Community type", True),
    ("community", "community", "Community", True),
    ("language", "lang", "Language", False),
)


@dataclass(frozen=True)
class Filters:
    """What the user chose; an empty tuple means 'all'. Values are plain strings, as in the URL."""

    session: tuple[str, ...] = field(default_factory=tuple)
    question: tuple[str, ...] = field(default_factory=tuple)
    round: tuple[str, ...] = field(default_factory=tuple)
    region: tuple[str, ...] = field(default_factory=tuple)
    community_type: tuple[str, ...] = field(default_factory=tuple)
    community: tuple[str, ...] = field(default_factory=tuple)
    language: tuple[str, ...] = field(default_factory=tuple)

    def active(self) -> dict[str, tuple[str, ...]]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    def describe(self) -> str:
        """'no filters (everything)' or e.g. 'region: NWE, SSA; round: 1' — for captions, footers and download
        provenance, in the language in force ('région : NWE, SSA ; tour : 1'). The values are shown as the URL holds
        them (ids and names from the data), but a merged group of analysis.privacy in the language's words."""
        from .vocabulary import display_group

        active = self.active()
        if not active:
            return messages.msg("harvest-words-no-filters")
        between, among = (
            messages.msg("harvest-words-filter-separator"),
            messages.msg("harvest-words-filter-values-separator"),
        )
        return between.join(
            messages.msg("harvest-words-filter-item", label(name), among.join(display_group(v) for v in values))
            for name, values in active.items()
        )


def label(name: str) -> str:
    """A filter's name as :meth:`Filters.describe` writes it inside a sentence ('community type'), in the language in
    force; a name this module does not know, as it is."""
    if name not in {f.name for f in fields(Filters)}:
        return name.replace("_", " ")
    return messages.msg(f"harvest-words-filter-{name.replace('_', '-')}")


def mask(frame: pd.DataFrame, column: str, values: tuple[str, ...]) -> np.ndarray:
    """True where the column's value is one of ``values`` (compared as text; question ids without regard to case,
    as the codebook compares them: "Q2" keeps notes recorded as "q2"). Categories are matched once per category,
    not once per row: a filter change at a million notes costs a few milliseconds."""
    if column not in frame:
        return np.zeros(len(frame), dtype=bool)
    series = frame[column]
    fold = question_key if column == "question" else str
    wanted = {fold(v) for v in values}
    if isinstance(series.dtype, pd.CategoricalDtype):
        hit = np.array([fold(c) in wanted for c in series.cat.categories] + [False], dtype=bool)
        return hit[series.cat.codes.to_numpy()]  # code -1 (missing) picks the trailing False
    text = series.astype("string")
    if column == "question":
        text = text.str.strip().str.casefold()
    return text.isin(list(wanted)).fillna(False).to_numpy(dtype=bool)


def apply_filters(notes: pd.DataFrame, people: pd.DataFrame, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Notes matching every chosen value, and people matching the filters that describe people.

    Question, round and language describe notes, not people: they narrow the notes only, so the room's
    make-up stays the denominator for 'who was in the room' (docs/analysis.md, "Filters").
    Filters only ever remove rows. When they remove none, the frames given are returned themselves, not copies:
    like every frame the pages share, they must never be changed.
    """
    note_mask = np.ones(len(notes), dtype=bool)
    people_mask = np.ones(len(people), dtype=bool)
    for name, _param, _label, for_people in DIMENSIONS:
        values = getattr(filters, name)
        if not values:
            continue
        note_mask &= mask(notes, name, values)
        if for_people:
            people_mask &= mask(people, name, values)
    # Nothing filtered out: the frames themselves, not copies (a copy of a million notes costs 100 ms and its size)
    return (notes if note_mask.all() else notes[note_mask]), (people if people_mask.all() else people[people_mask])


def options(notes: pd.DataFrame, people: pd.DataFrame, name: str, codebook=None) -> list[str]:
    """The values a filter can take in this export, in a stable order. Questions, with ``codebook``: as the
    codebook names them ("q2" is offered as Q2), its questions first in its order, each once."""
    if name == "question" and codebook is not None and getattr(codebook, "question_id", None) is not None:
        given = options(notes, people, name)
        named = {codebook.question_id(v) or v for v in given}
        ids = [str(q) for q in codebook.questions["id"]]
        return [q for q in ids if q in named] + sorted(named - set(ids), key=str.casefold)
    values: set[str] = set()
    for frame in (notes, people):
        if name in frame:
            column = frame[name]
            if isinstance(column.dtype, pd.CategoricalDtype):
                used = column.dropna().unique()
                values.update(str(v) for v in used)
            else:
                values.update(str(v) for v in column.dropna().unique())
    if name == "round":
        return sorted(values, key=lambda v: (len(v), v))
    if name == "region":
        from loaders.regions import REGION_IDS

        return [r for r in REGION_IDS if r in values] + sorted(values - set(REGION_IDS))  # then a merged group
    return sorted(values, key=str.casefold)
