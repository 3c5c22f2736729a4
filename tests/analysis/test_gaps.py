"""Equity-gap measures on a tiny export whose answers are worked out by hand in the comments."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

from analysis import gaps
from analysis.participation import NOT_KNOWN
from loaders import load_export
from loaders.regions import REGION_IDS
from tests.helpers.exports import write_export

LIST = pa.list_(pa.string())

COMMITMENTS = pd.DataFrame(
    {
        "id": ["KE1", "KE5", "KS1", "KS2"],
        "pillar": ["knowledge_equity", "knowledge_equity", "knowledge_as_a_service", "knowledge_as_a_service"],
        "pillar_label": ["Knowledge equity", "Knowledge equity", "Knowledge as a service", "Knowledge as a service"],
        "label": ["Knowledge left out", "Barriers", "A platform", "Tools for allies"],
        "description": [""] * 4,
        "keywords": [{}] * 4,
    }
)

PEOPLE = {
    "participant_id": ["p1", "p2", "p3", "p4"],
    "region": ["NWE", "SSA", "NWE", "LAC"],
    "country": ["SE", "KE", "DE", "BR"],
    "community_type": ["affiliate", "online community", "online community", "affiliate"],
}

#: Six notes at three tables (A, B, C) and one without a table. n4 is anonymous; n5 addresses nothing.
#:   n1 A p1 NWE [KE1, KE5]     n2 A p2 SSA [KE1]      n3 B p2 SSA [KE5, KE5] (counted once)
#:   n4 B -- ?   [XX9] unknown  n5 C p3 NWE []         n6 -  p1 NWE [KS1] (no table: notes only)
NOTES = {
    "contribution_id": ["n1", "n2", "n3", "n4", "n5", "n6"],
    "text": ["one", "two", "three", "four", "five", "six"],
    "table": ["A", "A", "B", "B", "C", None],
    "participant_id": ["p1", "p2", "p2", None, "p3", "p1"],
    "direction": [["KE1", "KE5"], ["KE1"], ["KE5", "KE5"], ["XX9"], [], ["KS1"]],
}

#: Hand-made world: NWE 10%, SSA 20%, LAC 30%, the five others 8% each.
POPULATION = pd.DataFrame(
    {
        "region": list(REGION_IDS),
        "population_share": [
            0.10 if r == "NWE" else 0.20 if r == "SSA" else 0.30 if r == "LAC" else 0.08 for r in REGION_IDS
        ],
    }
)


@pytest.fixture
def export(tmp_path):
    return load_export(write_export(tmp_path / "cafe", NOTES, PEOPLE))


@pytest.fixture
def covered(export):
    return gaps.coverage(export.contributions, COMMITMENTS).set_index("commitment")


def test_coverage_counts_notes_against_the_notes_coded_for_the_direction(covered):
    # 6 notes in view, 5 of them coded for the direction (n5 has none); tables A, B, C have notes (n6 has no table).
    assert list(covered.index) == ["KE1", "KE5", "KS1", "KS2", "XX9"]
    assert covered["all_notes"].eq(6).all() and covered["coded_notes"].eq(5).all() and covered["all_tables"].eq(3).all()
    assert covered.loc["KE1", "notes"] == 2 and covered.loc["KE1", "note_share"] == pytest.approx(2 / 5)
    assert covered.loc["KE1", "tables"] == 1 and covered.loc["KE1", "table_share"] == pytest.approx(1 / 3)  # A
    assert covered.loc["KE5", "notes"] == 2  # n1 and n3; n3's repeated KE5 counts once
    assert covered.loc["KE5", "tables"] == 2 and covered.loc["KE5", "table_share"] == pytest.approx(2 / 3)  # A, B
    assert covered.loc["KS1", "notes"] == 1 and covered.loc["KS1", "tables"] == 0  # n6 has no table
    assert covered.loc["KS2", "notes"] == 0 and covered.loc["KS2", "note_share"] == 0.0  # silent, still listed


def test_codes_not_in_the_codebook_are_counted_under_their_raw_id_and_flagged(covered):
    assert not covered.loc["XX9", "in_codebook"] and covered.loc[["KE1", "KE5", "KS1", "KS2"], "in_codebook"].all()
    assert covered.loc["XX9", "notes"] == 1 and covered.loc["XX9", "note_share"] == pytest.approx(1 / 5)
    assert covered.loc["XX9", "tables"] == 1  # n4 at table B, anonymous notes count like any other
    assert covered.loc["XX9", "label"] == gaps.NOT_IN_CODEBOOK
    assert list(gaps.unknown_codes(covered.reset_index())["commitment"]) == ["XX9"]


def test_a_note_with_several_commitments_counts_once_for_each(covered):
    # 2 + 2 + 1 + 0 + 1 = 6 note-commitment pairs from the 5 coded notes: shares add up to more than 1.
    assert covered["notes"].sum() == 6
    assert covered["note_share"].sum() == pytest.approx(6 / 5)


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [
        (0.05, ["KS2"]),  # only the silent commitment
        (0.25, ["KS2", "KS1"]),  # KS1 1/5 = 20%; least addressed first
        (0.41, ["KS2", "KS1", "KE1", "KE5"]),  # KE1 and KE5 both 2/5: codebook order breaks the tie
    ],
)
def test_blind_spots_are_codebook_commitments_under_the_threshold(covered, threshold, expected):
    assert list(gaps.blind_spots(covered.reset_index(), threshold)["commitment"]) == expected


def test_no_notes_means_no_blind_spots_and_zero_coverage(export):
    covered = gaps.coverage(export.contributions.iloc[:0], COMMITMENTS)
    assert list(covered["commitment"]) == ["KE1", "KE5", "KS1", "KS2"]
    assert covered["notes"].eq(0).all() and covered["all_notes"].eq(0).all() and covered["all_tables"].eq(0).all()
    assert gaps.blind_spots(covered, 0.05).empty
    assert gaps.who_spoke(export.contributions.iloc[:0], COMMITMENTS).empty


def test_tables_are_told_apart_by_session():
    notes = pd.DataFrame({"session": pd.Categorical(["s1", "s2", "s2"]), "table": pd.Categorical(["A", "A", None])})
    keys = gaps.table_keys(notes)
    assert keys.iloc[0] != keys.iloc[1] and pd.isna(keys.iloc[2])
    assert gaps.table_keys(notes.drop(columns="table")).isna().all()


def test_who_spoke_counts_each_groups_notes_against_that_groups_notes(export):
    who = gaps.who_spoke(export.contributions, COMMITMENTS, "region")
    # NWE wrote n1, n5, n6, of which n1 and n6 are coded for the direction (2); SSA n2, n3 (2); the anonymous n4 is
    # "Not known". Regions in fixed order.
    assert list(dict.fromkeys(who["region"])) == ["NWE", "SSA", NOT_KNOWN]
    cell = who.set_index(["region", "commitment"])
    assert cell.loc[("NWE", "KE1"), "notes"] == 1 and cell.loc[("NWE", "KE1"), "share"] == pytest.approx(1 / 2)
    assert cell.loc[("NWE", "KS1"), "group_notes"] == 2
    assert cell.loc[("SSA", "KE5"), "notes"] == 1 and cell.loc[("SSA", "KE5"), "share"] == pytest.approx(1 / 2)
    assert cell.loc[("SSA", "KS1"), "notes"] == 0  # zeros stay
    assert cell.loc[(NOT_KNOWN, "XX9"), "notes"] == 1 and cell.loc[(NOT_KNOWN, "XX9"), "share"] == 1.0
    assert len(who) == 3 * 5  # three groups x (four commitments + one unknown code)


def test_who_spoke_adds_up_to_coverage(export, covered):
    for by in ("region", "community_type"):
        who = gaps.who_spoke(export.contributions, COMMITMENTS, by)
        assert who.groupby("commitment")["notes"].sum().to_dict() == covered["notes"].to_dict()


def test_who_spoke_by_community_type(export):
    who = gaps.who_spoke(export.contributions, COMMITMENTS, "community_type").set_index(
        ["community_type", "commitment"]
    )
    # affiliate: p1's n1, n6 (2 coded notes). online community: p2's n2, n3 (coded) and p3's n5 (not): 2. n4 not known.
    assert who.loc[("affiliate", "KS1"), "share"] == pytest.approx(1 / 2)
    assert who.loc[("online community", "KE1"), "group_notes"] == 2
    assert who.loc[("online community", "KE5"), "share"] == pytest.approx(1 / 2)


def test_equity_picture_puts_presence_and_voice_side_by_side(export):
    picture = gaps.equity_picture(export.participants, export.contributions, POPULATION).set_index("region")
    assert list(picture.index) == [*REGION_IDS, NOT_KNOWN]
    # 4 participants, all with a region: NWE 2, SSA 1, LAC 1. 6 notes: NWE 3, SSA 2, and n4 anonymous, so the notes'
    # shares are of the 5 notes whose author's region is known.
    assert picture.loc["NWE", "people_share"] == pytest.approx(0.5)
    assert picture.loc["NWE", "representation_gap"] == pytest.approx(0.5 - 0.10)
    assert picture.loc["LAC", "representation_gap"] == pytest.approx(0.25 - 0.30)
    assert picture.loc["CEE", "representation_gap"] == pytest.approx(-0.08)
    assert picture.loc["NWE", "notes_share"] == pytest.approx(3 / 5)
    assert picture.loc["NWE", "voice_gap"] == pytest.approx(3 / 5 - 2 / 4)
    assert picture.loc["SSA", "voice_gap"] == pytest.approx(2 / 5 - 1 / 4)
    assert picture.loc["LAC", "voice_gap"] == pytest.approx(0 - 1 / 4)
    assert picture.loc[NOT_KNOWN, "notes"] == 1  # counted, but in no share and no gap
    assert picture.loc[NOT_KNOWN, ["population_share", "people_share", "notes_share", "voice_gap"]].isna().all()
    assert picture["known_people"].eq(4).all() and picture["all_people"].eq(4).all()
    assert picture["known_notes"].eq(5).all() and picture["all_notes"].eq(6).all()
    assert picture.drop(index=NOT_KNOWN)["voice_gap"].sum() == pytest.approx(0.0)  # known shares each add up to 1


def test_equity_picture_gaps_equal_the_participation_measures(export):
    from analysis.participation import representation, voice_gap

    picture = gaps.equity_picture(export.participants, export.contributions, POPULATION).set_index("region")
    rep = representation(export.participants, POPULATION).set_index("region")
    voice = voice_gap(export.participants, export.contributions, "region", known_only=True).set_index("region")
    assert picture.loc[list(REGION_IDS), "representation_gap"].tolist() == pytest.approx(rep["gap"].tolist())
    assert picture.loc[list(REGION_IDS), "voice_gap"].tolist() == pytest.approx(
        voice.loc[list(REGION_IDS), "gap"].tolist()
    )


def test_equity_picture_has_no_not_known_row_when_everyone_is_known(export):
    named = export.contributions[export.contributions["participant_id"].notna()]
    picture = gaps.equity_picture(export.participants, named, POPULATION)
    assert list(picture["region"]) == list(REGION_IDS)


def test_threshold_reads_as_people_write_it():
    assert gaps.threshold_text(0.05) == "5%" and gaps.threshold_text(0.025) == "2.5%"
    assert gaps.threshold_text(0.07) == "7%"
