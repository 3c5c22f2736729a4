"""What was loaded, the headline numbers, and the strongest findings, as sentences computed from the data."""

import streamlit as st

from analysis.escape import markdown as md
from analysis.findings import findings, pct
from analysis.participation import headline
from loaders.reference import world_population_share
from ui import current_codebook, current_export, current_filters, definitions, filtered

export = current_export()
filters = current_filters()
codebook = current_codebook()
notes, people = filtered(export, filters)

st.title("Harvest")
st.write("What the room said: participation by region and community, theme frequency, and gaps against the "
         "strategic direction *Service and equity*.")

numbers = headline(notes, people)
row1 = st.columns(4)
row1[0].metric("Participants", f"{numbers['participants']:,}")
row1[1].metric("Countries", f"{numbers['countries']:,}")
row1[2].metric("Regions", f"{numbers['regions']} of 8")
row1[3].metric("Communities", f"{numbers['communities']:,}")
row2 = st.columns(4)
row2[0].metric("Languages", f"{numbers['languages']:,}")
row2[1].metric("Notes", f"{numbers['notes']:,}")
row2[2].metric("Notes per participant", f"{numbers['notes_per_participant']:.1f}")
row2[3].metric("Anonymous notes", pct(numbers["anonymous_share"]) if numbers["notes"] else "–")
st.caption(f"Filters: {md(filters.describe())}. Definitions: docs/analysis.md.")

st.subheader("Strongest findings")
if notes.empty and people.empty:
    st.info("No notes or participants match the filters in force. Remove a filter in the sidebar to see more.")
else:
    for sentence in findings(notes, people, world_population_share(), codebook):
        st.text("• " + sentence)

st.subheader("What was loaded")
sessions = ", ".join(export.sessions) or "none"
source = {"file": "the participants file", "notes": "the notes' own attributes (no participants file)",
          "none": "nowhere: this export has no participants"}[export.participants_source]
st.text(f"Export: {export.path}\nSessions: {sessions}\nNotes: {len(export.contributions):,}   "
        f"Participants: {len(export.participants):,} (taken from {source})\nFingerprint: {export.fingerprint}   "
        f"Codebook: {codebook.version}")
if export.contributions.empty:
    st.info("This export has no notes yet. Harvest shows them as soon as they are written: reload the page.")
if export.problems:
    st.warning(f"{len(export.problems)} problem(s) were found while loading. Every row with a problem is listed on "
               "the *Data and problems* page, with what happened to it.")
else:
    st.success("No problems were found while loading.")

definitions("analysis")
