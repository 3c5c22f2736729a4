"""Several events side by side: who took part, which themes they raised, which commitments they addressed, and the
same across the events in time order; a difference is called out only beyond chance. Definitions:
docs/analysis/compare.md."""

import streamlit as st

from analysis import compare
from analysis.escape import markdown as md
from analysis.messages import msg
from charts import compare as charts
from ui import cache, definitions, empty_state, filters_caption, show_finding, view

shown = view()
st.title(md(msg("harvest-page-compare")))
st.write(md(msg("harvest-compare-intro")))
filters_caption(shown)
if shown.notes.empty:
    empty_state(msg("harvest-empty-notes"))
    st.stop()
reason = cache.once("compare-small", shown.key, compare.too_small, shown)
if reason:
    st.info(md(reason), icon=":material/compare_arrows:")
    st.stop()

st.subheader(md(msg("harvest-compare-who-took-part")))
people = cache.once("compare-people", shown.key, compare.participation, shown)
st.dataframe(people.rename(columns={c: msg(k) for c, k in compare.COLUMNS.items()}), hide_index=True)
st.caption(md(msg("harvest-compare-not-recorded-caption", compare.not_recorded())))

found = cache.once("compare-themes", shown.key, compare.themes_compared, shown)
covered = cache.once("compare-direction", shown.key, compare.direction_compared, shown)
for heading, finding, key in (
    ("harvest-compare-themes-heading", found, "compare-themes"),
    ("harvest-compare-direction-heading", covered, "compare-direction"),
):
    st.subheader(md(msg(heading)))
    show_finding(
        finding,
        lambda f: charts.side_by_side(f.table, shown.codebook.label, title=f.title, n_text=f.n_text),
        shown,
        key=key,
    )

st.subheader(md(msg("harvest-compare-across-heading")))
if found.shown:
    timed = compare.in_time_order(shown)
    show_finding(
        found,
        lambda f: charts.over_time(
            f.table,
            shown.codebook.label,
            title=msg("harvest-compare-over-time-title"),
            n_text=msg("harvest-compare-n-time-order" if timed else "harvest-compare-n-by-name", f.n_text),
        ),
        shown,
        key="compare-over-time",
    )
    if not timed:
        st.caption(md(msg("harvest-compare-no-times")))

definitions("analysis/compare")
