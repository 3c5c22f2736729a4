"""The Present page's machinery: a clicker and keyboard, slides sized to the screen, and a presenter console that
drives the projected view through the server.

- **Keys** (``controls``): a small trusted component (fixed code, no data in it) listens on the page: Right, PageDown
  and Space go forward, Left and PageUp back, Home and End to the first and last slide (what presentation clickers
  send); B or . blanks the screen to black and any key brings it back; F toggles full screen. It also reports the
  screen's size and how much of it the page's text takes, so the chart gets the rest.
- **Fit** (``fit``): a slide's chart type scales with the screen (the projector templates are drawn for 1920x1080):
  chart text holds at least 26 CSS px at 1920 wide (2.4% of the screen's height) and never falls below 14 px; the
  headline is 2.6% of the width, at least 24 px.
- **Console** (``Presentation``): the presenter's laptop opens ``?console=KEY``, the projector ``?follow=KEY``. The
  console's slide, blank and refresh live in one server-side record per key (128 random bits), so several
  presentations at once never cross; the projector checks its record every second and shows only slides.
"""

from __future__ import annotations

import datetime
import html
import re
import secrets
import textwrap
import threading
import time
from dataclasses import dataclass, field

import plotly.graph_objects as go
import streamlit as st

from analysis.downloads import to_csv
from analysis.escape import markdown as md
from analysis.filters import Filters
from analysis.messages import current, languages, msg, right_to_left
from analysis.wikitext import LICENCES
from slides import SLIDES, build_deck, on_screen
from slides.registry import title as slide_title
from slides.wiki import wiki_bundle

#: Chart type at 1920x1080 (the projector templates' base) and the least it may shrink to on a small screen.
BASE_TYPE, MIN_TYPE = 26, 14
#: The least height a chart keeps, whatever the text around it takes (a 1024x768 screen still shows a chart).
MIN_CHART = 260

_JS = """
export default function (component) {
  const { setStateValue, setTriggerValue, data } = component;
  const w = window, doc = w.document;
  const old = w.__harvestPresenter;
  if (old) {
    doc.removeEventListener('keydown', old.key, true);
    doc.removeEventListener('pointerdown', old.hold, true);
    w.removeEventListener('resize', old.size);
    old.timers.forEach(clearTimeout);
    if (old.watcher) old.watcher.disconnect();
  }
  let last = (data && data.last) || null;
  // A click or key starts a run that must reach its button; a measurement sent meanwhile would start another run in
  // its place and the click would be lost (Streamlit keeps one pending run, not the one in progress). So measuring
  // waits until the person has not acted for a moment and no run is going on.
  const busy = () => Date.now() < (w.__harvestHold || 0)
    || !!doc.querySelector('[data-testid="stStatusWidgetRunningIcon"], [data-testid="stStatusWidgetRunningManIcon"]');
  const hold = () => { w.__harvestHold = Date.now() + 1500; };
  function measure() {
    if (busy()) { timers.push(setTimeout(measure, 300)); return; }
    const main = doc.querySelector('[data-testid="stMainBlockContainer"]');
    const chart = doc.querySelector('[data-testid="stMain"] [data-testid="stPlotlyChart"]');
    // what the page takes besides the chart; the downloads' expander counts closed (opening it must not shrink the
    // chart, nor draw the page again while a download is asked for)
    const details = main ? main.querySelector('[data-testid="stExpander"] details') : null;
    const summary = details ? details.querySelector('summary') : null;
    const opened = details && details.open && summary
      ? details.getBoundingClientRect().height - summary.getBoundingClientRect().height - 2 : 0;
    const chrome = main && chart ? Math.ceil(main.scrollHeight - chart.getBoundingClientRect().height - opened) : 0;
    const now = {w: w.innerWidth, h: w.innerHeight, chrome: chrome};
    if (!last || Math.abs(last.w - now.w) > 4 || Math.abs(last.h - now.h) > 4
        || (chrome && Math.abs(last.chrome - chrome) > 8)) {
      last = now;
      setStateValue('screen', now);
    }
  }
  function blank(on) {
    let cover = doc.getElementById('harvest-blank');
    if (on && !cover) {
      cover = doc.createElement('div');
      cover.id = 'harvest-blank';
      cover.setAttribute('aria-label', (data && data.blanked) || 'Screen blanked: press any key');
      cover.style.cssText = 'position:fixed;inset:0;background:#000;z-index:2147483647;cursor:none;';
      doc.body.appendChild(cover);
    } else if (!on && cover) { cover.remove(); }
  }
  function key(e) {
    const tag = (e.target && e.target.tagName) || '';
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (doc.getElementById('harvest-blank')) { blank(false); e.preventDefault(); e.stopPropagation(); return; }
    const k = e.key;
    let act = null;
    if (k === 'ArrowRight' || k === 'PageDown' || k === ' ' || k === 'Spacebar') act = 'next';
    else if (k === 'ArrowLeft' || k === 'PageUp') act = 'prev';
    else if (k === 'Home') act = 'first';
    else if (k === 'End') act = 'last';
    else if (k === 'b' || k === 'B' || k === '.') { blank(true); e.preventDefault(); return; }
    else if (k === 'f' || k === 'F') {
      w.__harvestFullscreen = !doc.fullscreenElement;
      if (doc.fullscreenElement) { doc.exitFullscreen(); }
      else if (doc.documentElement.requestFullscreen) { doc.documentElement.requestFullscreen().catch(() => {}); }
      e.preventDefault(); return;
    }
    if (act) { hold(); e.preventDefault(); e.stopPropagation(); setTriggerValue('action', act); }
  }
  const timers = [];
  const size = () => { timers.push(setTimeout(measure, 400)); };
  // a new slide changes what the headline and footer take: measure again once the page has settled
  const watcher = new ResizeObserver(size);
  const main = doc.querySelector('[data-testid="stMainBlockContainer"]');
  if (main) watcher.observe(main);
  timers.push(setTimeout(measure, 300), setTimeout(measure, 1500));
  doc.addEventListener('keydown', key, true);
  doc.addEventListener('pointerdown', hold, true);
  w.addEventListener('resize', size);
  w.__harvestPresenter = {key: key, hold: hold, size: size, timers: timers, watcher: watcher};
}
"""

_presenter = st.components.v2.component("harvest.presenter", js=_JS)


@dataclass
class Screen:
    """The browser's inner size and the height the page's text (headline, controls, footer) takes, in CSS px."""

    width: int = 1920
    height: int = 1080
    chrome: int = 0

    @property
    def scale(self) -> float:
        return max(0.5, min(self.width / 1920, self.height / 1080, 2.0))

    @property
    def chart_height(self) -> int:
        """What is left for the chart: measured once the page has been drawn, else a fair first guess."""
        chrome = self.chrome or int(self.height * 0.38)
        return max(MIN_CHART, self.height - chrome - 24)


def controls(key: str) -> tuple[str | None, Screen]:
    """Mount the keys-and-screen component: the key pressed since the last run (None when none) and the screen."""
    last = st.session_state.get(f"{key}-screen")
    data = {"last": last, "blanked": msg("harvest-present-blanked")}
    result = _presenter(key=key, data=data, on_action_change=lambda: None, on_screen_change=lambda: None)
    screen = getattr(result, "screen", None) or last or {}
    if screen:
        st.session_state[f"{key}-screen"] = dict(screen)
    try:
        return getattr(result, "action", None), Screen(
            int(screen.get("w", 1920)), int(screen.get("h", 1080)), int(screen.get("chrome", 0))
        )
    except (TypeError, ValueError, AttributeError):
        return getattr(result, "action", None), Screen()


def step(action: str | None, index: int, count: int) -> int:
    """Where a key takes a presentation of ``count`` slides standing at ``index``."""
    moves = {"next": index + 1, "prev": index - 1, "first": 0, "last": count - 1}
    return min(max(moves.get(action or "", index), 0), max(count - 1, 0))


def _scaled(font, factor: float):
    if font is not None and font.size:
        font.size = max(MIN_TYPE, round(font.size * factor))


def _unwrap(values):
    if isinstance(values, str):
        return values.replace("<br>", " ")
    if isinstance(values, list | tuple):
        return type(values)(_unwrap(v) for v in values)
    return values


def _categories(values) -> list:
    """A trace's y categories: the last level of a two-level (multicategory) axis, else the values themselves."""
    values = list(values) if values is not None else []
    if values and isinstance(values[0], list | tuple):
        return list(values[-1])
    return [v for v in values if isinstance(v, str)]


def _one_line_labels_when_short(fig: go.Figure, size: int) -> None:
    """Category labels wrapped on two lines need two lines of room per row: when the chart is too short for that
    (a small screen, a long headline), they go back on one line and the plot gives up width instead."""
    labels = {v for t in fig.data for v in _categories(getattr(t, "y", None))}
    if fig.layout.yaxis.ticktext:
        labels = {str(v) for v in fig.layout.yaxis.ticktext}
    wrapped = any("<br>" in v for v in labels)
    # the plot's share of the chart: axis titles and automatic margins (wrapped x labels) take the rest, unknown here
    room = 0.6 * (fig.layout.height or 0) - (fig.layout.margin.t or 0)
    if wrapped and len(labels) * 2 * size * 1.45 > room:
        for trace in fig.data:
            if getattr(trace, "y", None) is not None:
                trace.y = _unwrap(list(trace.y))
        for name in ("ticktext", "tickvals", "categoryarray"):
            values = getattr(fig.layout.yaxis, name)
            if values:
                setattr(fig.layout.yaxis, name, _unwrap(list(values)))


def _wrap_note(annotation, screen: Screen, size: int) -> int:
    """A note below a chart (a reference, a source) longer than half the screen is wrapped on lines of about that
    width; the height its new lines need, in px (the figure's bottom margin grows by it)."""
    text = annotation.text or ""
    if "<br>" in text or annotation.yshift is None or annotation.yshift >= 0:
        return 0
    font = (annotation.font.size if annotation.font and annotation.font.size else size) or size
    per_line = max(20, int(screen.width * 0.5 / (font * 0.52)))
    if len(text) <= per_line:
        return 0
    lines = textwrap.wrap(text, per_line, break_long_words=False, break_on_hyphens=False)
    annotation.text = "<br>".join(lines)
    return round((len(lines) - 1) * font * 1.3)


def _room_for_bar_labels(fig: go.Figure, size: int) -> None:
    """Labels printed past the end of horizontal bars ("32% · 16 of 16 tables") need room on the right: the longest
    bar's label may run past the plot, so the right margin holds part of the longest label."""
    longest = max(
        (
            len(str(t))
            for trace in fig.data
            if getattr(trace, "orientation", None) == "h" and getattr(trace, "text", None) is not None
            for t in (trace.text if isinstance(trace.text, list | tuple) else [trace.text])
        ),
        default=0,
    )
    if longest:
        fig.layout.margin.r = max(fig.layout.margin.r or 0, round(longest * size * 0.55 * 0.45))


def fit(fig: go.Figure, screen: Screen) -> go.Figure:
    """The slide's chart for this screen: its height what the page leaves, every text scaled from 1920x1080."""
    out = go.Figure(fig)
    factor = screen.scale
    template = out.layout.template
    base = (template.layout.font.size if template and template.layout.font else None) or BASE_TYPE
    size = max(MIN_TYPE, round(base * factor))
    margin = out.layout.margin
    out.update_layout(
        height=screen.chart_height,
        font_size=size,
        legend_font_size=size,
        xaxis_tickfont_size=size,
        yaxis_tickfont_size=size,
        xaxis_title_font_size=size,
        yaxis_title_font_size=size,
        margin=dict(
            l=round((margin.l or 20) * factor),
            r=round((margin.r or 20) * factor),
            t=round((margin.t or 70) * factor),
            b=round((margin.b if margin.b is not None else 70) * factor),
        ),
    )
    extra = 0
    for annotation in out.layout.annotations or ():
        _scaled(annotation.font, factor)
        if annotation.yshift:
            annotation.yshift = round(annotation.yshift * factor)
        if annotation.xshift:
            annotation.xshift = round(annotation.xshift * factor)
        extra = max(extra, _wrap_note(annotation, screen, size))
    if extra:
        out.layout.margin.b = (out.layout.margin.b or 0) + extra
    _one_line_labels_when_short(out, size)
    _room_for_bar_labels(out, size)
    for trace in out.data:
        for name in ("textfont", "insidetextfont", "outsidetextfont"):
            _scaled(getattr(trace, name, None), factor)
    return out


# --- the presenter console -------------------------------------------------------------------------------------------

_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
#: A presentation no console has touched for this long is forgotten.
KEEP_SECONDS = 12 * 3600


@dataclass
class Presentation:
    """What the console says the projector shows. ``version`` grows with every change the projector must follow."""

    slide: int = 0
    blank: bool = False
    refresh: int = 0
    ids: tuple[str, ...] = ()
    filters: Filters = field(default_factory=Filters)
    template: str = "harvest_projector"
    version: int = 0
    touched: float = field(default_factory=time.monotonic)


class _Presentations:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.items: dict[str, Presentation] = {}

    def get(self, key: str) -> Presentation | None:
        with self.lock:
            now = time.monotonic()
            for stale in [k for k, p in self.items.items() if now - p.touched > KEEP_SECONDS]:
                del self.items[stale]
            return self.items.get(key)

    def update(self, key: str, **changes) -> Presentation:
        with self.lock:
            current = self.items.setdefault(key, Presentation())
            changed = any(getattr(current, name) != value for name, value in changes.items())
            for name, value in changes.items():
                setattr(current, name, value)
            current.touched = time.monotonic()
            if changed:
                current.version += 1
            return current


@st.cache_resource(show_spinner=False)
def presentations() -> _Presentations:
    return _Presentations()


def new_key() -> str:
    return secrets.token_urlsafe(16)


def role() -> tuple[str, str | None]:
    """("console", key), ("follow", key) or ("solo", None), from the page's link; a malformed key is no key."""
    for name in ("console", "follow"):
        value = st.query_params.get(name)
        if value is not None and _KEY.match(value):
            return name, value
    return "solo", None


@st.fragment(run_every=1.0)
def follow(key: str, seen: int) -> None:
    """The projector: every second, if the console changed anything, draw the page again."""
    current = presentations().get(key)
    if current is not None and current.version != seen:
        st.rerun(scope="app")


# --- what the page draws around a slide ------------------------------------------------------------------------------


def _chrome(ink: str, paper: str, muted: str, edge: str) -> str:
    """Projection chrome and type, a constant style sheet (never data): no Streamlit header or toolbar, the headline
    2.6% of the screen's width, controls readable in both themes (WCAG AA), a disabled control visibly disabled."""
    return f"""<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], footer, [data-testid="stDecoration"] {{display: none;}}
[data-testid="stMainBlockContainer"] {{padding: 0.8rem 2.5vw 0.4rem; max-width: 100%;}}
.stApp {{background: {paper}; color: {ink};}}
.stApp h1 {{font-size: clamp(24px, 2.6vw, 110px); line-height: 1.18; padding: 0.2rem 0; color: {ink};}}
.stApp p, .stApp span, .stApp label {{color: {ink};}}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {{font-size: clamp(14px, 1.05vw, 44px);
  color: {muted} !important;}}
.stApp button {{background: {paper}; color: {ink}; border: 1px solid {edge};}}
.stApp button:disabled {{background: transparent; color: {muted}; border: 1px dashed {edge}; cursor: not-allowed;}}
.stApp button:disabled p {{color: {muted};}}
[data-testid="stAlertContainer"] p, [data-testid="stAlertContainer"] span {{color: {ink} !important;}}
</style>"""


#: The page's style sheet per theme (dark: True), from constant colours measured at 4.5:1 or more.
CHROME = {
    False: _chrome("#1B1F24", "#FFFFFF", "#4A5360", "#6B7280"),
    True: _chrome("#F2F2F2", "#111418", "#C9D1DB", "#9AA4B1"),
}

#: The definitions behind each slide (docs/<name>.md), shown on the console.
DEFINITIONS = {
    "numbers": "analysis/participation",
    "room": "analysis/participation",
    "voice": "analysis/participation",
    "themes": "analysis/themes",
    "by_question": "analysis/themes",
    "direction": "analysis/gaps",
    "needs": "analysis/needs",
    "cafe": "analysis/cafe",
}
#: The badge a presenter cannot miss on the bundled sample (white on dark orange: 6.3:1); its words are a message.
SYNTHETIC = (
    '<span style="background:#9A4A00;color:#FFFFFF;font-weight:700;padding:0.15em 0.5em;border-radius:4px;'
    'white-space:nowrap;">{}</span>'
)


#: The badge's words per language the interface speaks (the project's own words, HTML-escaped all the same).
BADGES = {
    code: SYNTHETIC.format(html.escape(msg("harvest-present-synthetic-badge", language=code))) for code in languages()
}


#: Right to left (ui/language.py mirrors the app), the collapsed sidebar would slide over the slide instead of off the
#: screen: on the Present page, where it starts collapsed and its header is hidden, it is not drawn; and the console's
#: plain texts (headlines, n, caveats) take the direction of their own first letter (a constant sheet).
RTL_CHROME = (
    '<style>[data-testid="stSidebar"][data-collapsed="true"] {display: none;}'
    ' [data-testid="stText"], [data-testid="stText"] span {unicode-bidi: plaintext; text-align: start;}</style>'
)
#: The projector's blank screen (B on the console's keyboard, or its toggle): a constant style sheet.
BLANK = "<style>.stApp::after {content: ''; position: fixed; inset: 0; background: #000; z-index: 2147483000;}</style>"


def _go(index: int, key: str | None) -> None:
    st.query_params["slide"] = str(index + 1)
    if key:
        presentations().update(key, slide=index)
    st.rerun()


def _waiting(place, waiting: int, changed: bool, key: str | None) -> None:
    """New notes, or a change in the export, offered to the presenter; the slides keep their snapshot until asked."""
    if not changed:
        return
    place.warning(
        md(msg("harvest-present-waiting", waiting) if waiting > 0 else msg("harvest-present-export-changed")),
        icon=":material/fiber_new:",
    )
    if place.button(
        md(msg("harvest-present-show-new", waiting) if waiting > 0 else msg("harvest-present-show-latest")),
        key="present_refresh_button",
    ):
        st.session_state["present_refresh"] = True
        if key:
            current = presentations().get(key)
            presentations().update(key, refresh=(current.refresh if current else 0) + 1)
        st.rerun()


def navigation(index: int, count: int, dark: bool, waiting: int, changed: bool, label: str, synthetic: bool) -> None:
    """The projected page's controls: back to the dashboard, previous and next, the theme, new notes, the console,
    and which export is presented (a presenter cannot miss it)."""
    nav = st.columns([1.45, 1.5, 1.1, 1.1, 1.8, 1.2, 2.8])
    back = ":material/arrow_forward:" if right_to_left() else ":material/arrow_back:"  # back points the way one reads
    nav[0].page_link("pages/overview.py", label=md(msg("harvest-present-dashboard")), icon=back)
    if nav[1].button(md(msg("harvest-present-previous")), disabled=index == 0, key="present_prev"):
        _go(index - 1, None)
    if nav[2].button(md(msg("harvest-present-next")), disabled=index >= count - 1, key="present_next"):
        _go(index + 1, None)
    nav[3].markdown(f"**{md(msg('harvest-present-counter', index + 1, count))}**")
    if nav[4].toggle(md(msg("harvest-present-dark")), value=dark, key="present_dark") != dark:
        st.query_params["present_theme"] = "light" if dark else "dark"
        st.rerun()
    if nav[5].button(
        md(msg("harvest-present-console")), key="present_console", help=md(msg("harvest-present-console-help"))
    ):
        key = new_key()
        presentations().update(key, slide=index)
        st.query_params["console"] = key
        st.rerun()
    _waiting(nav[6], waiting, changed, None)
    nav[6].caption(md(msg("harvest-present-presenting", label)))
    if synthetic:
        nav[6].markdown(BADGES[current()], unsafe_allow_html=True)


def console(slides, index: int, shown, board: _Presentations, key: str, waiting: int, changed: bool, label: str):
    """The presenter's laptop: the slide on the projector and the next, the finding's n, test and caveats, new notes,
    and the controls; the projector (``?follow=key``) shows only slides and follows within a second."""
    from .show import PLOTLY_CONFIG

    shared = board.get(key)
    st.subheader(md(msg("harvest-present-console-heading")))
    st.caption(md(msg("harvest-present-presenting", label)))
    if shown.synthetic:
        st.markdown(BADGES[current()], unsafe_allow_html=True)
    base = str(getattr(st.context, "url", "") or "").split("?")[0]
    st.text(msg("harvest-present-follow-link", base + "?follow=" + key))
    nav = st.columns([1, 1, 1.2, 1.4, 3])
    if nav[0].button(md(msg("harvest-present-previous")), disabled=index == 0, key="console_prev"):
        _go(index - 1, key)
    if nav[1].button(md(msg("harvest-present-next")), disabled=index >= len(slides) - 1, key="console_next"):
        _go(index + 1, key)
    nav[2].markdown(f"**{md(msg('harvest-present-counter', index + 1, len(slides)))}**")
    blank = nav[3].toggle(
        md(msg("harvest-present-blank-projector")), value=bool(shared and shared.blank), key="console_blank"
    )
    if shared is not None and blank != shared.blank:
        board.update(key, blank=blank)
    _waiting(nav[4], waiting, changed, key)
    now, after = st.columns([3, 2])
    slide = slides[index]
    now.markdown(f"**{md(msg('harvest-present-now'))}**")
    now.text(slide.headline)
    now.plotly_chart(
        fit(on_screen(slide.figure), Screen(960, 620, 200)),
        theme=None,
        key=f"console-{slide.id}",
        config=PLOTLY_CONFIG,
        alt=slide.headline,
    )
    after.markdown(f"**{md(msg('harvest-present-next-heading'))}**")
    after.text(slides[index + 1].headline if index + 1 < len(slides) else msg("harvest-present-last"))
    after.markdown(f"**{md(msg('harvest-present-behind'))}**")
    details = slide.finding.provenance() if slide.finding is not None else {"n": slide.n_text}
    after.text("\n".join(f"{name}: {value}" for name, value in details.items() if name != "finding"))


def downloads(slides, ids: list[str], slide, shown, dark: bool, footer: str) -> None:
    """Below the slide (not on the projector): which slides, in which order; the offline deck; the slide's numbers
    and images."""
    from .show import deferred, image_buttons, provenance, stamp

    deck_title = msg("harvest-present-deck-title")
    with st.expander(md(msg("harvest-present-downloads"))):
        chosen = st.multiselect(
            md(msg("harvest-present-order")),
            list(SLIDES),
            default=ids,
            format_func=slide_title,
            key="present_slides",
        )
        if chosen and chosen != ids:
            st.query_params["slides"] = ",".join(chosen)
            st.query_params["slide"] = "1"
            st.rerun()
        st.download_button(
            md(msg("harvest-present-download-deck")),
            deferred(
                lambda: build_deck(
                    slides,
                    title=deck_title,
                    dark=dark,
                    stamp=lambda n: stamp(shown, n),
                    synthetic=shown.synthetic,
                ).encode("utf-8")
            ),
            file_name="harvest-deck.html",
            mime="text/html",
            key="present_deck",
            on_click="ignore",
        )
        st.download_button(
            md(msg("harvest-present-slide-csv")),
            to_csv(slide.data, provenance(shown, slide.n_text, slide.finding)),
            file_name=f"harvest-slide-{slide.id}.csv",
            mime="text/csv",
            key="present_csv",
        )
        image_buttons(slide.figure, f"slide-{slide.id}", stamp=footer, synthetic=shown.synthetic)
        licence = st.selectbox(
            md(msg("harvest-present-licence")), list(LICENCES), format_func=LICENCES.get, key="present_licence"
        )
        st.download_button(
            md(msg("harvest-present-download-wiki")),
            deferred(
                lambda: wiki_bundle(
                    slides,
                    provenance(shown, "", None),
                    title=deck_title,
                    synthetic=shown.synthetic,
                    stamp=lambda n: stamp(shown, n),
                    licence=licence,
                    date=datetime.date.today().isoformat(),
                )
            ),
            file_name="harvest-meta-wiki.zip",
            mime="application/zip",
            key="present_wiki",
            on_click="ignore",
        )
