"""The codebook in force: its codes and keywords, how many notes each carries (facilitators / auto-coder), how well
the auto-coder reproduces the facilitators, and what the codebook misses. A team can load its own codebook.
Definitions: docs/analysis/codebook.md."""

import streamlit as st

from analysis import autocode as ac
from analysis.escape import markdown as md
from analysis.messages import msg
from analysis.vocabulary import count, pct
from charts import codebook as charts
from ui import auto_index, cache, current_export, definitions, empty_state, show_chart, view
from ui import codebook as book
from ui import decisions as proposals
from ui.show import metrics

#: What the page's charts count, whatever the sidebar says: both sources, each shown as itself.
side_by_side = msg("harvest-codebook-side-by-side")

shown = view(mode="human")  # the facilitators' codes beside the auto-coder's, whatever the sidebar counts elsewhere
notes, codebook = shown.notes, shown.codebook
export = current_export()  # with the facilitators' decisions on the auto-coder's proposals (ui/decisions.py)
index = auto_index(export)  # once per export version and codebook; filters pick its rows
st.title(md(msg("harvest-page-codebook")))
st.text(
    msg("harvest-codebook-version", codebook.title or msg("harvest-page-codebook"), codebook.version, book.source())
)
st.write(  # "… counted apart, as *auto-coder*. Definitions: …": the emphasis is the page's own
    f"{md(msg('harvest-codebook-intro'))} *{md(msg('harvest-codebook-auto-coder'))}*"
    f"{md(msg('harvest-codebook-intro-end'))}"
)
if notes.empty:
    empty_state(msg("harvest-empty-notes"))
    st.stop()

t = cache.once("codebook", shown.key, ac.codebook_tables, notes, index, codebook)
cover = t.cover.loc["themes"]
metrics(
    [(msg("harvest-codebook-notes-in-view"), count(len(notes)))]
    + [
        (msg(f"harvest-codebook-cover-{name}"), f"{count(cover[name])} ({pct(cover[f'{name}_share'])})")
        for name in ("facilitators", "auto", "none")
    ]
)
st.caption(
    md(
        msg(
            "harvest-codebook-shares",
            len(notes),
            str(int(t.cover.loc["direction", "facilitators"])),
            str(int(t.cover.loc["direction", "auto"])),
            shown.filters.describe(),
        )
    )
)
proposals.review(shown, index, export)  # one proposal at a time: accept (A), reject (X), skip (S) or another code

for column, what in (("themes", "code"), ("direction", "commitment")):
    part = t.counts[t.counts["column"] == column]
    if len(part):
        n_text = msg(f"harvest-codebook-counts-n-{column}", len(notes))
        fig = charts.counts_by_source(part, title=msg(f"harvest-codebook-counts-title-{column}"), n_text=n_text)
        show_chart(
            fig,
            part.drop(columns=["column"]),
            key=f"codebook-counts-{column}",
            alt=ac.counts_sentence(part, what),
            view=shown,
            codes=side_by_side,
        )

book.heldout_figures(codebook)  # accuracy: real statements never tuned on, when measured under this codebook

book.agreement(t, shown, side_by_side)  # the auto-coder against the facilitators of the notes in view
book.codes_and_notes(t, shown, index)  # every code with its keywords and counts, and the notes behind one
book.misses(t, shown, side_by_side)  # the notes no code covers, and the words that come up in them

st.subheader(md(msg("harvest-codebook-file-heading")))
if len(codebook.questions):  # the session's questions: a note's question is matched with these ids in any case
    st.dataframe(codebook.questions[["id", "text", "prompts", "rounds"]], hide_index=True, width="stretch")
book.file_controls()

definitions("analysis/codebook")
