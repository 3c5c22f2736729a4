"""Needs and responsibility measures on a tiny export whose answers are worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import needs
from loaders import load_export
from tests.helpers.exports import TINY_CODES as CODES
from tests.helpers.exports import TINY_PEOPLE as PEOPLE
from tests.helpers.exports import write_export

#: Q1 note 1 carries funding but is out of scope. In Q2/Q3 (notes 2-8): notes carrying a need: 2, 7 (two); carrying a
#: responsible party: 2, 4 (two); carrying any code: 2, 3, 4, 7.
ROWS = [
    {"participant_id": "p1", "question": "Q1", "round": 1, "themes": ["funding"], "text": "money money"},
    {"participant_id": "p1", "question": "Q2", "round": 3, "themes": ["funding", "resp_wmf"], "text": "grants please"},
    {"participant_id": "p2", "question": "Q3", "round": 4, "themes": ["health"], "text": "We need Grants and WMF"},
    {
        "participant_id": "p2",
        "question": "Q3",
        "round": 4,
        "themes": ["resp_wmf"],
        "text": "vi behöver pengar",
        "language": "sv",
    },
    {"participant_id": "p2", "question": "Q3", "round": 5, "themes": [], "text": "<img src=x onerror=alert(1)> money"},
    {"participant_id": None, "question": "Q2", "round": 3, "themes": [], "text": "moneybags and emigrants, because"},
    {"participant_id": "p1", "question": "Q3", "round": 5, "themes": ["funding"], "text": "budget"},
    {"participant_id": "p1", "question": "Q3", "round": 5, "themes": [], "text": "Faltan becas", "language": "es"},
]


@pytest.fixture
def notes(tmp_path: Path) -> pd.DataFrame:
    return load_export(write_export(tmp_path / "x", ROWS, PEOPLE)).contributions


def test_scope_is_questions_two_and_three(notes):
    assert len(needs.in_scope(notes)) == 7
    assert len(needs.in_scope(notes, None)) == 8
    assert len(needs.in_scope(notes, ("Q1",))) == 1


def test_need_frequency_counts_coded_needs_over_coded_notes_in_scope(notes):
    freq = needs.need_frequency(needs.in_scope(notes), CODES).set_index("code")
    # funding on notes 2 and 7, of the 2 notes in scope that carry a need (the denominator of a need's share)
    assert list(freq.index) == ["funding"]
    assert freq.loc["funding", "notes"] == 2 and freq.loc["funding", "coded_notes"] == 2
    assert freq.loc["funding", "share"] == pytest.approx(2 / 2)
    responsible = needs.need_frequency(needs.in_scope(notes), CODES, "responsible").set_index("code")
    assert responsible.loc["resp_wmf", "notes"] == 2  # notes 2 and 4


def test_need_by_community_type(notes):
    table = needs.need_by(needs.in_scope(notes), CODES, "community_type").set_index(["code", "group"])
    # affiliate (p1) in scope: notes 2, 7 (coded funding) and 8 (uncoded) -> 2 of the 2 carrying a need; online
    # community (p2): 3, 4, 5 carry no need -> no denominator
    assert table.loc[("funding", "affiliate"), "share"] == pytest.approx(1.0)
    assert table.loc[("funding", "online community"), "notes"] == 0
    assert table.loc[("funding", "online community"), "group_coded_notes"] == 0
    assert table.loc[("funding", "affiliate"), "group_notes"] == 3  # notes 2, 7 and the uncoded 8
    assert table.loc[("funding", "Community type not known"), "group_coded_notes"] == 0


def test_named_not_coded_only_counts_notes_without_a_need_code(notes):
    scope = needs.in_scope(notes)
    named = needs.named_not_coded(scope, CODES).set_index("code")
    # notes in scope with no need code: 3, 4, 5, 6, 8 (five). Funding keywords found: 3 ("Grants", en), 4 ("pengar",
    # a Swedish note), 5 ("money"), 8 ("becas", a Spanish note). Note 6 has "moneybags" and "emigrants", which are not
    # whole keywords, and "because", which starts like the Spanish stem "beca*" but is in an English note. Note 2
    # has a need code, so it is not searched.
    assert named.loc["funding", "named_not_coded"] == 4
    assert named.loc["funding", "uncoded_notes"] == 5
    table = needs.named_not_coded_notes(scope, CODES, "funding")
    assert list(table["text"]) == [
        "We need Grants and WMF",
        "vi behöver pengar",
        "<img src=x onerror=alert(1)> money",
        "Faltan becas",
    ]
    assert list(table["matched"]) == ["grant* (en)", "pengar (sv)", "money (en)", "beca* (es)"]
    assert "participant_id" not in table
    # never added to the coded counts
    assert needs.need_frequency(scope, CODES).set_index("code").loc["funding", "notes"] == 2


def test_named_not_coded_for_an_unknown_code_is_empty(notes):
    assert len(needs.named_not_coded_notes(notes, CODES, "nope")) == 0
