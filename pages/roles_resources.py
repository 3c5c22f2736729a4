"""Roles and resources: what participants need to implement the direction, and whom they see as responsible."""


import streamlit as st

from analysis import needs, themes
from analysis.escape import markdown as md
from charts import needs as charts
from ui import (
    auto_codes,
    current_codebook,
    current_export,
    current_filters,
    definitions,
    empty_state,
    filtered,
    notes_table,
    show_chart,
    view_key,
)

SCOPES = {"q23": "Q2 and Q3", "all": "All questions"}
SCOPE_HELP = ("Q2: How would this direction change your work in the context of diversity? Q3: What would you need "
              "in order to implement the direction in your own community, project or affiliate?")
PICK = "needs_pick"



def pick_from(chart_key: str):
    """A click on a bar chooses that code for the notes at the bottom of the page (and in the URL)."""
    def pick() -> None:
        points = st.session_state[chart_key].selection.points
        if points:
            st.session_state[PICK] = st.query_params["theme"] = points[0]["customdata"][0]
    return pick


# Computed once per (export version, filters, codebook, choices) and reused by reruns (a click, a search); frames
# are passed with a leading _ so Streamlit does not hash them: the key names them.
@st.cache_data(max_entries=16, show_spinner=False)
def tables(key: str, kind: str, by: str, _notes, _codes, _auto):
    named = needs.named_not_coded(_notes, _codes, kind, auto=_auto) if kind == "need" else None
    return needs.need_frequency(_notes, _codes, kind), named, needs.need_by(_notes, _codes, by, kind)


# cache_resource: the notes behind a code can be many (a copy per rerun would cost their size); never changed.
@st.cache_resource(max_entries=8, show_spinner=False)
def behind(key: str, code: str, named: bool, _notes, _codes, _auto):
    labels = dict(zip(_codes["id"], _codes["label"], strict=True))
    if named:
        return needs.named_not_coded_notes(_notes, _codes, code, lambda c: labels.get(c, c), auto=_auto)
    return themes.notes_with_code(_notes, code, lambda c: labels.get(c, c))


# The notes of the chosen questions, cut once per view: cutting a million notes copies their text.
@st.cache_resource(max_entries=4, show_spinner=False)
def in_scope(key: str, _notes, scope: str):
    return needs.in_scope(_notes, needs.SCOPE_QUESTIONS if scope == "q23" else None)


export, filters, codebook = current_export(), current_filters(), current_codebook()
notes, _people = filtered(export, filters)
codes = codebook.codes
st.title("Roles and resources")
st.write("How roles, responsibilities and resources can be shared across the movement: what participants said they "
         "need, and whom they see as responsible, from the facilitators' codes. Notes that name a need in their text "
         "without a need code are shown apart, in grey, and never added to the counts.")
left, right = st.columns(2)
scope = left.radio("Notes from", list(SCOPES), format_func=SCOPES.get, key="needs_scope", horizontal=True,
                   help=SCOPE_HELP)
by = right.radio("Break down by", ["community_type", "region"], format_func=themes.GROUPINGS.get, key="needs_by",
                 horizontal=True)
scoped = in_scope(view_key(export, filters), notes, scope)
auto = auto_codes(export)  # the keyword matches of every note, made once per export and codebook
where = "in Q2 and Q3" if scope == "q23" else "in all questions"
if scoped.empty:
    empty_state(f"notes {where}")
    st.stop()
noun = themes.GROUPINGS[by].lower()
key = f"{view_key(export, filters)}|{scope}"
label = dict(zip(codes["id"], codes["label"], strict=True)).get

for kind, heading, question in (("need", "What participants need", "What do participants need?"),
                                ("responsible", "Who is responsible", "Whom do participants see as responsible?")):
    st.subheader(md(heading))
    freq, named, table = tables(key, kind, by, scoped, codes, auto)
    coded = int(freq["coded_notes"].iloc[0]) if len(freq) else 0
    if freq["notes"].sum() == 0:
        empty_state(f"coded notes {where} naming a {needs.KIND_WORDS[kind]}")
        continue
    extra = "; grey: named in the text without a need code (not counted)" if named is not None else ""
    fig = charts.needs_bar(freq, named=named, title=question, template="harvest",
                           n_text=f"notes {where}; share of {coded} coded notes{extra}")
    data = freq.drop(columns=["order"]) if named is None else freq.drop(columns=["order"]).merge(
        named[["code", "named_not_coded", "uncoded_notes"]], on="code")
    show_chart(fig, data, key=f"needs-{kind}", alt=(needs.need_sentence(freq, named, kind, where)),
               export=export, filters=filters, codebook=codebook, on_select=pick_from(f"needs-{kind}"))
    fig = charts.heatmap(table, labels=dict(zip(freq["code"], freq["label"], strict=True)), template="harvest",
                         rows="group", columns="code", y_title=themes.GROUPINGS[by], denominator="group_coded_notes",
                         min_denominator=themes.MIN_GROUP_NOTES,
                         x_title="Need" if kind == "need" else "Responsible",
                         title=f"{question[:-1]}, by {noun}?",
                         n_text=f"notes per cell; share of that {noun}'s coded notes {where} ({coded} in all)")
    show_chart(fig, table.assign(label=table["code"].map(label)), key=f"needs-{kind}-by-{by}",
               alt=(themes.group_sentence(table, label, noun=noun)), export=export, filters=filters,
               codebook=codebook)

st.subheader("The notes behind each bar")
options = list(codes.loc[codes["kind"].isin(["need", "responsible"]), "id"])
wanted = st.query_params.get("theme")
if st.session_state.get(PICK) not in options:
    st.session_state[PICK] = wanted if wanted in options else options[0]
kind_of = dict(zip(codes["id"], codes["kind"], strict=True))
chosen = st.selectbox("Choose a need or a responsible party (or click its bar above)", options, key=PICK,
                      format_func=lambda c: f"{'Need' if kind_of[c] == 'need' else 'Responsible'}: {label(c)}",
                      on_change=lambda: st.query_params.update(theme=st.session_state[PICK]))
query = st.text_input("Search their text", key="needs_search", placeholder="a word or phrase, any language")
coded_notes = behind(key, chosen, False, scoped, codes, auto)
table = themes.search_notes(coded_notes, query)


def searched(found: int) -> str:
    """The search's part of a count sentence (the query is the user's text: never a format string)."""
    return f"; {found:,} of them contain “{query.strip()}”." if query.strip() else "."


st.text(f"Coded “{label(chosen)}”: {len(coded_notes):,} notes {where}" + searched(len(table)))
shown = {"export": export, "filters": filters, "codebook": codebook}
if table.empty:
    empty_state("coded notes")
else:
    notes_table(table, key="needs-coded-notes", what="coded notes", **shown)
if kind_of[chosen] == "need":
    named_notes = behind(key, chosen, True, scoped, codes, auto)
    table = themes.search_notes(named_notes, query)
    st.text(f"Named but not coded: {len(named_notes):,} notes {where} carry no need code but their text names "
            f"“{label(chosen)}”: one of its codebook keywords, in the note's own language (every language when the "
            "codebook has none for it), as the auto-coder matches them. They are not in the counts above"
            + searched(len(table)))
    if not table.empty:
        notes_table(table, key="needs-named-notes", what="notes named but not coded", **shown)

definitions("analysis/needs")
