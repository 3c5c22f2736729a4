"""The Participation page shows the participation measures of the export in use, under the URL's filters; an export
without a participants file says its participants are derived from the notes; the map's outlines are served locally."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import findings, participation
from analysis.escape import unmarkdown
from analysis.filters import Filters
from analysis.privacy import merged_label
from analysis.vocabulary import NOT_KNOWN, group_label
from loaders import load_export
from loaders.regions import REGIONS
from tests.helpers.apptest import ROOT, figures, texts
from tests.helpers.exports import write_export
from tests.helpers.views import view_at

PAGE = "pages/participation.py"


def sample(filters: Filters = Filters()):
    """(notes, people) of the sample under the filters, as the page gets them (small groups merged)."""
    view = view_at(filters=filters)
    return view.notes, view.people


def figure(at, title_start: str) -> dict:
    found = [f for f in figures(at) if f["layout"]["title"]["text"].startswith(title_start)]
    assert len(found) == 1, [f["layout"]["title"]["text"] for f in figures(at)]
    return found[0]


def shown_by_region(fig: dict, trace: str = "Participants") -> dict[str, int]:
    """Region name -> count (groups with none left out), read from the bars' hover data (the y labels carry a colour
    swatch)."""
    bars = next(t for t in fig["data"] if t.get("name") == trace)
    return {row[0]: row[1] for row in bars["customdata"] if row[1]}


def expected(table, by: str = "region", column: str = "people") -> dict[str, int]:
    """Group name -> count from a finding's table, groups with none and "not known" left out."""
    return {
        group_label(by, g): int(n) for g, n in zip(table[by], table[column], strict=True) if g != NOT_KNOWN and n > 0
    }


def param(at, name: str) -> list[str]:
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def test_participants_per_region_equal_the_analysis_on_the_sample(run_page):
    at = run_page(PAGE)
    voice = findings.voice(view_at())
    fig = figure(at, "Who was in the room")
    assert shown_by_region(fig) == expected(voice.table)
    # Middle East & North Africa and North America have 3 participants each: one group of 6, on every chart.
    assert shown_by_region(fig)["Regions with fewer than 5 participants here"] == 6
    assert "Middle East & North Africa" not in shown_by_region(fig)
    assert shown_by_region(fig, "Notes") == expected(voice.table, column="notes")
    assert f"share of {len(view_at().people)} participants" in fig["layout"]["title"]["subtitle"]["text"]
    assert participation.people_and_notes_sentence(voice.table, "region") in texts(at)
    assert voice.sentence in texts(at)
    gap = figure(at, "Whose voice was recorded")
    known = voice.table[voice.table["region"] != NOT_KNOWN]
    assert gap["data"][0]["x"] == pytest.approx(
        [g * 100 for g in known["gap"][(known["people"] > 0) | (known["notes"] > 0)]]
    )


def test_representation_languages_and_countries_equal_the_analysis(run_page):
    at = run_page(PAGE)
    view = view_at()
    room = findings.room(view)
    fig = figure(at, "How does the room compare")
    participants = next(t for t in fig["data"] if t.get("name") == "Participants")
    assert participants["x"] == pytest.approx(list(room.table["people_share"] * 100))
    assert any("UN World Population Prospects 2017" in a["text"] for a in fig["layout"]["annotations"])
    assert room.sentence in texts(at)

    countries = participation.countries(view.people, view.guard.grouping("country"))
    world = figure(at, "Where did the participants come from")
    drawn = countries["iso3"].isin(world["data"][0]["locations"])
    assert sum(world["data"][0]["z"]) + sum(countries.loc[~drawn, "people"]) == len(view.people)
    assert all(z >= 5 for z in world["data"][0]["z"])  # no country of fewer than k participants on the map
    merged = int(countries.loc[countries["country"] == merged_label(5), "people"].sum())
    assert merged > 0  # most countries of the sample have fewer than 5 participants
    assert any(a["text"].startswith(f"Not on the map: {merged} participants") for a in world["layout"]["annotations"])
    assert participation.countries_sentence(countries) in texts(at)

    spoken = view.guard.grouping("languages", participation.spoken_pairs)
    languages = participation.language_use(view.people, view.notes, spoken)
    bars = figure(at, "Which languages")["data"][0]
    merged = languages["language"] == merged_label(5)
    drawn = pd.concat([languages[~merged].head(len(bars["x"]) - int(merged.sum())), languages[merged]])
    assert bars["x"] == pytest.approx([None if v != v else v * 100 for v in drawn["people_share"]], nan_ok=True)
    assert bars["y"][-1] == merged_label(5)  # languages of too few speakers: one row, last
    assert bars["y"][0] == languages["language_name"].iloc[0]
    assert participation.languages_sentence(languages) in texts(at)
    assert all(n is None or n >= 5 for n in bars["customdata"])


def test_a_region_in_the_url_changes_the_numbers(run_page):
    at = run_page(PAGE, query={"region": "NWE", "view": "community_type"})
    view = view_at(filters=Filters(region=("NWE",)))
    voice = findings.voice(view, "community_type")
    bars = next(t for t in figure(at, "Who was in the room")["data"] if t["name"] == "Participants")
    assert sum(row[1] for row in bars["customdata"]) == len(view.people) < len(view_at().people)
    assert {row[0]: row[1] for row in bars["customdata"] if row[1]} == expected(voice.table, "community_type")
    assert all(row[1] == 0 or row[1] >= 5 for row in bars["customdata"])
    assert param(at, "region") == ["NWE"]
    # Grouped by region, one chosen region is all of the room and all of the notes: nothing to compare, said so.
    at = run_page(PAGE, query={"region": "NWE"})
    assert "Not shown while one region is chosen in the filters" in texts(at)
    assert not [f for f in figures(at) if f["layout"]["title"]["text"].startswith("Who was in the room")]
    # Against the world, a region filter would only say the chosen region is everyone: the page says so instead.
    assert "Remove the region filter to compare the room with the world" in texts(at)
    assert not [f for f in figures(at) if f["layout"]["title"]["text"].startswith("How does the room compare")]


def test_the_grouping_comes_from_the_url_and_stays_in_it(run_page):
    at = run_page(PAGE, query={"view": "community_type"})
    voice = findings.voice(view_at(), "community_type")
    fig = figure(at, "Who was in the room")
    assert fig["layout"]["title"]["text"].endswith("By community type")
    bars = next(t for t in fig["data"] if t["name"] == "Participants")
    assert {row[0]: row[1] for row in bars["customdata"] if row[1]} == expected(voice.table, "community_type")
    assert param(at, "view") == ["community_type"]
    at.segmented_control(key="url_view").set_value("community").run()
    assert figure(at, "Who was in the room")["layout"]["title"]["text"].endswith("By community")
    assert param(at, "view") == ["community"]
    at.segmented_control(key="url_view").set_value("region").run()
    assert "view" not in at.query_params


def test_an_unknown_grouping_in_the_url_falls_back_to_regions(run_page):
    at = run_page(PAGE, query={"view": "<script>"})
    assert figure(at, "Who was in the room")["layout"]["title"]["text"].endswith("By region")


def test_the_map_outlines_are_served_by_the_app(run_page):
    at = run_page(PAGE)
    charts = [c for c in at.get("plotly_chart") if "choropleth" in c.proto.spec]
    assert len(charts) == 1
    url = json.loads(charts[0].proto.config)["topojsonURL"]
    assert url == "/app/static/topojson/"  # Streamlit serves ./static at /app/static/ (server.enableStaticServing)
    assert (ROOT / "static" / "topojson" / "world_110m.json").is_file()
    assert (ROOT / "static" / "topojson" / "world_110m.LICENSE").is_file()


FLAT = {
    "contribution_id": [f"n{i}" for i in range(12)],
    "text": [f"note {i}" for i in range(12)],
    "participant_id": [f"p{i}" for i in range(10)] + ["p0", None],
    "region": ["NWE"] * 5 + ["SSA"] * 5 + ["NWE", "SA"],
    "country": ["SE"] * 5 + ["KE"] * 5 + ["SE", "IN"],
    "community_type": ["affiliate"] * 5 + ["partner"] * 5 + ["affiliate", None],
    "language": ["sv", "en", "sw", "en", "sv", "en", "sw", "en", "sv", "en", "sv", "en"],
}


def test_without_a_participants_file_the_page_says_participation_is_derived_from_notes(run_page, tmp_path):
    at = run_page(PAGE, data=write_export(tmp_path / "flat", FLAT))
    assert "authors named on the notes" in texts(at)
    export = load_export(tmp_path / "flat")
    assert export.participants_source == "notes"
    fig = figure(at, "Who was in the room")
    assert shown_by_region(fig, "Authors") == {REGIONS["NWE"]: 5, REGIONS["SSA"]: 5}
    assert shown_by_region(fig, "Notes") == {REGIONS["NWE"]: 6, REGIONS["SSA"]: 5, REGIONS["SA"]: 1}
    # Nobody's spoken languages are known: the language chart shows the notes alone.
    languages = figure(at, "Which languages")
    assert [t["name"] for t in languages["data"]] == ["Notes written in it (of 12)"]


def test_a_tiny_export_shows_no_count_of_people_and_says_why(run_page, tmp_path):
    """Two authors: every count of people would single them out. The notes are still counted."""
    small = {k: v[:3] for k, v in FLAT.items()}
    small["participant_id"] = ["p1", "p1", "p2"]
    at = run_page(PAGE, data=write_export(tmp_path / "two", small))
    assert not [f for f in figures(at) if "participants" in json.dumps(f["data"]).lower()]
    info = "\n".join(unmarkdown(str(e.value)) for e in at.info)
    assert "it holds fewer than 5 authors, so they could be told apart" in info
    assert figure(at, "Which languages")["data"][0]["name"] == "Notes written in it (of 3)"


def test_an_empty_selection_explains_itself_instead_of_drawing_empty_axes(run_page, tmp_path):
    people = {
        "participant_id": [f"p{i}" for i in range(10)],
        "region": ["NWE"] * 5 + ["SSA"] * 5,
        "community_type": ["affiliate"] * 5 + ["partner"] * 5,
        "country": ["SE"] * 5 + ["KE"] * 5,
        "languages": [["sv"]] * 5 + [["sw"]] * 5,
    }
    notes = {k: v[:3] for k, v in FLAT.items() if k in ("contribution_id", "text", "participant_id", "language")}
    at = run_page(PAGE, data=write_export(tmp_path / "ten", notes, people), query={"region": "NWE", "ctype": "partner"})
    assert not figures(at)
    info = "\n".join(unmarkdown(str(e.value)) for e in at.info)
    assert "No participant in this selection has a region: the filters in force keep none" in info
    assert "No participant in this selection has a country" in info


def test_self_described_groups_never_show_fewer_than_k_people(run_page):

    at = run_page("pages/participation.py")
    sensitive = [f for f in figures(at) if "(self-described)" in f["layout"]["title"]["text"]]
    assert len(sensitive) == 3  # gender, age band, region x community type
    for figure in sensitive:
        bar = figure["data"][0]
        assert all(count >= 5 for count in bar["x"]), (figure["layout"]["title"]["text"], bar["x"])
        assert "k = 5" in figure["layout"]["title"]["subtitle"]["text"]
        assert sum(bar["x"]) == 81  # nothing lost: merged, not dropped
    crossing = sensitive[2]["data"][0]
    assert merged_label(5) in crossing["y"]  # the sample has small region x community-type groups


def people_numbers(at) -> list[int]:
    """Every count of people a chart of the page draws: bar hover counts, map values, group sizes."""
    found = []
    for fig in figures(at):
        title = fig["layout"]["title"]["text"]
        for trace in fig["data"]:
            name = str(trace.get("name", ""))
            if trace.get("type") == "choropleth":
                found += [int(z) for z in trace["z"]]
            elif "(self-described)" in title:
                found += [int(x) for x in trace["x"]]
            elif name in ("Participants", "Authors") and trace.get("customdata"):
                found += [int(row[1]) for row in trace["customdata"] if isinstance(row, list) and row[1] is not None]
            elif name.startswith("Participants who speak it"):
                found += [int(n) for n in trace["customdata"] if n is not None]
    return found


@pytest.mark.parametrize(
    "query",
    [
        {"community": "Wikimedia Deutschland"},
        {"region": "MENA", "view": "community_type"},
        {"community": "Wikimedia LGBT+", "view": "community"},
    ],
)
def test_a_link_naming_a_small_group_is_answered_with_its_group_and_shows_no_one(run_page, query):
    at = run_page(PAGE, query=query)
    name = next(v for k, v in query.items() if k != "view")
    assert f"“{name}” is shown as “" in texts(at)
    dim = "community" if "community" in query else "region"
    assert param(at, dim) == [
        f"{'Communities' if dim == 'community' else 'Regions'} with fewer than 5 participants here"
    ]
    drawn = people_numbers(at)
    assert drawn, "the grouped selection still shows its people"
    assert all(n == 0 or n >= 5 for n in drawn), drawn
