"""The Participation page shows the participation measures of the export in use, under the URL's filters; an export
without a participants file says its participants are derived from the notes; the map's outlines are served locally."""

from __future__ import annotations

import json

import pytest

from analysis import findings, participation
from analysis.escape import unmarkdown
from analysis.filters import Filters, apply_filters
from loaders import load_export
from loaders.reference import world_population_share
from loaders.regions import REGIONS
from tests.helpers.apptest import ROOT, SAMPLE, figures, texts
from tests.helpers.exports import write_export
from tests.helpers.views import view_at

PAGE = "pages/participation.py"


def sample(filters: Filters = Filters()):
    """(notes, people) of the sample under the filters, as the page gets them."""
    export = load_export(SAMPLE)
    return apply_filters(export.contributions, export.participants, filters)


def figure(at, title_start: str) -> dict:
    found = [f for f in figures(at) if f["layout"]["title"]["text"].startswith(title_start)]
    assert len(found) == 1, [f["layout"]["title"]["text"] for f in figures(at)]
    return found[0]


def shown_by_region(fig: dict, trace: str = "Participants") -> dict[str, int]:
    """Region name -> count (groups with none left out), read from the bars' hover data (the y labels carry a colour
    swatch)."""
    bars = next(t for t in fig["data"] if t.get("name") == trace)
    return {row[0]: row[1] for row in bars["customdata"] if row[1]}


def expected_by_region(people) -> dict[str, int]:
    table = participation.people_by(people, "region")
    return {REGIONS[r]: n for r, n in zip(table["region"], table["people"], strict=True) if r in REGIONS and n > 0}


def param(at, name: str) -> list[str]:
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def test_participants_per_region_equal_the_analysis_on_the_sample(run_page):
    at = run_page(PAGE)
    notes, people = sample()
    fig = figure(at, "Who was in the room")
    assert shown_by_region(fig) == expected_by_region(people)
    gap = participation.voice_gap(people, notes, "region", known_only=True)
    known = gap[gap["region"].isin(list(REGIONS))]
    assert shown_by_region(fig, "Notes") == {
        REGIONS[r]: n for r, n in zip(known["region"], known["notes"], strict=True) if n > 0
    }
    assert f"share of {len(people)} participants" in fig["layout"]["title"]["subtitle"]["text"]
    assert participation.people_and_notes_sentence(gap, "region") in texts(at)
    assert findings.voice(view_at()).sentence in texts(at)
    voice = figure(at, "Whose voice was recorded")
    assert voice["data"][0]["x"] == pytest.approx(
        [g * 100 for g in known["gap"][(known["people"] > 0) | (known["notes"] > 0)]]
    )


def test_representation_languages_and_countries_equal_the_analysis(run_page):
    at = run_page(PAGE)
    notes, people = sample()
    table = participation.representation(people, world_population_share())
    fig = figure(at, "How does the room compare")
    participants = next(t for t in fig["data"] if t.get("name") == "Participants")
    assert participants["x"] == pytest.approx(list(table["people_share"] * 100))
    assert any("UN World Population Prospects 2017" in a["text"] for a in fig["layout"]["annotations"])
    assert findings.room(view_at()).sentence in texts(at)

    countries = participation.countries(people)
    world = figure(at, "Where did the participants come from")
    assert sum(world["data"][0]["z"]) + sum(
        countries.loc[~countries["iso3"].isin(world["data"][0]["locations"]), "people"]
    ) == len(people)
    assert participation.countries_sentence(countries) in texts(at)

    languages = participation.language_use(people, notes)
    spoken = figure(at, "Which languages")["data"][0]
    assert spoken["x"] == pytest.approx(list(languages["people_share"].head(len(spoken["x"])) * 100))
    assert spoken["y"][0] == languages["language_name"].iloc[0]
    assert participation.languages_sentence(languages) in texts(at)


def test_a_region_in_the_url_changes_the_numbers(run_page):
    at = run_page(PAGE, query={"region": "NWE", "view": "community_type"})
    notes, people = sample(Filters(region=("NWE",)))
    gap = participation.voice_gap(people, notes, "community_type", known_only=True)
    bars = next(t for t in figure(at, "Who was in the room")["data"] if t["name"] == "Participants")
    assert sum(row[1] for row in bars["customdata"]) == len(people) < len(sample()[1])
    assert [row[1] for row in bars["customdata"]] == list(gap.loc[gap["community_type"] != "Not known", "people"])
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
    notes, people = sample()
    gap = participation.voice_gap(people, notes, "community_type", known_only=True)
    fig = figure(at, "Who was in the room")
    assert fig["layout"]["title"]["text"].endswith("By community type")
    bars = next(t for t in fig["data"] if t["name"] == "Participants")
    known = gap[gap["community_type"] != "Not known"]
    assert [row[1] for row in bars["customdata"]] == list(known["people"])
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
    "contribution_id": ["n1", "n2", "n3", "n4"],
    "text": ["a", "b", "c", "d"],
    "participant_id": ["p1", "p1", "p2", None],
    "region": ["NWE", "NWE", "SSA", "SA"],
    "country": ["SE", "SE", "KE", "IN"],
    "community_type": ["affiliate", "affiliate", "partner", None],
    "language": ["sv", "en", "sw", "en"],
}


def test_without_a_participants_file_the_page_says_participation_is_derived_from_notes(run_page, tmp_path):
    at = run_page(PAGE, data=write_export(tmp_path / "flat", FLAT))
    assert "authors named on the notes" in texts(at)
    export = load_export(tmp_path / "flat")
    assert export.participants_source == "notes"
    fig = figure(at, "Who was in the room")
    assert (
        shown_by_region(fig, "Authors")
        == expected_by_region(export.participants)
        == {REGIONS["NWE"]: 1, REGIONS["SSA"]: 1}
    )
    assert shown_by_region(fig, "Notes") == {REGIONS["NWE"]: 2, REGIONS["SSA"]: 1, REGIONS["SA"]: 1}
    # Nobody's spoken languages are known: the language chart shows the notes alone.
    languages = figure(at, "Which languages")
    assert [t["name"] for t in languages["data"]] == ["Notes written in it (of 4)"]


def test_an_empty_selection_explains_itself_instead_of_drawing_empty_axes(run_page, tmp_path):
    people = {
        "participant_id": ["p1", "p2"],
        "region": ["NWE", "SSA"],
        "community_type": ["affiliate", "partner"],
        "country": ["SE", "KE"],
        "languages": [["sv"], ["sw"]],
    }
    notes = {k: v[:3] for k, v in FLAT.items() if k in ("contribution_id", "text", "participant_id", "language")}
    at = run_page(PAGE, data=write_export(tmp_path / "two", notes, people), query={"region": "NWE", "ctype": "partner"})
    assert not figures(at)
    info = "\n".join(unmarkdown(str(e.value)) for e in at.info)
    assert "No participant in this selection has a region: the filters in force keep none" in info
    assert "No participant in this selection has a country" in info


def test_self_described_groups_never_show_fewer_than_k_people(run_page):
    from analysis.privacy import merged_label
    from tests.helpers.apptest import figures

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
