"""Privacy: no view, filter, link, table or download reveals a group of fewer than k people.

Participants come from small communities; many are the only person from their affiliate or country in the room.
Three rules, each enforced here and read by every surface (pages, slides, the deck, CSVs and images all read a View):

1. **Coarsening** (:func:`coarsen`). In the export every surface reads, a value of region, community type or
   community held by fewer than k people is merged into one group per dimension ("Communities with fewer than 5
   participants here"); when those together hold fewer than k, the smallest other value joins them until they hold
   k. Filters, links and charts only ever see the groups, so no filter value selects fewer than k people.
2. **Query-set-size control** (:attr:`Guard.reason`). The people S of a view are counted only when S holds k or
   more, and when every neighbouring selection differs from S by no one or by k or more people. The neighbours of a
   selection are the same filters with one filter removed, with one value of a filter removed, and with only the
   session filter kept: the views one step away that a person could subtract S from. Otherwise every count of S's
   people is withheld, with a sentence that says why (notes are still counted: they are not people).
3. **Cell suppression with complementary suppression** (:meth:`Guard.grouping`). A table of people counts starts
   from the groups the whole export shows and merges further, always into one merged group, until no cell holds
   between 1 and k-1 people, neither in S nor in its difference with any neighbour. A group merged in one view is
   therefore merged in every view that could be subtracted from it. "Not known" is a group like any other; a value no
   one holds is a true 0.

What this does not protect (docs/analysis.md "Privacy", SECURITY.md): many overlapping selections, far apart, can
still narrow things down for a determined insider; the names of the groups present (a community's name in a link is
answered with its group) and the notes' own words. Deploy behind authentication for people the participants trust.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
import pandas as pd

from . import messages
from .filters import DIMENSIONS, Filters, mask
from .vocabulary import NOT_GIVEN, NOT_KNOWN, count, display_group

DEFAULT_K = 5
#: Dimensions coarsened in the export itself: the people-describing ones a filter or a "group by" selects people by.
COARSENED = ("region", "community_type", "community")
PLURAL = {"region": "regions", "community_type": "community types", "community": "communities"}
#: The filters that select people (the others, question, round and language, narrow the notes only).
PEOPLE_FILTERS = tuple(name for name, _param, _label, for_people in DIMENSIONS if for_people)


def merged_label(k: int) -> str:
    """The merged row of a table of people counts: a VALUE, the same in every language (tables group by it and
    compare with it); a reader sees :func:`display` of it ("Groupes de moins de 5 (fusionnés)")."""
    return f"Groups of fewer than {k} (merged)"


def merged_value(dim: str, k: int, who: str = "participants") -> str:
    """The merged group of a coarsened dimension: a VALUE in the export, in filters and links, the same in every
    language; a reader sees :func:`display` of it ("Communautés comptant ici moins de 5 participants")."""
    return f"{PLURAL[dim].capitalize()} with fewer than {k} {who} here"


def display(value: object) -> str:
    """A group value as a reader sees it, in the language in force: the merged groups above, "Not known" and "Not
    given" in the language's words, any other value as it is (analysis.vocabulary.display_group)."""
    return display_group(value)


def is_merged(value: object) -> bool:
    """A merged group's label (of a table, or of a coarsened dimension)?"""
    text = str(value)
    return text.startswith("Groups of fewer than ") or (" with fewer than " in text and text.endswith(" here"))


# --- 1. coarsening ----------------------------------------------------------------------------------------------------


def _to_merge(counts: pd.Series, k: int) -> list:
    """The values to merge: those held by 1..k-1 people, then the smallest others until the merged hold k."""
    counts = counts[counts > 0].sort_values(kind="stable")
    small = [v for v, n in counts.items() if n < k]
    if not small:
        return []
    total = int(counts[small].sum())
    rest = [v for v, n in counts.items() if n >= k]
    while total < k and rest:
        value = rest.pop(0)
        small.append(value)
        total += int(counts[value])
    return small


def _recode(series: pd.Series, values: list, label: str) -> pd.Series:
    """``series`` with every one of ``values`` replaced by ``label`` (categories: by code, fast at a million rows)."""
    gone = {str(v) for v in values}
    if isinstance(series.dtype, pd.CategoricalDtype):
        old = list(series.cat.categories)
        kept = [c for c in old if str(c) not in gone]
        position = {c: i for i, c in enumerate(kept)}
        lookup = np.array([position.get(c, len(kept)) for c in old] + [-1], dtype=np.int64)
        codes = lookup[series.cat.codes.to_numpy()]
        return pd.Series(
            pd.Categorical.from_codes(codes, categories=[*map(str, kept), label]), index=series.index, name=series.name
        )
    plain = series.astype(object)
    hit = plain.notna() & plain.astype(str).isin(gone)
    return plain.where(~hit, label)


def coarsen(export, k: int = DEFAULT_K):
    """The export every surface reads: region, community type and community values held by fewer than k people
    merged (rule 1). Cheap at a million notes (a few category codes remapped); unchanged columns are shared."""
    if getattr(export, "privacy_k", None) == k:
        return export
    people, notes = export.participants, export.contributions
    who = "participants" if export.participants_source == "file" else "authors"
    merged: dict[str, tuple[str, tuple[str, ...]]] = {}
    extra: dict[str, np.ndarray] = {}
    for dim in COARSENED:
        if dim not in people or people.empty:
            continue
        values = _to_merge(people[dim].astype(object).value_counts(), k)
        if not values:
            continue
        label = merged_value(dim, k, who)
        merged[dim] = (label, tuple(sorted(str(v) for v in values)))
        # Which value each person had, as a number only (never a name): the room's distinct counts stay true.
        extra[f"_distinct_{dim}"] = pd.factorize(people[dim].astype(object))[0].astype(np.int32)
        people = people.assign(**{dim: _recode(people[dim], values, label)})
        if dim in notes:
            notes = notes.assign(**{dim: _recode(notes[dim], values, label)})
    if extra:
        people = people.assign(**extra)
    return replace(export, contributions=notes, participants=people, privacy_k=k, merged=merged)


def distinct(people: pd.DataFrame, notes: pd.DataFrame, dim: str) -> int:
    """How many different values of ``dim`` the people (and the notes' own values) hold, merged groups counted by
    what they stand for."""
    values: set[str] = set()
    hidden = f"_distinct_{dim}"
    if dim in people:
        if hidden in people:
            codes = people[hidden].to_numpy()
            values.update(f"#{c}" for c in np.unique(codes[codes >= 0]))
            held = {str(v) for v in people[dim].dropna().unique()}
        else:
            held = {str(v) for v in people[dim].dropna().unique()}
            values.update(held)
    else:
        held = set()
    if dim in notes and dim != "region":
        for value in notes[dim].dropna().unique():
            if str(value) not in held and not is_merged(value):
                values.add(str(value))
    return len(values)


# --- 2 and 3. the guard of one view -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grouping:
    """How one table of people counts groups people in one view: each value (NOT_KNOWN for a missing one; a tuple of
    values for a crossing of several attributes) -> the label shown. ``withheld``: why no such table is shown."""

    keys: tuple[str, ...]
    labels: dict = field(default_factory=dict)
    withheld: str | None = None
    label: str = ""  # the merged group's label ("" when nothing is merged)
    members: tuple = ()  # the values the merged group stands for

    @property
    def shown(self) -> bool:
        return self.withheld is None

    def of(self, value: object) -> object:
        return self.labels.get(value, value)

    def recode_people(self, people: pd.DataFrame) -> pd.DataFrame:
        """``people`` with the (single) key's values replaced by their group; a group of "not known" stays missing."""
        (by,) = self.keys
        if by not in people or not self.label:
            return people
        values = people[by].astype(object).where(people[by].notna(), NOT_KNOWN)
        mapped = values.map(lambda v: self.labels.get(v, v))
        return people.assign(**{by: mapped.where(mapped != NOT_KNOWN, None)})

    def recode_notes(self, notes: pd.DataFrame) -> pd.DataFrame:
        """The notes with the key replaced by their author's group. An anonymous note with no value stays not known:
        it has no author to group."""
        (by,) = self.keys
        if by not in notes or not self.label:
            return notes
        named = notes["participant_id"].notna().to_numpy() if "participant_id" in notes else np.zeros(len(notes), bool)
        raw = notes[by]
        if isinstance(raw.dtype, pd.CategoricalDtype):  # per category, then by code: fast at a million notes
            table = {c: self.labels.get(c, self.labels.get(str(c), c)) for c in raw.cat.categories}
            mapped = pd.Series(raw.cat.codes.to_numpy(), index=notes.index).map(
                dict(enumerate(table.values())) | {-1: None}
            )
        else:
            mapped = raw.astype(object).map(lambda v: None if pd.isna(v) else self.labels.get(v, v))
        unknown = self.labels.get(NOT_KNOWN, NOT_KNOWN)
        missing = raw.isna().to_numpy()
        if unknown != NOT_KNOWN:
            mapped = mapped.where(~(missing & named), unknown)
        return notes.assign(**{by: mapped.astype(object)})

    def population(self, population: pd.DataFrame) -> pd.DataFrame:
        """The world's population per group of regions: a merged group of regions counts their shares together; one
        that holds people with no known region is no region, and is left out of the comparison."""
        if not self.label:
            return population
        share = dict(zip(population["region"].astype(str), population["population_share"], strict=True))
        rows = [r for r in population["region"].astype(str) if r not in self.members]
        out = population[population["region"].astype(str).isin(rows)].copy()
        out["region"] = out["region"].astype(object)
        if NOT_KNOWN not in self.members and all(str(m) in share for m in self.members):
            merged = population.iloc[:1].copy()
            merged["region"] = self.label
            merged["population_share"] = sum(share[str(m)] for m in self.members)
            out = pd.concat([out, merged], ignore_index=True)
        return out.reset_index(drop=True)


#: What a withheld sentence says is withheld: counts of people (rule 2), anything (a selection), its notes (rule 4).
WITHHELD = {
    "counts": "harvest-words-withheld-counts",
    "nothing": "harvest-words-withheld-nothing",
    "notes": "harvest-words-withheld-notes",
}


def _who(who: str) -> str:
    """The message variant for the people: 'authors' without a participants table, else 'participants'."""
    return "authors" if who == "authors" else "participants"


def withheld_reason(k: int, who: str, small: bool, what: str = "counts") -> str:
    """Why ``what`` (a key of :data:`WITHHELD`) is not shown for a selection of people, in the language in force:
    it holds fewer than k (``small``), or it differs from a selection one filter away by fewer than k."""
    reason = "small" if small else "neighbour"
    return messages.msg(f"harvest-words-withheld-{reason}-{_who(who)}", messages.msg(WITHHELD[what]), k)


#: (positions of people, their values) for an attribute a person may hold several of (the languages they speak)
Pairs = Callable[[pd.DataFrame], tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class Guard:
    """Rules 2 and 3 for one view: ``people`` are all the people of the (coarsened) export, ``filters`` the view's."""

    people: pd.DataFrame
    filters: Filters = field(default_factory=Filters)
    k: int = DEFAULT_K
    who: str = "participants"

    @property
    def active(self) -> dict[str, tuple[str, ...]]:
        return {d: getattr(self.filters, d) for d in PEOPLE_FILTERS if getattr(self.filters, d)}

    @cached_property
    def masks(self) -> tuple[np.ndarray, list[np.ndarray]]:
        """S (the view's people, over all people) and the differences with every neighbouring selection."""
        n = len(self.people)
        per = {d: mask(self.people, d, values) for d, values in self.active.items()}
        selected = np.ones(n, dtype=bool)
        for m in per.values():
            selected &= m
        differences: list[np.ndarray] = []
        if per:
            base = per.get("session", np.ones(n, dtype=bool))
            differences.append(base & ~selected)
            for dropped in per:
                wider = np.ones(n, dtype=bool)
                for d, m in per.items():
                    if d != dropped:
                        wider &= m
                differences.append(wider & ~selected)
            for d, values in self.active.items():
                if len(values) > 1:
                    differences.extend(selected & mask(self.people, d, (v,)) for v in values)
        return selected, differences

    @cached_property
    def small(self) -> bool | None:
        """Rule 2's verdict: True when the view holds fewer than k people, False when a neighbouring selection
        differs from it by fewer than k, None when its people may be counted."""
        selected, differences = self.masks
        size = int(selected.sum())
        if 0 < size < self.k:
            return True
        if any(0 < int(d.sum()) < self.k for d in differences):
            return False
        return None

    def withheld(self, what: str = "counts") -> str | None:
        """Why ``what`` (a key of :data:`WITHHELD`) is not shown for this view under rule 2, or None; in the language
        in force when called."""
        return None if self.small is None else withheld_reason(self.k, self.who, self.small, what)

    @cached_property
    def reason(self) -> str | None:
        """Why this view's people are not counted at all (rule 2), or None (in the language in force when first
        read: a View is made per language)."""
        return self.withheld("counts")

    def count(self, n: int) -> str:
        """A number of people as a sentence may state it."""
        return messages.msg("harvest-words-not-shown") if self.reason else count(n)

    # -- rule 3 ------------------------------------------------------------------------------------------------------

    def _values(self, keys: tuple[str, ...], pairs: Pairs | None) -> tuple[np.ndarray, np.ndarray, list]:
        people = self.people
        if pairs is not None:
            person, value = pairs(people)
            value = np.asarray(value, dtype=object)
            value[pd.isna(value)] = NOT_KNOWN
            # A person who holds none counts in the "not known" group (a count of people like any other).
            none = np.setdiff1d(np.arange(len(people)), person)
            person = np.concatenate([np.asarray(person, dtype=np.int64), none])
            value = np.concatenate([value, np.full(len(none), NOT_KNOWN, dtype=object)])
        else:
            columns = []
            for key in keys:
                column = people[key].astype(object) if key in people else pd.Series([None] * len(people))
                columns.append(column.where(column.notna(), NOT_KNOWN).to_numpy())
            value = columns[0] if len(keys) == 1 else list(zip(*columns, strict=True))
            person = np.arange(len(people))
        codes, uniques = pd.factorize(pd.Series(value, dtype=object))
        return person.astype(np.int64), codes.astype(np.int64), list(uniques)

    def _merge(
        self,
        person: np.ndarray,
        code: np.ndarray,
        groups: np.ndarray,
        merged: int | None,
        selected: np.ndarray,
        differences: list[np.ndarray],
        multi: bool,
    ) -> tuple[np.ndarray, int | None, bool]:
        """Merge groups (``groups``: value code -> group number) until no count in ``selected`` or in a difference
        is between 1 and k-1. Returns the grouping, the merged group's number, and whether more than one group with
        people is left (one would only restate the total)."""
        k = self.k
        groups = groups.copy()
        size = len(groups)

        def counts(where: np.ndarray) -> np.ndarray:
            keep = where[person]
            g = groups[code[keep]]
            if multi:  # one person counts once per group, however many of its values they hold
                pairs = np.unique(person[keep] * size + g)
                g = pairs % size
            return np.bincount(g, minlength=size)

        while True:
            inside = counts(selected)
            outside = [counts(d) for d in differences]
            bad = (inside > 0) & (inside < k)
            for c in outside:
                bad |= (c > 0) & (c < k)
            present = np.flatnonzero(inside + sum(outside, np.zeros(size, dtype=np.int64)) > 0)
            if not bad.any():
                return groups, merged, int((inside > 0).sum()) > 1
            if len(present) <= 1:
                return groups, merged, False
            worst = min(np.flatnonzero(bad), key=lambda g: (inside[g], g))
            others = [g for g in present if g != worst]
            if merged is not None and worst != merged:
                into, gone = merged, worst
            else:
                into = worst
                gone = min((g for g in others if g != into), key=lambda g: (inside[g], g))
            groups[groups == gone] = into
            merged = into

    def grouping(self, keys: str | tuple[str, ...], pairs: Pairs | None = None) -> Grouping:
        """How a table of people counts by ``keys`` groups people in this view (rule 3); ``pairs`` for an attribute a
        person may hold several of."""
        keys = (keys,) if isinstance(keys, str) else tuple(keys)
        if self.reason:
            return Grouping(keys, withheld=self.reason)
        if self.people.empty:
            return Grouping(keys)
        person, code, uniques = self._values(keys, pairs)
        everyone = np.ones(len(self.people), dtype=bool)
        multi = pairs is not None
        groups, merged, several = self._merge(person, code, np.arange(len(uniques)), None, everyone, [], multi)
        selected, differences = self.masks
        if differences or not selected.all():
            groups, merged, several = self._merge(person, code, groups, merged, selected, differences, multi)
        if not several:
            return Grouping(keys, withheld=messages.msg(f"harvest-words-grouping-withheld-{_who(self.who)}", self.k))
        label = merged_label(self.k)
        labels: dict = {}
        members = []
        for i, value in enumerate(uniques):
            if merged is not None and groups[i] == merged and (groups == merged).sum() > 1:
                labels[value] = label if len(keys) == 1 else tuple([label] * len(keys))
                members.append(value)
        return Grouping(keys, labels, None, label if members else "", tuple(members))

    def table(self, keys: str | tuple[str, ...]) -> tuple[pd.DataFrame, Grouping]:
        """People per group of ``keys`` in this view, small groups merged: the keys, people, share (of the view's
        people), merged (how many values a row stands for). Empty when withheld."""
        keys = (keys,) if isinstance(keys, str) else tuple(keys)
        grouping = self.grouping(keys)
        columns = [*keys, "people", "share", "merged"]
        selected, _ = self.masks
        if not grouping.shown or not selected.any() or any(k not in self.people for k in keys):
            return pd.DataFrame(columns=columns), grouping
        people = self.people[selected]
        frame = people[list(keys)].astype(object)
        frame = frame.where(frame.notna(), NOT_KNOWN)
        rows = [tuple(r) for r in frame.itertuples(index=False, name=None)]
        labelled = [grouping.of(r[0] if len(keys) == 1 else r) for r in rows]
        labelled = [(v,) if len(keys) == 1 else v for v in labelled]
        counts = pd.Series(labelled, dtype=object).value_counts()
        out = pd.DataFrame([list(t) for t in counts.index], columns=list(keys))
        out["people"] = counts.to_numpy().astype("int64")
        out["share"] = out["people"] / len(people)
        present = {r[0] if len(keys) == 1 else r for r in rows}
        merged_here = [m for m in grouping.members if m in present]
        out["merged"] = [len(merged_here) if is_merged(r[0]) else 1 for r in out[list(keys)].itertuples(index=False)]
        out = out.sort_values(["merged", "people"], ascending=[True, False], kind="stable").reset_index(drop=True)
        for key in keys:
            out[key] = out[key].map(lambda v: NOT_GIVEN if v == NOT_KNOWN else v)  # a value: display() names it
        return out, grouping


def guard(view) -> Guard:
    """The guard of a View (analysis.view): all the people of its export, its filters, its k."""
    people = view.all_people if view.all_people is not None else view.people
    return Guard(people, view.filters, view.config.min_group_size, view.people_word)


# --- notes tables ---------------------------------------------------------------------------------------------------


def authors(notes: pd.DataFrame) -> int:
    """Distinct named authors of ``notes``."""
    if "participant_id" not in notes:
        return 0
    keys = [c for c in ("session", "participant_id") if c in notes]
    named = notes[notes["participant_id"].notna()]
    return int(len(named[keys].drop_duplicates())) if len(named) else 0


def selection_withheld(view) -> str | None:
    """Why nothing about this selection is shown (rules 2 and 4), or None. Without a filter on people, nothing is
    withheld here (each table still merges its small groups). With one, the selection is shown only when its people
    can be counted (rule 2) and its notes were written by at least k named authors: otherwise its charts and notes
    would be what a few people said, under their group's name."""
    return _selection_withheld(view, "nothing")


def _selection_withheld(view, what: str) -> str | None:
    the_guard = guard(view)
    if not the_guard.active or view.notes.empty and not the_guard.reason:
        return None
    k = the_guard.k
    if the_guard.reason:
        return the_guard.withheld(what)
    if authors(view.notes) < k:
        return messages.msg("harvest-words-withheld-few-authors", messages.msg(WITHHELD[what]), k)
    return None


def notes_withheld(view) -> str | None:
    """Why the notes of this view are not listed (rule 4), or None: as :func:`selection_withheld`, said of notes."""
    return _selection_withheld(view, "notes")
