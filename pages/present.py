"""Plenary mode: one finding per slide, sized to the screen, driven by keys, a clicker or a presenter console; the
presenter decides when new notes appear. Machinery: ui/present.py."""

import streamlit as st

from analysis.escape import markdown as md
from analysis.messages import msg, right_to_left
from slides import build_slides, on_screen, parse_slide_ids
from ui import cache, current_export, current_filters, definitions, present, view
from ui.present import BLANK, CHROME, RTL_CHROME
from ui.show import PLOTLY_CONFIG, stamp
from ui.state import from_url, ignored

role, key = present.role()
board = present.presentations()
shared = board.get(key) if key else None
dark = (shared.template if role == "follow" and shared else from_url("present_theme", ["light", "dark"], "light")) in (
    "dark",
    "harvest_projector_dark",
)
st.markdown(CHROME[dark], unsafe_allow_html=True)  # a constant style sheet per theme (ui/present.py)
if right_to_left():
    st.markdown(RTL_CHROME, unsafe_allow_html=True)  # a constant style sheet

action, screen = present.controls("present-keys")
export, filters = current_export(), current_filters()
if role == "follow":
    if shared is None:
        st.info(md(msg("harvest-present-follow-none")))
        present.follow(key, -1)
        st.stop()
    filters = shared.filters
# The snapshot the room sees: taken on first visit, replaced only when the presenter asks. When the export behind it
# changed source (an upload released, another export), nothing is shown until the presenter says to go on.
snapshot = st.session_state.get("present_snapshot")
refresh = shared.refresh if shared else 0
if snapshot is not None and snapshot["export"].path != export.path and not st.session_state.pop("present_refresh", 0):
    now_source = view(export=export, filters=filters).source
    st.warning(md(msg("harvest-present-changed-source", snapshot["source"], now_source)), icon=":material/swap_horiz:")
    if st.button(md(msg("harvest-present-switch")), key="present_switch"):
        st.session_state["present_refresh"] = True
        st.session_state["present_snapshot"] = None
        st.rerun()
    st.stop()
if (
    snapshot is None
    or st.session_state.pop("present_refresh", False)
    or snapshot["filters"] != filters
    or snapshot.get("refresh", 0) != refresh
):
    snapshot = {"export": export, "filters": filters, "refresh": refresh, "source": ""}
    st.session_state["present_snapshot"] = snapshot
shown = view(export=snapshot["export"], filters=filters)
snapshot["source"] = shown.source

if shared is not None and role == "follow":
    ids = list(shared.ids)
else:
    ids, unknown = parse_slide_ids(st.query_params.get_all("slides"))
    for value in unknown:
        ignored(msg("harvest-present-ignored-slide", value))
template = "harvest_projector_dark" if dark else "harvest_projector"
slides, skipped = cache.once(f"slides-{ids}-{template}", shown.key, build_slides, shown, ids, template)
if not slides:
    reasons = "; ".join(msg("harvest-present-skipped", s.title, s.reason) for s in skipped)
    st.info(md(msg("harvest-present-none-shown", reasons)), icon=":material/search_off:")
    st.stop()
try:
    index = shared.slide if role == "follow" and shared else int(st.query_params.get("slide", "1")) - 1
except ValueError:
    index = 0
index = present.step(action, min(max(index, 0), len(slides) - 1), len(slides))
if key:
    shared = board.update(key, slide=index, ids=tuple(s.id for s in slides), filters=filters, template=template)
if role != "follow":
    st.query_params["slide"] = str(index + 1)
slide = slides[index]
waiting = len(export.contributions) - len(snapshot["export"].contributions)
label = f"{shown.source} · {shown.fingerprint[:8]}"

if role == "console":
    present.console(slides, index, shown, board, key, waiting, export is not snapshot["export"], label)
    definitions(present.DEFINITIONS.get(slide.id, "analysis"))
    st.stop()

if role == "follow":
    if shared.blank:
        st.markdown(BLANK, unsafe_allow_html=True)  # a constant style sheet: a black screen
    present.follow(key, shared.version)
else:
    present.navigation(index, len(slides), dark, waiting, export is not snapshot["export"], label, shown.synthetic)

st.title(md(slide.headline))
st.plotly_chart(
    present.fit(on_screen(slide.figure), screen),
    theme=None,
    key=f"slide-{slide.id}",
    config=PLOTLY_CONFIG,
    alt=slide.headline,
)
footer = stamp(shown, slide.n_text)
st.caption(md(footer) + (f" · **{md(msg('harvest-present-synthetic-footer'))}**" if shown.synthetic else ""))
if skipped and role != "follow":
    left_out = "; ".join(msg("harvest-present-left-out-item", s.title, s.reason) for s in skipped)
    st.caption(md(msg("harvest-present-left-out", left_out)))

if role != "follow":
    present.downloads(slides, ids, slide, shown, dark, footer)
