"""The machinery of Harvest's browser tests: the server, a recorded browser visit, the pages dashboard.py lists.

Imported by conftest.py (the fixtures) and by the test modules. Module state (REQUESTS, VISITED, the run folder) lives
here, once, so that fixtures and tests share it.

Every wait is on an element or an event, never on a sleep; every wait is bounded (Playwright 30 s, pytest-timeout per
test); the server runs in its own process group, which is terminated, then killed, whatever happens.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from benchmarks.viewers import server_command

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = Path(os.environ.get("HARVEST_E2E_DATA") or ROOT / "data" / "sample-wikicafe-2017-synthetic")
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HEALTH_DEADLINE_S = 45  # /_stcore/health answers in about 0.5 s; a server silent for 45 s is hung
PLAYWRIGHT_TIMEOUT_MS = 30_000
EXPECT_TIMEOUT_MS = 15_000
VIEWPORT = {"width": 1440, "height": 900}
PROJECTOR = {"width": 1920, "height": 1080}

# Selectors (measured: /work/shared/STACK.md). The app's script state is "initial" until its first run starts.
SCRIPT_DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHART = '[data-testid="stPlotlyChart"]'
CHART_DRAWN = '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg'
NAV_LINK = '[data-testid="stSidebarNavLink"]'
ERRORS_ON_PAGE = '[data-testid="stException"], [data-testid="stAlertContentError"]'
LOADING = '[data-testid="stElementContainer"] > [data-testid="stSkeleton"]'
SIDEBAR_MULTISELECT = '[data-testid="stSidebar"] [data-testid="stMultiSelect"]'

# Streamlit's own frontend, opened on a page's path (e.g. /themes), first probes <path>/_stcore/health and
# <path>/_stcore/host-config to find its base URL, then falls back to "/": Chromium logs those two 404s as console
# errors on every page but the root. They are the only console errors tolerated.
_BASE_URL_PROBE = re.compile(r"^http://127\.0\.0\.1:\d+/[^?#]+/_stcore/(health|host-config)$")

#: What the run has set up so far (the screenshots folder, once made).
state = SimpleNamespace(run_folder=None, logs={})  # logs: base URL -> that server's log file


# --------------------------------------------------------------------------------------------------- what to test
@dataclass(frozen=True)
class AppPage:
    file: str  # "pages/overview.py"
    title: str  # "Overview"
    default: bool = False

    @property
    def exists(self) -> bool:
        return (ROOT / self.file).is_file()

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")


def pages_in_dashboard() -> list[AppPage]:
    """The pages the router lists, in order: ui/registry.py, the one place pages are declared."""
    from ui.registry import PAGES

    return [AppPage(spec.file, spec.title, spec.default) for spec in PAGES]


# ------------------------------------------------------------------------------------------------ the environment
def run_folder() -> Path:
    """test-artifacts/screenshots/<YYYYmmdd-HHMMSS>/ for this run: screenshots and server logs."""
    if state.run_folder is None:
        state.run_folder = ROOT / "test-artifacts" / "screenshots" / datetime.now().strftime("%Y%m%d-%H%M%S")
        state.run_folder.mkdir(parents=True, exist_ok=True)
    return state.run_folder


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stop(process: subprocess.Popen) -> None:
    """Terminate the server's whole process group, then kill it if it has not gone within 10 s."""
    for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(grace)
            break
        except subprocess.TimeoutExpired:
            continue
    with contextlib.suppress(ProcessLookupError):  # anything left in the group (a stray child) goes too
        os.killpg(process.pid, signal.SIGKILL)


@contextlib.contextmanager
def running_server(log_path: Path, data: Path = SAMPLE, env: dict[str, str] | None = None) -> Iterator[str]:
    """`streamlit run dashboard.py` on 127.0.0.1 and a free port, in its own process group; yields its base URL
    once /_stcore/health answers, and leaves no process behind, whatever happens."""
    if not (data.is_dir() and any(data.iterdir())):
        pytest.fail(f"The sample export {data} is missing: make it with `make sample`.", pytrace=False)
    port = _free_port()
    command = server_command(port)
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=dict(os.environ, HARVEST_DATA=str(data), **(env or {})),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    state.logs[base] = log_path
    try:
        deadline = time.monotonic() + HEALTH_DEADLINE_S
        while True:
            if process.poll() is not None:
                raise AssertionError(
                    f"The server exited with code {process.returncode} before answering. "
                    f"Its log ({log_path}):\n" + log_path.read_text(errors="replace")[-3000:]
                )
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"The server did not answer {base}/_stcore/health within {HEALTH_DEADLINE_S} s. "
                    f"Its log ({log_path}):\n" + log_path.read_text(errors="replace")[-3000:]
                )
            time.sleep(0.2)
        yield base
    finally:
        _stop(process)


# ------------------------------------------------------------------------------------------------------ one visit
#: Every URL any browser test asked for in this session (the offline test reads it at the end).
REQUESTS: list[str] = []
#: Titles of the pages the page tests have visited (the offline test visits only the others).
VISITED: set[str] = set()


def is_local(url: str) -> bool:
    """True for 127.0.0.1 (any port, http or ws) and for data:, blob: and file: URLs (a downloaded deck opened from
    disk), which never leave the machine."""
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "file") or parsed.hostname == "127.0.0.1"


@dataclass
class Visit:
    """One browser context and page, with what it logged and asked for."""

    page: object
    base: str
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)

    def open(self, path: str = "/") -> None:
        """Go to base+path, wait until the script has run and every Plotly chart on the page has drawn."""
        self.page.goto(self.base + path, wait_until="domcontentloaded")
        self.settle()

    def settle(self) -> None:
        """Wait for what a person waits for: the script has finished, every element has mounted (Streamlit shows a
        skeleton while a component's code, e.g. Plotly's, is still loading) and every Plotly chart has drawn."""
        self.page.wait_for_selector(SCRIPT_DONE, state="attached")
        self.page.wait_for_function(f"() => !document.querySelector('{LOADING}')")
        self.page.wait_for_function(f"""() => [...document.querySelectorAll('{CHART}')]
                                              .every(chart => chart.querySelector('.js-plotly-plot .main-svg'))""")

    def wait_for_maps(self, timeout_ms: int = 15_000) -> str | None:
        """Wait until every geo chart has its outlines (Plotly keeps fetched topojson in window.PlotlyGeoAssets);
        a problem sentence if they never arrive."""
        try:
            self.page.wait_for_function(
                """() => document.querySelectorAll('.js-plotly-plot .geolayer .geo').length === 0
                         || Object.keys((window.PlotlyGeoAssets || {}).topojson || {}).length > 0""",
                timeout=timeout_ms,
            )
        except PlaywrightTimeout:  # say what was fetched instead
            asked = [f"{u} -> {self.statuses.get(u, 'no answer')}" for u in self.requests if "topojson" in u]
            return f"a world map's outlines did not load within {timeout_ms // 1000} s (topojson requests: {asked})"
        return None

    def console_problems(self) -> list[str]:
        return [e for e in self.console_errors if not _BASE_URL_PROBE.match(e.rsplit(" @ ", 1)[-1])]

    def outside(self) -> list[str]:
        return [url for url in self.requests if not is_local(url)]

    def errors_on_page(self) -> list[str]:
        boxes = self.page.locator(ERRORS_ON_PAGE)
        return [" ".join(boxes.nth(i).inner_text().split())[:400] for i in range(boxes.count())]

    def last_traceback(self) -> str | None:
        """The end of the server log's last traceback: Harvest shows an apology on screen and logs the details."""
        log = state.logs.get(self.base)
        text = log.read_text(errors="replace") if log and log.exists() else ""
        if "Traceback (most recent call last)" not in text:
            return None
        lines = text[text.rindex("Traceback (most recent call last)") :].splitlines()
        return "\n      ".join(lines[-8:])

    def problems(self) -> list[str]:
        """Everything that makes this page broken for a user, as sentences (empty when all is well)."""
        found = [f"error on the page: {text}" for text in self.errors_on_page()]
        if found and (traceback := self.last_traceback()):
            found.append(f"the server log's last traceback ends:\n      {traceback}")
        found += [f"browser console error: {text}" for text in self.console_problems()]
        found += [f"request left 127.0.0.1: {url}" for url in self.outside()]
        return found

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, f"{self.page.url}:\n  " + "\n  ".join(problems)

    def screenshot(self, path: Path) -> None:
        """The whole page. Streamlit scrolls inside its main area, so Playwright's full_page alone would stop at the
        viewport: grow the viewport to the content's height for the shot, then put it back."""
        size = dict(self.page.viewport_size)
        height = self.page.evaluate(
            """() => {
                const main = document.querySelector('[data-testid="stMain"]');
                const side = document.querySelector(
                    '[data-testid="stSidebar"][data-collapsed="false"] [data-testid="stSidebarContent"]');
                return Math.max(main ? main.scrollHeight : 0, side ? side.scrollHeight : 0, window.innerHeight);
            }"""
        )
        grown = min(int(height), 16_000)
        if grown > size["height"]:
            self.page.set_viewport_size({"width": size["width"], "height": grown})
            self.page.wait_for_function("h => window.innerHeight === h", arg=grown)
            self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        self.page.screenshot(path=str(path), full_page=True)
        if grown > size["height"]:
            self.page.set_viewport_size(size)


@contextlib.contextmanager
def browser_visit(browser, base: str, viewport: dict | None = None) -> Iterator[Visit]:
    """A fresh context (its own Streamlit session) and page, recording console errors and every request."""
    context = browser.new_context(viewport=viewport or VIEWPORT, accept_downloads=True)
    context.set_default_timeout(PLAYWRIGHT_TIMEOUT_MS)
    context.set_default_navigation_timeout(PLAYWRIGHT_TIMEOUT_MS)
    page = context.new_page()
    seen = Visit(page=page, base=base)

    def asked(url: str) -> None:
        seen.requests.append(url)
        REQUESTS.append(url)

    def logged(message) -> None:
        if message.type == "error":
            seen.console_errors.append(f"{message.text} @ {(message.location or {}).get('url', '')}")

    context.on("request", lambda request: asked(request.url))
    page.on("websocket", lambda socket_: asked(socket_.url))
    page.on("console", logged)
    page.on("pageerror", lambda error: seen.console_errors.append(f"uncaught exception: {error} @ {page.url}"))
    page.on("response", lambda response: seen.statuses.__setitem__(response.url, response.status))
    page.on("requestfailed", lambda request: seen.failed.append(f"{request.url}: {request.failure}"))
    try:
        yield seen
    finally:
        context.close()


def nav_title(text: str) -> str:
    """A nav link's text is its icon, a blank line and its title: keep the title."""
    return text.strip().split("\n")[-1].strip()


def multiselect(page, label: str):
    """The sidebar multiselect with this label (its chips are in its inner text)."""
    return page.locator(SIDEBAR_MULTISELECT).filter(has=page.get_by_role("combobox", name=label, exact=True))


def metric_value(page, label: str):
    """The value element of the st.metric with exactly this label."""
    return (
        page.locator('[data-testid="stMetric"]')
        .filter(has=page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")))
        .locator('[data-testid="stMetricValue"]')
    )


def choose(page, label: str, value_id: str) -> None:
    """Pick the option whose label ends in "(ID)" from a sidebar multiselect, as a person would."""
    page.get_by_role("combobox", name=label, exact=True).click()
    page.get_by_role("option", name=re.compile(rf"\({re.escape(value_id)}\)$")).click()
    page.keyboard.press("Escape")
