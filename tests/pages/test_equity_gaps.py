"""The Equity gaps page on the sample and on tiny exports: what a user sees equals the analysis, and moves with the
threshold, the grouping and the filters."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from analysis import findings, gaps
from analysis.escape import unmarkdown
from analysis.filters import Filters
from analysis.settings import settings
from charts.gaps import commitment_text
from loaders.codebook import load_codebook
from tests.helpers.apptest import SAMPLE, figures, texts
from tests.helpers.exports import write_export
from tests.helpers.views import view_at

PAGE = "pages/equity_gaps.py"
LIST = pa.list_(pa.string())


def analysed(data: Path = SAMPLE, **chosen: tuple[str, ...]):
    """(notes, people, commitments) as the page sees them under these filters (small groups merged)."""
    view = view_at(data, Filters(**chosen))
    return view.notes, view.people, load_codebook().commitments


def shown_coverage(fig: dict, covered) -> dict[str, float]:
    """commitment id -> the share of notes its bar shows (bars are matched by their axis label)."""
    ids = {commitment_text(c, lab): c for c, lab in zip(covered["commitment"], covered["label"], strict=True)}
    return {ids[label]: x for trace in fig["data"] for label, x in zip(trace["y"][1], trace["x"], strict=True)}


def blind_spots_drawn(fig: dict) -> list[str]:
    """The commitments whose bars the coverage chart draws as blind spots (in the "negative" colour)."""
    from charts.style import PAIR

    trace = fig["data"][0]
    return [
        label.split(" ")[0]
        for label, colour in zip(trace["y"][1], trace["marker"]["color"], strict=True)
        if colour == PAIR["negative"]
    ]


def test_coverage_shown_equals_the_analysis(run_page):
    at = run_page(PAGE)
    notes, _people, commitments = analysed()
    covered = gaps.coverage(notes, commitments)
    fig = figures(at)[0]
    expected = dict(zip(covered["commitment"], covered["note_share"], strict=True))
    assert shown_coverage(fig, covered) == pytest.approx(expected)
    coded = int(covered["coded_notes"].iloc[0])
    assert f"share of the {coded:,} notes coded for the direction" in fig["layout"]["title"]["subtitle"]["text"]
    assert findings.direction(view_at()).sentence in texts(at)


def test_blind_spots_listed_follow_the_threshold(run_page):
    at = run_page(PAGE)
    notes, _people, commitments = analysed()
    covered = gaps.coverage(notes, commitments)
    default = round(settings().blind_spot_share * 100)
    assert at.select_slider(key="url_blind").value == str(default)
    before = blind_spots_drawn(figures(at)[0])
    assert sorted(before) == sorted(gaps.blind_spots(covered, default / 100)["commitment"])
    at.select_slider(key="url_blind").set_value("20").run()
    after = blind_spots_drawn(figures(at)[0])
    assert sorted(after) == sorted(gaps.blind_spots(covered, 0.20)["commitment"])
    assert findings.direction(view_at(), 0.20).sentence in texts(at)
    assert after != before and set(before) < set(after)
    assert at.query_params["blind"] in ("20", ["20"])
    assert "under 20% of notes" in figures(at)[0]["layout"]["title"]["text"]


def test_a_link_with_a_threshold_opens_at_that_threshold(run_page):
    at = run_page(PAGE, query={"blind": "12"})
    notes, _people, commitments = analysed()
    assert at.select_slider(key="url_blind").value == "12"
    assert sorted(blind_spots_drawn(figures(at)[0])) == sorted(
        gaps.blind_spots(gaps.coverage(notes, commitments), 0.12)["commitment"]
    )
    assert at.query_params["blind"] in ("12", ["12"])


def test_a_link_with_a_threshold_that_is_not_a_percent_is_ignored_with_a_note(run_page):
    at = run_page(PAGE, query={"blind": "=cmd|x"})
    assert at.select_slider(key="url_blind").value == str(round(settings().blind_spot_share * 100))
    assert any("blind “=cmd|x”" in unmarkdown(str(w.value)) for w in at.warning)


def test_a_region_filter_changes_the_numbers(run_page):
    all_notes, _people, commitments = analysed()
    everything = gaps.coverage(all_notes, commitments)
    at = run_page(PAGE, query={"region": ["SSA"]})
    notes, _people, commitments = analysed(region=("SSA",))
    covered = gaps.coverage(notes, commitments)
    coverage_fig, who_fig = figures(at)  # no representation picture: the region would be 100% of the room
    shown = shown_coverage(coverage_fig, covered)
    assert shown == pytest.approx(dict(zip(covered["commitment"], covered["note_share"], strict=True)))
    assert shown != pytest.approx(dict(zip(everything["commitment"], everything["note_share"], strict=True)))
    coded = int(covered["coded_notes"].iloc[0])
    assert (
        f"share of the {coded:,} notes coded for the direction" in coverage_fig["layout"]["title"]["subtitle"]["text"]
    )
    columns = [x.replace("<br>", " ").replace("- ", "-") for x in who_fig["data"][0]["x"]]
    assert columns == [f"Sub-Saharan Africa ({coded} notes)"]  # one region left
    assert any(
        "Remove the region filter to compare the room with the world" in unmarkdown(str(i.value)) for i in at.info
    )


def test_a_community_type_filter_changes_the_representation_picture(run_page):
    at = run_page(PAGE, query={"ctype": ["affiliate"]})
    picture = findings.equity_picture(view_at(filters=Filters(community_type=("affiliate",))))
    everything = findings.equity_picture(view_at())
    dots = {(t.get("name"), t.get("xaxis")): t for t in figures(at)[2]["data"] if t.get("mode") == "markers"}
    known = picture[picture["region"] != "Not known"]
    assert dots[("Participants", "x")]["x"] == pytest.approx(list(known["people_share"]))
    assert dots[("Participants", "x")]["x"] != pytest.approx(list(everything["people_share"][: len(known)]))
    # Regions with fewer than k affiliate participants are merged, in this view and against the unfiltered one.
    assert (known["people"] >= 5).all()


def test_who_spoke_to_what_equals_the_analysis_for_either_grouping(run_page):
    at = run_page(PAGE)
    notes, _people, commitments = analysed()
    for by in ("region", "community_type"):
        if by != "region":
            at.radio(key="url_by").set_value(by).run()
        who = gaps.who_spoke(notes, commitments, by)
        heat = figures(at)[1]["data"][0]
        groups = list(dict.fromkeys(who[by]))
        wide = who.pivot(index="commitment", columns=by, values="share").reindex(columns=groups)
        wide = wide.reindex(list(dict.fromkeys(who["commitment"])))
        assert [v for row in heat["z"] for v in row] == pytest.approx(wide.to_numpy().ravel().tolist())
        assert len(heat["x"]) == len(groups)
        assert findings.who_spoke(view_at(), by).sentence in texts(at)


def test_representation_gaps_equal_the_analysis(run_page):
    at = run_page(PAGE)
    picture = findings.equity_picture(view_at())
    equity = figures(at)[2]
    dots = {(t.get("name"), t.get("xaxis")): t for t in equity["data"] if t.get("mode") == "markers"}
    known = picture[picture["region"] != "Not known"]
    assert dots[("Participants", "x")]["x"] == pytest.approx(list(known["people_share"]))
    assert dots[("World population", "x")]["x"] == pytest.approx(list(known["population_share"]))
    assert dots[("Notes", "x2")]["x"] == pytest.approx(list(known["notes_share"]))
    assert f"{findings.room(view_at()).sentence} {findings.voice(view_at()).sentence}" in texts(at)


def directions_export(root: Path, directions: list[list[str]]) -> Path:
    """Notes by p1 (SSA) at table A with these direction codes; p2 to p5 (SSA) and p6 to p10 (SA) wrote none."""
    n = len(directions)
    return write_export(
        root,
        {"participant_id": ["p1"] * n, "table": ["A"] * n, "direction": directions},
        {"participant_id": [f"p{i}" for i in range(1, 11)], "region": ["SSA"] * 5 + ["SA"] * 5},
    )


def test_codes_not_in_the_codebook_are_flagged(run_page, tmp_path):
    at = run_page(PAGE, data=directions_export(tmp_path / "cafe", [["KE1"], ["XX9"], ["XX9", "KE5"]]))
    assert any("not in the codebook" in unmarkdown(str(w.value)) for w in at.warning)
    assert "XX9 (2 notes)" in texts(at)
    labels = [label for trace in figures(at)[0]["data"] for label in trace["y"][1]]
    assert "⚠ XX9 (not in codebook)" in labels


def test_an_export_without_notes_shows_the_empty_state_and_still_the_room(run_page, tmp_path):
    at = run_page(PAGE, data=directions_export(tmp_path / "empty", []))
    assert sum("no note has a commitment of the direction" in unmarkdown(str(i.value)) for i in at.info) == 2
    assert len(figures(at)) == 1  # the representation picture: who was in the room is still known


def pillar_export(tmp_path: Path, name: str = "pillar") -> Path:
    """Twelve notes by six people, every one coded at the direction level only: "knowledge_equity" (no commitment),
    as a team that records the pillars writes it; two also carry a theme."""
    people = [{"participant_id": f"p{i}", "region": "NWE" if i % 2 else "SSA"} for i in range(1, 7)]
    rows = [
        {"participant_id": f"p{i % 6 + 1}", "question": "Q1", "round": 1, "direction": ["knowledge_equity"]}
        for i in range(12)
    ]
    rows[0]["themes"] = rows[1]["themes"] = ["funding"]
    return write_export(tmp_path / name, rows, people)


def test_notes_coded_only_with_a_pillar_show_pillar_level_coverage_and_no_untouched_pillar(run_page, tmp_path):
    data = pillar_export(tmp_path)
    at = run_page(PAGE, data=data)
    fig = figures(at)[0]
    bars = dict(
        zip([unmarkdown(y.replace("<br>", " ")) for y in fig["data"][0]["y"][1]], fig["data"][0]["x"], strict=True)
    )
    assert bars["Knowledge equity, commitment not specified"] == pytest.approx(1.0)
    assert all(bars[commitment_text(c, lab).replace("<br>", " ")] == 0 for c, lab in COMMITMENT_LABELS)
    said = (
        "None of the 12 notes coded for the direction names a commitment of the codebook; 12 (100%) address "
        "Knowledge equity without naming one of its commitments."
    )
    assert said in texts(at)
    assert said == findings.direction(view_at(data, k=1)).sentence
    assert "100% · 1 of 1 table · no commitment named" in fig["data"][0]["text"]
    assert "12 notes address a pillar without naming a commitment" in fig["layout"]["title"]["text"]
    warned = " ".join(unmarkdown(str(w.value)) for w in at.warning)
    assert "not in the codebook" not in warned  # the pillar is the codebook's own code, not an unknown one
    drawn = " ".join([fig["layout"]["title"]["text"], *fig["data"][0]["text"], said])
    assert not any(w in drawn for w in ("Knowledge equity was not", "not addressed", "untouched"))

    slide = run_page("pages/present.py", data=data, query={"slides": "direction"})
    assert unmarkdown(slide.title[0].value) == said


COMMITMENT_LABELS = [
    (c, lab) for c, lab in zip(load_codebook().commitments["id"], load_codebook().commitments["label"], strict=True)
]
