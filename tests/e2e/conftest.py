"""Fixtures for the browser tests (machinery in harness.py).

- `server`  base URL of `streamlit run dashboard.py` on 127.0.0.1 and a free port, on the synthetic sample (session).
- `browser` headless Debian Chromium at /usr/bin/chromium (session; never a downloaded browser, never `playwright install`).
- `nav`     {page title: path} from the sidebar navigation, read on the session's first visit, to "/".
- `visit`   a fresh browser context and page at 1440x900 recording console errors and every request (per test).
- `shots`   test-artifacts/screenshots/<YYYYmmdd-HHMMSS>/, printed at the end of the session.

Without /usr/bin/chromium the tests skip and say how to install it; with CI=true a missing browser fails the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.e2e.harness import (
    CHROMIUM,
    EXPECT_TIMEOUT_MS,
    LAUNCH_ARGS,
    NAV_LINK,
    PLAYWRIGHT_TIMEOUT_MS,
    ROOT,
    Visit,
    browser_visit,
    nav_title,
    run_folder,
    running_server,
)
from tests.e2e.harness import state as harness_state


@pytest.fixture(scope="session", autouse=True)
def _expect_waits_like_playwright():
    """expect(...) polls for 5 s by default; a rerun on a shared 2-core machine can take longer."""
    from playwright.sync_api import expect

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)


@pytest.fixture(scope="session", autouse=True)
def _chromium_available():
    """Skip (or, on CI, fail) before starting anything when Debian's Chromium is not installed."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return
    message = (
        f"The browser tests need Debian's Chromium at {CHROMIUM}, which is not installed. "
        "Install it with:  sudo apt-get install chromium   (or `make system-packages` as root)."
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message + " CI=true, so a missing browser fails the run instead of skipping.", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def shots() -> Path:
    return run_folder()


def pytest_terminal_summary(terminalreporter):
    if harness_state.run_folder is not None:
        terminalreporter.write_sep("-", "browser tests")
        terminalreporter.write_line(f"Screenshots and server log: {harness_state.run_folder.relative_to(ROOT)}/")


def pytest_configure(config):
    config.addinivalue_line("markers", "run_last: run after every other browser test (it reads what they recorded)")


def pytest_collection_modifyitems(config, items):
    items.sort(key=lambda item: item.get_closest_marker("run_last") is not None)  # stable: the rest keep their order


@pytest.fixture(scope="session")
def server(shots) -> Iterator[str]:
    with running_server(shots / "server.log") as base:
        yield base


@pytest.fixture(scope="session")
def playwright():
    from playwright.sync_api import sync_playwright

    driver = sync_playwright().start()
    try:
        yield driver
    finally:
        driver.stop()


@pytest.fixture(scope="session")
def browser(playwright):
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS, timeout=PLAYWRIGHT_TIMEOUT_MS
    )
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture(scope="session")
def nav(browser, server) -> dict[str, str]:
    """{title: path} of the sidebar navigation links, read on the session's first visit, to "/".

    That first visit matters: until one session has run dashboard.py, Streamlit 1.67 serves a deep link to /<page>
    straight from the pages/ folder, without the router (see test_a_shared_link_works_as_the_first_visit_after_a_start).
    """
    with browser_visit(browser, server) as first:
        first.open("/")
        first.page.wait_for_selector(NAV_LINK)
        links = first.page.eval_on_selector_all(NAV_LINK, "els => els.map(e => [e.innerText, e.href])")
    return {nav_title(text): urlparse(href).path or "/" for text, href in links}


@pytest.fixture
def visit(browser, server, nav) -> Iterator[Visit]:
    """A fresh context (its own Streamlit session) and page at 1440x900, after the session's first visit."""
    with browser_visit(browser, server) as seen:
        yield seen
