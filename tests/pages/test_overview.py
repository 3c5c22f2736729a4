"""The Overview shows the headline numbers of the export in use, under the filters in the URL."""

import pyarrow as pa
import pyarrow.parquet as pq

from analysis.escape import unmarkdown
from analysis.filters import Filters, apply_filters
from analysis.findings import headline_findings
from analysis.participation import headline
from analysis.vocabulary import pct
from loaders import load_export
from tests.helpers.apptest import SAMPLE, texts
from tests.helpers.views import view_at


def metrics(at) -> dict[str, str]:
    return {unmarkdown(m.label): m.value for m in at.metric}


def expected(filters: Filters = Filters()):
    export = load_export(SAMPLE)
    notes, people = apply_filters(export.contributions, export.participants, filters)
    return notes, people, headline(notes, people)


def test_headline_numbers_match_the_analysis_on_the_sample(run_page):
    at = run_page()
    _, _, numbers = expected()
    shown = metrics(at)
    assert shown["Participants"] == f"{numbers['participants']:,}"
    assert shown["Countries"] == f"{numbers['countries']:,}"
    assert shown["Regions"] == f"{numbers['regions']}"
    assert shown["Notes"] == f"{numbers['notes']:,}"
    assert shown["Languages"] == f"{numbers['languages']:,}"
    assert shown["Anonymous notes"] == pct(numbers["anonymous_share"])


def test_findings_are_the_computed_sentences(run_page):
    at = run_page()
    sentences = [f.sentence for f in headline_findings(view_at())]
    page = texts(at)
    assert len(sentences) >= 3
    for sentence in sentences:
        assert "• " + sentence in page


def test_a_region_in_the_url_filters_the_numbers_and_stays_in_the_url(run_page):
    at = run_page(query={"region": "SSA"})
    _, _, numbers = expected(Filters(region=("SSA",)))
    assert metrics(at)["Participants"] == f"{numbers['participants']:,}"
    assert numbers["participants"] < len(load_export(SAMPLE).participants)
    assert at.query_params["region"] in ("SSA", ["SSA"])
    assert at.multiselect(key="filter_region").value == ["SSA"]


def test_changing_a_filter_changes_the_numbers_and_the_url(run_page):
    at = run_page()
    at.multiselect(key="filter_region").set_value(["NWE", "LAC"]).run()
    _, _, numbers = expected(Filters(region=("NWE", "LAC")))
    assert metrics(at)["Participants"] == f"{numbers['participants']:,}"
    assert at.query_params["region"] == ["NWE", "LAC"]


def test_an_unknown_value_in_the_url_is_ignored_with_a_visible_note(run_page):
    at = run_page(query={"region": ["NWE", "Atlantis"]})
    _, _, numbers = expected(Filters(region=("NWE",)))
    assert metrics(at)["Participants"] == f"{numbers['participants']:,}"
    assert any("“Atlantis”" in unmarkdown(w.value) for w in at.warning)


def test_a_filter_that_leaves_nothing_explains_itself(run_page, tmp_path):
    pq.write_table(pa.table({"contribution_id": ["1"], "text": ["hello"], "round": [1]}), tmp_path / "one.parquet")
    at = run_page(data=tmp_path / "one.parquet", query={"round": "1"})
    assert metrics(at)["Notes"] == "1"


def test_an_export_with_no_notes_yet_loads_and_says_so(run_page, tmp_path):
    (tmp_path / "live").mkdir()
    (tmp_path / "live" / "contributions.parquet").mkdir()
    at = run_page(data=tmp_path / "live")
    assert metrics(at)["Notes"] == "0"
    assert "This export has no notes yet" in texts(at)


def test_a_broken_export_shows_its_problems_not_a_traceback(run_page, tmp_path):
    (tmp_path / "bad.parquet").write_text("contribution_id,text\n1,hello\n")
    at = run_page(data=tmp_path / "bad.parquet")
    page = texts(at)
    assert "cannot be used" in page
    frame = at.dataframe[0].value
    assert "is not a Parquet file" in " ".join(frame["message"])
