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

#: The layout mirrored for a right-to-left language. The page's <html> carries lang and dir (``_document`` below), so
#: the browser itself lays the app out from the right: the sidebar on the right, rows, widgets and tables read from
#: the right; where that script cannot run, the first rule puts the sidebar on the right by itself. Streamlit hides a
#: closed sidebar by sliding it left by its width, which, from the right edge, lays it over the page (issue #20):
#: closed, it is not drawn at all instead (hidden, its widgets' labels would still show). The sidebar's open and close
#: arrows point the way it moves. Plotly lays its charts out, and measures their texts (its hidden tester), left to
#: right: charts.style mirrors them; their buttons go to the left, off the title, now on the right. Each paragraph
#: takes the direction of its own first letter, so an English note or a name like "Wikimedia Deutschland" inside
#: Arabic text reads correctly (a constant style sheet, never data).
RTL = """<style>
html:not([dir="rtl"]) [data-testid="stAppViewContainer"] {flex-direction: row-reverse;}
[data-testid="stMain"], [data-testid="stSidebar"], [data-testid="stSidebarContent"] {direction: rtl; text-align: right;}
[data-testid="stSidebar"][data-collapsed="true"] {display: none;}
[data-testid="stExpandSidebarButton"] > span, [data-testid="stSidebarCollapseButton"] button > span {
  transform: scaleX(-1);}
.js-plotly-plot, .stPlotlyChart, #js-plotly-tester {direction: ltr;}
.js-plotly-plot .modebar-container {left: 0 !important; right: auto !important;}
.stApp p, .stApp li, .stApp h1, .stApp h2, .stApp h3, .stApp label, .stApp td, .stApp th {unicode-bidi: plaintext;
  text-align: start;}
</style>"""

#: Puts the interface's language and direction on the page's <html> (lang="ar" dir="rtl"), for screen readers, the
#: browser's own layout and fonts. A component (Streamlit's custom components v2 run their module in the page itself,
#: which the deployment's Content-Security-Policy allows, where an inline script is refused); a fixed script that
#: takes only a known language code and "rtl" or "ltr".
_DOCUMENT_JS = """
export default function (component) {
  const data = component.data || {};
  const root = window.document.documentElement;
  if (typeof data.lang === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(data.lang)) root.lang = data.lang;
  if (data.dir === 'rtl' || data.dir === 'ltr') root.dir = data.dir;
}
"""
_document = st.components.v2.component("harvest.document_language", js=_DOCUMENT_JS)


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
    unknown = None
    if asked is not None and asked != st.session_state.get(_ASKED):  # a link's uselang wins once, then the sidebar
        st.session_state[_ASKED] = asked
        if asked in languages():
            st.session_state[_KEY] = asked
        else:
            unknown = asked
    if _KEY not in st.session_state:
        st.session_state[_KEY] = messages.best(_browser())
    chosen = messages.use(st.session_state[_KEY])
    if unknown is not None:  # said in the language the page is shown in: 'language “xx”'
        from .state import ignored

        ignored(msg("harvest-show-named-value", msg("harvest-language").lower(), unknown))
    return chosen


def language_selector() -> None:
    """The sidebar's language menu; the choice goes into the link (uselang) unless it is English."""
    names = languages()
    chosen = st.sidebar.selectbox(md(msg("harvest-language")), list(names), key=_KEY, format_func=names.get)
    if chosen == messages.DEFAULT and st.query_params.get(PARAM) in (None, messages.DEFAULT):
        st.query_params.pop(PARAM, None)
    else:
        st.query_params[PARAM] = chosen
    st.session_state[_ASKED] = st.query_params.get(PARAM)
    rtl = messages.right_to_left(chosen)
    with st.sidebar:
        _document(key="harvest-document-language", data={"lang": chosen, "dir": "rtl" if rtl else "ltr"})
    if rtl:
        st.markdown(RTL, unsafe_allow_html=True)
