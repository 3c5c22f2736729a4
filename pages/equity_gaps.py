"""Gaps against the strategic direction: what the discussion barely touched, who spoke to what, whose voice fell
short (definitions: docs/analysis/gaps.md)."""


import streamlit as st

from analysis import gaps
from analysis.escape import markdown as md
from analysis.findings import pct
from analysis.settings import settings
from charts import gaps as charts
from loaders.reference import world_population_share
from ui import current_codebook, current_export, current_filters, definitions, empty_state, filtered, show_chart

BLIND = "gaps_blind"  # the slider's key; its value (whole percent) lives in the URL as ?blind=
LOWEST, HIGHEST = 1, 30
GROUPINGS = {"region": "Region", "community_type": "Community type"}



def seed_threshold() -> None:
    """On the page's first run, the slider starts at ?blind= when that is a whole percent in range, else the setting."""
    if BLIND in st.session_state:
        return
    default = round(settings().blind_spot_share * 100)
    wanted = st.query_params.get("blind")
    if wanted is not None and not (wanted.isdigit() and LOWEST <= int(wanted) <= HIGHEST):
        st.warning(f"This link asked for a blind-spot threshold of “{md(wanted)}”, which is not a whole percent "
                   f"from {LOWEST} to {HIGHEST}; {default:d}% is used instead.", icon=":material/warning:")
        wanted = None
    st.session_state[BLIND] = int(wanted) if wanted is not None else max(LOWEST, min(HIGHEST, default))


export, filters, codebook = current_export(), current_filters(), current_codebook()
notes, people = filtered(export, filters)
shown = dict(export=export, filters=filters, codebook=codebook)
st.title("Equity gaps")
st.write("Gaps against the strategic direction *Service and equity*: which of its commitments the discussion barely "
         "touched, which groups spoke to which commitment, and whose presence and voice fell short.")

st.subheader("Coverage of the direction")
st.write("For each commitment of *Knowledge equity* and *Knowledge as a service*: the share of the notes in view that "
         "address it; a commitment addressed by fewer notes than the threshold is a blind spot.")
seed_threshold()
percent = st.slider("Blind-spot threshold: share of notes below which a commitment counts as barely touched",
                    LOWEST, HIGHEST, key=BLIND, format="%d%%")
if "blind" in st.query_params or percent != round(settings().blind_spot_share * 100):
    st.query_params["blind"] = str(percent)
threshold = percent / 100
if notes.empty:
    empty_state("notes")
else:
    covered = gaps.coverage(notes, codebook.commitments)
    show_chart(charts.coverage_chart(covered, threshold), covered, key="gaps-coverage",
               alt=(gaps.coverage_sentence(covered, threshold)), **shown)
    spots = gaps.blind_spots(covered, threshold)
    st.markdown(f"**Blind spots**: commitments addressed by fewer than {percent:d}% of the {len(notes):,} notes")
    tables = int(covered["all_tables"].iloc[0])
    st.text("\n".join(f"• {r.commitment} {r.label}: {r.notes} of {r.all_notes:,} notes ({pct(r.note_share)})"
                      + (f", at {r.tables} of {tables} tables" if tables else "") for r in spots.itertuples())
            if len(spots) else f"None: every commitment was addressed by at least {percent}% of the notes.")
    unknown = gaps.unknown_codes(covered)
    if len(unknown):
        st.warning(f"{len(unknown)} direction code(s) on the notes are not in the codebook (version "
                   f"{md(codebook.version)}). They are counted under their raw id and flagged ⚠ in the chart:",
                   icon=":material/warning:")
        st.text(", ".join(f"{r.commitment} ({r.notes} notes)" for r in unknown.itertuples()))

st.subheader("Who spoke to what")
st.write("How many of each group's notes addressed each commitment, and what share of that group's notes that is: "
         "a commitment raised by only one group stands out.")
by = st.radio("Group the notes by their author's", list(GROUPINGS), format_func=GROUPINGS.get, key="gaps_by",
              horizontal=True)
if notes.empty:
    empty_state("notes")
else:
    who = gaps.who_spoke(notes, codebook.commitments, by)
    show_chart(charts.who_spoke_chart(who, by), who, key=f"gaps-who-{by}", alt=(gaps.who_spoke_sentence(who, by)),
               **shown)

st.subheader("Representation gaps")
st.write("Who was in the room compared with the world's population, and whose words were recorded compared with who "
         "was in the room: the length of each line is the gap.")
if filters.region:
    st.info("This picture compares the regions with one another and with the world, so it is not drawn while a region "
            "filter is in force (the chosen regions would be 100% of the room). Remove the region filter to see it.",
            icon=":material/search_off:")
elif people.empty and notes.empty:
    empty_state("participants or notes")
else:
    picture = gaps.equity_picture(people, notes, world_population_share())
    show_chart(charts.equity_chart(picture), picture, key="gaps-equity", alt=(gaps.equity_sentence(picture)),
               **shown)

st.caption(f"Filters: {md(filters.describe())}. Definitions: docs/analysis/gaps.md.")

definitions("analysis/gaps")
