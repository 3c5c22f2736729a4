"""Participation measures on a tiny export whose answers are worked out by hand.

The export (written with pyarrow, loaded with loaders.load_export, so the frames have the loader's dtypes):

    person  region  country  community              community_type     languages
    p1      NWE     SE       Wikimedia Sverige      affiliate          sv, en
    p2      NWE     SE       Swedish Wikipedia      online community   sv
    p3      SSA     KE       Swahili Wikipedia      online community   sw, en
    p4      LAC     BR       Wiki Movimento Brasil  affiliate          pt-BR, pt, en   (Portuguese once)
    p5      SA      IN       CIS-A2K                partner            (none given)

    notes   n1 p1 sv, n2 p1 en, n3 p1 en, n4 p2 sv, n5 p3 en, n6 p4 pt-BR, n7 anonymous pt, n8 anonymous en

So: people by region NWE 2, SSA 1, LAC 1, SA 1 (of 5); notes by region NWE 4, SSA 1, LAC 1, SA 0, not known 2 (of 8).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import participation as p
from loaders import load_export
from loaders.regions import REGION_IDS
from tests.helpers.exports import write_export

LIST = pa.list_(pa.string())

PEOPLE = {
    "participant_id": ["p1", "p2", "p3", "p4", "p5"],
    "region": ["NWE", "NWE", "SSA", "LAC", "SA"],
    "country": ["SE", "SE", "KE", "BR", "IN"],
    "community": ["Wikimedia Sverige", "Swedish Wikipedia", "Swahili Wikipedia", "Wiki Movimento Brasil", "CIS-A2K"],
    "community_type": ["affiliate", "online community", "online community", "affiliate", "partner"],
    "languages": [["sv", "en"], ["sv"], ["sw", "en"], ["pt-BR", "pt", "en"], []],
}
NOTES = {
    "contribution_id": [f"n{i}" for i in range(1, 9)],
    "text": [f"note {i}" for i in range(1, 9)],
    "participant_id": ["p1", "p1", "p1", "p2", "p3", "p4", None, None],
    "language": ["sv", "en", "en", "sv", "en", "pt-BR", "pt", "en"],
}


@pytest.fixture
def tiny(tmp_path):
    export = load_export(write_export(tmp_path / "tiny", NOTES, PEOPLE))
    assert export.participants_source == "file"
    return export.contributions, export.participants


def _row(frame: pd.DataFrame, key: str, value: str) -> pd.Series:
    found = frame[frame[key] == value]
    assert len(found) == 1, (value, frame)
    return found.iloc[0]


# --- people_by / notes_by -------------------------------------------------------------------------------------------


def test_people_by_region_lists_every_region_in_order_then_not_known(tiny):
    _, people = tiny
    table = p.people_by(people, "region")
    assert list(table["region"]) == [*REGION_IDS, p.NOT_KNOWN]
    counts = dict(zip(table["region"], table["people"], strict=True))
    assert counts == {"NWE": 2, "CEE": 0, "LAC": 1, "SSA": 1, "MENA": 0, "SA": 1, "ESEAP": 0, "NA": 0, p.NOT_KNOWN: 0}
    assert _row(table, "region", "NWE")["people_share"] == pytest.approx(2 / 5)


def test_notes_by_region_puts_anonymous_notes_in_not_known(tiny):
    notes, _ = tiny
    table = p.notes_by(notes, "region")
    assert _row(table, "region", "NWE")["notes"] == 4
    assert _row(table, "region", p.NOT_KNOWN)["notes"] == 2
    assert _row(table, "region", p.NOT_KNOWN)["notes_share"] == pytest.approx(2 / 8)
    assert table["notes"].sum() == 8


def test_people_by_other_groupings_leaves_out_empty_groups(tiny):
    notes, people = tiny
    by_type = p.people_by(people, "community_type")
    assert dict(zip(by_type["community_type"], by_type["people"], strict=True)) == {
        "affiliate": 2,
        "online community": 2,
        "partner": 1,
    }
    by_type = p.notes_by(notes, "community_type")
    assert dict(zip(by_type["community_type"], by_type["notes"], strict=True)) == {
        "affiliate": 4,
        "online community": 2,
        p.NOT_KNOWN: 2,
    }


def test_counts_on_a_frame_without_the_column_are_all_not_known():
    frame = pd.DataFrame({"x": [1, 2, 3]})
    table = p.people_by(frame, "community")
    assert list(table["community"]) == [p.NOT_KNOWN]
    assert table["people"].tolist() == [3]


# --- voice_gap ------------------------------------------------------------------------------------------------------


def test_voice_gap_overview_reading_counts_anonymous_notes_in_the_denominator(tiny):
    notes, people = tiny
    gap = p.voice_gap(people, notes, "region")
    assert _row(gap, "region", "NWE")["gap"] == pytest.approx(4 / 8 - 2 / 5)
    assert _row(gap, "region", "SA")["gap"] == pytest.approx(0 - 1 / 5)
    assert _row(gap, "region", "SA")["notes"] == 0  # a silent group stays, at 0
    assert _row(gap, "region", p.NOT_KNOWN)["gap"] == pytest.approx(2 / 8)


def test_voice_gap_known_only_leaves_anonymous_notes_out_of_the_shares(tiny):
    notes, people = tiny
    gap = p.voice_gap(people, notes, "region", known_only=True)
    nwe, ssa, sa = (_row(gap, "region", r) for r in ("NWE", "SSA", "SA"))
    assert nwe["notes_share"] == pytest.approx(4 / 6)
    assert nwe["gap"] == pytest.approx(4 / 6 - 2 / 5)
    assert ssa["gap"] == pytest.approx(1 / 6 - 1 / 5)
    assert sa["gap"] == pytest.approx(-1 / 5)
    unknown = _row(gap, "region", p.NOT_KNOWN)
    assert unknown["notes"] == 2 and np.isnan(unknown["gap"]) and np.isnan(unknown["notes_share"])
    assert list(gap["region"]) == [*REGION_IDS, p.NOT_KNOWN]


def test_voice_gap_by_community_type_sorts_by_people_then_notes(tiny):
    notes, people = tiny
    gap = p.voice_gap(people, notes, "community_type", known_only=True)
    assert list(gap["community_type"]) == ["affiliate", "online community", "partner", p.NOT_KNOWN]
    assert _row(gap, "community_type", "affiliate")["gap"] == pytest.approx(4 / 6 - 2 / 5)
    assert _row(gap, "community_type", "online community")["gap"] == pytest.approx(2 / 6 - 2 / 5)
    assert _row(gap, "community_type", "partner")["gap"] == pytest.approx(-1 / 5)


def test_voice_gap_on_empty_frames_is_empty_of_counts(tiny):
    notes, people = tiny
    gap = p.voice_gap(people.iloc[:0], notes.iloc[:0], "region", known_only=True)
    assert gap["people"].sum() == 0 and gap["notes"].sum() == 0


@settings(max_examples=40, deadline=None)
@given(
    people=st.lists(st.sampled_from([*REGION_IDS, None]), max_size=30),
    notes=st.lists(st.sampled_from([*REGION_IDS, None]), max_size=60),
)
def test_known_only_shares_sum_to_one_and_gaps_to_zero(people, notes):
    frame = lambda values: pd.DataFrame({"region": pd.Categorical(values, categories=list(REGION_IDS))})  # noqa: E731
    gap = p.voice_gap(frame(people), frame(notes), "region", known_only=True)
    known = gap[gap["region"] != p.NOT_KNOWN]
    if any(r is not None for r in people) and any(r is not None for r in notes):
        assert known["people_share"].sum() == pytest.approx(1)
        assert known["notes_share"].sum() == pytest.approx(1)
        assert known["gap"].sum() == pytest.approx(0, abs=1e-9)
    assert gap["people"].sum() == len(people) and gap["notes"].sum() == len(notes)


# --- representation -------------------------------------------------------------------------------------------------


def test_representation_against_a_hand_made_reference(tiny):
    _, people = tiny
    population = pd.DataFrame(
        {"region": ["NWE", "SSA", "LAC", "SA", "NA"], "population_share": [0.1, 0.3, 0.2, 0.3, 0.1]}
    )
    table = p.representation(people, population)
    assert list(table["region"]) == ["NWE", "SSA", "LAC", "SA", "NA"]
    assert table["gap"].tolist() == pytest.approx([0.4 - 0.1, 0.2 - 0.3, 0.2 - 0.2, 0.2 - 0.3, 0 - 0.1])
    assert table["known_people"].unique().tolist() == [5]


def test_representation_leaves_people_with_no_region_out_of_the_denominator():
    people = pd.DataFrame({"region": pd.Categorical(["NWE", None, "SA", None], categories=list(REGION_IDS))})
    population = pd.DataFrame({"region": ["NWE", "SA"], "population_share": [0.5, 0.5]})
    table = p.representation(people, population)
    assert table["people_share"].tolist() == pytest.approx([0.5, 0.5])
    assert table["known_people"].iloc[0] == 2


# --- countries ------------------------------------------------------------------------------------------------------


def test_countries_counts_people_per_country_with_iso3_and_names(tiny):
    _, people = tiny
    table = p.countries(people)
    assert list(table["country"]) == ["SE", "BR", "IN", "KE"]  # most first, then by name: Brazil, India, Kenya
    assert list(table["iso3"]) == ["SWE", "BRA", "IND", "KEN"]
    assert list(table["country_name"]) == ["Sweden", "Brazil", "India", "Kenya"]
    assert list(table["region"]) == ["NWE", "LAC", "SA", "SSA"]
    assert table["people"].tolist() == [2, 1, 1, 1]
    assert table["people_share"].tolist() == pytest.approx([0.4, 0.2, 0.2, 0.2])
    assert table["known_people"].iloc[0] == 5


def test_countries_reads_namibia_as_a_country_not_a_missing_value():
    people = pd.DataFrame({"country": pd.Categorical(["NA", None]), "region": pd.Categorical(["SSA", None])})
    table = p.countries(people)
    assert table[["country", "iso3", "country_name"]].values.tolist() == [["NA", "NAM", "Namibia"]]
    assert table["known_people"].iloc[0] == 1


def test_countries_of_people_with_no_country_is_empty():
    assert p.countries(pd.DataFrame({"country": pd.Categorical([None, None])})).empty
    assert p.countries(pd.DataFrame({"region": ["NWE"]})).empty


# --- languages ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "name"),
    [
        ("sv", "Swedish"),
        ("pt-BR", "Portuguese (Brazil)"),
        ("tl", "Tagalog"),
        ("arz", "Egyptian Arabic"),
        ("qzz", "qzz"),
        ("zz-Latn-XX", "zz-Latn-XX"),
    ],
)
def test_language_name_uses_babel_and_falls_back_to_the_tag(tag, name):
    assert p.language_name(tag) == name


def test_languages_spoken_counts_each_person_once_per_language(tiny):
    _, people = tiny
    table = p.languages_spoken(people)
    assert dict(zip(table["language"], table["people"], strict=True)) == {"en": 3, "sv": 2, "pt": 1, "sw": 1}
    assert table["known_people"].iloc[0] == 4  # p5 gave no language
    assert _row(table, "language", "en")["people_share"] == pytest.approx(3 / 4)


def test_languages_written_folds_regional_tags_into_their_language(tiny):
    notes, _ = tiny
    table = p.languages_written(notes)
    assert dict(zip(table["language"], table["notes"], strict=True)) == {"en": 4, "pt": 2, "sv": 2}
    assert _row(table, "language", "pt")["notes_share"] == pytest.approx(2 / 8)
    assert table["known_notes"].iloc[0] == 8


def test_language_use_puts_spoken_and_written_side_by_side(tiny):
    notes, people = tiny
    table = p.language_use(people, notes)
    assert list(table["language"]) == ["en", "sv", "pt", "sw"]
    assert list(table["language_name"]) == ["English", "Swedish", "Portuguese", "Swahili"]
    assert table["people"].tolist() == [3, 2, 1, 1]
    assert table["notes"].tolist() == [4, 2, 2, 0]
    assert table["people_share"].tolist() == pytest.approx([3 / 4, 2 / 4, 1 / 4, 1 / 4])
    assert table["notes_share"].tolist() == pytest.approx([4 / 8, 2 / 8, 2 / 8, 0])
    assert (table["known_people"] == 4).all() and (table["known_notes"] == 8).all()


def test_language_use_with_nobody_s_languages_known_keeps_the_notes(tiny):
    notes, people = tiny
    table = p.language_use(
        people.assign(languages=pd.Series([[]] * len(people), dtype=people["languages"].dtype)), notes
    )
    assert (table["people"] == 0).all() and (table["known_people"] == 0).all()
    assert table["notes"].sum() == 8


# --- headline (the Overview's numbers, unchanged) -------------------------------------------------------------------


def test_headline_numbers(tiny):
    notes, people = tiny
    numbers = p.headline(notes, people)
    assert numbers["participants"] == 5 and numbers["notes"] == 8
    assert numbers["countries"] == 4 and numbers["regions"] == 4 and numbers["communities"] == 5
    assert numbers["languages"] == 4  # sv, en, sw, pt (pt-BR folds into pt)
    assert numbers["notes_per_participant"] == pytest.approx(8 / 5)
    assert numbers["anonymous_share"] == pytest.approx(2 / 8)


# --- participants derived from the notes ----------------------------------------------------------------------------


def test_people_derived_from_notes_are_the_named_authors(tmp_path):
    notes = dict(
        NOTES,
        region=["NWE", "NWE", "NWE", "NWE", "SSA", "LAC", "SA", None],
        country=["SE", "SE", "SE", "SE", "KE", "BR", "IN", None],
    )
    notes["participant_id"] = ["p1", "p1", "p1", "p2", "p3", "p4", None, None]
    export = load_export(write_export(tmp_path / "flat", notes, None))
    assert export.participants_source == "notes"
    table = p.people_by(export.participants, "region")
    assert dict(zip(table["region"], table["people"], strict=True))["NWE"] == 2
    assert table["people"].sum() == 4  # the anonymous notes name nobody
    gap = p.voice_gap(export.participants, export.contributions, "region", known_only=True)
    assert _row(gap, "region", "SA")["notes"] == 1  # an anonymous note with an inline region counts for it
    assert _row(gap, "region", "SA")["people"] == 0
    assert p.language_use(export.participants, export.contributions)["known_people"].iloc[0] == 0


# --- the sentences (text alternatives) -------------------------------------------------------------------------------


def test_points_are_signed_percentage_points():
    from analysis.vocabulary import points

    assert points(0.1) == "+10 points"
    assert points(-0.014) == "−1.4 points"
    assert points(0.0) == "±0.0 points"


def test_sentences_state_the_main_finding(tiny):
    notes, people = tiny
    gap = p.voice_gap(people, notes, "region", known_only=True)
    assert p.people_and_notes_sentence(gap, "region") == (
        "Northern & Western Europe had the most participants (2 of 5, 40%) and wrote 67% of the 6 notes whose "
        "author's region is known."
    )
    assert p.countries_sentence(p.countries(people)) == (
        "The 5 participants with a known country came from 4 countries; most from Sweden (2)."
    )
    assert p.languages_sentence(p.language_use(people, notes)) == (
        "English was spoken by 75% of the 4 participants whose languages are known, who spoke 4 languages in all; "
        "50% of the 8 notes were written in English."
    )
    by_type = p.voice_gap(people, notes, "community_type", known_only=True)
    assert p.people_and_notes_sentence(by_type, "community_type").startswith("Affiliate had the most participants")


def test_sentences_on_an_empty_selection_say_so(tiny):
    notes, people = tiny
    gap = p.voice_gap(people.iloc[:0], notes.iloc[:0], "region", known_only=True)
    assert "No participants or notes" in p.people_and_notes_sentence(gap, "region")
    assert p.countries_sentence(p.countries(people.iloc[:0])).startswith("No participants")
    assert p.languages_sentence(p.language_use(people.iloc[:0], notes.iloc[:0])).startswith("No languages")
