"""Every value is data, in the real server and a real browser: an export whose every free-text column holds Markdown
images and links, Streamlit directives, Plotly markup, HTML and formulas, opened with the same payloads in every URL
parameter, on every page and every slide. A loopback canary (named by every payload) records any request the browser
or the server makes: it must stay empty, as must the list of links and images pointing at it."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.e2e.harness import browser_visit, run_folder, running_server
from tests.helpers.canary import canary
from tests.helpers.hostile import hostile_export, hostile_query
from ui.registry import PAGES as REGISTRY

pytestmark = pytest.mark.timeout(300)
PAGES = [f"/{page.url_path}" for page in REGISTRY]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, browser):
    with canary() as bird:
        folder = hostile_export(tmp_path_factory.mktemp("hostile") / "export", base=bird.base)
        with running_server(run_folder() / "server-every-value.log", data=folder) as base:
            with browser_visit(browser, base) as first:  # the server's first visit runs the router (see nav)
                first.open("/")
            yield base, bird


def traps(page, bird) -> dict[str, int]:
    """What the page would fetch or offer as a link to the canary, and whether any script from the data ran."""
    host = bird.base.removeprefix("http://")
    return page.evaluate(
        """host => ({
            links: [...document.querySelectorAll('a[href]')].filter(a => a.href.includes(host)).length,
            images: [...document.querySelectorAll('img[src], image')].filter(
                i => (i.getAttribute('src') || i.getAttribute('href') || '').includes(host)).length,
            styled: [...document.querySelectorAll('[style]')].filter(e => e.getAttribute('style').includes(host)).length,
            pwned: window.__pwned ? 1 : 0,
        })""",
        host,
    )


@pytest.mark.parametrize("path", PAGES)
def test_every_page_shows_hostile_values_as_text_and_fetches_nothing(browser, hostile, path, shots):
    base, bird = hostile
    query = urlencode(hostile_query(bird.base))
    with browser_visit(browser, base) as seen:
        dialogs: list[str] = []
        seen.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for url in (f"{path}?{query}", f"{path}?view=community", path):
            seen.open(url)
            assert dialogs == []
            assert traps(seen.page, bird) == {"links": 0, "images": 0, "styled": 0, "pwned": 0}, url
            assert seen.errors_on_page() == [], url
        seen.screenshot(shots / f"every-value{path.replace('/', '-') or '-overview'}.png")
    assert bird.requests == []


def test_every_slide_and_the_offline_deck_show_hostile_values_as_text(browser, hostile, shots):
    base, bird = hostile
    with browser_visit(browser, base, viewport={"width": 1920, "height": 1080}) as seen:
        for number in range(1, 8):
            seen.open(f"/present?slide={number}")
            assert traps(seen.page, bird) == {"links": 0, "images": 0, "styled": 0, "pwned": 0}, number
            assert seen.errors_on_page() == [], number
        seen.page.get_by_text("Slides, downloads").click()
        seen.page.wait_for_timeout(2500)  # the page measures the room again once the expander opens: let it settle
        seen.settle()
        with seen.page.expect_download() as download:
            seen.page.get_by_role("button", name="Download deck (HTML, works offline)").click()
        deck = download.value.path()
        seen.page.goto(f"file://{deck}")
        for _ in range(8):
            seen.page.keyboard.press("ArrowRight")
        assert traps(seen.page, bird) == {"links": 0, "images": 0, "styled": 0, "pwned": 0}
    assert bird.requests == []


def test_an_image_export_of_a_chart_with_hostile_labels_makes_no_request_from_the_server(browser, hostile):
    base, bird = hostile
    with browser_visit(browser, base) as seen:
        seen.open("/participation?view=community")
        seen.page.get_by_text("Data behind this chart").first.click()
        with seen.page.expect_download(timeout=60_000) as download:
            seen.page.get_by_role("button", name="PNG for the projector").first.click()
        assert download.value.path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert bird.requests == []
