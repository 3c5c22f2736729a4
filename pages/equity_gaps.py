"""Gaps against the strategic direction: what the discussion barely touched, who spoke to what, whose presence and
voice fell short. Definitions: docs/analysis/gaps.md."""

import streamlit as st

from analysis import findings, gaps
from analysis.escape import markdown as md
from analysis.messages import current, msg, percent
from charts import gaps as charts
from ui import cache, choice, definitions, filters_caption, show_chart, show_finding, view
from ui.state import breakdown

LOWEST, HIGHEST = 1, 30


def spans(key: str, *emphasised: str) -> list[tuple[str, bool]]:
    """The message ``key`` in pieces: each of its parameters $1, $2… (names set in italics) as (name, True), the text
    around them as (text, False), in the translation's own order."""
    marks = [chr(0xE000 + i) for i in range(len(emphasised))]  # private-use characters, never in a message
    pieces, text = [], msg(key, *marks)
    for ch in text:
        if ch in marks:
            pieces.append((emphasised[marks.index(ch)], True))
        elif pieces and not pieces[-1][1]:
            pieces[-1] = (pieces[-1][0] + ch, False)
        else:
            pieces.append((ch, False))
    return pieces


def plain(n: int) -> object:
    """A count as the English page always wrote it (1234, no separator); in other languages, the language's way."""
    return str(int(n)) if current() == "en" else int(n)


shown = view()
st.title(md(msg("harvest-page-equity")))
intro = spans("harvest-equity-intro", msg("harvest-equity-direction"))
st.write("".join(f"*{md(text)}*" if name else md(text) for text, name in intro))
filters_caption(shown)

st.subheader(md(msg("harvest-equity-coverage-heading")))
pillars = spans(
    "harvest-equity-coverage-intro", msg("harvest-equity-pillar-equity"), msg("harvest-equity-pillar-service")
)
st.write("".join(f"*{md(text)}*" if name else md(text) for text, name in pillars))
default = max(LOWEST, min(HIGHEST, round(shown.config.blind_spot_share * 100)))
chosen = int(
    choice(
        st.select_slider,
        "blind",
        msg("harvest-equity-threshold"),
        [str(v) for v in range(LOWEST, HIGHEST + 1)],
        str(default),
        format_func=lambda v: percent(int(v) / 100),
    )
)
threshold = chosen / 100
covered = cache.once(f"direction-{chosen}", shown.key, findings.direction, shown, threshold)
show_finding(covered, lambda f: charts.coverage_chart(f.table, threshold, n_text=f.n_text), shown, key="gaps-coverage")
if covered.shown:
    unknown = gaps.unknown_codes(covered.table)
    if len(unknown):
        st.warning(
            md(msg("harvest-equity-unknown-codes", plain(len(unknown)), str(shown.codebook.version))),
            icon=":material/warning:",
        )
        st.text(
            ", ".join(msg("harvest-equity-code-notes", str(r.commitment), plain(r.notes)) for r in unknown.itertuples())
        )

st.subheader(md(msg("harvest-equity-who-heading")))
st.write(md(msg("harvest-equity-who-intro")))
by = breakdown("region", msg("harvest-equity-group-notes-by"))
show_finding(
    cache.once(f"who-{by}", shown.key, findings.who_spoke, shown, by),
    lambda f: charts.who_spoke_chart(f.table, by),
    shown,
    key=f"gaps-who-{by}",
)

st.subheader(md(msg("harvest-equity-representation-heading")))
st.write(md(msg("harvest-equity-representation-intro")))
room = cache.once("room", shown.key, findings.room, shown)
voice = cache.once("voice", shown.key, findings.voice, shown, "region")
if not room.shown:
    st.info(md(room.withheld), icon=":material/search_off:")
else:
    picture = cache.once("picture", shown.key, findings.equity_picture, shown)
    show_chart(
        charts.equity_chart(picture, who="participants" if shown.participants_source == "file" else "authors"),
        picture,
        key="gaps-equity",
        alt=f"{room.sentence} {voice.sentence}",
        view=shown,
        finding=room,
    )

definitions("analysis/gaps")
