"""The Present page as a presenter uses it, on a 1920x1080 projector: page through the slides, download the deck.

Runs when pages/present.py exists; skips with the reason otherwise."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.e2e.harness import CHART, PROJECTOR, ROOT, browser_visit

pytestmark = [
    pytest.mark.timeout(150),
    pytest.mark.skipif(
        not (ROOT / "pages" / "present.py").exists(),
        reason="pages/present.py does not exist yet (the Present page is built by another engineer)",
    ),
]


DECK_TIMEOUT_MS = 60_000  # every slide is built and a self-contained HTML file (~5 MB, Plotly inline) is written


@pytest.fixture
def present(browser, server, nav):
    assert "Present" in nav, f"pages/present.py exists but the sidebar has no 'Present' page: {list(nav)}"
    with browser_visit(browser, server, viewport=PROJECTOR) as seen:
        seen.open(nav["Present"])
        yield seen


#: What identifies a slide on screen: its headline (the finding), the page's one h1.
SLIDE_TEXT = (
    """() => [...document.querySelectorAll('[data-testid="stMain"] h1')].map(e => e.textContent.trim()).join(' | ')"""
)


def slide_text(page) -> str:
    return page.evaluate(SLIDE_TEXT)


def wait_for_slide_other_than(page, text: str) -> str:
    page.wait_for_function(f"t => ({SLIDE_TEXT})() !== t", arg=text)
    return slide_text(page)


def test_present_page_fills_a_projector_without_errors(present, shots):
    present.wait_for_maps()
    present.screenshot(shots / "present-1920x1080.png")
    assert present.page.locator(CHART).count() >= 1, "the first slide shows no chart"
    present.assert_clean()


def test_slides_page_forward_and_back_and_a_link_opens_a_slide(present, browser, server, nav):
    present.page.wait_for_timeout(2500)  # the page redraws once to fit the screen: click once it has
    present.settle()
    first = slide_text(present.page)
    present.page.get_by_role("button", name=re.compile(r"next", re.I)).first.click()
    expect(present.page).to_have_url(re.compile(r"[?&]slide=2(&|$)"))
    present.settle()
    second = wait_for_slide_other_than(present.page, first)

    with browser_visit(browser, server, viewport=PROJECTOR) as other:  # someone opens the link to slide 2
        other.open(f"{nav['Present']}?slide=2")
        assert slide_text(other.page) == second
        other.assert_clean()

    present.page.wait_for_timeout(2500)
    present.settle()
    present.page.get_by_role("button", name=re.compile(r"prev", re.I)).first.click()
    expect(present.page).to_have_url(re.compile(r"[?&]slide=1(&|$)"))
    present.settle()
    assert wait_for_slide_other_than(present.page, second) == first
    present.assert_clean()


def test_a_presenter_moving_on_at_once_is_never_lost_to_the_refit(present):
    """The page measures the room again after each new slide; a click or key right then must still move on."""
    present.settle()
    seen = [slide_text(present.page)]
    for n in range(2, 6):  # at once: no waiting for the page to measure the new slide
        if n % 2:
            present.page.keyboard.press("ArrowRight")
        else:
            present.page.get_by_role("button", name=re.compile(r"next", re.I)).first.click()
        expect(present.page).to_have_url(re.compile(rf"[?&]slide={n}(&|$)"), timeout=20_000)
        seen.append(wait_for_slide_other_than(present.page, seen[-1]))
    present.settle()
    assert len(set(seen)) == len(seen), f"a slide came back instead of the next one: {seen}"
    present.assert_clean()


def download_deck(present, shots):
    present.page.get_by_text("Slides, downloads").click()
    present.page.wait_for_timeout(2500)  # the page measures the room again once the expander opens: let it settle
    present.settle()
    button = present.page.get_by_role("button", name=re.compile(r"deck.*html", re.I)).first
    try:
        with present.page.expect_download(timeout=DECK_TIMEOUT_MS) as downloading:
            button.click()
    except PlaywrightTimeout:
        # The deck is built on the server when the button is clicked; if that fails the browser shows nothing at all.
        log = (shots / "server.log").read_text(errors="replace")
        failures = [line for line in log.splitlines() if "Callable execution failed" in line or "Error" in line]
        pytest.fail(
            f"clicking {button.inner_text()!r} started no download within {DECK_TIMEOUT_MS // 1000} s. "
            f"Server log ({shots / 'server.log'}): {failures[-3:] or 'nothing'}",
            pytrace=False,
        )
    download = downloading.value
    html = open(download.path(), encoding="utf-8").read()
    (shots / f"download-{download.suggested_filename}").write_text(html, encoding="utf-8")
    assert download.suggested_filename.endswith((".html", ".htm")), download.suggested_filename
    assert re.match(r"\s*(<!doctype html|<html)", html, re.I), html[:200]
    external = [
        src
        for src in re.findall(r"""<(?:script|link|img|iframe)[^>]+(?:src|href)=["']([^"']+)""", html, re.I)
        if re.match(r"(https?:)?//", src, re.I)
    ]
    assert not external, f"the deck loads files from the network, so it will not work offline: {external}"
    assert "plotly" in html.lower(), "the deck carries no Plotly charts"
    return shots / f"download-{download.suggested_filename}"


def test_the_html_deck_downloads_and_needs_no_network(present, shots):
    download_deck(present, shots)


def test_the_deck_opens_offline_and_shows_every_slide_with_arrow_keys(present, browser, shots):
    from slides import SLIDES

    deck = download_deck(present, shots)
    context = browser.new_context(viewport=PROJECTOR, offline=True)
    asked = []
    try:
        page = context.new_page()
        page.on("request", lambda request: asked.append(request.url))
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(deck.resolve().as_uri())
        for number in range(1, len(SLIDES) + 1):
            visible = page.locator("section.slide:not([hidden])")
            expect(visible).to_have_count(1)
            expect(visible.locator(".js-plotly-plot .main-svg").first).to_be_visible()
            expect(page.locator("#counter")).to_have_text(f"{number} / {len(SLIDES)}")
            assert visible.locator("h1").inner_text().strip(), f"slide {number} has no headline"
            page.screenshot(path=str(shots / f"deck-slide-{number}.png"))
            page.keyboard.press("ArrowRight")
        assert errors == [], errors
        assert [url for url in asked if not url.startswith("file://")] == []
    finally:
        context.close()


def test_the_dark_projection_theme_is_dark_and_readable(browser, server, nav, shots):
    with browser_visit(browser, server, viewport=PROJECTOR) as seen:
        seen.open(f"{nav['Present']}?present_theme=dark&slides=room")
        background = seen.page.evaluate("() => getComputedStyle(document.querySelector('.stApp')).backgroundColor")
        assert background == "rgb(17, 20, 24)", background
        paper = seen.page.evaluate("() => getComputedStyle(document.querySelector('.main-svg')).backgroundColor")
        assert paper in ("rgb(17, 20, 24)", "rgba(0, 0, 0, 0)"), paper
        seen.screenshot(shots / "present-dark-1920x1080.png")
        seen.assert_clean()
