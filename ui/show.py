"""Showing a chart the Harvest way: theme kept, text alternative, the numbers behind it, a CSV with provenance."""

from __future__ import annotations

import logging
import re
import traceback

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.downloads import to_csv
from analysis.escape import markdown as md
from analysis.filters import Filters
from charts.images import INSTALL_HINT, chromium, image_bytes

from .filters import CODE_MODES

log = logging.getLogger("harvest")
PLOTLY_CONFIG = {"displaylogo": False, "topojsonURL": "/app/static/topojson/",
                 "toImageButtonOptions": {"format": "png", "width": 1920, "height": 1080, "scale": 1}}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "chart"


def provenance(export, filters: Filters, codebook, n_text: str, codes: str = CODE_MODES["human"]
               ) -> dict[str, object]:
    return {"harvest export": export.path + (" (SYNTHETIC sample data)" if export.synthetic else ""),
            "fingerprint": export.fingerprint, "filters": filters.describe(),
            "codebook version": codebook.version, "codes counted": codes, "n": n_text}


#: What the Codebook page's charts count, whatever the sidebar says: both sources, each shown as itself.
SIDE_BY_SIDE = "Facilitators' and the auto-coder's, shown apart"


#: Rows a notes table shows: enough to read, few enough to send to a browser over a venue's wifi. The CSV has all.
MAX_ROWS_SHOWN = 1_000


def notes_table(table: pd.DataFrame, *, key: str, what: str, export, filters: Filters, codebook) -> None:
    """Notes to read (themes.readable_notes' columns): at most MAX_ROWS_SHOWN rows on the page, all in a CSV.

    At a million notes one code can have 100,000 notes behind it; sending them all to the browser on every rerun took
    seconds (benchmarks/). The CSV is made only when asked for."""
    from analysis.themes import NOTE_HEADINGS

    shown = table.head(MAX_ROWS_SHOWN)
    st.dataframe(shown, key=key, hide_index=True, width="stretch", placeholder="not known",
                 column_config={"text": st.column_config.TextColumn("Note", width="large"), **NOTE_HEADINGS})
    if len(table) > len(shown):
        st.caption(f"Showing the first {len(shown):,} of {len(table):,} {md(what)}: search their text to narrow them, or "
                   "download them all.")
    st.download_button(f"Download these {len(table):,} {md(what)} (CSV)",
                       lambda: to_csv(table, provenance(export, filters, codebook, f"{len(table):,} {what}")),
                       file_name=f"harvest-{_slug(key)}.csv", mime="text/csv", key=f"csv-{key}", on_click="ignore")


def show_chart(fig: go.Figure, data: pd.DataFrame, *, key: str, alt: str, export, filters: Filters, codebook,
               n_text: str | None = None, on_select="ignore", codes: str | None = None) -> None:
    """The chart, its one-sentence finding as text, and an expander with its numbers and a CSV download.

    ``on_select`` (a callback) makes clicking a bar or point call it, as st.plotly_chart's on_select does.
    ``codes``: which codes the chart counts, when not the sidebar's "Codes counted" choice (the Codebook page)."""
    n_text = n_text or (fig.layout.meta or {}).get("n_text", "")
    st.plotly_chart(fig, theme=None, key=key, config=PLOTLY_CONFIG, alt=alt, on_select=on_select,
                    selection_mode="points")
    st.caption(md(alt))  # the sentence holds data (labels, names): shown as text, never as Markdown
    mode = st.session_state.get("filter_codes", "human")
    if codes is None and mode != "human":
        st.caption(f"Codes counted: {CODE_MODES[mode].lower()}. Auto codes are keyword matches from the codebook; "
                   f"the Codebook page shows each match and how well they agree with facilitators.")
    counted = codes or CODE_MODES[mode]
    with st.expander("Data behind this chart"):
        st.dataframe(data, hide_index=True)
        st.download_button("Download these numbers (CSV)",
                           to_csv(data, provenance(export, filters, codebook, n_text, counted)),
                           file_name=f"harvest-{_slug(key)}.csv", mime="text/csv", key=f"csv-{key}")
        image_buttons(fig, key)


def image_buttons(fig: go.Figure, key: str) -> None:
    """PNG and SVG at projector resolution (1920x1080), rendered only when clicked; without Chromium, what to install."""
    if chromium() is None:
        st.caption(INSTALL_HINT)
        return
    left, right = st.columns(2)
    left.download_button("PNG for the projector", lambda: image_bytes(fig, "png"), file_name=f"harvest-{_slug(key)}.png",
                         mime="image/png", key=f"png-{key}", on_click="ignore")
    right.download_button("SVG for print", lambda: image_bytes(fig, "svg"), file_name=f"harvest-{_slug(key)}.svg",
                          mime="image/svg+xml", key=f"svg-{key}", on_click="ignore")


def empty_state(what: str) -> None:
    st.info(f"No {md(what)} match the filters in force. Remove a filter in the sidebar to see more.", icon=":material/search_off:")


def error_boundary(run) -> None:
    """Run a page: an unexpected error shows a short apology on screen and its traceback only in the server log."""
    try:
        run()
    except Exception:  # Streamlit's stop/rerun are BaseExceptions and pass through
        log.error("page failed\n%s", traceback.format_exc())
        st.error("Sorry: this page hit an unexpected problem and could not be shown. The details are in the server "
                 "log. Other pages and other people's sessions are not affected.")


DOCS = __import__("pathlib").Path(__file__).resolve().parent.parent / "docs"


def definitions(doc: str) -> None:
    """The page's definitions (docs/<doc>.md, the project's own text) in an expander at the foot of the page."""
    path = DOCS / f"{doc}.md"
    with st.expander("How these numbers are defined"):
        st.markdown(path.read_text(encoding="utf-8") if path.exists() else f"See docs/{doc}.md.")  # own markdown
