"""Roles and resources: what participants need to implement the direction, and whom they see as responsible.
Definitions: docs/analysis/needs.md."""

import streamlit as st

from analysis import findings, needs, themes
from analysis.escape import markdown as md
from charts import needs as charts
from ui import (
    auto_index,
    cache,
    choice,
    current_export,
    definitions,
    empty_state,
    filters_caption,
    notes_behind,
    show_chart,
    show_grid,
    view,
)
from ui.state import breakdown, pick_from_chart

SCOPES = {"q23": "Q2 and Q3", "all": "All questions"}
KINDS = (
    ("need", "What participants need", "What do participants need?"),
    ("responsible", "Who is responsible", "Whom do participants see as responsible?"),
)

shown = view()
codes = shown.codebook.codes
asked = "\n".join(shown.question_label(q) for q in needs.SCOPE_QUESTIONS)  # the codebook's wording
st.title("Roles and resources")
st.write(
    "How roles, responsibilities and resources can be shared across the movement: what participants said they "
    "need, and whom they see as responsible. Notes that name a need in their text without a need code are shown "
    "apart, in grey, and never added to the counts."
)
filters_caption(shown)
left, right = st.columns(2)
with left:
    scope = choice(
        st.radio, "scope", "Notes from", list(SCOPES), "q23", format_func=SCOPES.get, horizontal=True, help=md(asked)
    )
    if scope == "q23":
        st.text(asked)
with right:
    by = breakdown("community_type")
scoped = cache.once("scope", shown.key, needs.in_scope, shown.notes, needs.SCOPE_QUESTIONS if scope == "q23" else None)
auto = auto_index(current_export())  # the keyword matches of every note, made once per export and codebook
where = "in Q2 and Q3" if scope == "q23" else "in all questions"
if scoped.empty:
    empty_state(f"notes {where}")
    st.stop()
noun = themes.GROUPINGS[by].lower()
label = dict(zip(codes["id"], codes["label"], strict=True)).get

for kind, heading, question in KINDS:
    st.subheader(md(heading))
    found = cache.once(
        f"{kind}-{scope}", shown.key, findings.frequency, shown, (kind,), scoped, where=where, id=f"{kind}s"
    )
    if not found.shown:
        st.info(md(found.withheld), icon=":material/search_off:")
        continue
    named = (
        cache.once(f"named-{scope}", shown.key, needs.named_not_coded, scoped, codes, kind, auto=auto)
        if kind == "need"
        else None
    )
    extra = "; grey: named in the text without a need code (not counted)" if named is not None else ""
    freq = found.table
    data = freq if named is None else freq.merge(named[["code", "named_not_coded", "uncoded_notes"]], on="code")
    show_chart(
        charts.needs_bar(freq, named=named, title=question, n_text=found.n_text + extra),
        data,
        key=f"needs-{kind}",
        alt=found.sentence,
        view=shown,
        n_text=found.n_text,
        finding=found,
        on_select=pick_from_chart(f"needs-{kind}", "code", "url_code"),
    )
    table = cache.once(f"{kind}-by-{by}-{scope}", shown.key, needs.need_by, scoped, codes, by, kind)
    leader = cache.once(f"{kind}-leader-{by}-{scope}", shown.key, findings.leading_group, shown, table, noun, label)
    show_grid(
        leader,
        shown,
        key=f"needs-{kind}-by-{by}",
        labels=dict(zip(freq["code"], freq["label"], strict=True)),
        rows="group",
        columns="code",
        y_title=themes.GROUPINGS[by],
        title=f"{question[:-1]}, by {noun}?",
        x_title="Need" if kind == "need" else "Responsible",
        n_text=f"notes per cell; share of that {noun}'s notes {where} carrying any of these",
    )

st.subheader("The notes behind each bar")
options = list(codes.loc[codes["kind"].isin(["need", "responsible"]), "id"])
kind_of = dict(zip(codes["id"], codes["kind"], strict=True))
chosen = choice(
    st.selectbox,
    "code",
    "Choose a need or a responsible party (or click its bar above)",
    options,
    options[0],
    format_func=lambda c: f"{'Need' if kind_of[c] == 'need' else 'Responsible'}: {label(c)}",
)
coded = cache.once(f"behind-{scope}", shown.key, themes.notes_with_code, scoped, chosen, lambda c: label(c) or c)
query = notes_behind(
    coded, key="needs-coded-notes", what="coded notes", view=shown, said=f"{where} are coded “{label(chosen)}”"
)
if kind_of[chosen] == "need":
    named = cache.once(
        f"named-notes-{scope}",
        shown.key,
        needs.named_not_coded_notes,
        scoped,
        codes,
        chosen,
        lambda c: label(c) or c,
        auto=auto,
    )
    notes_behind(
        named,
        key="needs-named-notes",
        what="notes named but not coded",
        view=shown,
        query=query,
        hide_empty=True,
        said=f"{where} carry no need code but their text names “{label(chosen)}”: one of "
        "its codebook keywords, in the note's own language (every language when the codebook has none for "
        "it), as the auto-coder matches them (how well it codes real notes: the Codebook page, held-out figures). "
        "They are not in the counts above",
    )

definitions("analysis/needs")
