"""The café's measures on a café small enough to work out by hand (two rounds, two tables of three, six people)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import cafe

# Regions: p1-p3 from A, p4 and p5 from B, p6 from C. Round 1: T1 = p1 p2 p3, T2 = p4 p5 p6.
# Round 2 (hosts p1 and p5 stay): T1 = p1 p4 p6, T2 = p5 p2 p3.
PEOPLE = pd.DataFrame(
    {
        "session": ["s"] * 6,
        "participant_id": ["p1", "p2", "p3", "p4", "p5", "p6"],
        "region": pd.Categorical(["A", "A", "A", "B", "B", "C"]),
        "community_type": pd.Categorical(["x", "y", "x", "y", "x", "y"]),
    }
)
SEATING = pd.DataFrame(
    [
        ("s", p, r, t, "host" if p in ("p1", "p5") else "traveller")
        for r, tables in ((1, {"T1": "p1 p2 p3", "T2": "p4 p5 p6"}), (2, {"T1": "p1 p4 p6", "T2": "p5 p2 p3"}))
        for t, who in tables.items()
        for p in who.split()
    ],
    columns=["session", "participant_id", "round", "table", "role"],
)
NOTES = pd.DataFrame(
    [
        ("s", 1, "T1", "p1", ["x"]),
        ("s", 1, "T1", "p1", ["x"]),
        ("s", 1, "T1", "p2", ["y"]),
        ("s", 1, "T2", "p4", ["z"]),
        ("s", 1, "T2", "p6", ["w"]),
        ("s", 2, "T1", "p1", ["x"]),  # the host: x stayed at T1
        ("s", 2, "T1", "p4", ["q"]),  # new in round 2
        ("s", 2, "T1", "p4", ["q"]),
        ("s", 2, "T1", "p4", ["q"]),
        ("s", 2, "T1", "p6", ["z"]),  # p6 heard z at T2 (p4 raised it there)
        ("s", 2, "T2", "p2", ["y"]),  # p2 carried y from T1
        ("s", 2, "T2", "p3", ["x"]),  # p3 heard x at T1 without writing it
    ],
    columns=["session", "round", "table", "participant_id", "themes"],
)


def seated():
    return cafe.seats(NOTES, SEATING)[0]


def test_blau_and_the_most_mixed_table_the_room_allowed():
    assert cafe.blau(pd.Series([3]).to_numpy()) == 0
    assert cafe.blau(pd.Series([1, 1, 1]).to_numpy()) == pytest.approx(2 / 3)
    assert cafe.most_mixed(3, pd.Series([3, 2, 1]).to_numpy()) == pytest.approx(2 / 3)  # one of each
    assert cafe.most_mixed(4, pd.Series([5, 1]).to_numpy()) == pytest.approx(1 - (9 + 1) / 16)  # 3 + 1: B runs out
    assert math.isnan(cafe.most_mixed(3, pd.Series([], dtype=int).to_numpy()))


def test_mixing_per_table_against_the_room():
    table = cafe.mixing(seated(), PEOPLE, "region").set_index(["round", "table"])
    assert table.loc[(1, "T1"), "index"] == 0 and table.loc[(1, "T1"), "ratio"] == 0  # three people from A
    assert table.loc[(1, "T2"), "index"] == pytest.approx(4 / 9)  # B, B, C
    assert table.loc[(1, "T2"), "ratio"] == pytest.approx((4 / 9) / (2 / 3))
    assert table.loc[(2, "T1"), "ratio"] == pytest.approx(1)  # A, B, C: as mixed as the room allowed
    rounds = cafe.mixing_by_round(cafe.mixing(seated(), PEOPLE, "region")).set_index("round")
    assert rounds.loc[1, "tables"] == 2 and rounds.loc[1, "lowest"] == 0
    assert rounds.loc[2, "median"] == pytest.approx((1 + 2 / 3) / 2)


def test_a_person_whose_region_is_not_recorded_is_left_out_not_counted_as_a_region():
    people = PEOPLE.assign(region=PEOPLE["region"].astype(object).where(PEOPLE["participant_id"] != "p6"))
    table = cafe.mixing(seated(), people, "region").set_index(["round", "table"])
    assert table.loc[(1, "T2"), "known"] == 2 and table.loc[(1, "T2"), "index"] == 0  # B, B


def test_first_meetings_across_regions():
    met = cafe.first_meetings(seated(), PEOPLE).set_index("round")
    assert met.loc[1, "new_pairs"] == 2 and met.loc[1, "people_crossed"] == 3  # p4-p6, p5-p6
    assert met.loc[2, "new_pairs"] == 4 and met.loc[2, "people_crossed"] == 6  # p1-p4, p1-p6, p5-p2, p5-p3


def test_how_each_idea_arrived_with_seating():
    found = cafe.arrivals(NOTES, seated()).set_index(["code", "round", "table"])
    assert found.loc[("x", 1, "T1"), "arrival"] == "new"
    assert found.loc[("x", 2, "T1"), "arrival"] == "stayed"
    assert tuple(found.loc[("x", 2, "T2"), ["arrival", "from_table"]]) == ("heard", "T1")
    assert tuple(found.loc[("y", 2, "T2"), ["arrival", "from_table"]]) == ("carried", "T1")
    assert tuple(found.loc[("z", 2, "T1"), ["arrival", "from_table"]]) == ("heard", "T2")
    assert found.loc[("q", 2, "T1"), "arrival"] == "new"
    shares = cafe.arrivals_by_round(found.reset_index()).set_index(["round", "arrival"])
    assert shares.loc[(2, "heard"), "ideas"] == 2 and shares.loc[(2, "heard"), "share"] == pytest.approx(2 / 5)
    assert list(cafe.path(found.reset_index(), "x")["table"]) == ["T1", "T1", "T2"]


def test_without_seating_only_an_idea_carried_by_its_own_author_is_seen_travelling():
    found = cafe.arrivals(NOTES, None).set_index(["code", "round", "table"])
    assert found.loc[("y", 2, "T2"), "arrival"] == "carried"
    assert found.loc[("x", 2, "T2"), "arrival"] == "elsewhere"  # p3 wrote nothing at T1: no link without seating
    assert found.loc[("z", 2, "T1"), "arrival"] == "elsewhere"


def test_balance_of_voices_counts_silent_members_and_calls_out_a_dominated_table():
    table = cafe.balance(NOTES, seated()).set_index(["round", "table"])
    assert table.loc[(1, "T1"), "members"] == 3 and table.loc[(1, "T1"), "notes"] == 3
    assert table.loc[(1, "T1"), "gini"] == pytest.approx(4 / 9)  # 0, 1, 2 notes
    assert not table.loc[(1, "T1"), "dominated"]  # 3 notes are too few to say
    assert table.loc[(2, "T1"), "top_share"] == pytest.approx(3 / 5)
    assert table.loc[(2, "T1"), "gini"] == pytest.approx(4 / 15)  # 1, 3, 1 notes
    assert table.loc[(2, "T1"), "dominated"]
    assert int(table["dominated"].sum()) == 1


def test_convergence_over_rounds():
    rounds = cafe.convergence(NOTES).set_index("round")
    assert tuple(rounds.loc[1, ["codes", "new_codes"]]) == (4, 4)
    assert pd.isna(rounds.loc[1, "overlap_with_previous"])
    assert tuple(rounds.loc[2, ["codes", "new_codes"]]) == (4, 1)
    assert rounds.loc[2, "overlap_with_previous"] == pytest.approx(3 / 5)  # x, y, z of x, y, z, w, q


def test_the_cafe_says_authors_and_skips_what_needs_seating_when_none_is_recorded():
    without = cafe.cafe(NOTES, PEOPLE, None, codes=["x", "y", "z", "w", "q"])
    assert without.word == "authors" and not without.seating_recorded
    assert without.mixing == {} and without.meetings is None
    assert without.balance.set_index(["round", "table"]).loc[(1, "T1"), "members"] == 2  # p3 wrote nothing
    seated_cafe = cafe.cafe(NOTES, PEOPLE, SEATING, codes=["x", "y", "z", "w", "q"])
    assert seated_cafe.seating_recorded and set(seated_cafe.mixing) == {"region", "community_type"}


def test_a_phrase_written_at_several_tables_is_followed_in_the_participants_words():
    notes = NOTES.assign(
        text=[
            "We need a language buddy",
            "x",
            "my language buddy",  # p2, at T1 in round 1
            "z",
            "w",
            "x again",
            "q",
            "q",
            "q",
            "the Language Buddy idea",  # p6 at T1 in round 2: the table had it the round before
            "language buddy for all",  # p2 carried it from T1
            "a language buddy too",  # p3 heard it at T1
        ]
    )
    said = cafe.phrases(notes, min_notes=4)
    assert said.iloc[0] == ["language buddy"] and said.iloc[1] == []  # "need a", "a language": stop words
    assert said.iloc[9] == ["language buddy"]  # written in any case
    found = cafe.phrase_arrivals(notes, seated(), "language buddy").set_index(["round", "table"])
    assert found.loc[(1, "T1"), "arrival"] == "new"
    assert found.loc[(2, "T2"), "arrival"] == "carried"  # p2 wrote it at T1 in round 1
    assert found.loc[(2, "T1"), "arrival"] == "stayed"
    assert cafe.phrases(notes.assign(text="language buddy"), min_notes=13).map(len).sum() == 0  # too few notes
