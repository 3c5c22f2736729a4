"""What a person can read about people from one view, and what they can learn by subtracting two views.

``shown(view)`` collects every count of people the surfaces show for a view, through the functions the pages use
(analysis.findings, the view's guard, analysis.participation), as blocks: the set of values a count stands for ->
the count. What a table leaves out of the view's people (those with no known value, or in no shown row) is a block
too: a reader gets it by subtracting the rows from the total.

``learned(a, b)`` subtracts two views table by table, the way a person would: where the rows of one table stand for
different sets of values in the two views, over the smallest unions both can be added up to.
"""

from __future__ import annotations

import pandas as pd

from analysis import findings, participation
from analysis.filters import DIMENSIONS, Filters
from analysis.vocabulary import NOT_KNOWN

PEOPLE_DIMS = [name for name, _param, _label, for_people in DIMENSIONS if for_people]
SENSITIVE = (("gender",), ("age_band",), ("region", "community_type"))


def _members(grouping, value) -> frozenset:
    if grouping is not None and grouping.label and value in (grouping.label, (grouping.label,) * len(grouping.keys)):
        return frozenset(map(str, grouping.members))
    if value in ("Not given", ("Not given",)):
        return frozenset({NOT_KNOWN})
    return frozenset({str(value)})


def _blocks(rows, grouping, everyone: set[str] | None, total: int | None) -> dict[frozenset, int]:
    cells: dict[frozenset, int] = {}
    for value, n in rows:
        if n is None or pd.isna(n):
            continue
        members = _members(grouping, value)
        cells[members] = cells.get(members, 0) + int(n)
    if everyone is not None and total is not None:  # the rest of the view's people: the total minus the rows
        covered = set().union(*cells) if cells else set()
        rest = frozenset(everyone - covered) or frozenset({"<rest>"})
        cells[rest] = cells.get(rest, 0) + total - sum(cells.values())
    return cells


def _universe(view, key) -> set[str]:
    people = view.all_people
    if isinstance(key, tuple):
        columns = [people[k].astype(object).where(people[k].notna(), NOT_KNOWN) for k in key]
        return {str(t) for t in zip(*columns, strict=True)} | {str((NOT_KNOWN,) * len(key))}
    if key not in people:
        return {NOT_KNOWN}
    return {str(v) for v in people[key].dropna().unique()} | {NOT_KNOWN}


def shown(view) -> dict[str, dict[frozenset, int]]:
    """Every count of people the surfaces show for ``view``, table by table, as blocks (see the module)."""
    out: dict[str, dict[frozenset, int]] = {}
    total = len(view.people)
    if not view.recorded.has_people:
        return out
    numbers = dict(zip(*findings.numbers(view).table[["measure", "value"]].T.to_numpy(), strict=True))
    if numbers.get(view.people_word.capitalize()) not in (None, "not shown"):
        out["people"] = {frozenset({"*"}): total}
    guard = view.guard
    room = findings.room(view)
    if room.shown:
        rows = zip(room.table["region"], room.table["people"], strict=True)
        out["room"] = _blocks(rows, guard.grouping("region"), _universe(view, "region"), total)
    for by in participation.GROUPINGS:
        voice = findings.voice(view, by)
        if voice.shown:
            rows = zip(voice.table[by], voice.table["people"], strict=True)
            out[f"voice by {by}"] = _blocks(rows, guard.grouping(by), _universe(view, by), total)
    country = guard.grouping("country")
    if country.shown and "country" in view.people:
        table = participation.countries(view.people, country)
        rows = zip(table["country"], table["people"], strict=True)
        out["countries"] = _blocks(rows, country, _universe(view, "country"), total)
    spoken = guard.grouping("languages", participation.spoken_pairs)
    if spoken.shown and "languages" in view.people:
        table = participation.language_use(view.people, view.notes, spoken)
        out["languages"] = _blocks(zip(table["language"], table["people"], strict=True), spoken, None, None)
    for keys in SENSITIVE:
        if not all(k in view.people for k in keys):
            continue
        table, grouping = guard.table(keys)
        if grouping.shown and len(table):
            rows = [
                (tuple(r[: len(keys)]) if len(keys) > 1 else r[0], r[-1])
                for r in table[[*keys, "people"]].itertuples(index=False)
            ]
            rows = [
                (v if not isinstance(v, tuple) else tuple(NOT_KNOWN if x == "Not given" else x for x in v), n)
                for v, n in rows
            ]
            out[" x ".join(keys)] = _blocks(rows, grouping, _universe(view, keys if len(keys) > 1 else keys[0]), total)
    return out


def small_counts(tables: dict[str, dict[frozenset, int]], k: int) -> list[tuple[str, frozenset, int]]:
    """Every count between 1 and k-1 in a view's tables."""
    return [(name, members, n) for name, cells in tables.items() for members, n in cells.items() if 0 < n < k]


def _components(a: dict[frozenset, int], b: dict[frozenset, int]) -> list[tuple[set, int, int]]:
    """The smallest unions of values both tables add up to, with each table's count over it."""
    blocks = [(set(m), n, 0) for m, n in a.items()] + [(set(m), n, 1) for m, n in b.items()]
    groups: list[list] = []
    for members, n, side in blocks:
        joined = [g for g in groups if g[0] & members]
        merged = [members | set().union(*(g[0] for g in joined)), [0, 0]]
        merged[1][side] += n
        for g in joined:
            merged[1][0] += g[1][0]
            merged[1][1] += g[1][1]
            groups.remove(g)
        groups.append(merged)
    return [(members, counts[0], counts[1]) for members, counts in groups]


def learned(a: dict[str, dict[frozenset, int]], b: dict[str, dict[frozenset, int]], k: int) -> list:
    """Every difference between 1 and k-1 a person gets by subtracting view ``a``'s tables from view ``b``'s."""
    found = []
    for name in set(a) & set(b):
        if name == "languages":  # a person counts once in each language they speak: only the same rows subtract
            for members in set(a[name]) & set(b[name]):
                if 0 < abs(b[name][members] - a[name][members]) < k:
                    found.append((name, members, a[name][members], b[name][members]))
            continue
        for members, in_a, in_b in _components(a[name], b[name]):
            if 0 < abs(in_b - in_a) < k:
                found.append((name, frozenset(members), in_a, in_b))
    return found


def reachable(export) -> list[tuple[str, str]]:
    """Every (filter, value) a person can choose in the sidebar or name in a link, of the filters that select
    people."""
    from analysis.filters import options

    return [(d, v) for d in PEOPLE_DIMS for v in options(export.contributions, export.participants, d)]


def filters_of(chosen) -> Filters:
    values: dict[str, tuple[str, ...]] = {}
    for dim, value in chosen:
        values[dim] = tuple(dict.fromkeys([*values.get(dim, ()), value]))
    return Filters(**values)
