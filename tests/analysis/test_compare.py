"""Events side by side, on exports small enough to count by hand: shares per event, a difference called out only
beyond chance, "not recorded" never 0, time order, and no comparison when an event is under k people."""

from __future__ import annotations

import pytest

from analysis import compare
from tests.helpers.events import AA, KE, two_events
from tests.helpers.exports import write_export
from tests.helpers.views import view_at


def test_shares_per_event_and_a_difference_beyond_chance_is_called_out(tmp_path):
    view = two_events(tmp_path, 12, 3)
    found = compare.themes_compared(view)
    cell = found.table.set_index(["code", "event"])
    assert cell.loc[(AA, "cafe-a"), "share"] == pytest.approx(12 / 20)
    assert cell.loc[(AA, "cafe-b"), "share"] == pytest.approx(3 / 20)
    assert cell.loc[(KE, "cafe-b"), "notes"] == 17 and cell.loc[(KE, "cafe-b"), "coded_notes"] == 20
    assert set(found.table.loc[found.table["differs"], "code"]) == {AA, KE}
    # events in time order: B's notes are a day earlier, so B comes first
    assert found.sentence == (
        "2 of 5 themes differ between the events beyond chance: The augmented age (15% at cafe-b, 60% at cafe-a); "
        "Engaging in the knowledge ecosystem (85% at cafe-b, 40% at cafe-a)."
    )
    assert found.claims and "Fisher's exact test, Bonferroni for 5 comparisons" in found.test.describe()


def test_equal_shares_are_not_called_different(tmp_path):
    found = compare.themes_compared(two_events(tmp_path, 10, 10))
    assert found.sentence == "No theme's share differs between the events beyond chance."
    assert not found.table["differs"].any() and not found.claims


def test_a_small_difference_on_few_notes_is_not_called_different(tmp_path):
    found = compare.themes_compared(two_events(tmp_path, 4, 2, notes=8))
    assert found.sentence == (
        "Too few coded notes in an event (at least 10 each are needed) to say that any theme differs between the "
        "events."
    )


def test_direction_coverage_per_event(tmp_path):
    found = compare.direction_compared(two_events(tmp_path, 12, 3))
    cell = found.table.set_index(["code", "event"])
    assert cell.loc[("KE1", "cafe-a"), "notes"] == 12 and cell.loc[("KE1", "cafe-a"), "coded_notes"] == 12
    assert cell.loc[("KE1", "cafe-b"), "share"] == pytest.approx(1.0)  # every coded note of B addresses KE1
    assert cell.loc[("KE2", "cafe-b"), "notes"] == 0


def test_participation_says_not_recorded_never_zero(tmp_path):
    table = compare.participation(two_events(tmp_path, 12, 3, times=False)).set_index("event")
    assert table.loc["cafe-a", "participants"] == "6" and table.loc["cafe-a", "notes"] == "20"
    assert table.loc["cafe-a", "notes per participant"] == "3.3"
    assert table.loc["cafe-a", "first note"] == compare.NOT_RECORDED
    assert table.loc["cafe-b", "regions"] == "2"
    assert not compare.in_time_order(two_events(tmp_path / "untimed", 12, 3, times=False))


def test_three_events_use_one_test_across_them(tmp_path):
    rows, people = [], []
    for event, first in (("a", 15), ("b", 5), ("c", 10)):
        people += [{"session": event, "participant_id": f"{event}{i}", "region": "NWE"} for i in range(5)]
        rows += [
            {"session": event, "participant_id": f"{event}{j % 5}", "themes": [AA] if j < first else [KE]}
            for j in range(20)
        ]
    found = compare.themes_compared(view_at(write_export(tmp_path, rows, people), k=5))
    assert "chi-square test of homogeneity over 3 events" in found.test.describe()
    assert set(found.table["event"]) == {"a", "b", "c"}


def test_no_comparison_when_an_event_has_fewer_than_k_people(tmp_path):
    view = two_events(tmp_path, 12, 3, people=4)
    assert compare.too_small(view) == (
        "Events are compared only when each has at least 5 participants: 2 of the 2 events here have fewer, and "
        "their numbers could be worked out from the whole export's (k is set in harvest.toml)."
    )
    assert not compare.themes_compared(view).shown and not compare.direction_compared(view).shown


def test_one_event_has_nothing_to_compare():
    view = view_at()
    assert compare.too_small(view).startswith("This selection holds one event (session), so there is nothing")
