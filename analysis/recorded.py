"""What an export (or a filtered view of it) can show: which dimensions are recorded, and how completely.

A measure whose input is not recorded says so ("not recorded in this export", and which column would enable it):
never a chart of zeros, never a finding. A partly recorded one states its coverage ("regions known for 63 of 80
participants"). Without a participants table, the people are the *authors* named on the notes, and every surface
says "authors".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import messages
from .codes import code_pairs

#: Every dimension, one per line: name | of "people" or "notes" | words | plural words | where a team records it.
#: Code kinds (theme, need, responsible, direction) count notes carrying one.
_DIMENSIONS_TABLE = """
region | people | region | regions | a “region” (or “country”) column in participants.parquet, or on the notes
country | people | country | countries | a “country” column in participants.parquet, or on the notes
community | people | community | communities | a “community” column in participants.parquet, or on the notes
community_type | people | community type | community types | a “community_type” column
languages | people | languages spoken | languages | a “languages” column in participants.parquet
gender | people | self-described gender | genders | a “gender” column in participants.parquet
age_band | people | age band | age bands | an “age_band” column in participants.parquet
question | notes | question | questions | a “question” column in contributions.parquet
round | notes | round | rounds | a “round” column in contributions.parquet
table | notes | table | tables | a “table” column in contributions.parquet
language | notes | language of the note | languages | a “language” column in contributions.parquet
author | notes | author | authors | a “participant_id” on the notes
theme | notes | strategy theme | strategy themes | theme codes from the codebook in the “themes” column
need | notes | need | needs | need codes from the codebook in the “themes” column
responsible | notes | responsible party | responsible parties | responsibility codes in the “themes” column
direction | notes | commitment of the direction | commitments | commitment ids in the “direction” column
"""
#: The words of the table above are the English ones and stay as data; what a reader sees is said by messages
#: (i18n/words/: harvest-words-dim-<name>-a, -known and -enable), in the language in force.
DIMENSIONS: tuple[tuple[str, str, str, str, str], ...] = tuple(
    tuple(cell.strip() for cell in line.split("|")) for line in _DIMENSIONS_TABLE.strip().splitlines()
)


@dataclass(frozen=True)
class Dimension:
    name: str
    words: str
    plural: str
    of: str  # "participants", "authors" or "notes"
    known: int
    total: int
    enable: str
    in_export: bool = True  # the export records it, whatever the filters keep

    @property
    def recorded(self) -> bool:
        return self.known > 0

    @property
    def complete(self) -> bool:
        return self.known == self.total

    def _said(self, part: str) -> str:
        """This dimension's words for ``part`` ("a", "known", "enable"), in the language in force; the table's
        English words for a dimension without messages (one made by hand)."""
        key = f"harvest-words-dim-{self.name.replace('_', '-')}-{part}"
        try:
            return messages.msg(key)
        except KeyError:
            a = "an" if self.words[:1] in "aeiou" else "a"
            return {"a": f"{a} {self.words}", "known": f"{self.plural} known", "enable": self.enable}[part]

    def _of(self) -> str:
        return self.of if self.of in ("participants", "authors", "notes") else "participants"

    def coverage(self) -> str:
        """'regions known for 63 of 80 participants' (or 'for all 80 participants'), in the language in force."""
        if self.complete:
            return messages.msg(f"harvest-words-coverage-all-{self._of()}", self._said("known"), self.total)
        return messages.msg(f"harvest-words-coverage-some-{self._of()}", self._said("known"), self.known, self.total)

    def absent(self) -> str:
        """Why a measure of this dimension is not shown: the filters keep none that have it, or the export does not
        record it at all (and what would enable it); in the language in force."""
        if self.in_export:
            return messages.msg(f"harvest-words-absent-filtered-{self._of()}", self._said("a"))
        return messages.msg(f"harvest-words-absent-not-recorded-{self._of()}", self._said("a"), self._said("enable"))


@dataclass(frozen=True)
class Recorded:
    """The dimensions of one view, by name (``recorded["region"]``), and who the people are."""

    participants_source: str  # "file", "notes" (authors named on notes) or "none"
    dimensions: dict[str, Dimension]

    def __getitem__(self, name: str) -> Dimension:
        return self.dimensions[name]

    def shows(self, name: str) -> bool:
        return self.dimensions[name].recorded

    @property
    def people_word(self) -> str:
        """Which people these are: 'participants', or 'authors' without a participants table. A KEY, the same in
        every language (code chooses its messages by it); a reader sees :attr:`people_label`."""
        return "participants" if self.participants_source == "file" else "authors"

    @property
    def people_label(self) -> str:
        """What the people are called on every surface, in the language in force ('participants', 'auteurs')."""
        return messages.msg(f"harvest-words-people-{self.people_word}")

    @property
    def has_people(self) -> bool:
        return self.participants_source != "none"


def _known(frame: pd.DataFrame, column: str) -> int:
    if column not in frame or frame.empty:
        return 0
    values = frame[column]
    if column == "languages":
        if isinstance(values.dtype, pd.ArrowDtype):
            return int((values.list.len().fillna(0) > 0).sum())
        lengths = values.map(lambda v: len(v) if v is not None and hasattr(v, "__len__") else 0)
        return int((lengths > 0).sum())
    return int(values.notna().sum())


def _notes_among(n: int, rows: np.ndarray) -> int:
    """How many distinct notes ``rows`` names (a mask, not a sort: a million rows in milliseconds)."""
    seen = np.zeros(n, dtype=bool)
    seen[rows] = True
    return int(seen.sum())


def _kind_notes(notes: pd.DataFrame, codes: pd.DataFrame, kind: str, pairs) -> int:
    """Notes carrying at least one codebook code of ``kind`` in ``themes`` (``pairs``: their code_pairs)."""
    rows, numbers, dictionary = pairs
    if not len(numbers):
        return 0
    wanted = set(codes.loc[codes["kind"] == kind, "id"].astype(str)) if len(codes) else set()
    hit = np.array([str(c) in wanted for c in dictionary], dtype=bool)[numbers]
    return _notes_among(len(notes), rows[hit])


def _note_known(notes: pd.DataFrame, codes: pd.DataFrame, name: str, pairs: dict) -> int:
    if name in ("theme", "need", "responsible", "direction"):
        column = "direction" if name == "direction" else "themes"
        if column not in pairs:
            pairs[column] = code_pairs(notes, column)
        if name == "direction":
            rows, numbers, _ = pairs[column]
            return _notes_among(len(notes), rows) if len(numbers) else 0
        return _kind_notes(notes, codes, name, pairs[column])
    return _known(notes, "participant_id" if name == "author" else name)


def _dimension_known(frame: pd.DataFrame, codes: pd.DataFrame, name: str, of: str, pairs: dict) -> int:
    return _known(frame, name) if of == "people" else _note_known(frame, codes, name, pairs)


def recorded(
    notes: pd.DataFrame,
    people: pd.DataFrame,
    codes: pd.DataFrame,
    participants_source: str,
    all_notes: pd.DataFrame | None = None,
    all_people: pd.DataFrame | None = None,
) -> Recorded:
    """What ``notes`` and ``people`` (a view of an export) record, dimension by dimension; ``all_notes`` and
    ``all_people`` (the whole export) tell "the filters keep none" from "not recorded in this export"."""
    who = "participants" if participants_source == "file" else "authors"
    found: dict[str, Dimension] = {}
    pairs: dict = {}  # each list column's (note, code) pairs, made once for all the code kinds
    whole_pairs: dict = {}
    for name, of, words, plural, enable in DIMENSIONS:
        frame, whole = (people, all_people) if of == "people" else (notes, all_notes)
        known = _dimension_known(frame, codes, name, of, pairs)
        anywhere = known > 0 or (
            whole is not None and whole is not frame and _dimension_known(whole, codes, name, of, whole_pairs) > 0
        )
        found[name] = Dimension(
            name, words, plural, who if of == "people" else "notes", known, len(frame), enable, anywhere
        )
    return Recorded(participants_source, found)
