"""Roles and resources: what participants need to implement the direction, and whom they see as responsible.
Definitions: docs/analysis/needs.md."""

import streamlit as st

from analysis import needs
from analysis.escape import markdown as md
from analysis.messages import msg
from ui import auto_index, cache, choice, current_export, definitions, empty_state, filters_caption, view
from ui.roles import kind_section, notes_section
from ui.state import breakdown

SCOPES = ("q23", "all")  # each shown as harvest-roles-scope-<scope>
KINDS = ("need", "responsible")  # each with harvest-roles-<kind>-heading and harvest-roles-<kind>-title

shown = view()
asked = "\n".join(shown.question_label(q) for q in needs.SCOPE_QUESTIONS)  # the codebook's wording
st.title(md(msg("harvest-page-roles")))
st.write(md(msg("harvest-roles-intro")))
filters_caption(shown)
left, right = st.columns(2)
with left:
    scope = choice(
        st.radio,
        "scope",
        msg("harvest-roles-notes-from"),
        list(SCOPES),
        "q23",
        format_func=lambda s: msg(f"harvest-roles-scope-{s}"),
        horizontal=True,
        help=md(asked),
    )
    if scope == "q23":
        st.text(asked)
with right:
    by = breakdown("community_type")
scoped = cache.once("scope", shown.key, needs.in_scope, shown.notes, needs.SCOPE_QUESTIONS if scope == "q23" else None)
auto = auto_index(current_export())  # the keyword matches of every note, made once per export and codebook
where = msg(f"harvest-roles-where-{scope}")  # "in Q2 and Q3", the findings' words in the language in force
if scoped.empty:
    empty_state(msg("harvest-roles-empty-notes", where))
    st.stop()

for kind in KINDS:
    kind_section(shown, kind, scoped, scope, where, by, auto)
notes_section(shown, scoped, scope, where, auto)

definitions("analysis/needs")
