"""One self-contained HTML file with every chosen slide: Plotly's JavaScript inlined, no network, keys to move.

**Fits any screen.** Every size is set at 1920x1080 and scaled by ``u = min(width / 1920, height / 1080)`` of the
browser's window, so a slide keeps its proportions from 1024x768 (4:3) to 3840x2160: the headline, the chart and the
footer share the screen's height and never overlap. The chart is laid out by Plotly on a canvas of the chart's space
divided by ``u`` (about 1800 px wide, whatever the screen) and scaled by ``u``, so what fits at 1920x1080 fits
everywhere. After drawing, the deck measures the chart's texts (ticks, axis titles, labels, annotations, legend):
while any two overlap or one leaves the chart's box, it redraws the chart with smaller type, down to its minimum.

**Type held, in CSS px at 1920x1080 (times ``u`` elsewhere: 0.53 at 1024x768, 0.67 at 1280x720, 2 at 3840x2160):**

- headline 44 px bold (shrunk only for a headline that would take more than a quarter of the screen; never under
  32 px);
- chart text: the slides' projector type, 26 px (charts.style's ``harvest_projector``), shrunk only when labels would
  collide, never under 18 px;
- footer (what the slide shows, its n and caveats; the provenance line) and the controls 22 px; the SYNTHETIC DATA
  badge 26 px bold.

**Readable in light and dark.** Every text and control is at least 4.5:1 against what is behind it (WCAG AA): ink and
muted text from charts.style, the badge black on yellow, and the numbers in a heat map's cells black or white,
whichever contrasts more with the cell. Previous on the first slide and Next on the last are ``disabled``, drawn with a
dashed edge.

**Keys and clickers.** Right, Down, PageDown, Space: next. Left, Up, PageUp: previous. Home, End: first, last. B (or
"."): a black screen; any key or a click brings the slide back. F: full screen, again to leave it.

**Provenance on every slide.** Each slide's footer says what it shows, its n and caveats, and a provenance line
(``stamp``: the export's name and fingerprint, the filters, the n, the codes counted; ui.show.stamp); for the synthetic
sample, a high-contrast SYNTHETIC DATA badge stands beside the headline.

All text from the data (headlines, footers, labels) is HTML-escaped; charts are Plotly JSON, rendered by the inlined
plotly.js (which escapes text itself; the figures' own text went through charts.text). Nothing in the file refers to
another file or address.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import plotly.io as pio
from plotly.offline import get_plotlyjs

from analysis import messages
from analysis.messages import msg
from charts.images import BADGE_COLOURS, badge  # the same words and colours as on an image
from charts.style import DARK, LIGHT

from .registry import Slide, on_screen

#: Sizes at 1920x1080 in CSS px (see the module's docstring); the deck scales them with the screen.
HEADLINE, HEADLINE_MIN = 44, 32
CHART_TYPE, CHART_TYPE_MIN = 26, 18
FOOTER = 22
BADGE_TYPE = 26


def __getattr__(name: str) -> str:
    """``BADGE``: the SYNTHETIC DATA badge's words, in the language in force (charts.images.badge)."""
    if name == "BADGE":
        return badge()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Right to left: each headline and footer line takes the direction of its own first letter (an English finding or an
#: export's name reads correctly inside an Arabic deck), and Plotly draws its chart left to right as it lays it out.
RTL_STYLE = """
section.slide h1, footer p { unicode-bidi: plaintext; }
.chart, #js-plotly-tester { direction: ltr; }
"""

_SCRIPT = """
(function () {
  var DESIGN_W = 1920, DESIGN_H = 1080;
  var HEADLINE = %(headline)d, HEADLINE_MIN = %(headline_min)d, TYPE_MIN = %(type_min)s, TYPE_FLOOR = %(type_floor)d;
  var CONFIG = {displayModeBar: false, displaylogo: false, responsive: false};
  var slides = Array.prototype.slice.call(document.querySelectorAll('section.slide'));
  var nav = document.getElementById('deck-nav'), prev = document.getElementById('prev');
  var next = document.getElementById('next'), blank = document.getElementById('blank');
  var body = document.body, current = 0, drawing = 0;
  if (!slides.length) { return; }

  function unit() { return Math.min(innerWidth / DESIGN_W, innerHeight / DESIGN_H); }
  function sizeKey() { return innerWidth + 'x' + innerHeight; }

  // --- the headline: at most a quarter of the screen, shrunk (never under HEADLINE_MIN) when longer
  function fitHeadline(section) {
    var h1 = section.querySelector('h1'), size = HEADLINE;
    h1.style.fontSize = '';
    while (h1.getBoundingClientRect().height > innerHeight * 0.25 && size > HEADLINE_MIN) {
      size -= 2;
      h1.style.fontSize = 'calc(' + size + ' * var(--u))';
    }
  }

  // --- the chart: Plotly lays it out at 1920-wide type on the chart's space / u, then it is scaled by u
  function scaleFonts(node, factor, key) {
    if (Array.isArray(node)) { node.forEach(function (v) { scaleFonts(v, factor, key); }); return; }
    if (!node || typeof node !== 'object') { return; }
    if (/font$/.test(key || '')) {  // smaller, but never under TYPE_FLOOR (nor under what a builder set smaller)
      var shrink = function (v) { return typeof v === 'number' ? Math.max(Math.min(v, TYPE_FLOOR), v * factor) : v; };
      if (typeof node.size === 'number') { node.size = shrink(node.size); }
      else if (Array.isArray(node.size)) { node.size = node.size.map(shrink); }
    }
    Object.keys(node).forEach(function (k) { scaleFonts(node[k], factor, k); });
  }

  function luminance(rgb) {
    var c = rgb.map(function (v) { v = v / 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
  function parseColour(text) {
    var probe = document.createElement('span');
    probe.style.color = text; document.body.appendChild(probe);
    var m = getComputedStyle(probe).color.match(/[0-9.]+/g); probe.remove();
    return m ? m.slice(0, 3).map(Number) : [0, 0, 0];
  }
  function scaleColour(scale, t) {
    t = Math.max(0, Math.min(1, t));
    for (var i = 1; i < scale.length; i++) {
      if (t <= scale[i][0] || i === scale.length - 1) {
        var a = parseColour(scale[i - 1][1]), b = parseColour(scale[i][1]);
        var span = scale[i][0] - scale[i - 1][0], k = span > 0 ? (t - scale[i - 1][0]) / span : 0;
        return [0, 1, 2].map(function (j) { return a[j] + (b[j] - a[j]) * k; });
      }
    }
    return parseColour(scale[0][1]);
  }
  // The numbers in a heat map's cells: black or white, whichever contrasts more with the cell's colour.
  function legibleCells(plot) {
    var layout = plot._fullLayout;
    plot.querySelectorAll('g.hm').forEach(function (group) {
      var cd = group.__data__, trace = cd && cd[0] && cd[0].trace;
      if (!trace) { return; }
      var axis = trace.coloraxis ? layout[trace.coloraxis] : trace;
      var scale = axis.colorscale, lo = axis.cmin !== undefined ? axis.cmin : trace.zmin;
      var hi = axis.cmax !== undefined ? axis.cmax : trace.zmax;
      group.querySelectorAll('text').forEach(function (label) {
        var z = label.__data__ && label.__data__.z;
        if (typeof z !== 'number' || !isFinite(z) || !scale || !(hi > lo)) {
          label.style.fill = getComputedStyle(document.body).color;  // an uncoloured cell: the page's ink
          return;
        }
        var l = luminance(scaleColour(scale, (z - lo) / (hi - lo)));
        label.style.fill = (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#FFFFFF';
      });
    });
  }

  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }
  function hex(rgb) { return 'rgb(' + rgb.map(Math.round).join(', ') + ')'; }
  // Every other text at least 4.5:1 against what it sits on: the paper, or the bar it is written in. A coloured label
  // too faint for its background keeps its hue and is drawn darker (or lighter) until it reads.
  function legibleText(plot) {
    var paper = parseColour(plot._fullLayout.paper_bgcolor);
    plot.querySelectorAll('svg text').forEach(function (label) {
      if (label.closest('g.hm') || label.closest('.hoverlayer') || !label.textContent.trim()) { return; }
      var behind = paper, bar = label.closest('g.point') && label.closest('g.point').querySelector('path');
      if (bar && label.classList.contains('bartext')) {
        var r = label.getBoundingClientRect(), b = bar.getBoundingClientRect();
        var x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
        if (x > b.left && x < b.right && y > b.top && y < b.bottom) { behind = parseColour(getComputedStyle(bar).fill); }
      }
      var fill = parseColour(getComputedStyle(label).fill);
      if (contrast(fill, behind) >= 4.6) { return; }
      var towards = luminance(behind) > 0.18 ? [0, 0, 0] : [255, 255, 255], own = fill;
      for (var step = 1; step <= 10 && contrast(fill, behind) < 4.6; step++) {
        fill = [0, 1, 2].map(function (j) { return own[j] + (towards[j] - own[j]) * step / 10; });
      }
      label.style.fill = hex(fill);
    });
  }

  // Texts of the chart that collide with one another or leave its box (what the audience would see cut or piled up)
  function collisions(plot) {
    var box = plot.getBoundingClientRect(), slack = 0.5;
    var rects = Array.prototype.slice.call(plot.querySelectorAll('svg text')).filter(function (t) {
      return !t.closest('.hoverlayer') && t.textContent.trim() && getComputedStyle(t).display !== 'none'
        && getComputedStyle(t).visibility !== 'hidden';
    }).map(function (t) { return t.getBoundingClientRect(); }).filter(function (r) { return r.width > 0 && r.height > 0; });
    for (var i = 0; i < rects.length; i++) {
      var a = rects[i];
      if (a.left < box.left - slack || a.right > box.right + slack || a.top < box.top - slack || a.bottom > box.bottom + slack) { return true; }
      for (var j = i + 1; j < rects.length; j++) {
        var b = rects[j];
        if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > slack && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > slack) { return true; }
      }
    }
    return false;
  }

  function drawChart(plot, factor, width, height) {
    var spec = JSON.parse(document.getElementById(plot.id + '-spec').textContent);
    scaleFonts(spec.data, factor, ''); scaleFonts(spec.layout, factor, '');
    spec.layout.width = width; spec.layout.height = height; spec.layout.autosize = false;
    return Plotly.react(plot, spec.data, spec.layout, CONFIG).then(function () {
      legibleCells(plot);
      legibleText(plot);
      return collisions(plot);
    });
  }

  function fitChart(section) {
    var plot = section.querySelector('.chart');
    if (!plot) { return Promise.resolve(); }
    var s = unit(), room = plot.parentElement;
    var width = Math.floor(room.clientWidth / s), height = Math.floor(room.clientHeight / s);
    plot.style.width = width + 'px'; plot.style.height = height + 'px';
    plot.style.transform = 'scale(' + s + ')';
    var factor = 1;
    function attempt() {
      return drawChart(plot, factor, width, height).then(function (crowded) {
        if (crowded && factor > TYPE_MIN) { factor = Math.max(TYPE_MIN, factor * 0.9); return attempt(); }
        plot.dataset.typeScale = factor.toFixed(3);
        plot.dataset.crowded = crowded ? 'yes' : 'no';
      });
    }
    return attempt();
  }

  function layOut(section) {
    var key = sizeKey();
    if (section.dataset.size === key) { return Promise.resolve(); }
    fitHeadline(section);
    return fitChart(section).then(function () { section.dataset.size = key; });
  }

  function show(i) {
    current = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (s, j) { s.hidden = j !== current; });
    var section = slides[current];
    section.querySelector('footer').appendChild(nav);  // the controls sit in the footer's row, beside its text
    prev.disabled = current === 0;
    next.disabled = current === slides.length - 1;
    document.getElementById('counter').textContent = (current + 1) + ' / ' + slides.length;
    body.dataset.slide = String(current + 1);
    if (history.replaceState) { history.replaceState(null, '', '#' + (current + 1)); }
    var ticket = ++drawing;
    body.dataset.state = 'drawing';
    layOut(section).then(function () { if (ticket === drawing) { body.dataset.state = 'ready'; } });
  }

  function setBlank(on) {
    blank.hidden = !on;
    body.dataset.blank = on ? 'on' : 'off';
  }

  function toggleFullscreen() {
    var root = document.documentElement;
    if (document.fullscreenElement || body.dataset.fullscreen === 'on') {
      body.dataset.fullscreen = 'off';
      if (document.fullscreenElement && document.exitFullscreen) { document.exitFullscreen().catch(function () {}); }
    } else {
      body.dataset.fullscreen = 'on';
      if (root.requestFullscreen) { root.requestFullscreen().catch(function () {}); }
    }
  }
  document.addEventListener('fullscreenchange', function () {
    body.dataset.fullscreen = document.fullscreenElement ? 'on' : 'off';
  });

  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (body.dataset.blank === 'on') { setBlank(false); e.preventDefault(); return; }  // any key brings it back
    var key = e.key;
    if (['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Spacebar'].indexOf(key) >= 0) { show(current + 1); }
    else if (['ArrowLeft', 'ArrowUp', 'PageUp'].indexOf(key) >= 0) { show(current - 1); }
    else if (key === 'Home') { show(0); }
    else if (key === 'End') { show(slides.length - 1); }
    else if (key === 'b' || key === 'B' || key === '.') { setBlank(true); }
    else if (key === 'f' || key === 'F') { toggleFullscreen(); }
    else { return; }
    e.preventDefault();
  });
  blank.addEventListener('click', function () { setBlank(false); });
  prev.onclick = function () { show(current - 1); prev.blur(); };
  next.onclick = function () { show(current + 1); next.blur(); };
  var pending = 0;
  window.addEventListener('resize', function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () { show(current); });
  });
  setBlank(false);
  body.dataset.fullscreen = 'off';
  var start = parseInt((location.hash || '#1').slice(1), 10) - 1;
  show(isNaN(start) ? 0 : start);
})();
"""


def _spec(slide: Slide) -> str:
    """The figure as JSON safe inside a <script type="application/json"> (no '</' can close the tag)."""
    text = pio.to_json(on_screen(slide.figure), validate=False, remove_uids=True)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def _style(colours: dict[str, str]) -> str:
    def u(px: float) -> str:
        return f"calc({px:g} * var(--u))"

    return f"""
:root {{ --u: min(calc(100vw / 1920), calc(100vh / 1080)); }}
html, body {{ margin: 0; height: 100%; overflow: hidden; background: {colours["paper"]}; color: {colours["ink"]};
  font-family: "Source Sans Pro", "Segoe UI", "Helvetica Neue", Helvetica, Arial, sans-serif; }}
section.slide {{ display: flex; flex-direction: column; gap: {u(14)}; height: 100vh; box-sizing: border-box;
  padding: {u(28)} {u(56)} {u(22)}; }}
section.slide[hidden] {{ display: none; }}
section.slide > header {{ display: flex; align-items: flex-start; gap: {u(32)}; }}
section.slide h1 {{ flex: 1; min-width: 0; margin: 0; font-size: {u(HEADLINE)}; line-height: 1.18; font-weight: 700;
  overflow-wrap: anywhere; }}
.badge {{ flex: none; margin: 0; padding: {u(6)} {u(16)}; font-size: {u(BADGE_TYPE)}; font-weight: 800;
  letter-spacing: 0.04em; line-height: 1.2; white-space: nowrap; background: {BADGE_COLOURS["fill"]};
  color: {BADGE_COLOURS["ink"]}; border: {u(3)} solid {BADGE_COLOURS["ink"]}; border-radius: {u(6)}; }}
.chart-room {{ flex: 1; min-height: 0; position: relative; overflow: hidden; }}
.chart {{ position: absolute; left: 0; top: 0; transform-origin: 0 0; }}
section.slide > footer {{ display: flex; align-items: flex-end; gap: {u(32)}; font-size: {u(FOOTER)};
  line-height: 1.3; }}
footer .meta {{ flex: 1; min-width: 0; overflow-wrap: anywhere; }}
footer p {{ margin: 0; }}
footer .about {{ color: {colours["ink"]}; }}
footer .stamp {{ color: {colours["muted"]}; }}
nav {{ flex: none; display: flex; align-items: center; gap: {u(14)}; font-size: {u(FOOTER)}; }}
nav #counter {{ color: {colours["ink"]}; font-variant-numeric: tabular-nums; }}
nav button {{ font: inherit; font-weight: 700; min-width: {u(64)}; padding: {u(4)} {u(14)};
  color: {colours["ink"]}; background: {colours["paper"]}; border: {u(2)} solid {colours["ink"]};
  border-radius: {u(6)}; cursor: pointer; }}
nav button:disabled {{ color: {colours["muted"]}; border-color: {colours["muted"]}; border-style: dashed;
  cursor: not-allowed; }}
nav button:focus-visible {{ outline: {u(3)} solid #0072B2; outline-offset: {u(2)}; }}
#blank {{ position: fixed; inset: 0; z-index: 10; background: #000000; cursor: none; }}
#blank[hidden] {{ display: none; }}
"""


def build_deck(
    slides: list[Slide],
    *,
    title: str,
    footer: str = "",
    dark: bool = False,
    stamp: Callable[[str], str] | None = None,
    synthetic: bool = False,
) -> str:
    """The deck as one HTML page.

    ``stamp``: a slide's provenance line from its n text (e.g. ``lambda n: ui.show.stamp(view, n)``), shown on every
    slide; ``footer``: more words after it on every slide (without a stamp, the provenance line itself).
    ``synthetic``: the data is the bundled synthetic sample: every slide carries the SYNTHETIC DATA badge (and its
    footer leaves out the caveat that says the same)."""
    colours = DARK if dark else LIGHT
    esc = html.escape
    badge_html = f'<p class="badge" role="note">{esc(badge())}</p>' if synthetic else ""
    sections = []
    for i, slide in enumerate(slides, start=1):
        chart_id = f"chart-{i}"
        caveats = [c for c in slide.caveats if not (synthetic and c == slide.synthetic_caveat)]  # the badge says it
        about = " · ".join([slide.title, *([] if stamp else [f"n: {slide.n_text}"]), *caveats])  # the stamp has n
        line = " · ".join(part for part in ((stamp(slide.n_text) if stamp else ""), footer) if part)
        sections.append(f"""<section class="slide" id="slide-{i}" data-slide="{esc(slide.id)}" aria-roledescription="slide" hidden>
  <header><h1>{esc(slide.headline)}</h1>{badge_html}</header>
  <div class="chart-room"><div class="chart" id="{chart_id}" role="img" aria-label="{esc(slide.headline)}"></div></div>
  <script type="application/json" id="{chart_id}-spec">{_spec(slide)}</script>
  <footer><div class="meta"><p class="about">{esc(about)}</p>{f'<p class="stamp">{esc(line)}</p>' if line else ""}</div></footer>
</section>""")
    script = _SCRIPT % {
        "headline": HEADLINE,
        "headline_min": HEADLINE_MIN,
        "type_min": f"{CHART_TYPE_MIN / CHART_TYPE:.4f}",
        "type_floor": CHART_TYPE_MIN,
    }
    keys = msg("harvest-present-deck-keys")
    language = messages.current()
    rtl = messages.right_to_left(language)
    direction = ' dir="rtl"' if rtl else ""
    back, forward = ("▶", "◀") if rtl else ("◀", "▶")  # right to left, the previous slide lies to the right
    return f"""<!DOCTYPE html>
<html lang="{esc(language)}"{direction}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:">
<title>{esc(title)}</title>
<style>{_style(colours)}{RTL_STYLE if rtl else ""}</style>
<script>{get_plotlyjs()}</script>
</head>
<body>
{chr(10).join(sections)}
<nav id="deck-nav" aria-label="{esc(msg("harvest-present-deck-nav"))}" title="{esc(keys)}"><button id="prev" type="button" aria-label="{esc(msg("harvest-present-deck-prev"))}">{back}</button><span id="counter" aria-live="polite"></span><button id="next" type="button" aria-label="{esc(msg("harvest-present-deck-next"))}">{forward}</button></nav>
<div id="blank" hidden></div>
<script>{script}</script>
</body>
</html>
"""
