"""The offline deck as a presenter meets it: opened from disk with no network, on six screens, light and dark.

Every slide of a deck built from the bundled sample is measured where it is drawn (Debian's Chromium): the headline,
the chart's plot area, every text of the chart and the footer lie inside the screen and overlap nothing; every text
and control reads at 4.5:1 or more against what is actually behind it (for the chart's texts: the pixels under them,
drawn with the texts hidden); the type keeps its minimum size; every slide carries its provenance and the SYNTHETIC
DATA badge; the keys do what they say. Screenshots of every slide at 1024x768, 1280x720 and 1920x1080 in both themes
go to the run's folder (test-artifacts/screenshots/<run>/deck/).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from slides import SLIDES, build_deck, build_slides
from slides.deck import BADGE, CHART_TYPE_MIN, FOOTER, HEADLINE_MIN
from tests.e2e.harness import PLAYWRIGHT_TIMEOUT_MS
from tests.helpers.views import SAMPLE, view_at
from ui.show import stamp

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]

SIZES = [(1024, 768), (1280, 720), (1366, 768), (1440, 900), (1920, 1080), (3840, 2160)]
SHOT_SIZES = {(1024, 768), (1280, 720), (1920, 1080)}
THEMES = ("light", "dark")
SLACK = 1.0  # px: what two boxes may share, or stick out, before it counts (anti-aliasing, rounding)
AA = 4.5


# ------------------------------------------------------------------------------------------------ the deck on disk
@pytest.fixture(scope="module")
def sample():
    return view_at()


@pytest.fixture(scope="module")
def decks(sample, tmp_path_factory) -> dict[str, tuple[Path, list]]:
    """{theme: (deck file, its slides)}: the deck a presenter downloads, written to disk."""
    folder = tmp_path_factory.mktemp("decks")
    made = {}
    for theme in THEMES:
        dark = theme == "dark"
        slides, skipped = build_slides(sample, list(SLIDES), "harvest_projector_dark" if dark else "harvest_projector")
        assert skipped == [], skipped
        html = build_deck(
            slides,
            title="Harvest: WikiCafé findings",
            dark=dark,
            stamp=lambda n: stamp(sample, n),
            synthetic=sample.synthetic,
        )
        path = folder / f"deck-{theme}.html"
        path.write_text(html, encoding="utf-8")
        made[theme] = (path, slides)
    return made


def offline_page(browser, size, asked: list[str], errors: list[str]):
    """A fresh context at ``size`` whose every request other than the file itself is refused."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, device_scale_factor=1)
    context.set_default_timeout(PLAYWRIGHT_TIMEOUT_MS)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    page.on("request", lambda request: asked.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return context, page


def wait_for_slide(page, number: int) -> None:
    page.wait_for_function(
        "n => document.body.dataset.state === 'ready' && document.body.dataset.slide === String(n)", arg=number
    )


# ----------------------------------------------------------------------------------------------- what is measured
MEASURE = """() => {
  const slide = document.querySelector('section.slide:not([hidden])');
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const background = e => {  // the first opaque background, walking up
    for (let n = e; n; n = n.parentElement) {
      const c = getComputedStyle(n).backgroundColor;
      const alpha = (c.match(/[\\d.]+/g) || []).length === 4 ? parseFloat(c.match(/[\\d.]+/g)[3]) : 1;
      if (c !== 'transparent' && alpha >= 1) { return c; }
    }
    return 'rgb(255, 255, 255)';
  };
  const html = [...slide.querySelectorAll('h1, .badge, footer p, #counter, nav button')].map(e => {
    const cs = getComputedStyle(e);
    return {what: e.tagName.toLowerCase() + (e.id ? '#' + e.id : e.className ? '.' + e.className : ''),
            text: e.textContent.trim().slice(0, 80), box: box(e), colour: cs.color,
            background: background(e), size: parseFloat(cs.fontSize), disabled: !!e.disabled,
            border: cs.borderTopStyle};
  });
  const plot = slide.querySelector('.chart');
  const texts = [...plot.querySelectorAll('svg text')]
    .filter(t => t.textContent.trim() && !t.closest('.hoverlayer'))
    .map(t => { const cs = getComputedStyle(t);
      return {text: t.textContent.trim().slice(0, 60), box: box(t), fill: cs.fill, opacity: parseFloat(cs.fillOpacity),
              size: parseFloat(cs.fontSize), shown: cs.display !== 'none' && cs.visibility !== 'hidden'}; })
    .filter(t => t.shown && t.box[2] - t.box[0] > 0 && t.box[3] - t.box[1] > 0);
  const areas = [...plot.querySelectorAll('.nsewdrag')].map(box);
  return {
    scale: Math.min(innerWidth / 1920, innerHeight / 1080), width: innerWidth, height: innerHeight,
    h1: box(slide.querySelector('h1')), footer: box(slide.querySelector('footer .meta')),
    nav: box(slide.querySelector('nav')), badge: slide.querySelector('.badge') ? box(slide.querySelector('.badge')) : null,
    chart: box(plot), areas, html, texts, footerText: slide.querySelector('footer').innerText,
  };
}"""


def overlap(a, b, slack: float = SLACK) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack


def inside(a, outer, slack: float = SLACK) -> bool:
    return (
        a[0] >= outer[0] - slack and a[1] >= outer[1] - slack and a[2] <= outer[2] + slack and a[3] <= outer[3] + slack
    )


def rgb(text: str) -> tuple[float, ...]:
    return tuple(float(v) for v in re.findall(r"[\d.]+", text)[:3])


def luminance(colour) -> float:
    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a, b) -> float:
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def backgrounds(image: Image.Image, box, scale: float) -> list[tuple[int, int, int]]:
    """The colours that fill the text's box with the text hidden: each one covering at least 12% of it."""
    left, top, right, bottom = (round(v * scale) for v in box)
    crop = image.crop((max(left, 0), max(top, 0), max(right, left + 1), max(bottom, top + 1))).convert("RGB")
    counts = Counter(crop.get_flattened_data() if hasattr(crop, "get_flattened_data") else crop.getdata())
    total = sum(counts.values())
    return [colour for colour, n in counts.items() if n >= 0.12 * total] or [counts.most_common(1)[0][0]]


def problems_on(page, seen: dict, sample, slide, size, theme) -> list[str]:
    """Everything wrong with the slide on screen, as sentences."""
    where = f"{theme} {size[0]}x{size[1]} slide {slide.id}"
    found = []
    screen = (0, 0, seen["width"], seen["height"])
    u = seen["scale"]

    # --- inside the screen, and nothing on top of anything else
    parts = {"headline": seen["h1"], "footer": seen["footer"], "controls": seen["nav"]}
    if seen["badge"]:
        parts["badge"] = seen["badge"]
    areas = seen["areas"] or [seen["chart"]]
    for i, area in enumerate(areas):
        parts[f"plot area {i + 1}"] = area
    for name, part in parts.items():
        if not inside(part, screen):
            found.append(f"{where}: the {name} {part} leaves the {size[0]}x{size[1]} screen")
    names = list(parts)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if overlap(parts[a], parts[b]):
                found.append(f"{where}: the {a} {parts[a]} overlaps the {b} {parts[b]}")
    texts = seen["texts"]
    for i, text in enumerate(texts):
        if not inside(text["box"], seen["chart"]):
            found.append(f"{where}: chart text {text['text']!r} {text['box']} is cut off (chart {seen['chart']})")
        for name in ("headline", "footer", "controls", "badge"):
            if name in parts and overlap(text["box"], parts[name]):
                found.append(f"{where}: chart text {text['text']!r} overlaps the {name}")
        for other in texts[i + 1 :]:
            if overlap(text["box"], other["box"]):
                found.append(f"{where}: chart texts {text['text']!r} and {other['text']!r} overlap")

    # --- type large enough for the back of the hall (scaled with the screen)
    for item in seen["html"]:
        least = {"h1": HEADLINE_MIN}.get(item["what"], FOOTER)
        if item["size"] < least * u - 0.5:
            found.append(f"{where}: {item['what']} is {item['size']:.1f} px, under {least} x {u:.3f}")
    for text in texts:
        if text["size"] * u < CHART_TYPE_MIN * u - 0.5:
            found.append(
                f"{where}: chart text {text['text']!r} is {text['size']:.1f} px at 1920, under {CHART_TYPE_MIN}"
            )

    # --- contrast: page text against its opaque background; chart text against the pixels under it
    for item in seen["html"]:
        if not item["text"]:
            continue
        contrast = ratio(rgb(item["colour"]), rgb(item["background"]))
        if contrast < AA:
            found.append(
                f"{where}: {item['what']} {item['text']!r} is {contrast:.2f}:1 ({item['colour']} on {item['background']})"
            )
    page.add_style_tag(content=".chart svg text { visibility: hidden !important; }")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    image = Image.open(io.BytesIO(page.screenshot()))
    page.evaluate("() => document.head.lastElementChild.remove()")
    for text in texts:
        fill = rgb(text["fill"])
        for behind in backgrounds(image, text["box"], image.width / seen["width"]):
            shown = tuple(f * text["opacity"] + b * (1 - text["opacity"]) for f, b in zip(fill, behind, strict=False))
            contrast = ratio(shown, behind)
            if contrast < AA:
                found.append(
                    f"{where}: chart text {text['text']!r} is {contrast:.2f}:1 ({text['fill']} on rgb{behind})"
                )

    # --- a disabled control looks disabled
    for item in seen["html"]:
        if item["what"].startswith("button") and item["disabled"] and item["border"] == "solid":
            found.append(f"{where}: {item['what']} is disabled but drawn like an enabled control")

    # --- provenance and the synthetic badge on the slide itself
    expected = [
        f"Data: {sample.source} · {sample.fingerprint[:8]}",
        "Filters: ",
        f"n: {slide.n_text}",
        "Codes counted: ",
    ]
    footer = " ".join(seen["footerText"].split())
    found += [f"{where}: the footer does not say {words!r}: {footer!r}" for words in expected if words not in footer]
    if str(SAMPLE.parent) in footer:
        found.append(f"{where}: the footer shows a server path")
    badges = [item for item in seen["html"] if item["what"] == "p.badge"]
    if sample.synthetic and not (badges and badges[0]["text"] == BADGE):
        found.append(f"{where}: no {BADGE} badge on a slide of the synthetic sample")
    return found


# ------------------------------------------------------------------------------------------------------ the tests
@pytest.mark.parametrize("theme", THEMES)
def test_every_slide_fits_reads_and_says_where_it_comes_from_on_every_screen(browser, decks, sample, shots, theme):
    path, slides = decks[theme]
    folder = shots / "deck"
    folder.mkdir(exist_ok=True)
    found: list[str] = []
    asked: list[str] = []
    errors: list[str] = []
    for size in SIZES:
        context, page = offline_page(browser, size, asked, errors)
        try:
            page.goto(path.resolve().as_uri() + "#1")
            for number, slide in enumerate(slides, start=1):
                wait_for_slide(page, number)
                if size in SHOT_SIZES:
                    page.screenshot(path=str(folder / f"deck-{theme}-{size[0]}x{size[1]}-{number}-{slide.id}.png"))
                found += problems_on(page, page.evaluate(MEASURE), sample, slide, size, theme)
                page.keyboard.press("ArrowRight")
        finally:
            context.close()
    assert errors == [], errors
    assert [url for url in asked if not url.startswith("file:")] == [], "the deck asked the network for something"
    assert found == [], f"{len(found)} problems:\n  " + "\n  ".join(found[:40])


def test_keys_and_a_clicker_drive_the_deck(browser, decks):
    path, slides = decks["light"]
    last = len(slides)
    asked, errors = [], []
    context, page = offline_page(browser, (1280, 720), asked, errors)

    def on_screen() -> int:
        page.wait_for_function("() => document.body.dataset.state === 'ready'")
        number = int(page.evaluate("() => document.body.dataset.slide"))
        visible = page.locator("section.slide:not([hidden])")
        assert visible.count() == 1
        assert page.locator("#counter").inner_text() == f"{number} / {last}"
        assert page.evaluate("() => location.hash") == f"#{number}"
        return number

    def disabled(button: str) -> bool:
        return page.locator(f"#{button}").is_disabled()

    try:
        page.goto(path.resolve().as_uri())
        assert on_screen() == 1 and disabled("prev") and not disabled("next")
        for key, expected in (
            ("ArrowRight", 2),
            ("PageDown", 3),  # a clicker's forward button
            ("Space", 4),
            ("PageUp", 3),  # a clicker's back button
            ("ArrowLeft", 2),
            ("End", last),
            ("ArrowRight", last),  # no further than the last
            ("Home", 1),
            ("ArrowLeft", 1),
        ):
            page.keyboard.press(key)
            assert on_screen() == expected, f"after {key}"
        page.locator("#next").click()
        assert on_screen() == 2 and not disabled("prev")
        page.keyboard.press("End")
        assert on_screen() == last and disabled("next") and not disabled("prev")

        # B: a black screen over everything; any key brings the same slide back, and so does B again
        blank = page.locator("#blank")
        page.keyboard.press("b")
        assert blank.is_visible() and page.evaluate("() => document.body.dataset.blank") == "on"
        covering = page.evaluate(
            """() => { const e = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
                       const r = e.getBoundingClientRect();
                       return [e.id, getComputedStyle(e).backgroundColor, r.width, r.height]; }"""
        )
        assert covering == ["blank", "rgb(0, 0, 0)", 1280, 720], covering
        page.keyboard.press("ArrowLeft")
        assert not blank.is_visible() and on_screen() == last, "any key lifts the black screen without moving"
        page.keyboard.press("B")
        assert blank.is_visible()
        page.keyboard.press("B")
        assert not blank.is_visible() and on_screen() == last

        # F: full screen asked for, and F again leaves it (a headless browser may not really enter it)
        page.keyboard.press("f")
        assert page.evaluate("() => document.body.dataset.fullscreen") == "on"
        page.keyboard.press("f")
        page.wait_for_function("() => !document.fullscreenElement")
        assert page.evaluate("() => document.body.dataset.fullscreen") == "off"
        assert on_screen() == last
    finally:
        context.close()
    assert errors == [], errors
    assert [url for url in asked if not url.startswith("file:")] == []
