"""Which themes the notes raise: how often, in which round and by whom, which together, and the notes behind each."""


import streamlit as st

from analysis import themes
from analysis.escape import markdown as md
from charts import themes as charts
from ui import (
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

KINDS = {"theme": "2017 strategy themes", "need": "Needs", "responsible": "Who is responsible"}
PICK = "themes_pick"



# Computed once per (export version, filters, codebook, choice) and reused by reruns (a click, a search); frames
# are passed with a leading _ so Streamlit does not hash them: the key names them.
@st.cache_data(max_entries=16, show_spinner=False)
def overview(key: str, kinds: tuple[str, ...], _notes, _codes):
    freq = themes.theme_frequency(_notes, _codes, kinds)
    shown = list(freq.loc[freq["notes"] > 0, "code"])
    return freq, themes.theme_by(_notes, shown, "question_round"), themes.co_occurrence(_notes, shown)


@st.cache_data(max_entries=16, show_spinner=False)
def breakdown(key: str, shown: tuple[str, ...], by: str, _notes):
    return themes.theme_by(_notes, shown, by)


# cache_resource: the notes behind a code can be many (a copy per rerun would cost their size); never changed.
@st.cache_resource(max_entries=8, show_spinner=False)
def behind(key: str, code: str, _notes, _labels):
    return themes.notes_with_code(_notes, code, lambda c: _labels.get(c, c))


export, filters, codebook = current_export(), current_filters(), current_codebook()
notes, _people = filtered(export, filters)
key = view_key(export, filters)
st.title("Themes")
st.write("How often each theme was raised, how that moved over the rounds, who raised it, which themes came "
         "together, and the notes behind each. Shares are of the coded notes in view (notes with at least one code).")
if notes.empty:
    empty_state("notes")
    st.stop()

left, right = st.columns(2)
kinds = left.multiselect("Codes to show", list(KINDS), default=["theme"], format_func=KINDS.get, key="themes_kinds")
order = right.radio("Order", list(themes.SORTS), format_func=themes.SORTS.get, key="themes_sort", horizontal=True)
freq, moved, pairs = overview(key, tuple(kinds or ["theme"]), notes, codebook.codes)
freq = themes.sort_frequency(freq, order)
names = charts.display_labels(freq)
label = names.get
coded, what = int(freq["coded_notes"].iloc[0]), "theme" if kinds in (["theme"], []) else "code"
if freq["notes"].sum() == 0:
    empty_state(f"coded notes carrying a {what}")
    st.stop()
shown = tuple(freq.loc[freq["notes"] > 0, "code"])  # in the order the user chose, for every chart
rank = {code: i for i, code in enumerate(shown)}
moved = moved.sort_values("code", key=lambda s: s.map(rank), kind="stable")
pairs = pairs.sort_values(["code_a", "code_b"], key=lambda s: s.map(rank), kind="stable")


def pick_from_chart() -> None:
    """A click on a bar chooses that theme for the notes below (and in the URL)."""
    points = st.session_state["themes-frequency"].selection.points
    if points:
        st.session_state[PICK] = st.query_params["theme"] = points[0]["customdata"][0]


fig = charts.frequency_bar(freq, title=f"Which {what}s did the notes raise?", template="harvest",
                           n_text=f"notes carrying each (a note may carry several); share of {coded} coded notes")
show_chart(fig, freq.drop(columns=["order"]), key="themes-frequency", alt=(themes.frequency_sentence(freq, what)),
           export=export, filters=filters, codebook=codebook, on_select=pick_from_chart)
unknown = freq.loc[~freq["in_codebook"], "code"]
if len(unknown):
    st.warning(f"{len(unknown)} code(s) on the notes are not in the codebook (codebook {md(codebook.version)}); they are "
               "shown under their raw code, hatched and marked ⚠:", icon=":material/warning:")
    st.text(", ".join(unknown))

st.subheader("What moved as the dialogue went on")
fig = charts.heatmap(moved, labels=names, template="harvest", y_title=what.capitalize(), x_title="Round and question",
                     denominator="group_coded_notes", min_denominator=themes.MIN_GROUP_NOTES,
                     title=f"How did the {what}s move from round to round?",
                     n_text=f"notes per cell; share of that round's coded notes ({coded} coded notes in all)")
show_chart(fig, moved.assign(label=moved["code"].map(label)), key="themes-by-round",
           alt=(themes.movement_sentence(moved, label)), export=export, filters=filters, codebook=codebook)

st.subheader("Who raised what")
by = st.radio("Break down by", ["region", "community_type"], format_func=themes.GROUPINGS.get, key="themes_by",
              horizontal=True)
grouped, noun = breakdown(key, shown, by, notes), themes.GROUPINGS[by].lower()
fig = charts.heatmap(grouped, labels=names, template="harvest", rows="group", columns="code",
                     denominator="group_coded_notes", min_denominator=themes.MIN_GROUP_NOTES,
                     title=f"Which {what}s did each {noun} raise?", x_title=what.capitalize(),
                     y_title=themes.GROUPINGS[by],
                     n_text=f"notes per cell; share of that {noun}'s coded notes ({coded} coded notes in all)")
show_chart(fig, grouped.assign(label=grouped["code"].map(label)), key=f"themes-by-{by}",
           alt=(themes.group_sentence(grouped, label, noun=noun)), export=export, filters=filters,
           codebook=codebook)

st.subheader("Raised together")
if len(shown) < 2:
    st.info(f"Only one {md(what)} is raised in this selection, so none is raised together with another.", icon=":material/search_off:")
else:
    fig = charts.co_occurrence_heatmap(pairs, labels=names, template="harvest",
                                       title=f"Which {what}s were raised on the same note?",
                                       n_text=f"notes carrying both; share of the notes raising the row's {what}")
    show_chart(fig, pairs.assign(label_a=pairs["code_a"].map(label), label_b=pairs["code_b"].map(label)),
               key="themes-together", alt=(themes.co_sentence(pairs, label)), export=export, filters=filters,
               codebook=codebook)

st.subheader(f"The notes behind a {md(what)}")
options = list(freq["code"])
wanted = st.query_params.get("theme")
if st.session_state.get(PICK) not in options:
    st.session_state[PICK] = wanted if wanted in options else options[0]
chosen = st.selectbox(f"Choose a {md(what)} (or click its bar above)", options, key=PICK, format_func=names.get,
                      on_change=lambda: st.query_params.update(theme=st.session_state[PICK]))
table = behind(key, chosen, notes, dict(zip(codebook.codes["id"], codebook.codes["label"], strict=True)))
query = st.text_input("Search their text", key="themes_search", placeholder="a word or phrase, any language")
found = themes.search_notes(table, query)
st.text(f"{len(table):,} notes carry “{label(chosen)}”"
        + (f"; {len(found):,} of them contain “{query.strip()}”." if query.strip() else "."))
if found.empty:
    empty_state("notes")
else:
    notes_table(found, key="themes-notes", what="notes", export=export, filters=filters, codebook=codebook)

definitions("analysis/themes")
