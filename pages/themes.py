"""Which themes the notes raise: how often, in which round and by whom, which together, and the notes behind each.
Definitions: docs/analysis/themes.md."""

from dataclasses import replace

import streamlit as st

from analysis import findings, themes
from analysis.escape import markdown as md
from analysis.vocabulary import FLAG, plural
from charts import themes as charts
from ui import cache, choice, definitions, empty_state, filters_caption, notes_behind, show_chart, show_grid, view
from ui.state import breakdown, pick_from_chart

KINDS = {"theme": "2017 strategy themes", "need": "Needs", "responsible": "Who is responsible"}
QUESTION_WIDTH = 30

shown = view()
st.title("Themes")
st.write(
    "How often each theme was raised, how that moved over the rounds, who raised it, which themes came "
    "together, and the notes behind each. Shares are of the notes in view that carry at least one of the codes "
    "shown."
)
filters_caption(shown)
if shown.notes.empty:
    empty_state("notes")
    st.stop()

left, right = st.columns(2)
with left:
    kinds = tuple(
        choice(st.multiselect, "kinds", "Codes to show", list(KINDS), ["theme"], multi=True, format_func=KINDS.get)
        or ["theme"]
    )
with right:
    order = choice(
        st.radio, "sort", "Order", list(themes.SORTS), "notes", format_func=themes.SORTS.get, horizontal=True
    )
what = "theme" if kinds == ("theme",) else "code"
found = cache.once("frequency", shown.key, findings.frequency, shown, kinds)
if not found.shown:
    st.info(md(found.withheld), icon=":material/search_off:")
    st.stop()
freq = themes.sort_frequency(found.table.assign(order=range(len(found.table))), order).drop(columns="order")
names = charts.display_labels(freq)
codes = tuple(freq.loc[freq["notes"] > 0, "code"])  # in the order the user chose, for every chart
show_chart(
    charts.frequency_bar(freq, title=f"Which {what}s did the notes raise?", n_text=found.n_text),
    freq,
    key="themes-frequency",
    alt=found.sentence,
    view=shown,
    n_text=found.n_text,
    finding=found,
    on_select=pick_from_chart("themes-frequency", "code", "url_code"),
)
unknown = cache.once("unknown", shown.key, themes.unknown_codes, shown.notes, shown.codebook.codes)
if len(unknown):
    st.warning(
        f"{len(unknown)} code(s) on the notes are not in the codebook (codebook {md(shown.codebook.version)}), "
        "so they are counted in none of these charts. The Data and problems page lists them too:",
        icon=":material/warning:",
    )
    st.text(
        ", ".join(
            f"{FLAG}{code} ({plural(n, 'note')})" for code, n in zip(unknown["code"], unknown["notes"], strict=True)
        )
    )

st.subheader("What moved as the dialogue went on")
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
    y_title=what.capitalize(),
    x_title="Round and question",
    title=f"How did the {what}s move from round to round?",
    n_text=f"notes per cell; share of that round's notes carrying any of these {what}s",
)

st.subheader("Who raised what")
by = breakdown("region")
noun = themes.GROUPINGS[by].lower()
grouped = cache.once("by-group", shown.key, themes.theme_by, shown.notes, codes, by)
leader = cache.once(f"leader-{by}-{codes}", shown.key, findings.leading_group, shown, grouped, noun, names.get)
show_grid(
    leader,
    shown,
    key=f"themes-by-{by}",
    labels=names,
    rows="group",
    columns="code",
    title=f"Which {what}s did each {noun} raise?",
    x_title=what.capitalize(),
    y_title=themes.GROUPINGS[by],
    n_text=f"notes per cell; share of that {noun}'s notes carrying any of these {what}s",
)

st.subheader("Raised together")
if len(codes) < 2:
    st.info(
        f"Only one {md(what)} is raised in this selection, so none is raised together with another.",
        icon=":material/search_off:",
    )
else:
    pairs = cache.once("together", shown.key, themes.co_occurrence, shown.notes, codes)
    show_chart(
        charts.co_occurrence_heatmap(
            pairs,
            labels=names,
            title=f"Which {what}s were raised on the same note?",
            n_text=f"notes carrying both; share of the notes raising the row's {what}",
        ),
        pairs.assign(label_a=pairs["code_a"].map(names.get), label_b=pairs["code_b"].map(names.get)),
        key="themes-together",
        alt=themes.co_sentence(pairs, lambda c: names.get(c, c)),
        view=shown,
    )

st.subheader(f"The notes behind a {md(what)}")
chosen = choice(
    st.selectbox,
    "code",
    f"Choose a {what} (or click its bar above)",
    list(freq["code"]),
    str(freq["code"].iloc[0]),
    format_func=names.get,
)
labels = dict(zip(shown.codebook.codes["id"], shown.codebook.codes["label"], strict=True))
table = cache.once("behind", shown.key, themes.notes_with_code, shown.notes, chosen, lambda c: labels.get(c, c))
notes_behind(table, key="themes-notes", what="notes", view=shown, said=f"carry “{names.get(chosen, chosen)}”")

definitions("analysis/themes")
