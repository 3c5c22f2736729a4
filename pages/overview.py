"""What was loaded, the headline numbers, and the findings the data supports, as sentences every surface shares."""

import streamlit as st

from analysis import findings
from analysis.escape import markdown as md
from ui import cache, current_export, definitions, filters_caption, view
from ui import codebook as book

export, shown = current_export(), view()
st.title("Harvest")
st.write(
    "What the room said: participation by region and community, theme frequency, and gaps against the "
    "strategic direction *Service and equity*."
)

room = cache.once("numbers", shown.key, findings.numbers, shown)
values = dict(zip(room.table["measure"], room.table["value"], strict=True))
cells = st.columns(4) + st.columns(4)
for cell, name in zip(cells, values, strict=False):
    cell.metric(md(name), values[name])
filters_caption(shown, "Definitions: docs/analysis.md.")

st.subheader("What the data shows")
st.caption(
    "Each sentence states a difference only where its test puts it beyond chance (docs/analysis.md, "
    "“Uncertainty and tests”); the pages show the numbers, intervals and tests behind them."
)
if shown.notes.empty and shown.people.empty:
    st.info("No notes or participants match the filters in force. Remove a filter in the sidebar to see more.")
else:
    st.text("\n".join("• " + f.sentence for f in cache.once("headline", shown.key, findings.headline_findings, shown)))
    for caveat in shown.caveats():
        st.caption(md(caveat))

st.subheader("What was loaded")
source = {
    "file": "the participants file",
    "notes": "the authors named on the notes (there is no participants file)",
    "none": "nowhere: this export names no one",
}[export.participants_source]
everyone, k = len(export.participants), shown.config.min_group_size
people = f"{everyone:,}" if everyone == 0 or everyone >= k else f"fewer than {k}"  # analysis/privacy.py
st.text(
    f"Export: {shown.source}\nSessions: {', '.join(export.sessions) or 'none'}\n"
    f"Notes: {len(export.contributions):,}   People: {people} (taken from {source})\n"
    f"Fingerprint: {export.fingerprint}   Codebook: {shown.codebook.version}"
)
if export.contributions.empty:
    st.info("This export has no notes yet. They appear here as they are written, without reloading the page.")
if export.problems:
    st.warning(
        f"{len(export.problems):,} problem(s) were found while loading. Every row with a problem is listed on "
        "the *Data and problems* page, with what happened to it."
    )
else:
    st.success("No problems were found while loading.")
unnamed = book.unnamed(export)
if unnamed:
    st.warning(
        f"{len(unnamed):,} question(s) or code(s) on the notes are not in the codebook (version "
        f"{md(shown.codebook.version)}): the *Data and problems* page lists them, each with its number of notes."
    )

definitions("analysis")
