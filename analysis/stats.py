"""Uncertainty and tests: what lets a sentence say that a difference is there.

Every share carries a 95% Wilson interval (statsmodels). Every difference a sentence can state has a test suited to it
(scipy), and a sentence states it only when the test is beyond chance at ``alpha`` and its n is at least ``min_n``
(harvest.toml, [findings]). The tests, defined for people in docs/analysis.md ("Uncertainty and tests"):

- voice gap (a group's share of notes against its share of participants): a permutation test that shuffles the
  groups among the authors, each keeping all their notes (notes cluster by author), on the most extreme gap, so that
  picking the widest of eight gaps is part of the test;
- the room against a reference (share of participants against share of world population): an exact binomial test,
  Bonferroni-corrected for the number of groups compared;
- the most raised code against the second (on the same notes): an exact McNemar test on the notes carrying one and
  not the other;
- a share in one group against another (first and last round; one group against the rest): Fisher's exact test,
  Bonferroni-corrected for the number of codes compared.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import messages
from .messages import msg

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Test:
    """A test's verdict for a sentence: whether the difference may be stated, and what was tested."""

    name: str  # e.g. "permutation test over 80 authors (4,999 shuffles)", in the language in force when made
    p_value: float | None  # None when the test could not run (too few)
    n: int
    alpha: float
    min_n: int

    @property
    def enough(self) -> bool:
        return self.n >= self.min_n

    @property
    def passes(self) -> bool:
        """The difference is beyond chance at alpha and rests on at least min_n."""
        return self.enough and self.p_value is not None and self.p_value < self.alpha

    def describe(self) -> str:
        """What was tested and its verdict, in the language in force (i18n/findings/): "Fisher's exact test, …:
        p = 0.012 (beyond chance at 0.05), n = 120"."""
        if not self.enough:
            return msg("harvest-findings-test-too-few", self.name, int(self.n), int(self.min_n))
        if self.p_value is None:
            return msg("harvest-findings-test-nothing", self.name)
        if self.p_value < 0.001:
            p = msg("harvest-findings-test-p-below", _decimal(0.001))
        else:
            p = msg("harvest-findings-test-p", _decimal(self.p_value, 3))
        verdict = "beyond" if self.passes else "within"
        return msg(f"harvest-findings-test-{verdict}", self.name, p, _decimal(self.alpha), int(self.n))


def _decimal(value: float, digits: int | None = None) -> str:
    """A p-value or a level written the language's way ("0.012", "0,012" in French), rounded as Python rounds
    ("{:.3f}"), or with as many decimals as it needs ("{:g}": 0.05) when ``digits`` is None."""
    text = f"{value:.{digits}f}" if digits is not None else f"{value:g}"
    if "e" in text or not np.isfinite(value):
        return text
    shown = len(text.split(".")[1]) if "." in text else 0
    return messages.number(float(text), shown)


def wilson(counts, totals) -> tuple[np.ndarray, np.ndarray]:
    """95% Wilson intervals (low, high) for counts out of totals, element-wise; NaN where the total is 0."""
    from statsmodels.stats.proportion import proportion_confint

    k = np.asarray(counts, dtype=float)
    n = np.asarray(totals, dtype=float)
    low, high = np.full(k.shape, np.nan), np.full(k.shape, np.nan)
    ok = n > 0
    if np.any(ok):
        lo, hi = proportion_confint(k[ok], n[ok], alpha=0.05, method="wilson")
        low[ok], high[ok] = lo, hi
    return low, high


def with_intervals(table: pd.DataFrame, count: str, total: str | int, prefix: str = "") -> pd.DataFrame:
    """``table`` with ``<prefix>ci_low`` and ``<prefix>ci_high``: the 95% interval of count / total per row."""
    totals = table[total] if isinstance(total, str) else np.full(len(table), total)
    low, high = wilson(table[count].to_numpy(dtype=float), np.asarray(totals, dtype=float))
    return table.assign(**{f"{prefix}ci_low": low, f"{prefix}ci_high": high})


def voice_gap_test(
    groups: np.ndarray,
    notes: np.ndarray,
    n_groups: int,
    *,
    alpha: float,
    min_n: int,
    permutations: int = 4999,
    seed: int = 2017,
    direction: str = "low",
) -> Test:
    """Is the most extreme voice gap beyond what shuffling the groups among the authors gives?

    ``groups``: each author's group (0..n_groups-1); ``notes``: each author's notes in view (authors with none stay:
    they count in the headcount). The gap of a group is its share of the notes minus its share of the authors. The
    statistic is the lowest gap (``direction="low"``: a group wrote less than its headcount) or the largest absolute
    gap ("both"). n is the number of notes. Permutations shrink with the number of authors so the cost stays bounded
    (at least 199)."""
    authors, total = len(groups), int(notes.sum())
    name = msg("harvest-findings-test-permutation", authors)
    if authors < 2 or total == 0 or n_groups < 2 or total < min_n:
        return Test(name, None, total, alpha, min_n)
    heads = np.bincount(groups, minlength=n_groups) / authors

    def statistic(assign: np.ndarray) -> np.ndarray:  # assign: (rounds, authors) group numbers
        rounds = assign.shape[0]
        cells = (np.arange(rounds)[:, None] * n_groups + assign).ravel()
        shares = np.bincount(cells, weights=np.tile(notes, rounds), minlength=rounds * n_groups)
        gap = shares.reshape(rounds, n_groups) / total - heads
        present = heads > 0
        return gap[:, present].min(axis=1) if direction == "low" else np.abs(gap[:, present]).max(axis=1)

    groups = np.asarray(groups, dtype=np.int32)
    observed = statistic(groups[None, :])[0]
    rounds = int(max(199, min(permutations, 20_000_000 // max(authors, 1))))
    rng = np.random.default_rng(seed)
    batch = max(1, 2_000_000 // authors)  # shuffles made at once: memory stays about 16 MB whatever the export
    extreme = 0
    for start in range(0, rounds, batch):
        size = min(batch, rounds - start)
        null = statistic(rng.permuted(np.tile(groups, (size, 1)), axis=1))
        extreme += int(((null <= observed + 1e-12) if direction == "low" else (null >= observed - 1e-12)).sum())
    p = (extreme + 1) / (rounds + 1)
    return Test(msg("harvest-findings-test-permutation-run", authors, rounds), p, total, alpha, min_n)


def reference_test(
    count: int, total: int, expected_share: float, comparisons: int, *, alpha: float, min_n: int
) -> Test:
    """Is a group's share of ``total`` different from ``expected_share`` (exact binomial, two-sided, Bonferroni for
    ``comparisons``)? n is ``total`` (people)."""
    from scipy.stats import binomtest

    name = msg("harvest-findings-test-binomial", int(comparisons))
    if total < min_n or not 0 < expected_share < 1:
        return Test(name, None, total, alpha, min_n)
    p = binomtest(int(count), int(total), float(expected_share)).pvalue
    return Test(name, min(1.0, p * comparisons), total, alpha, min_n)


def paired_test(only_first: int, only_second: int, n: int, *, alpha: float, min_n: int) -> Test:
    """Do more notes carry the first code than the second (exact McNemar: a binomial test on the notes carrying
    exactly one of the two)? n is the notes that could carry either."""
    from scipy.stats import binomtest

    name = msg("harvest-findings-test-mcnemar")
    discordant = only_first + only_second
    if n < min_n or discordant == 0:
        return Test(name, None if n < min_n else 1.0, n, alpha, min_n)
    return Test(name, binomtest(only_first, discordant, 0.5).pvalue, n, alpha, min_n)


def two_groups_test(a: int, a_total: int, b: int, b_total: int, comparisons: int, *, alpha: float, min_n: int) -> Test:
    """Is a share different between two groups (Fisher's exact test, two-sided, Bonferroni for ``comparisons``)?
    n is the smaller group's total, so that both groups must reach the minimum."""
    from scipy.stats import fisher_exact

    name = msg("harvest-findings-test-fisher", int(comparisons))
    n = min(a_total, b_total)
    if n < min_n:
        return Test(name, None, n, alpha, min_n)
    p = fisher_exact([[a, a_total - a], [b, b_total - b]]).pvalue
    return Test(name, min(1.0, p * comparisons), n, alpha, min_n)
