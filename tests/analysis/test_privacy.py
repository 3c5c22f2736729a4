"""No view, filter, link, table or download reveals a group of fewer than k people (analysis/privacy.py).

The four attacks found on the rendered pages of the sample, replayed through the functions the pages use; an
exhaustive check of every filter value reachable from the sidebar or a link, singly and in pairs, on the sample and
on a small adversarial export; and the same invariants on random exports (hypothesis).
"""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import themes
from analysis.filters import Filters, options
from analysis.privacy import Guard, coarsen, merged_label, merged_value, notes_withheld
from loaders import load_export
from tests.helpers.disclosure import filters_of, learned, reachable, shown, small_counts
from tests.helpers.exports import write_export
from tests.helpers.views import SAMPLE, view_at

K = 5


# --- rule 1: coarsening -----------------------------------------------------------------------------------------------


def test_values_held_by_fewer_than_k_people_become_one_group_that_grows_until_it_holds_k():
    people = pd.DataFrame({"community": ["A"] * 9 + ["B"] * 6 + ["C"] * 2 + ["D"], "participant_id": range(18)})
    export = _export(people)
    out = coarsen(export, K)
    label = merged_value("community", K)
    # C (2) and D (1) hold 3: fewer than k, so the smallest other value, B (6), joins them.
    assert out.participants["community"].value_counts().to_dict() == {"A": 9, label: 9}
    assert out.merged["community"] == (label, ("B", "C", "D"))
    assert options(out.contributions, out.participants, "community") == ["A", label]


def test_a_filter_offers_only_groups_of_at_least_k_on_the_sample():
    export = coarsen(load_export(SAMPLE), K)
    for dim, value in reachable(export):
        held = int((export.participants[dim].astype(str) == value).sum())
        assert held >= K, (dim, value, held)


def test_the_room_still_counts_43_countries_and_46_communities_behind_the_groups():
    view = view_at()
    numbers = dict(zip(*_numbers(view), strict=True))
    assert numbers["Countries"] == "43" and numbers["Communities"] == "46" and numbers["Regions"] == "8"


# --- the four attacks ---------------------------------------------------------------------------------------------


def test_complement_filter_every_region_but_one_learns_nothing():
    """Every region except Middle East & North Africa, subtracted from everyone: MENA (3 people) is not a value any
    more, and every region but a group leaves out that group, k people or more, in every table."""
    export = coarsen(load_export(SAMPLE), K)
    everyone = shown(view_at())
    regions = options(export.contributions, export.participants, "region")
    assert "MENA" not in regions
    for left_out in regions:
        view = view_at(filters=Filters(region=tuple(r for r in regions if r != left_out)))
        assert not small_counts(shown(view), K)
        assert not learned(shown(view), everyone, K), left_out


def test_single_person_filter_learns_nothing():
    """The only Wikimedia Deutschland participant: no filter selects them, and their group shows no one alone."""
    export = coarsen(load_export(SAMPLE), K)
    assert "Wikimedia Deutschland" not in options(export.contributions, export.participants, "community")
    label = export.merged["community"][0]
    assert "Wikimedia Deutschland" in export.merged["community"][1]
    view = view_at(filters=Filters(community=(label,)))
    assert not small_counts(shown(view), K)
    assert not learned(shown(view), shown(view_at()), K)


def test_every_group_but_one_learns_nothing():
    """A selection of every community (or region, or community type) but one changes each table by k or more."""
    export = coarsen(load_export(SAMPLE), K)
    everyone = shown(view_at())
    for dim in ("community", "region", "community_type"):
        values = options(export.contributions, export.participants, dim)
        for left_out in values:
            rest = tuple(v for v in values if v != left_out)
            if not rest:
                continue
            view = view_at(filters=Filters(**{dim: rest}))
            assert not small_counts(shown(view), K), (dim, left_out)
            assert not learned(shown(view), everyone, K), (dim, left_out)


def test_cells_merged_in_one_view_are_not_printed_in_another():
    """`?region=MENA&view=community_type`: MENA is answered with its group, whose community types are merged
    wherever they would print a group of fewer than k."""
    export = coarsen(load_export(SAMPLE), K)
    region = export.merged["region"][0]
    view = view_at(filters=Filters(region=(region,)))
    tables = shown(view)
    assert not small_counts(tables, K)
    assert not learned(tables, shown(view_at()), K)


def test_notes_tables_carry_no_author_attribute_and_few_authors_are_not_listed():
    view = view_at()
    table = themes.notes_with_code(view.notes, None, k=K)
    assert list(table.columns) == ["text", "question", "round", "table", "codes"]
    assert notes_withheld(view) is None  # no filter on people: no note says who wrote it
    # The merged community group: 74 people, many authors: its notes are listed, still without who.
    export = coarsen(load_export(SAMPLE), K)
    grouped = view_at(filters=Filters(community=(export.merged["community"][0],)))
    assert notes_withheld(grouped) is None
    # A selection whose notes were written by fewer than k authors is not listed at all.
    few = view_at(filters=Filters(region=("SA",), community_type=("online community",)))
    authors = few.notes["participant_id"].dropna().nunique()
    reason = notes_withheld(few)
    assert (reason is not None) == (authors < K or few.guard.reason is not None), (authors, reason)


def test_a_table_is_named_beside_a_note_only_where_k_authors_wrote():
    notes = pd.DataFrame(
        {
            "text": [f"n{i}" for i in range(8)],
            "table": ["A"] * 6 + ["B"] * 2,
            "participant_id": ["p1", "p2", "p3", "p4", "p5", "p5", "p6", "p6"],
            "question": ["Q1"] * 8,
            "round": [1] * 8,
        }
    )
    table = themes.readable_notes(notes, list(range(8)), k=K)
    assert list(table["table"]) == ["A"] * 6 + [f"fewer than {K} authors"] * 2


# --- exhaustive: every reachable value, singly and in pairs ---------------------------------------------------------


def adversarial(root: Path) -> Path:
    """One region of three people, one community of one person, one gender held by two people, two sessions."""
    n = 30
    people = {
        "participant_id": [f"p{i}" for i in range(n)],
        "session": ["s1"] * 20 + ["s2"] * 10,
        "region": ["NWE"] * 12 + ["SSA"] * 8 + ["MENA"] * 3 + ["LAC"] * 7,
        "community": ["Lone affiliate"] + ["Big community"] * 17 + ["Mid community"] * 12,
        "community_type": (["affiliate"] * 6 + ["online community"] * 4) * 3,
        "gender": ["non-binary"] * 2 + ["woman", "man"] * 14,
        "age_band": ["18-29", "30-44", "45-59", "60+", "30-44"] * 6,
        "country": ["SE", "KE", "TN", "BR", "DE", "NG"] * 5,
        "languages": [["en"], ["sv", "en"], ["ar"], ["pt"], ["sw", "en"]] * 6,
    }
    notes = {
        "contribution_id": [f"n{i}" for i in range(60)],
        "text": [f"note {i}" for i in range(60)],
        "participant_id": [f"p{i % n}" for i in range(58)] + [None, None],
        "session": [people["session"][i % n] for i in range(60)],
        "question": ["Q1", "Q2", "Q3"] * 20,
        "round": [1, 3, 5] * 20,
    }
    return write_export(root, notes, people)


@pytest.fixture(scope="module")
def adversarial_path(tmp_path_factory) -> Path:
    return adversarial(tmp_path_factory.mktemp("adversarial") / "export")


@pytest.mark.parametrize("name", ["sample", "adversarial"])
def test_every_value_singly_and_in_pairs_shows_no_small_group_and_no_small_complement(name, adversarial_path):
    path = SAMPLE if name == "sample" else adversarial_path
    export = coarsen(load_export(path), K)
    values = reachable(export)
    assert values, "nothing to choose"
    everyone = shown(view_at(path))
    assert not small_counts(everyone, K)
    single = {}
    for chosen in values:
        tables = shown(_fast(path, filters_of([chosen])))
        assert not small_counts(tables, K), (chosen, small_counts(tables, K))
        assert not learned(tables, everyone, K), (chosen, learned(tables, everyone, K))
        single[chosen] = tables
    for a, b in itertools.combinations(values, 2):
        tables = shown(_fast(path, filters_of([a, b])))
        assert not small_counts(tables, K), (a, b, small_counts(tables, K))
        for one in (a, b):
            assert not learned(tables, single[one], K), (a, b, one, learned(tables, single[one], K))


# --- property: random exports, random filters ------------------------------------------------------------------


@st.composite
def exports(draw):
    n = draw(st.integers(min_value=0, max_value=28))
    pick = lambda values: draw(st.lists(st.sampled_from(values), min_size=n, max_size=n))  # noqa: E731
    people = {
        "participant_id": [f"p{i}" for i in range(n)],
        "region": pick(["NWE", "SSA", "SA", "LAC"]),
        "community": pick(["A", "B", "C", "D", None]),
        "community_type": pick(["affiliate", "online community", "partner"]),
        "gender": pick(["woman", "man", "non-binary", None]),
        "age_band": pick(["18-29", "30-44", "60+"]),
    }
    writes = draw(st.lists(st.integers(min_value=0, max_value=n - 1), max_size=40)) if n else []
    notes = {
        "contribution_id": [f"n{i}" for i in range(len(writes) + 1)],
        "text": ["a note"] * (len(writes) + 1),
        "participant_id": [f"p{i}" for i in writes] + [None],
    }
    return notes, people


@settings(max_examples=40)
@given(exports(), st.data())
def test_random_exports_and_filters_keep_the_invariants(export, data):
    notes, people = export
    with tempfile.TemporaryDirectory() as folder:
        path = write_export(Path(folder) / "x", notes, people)
        coarse = coarsen(load_export(path), K)
        values = reachable(coarse)
        everyone = shown(_fast(path, Filters()))
        assert not small_counts(everyone, K)
        if not values:
            return
        chosen = data.draw(st.lists(st.sampled_from(values), min_size=1, max_size=3, unique=True))
        filters = filters_of(chosen)
        tables = shown(_fast(path, filters))
        assert not small_counts(tables, K), (chosen, small_counts(tables, K))
        assert not learned(tables, everyone, K)
        for dropped in filters.active():
            wider = shown(_fast(path, Filters(**{d: v for d, v in filters.active().items() if d != dropped})))
            assert not learned(tables, wider, K), (chosen, dropped)


# --- helpers ----------------------------------------------------------------------------------------------------------


def _export(people: pd.DataFrame):
    from loaders import Export

    notes = pd.DataFrame({"contribution_id": ["n1"], "text": ["a"], "participant_id": [None]})
    return Export("x", "f", notes, people)


def _numbers(view):
    from analysis import findings

    table = findings.numbers(view).table
    return list(table["measure"]), list(table["value"])


def _fast(path, filters: Filters):
    """The view under ``filters``, its voice test on 199 shuffles (what is shown does not depend on the test)."""
    from dataclasses import replace

    view = view_at(path, filters)
    return replace(view, config=replace(view.config, permutations=199))


def test_the_guard_withholds_a_selection_of_fewer_than_k_and_says_why():
    people = pd.DataFrame({"region": ["NWE"] * 8 + ["SSA"] * 3, "participant_id": range(11)})
    guard = Guard(people, Filters(region=("SSA",)), K)
    assert guard.reason and "fewer than 5 participants" in guard.reason
    assert guard.grouping("region").withheld == guard.reason
    # Everyone but SSA: 8 people, leaving out 3: the difference with everyone would show them.
    other = Guard(people, Filters(region=("NWE",)), K)
    assert other.reason and "one filter away" in other.reason
    assert merged_label(K) == "Groups of fewer than 5 (merged)"
