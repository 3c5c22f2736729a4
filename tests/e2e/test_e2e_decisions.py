"""Facilitators confirm, the machine proposes, in a real browser: on the Codebook page a facilitator accepts one
proposal and rejects another with one keystroke each; the decisions are saved beside the export (a copy of the
sample), count on the page at once, show in another browser without a click, survive a reload, and the file holds
them with no person and no time."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from loaders.decisions import COLUMNS
from tests.e2e.harness import SAMPLE, browser_visit, metric_value, run_folder, running_server

pytestmark = pytest.mark.e2e

PROPOSED = '[data-testid="stMarkdownContainer"]:has-text("Proposed:")'


@pytest.fixture(scope="module")
def cafe(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """A copy of the sample served by a real Streamlit server; its decisions land beside the copy."""
    export = tmp_path_factory.mktemp("decisions") / "cafe"
    shutil.copytree(SAMPLE, export)
    log = run_folder() / "server-decisions.log"
    with running_server(log, data=export, env={"HARVEST_LIVE_CHECK_SECONDS": "1"}) as base:
        yield base, export


def number(page, label: str) -> int:
    """The first number of the st.metric with this label ("330 (80.3%)" -> 330)."""
    return int(metric_value(page, label).inner_text().split(" ")[0].replace(",", ""))


def shows(page, label: str, value: int) -> None:
    """Wait, as a person would, until the metric reads ``value``."""
    expect(metric_value(page, label)).to_have_text(re.compile(rf"^\s*{value:,}(\s|$)"))


def press(visit, key: str, label: str, value: int) -> None:
    """Press ``key`` once the page has settled (a rerun can swallow a key pressed during it), then wait for the
    metric ``label`` to read ``value`` and for the page to settle again."""
    visit.settle()
    visit.page.locator('[data-testid="stMain"] h1').first.click()  # the page has the focus, not a field
    visit.page.keyboard.press(key)
    shows(visit.page, label, value)
    visit.settle()


def test_a_facilitator_accepts_and_rejects_by_keystroke_and_the_decisions_survive_a_reload(browser, cafe, shots):
    base, export = cafe
    with browser_visit(browser, base) as visit, browser_visit(browser, base) as other:
        visit.open("/")
        visit.open("/codebook")
        other.open("/codebook")  # a second facilitator's browser, looking on
        page = visit.page
        expect(page.get_by_role("heading", name="Review the auto-coder's proposals")).to_be_visible()
        shows(page, "Decisions saved", 0)
        facilitators, auto = number(page, "Themes from facilitators"), number(page, "Themes from the auto-coder")
        to_review = number(page, "Proposals to review")
        first = page.locator(PROPOSED).first.inner_text()
        assert "(themes, needs and responsibilities)" in first  # the first note's first proposal is a theme
        expect(page.get_by_text("Saved beside the export, in cafe.decisions.csv", exact=False)).to_be_visible()

        # A accepts: the code now counts as the facilitators' (one more note coded by them), one fewer to review.
        press(visit, "a", "Decisions saved", 1)
        shows(page, "Themes from facilitators", facilitators + 1)
        shows(page, "Proposals to review", to_review - 1)

        # X rejects the next proposal: saved, one fewer to review, never counted by them.
        expect(page.locator(PROPOSED).first).not_to_have_text(first)
        press(visit, "x", "Decisions saved", 2)
        shows(page, "Proposals to review", to_review - 2)
        shows(page, "Themes from facilitators", facilitators + 1)
        assert number(page, "Themes from the auto-coder") <= auto - 1
        visit.screenshot(shots / "codebook-decisions.png")
        visit.assert_clean()
        # The other browser follows without a click (the live check sees the decisions file change).
        shows(other.page, "Decisions saved", 2)
        shows(other.page, "Themes from facilitators", facilitators + 1)
        other.assert_clean()

        # A reload is a new session: the decisions are read back from beside the export, with their effect.
        page.reload(wait_until="domcontentloaded")
        visit.settle()
        shows(page, "Decisions saved", 2)
        shows(page, "Themes from facilitators", facilitators + 1)
        shows(page, "Proposals to review", to_review - 2)
        visit.assert_clean()

    rows = list(csv.DictReader(io.StringIO((export.parent / "cafe.decisions.csv").read_text("utf-8"))))
    assert [tuple(row) for row in rows] == [COLUMNS, COLUMNS]  # no person, no time: exactly these columns
    assert [row["decision"] for row in rows] == ["accept", "reject"]
    assert rows[0]["code"] == rows[0]["proposed"] and rows[1]["code"] == ""
    assert {row["session"] for row in rows} == {"wikicafe-2017"}
    assert sorted(p.name for p in export.iterdir()) == sorted(p.name for p in SAMPLE.iterdir())  # export untouched
