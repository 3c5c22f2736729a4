"""Several events side by side: who took part, which themes they raised, which commitments they addressed, and the
same across the events in time order; a difference is called out only beyond chance. Definitions:
docs/analysis/compare.md."""

import streamlit as st

from analysis import compare
from analysis.escape import markdown as md
from charts import compare as charts
from ui import cache, definitions, empty_state, filters_caption, show_finding, view

shown = view()
st.title("Compare events")
st.write(
    "Each session of the export is an event. The filters and the codebook are shared; ◆ marks a share that differs "
    "between the events beyond chance, and only those are called different."
)
filters_caption(shown)
if shown.notes.empty:
    empty_state("notes")
    st.stop()
reason = cache.once("compare-small", shown.key, compare.too_small, shown)
if reason:
    st.info(md(reason), icon=":material/compare_arrows:")
    st.stop()

st.subheader("Who took part")
st.dataframe(cache.once("compare-people", shown.key, compare.participation, shown), hide_index=True)
st.caption('"not recorded": the event\'s export does not record it (never counted as none).')

found = cache.once("compare-themes", shown.key, compare.themes_compared, shown)
st.subheader("Themes")
show_finding(
    found,
    lambda f: charts.side_by_side(f.table, shown.codebook.label, title=f.title, n_text=f.n_text),
    shown,
    key="compare-themes",
)
st.subheader("The direction")
covered = cache.once("compare-direction", shown.key, compare.direction_compared, shown)
show_finding(
    covered,
    lambda f: charts.side_by_side(f.table, shown.codebook.label, title=f.title, n_text=f.n_text),
    shown,
    key="compare-direction",
)

st.subheader("Across the events")
if found.shown:
    timed = compare.in_time_order(shown)
    show_finding(
        found,
        lambda f: charts.over_time(
            f.table,
            shown.codebook.label,
            title="How did the themes move from event to event?",
            n_text=f.n_text + ("; events in time order (first note)" if timed else "; events by name"),
        ),
        shown,
        key="compare-over-time",
    )
    if not timed:
        st.caption("The notes carry no times (submitted_at), so the events are in name order, not time order.")

definitions("analysis/compare")
