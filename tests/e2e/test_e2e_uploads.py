"""An uploaded export in a real browser: it survives a reload and a new tab of the same browser, stays out of every
other browser, and when it is given back the browser says so and returns to the server's export."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from playwright.sync_api import expect

from tests.e2e.harness import browser_visit

pytestmark = pytest.mark.e2e

UPLOAD = '[data-testid="stFileUploaderDropzoneInput"]'


@pytest.fixture(scope="module")
def export_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("upload") / "round-two-upload.parquet"
    notes = pa.table(
        {
            "contribution_id": [f"u{i}" for i in range(12)],
            "text": [f"Uploaded note {i}: mentoring in every language" for i in range(12)],
            "participant_id": [f"p{i % 6}" for i in range(12)],
            "region": ["SSA", "ESEAP"] * 6,
        }
    )
    pq.write_table(notes, path)
    return path


def shows(visit, name: str):
    return visit.page.get_by_text(f"Export: upload: {name}", exact=False)


def test_an_upload_survives_a_reload_and_a_new_tab_and_no_other_browser_sees_it(browser, server, export_file):
    with browser_visit(browser, server) as mine, browser_visit(browser, server) as other:
        mine.open("/data")
        mine.page.locator(UPLOAD).first.set_input_files(str(export_file))
        expect(mine.page.get_by_role("button", name="Back to the server's export")).to_be_visible()

        mine.open("/")  # a reload: a new Streamlit session of the same browser
        expect(shows(mine, export_file.name)).to_be_visible()
        tab = mine.page.context.new_page()  # a new tab of the same browser
        tab.goto(server + "/", wait_until="domcontentloaded")
        expect(tab.get_by_text(f"Export: upload: {export_file.name}", exact=False)).to_be_visible()
        tab.close()

        other.open("/")  # another browser: the server's export, never someone's upload
        expect(other.page.get_by_text("Export: ", exact=False).first).to_be_visible()
        expect(shows(other, export_file.name)).to_have_count(0)

        mine.open("/data")
        mine.page.get_by_role("button", name="Back to the server's export").click()
        expect(mine.page.get_by_role("button", name="Back to the server's export")).to_have_count(0)
        mine.open("/")  # given back: a reload stays on the server's export
        expect(mine.page.get_by_text("Export: ", exact=False).first).to_be_visible()
        expect(shows(mine, export_file.name)).to_have_count(0)
        mine.assert_clean()
