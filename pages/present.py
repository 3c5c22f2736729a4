"""Plenary mode: one finding per slide, full width, large type; the presenter decides when new notes appear."""

import streamlit as st

from analysis.downloads import to_csv
from analysis.escape import markdown as md
from slides import SLIDES, build_deck, build_slides, on_screen, parse_slide_ids
from ui import cache, current_export, current_filters, image_buttons, provenance, view
from ui.show import PLOTLY_CONFIG
from ui.state import from_url, ignored

# Projection chrome: no Streamlit header, toolbar or footer; the sidebar starts collapsed; big type. A constant
# style sheet, never data.
st.markdown(
    """<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], footer, [data-testid="stDecoration"] {display: none;}
[data-testid="stMainBlockContainer"] {padding-top: 1rem; max-width: 100%;}
.stApp h1 {font-size: 2.4rem; line-height: 1.2;}
[data-testid="stCaptionContainer"] {font-size: 1.15rem;}
</style>""",
    unsafe_allow_html=True,
)

export, filters = current_export(), current_filters()
# The snapshot the room sees: taken on first visit, replaced only when the presenter asks.
snapshot = st.session_state.get("present_snapshot")
if snapshot is None or st.session_state.pop("present_refresh", False) or snapshot["filters"] != filters:
    snapshot = {"export": export, "filters": filters}
    st.session_state["present_snapshot"] = snapshot
shown = view(export=snapshot["export"], filters=filters)

ids, unknown = parse_slide_ids(st.query_params.get_all("slides"))
for value in unknown:
    ignored(f"slide “{value}”")
dark = from_url("present_theme", ["light", "dark"], "light") == "dark"
template = "harvest_projector_dark" if dark else "harvest_projector"
slides, skipped = cache.once(f"slides-{ids}-{template}", shown.key, build_slides, shown, ids, template)
if not slides:
    st.info(
        "None of the chosen slides can be shown for this export and these filters: "
        + md("; ".join(f"{s.title}: {s.reason}" for s in skipped)),
        icon=":material/search_off:",
    )
    st.stop()
try:
    index = min(max(int(st.query_params.get("slide", "1")) - 1, 0), len(slides) - 1)
except ValueError:
    index = 0

if dark:
    st.markdown(
        "<style>.stApp {background: #111418; color: #F2F2F2;} .stApp h1, .stApp p, .stApp span, "
        "[data-testid='stCaptionContainer'] {color: #F2F2F2 !important;}</style>",
        unsafe_allow_html=True,
    )


def go_to(i: int) -> None:
    st.query_params["slide"] = str(i + 1)


nav = st.columns([1, 1, 2, 2, 3])
if nav[0].button("◀ Previous", disabled=index == 0, key="present_prev"):
    go_to(index - 1)
    st.rerun()
if nav[1].button("Next ▶", disabled=index >= len(slides) - 1, key="present_next"):
    go_to(index + 1)
    st.rerun()
nav[2].markdown(f"**Slide {index + 1:d} / {len(slides):d}**")
if nav[3].toggle("Dark projection", value=dark, key="present_dark") != dark:
    st.query_params["present_theme"] = "light" if dark else "dark"
    st.rerun()
waiting = len(export.contributions) - len(snapshot["export"].contributions)
if export is not snapshot["export"]:
    nav[4].warning(
        f"{waiting:,} new note{'s are' if waiting != 1 else ' is'} waiting."
        if waiting > 0
        else "The export changed (said above); these slides still show it as it was.",
        icon=":material/fiber_new:",
    )
    if nav[4].button(
        md(f"Show {waiting} new notes" if waiting > 0 else "Show the latest data"), key="present_refresh_button"
    ):
        st.session_state["present_refresh"] = True
        st.rerun()

slide = slides[index]
source = shown.source + (" (SYNTHETIC sample data)" if shown.synthetic else "")
st.title(md(slide.headline))
st.plotly_chart(
    on_screen(slide.figure), theme=None, key=f"slide-{slide.id}", config=PLOTLY_CONFIG, alt=slide.headline, height=760
)
st.caption(
    f"n: {md(slide.n_text)} · Filters: {md(shown.filters.describe())} · Codes counted: "
    f"{md(shown.codes_counted.lower())} · Data: {md(source)}"
)
if skipped:
    st.caption("Left out: " + md("; ".join(f"{s.title} ({s.reason})" for s in skipped)))

with st.expander("Slides, downloads"):
    chosen = st.multiselect(
        "Slides, in the order shown",
        list(SLIDES),
        default=ids,
        format_func=lambda i: SLIDES[i][0],
        key="present_slides",
    )
    if chosen and chosen != ids:
        st.query_params["slides"] = ",".join(chosen)
        st.query_params["slide"] = "1"
        st.rerun()
    footer = (
        f"Filters: {shown.filters.describe()} · Codes counted: {shown.codes_counted.lower()} · Data: {source} · Harvest"
    )
    st.download_button(
        "Download deck (HTML, works offline)",
        lambda: build_deck(slides, title="Harvest: WikiCafé findings", footer=footer, dark=dark).encode("utf-8"),
        file_name="harvest-deck.html",
        mime="text/html",
        key="present_deck",
        on_click="ignore",
    )
    st.download_button(
        "Numbers behind this slide (CSV)",
        to_csv(slide.data, provenance(shown, slide.n_text, slide.finding)),
        file_name=f"harvest-slide-{slide.id}.csv",
        mime="text/csv",
        key="present_csv",
    )
    image_buttons(slide.figure, f"slide-{slide.id}")
