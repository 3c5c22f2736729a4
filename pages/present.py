"""Plenary mode: one finding per slide, full width, large type; the presenter decides when new notes appear."""

import streamlit as st

from analysis.downloads import to_csv
from analysis.escape import markdown as md
from analysis.settings import settings
from loaders.reference import world_population_share
from slides import SLIDES, SlideContext, build_deck, build_slides, on_screen, parse_slide_ids
from ui import current_code_mode, current_codebook, current_export, current_filters, filtered
from ui.filters import CODE_MODES
from ui.show import PLOTLY_CONFIG, image_buttons, provenance

# Projection chrome: no Streamlit header, toolbar or footer; the sidebar starts collapsed; big type. A constant
# style sheet, never data.
st.markdown("""<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], footer, [data-testid="stDecoration"] {display: none;}
[data-testid="stMainBlockContainer"] {padding-top: 1rem; max-width: 100%;}
.stApp h1 {font-size: 2.4rem; line-height: 1.2;}
[data-testid="stCaptionContainer"] {font-size: 1.15rem;}
</style>""", unsafe_allow_html=True)

export = current_export()
filters = current_filters()
codebook = current_codebook()

# The snapshot the room sees: taken on first visit, replaced only when the presenter asks.
snapshot = st.session_state.get("present_snapshot")
if snapshot is None or st.session_state.pop("present_refresh", False) or snapshot["filters"] != filters:
    snapshot = {"export": export, "filters": filters}
    st.session_state["present_snapshot"] = snapshot
shown_export = snapshot["export"]
notes, people = filtered(shown_export, filters)

ids, ignored = parse_slide_ids(st.query_params.get_all("slides"))
dark = st.query_params.get("present_theme") == "dark"
template = "harvest_projector_dark" if dark else "harvest_projector"
try:
    index = min(max(int(st.query_params.get("slide", "1")) - 1, 0), len(ids) - 1)
except ValueError:
    index = 0

if dark:
    st.markdown("<style>.stApp {background: #111418; color: #F2F2F2;} .stApp h1, .stApp p, .stApp span, "
                "[data-testid='stCaptionContainer'] {color: #F2F2F2 !important;}</style>", unsafe_allow_html=True)


def go_to(i: int) -> None:
    st.query_params["slide"] = str(i + 1)


nav = st.columns([1, 1, 2, 2, 3])
if nav[0].button("◀ Previous", disabled=index == 0, key="present_prev"):
    go_to(index - 1)
    st.rerun()
if nav[1].button("Next ▶", disabled=index >= len(ids) - 1, key="present_next"):
    go_to(index + 1)
    st.rerun()
nav[2].markdown(f"**Slide {index + 1:d} / {len(ids):d}**")
if nav[3].toggle("Dark projection", value=dark, key="present_dark") != dark:
    st.query_params["present_theme"] = "light" if dark else "dark"
    st.rerun()
waiting = len(export.contributions) - len(shown_export.contributions)
if export is not shown_export:
    label = f"Show {waiting} new notes" if waiting > 0 else "Show the latest data"
    nav[4].warning(f"{max(waiting, 0):,} new notes are waiting.", icon=":material/fiber_new:")
    if nav[4].button(md(label), key="present_refresh_button"):
        st.session_state["present_refresh"] = True
        st.rerun()

if ignored:
    st.warning("This link names slides that do not exist, so they are left out: " + md(", ".join(ignored)) + ".")

ctx = SlideContext(notes, people, codebook, world_population_share(), template, settings().blind_spot_share)
slide = build_slides(ctx, [ids[index]])[0]
source = shown_export.path + (" (SYNTHETIC sample data)" if shown_export.synthetic else "")
st.title(md(slide.headline))
st.plotly_chart(on_screen(slide.figure), theme=None, key=f"slide-{slide.id}", config=PLOTLY_CONFIG, alt=slide.headline,
                height=760)
st.caption(f"n: {md(slide.n_text)} · Filters: {md(filters.describe())} · Data: {md(source)}")

with st.expander("Slides, downloads"):
    chosen = st.multiselect("Slides, in the order shown", list(SLIDES), default=ids,
                            format_func=lambda i: SLIDES[i][0], key="present_slides")
    if chosen and chosen != ids:
        st.query_params["slides"] = ",".join(chosen)
        st.query_params["slide"] = "1"
        st.rerun()
    footer = f"Filters: {filters.describe()} · Data: {source} · Harvest"
    st.download_button("Download deck (HTML, works offline)",
                       lambda: build_deck(build_slides(ctx, ids), title="Harvest: WikiCafé findings", footer=footer,
                                          dark=dark).encode("utf-8"),
                       file_name="harvest-deck.html", mime="text/html", key="present_deck", on_click="ignore")
    st.download_button("Numbers behind this slide (CSV)",
                       to_csv(slide.data, provenance(shown_export, filters, codebook, slide.n_text,
                                                     CODE_MODES[current_code_mode()])),
                       file_name=f"harvest-slide-{slide.id}.csv", mime="text/csv", key="present_csv")
    image_buttons(slide.figure, f"slide-{slide.id}")
