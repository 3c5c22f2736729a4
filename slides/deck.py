"""One self-contained HTML file with every chosen slide: Plotly's JavaScript inlined, no network, arrow keys to move.

All text from the data (headlines, footers, labels) is HTML-escaped; charts are Plotly JSON, rendered by the inlined
plotly.js. Nothing in the file refers to another file or address.
"""

from __future__ import annotations

import html

import plotly.io as pio
from plotly.offline import get_plotlyjs

from charts.style import DARK, LIGHT

from .registry import Slide, on_screen

_SCRIPT = """
(function () {
  var slides = Array.prototype.slice.call(document.querySelectorAll('section.slide'));
  var current = 0;
  function show(i) {
    current = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (s, j) { s.hidden = j !== current; });
    var plot = slides[current].querySelector('.chart');
    if (plot && !plot.dataset.drawn) {
      var spec = JSON.parse(document.getElementById(plot.id + '-spec').textContent);
      spec.layout.height = plot.clientHeight;  // fill what the headline leaves of the screen
      spec.layout.autosize = true;
      Plotly.newPlot(plot, spec.data, spec.layout, {responsive: true, displaylogo: false});
      plot.dataset.drawn = '1';
    } else if (plot) { Plotly.Plots.resize(plot); }
    document.getElementById('counter').textContent = (current + 1) + ' / ' + slides.length;
    if (history.replaceState) { history.replaceState(null, '', '#' + (current + 1)); }
  }
  document.addEventListener('keydown', function (e) {
    if (['ArrowRight', 'PageDown', ' '].indexOf(e.key) >= 0) { show(current + 1); e.preventDefault(); }
    if (['ArrowLeft', 'PageUp'].indexOf(e.key) >= 0) { show(current - 1); e.preventDefault(); }
    if (e.key === 'Home') { show(0); } if (e.key === 'End') { show(slides.length - 1); }
  });
  document.getElementById('prev').onclick = function () { show(current - 1); };
  document.getElementById('next').onclick = function () { show(current + 1); };
  var start = parseInt((location.hash || '#1').slice(1), 10) - 1;
  show(isNaN(start) ? 0 : start);
})();
"""


def _spec(slide: Slide) -> str:
    """The figure as JSON safe inside a <script type="application/json"> (no '</' can close the tag)."""
    text = pio.to_json(on_screen(slide.figure), validate=False, remove_uids=True)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def build_deck(slides: list[Slide], *, title: str, footer: str, dark: bool = False) -> str:
    colours = DARK if dark else LIGHT
    esc = html.escape
    sections = []
    for i, slide in enumerate(slides, start=1):
        chart_id = f"chart-{i}"
        sections.append(f"""<section class="slide" id="slide-{i}" data-slide="{esc(slide.id)}" hidden>
  <h1>{esc(slide.headline)}</h1>
  <div class="chart" id="{chart_id}"></div>
  <script type="application/json" id="{chart_id}-spec">{_spec(slide)}</script>
  <footer>{esc(slide.title)} · n: {esc(slide.n_text)}{"".join(" · " + esc(c) for c in slide.caveats)} · {esc(footer)}</footer>
</section>""")
    style = f"""
html, body {{ margin: 0; height: 100%; background: {colours["paper"]}; color: {colours["ink"]};
  font-family: "Source Sans Pro", "Segoe UI", Helvetica, Arial, sans-serif; }}
section.slide {{ display: flex; flex-direction: column; height: 100vh; box-sizing: border-box; padding: 2vh 3vw 1vh; }}
section.slide[hidden] {{ display: none; }}
section.slide h1 {{ font-size: clamp(20px, 2.3vw, 44px); line-height: 1.2; margin: 0 0 1vh; }}
.chart {{ flex: 1; min-height: 0; }}
footer {{ font-size: clamp(12px, 1.1vw, 20px); color: {colours["muted"]}; padding: 0.5vh 16vw 0.5vh 0; }}
nav {{ position: fixed; right: 2vw; bottom: 1.5vh; display: flex; gap: 0.6em; align-items: center;
  font-size: clamp(12px, 1.1vw, 20px); }}
nav button {{ font-size: inherit; padding: 0.2em 0.8em; background: transparent; color: inherit;
  border: 1px solid {colours["muted"]}; border-radius: 4px; cursor: pointer; }}
"""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:">
<title>{esc(title)}</title>
<style>{style}</style>
<script>{get_plotlyjs()}</script>
</head>
<body>
{chr(10).join(sections)}
<nav><button id="prev" aria-label="Previous slide">◀</button><span id="counter"></span>
<button id="next" aria-label="Next slide">▶</button></nav>
<script>{_SCRIPT}</script>
</body>
</html>
"""
