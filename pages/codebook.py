"""The codebook in force: its codes and keywords, how many notes each carries (facilitators / auto-coder), how well
the auto-coder reproduces the facilitators, and what the codebook misses. A team can load its own codebook.
Definitions: docs/analysis/codebook.md."""

import streamlit as st

from analysis import autocode as ac
from analysis.escape import markdown as md
from analysis.vocabulary import pct
from charts import codebook as charts
from ui import auto_index, cache, current_export, definitions, empty_state, show_chart, view
from ui import codebook as book
from ui import decisions as proposals
from ui.show import metrics

#: What the page's charts count, whatever the sidebar says: both sources, each shown as itself.
SIDE_BY_SIDE = "Facilitators' and the auto-coder's, shown apart"

shown = view(mode="human")  # the facilitators' codes beside the auto-coder's, whatever the sidebar counts elsewhere
notes, codebook = shown.notes, shown.codebook
export = current_export()  # with the facilitators' decisions on the auto-coder's proposals (ui/decisions.py)
index = auto_index(export)  # once per export version and codebook; filters pick its rows
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
proposals.review(shown, index, export)  # one proposal at a time: accept (A), reject (X), skip (S) or another code

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

book.agreement(t, shown, SIDE_BY_SIDE)  # the auto-coder against the facilitators of the notes in view
book.codes_and_notes(t, shown, index)  # every code with its keywords and counts, and the notes behind one
book.misses(t, shown, SIDE_BY_SIDE)  # the notes no code covers, and the words that come up in them

st.subheader("The codebook file")
if len(codebook.questions):  # the session's questions: a note's question is matched with these ids in any case
    st.dataframe(codebook.questions[["id", "text", "prompts", "rounds"]], hide_index=True, width="stretch")
book.file_controls()

definitions("analysis/codebook")
