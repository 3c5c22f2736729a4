"""Small groups are never shown, and cannot be recovered from the total."""

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.privacy import merged_label, people_by_sensitive, suppress_small_groups


def counts(**groups):
    return pd.DataFrame({"gender": list(groups), "people": list(groups.values())})


def test_groups_under_k_are_merged_and_labelled():
    out = suppress_small_groups(counts(woman=40, man=30, nb=2, other=3), "gender", k=5)
    assert list(out["gender"]) == ["woman", "man", merged_label(5)]
    assert list(out["people"]) == [40, 30, 5]
    assert out["share"].sum() == pytest.approx(1.0)


def test_a_single_small_group_is_merged_with_the_next_smallest_so_the_total_does_not_reveal_it():
    out = suppress_small_groups(counts(woman=40, man=30, nb=2), "gender", k=5)
    # nb=2 alone would be recoverable as total - 40 - 30; it is merged with "man" (the next smallest).
    assert list(out["gender"]) == ["woman", merged_label(5)]
    assert list(out["people"]) == [40, 32]
    assert out.loc[1, "merged"] == 2


def test_a_total_under_k_shows_nothing():
    out = suppress_small_groups(counts(woman=2, man=1), "gender", k=5)
    assert len(out) == 1 and out.loc[0, "gender"] == merged_label(5)
    assert pd.isna(out.loc[0, "people"])


def test_crossings_of_two_attributes_are_suppressed_too():
    people = pd.DataFrame({"region": ["NWE"] * 6 + ["SSA"] * 2, "gender": ["woman"] * 6 + ["man"] * 2})
    out = people_by_sensitive(people, ["region", "gender"], k=5)
    assert (out["people"].dropna() >= 5).all()
    assert int(out["people"].sum()) == 8


@given(
    st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=12), st.integers(min_value=2, max_value=10)
)
def test_no_shown_count_and_no_difference_from_the_total_is_under_k(values, k):
    out = suppress_small_groups(pd.DataFrame({"g": [f"g{i}" for i in range(len(values))], "people": values}), "g", k=k)
    shown = out["people"].dropna()
    assert (shown >= k).all()
    total = sum(values)
    if total >= k:
        assert int(shown.sum()) == total  # nothing lost
        # Any single row is either >= k or the whole; removing one shown row from the total leaves >= k or 0.
        for value in shown:
            assert total - value == 0 or total - value >= k or len(shown) == 1
