"""The codebook in force: its codes and keywords, how many notes each carries (facilitators / auto-coder), how well
the auto-coder reproduces the facilitators, and what the codebook misses. A team can load its own codebook.
Definitions: docs/analysis/codebook.md."""

import pandas as pd
import streamlit as st

from analysis import autocode as ac
from analysis.escape import markdown as md
from analysis.vocabulary import pct
from charts import codebook as charts
from ui import auto_index, cache, choice, current_export, definitions, empty_state, show_chart, view
from ui import codebook as book
from ui.show import metrics

#: What the page's charts count, whatever the sidebar says: both sources, each shown as itself.
SIDE_BY_SIDE = "Facilitators' and the auto-coder's, shown apart"
COLUMN_WORDS = {"themes": "themes, needs and responsibilities", "direction": "commitments of the direction"}
SHORT = {"themes": "codes", "direction": "commitments"}

shown = view(mode="human")  # the facilitators' codes beside the auto-coder's, whatever the sidebar counts elsewhere
notes, codebook = shown.notes, shown.codebook
index = auto_index(current_export())  # once per export version and codebook; filters pick its rows
st.title("Codebook")
st.text(f"{codebook.title or 'Codebook'} — version {codebook.version} ({book.source()})")
st.write(
    "Facilitators' codes always win. Notes they left uncoded are coded from the codebook's keywords, and those "
    "codes are counted apart, as *auto-coder*. Definitions: docs/analysis/codebook.md."
)
if notes.empty:
    empty_state("notes")
    st.stop()

t = cache.once("codebook", shown.key, ac.codebook_tables, notes, index, codebook)
cover = t.cover.loc["themes"]
metrics(
    [("Notes in view", f"{len(notes):,}")]
    + [
        (label, f"{int(cover[name]):,} ({pct(cover[f'{name}_share'])})")
        for name, label in (
            ("facilitators", "Themes from facilitators"),
            ("auto", "Themes from the auto-coder"),
            ("none", "Notes no theme covers"),
        )
    ]
)
st.caption(
    f"Shares are of the {len(notes):,} notes in view. Commitments: {int(t.cover.loc['direction', 'facilitators'])}"
    f" notes from facilitators, {int(t.cover.loc['direction', 'auto'])} from the auto-coder. "
    f"Filters: {md(shown.filters.describe())}."
)

for column, what in (("themes", "code"), ("direction", "commitment")):
    part = t.counts[t.counts["column"] == column]
    if len(part):
        n_text = f"notes per {what} (a note may carry several), of {len(notes):,} notes; hatched: auto-coder"
        fig = charts.counts_by_source(
            part, title=f"How many notes carry each {what}, and who coded them?", n_text=n_text
        )
        show_chart(
            fig,
            part.drop(columns=["column"]),
            key=f"codebook-counts-{column}",
            alt=ac.counts_sentence(part, what),
            view=shown,
            codes=SIDE_BY_SIDE,
        )

book.heldout_figures(codebook)  # accuracy: real statements never tuned on, when measured under this codebook

st.subheader("Agreement with the facilitators of the notes in view")
if shown.synthetic:
    st.warning(
        "Agreement on the synthetic sample, which the keywords were written for (not a measure of accuracy): "
        "for accuracy, read the held-out figures above.",
        icon=":material/science:",
    )
st.write(
    "The auto-coder is run on the notes the facilitators coded, as if they were not, and its codes are compared "
    "with theirs (the facilitators' codes are taken as right)."
)
for column in ("themes", "direction"):
    row = t.summary.loc[column]
    st.markdown(f"**{md(COLUMN_WORDS[column].capitalize())}**")
    if not row["evaluated_notes"]:
        st.info(md(ac.evaluation_sentence(row, SHORT[column])), icon=":material/search_off:")
        continue
    metrics(
        [
            ("Notes compared", f"{int(row['evaluated_notes']):,}"),
            ("Agreement: recall", pct(row["recall"])),
            ("Agreement: precision", "–" if pd.isna(row["precision"]) else pct(row["precision"])),
            ("Notes with a code reproduced", pct(row["any_share"])),
        ]
    )
    part = t.scores[t.scores["column"] == column]
    fig = charts.evaluation(
        part,
        title=f"Per code: how often does the auto-coder agree ({column})?",
        n_text=f"{int(row['evaluated_notes']):,} notes coded by facilitators",
    )
    show_chart(
        fig,
        part.drop(columns=["column"]),
        key=f"codebook-evaluation-{column}",
        alt=ac.evaluation_sentence(row, SHORT[column]),
        view=shown,
        codes=SIDE_BY_SIDE,
    )

st.subheader("The codes, their keywords and notes")
table = t.counts.merge(
    ac.codebook_table(codebook)[["code", "column", "description", "keywords"]], on=["code", "column"], how="left"
)
table["keywords"] = table["keywords"].map(ac.keywords_text)
entries = [e for part in (codebook.codes, codebook.commitments) for e in part.to_dict("records")]
table["aliases"] = table["code"].map({e["id"]: ", ".join(e.get("aliases") or ()) for e in entries}).fillna("")
st.dataframe(
    table[["code", "kind", "label", "aliases", "description", "keywords", "facilitators", "auto", "total"]],
    hide_index=True,
    width="stretch",
)
labels = dict(zip(table["code"], table["label"], strict=True))
chosen = choice(
    st.selectbox,
    "code",
    "Show the notes behind a code",
    list(table["code"]),
    str(table["code"].iloc[0]),
    format_func=labels.get,
)
picked = table[table["code"] == chosen].iloc[0]
st.text(f"{picked['label']} ({chosen}): {picked['description']}")
st.dataframe(ac.code_examples(notes, index, chosen, picked["column"]), hide_index=True, width="stretch")

st.subheader("What the codebook misses")
st.write(
    f"**{len(t.missed):,} notes** ({pct(len(t.missed) / len(notes))} of those in view) carry no theme, need or "
    "responsibility code: the facilitators gave none and no keyword matched."
)
if len(t.missed):
    columns = [c for c in ("text", "language", "question", "round") if c in t.missed]
    st.dataframe(t.missed[columns].head(500), hide_index=True, width="stretch")
if len(t.words):
    n_text = f"notes containing each word, of {len(t.missed):,} uncovered notes; stop words removed"
    fig = charts.frequent_words(t.words, title="Which words come up in the notes the codebook misses?", n_text=n_text)
    show_chart(
        fig,
        t.words,
        key="codebook-words",
        alt=ac.words_sentence(t.words, len(t.missed)),
        view=shown,
        codes=SIDE_BY_SIDE,
    )

st.subheader("The codebook file")
if len(codebook.questions):  # the session's questions: a note's question is matched with these ids in any case
    st.dataframe(codebook.questions[["id", "text", "prompts", "rounds"]], hide_index=True, width="stretch")
book.file_controls()

definitions("analysis/codebook")
