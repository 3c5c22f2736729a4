"""The interface's language, chosen the way Wikimedia users expect: ``?uselang=fr`` in the link (kept in shared links
and named in the deck), else the language chosen in the sidebar in this session, else the browser's preferred
language when Harvest speaks it, else English. Right-to-left languages mirror the whole layout."""

from __future__ import annotations

import streamlit as st

from analysis import messages
from analysis.escape import markdown as md
from analysis.messages import languages, msg

PARAM = "uselang"
_KEY = "harvest_language"
_ASKED = "harvest_language_asked"

#: The layout mirrored for a right-to-left language: text direction, the sidebar on the right, widgets' labels and
#: tables read from the right; each paragraph takes the direction of its own first letter, so an English note or
#: a name like "Wikimedia Deutschland" inside Arabic text reads correctly (a constant style sheet, never data).
RTL = """<style>
[data-testid="stAppViewContainer"] {flex-direction: row-reverse;}
[data-testid="stMain"], [data-testid="stSidebar"], [data-testid="stSidebarContent"] {direction: rtl; text-align: right;}
[data-testid="stMain"] .js-plotly-plot, [data-testid="stMain"] .stPlotlyChart {direction: ltr;}
.stApp p, .stApp li, .stApp h1, .stApp h2, .stApp h3, .stApp label, .stApp td, .stApp th {unicode-bidi: plaintext;
  text-align: start;}
</style>"""


def _browser() -> list[str]:
    """The browser's preferred languages: navigator.language, then its Accept-Language header."""
    wanted = []
    locale = getattr(st.context, "locale", None)
    if isinstance(locale, str) and locale:
        wanted.append(locale)
    header = st.context.headers.get("Accept-Language") if st.context.headers else None
    if isinstance(header, str):
        wanted += [part.split(";")[0].strip() for part in header.split(",") if part.strip()]
    return wanted


def current_language() -> str:
    """The language for this run, put in force for every message and sentence made during it (analysis.messages)."""
    asked = st.query_params.get(PARAM)
    if asked is not None and asked != st.session_state.get(_ASKED):  # a link's uselang wins once, then the sidebar
        st.session_state[_ASKED] = asked
        if asked in languages():
            st.session_state[_KEY] = asked
        else:
            from .state import ignored

            ignored(f"language “{asked}”")
    if _KEY not in st.session_state:
        st.session_state[_KEY] = messages.best(_browser())
    return messages.use(st.session_state[_KEY])


def language_selector() -> None:
    """The sidebar's language menu; the choice goes into the link (uselang) unless it is English."""
    names = languages()
    chosen = st.sidebar.selectbox(md(msg("harvest-language")), list(names), key=_KEY, format_func=names.get)
    if chosen == messages.DEFAULT and st.query_params.get(PARAM) in (None, messages.DEFAULT):
        st.query_params.pop(PARAM, None)
    else:
        st.query_params[PARAM] = chosen
    st.session_state[_ASKED] = st.query_params.get(PARAM)
    if messages.right_to_left(chosen):
        st.markdown(RTL, unsafe_allow_html=True)
