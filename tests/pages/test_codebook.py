"""The Codebook page: the evaluation of the auto-coder on the sample, counts by source, what the codebook misses, a
team's own codebook; and the spreadsheet import on the Data page."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis import autocode as ac
from analysis.escape import unmarkdown
from analysis.filters import Filters, apply_filters
from analysis.vocabulary import pct
from loaders import Export, load_export
from loaders.codebook import load_codebook
from tests.helpers.apptest import ROOT, SAMPLE, figures, texts

PAGE = "pages/codebook.py"
LIST = pa.list_(pa.string())
TEAM_CODEBOOK = b"""version = "team-1"
title = "Our own codebook"
[[code]]
id = "childcare"
kind = "need"
label = "Childcare"
description = "Care for children so parents can take part."
[code.keywords]
en = ["childcare", "child care", "babysit*"]
"""

pytestmark = pytest.mark.skipif(not (SAMPLE / "contributions.parquet").exists(), reason="no sample export yet")


def expected(filters: Filters = Filters()):
    export = load_export(SAMPLE)
    codebook = load_codebook()
    notes = apply_filters(export.contributions, export.participants, filters)[0]
    return notes, ac.build_index(export.contributions, codebook), codebook


def metrics(at) -> list[tuple[str, str]]:
    return [(unmarkdown(m.label), m.value) for m in at.metric]


def test_the_evaluation_on_the_sample_is_shown_as_the_analysis_computes_it(run_page):
    at = run_page(PAGE)
    notes, matches, codebook = expected()
    summary = ac.evaluation_summary(notes, matches).set_index("column")
    shown = metrics(at)
    for column in ("themes", "direction"):
        row = summary.loc[column]
        assert ("Notes compared", f"{int(row['evaluated_notes']):,}") in shown
        assert ("Agreement: recall", pct(row["recall"])) in shown
        assert ("Agreement: precision", pct(row["precision"])) in shown
        assert ("Notes with a code reproduced", pct(row["any_share"])) in shown
        assert ac.evaluation_sentence(row, {"themes": "codes", "direction": "commitments"}[column]) in texts(at)
    per_code = ac.evaluate(notes, matches, codebook)
    dots = [f for f in figures(at) if "agree" in f["layout"]["title"]["text"]]
    assert len(dots) == 2
    themes_part = per_code[(per_code["column"] == "themes") & (per_code["facilitators"] > 0)]
    assert dots[0]["data"][1]["x"] == pytest.approx(list(themes_part["recall"] * 100))


def test_counts_by_source_and_coverage_equal_the_analysis(run_page):
    at = run_page(PAGE)
    notes, matches, codebook = expected()
    counts = ac.counts_by_source(notes, matches, codebook)
    themes_counts = counts[counts["column"] == "themes"]
    bars = figures(at)[0]
    assert bars["data"][0]["x"] == list(themes_counts["facilitators"])
    assert bars["data"][1]["x"] == list(themes_counts["auto"])
    assert bars["data"][1]["marker"]["pattern"]["shape"] == "/"  # auto codes hatched, not only coloured
    assert f"of {len(notes):,} notes" in bars["layout"]["title"]["subtitle"]["text"]
    cover = ac.coverage(notes, matches).set_index("column")
    assert (
        "Themes from the auto-coder",
        f"{int(cover.loc['themes', 'auto']):,} ({pct(cover.loc['themes', 'auto_share'])})",
    ) in metrics(at)
    assert (
        "Notes no theme covers",
        f"{int(cover.loc['themes', 'none']):,} ({pct(cover.loc['themes', 'none_share'])})",
    ) in metrics(at)


def test_filters_change_the_numbers(run_page):
    at = run_page(PAGE, query={"region": ["NWE"]})
    notes, matches, _ = expected(Filters(region=("NWE",)))
    assert ("Notes in view", f"{len(notes):,}") in metrics(at)
    assert len(notes) < len(load_export(SAMPLE).contributions)
    row = ac.evaluation_summary(notes, matches).set_index("column").loc["themes"]
    assert ("Agreement: recall", pct(row["recall"])) in metrics(at)


def test_what_the_codebook_misses_is_listed_as_text_with_its_frequent_words(run_page):
    at = run_page(PAGE)
    notes, matches, _ = expected()
    missed = ac.unmatched(notes, matches)
    tables = [df.value for df in at.dataframe]
    listed = next(t for t in tables if list(t.columns)[:2] == ["text", "language"])
    assert list(listed["text"]) == list(missed["text"])
    words = ac.frequent_words(missed, top=20, min_notes=2 if len(missed) >= 20 else 1)
    assert ac.words_sentence(words, len(missed)) in texts(at)
    for table in tables:
        assert "participant_id" not in table.columns
    people = set(load_export(SAMPLE).participants["participant_id"].dropna())
    shown = texts(at) + "".join(t.to_csv() for t in tables)
    assert not any(pid in shown for pid in people if len(pid) > 3)


def test_note_text_is_shown_as_data_not_markup(run_page, tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    hostile = "<img src=x onerror=alert(1)> **bold** [link](http://example.com)"
    pq.write_table(
        pa.table(
            {
                "contribution_id": pa.array(["a", "b"]),
                "text": pa.array([hostile, "grants"]),
                "language": pa.array(["en", "en"]),
                "themes": pa.array([[], []], LIST),
            }
        ),
        folder / "contributions.parquet",
    )
    at = run_page(PAGE, data=folder)
    missed = next(df.value for df in at.dataframe if list(df.value.columns)[:2] == ["text", "language"])
    assert hostile in list(missed["text"])
    assert all(hostile not in str(m.value) for m in at.markdown)


def test_a_team_codebook_is_checked_used_and_can_be_dropped(run_page):
    at = run_page(PAGE)
    at.file_uploader(key="codebook_upload_0").set_value(("broken.toml", b"this is [not toml", "application/toml"))
    at.run()
    assert not at.exception
    assert any("broken.toml cannot be used as a codebook" in unmarkdown(str(e.value)) for e in at.error)
    assert "harvest_codebook" not in at.session_state

    at.file_uploader(key="codebook_upload_0").set_value(("team.toml", TEAM_CODEBOOK, "application/toml"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["harvest_codebook"].version == "team-1"
    assert "loaded from team.toml" in texts(at)
    codes_table = next(df.value for df in at.dataframe if "keywords" in df.value.columns)
    assert list(codes_table["code"]) == ["childcare"]
    assert codes_table["keywords"].iloc[0] == "en: childcare, child care, babysit*"

    next(b for b in at.button if b.label == "Back to the default codebook").click()
    at.run()
    assert "harvest_codebook" not in at.session_state
    assert "the default, data/codebook.toml" in texts(at)


def test_the_data_page_imports_a_spreadsheet_after_showing_its_mapping(run_page):
    at = run_page("pages/data.py")
    sheet = "Idea;Home region;Tags\r\nMore grants for small wikis;SSA;funding\r\n;NWE;\r\nMentors;NWE;\r\n"
    at.file_uploader(key="import_sheet").set_value(("wall.csv", b"\xef\xbb\xbf" + sheet.encode(), "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    frames = [df.value for df in at.dataframe]
    mapping = next(f for f in frames if "column in the sheet" in f.columns).set_index("column in the sheet")
    assert mapping.loc["Idea", "becomes"] == "text" and mapping.loc["Idea", "how"] == "guessed"
    assert mapping.loc["Home region", "becomes"] == "region" and mapping.loc["Tags", "becomes"] == "themes"
    problems = next(f for f in frames if "message" in f.columns)
    assert list(problems["row"]) == [3] and list(problems["code"]) == ["empty_text"]
    use = next(b for b in at.button if b.label.startswith("Use this sheet: 2 notes"))
    use.click()
    at.run()
    from ui.uploads import store

    imported = store().get(at.session_state["harvest_upload_key"])
    assert isinstance(imported, Export) and imported.path == "upload: wall.csv"
    assert list(imported.contributions["text"]) == ["More grants for small wikis", "Mentors"]
    assert list(imported.contributions["region"].astype(str)) == ["SSA", "NWE"]
    assert pd.Series(imported.contributions["themes"].iloc[0]).tolist() == ["funding"]
    assert "Export: upload: wall.csv" in texts(at)


def test_the_sheet_mapping_speaks_the_readers_language_and_still_imports(run_page, request):
    """In French the mapping table's words are French (how and why a column was read, "not imported"), the sheet's
    own column names and values stay as they are, and what the person leaves is what is imported."""
    from analysis import messages
    from analysis.messages import msg

    at = run_page("pages/data.py", query={"uselang": "fr"})
    # AppTest formats the sidebar's radio again in the test's own thread on a rerun: speak French there too
    messages.use("fr")
    request.addfinalizer(lambda: messages.use("en"))
    sheet = "Idea;Home region;Colour\r\nMore grants for small wikis;SSA;blue\r\nMentors;NWE;red\r\n"
    at.file_uploader(key="import_sheet").set_value(("wall.csv", sheet.encode(), "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    mapping = next(df.value for df in at.dataframe if "column in the sheet" in df.value.columns)
    mapping = mapping.set_index("column in the sheet")
    assert mapping.loc["Idea", "becomes"] == "text"
    assert mapping.loc["Idea", "how"] == msg("harvest-data-mapping-how-guessed", language="fr") == "deviné"
    assert mapping.loc["Colour", "becomes"] == msg("harvest-data-mapping-not-imported", language="fr")
    assert mapping.loc["Colour", "why"] == msg("harvest-data-mapping-why-unmatched", language="fr")
    assert mapping.loc["Colour", "first value"] == "blue"
    use = next(b for b in at.button if b.label.startswith(msg("harvest-data-use-sheet", language="fr")))
    use.click()
    at.run()
    from ui.uploads import store

    imported = store().get(at.session_state["harvest_upload_key"])
    assert list(imported.contributions["text"]) == ["More grants for small wikis", "Mentors"]
    assert "Colour" not in imported.contributions and "blue" not in imported.contributions.to_string()


def test_the_codes_counted_switch_does_not_turn_auto_codes_into_facilitator_codes(run_page):
    """The page compares the facilitators with the auto-coder: with the sidebar on "both", the auto-coder's codes
    must still be counted as the auto-coder's, and the evaluation still run on the facilitators' codes only."""
    notes, matches, codebook = expected()
    counts = ac.counts_by_source(notes, matches, codebook)
    cover = ac.coverage(notes, matches).set_index("column")
    assert int(cover.loc["themes", "auto"]) > 0
    at = run_page(PAGE, query={"codes": "both"})
    assert at.radio(key="filter_codes").value == "both"
    assert (
        "Themes from the auto-coder",
        f"{int(cover.loc['themes', 'auto']):,} ({pct(cover.loc['themes', 'auto_share'])})",
    ) in metrics(at)
    bars = figures(at)[0]
    assert bars["data"][1]["x"] == list(counts.loc[counts["column"] == "themes", "auto"])


def test_a_codebook_uploaded_in_one_browser_never_changes_what_another_sees(run_page):
    """Caches were keyed on a codebook's version, ids and keywords only: a codebook differing from the default in
    its labels alone, uploaded in one browser, was shown to another. Keys are now a digest of every byte."""

    default = (ROOT / "data" / "codebook.toml").read_text(encoding="utf-8")
    relabelled = default.replace('label = "Healthy, inclusive communities"', 'label = "Relabelled in another browser"')
    assert relabelled != default
    team = run_page(PAGE)
    team.file_uploader(key="codebook_upload_0").set_value(("same.toml", relabelled.encode(), "application/toml"))
    team.run()
    team.switch_page("pages/themes.py").run()
    assert "Relabelled in another browser" in json.dumps(figures(team))
    other = run_page("pages/themes.py")  # a second browser, default codebook, same version, ids and keywords
    assert "Relabelled in another browser" not in json.dumps(figures(other))
    assert "Healthy, inclusive communities" in json.dumps(figures(other))
