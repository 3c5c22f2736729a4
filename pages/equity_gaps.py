"""Gaps against the strategic direction: what the discussion barely touched, who spoke to what, whose presence and
voice fell short. Definitions: docs/analysis/gaps.md."""

import streamlit as st

from analysis import findings, gaps
from analysis.escape import markdown as md
from charts import gaps as charts
from ui import cache, choice, definitions, filters_caption, show_chart, show_finding, view
from ui.state import breakdown

LOWEST, HIGHEST = 1, 30

shown = view()
st.title("Equity gaps")
st.write(
    "Gaps against the strategic direction *Service and equity*: which of its commitments the discussion barely "
    "touched, which groups spoke to which commitment, and whose presence and voice fell short."
)
filters_caption(shown)

st.subheader("Coverage of the direction")
st.write(
    "For each commitment of *Knowledge equity* and *Knowledge as a service*: the share of the notes coded for "
    "the direction that address it; a commitment addressed by fewer than the threshold is a blind spot. Notes "
    "coded with a pillar itself (such as knowledge_equity) addressed that pillar without naming a commitment: "
    "they have their own dotted bar, “…, commitment not specified”, and count for no commitment."
)
default = max(LOWEST, min(HIGHEST, round(shown.config.blind_spot_share * 100)))
percent = int(
    choice(
        st.select_slider,
        "blind",
        "Blind-spot threshold: share of notes below which a commitment counts as barely touched",
        [str(v) for v in range(LOWEST, HIGHEST + 1)],
        str(default),
        format_func=lambda v: f"{v}%",
    )
)
threshold = percent / 100
covered = cache.once(f"direction-{percent}", shown.key, findings.direction, shown, threshold)
show_finding(covered, lambda f: charts.coverage_chart(f.table, threshold, n_text=f.n_text), shown, key="gaps-coverage")
if covered.shown:
    unknown = gaps.unknown_codes(covered.table)
    if len(unknown):
        st.warning(
            f"{len(unknown)} direction code(s) on the notes are not in the codebook (version "
            f"{md(shown.codebook.version)}). They are counted under their raw id and flagged ⚠ in the chart:",
            icon=":material/warning:",
        )
        st.text(", ".join(f"{r.commitment} ({r.notes} notes)" for r in unknown.itertuples()))

st.subheader("Who spoke to what")
st.write(
    "How many of each group's notes coded for the direction addressed each commitment, and what share of that "
    "group's notes that is."
)
by = breakdown("region", "Group the notes by their author's")
show_finding(
    cache.once(f"who-{by}", shown.key, findings.who_spoke, shown, by),
    lambda f: charts.who_spoke_chart(f.table, by),
    shown,
    key=f"gaps-who-{by}",
)

st.subheader("Representation gaps")
st.write(
    "Who was in the room compared with the world's population, and whose words were recorded compared with who "
    "was in the room: the length of each line is the gap."
)
room = cache.once("room", shown.key, findings.room, shown)
voice = cache.once("voice", shown.key, findings.voice, shown, "region")
if not room.shown:
    st.info(md(room.withheld), icon=":material/search_off:")
else:
    picture = cache.once("picture", shown.key, findings.equity_picture, shown)
    show_chart(
        charts.equity_chart(picture, who=shown.people_word),
        picture,
        key="gaps-equity",
        alt=f"{room.sentence} {voice.sentence}",
        view=shown,
        finding=room,
    )

definitions("analysis/gaps")
