"""The café as a café: how mixed the tables were, how ideas moved between them, how evenly each table's voices were
heard, and whether the harvest narrowed over the rounds. Definitions: docs/analysis/cafe.md."""

import streamlit as st

from analysis import cafe
from analysis.escape import markdown as md
from analysis.filters import Filters
from analysis.messages import msg
from charts import cafe as charts
from ui import cache, choice, current_filters, definitions, empty_state, show_chart, show_finding, view
from ui.cafe import follow_an_idea

#: How the mixing control and the sentences name each attribute (messages, read when the page runs).
BY = {"region": "harvest-cafe-by-region", "community_type": "harvest-cafe-by-community-type"}

asked = current_filters()
shown = view(filters=Filters(session=asked.session))  # whole tables and rounds: only a session filter applies here
st.title(md(msg("harvest-page-cafe")))
st.write(md(msg("harvest-cafe-intro")))
others = set(asked.active()) - {"session"}
st.caption(md(msg("harvest-cafe-filters-others" if others else "harvest-cafe-filters", shown.filters.describe())))
if shown.notes.empty:
    empty_state(msg("harvest-empty-notes"))
    st.stop()
codes = list(shown.codebook.codes["id"])
found = cache.once("cafe", shown.key, cafe.cafe, shown.notes, shown.people, shown.seating, codes)
if not found.seating_recorded:  # the table's name stays code-formatted: the message's $1, put in after escaping
    before, _, after = msg("harvest-cafe-no-seating", "\0").partition("\0")
    st.info(f"{md(before)}`seating`{md(after)}", icon=":material/table_restaurant:")

if found.mixing:
    st.subheader(md(msg("harvest-cafe-mixing-heading")))
    said = {key: msg(BY[key]) for key in found.mixing}  # the attributes mixing is measured by, in words
    by = choice(st.segmented_control, "by", msg("harvest-cafe-mixing-by"), list(said), "region", format_func=said.get)
    table = found.mixing[by or "region"]
    rounds = cafe.mixing_by_round(table)
    words = said[by or "region"]
    show_chart(
        charts.mixing(
            table,
            words=words,
            title=msg("harvest-cafe-mixing-title", words),
            n_text=msg("harvest-cafe-mixing-n", len(table), words),
        ),
        table,
        key=f"cafe-mixing-{by}",
        alt=cafe.mixing_sentence(rounds, words),
        view=shown,
    )
if found.meetings is not None and len(found.meetings):
    show_chart(
        charts.meetings(
            found.meetings,
            title=msg("harvest-cafe-meetings-title"),
            n_text=msg("harvest-cafe-meetings-n", int(found.meetings["people"].max())),
        ),
        found.meetings,
        key="cafe-meetings",
        alt=cafe.meetings_sentence(found.meetings),
        view=shown,
    )

st.subheader(md(msg("harvest-cafe-travel-heading")))
travel = cache.once("travel", shown.key, cafe.travel, shown)  # what the slide, the deck and the CSV say too
show_finding(
    travel,
    lambda f: charts.arrivals(f.table, title=msg("harvest-cafe-arrivals-title"), n_text=f.n_text),
    shown,
    key="cafe-arrivals",
)
follow_an_idea(found, shown)  # the phrases travellers carried, and one idea's path (ui/cafe.py)

st.subheader(md(msg("harvest-cafe-balance-heading")))
who = "participants" if found.seating_recorded else "authors"
show_chart(
    charts.balance(
        found.balance,
        title=msg("harvest-cafe-balance-title"),
        n_text=msg(f"harvest-cafe-balance-n-{who}", len(found.balance)),
    ),
    found.balance,
    key="cafe-balance",
    alt=cafe.balance_sentence(found.balance, found.word),
    view=shown,
)

st.subheader(md(msg("harvest-cafe-convergence-heading")))
show_chart(
    charts.convergence(
        found.convergence,
        title=msg("harvest-cafe-convergence-title"),
        n_text=msg("harvest-cafe-convergence-n"),
    ),
    found.convergence,
    key="cafe-convergence",
    alt=cafe.convergence_sentence(found.convergence),
    view=shown,
)

definitions("analysis/cafe")
