"""A view: the notes and people one surface shows, with everything that says what they mean.

Pages, slides, the deck, CSVs and image exports all take a View and hand it to the same finding functions
(analysis/findings.py), so one measure has one definition whatever shows it. No Streamlit here: ui/ makes the View
for a browser session; tests and the deck make it from a loaded export.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from .codes import named_by
from .filters import Filters, apply_filters
from .messages import msg
from .privacy import Grouping, Guard, guard
from .recorded import Recorded, recorded
from .settings import Settings, settings

#: Which codes the counts use (analysis/autocode): the value -> its words in English (every surface shows them in
#: the language in force: View.codes_counted, the messages harvest-codes-<value>).
CODE_MODES = {
    "human": "Facilitators' codes",
    "both": "Facilitators', else the auto-coder's",
    "auto": "Auto-coder's only",
}


@dataclass(frozen=True)
class View:
    notes: pd.DataFrame
    people: pd.DataFrame
    codebook: object
    population: pd.DataFrame
    filters: Filters = field(default_factory=Filters)
    mode: str = "human"
    participants_source: str = "file"
    source: str = ""  # the export's name as people read it (never a server path)
    fingerprint: str = ""
    synthetic: bool = False
    config: Settings = field(default_factory=settings)
    key: str = ""  # names the export version, codebook, filters and codes counted (ui keys caches on it)
    all_notes: pd.DataFrame | None = None  # the whole export (never copied): what it records, whatever the filters
    all_people: pd.DataFrame | None = None
    #: Who sat at which table in each round (the export's optional seating table), for the filters' sessions only:
    #: the café's views read whole tables (analysis/cafe.py); None when the export records no seating.
    seating: pd.DataFrame | None = None

    @cached_property
    def recorded(self) -> Recorded:
        return recorded(
            self.notes, self.people, self.codebook.codes, self.participants_source, self.all_notes, self.all_people
        )

    @cached_property
    def guard(self) -> Guard:
        """Who may be counted in this view, and how (analysis/privacy.py)."""
        return guard(self)

    def question_label(self, value: object, width: int | None = None) -> str:
        """A question as surfaces show it: "Q2 · How would this direction change…" (the codebook's wording, cut to
        about ``width`` characters); a question the codebook does not name, as recorded."""
        label = getattr(self.codebook, "question_label", None)
        return label(value, width) if label is not None else str(value)

    def question_labels(self, width: int | None = None) -> dict[str, str]:
        """Every question of these notes (and of the codebook) -> its label, for charts' axes."""
        values = list(getattr(self.codebook, "questions", pd.DataFrame(columns=["id"]))["id"])
        if "question" in self.notes:
            values += [str(v) for v in self.notes["question"].dropna().unique()]
        return {str(v): self.question_label(v, width) for v in dict.fromkeys(values)}

    @property
    def people_word(self) -> str:
        return self.recorded.people_word

    @property
    def codes_counted(self) -> str:
        """Which codes the counts use, in the language in force ("Facilitators' codes")."""
        return msg(f"harvest-codes-{self.mode}") if self.mode in CODE_MODES else self.mode

    @property
    def counts_auto(self) -> bool:
        return self.mode != "human"

    def caveats(self) -> tuple[str, ...]:
        """What every surface says beside a number from this view, in the language in force: auto codes, synthetic
        data (always the last: ui/show.py and slides/deck.py recognise it so)."""
        out = []
        if self.counts_auto:
            out.append(msg("harvest-findings-caveat-auto", self.codes_counted.lower()))
        if self.synthetic:
            out.append(msg("harvest-findings-caveat-synthetic"))
        return tuple(out)


def export_name(export) -> str:
    """An export as people read it: its folder or file name, or "upload: name"; never the server's path."""
    from pathlib import PurePath

    path = str(export.path)
    return path if path.startswith("upload: ") else PurePath(path).name or path


_NAMED: dict[tuple[int, str], tuple[weakref.ref, pd.DataFrame | None]] = {}
_NAMED_LOCK = threading.Lock()


def _named(frame: pd.DataFrame, codebook) -> pd.DataFrame:
    """analysis.codes.named_by, made once per frame and codebook: a View names the whole export (what it records)
    as well as its selection, and the export is the same frame for every filter."""
    key = (id(frame), str(getattr(codebook, "digest", "") or id(codebook)))
    with _NAMED_LOCK:
        held = _NAMED.get(key)
    if held is not None and held[0]() is frame:
        return frame if held[1] is None else held[1]
    named = named_by(frame, codebook)
    with _NAMED_LOCK:
        for old in [k for k, (ref, _) in _NAMED.items() if ref() is None]:
            del _NAMED[old]
        while len(_NAMED) >= 8:
            del _NAMED[next(iter(_NAMED))]
        _NAMED[key] = (weakref.ref(frame), None if named is frame else named)  # never holds the frame itself
    return named


def view_of(
    export,
    codebook,
    population: pd.DataFrame,
    filters: Filters = Filters(),
    mode: str = "human",
    notes: pd.DataFrame | None = None,
    people: pd.DataFrame | None = None,
) -> View:
    """The View of a loaded export under ``filters`` (``notes``/``people``: already filtered frames, e.g. with auto
    codes applied, when the caller has them). The export must be coarsened (analysis.privacy.coarsen): every
    surface reads groups of at least k people, never the raw values.

    The notes are named as the codebook names them, once, here (analysis.codes.named_by): question ids in any case
    become the codebook's ("q2" is Q2), aliases their code, direction-level codes found among the themes move to
    the direction. Every surface below compares the codebook's ids."""
    if getattr(export, "privacy_k", None) is None:
        raise ValueError("view_of needs a coarsened export: pass it through analysis.privacy.coarsen first")
    merged = export.merged.get("region")
    if merged is not None:
        population = Grouping(("region",), label=merged[0], members=tuple(merged[1])).population(population)
    if notes is None or people is None:
        notes, people = apply_filters(export.contributions, export.participants, filters)
    all_notes = _named(export.contributions, codebook)
    notes = all_notes if notes is export.contributions else _named(notes, codebook)
    return View(
        notes,
        people,
        codebook,
        population,
        filters,
        mode,
        export.participants_source,
        export_name(export),
        export.fingerprint,
        export.synthetic,
        all_notes=all_notes,
        all_people=export.participants,
        seating=_seating(export, filters),
    )


def _seating(export, filters: Filters) -> pd.DataFrame | None:
    seating = getattr(export, "seating", None)
    if seating is None or not len(seating) or not filters.session:
        return seating
    return seating[seating["session"].astype(str).isin(filters.session)]
