"""Each finding against answers worked out by hand: its numbers, its denominator in words, when it states a
difference, and what it says instead when the data cannot support one or does not record its input."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pytest

from analysis import findings
from analysis.filters import Filters
from tests.helpers.exports import write_export
from tests.helpers.shapes import write
from tests.helpers.views import view_at

LIST = pa.list_(pa.string())


PEOPLE = {"participant_id": ["p1", "p2", "p3", "p4", "p5"], "region": ["NWE", "NWE", "SSA", "SSA", "SA"]}
NOTES = {
    "contribution_id": [f"n{i}" for i in range(1, 9)],
    "text": ["a"] * 8,
    "participant_id": ["p1", "p1", "p1", "p2", "p2", "p3", "p4", None],
    "question": ["Q1", "Q1", "Q1", "Q1", "Q2", "Q3", "Q3", "Q1"],
    "themes": [
        ["healthy_inclusive_communities", "truly_global_movement"],
        ["healthy_inclusive_communities"],
        ["healthy_inclusive_communities"],
        ["healthy_inclusive_communities"],
        ["truly_global_movement"],
        ["funding"],
        [],
        [],
    ],
    "direction": [["KE1"], ["KE1", "KE2"], [], [], [], [], [], []],
}


def small(path: Path, filters: Filters = Filters(), **config) -> object:
    """The view with the minimums lowered, privacy's k included (k=1), so a tiny hand-made export can be tested (the
    logic is the same; tests/analysis/test_privacy.py tests k)."""
    view = view_at(path, filters, k=1)
    return replace(view, config=replace(view.config, **{"min_n": 1, "min_group_notes": 1, **config}))


@pytest.fixture
def cafe(tmp_path):
    return write_export(tmp_path / "cafe", NOTES, PEOPLE)


def test_voice_shares_are_of_the_known_region_and_the_widest_gap_needs_its_test(cafe):
    found = findings.voice(small(cafe))
    table = found.table.set_index("region")
    # 5 people with a region; 7 notes with a known region (the anonymous one is left out).
    assert table.loc["NWE", "people_share"] == pytest.approx(2 / 5)
    assert table.loc["NWE", "notes_share"] == pytest.approx(5 / 7)
    assert table.loc["SA", "gap"] == pytest.approx(0 - 1 / 5)
    assert found.n_text == "share of 5 participants and of 7 notes; 1 note with no known region left out"
    assert {"people_ci_low", "people_ci_high", "notes_ci_low", "notes_ci_high"} <= set(found.table.columns)
    # Five authors cannot put a gap beyond chance: the sentence says there is no clear gap, and names the widest.
    assert not found.claims
    assert found.sentence.startswith("No clear voice gap")


def test_room_against_the_world_is_withheld_under_a_region_filter_with_the_reason(cafe):
    view = small(cafe, Filters(region=("NWE",)))
    found = findings.room(view)
    assert not found.shown and "region filter" in found.withheld
    assert findings.voice(view).withheld.startswith("Not shown while one region is chosen")


def test_theme_shares_are_of_the_notes_carrying_a_strategy_theme(cafe):
    found = findings.frequency(small(cafe), ("theme",))
    table = found.table.set_index("code")
    # n1-n5 carry a strategy theme (n6 only a need): 5 notes.
    assert table["coded_notes"].eq(5).all()
    assert table.loc["healthy_inclusive_communities", "share"] == pytest.approx(4 / 5)
    assert "share of the 5 notes carrying any strategy theme" in found.n_text
    # 4 against 2, 1 note carrying both: 3 carry only healthy, 1 only global -> exact McNemar p = 0.625.
    assert found.test.p_value == pytest.approx(0.625)
    assert found.sentence.startswith("No single strategy theme led")


def test_a_clear_leader_is_named_with_its_share_and_interval(tmp_path):
    notes = {
        "contribution_id": [f"n{i}" for i in range(30)],
        "text": ["a"] * 30,
        "themes": [["augmented_age"]] * 25 + [["knowledge_ecosystem"]] * 5,
    }
    found = findings.frequency(view_at(write_export(tmp_path / "lead", notes)), ("theme",))
    assert found.claims
    assert found.sentence.startswith(
        "Most raised strategy theme: The augmented age, on 83% of the 30 notes that "
        "carry a strategy theme (25 notes; 66–93%)."
    )


def test_direction_coverage_is_of_the_notes_coded_for_it_and_blind_spots_need_enough_of_them(cafe):
    found = findings.direction(view_at(cafe))
    table = found.table.set_index("commitment")
    assert table["coded_notes"].eq(2).all()  # n1, n2
    assert table.loc["KE1", "note_share"] == pytest.approx(2 / 2)
    assert "too few coded notes" in found.sentence  # 2 coded notes: no commitment is called a blind spot
    assert found.caveats[0] == "2 of 8 notes carry a direction code."


def test_needs_are_counted_in_q2_and_q3_only(cafe):
    found = findings.needs(small(cafe))
    table = found.table.set_index("code")
    assert table.loc["funding", "notes"] == 1 and table["coded_notes"].eq(1).all()  # n6 (Q3)
    assert "in Q2 and Q3" in found.n_text


def test_an_export_without_a_dimension_says_not_recorded_and_never_counts_zero(tmp_path):
    flat = write("flat", tmp_path)
    view = view_at(flat)
    for finding in (findings.room(view), findings.voice(view)):
        assert not finding.shown and finding.withheld.startswith("Not recorded in this export")
    numbers = dict(zip(findings.numbers(view).table["measure"], findings.numbers(view).table["value"], strict=True))
    assert numbers["Regions"] == numbers["Countries"] == "not recorded"
    assert numbers["Authors"] == "16"  # 18 labels on the notes, two of them (plenary, table:youth) not people
    no_direction = view_at(write("no_commitments", tmp_path))
    assert findings.direction(no_direction).withheld.startswith("Not recorded in this export: no note has a commitment")


def test_a_filter_that_keeps_nothing_is_not_called_not_recorded(cafe):
    view = view_at(cafe, Filters(region=("LAC",)))
    assert (
        "the filters in force keep none" in findings.room(view).withheld
        or "region filter" in findings.room(view).withheld
    )
    assert "the filters in force keep none" in findings.frequency(view, ("theme",)).withheld


def test_auto_codes_are_said_on_every_finding_that_counts_them():
    view = view_at(mode="both")
    for finding in findings.headline_findings(view):
        assert any("Codes counted: facilitators', else the auto-coder's" in c for c in finding.caveats), finding.id
    assert not any("auto" in c for f in findings.headline_findings(view_at()) for c in f.caveats)


def test_a_scope_is_said_with_its_own_space_when_no_note_carries_the_kind(cafe):
    view = small(cafe)
    found = findings.frequency(view, ("responsible",), notes=view.notes.copy(), where="in Q2 and Q3")
    assert not found.shown
    assert found.withheld == "No note in Q2 and Q3 carries a responsible party under the codes counted."
