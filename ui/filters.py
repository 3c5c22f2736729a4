"""Sidebar filters that live in the URL: a link reproduces the view; unknown values are dropped with a note."""

from __future__ import annotations

import streamlit as st

from analysis.escape import markdown as md
from analysis.filters import DIMENSIONS, Filters, options
from loaders import Export
from loaders.regions import region_label

_STATE = "harvest_filters"
#: URL parameters owned by pages, kept as they are when the filters rewrite the query string.
PAGE_PARAMS = ("slide", "slides", "theme", "commitment", "view", "present_theme", "k", "blind")


def _label(name: str, value: str) -> str:
    return f"{region_label(value)} ({value})" if name == "region" else value


def sidebar_filters(export: Export) -> Filters:
    """Render the filters in the sidebar (from the router, so they persist across pages) and sync the URL."""
    notes, people = export.contributions, export.participants
    chosen: dict[str, tuple[str, ...]] = {}
    ignored: list[str] = []
    first_run = _STATE not in st.session_state
    with st.sidebar:
        st.markdown("**Filters** apply to every page")
        for name, param, label, _ in DIMENSIONS:
            available = options(notes, people, name)
            key = f"filter_{name}"
            if first_run or key not in st.session_state:
                wanted = st.query_params.get_all(param)
                valid = [v for v in wanted if v in available]
                ignored += [f"{label.lower()} “{v}”" for v in wanted if v not in available]
                st.session_state[key] = valid
            else:  # keep only values that still exist (the export may have changed under a live session)
                st.session_state[key] = [v for v in st.session_state[key] if v in available]
            if len(available) <= 1 and not st.session_state[key]:
                continue
            st.multiselect(md(label), available, key=key, format_func=lambda v, n=name: _label(n, v),
                           placeholder="All")
            chosen[name] = tuple(st.session_state[key])
        mode = _code_mode_widget(first_run, ignored)
    if ignored:
        st.session_state["harvest_ignored_params"] = ignored
    filters = Filters(**chosen)
    st.session_state[_STATE] = filters
    _write_url(filters, mode)
    return filters


#: Which codes the charts count (analysis/autocode.py): the URL value -> the radio's label.
CODE_MODES = {"human": "Facilitators' codes", "both": "Facilitators', else the auto-coder's", "auto": "Auto-coder's only"}
_MODE = "filter_codes"


def _code_mode_widget(first_run: bool, ignored: list[str]) -> str:
    if first_run or _MODE not in st.session_state:
        wanted = st.query_params.get("codes", "human")
        if wanted not in CODE_MODES:
            ignored.append(f"codes “{wanted}”")
            wanted = "human"
        st.session_state[_MODE] = wanted
    st.radio("Codes counted", list(CODE_MODES), key=_MODE, format_func=CODE_MODES.get,
             help="Facilitators' codes always win. The auto-coder codes notes the facilitators left uncoded, from the "
                  "codebook's keywords (see the Codebook page).")
    return st.session_state[_MODE]


def current_code_mode() -> str:
    return st.session_state.get(_MODE, "human")


def _write_url(filters: Filters, mode: str) -> None:
    wanted: dict[str, list[str]] = {}
    if mode != "human":
        wanted["codes"] = [mode]
    for name, param, _, _ in DIMENSIONS:
        values = getattr(filters, name)
        if values:
            wanted[param] = list(values)
    for param in PAGE_PARAMS:
        if param in st.query_params:
            wanted[param] = st.query_params.get_all(param)
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def current_filters() -> Filters:
    """The filters the router rendered in this run; a visible note when a link named values that do not exist."""
    ignored = st.session_state.pop("harvest_ignored_params", None)
    if ignored:
        st.warning("This link asked for values that are not in this export, so they are ignored: "
                   + md("; ".join(ignored)) + ".", icon=":material/warning:")
    return st.session_state.get(_STATE, Filters())
