"""The intervals and tests behind every sentence that states a difference, against answers worked out by hand or by
the textbook formula."""

from __future__ import annotations

import math

import numpy as np
import pytest

from analysis import stats


def wilson_by_hand(k: int, n: int, z: float = stats.Z95) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


@pytest.mark.parametrize(("k", "n"), [(5, 10), (0, 10), (10, 10), (33, 81), (1, 411)])
def test_wilson_intervals_match_the_formula(k, n):
    low, high = stats.wilson([k], [n])
    assert (low[0], high[0]) == pytest.approx(wilson_by_hand(k, n), abs=1e-9)
    assert 0 <= low[0] <= k / n <= high[0] <= 1


def test_a_share_of_nothing_has_no_interval():
    low, high = stats.wilson([0], [0])
    assert math.isnan(low[0]) and math.isnan(high[0])


def test_a_voice_gap_planted_in_one_group_is_found_and_an_even_room_is_not():
    rng = np.random.default_rng(1)
    groups = np.repeat(np.arange(4), 20)  # 80 authors, four groups of 20
    even = rng.poisson(5, size=80)
    quiet = even.copy()
    quiet[groups == 0] = rng.poisson(1, size=20)  # group 0 writes a fifth as much
    found = stats.voice_gap_test(groups, quiet, 4, alpha=0.05, min_n=20, permutations=999)
    assert found.passes and found.p_value < 0.01
    calm = stats.voice_gap_test(groups, np.full(80, 5), 4, alpha=0.05, min_n=20, permutations=999)
    assert not calm.passes and calm.p_value > 0.5  # every author wrote the same: no gap at all


def test_too_few_notes_means_no_test_and_no_claim():
    test = stats.voice_gap_test(np.array([0, 1]), np.array([3, 0]), 2, alpha=0.05, min_n=20)
    assert not test.enough and not test.passes and test.p_value is None
    assert "under the minimum of 20" in test.describe()


def test_the_reference_test_is_an_exact_binomial_with_bonferroni():
    from scipy.stats import binomtest

    test = stats.reference_test(33, 81, 0.055, 8, alpha=0.05, min_n=20)
    assert test.p_value == pytest.approx(min(1.0, binomtest(33, 81, 0.055).pvalue * 8))
    assert test.passes
    assert not stats.reference_test(5, 81, 0.055, 8, alpha=0.05, min_n=20).passes  # 6.2% against 5.5%


def test_a_leader_must_lead_beyond_chance_on_the_notes_carrying_one_of_the_two():
    # 50 and 48 notes, 20 carrying both: 30 carry only the first, 28 only the second.
    tied = stats.paired_test(30, 28, 160, alpha=0.05, min_n=20)
    assert not tied.passes and tied.p_value > 0.5
    clear = stats.paired_test(60, 10, 160, alpha=0.05, min_n=20)
    assert clear.passes


def test_a_change_between_two_groups_is_fishers_exact_test_with_bonferroni():
    from scipy.stats import fisher_exact

    test = stats.two_groups_test(20, 40, 5, 40, 5, alpha=0.05, min_n=10)
    assert test.p_value == pytest.approx(min(1.0, fisher_exact([[20, 20], [5, 35]]).pvalue * 5))
    assert test.passes
    assert not stats.two_groups_test(2, 8, 0, 8, 1, alpha=0.05, min_n=10).enough  # groups under the minimum


def test_a_description_writes_large_numbers_with_separators_and_p_as_python_rounds_it():
    test = stats.Test("a test", 0.1235, 12345, 0.05, 20)  # 0.1235 is 0.12349… in binary: "0.123", as "{:.3f}" says
    assert test.describe() == "a test: p = 0.123 (within chance at 0.05), n = 12,345"
    assert stats.Test("a test", 0.0004, 30, 0.05, 20).describe() == "a test: p < 0.001 (beyond chance at 0.05), n = 30"
    assert stats.Test("a test", None, 30, 0.05, 20).describe() == "a test: not run (nothing to compare)"
