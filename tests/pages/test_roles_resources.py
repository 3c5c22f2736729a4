"""The Roles and resources page: coded needs and responsible parties equal the analysis, "named but not coded" notes
are shown apart and never counted, and the notes behind each bar are plain text."""

from __future__ import annotations

import json
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


def page_as_seen(at) -> tuple[str, str, list]:
    """What a user sees on the page: the charts (as JSON: an empty cell's NaN equals itself), the texts (sentences,
    captions), the notes behind the chosen bar."""
    charts = json.dumps([fig["data"] for fig in figures(at)], sort_keys=True)
    return charts, texts(at), coded_table(at).to_dict("records")


def test_question_ids_in_lower_case_show_the_same_results_as_the_codebook_s(run_page, tmp_path):
    def export(name: str, q2: str, q3: str) -> Path:
        rows = []
        for i, (text, codes) in enumerate(
            [("we need grants", ["funding"]), ("translators", ["translation", "resp_affiliates"])] * 4
        ):
            person = f"p{i % 2 + 1}"
            rows.append({"participant_id": person, "question": q2, "round": 3, "text": f"{text} {i}", "themes": codes})
            rows.append(
                {"participant_id": person, "question": q3, "round": 4, "text": f"more {i}", "themes": ["funding"]}
            )
        rows.append(
            {"participant_id": "p1", "question": "Q1", "round": 1, "text": "not in scope", "themes": ["funding"]}
        )
        return write_export(tmp_path / name / "cafe", rows, TINY_PEOPLE)  # one name: the page says it

    upper = run_page(PAGE, data=export("upper", "Q2", "Q3"), query={"code": "funding"})
    lower = run_page(PAGE, data=export("lower", "q2", "q3"), query={"code": "funding"})
    _charts, said, behind = page_as_seen(lower)
    assert figures(lower)[0]["data"][0]["x"][:2] == [
        12,
        4,
    ]  # funding on 12 of the 16 notes in Q2 and Q3, translation on 4; not Q1's
    assert len(behind) == 12 and {row["question"] for row in behind} == {"Q2", "Q3"}
    assert "Q2 · How would this direction change your work in the context of diversity?" in said
    assert page_as_seen(lower) == page_as_seen(upper)


def test_a_question_s_wording_from_a_team_codebook_is_shown_as_text(run_page, hostile_export, tmp_path):
    from analysis.escape import markdown, unmarkdown
    from tests.helpers.hostile import hostile_codebook

    book = hostile_codebook(tmp_path / "team.toml")
    at = run_page("pages/codebook.py", data=hostile_export)
    at.file_uploader(key="codebook_upload_0").set_value(("team.toml", book.read_bytes(), "application/toml"))
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    wording = load_codebook(book).question_label("Q2")
    assert wording in [t.value for t in at.text][0].splitlines()  # plain text, as written
    helped = at.radio(key="url_scope").help
    assert helped == markdown(unmarkdown(helped)) and wording in unmarkdown(helped)  # escaped before Markdown


def test_a_link_naming_a_question_in_lower_case_filters_that_question(run_page):
    at = run_page(PAGE, query={"question": "q3"})
    chosen = at.multiselect(key="filter_question")
    assert chosen.value == ["Q3"]
    assert param(at, "question") == ["Q3"]
    assert not any("q3" in str(w.value) for w in at.warning)  # not "ignored": it is the codebook's Q3
    assert chosen.options[1].startswith("Q2 · How would this direction")  # offered with its wording
    scoped_q3 = scoped(Filters(question=("Q3",)))
    assert figures(at)[0]["data"][0]["x"] == list(needs.need_frequency(scoped_q3, load_codebook().codes)["notes"])
