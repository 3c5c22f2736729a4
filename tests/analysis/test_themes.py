"""Theme measures on a tiny export whose answers are worked out by hand in the comments."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import themes
from loaders import load_export
from tests.helpers.exports import TINY_CODES as CODES
from tests.helpers.exports import TINY_PEOPLE as PEOPLE
from tests.helpers.exports import write_export

#: Six notes. Coded notes: 1, 2, 3, 4, 6 (five). Note 5 is uncoded. Note 6 is anonymous (region not known).
ROWS = [
    {"participant_id": "p1", "question": "Q1", "round": 1, "themes": ["health", "global"]},
    {"participant_id": "p1", "question": "Q1", "round": 1, "themes": ["health"]},
    {"participant_id": "p2", "question": "Q2", "round": 3, "themes": ["global", "funding", "mystery"]},
    {"participant_id": "p2", "question": "Q3", "round": 4, "themes": ["health", "health"]},
    {"participant_id": "p2", "question": "Q3", "round": 4, "themes": []},
    {"participant_id": None, "question": "Q3", "round": 5, "themes": ["health", "global", "resp_wmf"]},
]


@pytest.fixture
def notes(tmp_path: Path) -> pd.DataFrame:
    return load_export(write_export(tmp_path / "x", ROWS, PEOPLE)).contributions


def test_frequency_counts_each_note_once_per_theme_over_coded_notes(notes):
    freq = themes.theme_frequency(notes, CODES).set_index("code")
    # health on notes 1, 2, 4 (twice, counted once), 6 -> 4 of 5 coded notes; global on 1, 3, 6 -> 3 of 5
    assert freq.loc["health", "notes"] == 4
    assert freq.loc["health", "share"] == pytest.approx(4 / 5)
    assert freq.loc["global", "notes"] == 3
    assert freq.loc["global", "share"] == pytest.approx(3 / 5)
    assert set(freq["coded_notes"]) == {5}
    assert set(freq["all_notes"]) == {6}
    # only kind "theme" from the codebook, plus the unknown code, flagged under its raw name
    assert set(freq.index) == {"health", "global", "mystery"}
    assert not freq.loc["mystery", "in_codebook"]
    assert freq.loc["mystery", "label"] == "mystery"
    assert freq.loc["health", "description"] == "Conduct"


def test_frequency_includes_other_kinds_on_request_and_keeps_zeros(notes):
    freq = themes.theme_frequency(notes, CODES, kinds=("theme", "need", "responsible"), include_unknown=False)
    assert list(freq["code"]) == ["health", "global", "funding", "resp_wmf"]  # 4, 3, 1, 1: ties in codebook order
    assert list(freq["notes"]) == [4, 3, 1, 1]
    quiet = themes.theme_frequency(notes.iloc[[1]], CODES)
    assert quiet.set_index("code").loc["global", "notes"] == 0


def test_frequency_on_no_notes_is_zero_not_an_error(notes):
    freq = themes.theme_frequency(notes.iloc[0:0], CODES)
    assert list(freq["notes"]) == [0, 0]
    assert list(freq["share"]) == [0.0, 0.0]


def test_sort_orders(notes):
    freq = themes.theme_frequency(notes, CODES)
    assert list(themes.sort_frequency(freq, "codebook")["code"]) == ["health", "global", "mystery"]
    assert list(themes.sort_frequency(freq, "label")["code"]) == ["global", "health", "mystery"]
    assert list(themes.sort_frequency(freq, "notes")["code"]) == ["health", "global", "mystery"]


def test_theme_by_region_uses_each_groups_coded_notes(notes):
    table = themes.theme_by(notes, ["health", "global"], "region").set_index(["code", "group"])
    # NWE (p1): notes 1, 2, both coded; health on both, global on note 1
    assert table.loc[("health", "Northern & Western Europe"), "notes"] == 2
    assert table.loc[("global", "Northern & Western Europe"), "share"] == pytest.approx(1 / 2)
    # SSA (p2): notes 3, 4, 5 -> coded 3 and 4; health on 4 -> 1 of 2
    assert table.loc[("health", "Sub-Saharan Africa"), "group_coded_notes"] == 2
    assert table.loc[("health", "Sub-Saharan Africa"), "group_notes"] == 3
    assert table.loc[("health", "Sub-Saharan Africa"), "share"] == pytest.approx(1 / 2)
    # the anonymous note 6 is its own group, last
    assert table.loc[("health", "Region not known"), "share"] == pytest.approx(1.0)
    groups, order = themes.group_of(notes, "region")
    assert order == ["Northern & Western Europe", "Sub-Saharan Africa", "Region not known"]
    assert list(groups) == [0, 0, 1, 1, 1, 2]


def test_theme_by_question_and_round_in_round_order(notes):
    table = themes.theme_by(notes, ["health"], "question_round")
    assert list(table["group"]) == ["Round 1 (Q1)", "Round 3 (Q2)", "Round 4 (Q3)", "Round 5 (Q3)"]
    # round 4: notes 4 (health) and 5 (uncoded) -> 1 of 1 coded
    r4 = table.set_index("group").loc["Round 4 (Q3)"]
    assert (r4["notes"], r4["group_coded_notes"], r4["group_notes"]) == (1, 1, 2)
    assert table.set_index("group").loc["Round 3 (Q2)", "share"] == 0.0


def test_co_occurrence_counts_notes_with_both(notes):
    pairs = themes.co_occurrence(notes, ["health", "global", "funding"]).set_index(["code_a", "code_b"])
    # health & global together on notes 1 and 6
    assert pairs.loc[("health", "global"), "notes"] == 2
    assert pairs.loc[("global", "health"), "notes"] == 2
    assert pairs.loc[("health", "global"), "share_of_a"] == pytest.approx(2 / 4)
    assert pairs.loc[("global", "health"), "share_of_a"] == pytest.approx(2 / 3)
    assert pairs.loc[("health", "health"), "notes"] == 4
    assert pairs.loc[("funding", "health"), "notes"] == 0
    assert pairs.loc[("funding", "global"), "share_of_a"] == pytest.approx(1.0)
    assert themes.co_sentence(pairs.reset_index()).startswith("Most often raised together: global and health, on 2")


def test_notes_with_code_lists_exactly_the_notes_carrying_it_without_who(notes):
    table = themes.notes_with_code(notes, "health", CODES.set_index("id")["label"].get)
    assert list(table.columns) == list(themes.NOTE_COLUMNS)
    assert list(table["text"]) == ["note 1", "note 2", "note 4", "note 6"]
    assert table["codes"].iloc[0] == "Healthy communities; Global movement"
    assert not {"participant_id", "region", "community", "community_type", "country"} & set(table.columns)
    assert len(themes.notes_with_code(notes, "mystery")) == 1
    assert len(themes.notes_with_code(notes, "nothing")) == 0


def test_search_is_literal_and_ignores_case():
    table = pd.DataFrame({"text": ["Need MORE (grants)", "a.b", "other"]})
    assert list(themes.search_notes(table, "more (grants")["text"]) == ["Need MORE (grants)"]
    assert list(themes.search_notes(table, "a.b")["text"]) == ["a.b"]  # "." is a dot, not any character
    assert len(themes.search_notes(table, "  ")) == 3


def test_groups_order_rounds_by_number_and_put_missing_values_last(tmp_path):
    rows = [
        {"participant_id": "p1", "question": "Q1", "round": 1, "themes": ["health"]},
        {"participant_id": "p1", "question": None, "round": None, "themes": ["health"]},
        {"participant_id": "p2", "question": "Q2", "round": None, "themes": []},
        {"participant_id": "p2", "question": "Q1", "round": 10, "themes": ["health"]},
        {"participant_id": "p2", "question": "Q1", "round": 2, "themes": ["global"]},
    ]
    notes = load_export(write_export(tmp_path / "x", rows, PEOPLE)).contributions
    groups, order = themes.group_of(notes, "question_round")
    assert order == [
        "Round 1 (Q1)",
        "Round 2 (Q1)",
        "Round 10 (Q1)",
        "Round not known (Q2)",
        "Round not known (question not known)",
    ]
    assert list(groups) == [0, 4, 3, 2, 1]
    table = themes.theme_by(notes, ["health"], "round").set_index("group")
    assert list(table.index) == ["Round 1", "Round 2", "Round 10", "Round not known"]
    # rounds not known: notes 2 (health) and 3 (uncoded) -> 1 of 1 coded note
    assert table.loc["Round not known", ["notes", "group_coded_notes", "group_notes"]].tolist() == [1, 1, 2]
