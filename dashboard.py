"""Harvest: the table of contents. Loads the export, draws the shared sidebar filters, runs the chosen page.

The filters are drawn here rather than in each page because Streamlit keeps a widget's value across pages only
when the widget is drawn by the entry script on every run.
"""

import streamlit as st

import charts.theme  # noqa: F401  (registers the Plotly templates)
from ui import current_export, error_boundary, sidebar_filters

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/home:", default=True),
    st.Page("pages/participation.py", title="Participation", icon=":material/groups:"),
    st.Page("pages/themes.py", title="Themes", icon=":material/sell:"),
    st.Page("pages/roles_resources.py", title="Roles and resources", icon=":material/handyman:"),
    st.Page("pages/equity_gaps.py", title="Equity gaps", icon=":material/balance:"),
    st.Page("pages/present.py", title="Present", icon=":material/slideshow:"),
    st.Page("pages/data.py", title="Data and problems", icon=":material/dataset:"),
]

page = st.navigation(PAGES)
# The Present page starts with the sidebar collapsed: the projector shows the slide and nothing else.
st.set_page_config(page_title=f"{page.title} · Harvest", page_icon=":material/grass:", layout="wide",
                   initial_sidebar_state="collapsed" if page.title == "Present" else "auto")
export = current_export()
sidebar_filters(export)
if export.synthetic and page.title != "Present":
    st.caption(":material/science: **Synthetic sample data**: made by data/generate_sample.py, shaped like the WikiCafé at the "
               "Wikimedia Diversity Conference 2017. No real person or note.")
error_boundary(page.run)
