"""The Themes page shows the analysis results on the export in use, under the URL's filters, with the notes behind
each theme as plain text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import findings, themes
from analysis.escape import unmarkdown
from analysis.filters import Filters, apply_filters
from analysis.vocabulary import pct
from loaders import load_export
from loaders.codebook import load_codebook
from tests.helpers.apptest import SAMPLE, figures, param, texts
from tests.helpers.exports import HOSTILE_TEXTS as HOSTILE
from tests.helpers.exports import TINY_PEOPLE, write_export
from tests.helpers.views import view_at

PAGE = "pages/themes.py"


def sample_notes(filters: Filters = Filters()) -> pd.DataFrame:
    export = load_export(SAMPLE)
    return apply_filters(export.contributions, export.participants, filters)[0]


def drill_down(at) -> pd.DataFrame:
    """The table of notes behind the chosen theme (the one with a note's columns)."""
    tables = [df.value for df in at.dataframe if list(df.value.columns) == list(themes.NOTE_COLUMNS)]
    assert len(tables) == 1
    return tables[0]


def test_frequency_bars_equal_the_analysis_on_the_sample(run_page):
    at = run_page(PAGE)
    found = findings.frequency(view_at(), ("theme",))
    freq = themes.sort_frequency(found.table.assign(order=range(len(found.table))), "notes")
    bar = figures(at)[0]["data"][0]
    assert bar["x"] == list(freq["notes"])
    assert [row[0] for row in bar["customdata"]] == list(freq["code"])
    subtitle = figures(at)[0]["layout"]["title"]["subtitle"]["text"]
    assert f"share of the {int(freq['coded_notes'].iloc[0])} notes carrying any strategy theme" in subtitle
    assert found.sentence in texts(at)
    assert len(figures(at)) == 4  # frequency, by round, by region, together


def test_heat_maps_equal_the_analysis(run_page):
    at = run_page(PAGE)
    notes = sample_notes()
    codes = list(themes.theme_frequency(notes, load_codebook().codes)["code"])
    by_round = themes.theme_by(notes, codes, "question_round")
    shown = figures(at)[1]["data"][0]
    assert shown["text"][0][0] == f"{by_round['notes'].iloc[0]}<br>{pct(by_round['share'].iloc[0])}"
    assert sum(int(cell.split("<br>")[0]) for row in shown["text"] for cell in row) == by_round["notes"].sum()
    by_region = themes.theme_by(notes, codes, "region")
    assert findings.leading_group(view_at(), by_region, "region", load_codebook().label).sentence in texts(at)
    assert findings.movement(view_at(), codes).sentence in texts(at)
    pairs = themes.co_occurrence(notes, codes)
    assert themes.co_sentence(pairs, load_codebook().label) in texts(at)


def test_a_region_in_the_url_changes_the_numbers(run_page):
    at = run_page(PAGE, query={"region": "SSA"})
    filtered = themes.theme_frequency(sample_notes(Filters(region=("SSA",))), load_codebook().codes)
    everything = themes.theme_frequency(sample_notes(), load_codebook().codes)
    bar = figures(at)[0]["data"][0]
    assert bar["x"] == list(filtered["notes"])
    assert bar["x"] != list(everything["notes"])
    assert param(at, "region") == ["SSA"]


def test_drill_down_shows_the_notes_of_the_theme_in_the_url(run_page):
    notes = sample_notes()
    freq = themes.theme_frequency(notes, load_codebook().codes).set_index("code")
    at = run_page(PAGE, query={"code": "augmented_age"})
    assert at.selectbox(key="url_code").value == "augmented_age"
    table = drill_down(at)
    assert len(table) == freq.loc["augmented_age", "notes"]
    expected = themes.notes_with_code(notes, "augmented_age")
    assert sorted(table["text"]) == sorted(expected["text"])
    assert "participant_id" not in table.columns
    assert f"{len(table)} notes carry “The augmented age”." in texts(at)
    assert param(at, "code") == ["augmented_age"]


def test_choosing_a_theme_puts_it_in_the_url_and_search_narrows_the_notes(run_page):
    at = run_page(PAGE)
    at.selectbox(key="url_code").set_value("knowledge_ecosystem").run()
    assert param(at, "code") == ["knowledge_ecosystem"]
    table = drill_down(at)
    word = table["text"].iloc[0].split()[0]
    at.text_input(key="url_search").set_value(word.upper()).run()
    narrowed = drill_down(at)
    assert param(at, "search") == [word.upper()]  # a shared link brings the search back
    assert 1 <= len(narrowed) <= len(table)
    assert all(word.casefold() in text.casefold() for text in narrowed["text"])


def test_including_needs_and_responsible_codes(run_page):
    at = run_page(PAGE)
    at.multiselect(key="url_kinds").set_value(["theme", "need", "responsible"]).run()
    freq = themes.theme_frequency(sample_notes(), load_codebook().codes, ("theme", "need", "responsible"))
    assert figures(at)[0]["data"][0]["x"] == list(freq["notes"])
    assert len(freq) == 16


@pytest.fixture
def hostile_export(tmp_path: Path) -> Path:
    rows = [
        {
            "participant_id": "p1",
            "question": "Q1",
            "round": 1,
            "text": text,
            "themes": ["healthy_inclusive_communities"],
        }
        for text in HOSTILE
    ]
    rows += [
        {
            "participant_id": "p2",
            "question": "Q1",
            "round": 2,
            "text": "Facilitator shorthand",
            "themes": ["healthy_inclusive_communities", "made_up_code"],
        }
    ]
    return write_export(tmp_path / "hostile", rows, TINY_PEOPLE)


def test_hostile_note_text_is_shown_literally(run_page, hostile_export):
    at = run_page(PAGE, data=hostile_export, query={"code": "healthy_inclusive_communities"})
    table = drill_down(at)
    for text in HOSTILE:
        assert text in list(table["text"])
    rendered = "\n".join(str(e.value) for e in at.markdown)
    assert "onerror" not in rendered and "example.com" not in rendered


def test_codes_not_in_the_codebook_are_listed_not_counted(run_page, hostile_export):
    at = run_page(PAGE, data=hostile_export)
    bar = figures(at)[0]["data"][0]
    assert "made_up_code" not in [row[0] for row in bar["customdata"]]  # counted in none of the charts
    assert any("not in the codebook" in unmarkdown(str(w.value)) for w in at.warning)
    assert "⚠ made_up_code (1 note)" in texts(at)


def test_no_coded_notes_shows_the_empty_state_not_an_empty_axis(run_page, tmp_path):
    data = write_export(tmp_path / "uncoded", [{"participant_id": "p1", "question": "Q1", "round": 1}], TINY_PEOPLE)
    at = run_page(PAGE, data=data)
    assert not figures(at)
    assert any("no note has a strategy theme" in unmarkdown(str(i.value)) for i in at.info)
