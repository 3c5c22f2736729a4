"""Equity-gap charts: a title, the n in the subtitle, colours from charts.style, region names, data kept as text."""

from __future__ import annotations

import html

import pandas as pd
import plotly.io as pio
import pytest

from analysis import gaps
from analysis.vocabulary import NOT_KNOWN
from charts import gaps as charts
from charts.style import PAIR, TEMPLATES, UNKNOWN_COLOUR
from loaders.regions import REGION_IDS, REGIONS

COVERAGE = pd.DataFrame(
    {
        "commitment": ["KE1", "KS2", "<b>X</b>"],
        "pillar": ["knowledge_equity", "knowledge_as_a_service", None],
        "pillar_label": ["Knowledge equity", "Knowledge as a service", gaps.NOT_IN_CODEBOOK],
        "label": ["Knowledge left out", "Tools for allies", gaps.NOT_IN_CODEBOOK],
        "in_codebook": [True, True, False],
        "notes": [40, 1, 3],
        "note_share": [0.4, 0.01, 0.03],
        "coded_notes": [100] * 3,
        "all_notes": [120] * 3,
        "tables": [9, 1, 2],
        "table_share": [0.9, 0.1, 0.2],
        "all_tables": [10] * 3,
    }
)
WHO = pd.DataFrame(
    {
        "region": ["NWE", "NWE", "SSA", "SSA", NOT_KNOWN, NOT_KNOWN],
        "commitment": ["KE1", "KE5"] * 3,
        "label": ["Knowledge left out", "Barriers"] * 3,
        "in_codebook": [True] * 6,
        "notes": [3, 0, 1, 2, 0, 1],
        "group_notes": [4, 4, 2, 2, 1, 1],
        "share": [0.75, 0.0, 0.5, 1.0, 0.0, 1.0],
    }
)
PICTURE = pd.DataFrame(
    {
        "region": [*REGION_IDS, NOT_KNOWN],
        "population_share": [0.1, 0.1, 0.1, 0.2, 0.1, 0.2, 0.1, 0.1, None],
        "people": [2, 0, 0, 2, 0, 0, 0, 0, 0],
        "people_share": [0.5, 0, 0, 0.5, 0, 0, 0, 0, None],
        "representation_gap": [0.4, -0.1, -0.1, 0.3, -0.1, -0.2, -0.1, -0.1, None],
        "notes": [5, 0, 0, 3, 0, 0, 0, 0, 2],
        "notes_share": [0.625, 0, 0, 0.375, 0, 0, 0, 0, None],
        "voice_gap": [0.125, 0, 0, -0.125, 0, 0, 0, 0, None],
        "known_people": [4] * 9,
        "known_notes": [8] * 9,
        "all_people": [4] * 9,
        "all_notes": [10] * 9,
    }
)


@pytest.mark.parametrize("template", TEMPLATES)
def test_coverage_chart_titles_the_finding_and_states_its_n(template):
    fig = charts.coverage_chart(COVERAGE, 0.05, template=template)
    assert fig.layout.title.text == "1 commitment of the direction was barely touched (under 5% of notes)"
    assert "Share of 100 notes" in fig.layout.title.subtitle.text and "10 with notes" in fig.layout.title.subtitle.text
    assert fig.layout.meta["n_text"] == fig.layout.title.subtitle.text
    assert fig.layout.template.layout.font.size == pio.templates[template].layout.font.size
    assert fig.layout.xaxis.title.text == "Share of notes that address the commitment"


def test_coverage_chart_colours_blind_spots_and_flags_unknown_codes():
    fig = charts.coverage_chart(COVERAGE, 0.05)
    bars = fig.data[0]
    assert list(bars.marker.color) == [PAIR["notes"], PAIR["negative"], UNKNOWN_COLOUR]
    assert list(bars.marker.pattern.shape) == ["", "", "/"]
    assert list(bars.x) == [0.4, 0.01, 0.03]  # codebook order, codes not in the codebook last
    assert bars.text[1] == "1.0% · 1 of 10 tables · blind spot"
    label = bars.y[1][2]
    assert label.startswith(charts.FLAG) and "&lt;b&gt;X&lt;/b&gt;" in label and "<b>" not in label  # data, not markup
    assert list(bars.y[0][:2]) == ["Knowledge equity", "Knowledge as a service"]
    shaded = fig.layout.shapes[0]
    assert (shaded.x0, shaded.x1) == (0, 0.05)


def test_coverage_chart_keeps_codebook_order_whatever_the_status():
    covered = COVERAGE.assign(note_share=[0.01, 0.4, 0.03], notes=[1, 40, 3])  # the first bar is the blind spot
    assert [y.split(" ")[0] for y in charts.coverage_chart(covered, 0.05).data[0].y[1]][:2] == ["KE1", "KS2"]


def test_coverage_chart_without_blind_spots_says_so():
    fig = charts.coverage_chart(COVERAGE, 0.01)
    assert fig.layout.title.text == "Every commitment of the direction reached 1% of the notes"


def test_coverage_chart_grows_with_the_projector_type():
    assert (
        charts.coverage_chart(COVERAGE, template="harvest_projector").layout.height
        > charts.coverage_chart(COVERAGE, template="harvest").layout.height
    )


@pytest.mark.parametrize("template", TEMPLATES)
def test_who_spoke_chart_shows_counts_and_shares_with_each_groups_n(template):
    fig = charts.who_spoke_chart(WHO, "region", template=template)
    assert fig.layout.title.text == "Which commitments did each region speak to?"
    assert "7 notes in all" in fig.layout.title.subtitle.text
    heat = fig.data[0]
    columns = [html.unescape(x.replace("<br>", " ").replace("- ", "-")) for x in heat.x]
    assert columns == [
        "Northern & Western Europe (4 notes)",
        "Sub-Saharan Africa (2 notes)",
        "Region not known (1 note)",
    ]
    assert [list(row) for row in heat.z] == [[0.75, 0.5, 0.0], [0.0, 1.0, 1.0]]
    assert heat.text[0][0] == "3 · 75%" and heat.text[1][0] == "·"
    assert fig.layout.xaxis.title.text == "Authors' region"


def test_who_spoke_chart_keeps_community_types_as_text():
    who = WHO.rename(columns={"region": "community_type"}).replace({"NWE": "<i>x</i>", "SSA": "affiliate"})
    fig = charts.who_spoke_chart(who, "community_type")
    assert fig.data[0].x[0].startswith("&lt;i&gt;x&lt;/i&gt;")
    assert fig.data[0].x[2].startswith("Community<br>type not<br>known")
    assert fig.layout.xaxis.title.text == "Authors' community type"


@pytest.mark.parametrize("template", TEMPLATES)
def test_equity_chart_puts_region_names_on_the_axis_and_theme_colours_on_the_dots(template):
    fig = charts.equity_chart(PICTURE, template=template)
    assert fig.layout.title.text == "Whose presence and whose voice fell short?"
    subtitle = fig.layout.title.subtitle.text
    assert "Shares of 4 participants and 8 notes" in subtitle and "2 notes with no known region left out" in subtitle
    dots = {(t.name, t.xaxis): t for t in fig.data if t.mode == "markers"}
    assert dots[("World population", "x")].marker.color == PAIR["reference"]
    assert dots[("Participants", "x")].marker.color == PAIR["people"]
    assert dots[("Participants", "x2")].marker.color == PAIR["people"]
    assert dots[("Notes", "x2")].marker.color == PAIR["notes"]
    assert list(dots[("Participants", "x")].y) == [REGIONS[r] for r in REGION_IDS]  # names, never ids
    assert list(dots[("Notes", "x2")].x) == list(PICTURE["notes_share"][:8])
    assert [t.name for t in fig.data if t.showlegend is not False] == ["World population", "Participants", "Notes"]
    gaps_text = [t for t in fig.data if t.mode == "text" and t.xaxis == "x2"][0]
    assert list(gaps_text.text)[3] == "−12 points"  # SSA: 37.5% of notes, 50% of participants
