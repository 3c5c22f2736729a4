"""The café as a café: how mixed the tables were, how ideas moved between them, how evenly each table's voices were
heard, and whether the harvest narrowed over the rounds. Definitions: docs/analysis/cafe.md."""

import streamlit as st

from analysis import cafe
from analysis.escape import markdown as md
from analysis.filters import Filters
from charts import cafe as charts
from ui import cache, choice, current_filters, definitions, empty_state, show_chart, show_finding, view
from ui.cafe import follow_an_idea

BY = {"region": "region", "community_type": "community type"}

asked = current_filters()
shown = view(filters=Filters(session=asked.session))  # whole tables and rounds: only a session filter applies here
st.title("Café")
st.write(
    "People sat at tables of about five, a host stayed while the others travelled between rounds, and ideas were "
    "meant to cross-pollinate. This page follows that: whole tables and rounds, never a person."
)
st.caption(
    "Filters: "
    + md(shown.filters.describe())
    + (
        ". Other filters are not applied here: a table seen through a filter would be a group too small to show."
        if set(asked.active()) - {"session"}
        else "."
    )
)
if shown.notes.empty:
    empty_state("notes")
    st.stop()
codes = list(shown.codebook.codes["id"])
found = cache.once("cafe", shown.key, cafe.cafe, shown.notes, shown.people, shown.seating, codes)
if not found.seating_recorded:
    st.info(
        "Seating is not recorded in this export (an optional `seating` table: docs/data-format.md), so how mixed "
        "the tables were and who met whom cannot be shown. Ideas carried by their own author, the balance among "
        "each table's authors and convergence come from the notes alone.",
        icon=":material/table_restaurant:",
    )

if found.mixing:
    st.subheader("How mixed were the tables?")
    by = choice(st.segmented_control, "by", "Mixing by", list(found.mixing), "region", format_func=BY.get)
    table = found.mixing[by or "region"]
    rounds = cafe.mixing_by_round(table)
    words = BY[by or "region"]
    show_chart(
        charts.mixing(
            table,
            words=words,
            title=f"How mixed was each table by {words}, round by round?",
            n_text=f"one point per table and round; {len(table):,} tables; people with {words} recorded",
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
            title="Who met someone from another region for the first time?",
            n_text=f"{int(found.meetings['people'].max()):,} people with a recorded region and seat",
        ),
        found.meetings,
        key="cafe-meetings",
        alt=cafe.meetings_sentence(found.meetings),
        view=shown,
    )

st.subheader("How did ideas travel between tables?")
travel = cache.once("travel", shown.key, cafe.travel, shown)  # what the slide, the deck and the CSV say too
show_finding(
    travel,
    lambda f: charts.arrivals(f.table, title="How did each round's ideas reach their tables?", n_text=f.n_text),
    shown,
    key="cafe-arrivals",
)
follow_an_idea(found, shown)  # the phrases travellers carried, and one idea's path (ui/cafe.py)

st.subheader("Were the voices at each table balanced?")
show_chart(
    charts.balance(
        found.balance,
        title="At how many tables did one voice write half the notes?",
        n_text=f"{len(found.balance):,} tables (each round counted apart); {found.word} who wrote nothing count",
    ),
    found.balance,
    key="cafe-balance",
    alt=cafe.balance_sentence(found.balance, found.word),
    view=shown,
)

st.subheader("Did the harvest narrow or widen?")
show_chart(
    charts.convergence(
        found.convergence,
        title="How many codes did each round raise, and how many were new?",
        n_text="distinct codes raised per round",
    ),
    found.convergence,
    key="cafe-convergence",
    alt=cafe.convergence_sentence(found.convergence),
    view=shown,
)

definitions("analysis/cafe")
