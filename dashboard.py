"""Harvest: the table of contents. Routes to the page chosen (ui/registry.py lists them), loads the export, draws the
shared sidebar filters, runs the page, all inside one error boundary.

The filters are drawn here rather than in each page because Streamlit keeps a widget's value across pages only
when the widget is drawn by the entry script on every run.
"""

from pathlib import Path

import streamlit as st

import charts.style  # noqa: F401  (registers the Plotly templates)
from analysis.escape import markdown as md
from analysis.messages import msg
from ui import (
    current_export,
    error_boundary,
    live_notice,
    navigate,
    notices,
    remember_upload,
    sidebar_filters,
    upload_notice,
    watch,
)
from ui.language import current_language, language_selector

# A local icon: Material or emoji page icons make the browser fetch the favicon from Google's or a CDN's servers.
ICON = Path(__file__).resolve().parent / "static" / "harvest-icon.png"

current_language()  # ?uselang=, the sidebar's choice or the browser's: every message of this run is in it
page, spec = navigate()
st.set_page_config(
    page_title=f"{spec.label} · Harvest", page_icon=str(ICON), layout="wide", initial_sidebar_state=spec.sidebar
)


def run() -> None:
    export = current_export()
    watch()  # a live session: new or vanished part files redraw the page without a click
    upload_notice()
    remember_upload()  # an upload survives a reload or a new tab of this browser, for as long as it is held
    live_notice(export)
    language_selector()
    sidebar_filters(export)
    if export.synthetic and spec.title != "Present":
        st.caption(md(msg("harvest-synthetic-notice")))
    top = st.container()  # what a link asked for that does not exist, said above the page once it has run
    try:
        page.run()
    finally:
        with top:
            notices()


error_boundary(run)
