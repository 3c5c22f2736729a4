"""Roles and resources: what participants need to implement the direction, and whom they see as responsible.
Definitions: docs/analysis/needs.md."""

import streamlit as st

from analysis import findings, needs, themes
from analysis.escape import markdown as md
from analysis.messages import msg
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

SCOPES = ("q23", "all")  # each shown as harvest-roles-scope-<scope>
#: The analysis' own words for where the notes come from, in its findings (the page says them in its language).
WHERE = {"q23": "in Q2 and Q3", "all": "in all questions"}
KINDS = ("need", "responsible")  # each with harvest-roles-<kind>-heading and harvest-roles-<kind>-title

shown = view()
codes = shown.codebook.codes
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
where = msg(f"harvest-roles-where-{scope}")  # "in Q2 and Q3"
if scoped.empty:
    empty_state(msg("harvest-roles-empty-notes", where))
    st.stop()
group = by.replace("_", "-")  # region, community-type: each has its own sentences (a noun's gender differs)
noun = themes.GROUPINGS[by].lower()  # analysis' own word for the group, in its finding
label = dict(zip(codes["id"], codes["label"], strict=True)).get

for kind in KINDS:
    st.subheader(md(msg(f"harvest-roles-{kind}-heading")))
    found = cache.once(
        f"{kind}-{scope}", shown.key, findings.frequency, shown, (kind,), scoped, where=WHERE[scope], id=f"{kind}s"
    )
    if not found.shown:
        st.info(md(found.withheld), icon=":material/search_off:")
        continue
    named = (
        cache.once(f"named-{scope}", shown.key, needs.named_not_coded, scoped, codes, kind, auto=auto)
        if kind == "need"
        else None
    )
    extra = msg("harvest-roles-named-extra") if named is not None else ""
    freq = found.table
    data = freq if named is None else freq.merge(named[["code", "named_not_coded", "uncoded_notes"]], on="code")
    show_chart(
        charts.needs_bar(freq, named=named, title=msg(f"harvest-roles-{kind}-title"), n_text=found.n_text + extra),
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
        y_title=msg(f"harvest-filter-{group}"),
        title=msg(f"harvest-roles-{kind}-by-{group}"),
        x_title=msg(f"harvest-roles-axis-{kind}"),
        n_text=msg(f"harvest-roles-by-n-{group}", where),
    )

st.subheader(md(msg("harvest-roles-behind-heading")))
options = list(codes.loc[codes["kind"].isin(["need", "responsible"]), "id"])
kind_of = dict(zip(codes["id"], codes["kind"], strict=True))
chosen = choice(
    st.selectbox,
    "code",
    msg("harvest-roles-choose"),
    options,
    options[0],
    format_func=lambda c: msg(f"harvest-roles-option-{'need' if kind_of[c] == 'need' else 'responsible'}", label(c)),
)
coded = cache.once(f"behind-{scope}", shown.key, themes.notes_with_code, scoped, chosen, lambda c: label(c) or c)
query = notes_behind(
    coded,
    key="needs-coded-notes",
    what=msg("harvest-roles-coded-notes"),
    view=shown,
    said=msg("harvest-roles-coded-said", where, label(chosen)),
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
        what=msg("harvest-roles-named-notes"),
        view=shown,
        query=query,
        hide_empty=True,
        said=msg("harvest-roles-named-said", where, label(chosen)),
    )

definitions("analysis/needs")
