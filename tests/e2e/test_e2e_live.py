"""A live session in a real browser: part files land, vanish, turn unreadable and come back while two people look.

One browser is on the Overview, one on Present (the projector). Nobody clicks: each page checks the export folder
every second (HARVEST_LIVE_CHECK_SECONDS=1) and is drawn again when it changed. The Overview must follow every change
and say what was lost; the projector must keep its slide and its held snapshot, offer new notes, and never show an
error.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from playwright.sync_api import expect

from tests.e2e.harness import PROJECTOR, browser_visit, run_folder, running_server

pytestmark = pytest.mark.e2e

ERROR = '[data-testid="stException"], [data-testid="stAlertContentError"]'
WARNING = '[data-testid="stAlertContentWarning"]'


def notes(part: int, n: int) -> pa.Table:
    return pa.table(
        {
            "contribution_id": [f"r{part}-{i}" for i in range(n)],
            "text": [f"Round {part}, note {i}: translation tools for small wikis" for i in range(n)],
            "participant_id": [f"p{i % 12}" for i in range(n)],
            "round": [part] * n,
            "themes": [["tools"] if i % 2 else ["translation"] for i in range(n)],
        }
    )


@pytest.fixture(scope="module")
def live(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """A live export (part-1: 50 notes, part-2: 30, part-3: 20; twelve people) served by a real Streamlit server."""
    export = tmp_path_factory.mktemp("live") / "wikicafe-live"
    folder = export / "contributions.parquet"
    folder.mkdir(parents=True)
    for part, n in ((1, 50), (2, 30), (3, 20)):
        pq.write_table(notes(part, n), folder / f"part-{part}.parquet")
    people = pa.table({"participant_id": [f"p{i}" for i in range(12)], "region": ["NWE", "SSA"] * 6})
    pq.write_table(people, export / "participants.parquet")
    log = run_folder() / "server-live.log"
    with running_server(log, data=export, env={"HARVEST_LIVE_CHECK_SECONDS": "1"}) as base:
        yield base, export


def loaded(visit) -> str:
    return visit.page.get_by_text("Notes: ", exact=False).first.inner_text()


def test_a_live_session_keeps_what_it_showed_and_says_what_changed(browser, live, shots):
    base, export = live
    folder = export / "contributions.parquet"
    with (
        browser_visit(browser, base) as overview,
        browser_visit(browser, base, viewport=PROJECTOR) as present,
    ):
        overview.open("/")
        present.open("/present")
        expect(overview.page.get_by_text("Notes: 100", exact=False)).to_be_visible()
        expect(present.page.get_by_text("participants, 100 notes", exact=False)).to_be_visible()  # its snapshot
        headline = present.page.locator('[data-testid="stMain"] h1').first.inner_text()

        # New notes arrive: the Overview shows them without a click; the projector offers them and keeps its slide.
        pq.write_table(notes(4, 10), folder / "part-4.parquet")
        expect(overview.page.get_by_text("Notes: 110", exact=False)).to_be_visible()
        expect(present.page.get_by_text("10 new notes are waiting.")).to_be_visible()
        assert present.page.locator('[data-testid="stMain"] h1').first.inner_text() == headline
        expect(present.page.get_by_text("participants, 100 notes", exact=False)).to_be_visible()

        # A part file vanishes: its notes stay, and both screens say which, how many and since when.
        kept = (folder / "part-1.parquet").read_bytes()
        (folder / "part-1.parquet").unlink()
        said = overview.page.locator(WARNING).filter(has_text="part-1.parquet: 50 notes no longer in the export")
        expect(said).to_be_visible()
        expect(overview.page.get_by_text("Notes: 110", exact=False)).to_be_visible()
        expect(present.page.locator(WARNING).filter(has_text="part-1.parquet: 50 notes no longer")).to_be_visible()
        overview.screenshot(shots / "live-overview-part-gone.png")
        present.screenshot(shots / "live-present-part-gone.png")

        # Another turns unreadable: held too, the rest still loads; nothing on either screen is an error.
        kept_2 = (folder / "part-2.parquet").read_bytes()
        (folder / "part-2.parquet").write_bytes(b"contribution_id,text\nx,written half-way")
        expect(
            overview.page.locator(WARNING).filter(has_text="part-2.parquet: 30 notes no longer readable")
        ).to_be_visible()
        expect(overview.page.get_by_text("Notes: 110", exact=False)).to_be_visible()
        assert overview.page.locator(ERROR).count() == 0 and present.page.locator(ERROR).count() == 0
        assert present.page.locator('[data-testid="stMain"] h1').first.inner_text() == headline

        # Both come back: nothing is held, nothing is said, every note is counted once.
        (folder / "part-1.parquet").write_bytes(kept)
        (folder / "part-2.parquet").write_bytes(kept_2)
        expect(overview.page.locator(WARNING).filter(has_text="no longer")).to_have_count(0)
        expect(overview.page.get_by_text("Notes: 110", exact=False)).to_be_visible()
        overview.assert_clean()
        present.assert_clean()
    shutil.rmtree(export, ignore_errors=True)
