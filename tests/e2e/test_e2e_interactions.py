"""What a user does in the browser: choose a filter, open a shared link, download the numbers behind a chart.

Numbers on screen are compared with the loaders and analysis functions run on the same sample, never hard-coded."""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from analysis.filters import Filters, apply_filters
from analysis.participation import headline
from loaders import load_export
from loaders.regions import REGIONS
from tests.e2e.harness import (
    SAMPLE,
    browser_visit,
    choose,
    metric_value,
    multiselect,
    nav_title,
    pages_in_dashboard,
    run_folder,
    running_server,
)

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def sample():
    return load_export(str(SAMPLE))


def participants(export, **chosen) -> str:
    """The Overview's "Participants" number for these filters, formatted as the page formats it."""
    notes, people = apply_filters(export.contributions, export.participants, Filters(**chosen))
    return f"{headline(notes, people)['participants']:,}"


def test_choosing_a_region_in_the_sidebar_changes_the_participants_number(visit, sample):
    everyone, nwe = participants(sample), participants(sample, region=("NWE",))
    assert everyone != nwe, "the sample should have people outside NWE"
    visit.open("/")
    shown = metric_value(visit.page, "Participants")
    expect(shown).to_have_text(everyone)

    choose(visit.page, "Region", "NWE")

    expect(shown).to_have_text(nwe)
    expect(multiselect(visit.page, "Region")).to_contain_text(f"{REGIONS['NWE']} (NWE)")
    expect(visit.page).to_have_url(re.compile(r"[?&]region=NWE(&|$)"))  # the view is a link someone can share
    visit.assert_clean()


def test_a_shared_link_opens_with_its_filter_applied(visit, sample):
    visit.open("/?region=NWE")
    expect(multiselect(visit.page, "Region")).to_contain_text(f"{REGIONS['NWE']} (NWE)")
    expect(metric_value(visit.page, "Participants")).to_have_text(participants(sample, region=("NWE",)))
    visit.assert_clean()


def _read_csv(raw: str) -> tuple[list[str], list[str], list[list[str]]]:
    """(provenance lines, header, rows) of a Harvest CSV: provenance first, one quoted '# key: value' cell a line."""
    rows = list(csv.reader(io.StringIO(raw)))
    count = next(i for i, row in enumerate(rows) if not (len(row) == 1 and row[0].startswith("# ")))
    assert count >= 2 and rows[0][0].startswith(f"# Harvest CSV. The first {count} lines"), rows[0]
    return [row[0] for row in rows[1:count]], rows[count], [row for row in rows[count + 1 :] if row]


def _number(cell: str) -> float | None:
    try:
        return float(cell)
    except ValueError:
        return None


def test_a_shared_link_to_participation_filters_its_chart_and_the_csv_behind_it(visit, sample, nav):
    if "Participation" not in nav:
        pytest.skip("no Participation page in this build")
    _, people = apply_filters(sample.contributions, sample.participants, Filters(region=("SSA", "NWE")))
    visit.open(f"{nav['Participation']}?region=SSA&region=NWE")
    expect(multiselect(visit.page, "Region")).to_contain_text(f"{REGIONS['SSA']} (SSA)")

    expander = visit.page.locator('[data-testid="stExpander"]').filter(has_text="Data behind this chart").first
    expander.get_by_text("Data behind this chart").click()
    with visit.page.expect_download() as downloading:
        expander.get_by_role("button", name="Download these numbers (CSV)").click()
    download = downloading.value
    raw = open(download.path(), encoding="utf-8").read()
    (run_folder() / f"download-{download.suggested_filename}").write_text(raw, encoding="utf-8")

    assert download.suggested_filename.endswith(".csv")
    provenance, header, rows = _read_csv(raw)
    assert any(line.startswith("# harvest export: ") and "SYNTHETIC" in line for line in provenance), provenance
    assert "# filters: region: SSA, NWE" in provenance, provenance
    assert any(line.startswith("# fingerprint: ") for line in provenance), provenance
    assert "# codes counted: Facilitators' codes" in provenance, provenance
    assert header and all(name.strip() for name in header), header
    assert rows and all(any(_number(cell) is not None for cell in row) for row in rows), rows
    assert "participant_id" not in header  # never in a download (privacy)
    # The first chart is people and notes per region: its numbers are the filter's, from the loaders.
    people_column, name = header.index("people"), header.index("name")
    by_label = {row[name]: _number(row[people_column]) for row in rows}
    assert by_label.get(REGIONS["SSA"]) == (people["region"] == "SSA").sum(), by_label
    assert sum(v or 0 for v in by_label.values()) == len(people), by_label
    assert "ci_low" in " ".join(header)  # every share carries its 95% interval
    visit.assert_clean()


def test_a_shared_link_works_as_the_first_visit_after_a_start(browser, sample):
    """A presenter restarts Harvest and opens a bookmarked link to a page: the router must run (sidebar filters, the
    pages' titles, the link's filter), not the page file on its own. Needs a server no browser has visited yet."""
    pages = pages_in_dashboard()
    target = next((page for page in pages if not page.default), None)
    if target is None:
        pytest.skip("only one page")
    path = "/" + target.file.removeprefix("pages/").removesuffix(".py")
    with running_server(run_folder() / "server-first-visit.log") as base, browser_visit(browser, base) as first:
        first.open(f"{path}?region=SSA")
        links = first.page.eval_on_selector_all('[data-testid="stSidebarNavLink"]', "els => els.map(e => e.innerText)")
        titles = [nav_title(text) for text in links]
        assert titles == [page.title for page in pages], (
            f"the first visit after a start, to {path}?region=SSA, showed the sidebar {titles} instead of "
            "dashboard.py's pages: Streamlit ran the file from the pages/ folder without dashboard.py (no filters)"
        )
        expect(multiselect(first.page, "Region")).to_contain_text(f"{REGIONS['SSA']} (SSA)")
