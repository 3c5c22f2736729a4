"""The Café page: what a user reads equals the analysis (analysis/cafe.py), and it keeps to whole tables whatever
the sidebar's filters: a table seen through a region filter would be a group of one or two people."""

from __future__ import annotations

import json

import pandas as pd

from analysis import cafe
from analysis.escape import unmarkdown
from analysis.filters import Filters
from loaders import load_export
from tests.helpers.apptest import SAMPLE, figures, texts
from tests.helpers.views import view_at

PAGE = "pages/cafe.py"


def expected(filters: Filters = Filters()):
    view = view_at(SAMPLE, filters)
    return cafe.cafe(view.notes, view.people, view.seating, list(view.codebook.codes["id"])), cafe.travel(view)


def test_the_page_states_what_the_analysis_finds(run_page):
    at = run_page(PAGE)
    found, travel = expected()
    said = texts(at)
    assert travel.shown and travel.sentence == cafe.arrivals_sentence(found.arrivals)
    assert travel.sentence in said
    assert cafe.balance_sentence(found.balance, found.word) in said
    assert cafe.convergence_sentence(found.convergence) in said
    drawn = {fig["layout"]["title"]["text"] for fig in figures(at)}
    assert "How did each round's ideas reach their tables?" in drawn
    assert "At how many tables did one voice write half the notes?" in drawn


def test_a_people_filter_narrows_no_table_and_the_page_says_so(run_page):
    region = str(view_at(SAMPLE).people["region"].dropna().iloc[0])
    at = run_page(PAGE, query={"region": [region]})
    said = texts(at)
    assert "Other filters are not applied here: a table seen through a filter would be a group too small" in said
    whole, travel = expected()  # the numbers of the whole room, not of the filtered people
    assert cafe.balance_sentence(whole.balance, whole.word) in said
    assert travel.sentence in said
    assert cafe.travel(view_at(SAMPLE, Filters(region=(region,)))).withheld == cafe.WHOLE_TABLES  # slides, deck


def test_no_person_is_named_or_identified_on_the_page(run_page):
    at = run_page(PAGE)
    export = load_export(SAMPLE)
    ids = set(export.participants["participant_id"].astype(str))
    shown = texts(at) + json.dumps(figures(at)) + "".join(frame.value.to_csv() for frame in at.dataframe)
    assert not [i for i in ids if i in shown], "a participant id reached the Café page"
    columns = {c for frame in at.dataframe for c in frame.value.columns}
    assert not columns & {"participant_id", "region", "community", "community_type", "gender", "age_band"}
    assert unmarkdown("whole tables and rounds, never a person") in texts(at)


def _planted():
    """The idea data/generate_sample.py planted for travellers to carry, and its path: (round, table, from table)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("generate_sample", SAMPLE.parent / "generate_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PLANT_WORDS, {(r, t, came) for r, t, _who, came in module.PLANT_PATH}


def test_the_page_finds_the_planted_travellers_idea_and_its_path(run_page):
    words, planted = _planted()
    at = run_page(PAGE)
    followed = at.selectbox(key="url_idea")
    assert f"“{words}”" in followed.format_func(followed.value)  # the idea followed first
    spots = next(frame.value for frame in at.dataframe if {"arrival", "from_table"} <= set(frame.value.columns))
    drawn = {
        (int(r), str(t), None if pd.isna(f) else str(f))
        for r, t, f in zip(spots["round"], spots["table"], spots["from_table"], strict=True)
    }
    assert drawn == planted
    first = min(planted)
    assert (
        f"“{words}” was first raised at table {first[1]} in round {first[0]} and then at {len(planted) - 1} more"
        in (texts(at))
    )
    assert f"{len(planted) - 1} of them were reached by a traveller" in texts(at)


def test_without_seating_the_page_says_what_it_cannot_show_and_shows_the_rest(run_page, tmp_path):
    from tests.helpers.exports import write_export

    people = [{"participant_id": f"p{i}", "region": "NWE" if i % 2 else "SSA"} for i in range(10)]
    notes = [
        {"participant_id": f"p{i % 10}", "round": 1 + i // 10, "table": f"T{i % 2}", "themes": ["augmented_age"]}
        for i in range(30)
    ]
    at = run_page(PAGE, data=write_export(tmp_path, notes, people))
    said = texts(at)
    assert "Seating is not recorded in this export" in said
    assert "How mixed were the tables?" not in said  # mixing needs seating: said, never drawn
    drawn = {fig["layout"]["title"]["text"] for fig in figures(at)}
    assert "How did each round's ideas reach their tables?" in drawn
    assert "At how many tables did one voice write half the notes?" in drawn
