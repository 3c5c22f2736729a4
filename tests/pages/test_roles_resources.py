"""The Roles and resources page: coded needs and responsible parties equal the analysis, "named but not coded" notes
are shown apart and never counted, and the notes behind each bar are plain text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import findings, needs, themes
from analysis.filters import Filters, apply_filters
from loaders import load_export
from loaders.codebook import load_codebook
from tests.helpers.apptest import SAMPLE, figures, param, texts
from tests.helpers.exports import HOSTILE_TEXTS as HOSTILE
from tests.helpers.exports import TINY_PEOPLE, write_export
from tests.helpers.views import view_at

PAGE = "pages/roles_resources.py"


def scoped(filters: Filters = Filters(), questions=needs.SCOPE_QUESTIONS) -> pd.DataFrame:
    export = load_export(SAMPLE)
    return needs.in_scope(apply_filters(export.contributions, export.participants, filters)[0], questions)


def coded_table(at) -> pd.DataFrame:
    return next(df.value for df in at.dataframe if list(df.value.columns) == list(themes.NOTE_COLUMNS))


def named_table(at) -> pd.DataFrame | None:
    return next((df.value for df in at.dataframe if "matched" in df.value.columns), None)


def test_needs_and_responsible_bars_equal_the_analysis_on_the_sample(run_page):
    at = run_page(PAGE)
    notes, codes = scoped(), load_codebook().codes
    need, named = needs.need_frequency(notes, codes), needs.named_not_coded(notes, codes)
    bars = figures(at)[0]["data"]
    assert bars[0]["x"] == list(need["notes"])
    assert bars[1]["x"] == list(need["code"].map(named.set_index("code")["named_not_coded"]))
    subtitle = figures(at)[0]["layout"]["title"]["subtitle"]["text"]
    assert f"share of the {int(need['coded_notes'].iloc[0])} notes carrying any need" in subtitle
    assert findings.needs(view_at()).sentence in texts(at)
    responsible = needs.need_frequency(notes, codes, "responsible")
    assert figures(at)[2]["data"][0]["x"] == list(responsible["notes"])
    by_type = needs.need_by(notes, codes, "community_type")
    assert findings.leading_group(view_at(), by_type, "community type", load_codebook().label).sentence in texts(at)
    assert len(figures(at)) == 4


def test_a_region_in_the_url_and_the_scope_change_the_numbers(run_page):
    codes = load_codebook().codes
    at = run_page(PAGE, query={"region": "NWE"})
    nwe = needs.need_frequency(scoped(Filters(region=("NWE",))), codes)
    assert figures(at)[0]["data"][0]["x"] == list(nwe["notes"])
    assert list(nwe["notes"]) != list(needs.need_frequency(scoped(), codes)["notes"])
    at.radio(key="url_scope").set_value("all").run()
    assert param(at, "scope") == ["all"]
    everywhere = needs.need_frequency(scoped(Filters(region=("NWE",)), None), codes)
    assert figures(at)[0]["data"][0]["x"] == list(everywhere["notes"])
    assert param(at, "region") == ["NWE"]


def test_notes_behind_a_need_count_equals_its_bar_and_named_notes_are_apart(run_page):
    notes, codes = scoped(), load_codebook().codes
    need = needs.need_frequency(notes, codes).set_index("code")
    named = needs.named_not_coded(notes, codes).set_index("code")
    at = run_page(PAGE, query={"code": "translation"})
    assert at.selectbox(key="url_code").value == "translation"
    assert len(coded_table(at)) == need.loc["translation", "notes"]
    shown_named = named_table(at)
    assert len(shown_named) == named.loc["translation", "named_not_coded"]
    assert set(shown_named["text"]).isdisjoint(set(coded_table(at)["text"]))
    assert "participant_id" not in coded_table(at).columns and "participant_id" not in shown_named.columns


def test_choosing_a_responsible_party_shows_its_notes_and_updates_the_url(run_page):
    notes, codes = scoped(), load_codebook().codes
    responsible = needs.need_frequency(notes, codes, "responsible").set_index("code")
    at = run_page(PAGE)
    at.selectbox(key="url_code").set_value("resp_partners").run()
    assert param(at, "code") == ["resp_partners"]
    assert len(coded_table(at)) == responsible.loc["resp_partners", "notes"]
    assert named_table(at) is None  # "named but not coded" is for needs only


@pytest.fixture
def hostile_export(tmp_path: Path) -> Path:
    rows = [
        {"participant_id": "p1", "question": "Q3", "round": 4, "text": text, "themes": ["funding"]} for text in HOSTILE
    ]
    rows += [
        {"participant_id": "p2", "question": "Q3", "round": 5, "text": text + " we need money", "themes": []}
        for text in HOSTILE
    ]
    return write_export(tmp_path / "hostile", rows, TINY_PEOPLE)


def test_hostile_note_text_is_shown_literally(run_page, hostile_export):
    at = run_page(PAGE, data=hostile_export, query={"code": "funding"})
    assert sorted(coded_table(at)["text"]) == sorted(HOSTILE)
    assert sorted(named_table(at)["text"]) == sorted(t + " we need money" for t in HOSTILE)
    assert set(named_table(at)["matched"]) == {"money (en)"}
    assert figures(at)[0]["data"][0]["x"] == [3, 0, 0, 0, 0, 0, 0]  # the named notes are not added
    rendered = "\n".join(str(e.value) for e in at.markdown)
    assert "onerror" not in rendered and "example.com" not in rendered


def test_no_notes_in_q2_and_q3_shows_the_empty_state(run_page, tmp_path):
    data = write_export(
        tmp_path / "q1", [{"participant_id": "p1", "question": "Q1", "round": 1, "themes": ["funding"]}]
    )
    at = run_page(PAGE, data=data)
    assert not figures(at)
    assert any("No notes in Q2 and Q3" in str(i.value) for i in at.info)
