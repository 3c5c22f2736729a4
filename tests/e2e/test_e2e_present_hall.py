"""The Present page in a hall: every common projector size in both themes, measured rather than eyeballed; keys
and clickers; a presenter console driving the projected view across two browsers.

Measured on the page: the headline, the chart and the footer lie inside the screen and do not overlap; every text
and control on the page has a contrast of at least 4.5:1 against what is behind it (WCAG AA). Screenshots of every
slide at 1024x768, 1280x720 and 1920x1080 in both themes are kept as test artifacts.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import browser_visit

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]

SIZES = [(1024, 768), (1280, 720), (1366, 768), (1440, 900), (1920, 1080), (3840, 2160)]
SHOT_SIZES = {(1024, 768), (1280, 720), (1920, 1080)}
THEMES = ["light", "dark"]

HEADLINE = '[data-testid="stMain"] h1'

#: Boxes of the headline, the slide's chart and its footer (the caption that states n and the codes counted).
BOXES = """() => {
  const box = e => { if (!e) return null; const r = e.getBoundingClientRect();
                     return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const main = document.querySelector('[data-testid="stMain"]');
  const footer = [...main.querySelectorAll('[data-testid="stCaptionContainer"]')]
                   .find(e => e.textContent.includes('Codes counted'));
  return {w: innerWidth, h: innerHeight,
          title: box(main.querySelector('h1')),
          chart: box(main.querySelector('[data-testid="stPlotlyChart"] .main-svg')),
          footer: box(footer)};
}"""

#: Every visible text-bearing element and control, with its contrast against the first opaque background behind it.
CONTRAST = """() => {
  const rgba = s => { const m = s.match(/rgba?\\(([^)]+)\\)/); if (!m) return [0, 0, 0, 0];
                      const p = m[1].split(',').map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                     return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const behind = e => { for (let n = e; n; n = n.parentElement) {
      const c = rgba(getComputedStyle(n).backgroundColor); if (c[3] > 0.5) return c; }
      return [255, 255, 255, 1]; };
  const out = [];
  const main = document.querySelector('[data-testid="stMain"]');
  for (const e of main.querySelectorAll('h1, p, span, label, button, a')) {
    const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
    if (r.width === 0 || r.height === 0 || s.visibility === 'hidden' || s.display === 'none') continue;
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own && e.tagName !== 'BUTTON') continue;
    if (e.closest('.js-plotly-plot') || e.closest('[data-testid="stExpander"]')) continue;
    const fg = rgba(s.color), bg = behind(e);
    const a = fg[3]; const mix = [0, 1, 2].map(i => fg[i] * a + bg[i] * (1 - a));
    const l1 = lum(mix), l2 = lum(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    out.push({text: (e.textContent || e.getAttribute('aria-label') || e.tagName).trim().slice(0, 60),
              ratio: Math.round(ratio * 100) / 100});
  }
  return out;
}"""


#: Pairs of axis labels (tick texts of one axis) that overlap each other, and labels outside the screen.
LABELS = """() => {
  const out = [];
  const chart = document.querySelector('[data-testid="stMain"] [data-testid="stPlotlyChart"]');
  if (!chart) return out;
  const svg = chart.querySelector('.main-svg').getBoundingClientRect();
  for (const t of chart.querySelectorAll('.bartext')) {  // labels past the ends of bars
    const r = t.getBoundingClientRect();
    if (t.textContent.trim() && (r.right > svg.right + 1 || r.right > innerWidth + 1))
      out.push(`“${t.textContent.trim().slice(0, 40)}” runs past the chart's edge`);
  }
  for (const axis of ['.xtick text', '.ytick text', '.yaxislayer-above text', '.annotation-text']) {
    const boxes = [...chart.querySelectorAll(axis)].filter(t => t.textContent.trim())
      .map(t => ({text: t.textContent.trim().slice(0, 40), r: t.getBoundingClientRect()}));
    for (const b of boxes) {
      if (b.r.left < -1 || b.r.right > innerWidth + 1 || b.r.bottom > innerHeight + 1)
        out.push(`“${b.text}” is cut off by the screen's edge`);
    }
    if (axis === '.annotation-text') continue;
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].r, b = boxes[j].r;
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left), y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 2 && y > 2) out.push(`labels “${boxes[i].text}” and “${boxes[j].text}” overlap`);
    }
  }
  return [...new Set(out)];
}"""


def inside_and_apart(boxes: dict) -> list[str]:
    problems = []
    w, h = boxes["w"], boxes["h"]
    for name in ("title", "chart", "footer"):
        b = boxes[name]
        if b is None:
            problems.append(f"no {name} on the slide")
            continue
        if b["top"] < -1 or b["left"] < -1 or b["bottom"] > h + 1 or b["right"] > w + 1:
            problems.append(f"the {name} ({b}) is not inside the {w}x{h} screen")
    order = [boxes[n] for n in ("title", "chart", "footer")]
    if all(order):
        if order[0]["bottom"] > order[1]["top"] + 1:
            problems.append("the headline overlaps the chart")
        if order[1]["bottom"] > order[2]["top"] + 1:
            problems.append("the chart overlaps the footer")
    return problems


def slide_count(page) -> int:
    text = page.get_by_text(re.compile(r"^Slide \d+ / \d+$")).first.inner_text()
    return int(text.rsplit("/", 1)[1])


def headline(page) -> str:
    return page.locator(HEADLINE).first.inner_text()


def wait_for_headline_other_than(page, text: str) -> str:
    page.wait_for_function(
        "t => { const e = document.querySelector('[data-testid=\"stMain\"] h1'); return e && e.innerText !== t; }",
        arg=text,
    )
    page.wait_for_function(
        '() => !!document.querySelector(\'[data-testid="stMain"] [data-testid="stPlotlyChart"] .main-svg\')'
    )
    return headline(page)


def settle_fit(visit) -> None:
    """The page measures the room its text takes and draws the chart again to fit: wait for that second drawing."""
    visit.settle()
    visit.page.wait_for_timeout(2000)
    visit.settle()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_slide_fits_the_screen_and_reads_at_aa_contrast(browser, server, shots, size, theme):
    width, height = size
    with browser_visit(browser, server, viewport={"width": width, "height": height}) as seen:
        seen.open(f"/present?present_theme={theme}")
        settle_fit(seen)
        count = slide_count(seen.page)
        problems = []
        for number in range(1, count + 1):
            if number > 1:
                before = headline(seen.page)
                seen.page.keyboard.press("ArrowRight")
                wait_for_headline_other_than(seen.page, before)
                settle_fit(seen)
            problems += [f"slide {number}: {p}" for p in inside_and_apart(seen.page.evaluate(BOXES))]
            problems += [f"slide {number}: {p}" for p in seen.page.evaluate(LABELS)]
            low = [c for c in seen.page.evaluate(CONTRAST) if c["ratio"] < 4.5]
            problems += [f"slide {number}: “{c['text']}” has contrast {c['ratio']}:1" for c in low]
            if size in SHOT_SIZES:
                seen.page.screenshot(path=str(shots / f"present-{width}x{height}-{theme}-slide{number}.png"))
        assert not problems, f"{width}x{height} {theme}:\n  " + "\n  ".join(problems)
        seen.assert_clean()


def test_keys_and_clickers_move_blank_and_go_full_screen(browser, server):
    with browser_visit(browser, server, viewport={"width": 1280, "height": 720}) as seen:
        seen.open("/present")
        settle_fit(seen)
        first = headline(seen.page)
        count = slide_count(seen.page)
        keys = seen.page.keyboard

        def press(key: str, before: str) -> str:
            """A presenter's key, once the slide on screen has been fitted (the page redraws it once to fit)."""
            settle_fit(seen)
            keys.press(key)
            return wait_for_headline_other_than(seen.page, before)

        second = press("PageDown", first)  # what a clicker sends
        expect(seen.page.get_by_text("Slide 2 / ", exact=False)).to_be_visible()
        third = press("Space", second)
        assert press("PageUp", third) == second
        assert press("ArrowLeft", second) == first
        press("End", first)
        expect(seen.page.get_by_text(f"Slide {count} / {count}")).to_be_visible()
        last = headline(seen.page)
        assert press("Home", last) == first
        assert "slide=1" in seen.page.url
        settle_fit(seen)

        keys.press("b")  # blank the screen; any key brings it back, without moving
        expect(seen.page.locator("#harvest-blank")).to_be_visible()
        keys.press("ArrowRight")
        expect(seen.page.locator("#harvest-blank")).to_have_count(0)
        seen.page.wait_for_timeout(1500)
        assert headline(seen.page) == first
        keys.press("f")
        assert seen.page.evaluate("() => window.__harvestFullscreen") is True

        # a way back to the dashboard, visible on the projected page
        seen.page.get_by_role("link", name=re.compile("Dashboard")).click()
        expect(seen.page.get_by_role("heading", name="Harvest", exact=True)).to_be_visible()
        seen.assert_clean()


def test_a_console_drives_the_projector_and_two_presentations_never_cross(browser, server, shots):
    with (
        browser_visit(browser, server, viewport={"width": 1440, "height": 900}) as laptop,
        browser_visit(browser, server, viewport={"width": 1920, "height": 1080}) as projector,
        browser_visit(browser, server, viewport={"width": 1440, "height": 900}) as other,
    ):
        laptop.open("/present")
        settle_fit(laptop)  # the page draws its chart once more to fit the screen: click once it has
        laptop.page.get_by_role("button", name="Console").click()
        expect(laptop.page.get_by_text("Presenter console", exact=True)).to_be_visible()
        link = laptop.page.get_by_text("On the projector, open:", exact=False).first.inner_text()
        key = re.search(r"follow=([A-Za-z0-9_-]+)", link).group(1)
        assert key not in laptop.page.url.split("console=")[0]  # the key is in the link, not guessed

        projector.open(f"/present?follow={key}")
        first = headline(projector.page)
        assert projector.page.get_by_role("button", name="Next ▶").count() == 0  # the projector shows only slides

        other.open("/present")  # a second presentation, with its own console
        settle_fit(other)
        other.page.get_by_role("button", name="Console").click()
        expect(other.page.get_by_text("Presenter console", exact=True)).to_be_visible()

        laptop.page.get_by_role("button", name="Next ▶").click()
        second = wait_for_headline_other_than(projector.page, first)
        expect(laptop.page.get_by_text("Slide 2 / ", exact=False)).to_be_visible()
        settle_fit(laptop)
        laptop.page.keyboard.press("PageDown")  # the clicker on the laptop drives the hall too
        wait_for_headline_other_than(projector.page, second)

        other.page.get_by_role("button", name="Next ▶").click()  # the other presentation moves ...
        expect(other.page.get_by_text("Slide 2 / ", exact=False)).to_be_visible()
        projector.page.wait_for_timeout(2500)
        expect(laptop.page.get_by_text("Slide 3 / ", exact=False)).to_be_visible()  # ... and never this one

        laptop.page.get_by_text("Blank the projector").click()
        projector.page.wait_for_function(
            "() => getComputedStyle(document.querySelector('.stApp'), '::after').backgroundColor === 'rgb(0, 0, 0)'"
        )
        laptop.screenshot(shots / "present-console.png")
        projector.screenshot(shots / "present-follower-blank.png")
        for visit in (laptop, projector, other):
            visit.assert_clean()
