"""Which themes the notes raise: how often, in which round and by whom, which together, and the notes behind each.
Definitions: docs/analysis/themes.md."""

from dataclasses import replace

import streamlit as st

from analysis import findings, themes
from analysis.escape import markdown as md
from analysis.messages import msg
from charts import themes as charts
from ui import cache, choice, definitions, empty_state, filters_caption, show_chart, show_grid, view
from ui.state import breakdown, pick_from_chart
from ui.themes import notes_section, together, unknown_codes

KINDS = ("theme", "need", "responsible")  # each shown as harvest-themes-kind-<kind>
QUESTION_WIDTH = 30

shown = view()
st.title(md(msg("harvest-page-themes")))
st.write(md(msg("harvest-themes-intro")))
filters_caption(shown)
if shown.notes.empty:
    empty_state(msg("harvest-empty-notes"))
    st.stop()

left, right = st.columns(2)
with left:
    kinds = tuple(
        choice(
            st.multiselect,
            "kinds",
            msg("harvest-themes-codes-to-show"),
            list(KINDS),
            ["theme"],
            multi=True,
            format_func=lambda k: msg(f"harvest-themes-kind-{k}"),
        )
        or ["theme"]
    )
with right:
    order = choice(
        st.radio,
        "sort",
        msg("harvest-themes-order"),
        list(themes.SORTS),
        "notes",
        format_func=lambda s: msg(f"harvest-themes-sort-{s}"),
        horizontal=True,
    )
what = "theme" if kinds == ("theme",) else "code"
one, many = msg(f"harvest-themes-one-{what}"), msg(f"harvest-themes-many-{what}")  # "theme", "themes"
found = cache.once("frequency", shown.key, findings.frequency, shown, kinds)
if not found.shown:
    st.info(md(found.withheld), icon=":material/search_off:")
    st.stop()
freq = themes.sort_frequency(found.table.assign(order=range(len(found.table))), order).drop(columns="order")
names = charts.display_labels(freq)
codes = tuple(freq.loc[freq["notes"] > 0, "code"])  # in the order the user chose, for every chart
show_chart(
    charts.frequency_bar(freq, title=msg("harvest-themes-frequency-title", many), n_text=found.n_text),
    freq,
    key="themes-frequency",
    alt=found.sentence,
    view=shown,
    n_text=found.n_text,
    finding=found,
    on_select=pick_from_chart("themes-frequency", "code", "url_code"),
)
unknown_codes(shown)

st.subheader(md(msg("harvest-themes-moved-heading")))
moved = cache.once("movement", shown.key, findings.movement, shown, list(codes))
asked = shown.question_labels(QUESTION_WIDTH)  # "Round 3 (Q2 · How would this…)", not "Round 3 (Q2)"
moved = replace(
    moved, table=cache.once("by-round", shown.key, themes.theme_by, shown.notes, codes, "question_round", asked)
)
show_grid(
    moved,
    shown,
    key="themes-by-round",
    labels=names,
    y_title=msg(f"harvest-themes-axis-{what}"),
    x_title=msg("harvest-themes-round-and-question"),
    title=msg("harvest-themes-moved-title", many),
    n_text=msg("harvest-themes-moved-n", many),
)

st.subheader(md(msg("harvest-themes-who-heading")))
by = breakdown("region")
group = by.replace("_", "-")  # region, community-type: each has its own sentences (a noun's gender differs)
noun = themes.grouping_noun(by)  # analysis' own word for the group, in its finding
grouped = cache.once("by-group", shown.key, themes.theme_by, shown.notes, codes, by)
leader = cache.once(f"leader-{by}-{codes}", shown.key, findings.leading_group, shown, grouped, noun, names.get, by=by)
show_grid(
    leader,
    shown,
    key=f"themes-by-{by}",
    labels=names,
    rows="group",
    columns="code",
    title=msg(f"harvest-themes-by-title-{group}", many),
    x_title=msg(f"harvest-themes-axis-{what}"),
    y_title=msg(f"harvest-filter-{group}"),
    n_text=msg(f"harvest-themes-by-n-{group}", many),
)

together(shown, codes, names, one, many)
notes_section(shown, freq, names, one)

definitions("analysis/themes")
