"""Filters keep the notes whose values were chosen, narrow people only by what describes people, and only remove."""

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from analysis.filters import Filters, apply_filters, options

REGIONS = ["NWE", "SSA", "LAC"]


def notes_frame(regions, rounds, questions):
    return pd.DataFrame(
        {
            "region": pd.Categorical(regions, categories=REGIONS),
            "round": pd.array(rounds, dtype="Int32"),
            "question": pd.Categorical(questions),
        }
    )


def test_a_region_filter_keeps_that_region_and_drops_anonymous_notes():
    notes = notes_frame(["NWE", None, "SSA", "NWE"], [1, 2, 2, None], ["Q1", "Q1", "Q2", "Q2"])
    people = pd.DataFrame({"region": pd.Categorical(["NWE", "SSA"], categories=REGIONS)})
    kept, who = apply_filters(notes, people, Filters(region=("NWE",)))
    assert list(kept.index) == [0, 3]
    assert list(who.index) == [0]


def test_round_and_question_narrow_notes_but_not_the_room():
    notes = notes_frame(["NWE", "SSA", "SSA"], [1, 2, None], ["Q1", "Q2", "Q2"])
    people = pd.DataFrame({"region": pd.Categorical(["NWE", "SSA"], categories=REGIONS)})
    kept, who = apply_filters(notes, people, Filters(round=("2",), question=("Q2",)))
    assert list(kept.index) == [1]
    assert len(who) == 2


def test_options_list_regions_in_their_fixed_order_and_rounds_numerically():
    notes = notes_frame(["SSA", "NWE"], [10, 2], ["Q1", "Q2"])
    assert options(notes, notes.iloc[:0], "region") == ["NWE", "SSA"]
    assert options(notes, notes.iloc[:0], "round") == ["2", "10"]


@given(
    st.lists(st.tuples(st.sampled_from(REGIONS + [None]), st.integers(1, 5)), max_size=40),
    st.sets(st.sampled_from(REGIONS)),
    st.sets(st.sampled_from(["1", "2", "3", "9"])),
)
def test_filters_only_ever_remove_rows_and_keep_exactly_the_matches(rows, regions, rounds):
    notes = notes_frame([r for r, _ in rows], [n for _, n in rows], ["Q1"] * len(rows))
    kept, _ = apply_filters(notes, notes.iloc[:0], Filters(region=tuple(regions), round=tuple(rounds)))
    assert set(kept.index) <= set(notes.index)
    expected = [
        i for i, (r, n) in enumerate(rows) if (not regions or r in regions) and (not rounds or str(n) in rounds)
    ]
    assert list(kept.index) == expected
