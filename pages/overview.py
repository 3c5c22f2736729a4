"""What was loaded, the headline numbers, and the findings the data supports, as sentences every surface shares."""

import streamlit as st

from analysis import findings
from analysis.escape import markdown as md
from analysis.messages import msg
from analysis.vocabulary import count
from ui import cache, current_export, definitions, filters_caption, view
from ui import codebook as book


def around(key: str, *params: object) -> tuple[str, str]:
    """The message's text either side of its $1 (set in italics by the page), its other parameters filled in."""
    before, _, after = msg(key, "\x00", *params).partition("\x00")
    return before, after


export, shown = current_export(), view()
st.title(md(msg("harvest-overview-title")))
before, after = around("harvest-overview-intro")
st.write(f"{md(before)}*{md(msg('harvest-overview-direction'))}*{md(after)}")

room = cache.once("numbers", shown.key, findings.numbers, shown)
values = dict(zip(room.table["measure"], room.table["value"], strict=True))
cells = st.columns(4) + st.columns(4)
for cell, name in zip(cells, values, strict=False):
    cell.metric(md(name), values[name])
filters_caption(shown, msg("harvest-overview-definitions", "docs/analysis.md"))

st.subheader(md(msg("harvest-overview-shows-heading")))
st.caption(md(msg("harvest-overview-shows-caption", "docs/analysis.md")))
if shown.notes.empty and shown.people.empty:
    st.info(md(msg("harvest-overview-nothing-matches")))
else:
    st.text("\n".join("• " + f.sentence for f in cache.once("headline", shown.key, findings.headline_findings, shown)))
    for caveat in shown.caveats():
        st.caption(md(caveat))

st.subheader(md(msg("harvest-overview-loaded-heading")))
source = msg(f"harvest-overview-source-{export.participants_source}")  # file, notes or none
everyone, k = len(export.participants), shown.config.min_group_size
people = count(everyone) if everyone == 0 or everyone >= k else msg("harvest-overview-fewer-than", k)  # privacy.py
st.text(
    "\n".join(
        (
            msg("harvest-overview-loaded-export", str(shown.source)),
            msg("harvest-overview-loaded-sessions", ", ".join(export.sessions) or msg("harvest-overview-no-sessions")),
            msg("harvest-overview-loaded-counts", len(export.contributions), people, source),
            msg("harvest-overview-loaded-fingerprint", export.fingerprint, str(shown.codebook.version)),
        )
    )
)
if export.contributions.empty:
    st.info(md(msg("harvest-overview-no-notes-yet")))
if export.problems:
    before, after = around("harvest-overview-problems", len(export.problems))
    st.warning(f"{md(before)}*{md(msg('harvest-page-data'))}*{md(after)}")
else:
    st.success(md(msg("harvest-overview-no-problems")))
unnamed = book.unnamed(export)
if unnamed:
    before, after = around("harvest-overview-unnamed", len(unnamed), str(shown.codebook.version))
    st.warning(f"{md(before)}*{md(msg('harvest-page-data'))}*{md(after)}")

definitions("analysis")
