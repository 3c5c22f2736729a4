"""Harvest: the table of contents. Loads the export, draws the shared sidebar filters, runs the chosen page.

The filters are drawn here rather than in each page because Streamlit keeps a widget's value across pages only
when the widget is drawn by the entry script on every run.
"""

import streamlit as st

import charts.theme  # noqa: F401  (registers the Plotly templates)
from ui import current_export, error_boundary, sidebar_filters

st.set_page_config(page_title="Harvest", page_icon="🌾", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon="🏠", default=True),
    st.Page("pages/participation.py", title="Participation", icon="🧑‍🤝‍🧑"),
    st.Page("pages/themes.py", title="Themes", icon="🏷️"),
    st.Page("pages/roles_resources.py", title="Roles and resources", icon="🧰"),
    st.Page("pages/equity_gaps.py", title="Equity gaps", icon="⚖️"),
    st.Page("pages/data.py", title="Data and problems", icon="🗂️"),
]

page = st.navigation(PAGES)
export = current_export()
sidebar_filters(export)
if export.synthetic and page.title != "Present":
    st.caption("🧪 **Synthetic sample data**: made by data/generate_sample.py, shaped like the WikiCafé at the "
               "Wikimedia Diversity Conference 2017. No real person or note.")
error_boundary(page.run)
