"""Sidebar filters that live in the URL: a link reproduces the view; unknown values are dropped with a note.

The query string holds the filters (analysis.filters.DIMENSIONS), the codes counted, and the parameters the page on
screen declares in ui.registry; nothing else survives a rewrite, so a parameter no page owns never lingers.
"""

from __future__ import annotations

import streamlit as st

from analysis.escape import markdown as md
from analysis.filters import DIMENSIONS, Filters, options
from analysis.filters import label as filter_label
from analysis.messages import msg
from analysis.privacy import is_merged
from analysis.view import CODE_MODES
from analysis.vocabulary import display_group, region_label
from loaders import Export
from loaders.codebook import question_key

from .language import PARAM
from .router import current_page
from .state import grouped, ignored

_STATE = "harvest_filters"
_MODE = "filter_codes"


def _label(name: str, value: str, codebook=None) -> str:
    if name == "question" and codebook is not None:
        return codebook.question_label(value, QUESTION_WIDTH)
    if name == "region" and not is_merged(value):
        return f"{region_label(value)} ({value})"
    return display_group(value)  # "Not known" and merged groups in the reader's words; other values as they are


#: The message naming each filter in the sidebar (i18n/*.json).
FILTER_MESSAGES = {
    "session": "harvest-filter-session",
    "question": "harvest-filter-question",
    "round": "harvest-filter-round",
    "region": "harvest-filter-region",
    "community_type": "harvest-filter-community-type",
    "community": "harvest-filter-community",
    "language": "harvest-filter-language",
}

#: A question in the sidebar: its id and the start of its wording ("Q2 · How would this direction…").
QUESTION_WIDTH = 34


def _as_offered(name: str, value: str, available: list[str]) -> str:
    """A value a link names as the filter offers it: question ids in any case ("q2" is Q2)."""
    if name != "question":
        return value
    folded = {question_key(v): v for v in available}
    return folded.get(question_key(value), value)


def sidebar_filters(export: Export) -> Filters:
    """Render the filters in the sidebar (from the router, so they persist across pages) and sync the URL."""
    from .context import current_codebook

    notes, people = export.contributions, export.participants
    codebook = current_codebook()
    chosen: dict[str, tuple[str, ...]] = {}
    first_run = _STATE not in st.session_state
    with st.sidebar:
        st.markdown(f"**{md(msg('harvest-filters-heading'))}** {md(msg('harvest-filters-scope'))}")
        for name, param, label, _ in DIMENSIONS:
            available = options(notes, people, name, codebook)
            key = f"filter_{name}"
            if first_run or key not in st.session_state:
                wanted = [
                    _as_offered(name, _merged_into(export, name, v, label), available)
                    for v in st.query_params.get_all(param)
                ]
                st.session_state[key] = list(dict.fromkeys(v for v in wanted if v in available))
                for v in wanted:
                    if v not in available:
                        ignored(msg("harvest-show-named-value", filter_label(name), v))
            else:  # keep only values that still exist (the export may have changed under a live session)
                st.session_state[key] = [v for v in st.session_state[key] if v in available]
            if len(available) <= 1 and not st.session_state[key]:
                continue
            st.multiselect(
                md(msg(FILTER_MESSAGES[name])),
                available,
                key=key,
                format_func=lambda v, n=name: _label(n, v, codebook),
                placeholder=msg("harvest-filter-all"),
            )
            chosen[name] = tuple(st.session_state[key])
        mode = _code_mode_widget(first_run)
    filters = Filters(**chosen)
    st.session_state[_STATE] = filters
    _write_url(filters, mode)
    return filters


def _merged_into(export: Export, name: str, value: str, label: str) -> str:
    """A value a link names that the export holds only inside a merged group (analysis/privacy.py): that group,
    with a note; any other value as it is."""
    merged = export.merged.get(name)
    if merged is not None and value in merged[1]:
        grouped(msg("harvest-filter-shown-as", label.lower(), value, merged[0]))
        return merged[0]
    return value


def _code_mode_widget(first_run: bool) -> str:
    if first_run or _MODE not in st.session_state:
        wanted = st.query_params.get("codes", "human")
        if wanted not in CODE_MODES:
            ignored(msg("harvest-show-named-value", "codes", wanted))
            wanted = "human"
        st.session_state[_MODE] = wanted
    st.radio(
        md(msg("harvest-codes-counted")),
        list(CODE_MODES),
        key=_MODE,
        format_func=lambda mode: msg(f"harvest-codes-{mode}"),
        help=msg("harvest-codes-counted-help"),
    )
    return st.session_state[_MODE]


def current_code_mode() -> str:
    return st.session_state.get(_MODE, "human")


def _write_url(filters: Filters, mode: str) -> None:
    """The query string: the filters, the codes counted, and the current page's own parameters as they are."""
    wanted: dict[str, list[str]] = {}
    if mode != "human":
        wanted["codes"] = [mode]
    for name, param, _, _ in DIMENSIONS:
        values = getattr(filters, name)
        if values:
            wanted[param] = list(values)
    if PARAM in st.query_params:  # the interface's language (ui/language.py) rides along in every link
        wanted[PARAM] = st.query_params.get_all(PARAM)
    page = current_page()
    for param in page.params if page else ():
        if param in st.query_params:
            wanted[param] = st.query_params.get_all(param)
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def current_filters() -> Filters:
    """The filters the router rendered in this run (no side effect: ui.show.notices says what a link asked for that
    does not exist)."""
    return st.session_state.get(_STATE, Filters())
