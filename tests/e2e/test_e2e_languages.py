"""Every page and every slide in Arabic and in French, as a reader of each sees them (issue #20).

One server and one browser (the session's fixtures); one browser context per language. Each registered page
(ui/registry.py) and each slide of the Present page is opened with ``?uselang=<language>``, photographed (into the
test's tmp dir and the run's screenshots folder, ``languages/``) and measured where it is drawn:

- the page says its language and direction: ``<html lang dir>``, and the main block's computed direction (rtl in
  Arabic, ltr in French); the page's title starts where a reader of the language starts reading;
- nothing runs off the screen sideways: the main area does not scroll sideways, no visible text leaves the
  viewport, no text of a chart lies outside its chart (cut off);
- the sidebar and the page never lie on each other, the sidebar open and closed (closed by hand on every page, and
  closed by itself in a narrow window);
- nothing is left in English: the title, the navigation and the browser tab say the language's messages
  (analysis.messages), each slide's headline is the one built in that language, and no English sentence of the
  message files is on the page where the language has its own;
- no exception or error box, no console error, no request leaving the machine.

And the offline deck built in Arabic: ``<html lang="ar" dir="rtl">``, every slide on its own without sideways
overflow, its headline and its chart's texts on the screen.
"""

from __future__ import annotations

import re
import shutil
from functools import cache
from pathlib import Path

import pytest

from analysis import messages
from analysis.messages import msg
from charts.style import first_strong
from tests.e2e.harness import NAV_LINK, PLAYWRIGHT_TIMEOUT_MS, ROOT, browser_visit
from tests.helpers.i18n import fragments, messages_in
from ui.registry import PAGES

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]

LANGUAGES = ("ar", "fr")
NARROW = {"width": 700, "height": 900}  # Streamlit closes the sidebar by itself below 768 px
SLACK = 1.0  # px: rounding and anti-aliasing
#: The page's own h1 is this message (the navigation's label is the registry's ``message``); Present shows slides.
TITLE_KEYS = {"Overview": "harvest-overview-title"}
#: English message text shorter than this may be a shared word or a name ("Harvest", "CSV"), not a leak.
LEAK_MIN = 24

# ------------------------------------------------------------------------------------------------ what is measured
#: The page as a reader meets it: direction, sideways overflow, texts off the screen or cut off, the title's side.
MEASURE = """() => {
  const vw = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid="stMain"]');
  const block = document.querySelector('[data-testid="stMainBlockContainer"]') || main;
  const box = r => [Math.round(r.left), Math.round(r.top), Math.round(r.right), Math.round(r.bottom)];
  const shown = e => e.checkVisibility({visibilityProperty: true, opacityProperty: true});
  const snippet = t => t.replace(/\\s+/g, ' ').trim().slice(0, 60);
  const offScreen = [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!node.textContent.trim() || !parent || parent.closest('svg') || !shown(parent)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      let [left, right] = [r.left, r.right];
      for (let a = parent; a && a !== main.parentElement; a = a.parentElement) {  // what a scrolling box hides
        if (getComputedStyle(a).overflowX !== 'visible') {
          const c = a.getBoundingClientRect();
          left = Math.max(left, c.left);
          right = Math.min(right, c.right);
        }
      }
      if (right - left < 1 || r.height < 1) continue;
      if (left < -1 || right > vw + 1) offScreen.push([snippet(node.textContent), box(r)]);
    }
  }
  const cut = [];
  for (const plot of main.querySelectorAll('.js-plotly-plot')) {
    const p = plot.getBoundingClientRect();
    for (const t of plot.querySelectorAll('.main-svg text')) {
      if (t.closest('.hoverlayer') || !t.textContent.trim()) continue;
      const cs = getComputedStyle(t);
      if (cs.display === 'none' || cs.visibility === 'hidden' || parseFloat(cs.opacity) === 0) continue;
      const r = t.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) continue;
      if (r.left < p.left - 1 || r.right > p.right + 1 || r.top < p.top - 1 || r.bottom > p.bottom + 1)
        cut.push([snippet(t.textContent), box(r), box(p)]);
    }
  }
  const h1 = main.querySelector('h1');
  let title = null;
  if (h1) {
    const range = document.createRange();
    range.selectNodeContents(h1);
    const rects = [...range.getClientRects()].filter(r => r.width > 0);
    const text = rects.length ? [Math.min(...rects.map(r => r.left)), Math.max(...rects.map(r => r.right))] : null;
    title = {text: h1.textContent.replace(/\\s+/g, ' ').trim(), box: box(h1.getBoundingClientRect()), ink: text};
  }
  return {
    lang: document.documentElement.lang, dir: document.documentElement.dir,
    direction: getComputedStyle(block).direction, tab: document.title, vw: vw,
    mainScroll: [main.scrollWidth, main.clientWidth],
    pageScroll: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
    offScreen: offScreen.slice(0, 8), cut: cut.slice(0, 8), title: title,
    words: block.innerText, side: (document.querySelector('[data-testid="stSidebar"]') || {}).innerText || '',
  };
}"""

#: The sidebar's visible texts and controls, and which of them lie on the main area.
OVERLAP = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const side = document.querySelector('[data-testid="stSidebar"]');
  const m = main.getBoundingClientRect();
  const vw = document.documentElement.clientWidth, vh = innerHeight;
  const on = [];
  if (side) {
    for (const e of side.querySelectorAll('*')) {
      const ownText = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
      if (!(ownText || e.matches('input, button, [role="combobox"]'))) continue;
      if (!e.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
      const r = e.getBoundingClientRect();
      const left = Math.max(r.left, 0), right = Math.min(r.right, vw);
      const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, vh);
      if (right - left < 1 || bottom - top < 1) continue;
      if (Math.min(right, m.right) - Math.max(left, m.left) > 1 && Math.min(bottom, m.bottom) - Math.max(top, m.top) > 1)
        on.push([(e.textContent || e.getAttribute('aria-label') || e.tagName).trim().slice(0, 40),
                 [left, top, right, bottom].map(Math.round)]);
    }
  }
  return {collapsed: side ? side.getAttribute('data-collapsed') : null,
          main: [m.left, m.top, m.right, m.bottom].map(Math.round), on: on.slice(0, 6)};
}"""

SIDEBAR = '[data-testid="stSidebar"]'
COLLAPSE = '[data-testid="stSidebarCollapseButton"] button'
EXPAND = '[data-testid="stExpandSidebarButton"]'
#: The main area has taken the room of the closed sidebar (its 0.3 s transition is over).
MAIN_WIDE = """() => { const m = document.querySelector('[data-testid="stMain"]').getBoundingClientRect();
                       return m.width >= document.documentElement.clientWidth - 2; }"""
#: The opened sidebar has its full width and the main area has made room for it.
SIDE_OPEN = """() => { const s = document.querySelector('[data-testid="stSidebar"]');
  const r = s.getBoundingClientRect(), m = document.querySelector('[data-testid="stMain"]').getBoundingClientRect();
  return s.getAttribute('data-collapsed') === 'false' && r.width >= 200
         && m.width <= document.documentElement.clientWidth - r.width + 2; }"""
SLIDE_HEADLINE = """() => { const h = document.querySelector('[data-testid="stMain"] h1');
                           return h ? h.textContent.replace(/\\s+/g, ' ').trim() : ''; }"""


def words(text: str) -> str:
    return " ".join(str(text).split())


# -------------------------------------------------------------------------------------------------------- helpers
@cache
def _english_only(language: str) -> tuple[str, ...]:
    """The runs of English message text that the language's own message does not contain."""
    folders = sorted(p.name for p in (ROOT / "i18n").iterdir() if p.is_dir())
    english, said = messages_in("en", folders), messages_in(language, folders)
    quoted = "\n".join(words(text) for text in said.values())  # English a translation keeps on purpose (a quote)
    runs = set()
    for key, text in english.items():
        if key not in said or said[key] == text:
            continue
        runs |= {words(p) for p in fragments(text) if len(words(p)) >= LEAK_MIN and words(p) not in quoted}
    return tuple(sorted(runs))


def english_leaks(shown: str, language: str) -> list[str]:
    """English sentences of the message files on the page where the language says them otherwise."""
    flat = words(shown)
    return [part for part in _english_only(language) if part in flat]


def page_problems(seen: dict, language: str, where: str) -> list[str]:
    """What a reader of ``language`` would notice on the page measured (MEASURE)."""
    rtl = messages.right_to_left(language)
    found = []
    if seen["lang"] != language or seen["dir"] != ("rtl" if rtl else "ltr"):
        found.append(
            f'{where}: <html lang="{seen["lang"]}" dir="{seen["dir"]}">, not {language} {"rtl" if rtl else "ltr"}'
        )
    if seen["direction"] != ("rtl" if rtl else "ltr"):
        found.append(f"{where}: the main block's text runs {seen['direction']}")
    scroll, client = seen["mainScroll"]
    if scroll > client + SLACK:
        found.append(f"{where}: the main area scrolls sideways ({scroll} px of content in {client} px)")
    scroll, client = seen["pageScroll"]
    if scroll > client + SLACK:
        found.append(f"{where}: the page scrolls sideways ({scroll} px of content in {client} px)")
    found += [f"{where}: text {text!r} {box} runs off the {seen['vw']} px screen" for text, box in seen["offScreen"]]
    found += [f"{where}: chart text {text!r} {box} is cut off (chart {chart})" for text, box, chart in seen["cut"]]
    title = seen["title"]
    if title is None:
        found.append(f"{where}: no title (h1)")
    elif title["ink"]:
        left, right = title["ink"]
        box = title["box"]
        rtl = first_strong(title["text"]) == "R"  # each paragraph takes its own first letter's direction
        if rtl and box[2] - right > 24:
            found.append(f"{where}: the title {title['text']!r} starts {box[2] - right:.0f} px left of the right edge")
        if not rtl and left - box[0] > 24:
            found.append(f"{where}: the title {title['text']!r} starts {left - box[0]:.0f} px right of the left edge")
    leaks = english_leaks(seen["words"] + "\n" + seen["side"], language)
    found += [f"{where}: English left on the page: {part!r}" for part in leaks[:5]]
    return found


def overlap_problems(page, where: str) -> list[str]:
    seen = page.evaluate(OVERLAP)
    state = "closed" if seen["collapsed"] == "true" else "open"
    return [
        f"{where}: with the sidebar {state}, its {text!r} {box} lies on the page {seen['main']}"
        for text, box in seen["on"]
    ]


def collapse(page) -> None:
    page.locator(SIDEBAR).hover()
    page.locator(COLLAPSE).click()
    page.wait_for_selector(f'{SIDEBAR}[data-collapsed="true"]', state="attached")
    page.wait_for_function(MAIN_WIDE)
    page.evaluate("() => new Promise(r => setTimeout(r, 400))")  # the sidebar's own 0.3 s transition


def expand(page) -> None:
    page.locator(EXPAND).click()
    page.wait_for_function(SIDE_OPEN)
    page.evaluate("() => new Promise(r => setTimeout(r, 400))")


def shoot(visit, tmp_path: Path, shots: Path, name: str) -> None:
    """A full-page screenshot in the test's tmp dir, copied to the run's screenshots folder."""
    path = tmp_path / f"{name}.png"
    visit.screenshot(path)
    folder = shots / "languages"
    folder.mkdir(exist_ok=True)
    shutil.copy(path, folder / path.name)


def slide_headlines(language: str) -> list[str]:
    """The headlines of the Present page's slides on the bundled sample, built in ``language``."""
    from loaders.codebook import load_codebook
    from slides import SLIDES, build_slides
    from tests.helpers.views import view_at

    before = messages.current()
    messages.use(language)
    try:
        sample = view_at(codebook=load_codebook().localized(language))  # as ui.view reads it for the language
        slides, _skipped = build_slides(sample, list(SLIDES), "harvest_projector")
        return [words(slide.headline) for slide in slides]
    finally:
        messages.use(before)


# ------------------------------------------------------------------------------------------------------ the tests
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_and_slide_reads_right_in(language, browser, server, nav, shots, tmp_path):
    found: list[str] = []
    headlines = slide_headlines(language)
    with browser_visit(browser, server) as visit:
        page = visit.page
        for index, spec in enumerate(PAGES):
            where = f"{language} {spec.title}"
            visit.open(f"{nav[spec.title]}?uselang={language}")
            visit.wait_for_maps()
            slug = re.sub(r"[^a-z0-9]+", "-", spec.title.lower()).strip("-")
            shoot(visit, tmp_path, shots, f"{language}-{index:02d}-{slug}")
            seen = page.evaluate(MEASURE)
            found += page_problems(seen, language, where)
            found += [f"{where}: {problem}" for problem in visit.problems()]
            visit.console_errors.clear()  # each page says its own
            visit.requests.clear()

            label = msg(spec.message, language=language)
            if words(seen["tab"]) != words(f"{label} · Harvest"):
                found.append(f"{where}: the browser tab says {seen['tab']!r}, not {label!r}")
            links = [words(t) for t in page.eval_on_selector_all(NAV_LINK, "els => els.map(e => e.textContent)")]
            expected_links = [msg(s.message, language=language) for s in PAGES]
            named = len(links) == len(expected_links) and all(
                link == words(e) or link.endswith(" " + words(e)) for link, e in zip(links, expected_links, strict=True)
            )
            if not named:
                found.append(f"{where}: the navigation says {links}, not {expected_links}")

            if spec.title == "Present":
                found += present_problems(visit, language, headlines, seen, tmp_path, shots)
                continue
            expected = msg(TITLE_KEYS.get(spec.title, spec.message), language=language)
            if seen["title"] and words(seen["title"]["text"]) != words(expected):
                found.append(f"{where}: the title says {seen['title']['text']!r}, not {expected!r}")
            if page.locator(f'{SIDEBAR}[data-collapsed="true"]').count():  # Streamlit keeps the reader's last choice
                expand(page)
            found += overlap_problems(page, f"{where}")
            collapse(page)
            found += overlap_problems(page, f"{where}")
            closed = page.evaluate(MEASURE)
            found += [p + " (sidebar closed)" for p in page_problems(closed, language, where) if "English" not in p]
            shoot(visit, tmp_path, shots, f"{language}-{index:02d}-{slug}-sidebar-closed")

    with browser_visit(browser, server, viewport=NARROW) as narrow:  # a narrow window: the sidebar closes itself
        themes = next(s for s in PAGES if s.title == "Themes")
        narrow.open(f"{nav[themes.title]}?uselang={language}")
        narrow.page.wait_for_selector(f'{SIDEBAR}[data-collapsed="true"]', state="attached")
        narrow.page.wait_for_function(MAIN_WIDE)
        shoot(narrow, tmp_path, shots, f"{language}-narrow-themes")
        where = f"{language} Themes at {NARROW['width']} px"
        found += overlap_problems(narrow.page, where)
        # a chart's subtitle cannot fit a phone's width; the page itself must
        narrow_found = page_problems(narrow.page.evaluate(MEASURE), language, where)
        found += [p for p in narrow_found if "English" not in p and "chart text" not in p]
    assert not found, f"{len(found)} problems:\n  " + "\n  ".join(found[:60])


def present_problems(visit, language, headlines, first, tmp_path, shots) -> list[str]:
    """Every slide of the Present page, stepped with the presenter's key: its headline is the one built in the
    language, and it reads and fits like any page. Then the sidebar, closed on Present, opened: beside the slide."""
    page = visit.page
    found = []
    shown = [words(first["title"]["text"]) if first["title"] else ""]
    for number in range(2, len(headlines) + 1):
        page.keyboard.press("ArrowRight")
        page.wait_for_url(re.compile(rf"[?&]slide={number}(&|$)"), timeout=PLAYWRIGHT_TIMEOUT_MS)
        page.wait_for_function(f"t => ({SLIDE_HEADLINE})() !== t", arg=shown[-1])
        visit.settle()
        where = f"{language} Present slide {number}"
        shoot(visit, tmp_path, shots, f"{language}-present-slide-{number}")
        seen = page.evaluate(MEASURE)
        shown.append(words(seen["title"]["text"]) if seen["title"] else "")
        found += page_problems(seen, language, where)
        found += [f"{where}: {problem}" for problem in visit.problems()]
        visit.console_errors.clear()
        visit.requests.clear()
    if shown != headlines:
        found.append(f"{language} Present: the slides' headlines are {shown}, not the {language} ones {headlines}")
    where = f"{language} Present"
    found += overlap_problems(page, where)
    if page.locator(EXPAND).is_visible():  # the projector's page may hide Streamlit's header with its button
        expand(page)
    found += overlap_problems(page, where)
    shoot(visit, tmp_path, shots, f"{language}-present-sidebar-open")
    return found


DECK_MEASURE = """() => {
  const slide = document.querySelector('section.slide:not([hidden])');
  const vw = document.documentElement.clientWidth, vh = innerHeight;
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom].map(Math.round); };
  const chart = slide.querySelector('.chart');
  const cut = [...chart.querySelectorAll('.main-svg text')]
    .filter(t => t.textContent.trim() && !t.closest('.hoverlayer') && getComputedStyle(t).display !== 'none')
    .map(t => [t.textContent.trim().slice(0, 60), box(t)])
    .filter(([_, b]) => b[2] - b[0] > 0 && (b[0] < -1 || b[2] > vw + 1));
  const h1 = slide.querySelector('h1');
  const range = document.createRange();
  range.selectNodeContents(h1);
  const ink = [...range.getClientRects()].filter(r => r.width > 0);
  return {lang: document.documentElement.lang, dir: document.documentElement.dir,
          direction: getComputedStyle(slide).direction, visible: document.querySelectorAll('section.slide:not([hidden])').length,
          scroll: [document.documentElement.scrollWidth, vw, slide.scrollWidth, slide.clientWidth],
          slide: box(slide), h1: box(h1), ink: ink.length ? [Math.min(...ink.map(r => r.left)), Math.max(...ink.map(r => r.right))] : null,
          headline: h1.textContent.trim(), cut: cut.slice(0, 6), vw: vw, vh: vh};
}"""


def test_the_offline_deck_reads_right_to_left_in_arabic(browser, shots, tmp_path):
    from loaders.codebook import load_codebook
    from slides import SLIDES, build_deck, build_slides
    from tests.helpers.views import view_at
    from ui.show import stamp

    sample = view_at(codebook=load_codebook().localized("ar"))
    before = messages.current()
    messages.use("ar")
    try:
        slides, skipped = build_slides(sample, list(SLIDES), "harvest_projector")
        html = build_deck(
            slides,
            title="Harvest",
            stamp=lambda n: stamp(sample, n),
            synthetic=sample.synthetic,
        )
    finally:
        messages.use(before)
    assert skipped == [], skipped
    deck = tmp_path / "deck-ar.html"
    deck.write_text(html, encoding="utf-8")
    folder = shots / "languages"
    folder.mkdir(exist_ok=True)

    found, asked, errors = [], [], []
    for width, height in ((1920, 1080), (1280, 720)):
        context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
        context.set_default_timeout(PLAYWRIGHT_TIMEOUT_MS)
        context.route(
            "**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort()
        )
        page = context.new_page()
        page.on("request", lambda request: asked.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            page.goto(deck.resolve().as_uri() + "#1")
            for number, slide in enumerate(slides, start=1):
                page.wait_for_function(
                    "n => document.body.dataset.state === 'ready' && document.body.dataset.slide === String(n)",
                    arg=number,
                )
                where = f"ar deck {width}x{height} slide {number} ({slide.id})"
                shot = tmp_path / f"ar-deck-{width}x{height}-{number}-{slide.id}.png"
                page.screenshot(path=str(shot))
                shutil.copy(shot, folder / shot.name)
                seen = page.evaluate(DECK_MEASURE)
                if (seen["lang"], seen["dir"], seen["direction"]) != ("ar", "rtl", "rtl"):
                    found.append(
                        f'{where}: <html lang="{seen["lang"]}" dir="{seen["dir"]}">, slide {seen["direction"]}'
                    )
                if seen["visible"] != 1:
                    found.append(f"{where}: {seen['visible']} slides visible at once")
                page_width, vw, slide_width, slide_client = seen["scroll"]
                if page_width > vw + SLACK or slide_width > slide_client + SLACK:
                    found.append(
                        f"{where}: scrolls sideways (page {page_width} in {vw}, slide {slide_width} in {slide_client})"
                    )
                left, _, right, _ = seen["slide"]
                if left < -SLACK or right > seen["vw"] + SLACK:
                    found.append(f"{where}: the slide {seen['slide']} leaves the screen")
                if seen["ink"] and (seen["ink"][0] < -SLACK or seen["ink"][1] > seen["vw"] + SLACK):
                    found.append(f"{where}: the headline {seen['headline']!r} runs off the screen {seen['ink']}")
                if seen["ink"] and first_strong(seen["headline"]) == "R" and seen["h1"][2] - seen["ink"][1] > 24:
                    found.append(f"{where}: the headline does not start on the right ({seen['ink']} in {seen['h1']})")
                if words(seen["headline"]) != words(slide.headline):
                    found.append(f"{where}: the headline is {seen['headline']!r}, not {slide.headline!r}")
                found += [f"{where}: chart text {text!r} {box} runs off the screen" for text, box in seen["cut"]]
                page.keyboard.press("ArrowRight")
        finally:
            context.close()
    assert errors == [], errors
    assert [url for url in asked if not url.startswith("file:")] == [], "the deck asked the network for something"
    assert not found, f"{len(found)} problems:\n  " + "\n  ".join(found[:40])
