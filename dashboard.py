"""Harvest: the table of contents. Loads the export, draws the shared sidebar filters, runs the chosen page.

The filters are drawn here rather than in each page because Streamlit keeps a widget's value across pages only
when the widget is drawn by the entry script on every run.
"""

from pathlib import Path

import streamlit as st

import charts.style  # noqa: F401  (registers the Plotly templates)
from ui import current_export, error_boundary, sidebar_filters
from ui.context import upload_notice

# A local icon: Material or emoji page icons make the browser fetch the favicon from Google's or a CDN's servers.
ICON = Path(__file__).resolve().parent / "static" / "harvest-icon.png"
PAGES = [
    st.Page("pages/overview.py", title="Overview", default=True),
    st.Page("pages/participation.py", title="Participation"),
    st.Page("pages/themes.py", title="Themes"),
    st.Page("pages/roles_resources.py", title="Roles and resources"),
    st.Page("pages/equity_gaps.py", title="Equity gaps"),
    st.Page("pages/present.py", title="Present"),
    st.Page("pages/codebook.py", title="Codebook"),
    st.Page("pages/data.py", title="Data and problems"),
]

page = st.navigation(PAGES)
# The Present page starts with the sidebar collapsed: the projector shows the slide and nothing else.
st.set_page_config(page_title=f"{page.title} · Harvest", page_icon=str(ICON), layout="wide",
                   initial_sidebar_state="collapsed" if page.title == "Present" else "auto")


def run() -> None:
    export = current_export()
    upload_notice()
    sidebar_filters(export)
    if export.synthetic and page.title != "Present":
        st.caption("**Synthetic sample data**: made by data/generate_sample.py, shaped like the WikiCafé at the "
                   "Wikimedia Diversity Conference 2017. No real person or note.")
    page.run()


# Everything that touches data runs inside the one error boundary: loading, the filters and the page.
error_boundary(run)
