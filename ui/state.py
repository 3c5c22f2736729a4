"""A page's own controls, bound to the URL parameters the page declares in ui.registry: a shared link brings them back.

``choice`` draws a widget whose starting value comes from the link (when it is one of the options; otherwise the
default, and a note says the link's value was ignored) and writes the chosen value back to the URL, leaving it out
when it is the default. Only parameters the current page declares may be used: a typo fails at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from analysis.escape import markdown as md
from analysis.messages import msg

from .router import current_page

NOTES = "harvest_ignored_params"
GROUPED = "harvest_grouped_notes"


def _owned(param: str) -> None:
    page = current_page()
    if page is not None and param not in page.params:
        raise KeyError(f"{page.file} uses the URL parameter {param!r}, which ui/registry.py does not declare for it")


def grouped(note: str) -> None:
    """Remember that a link named a group of fewer than k people, answered with its merged group (ui.show.notices)."""
    st.session_state.setdefault(GROUPED, []).append(note)


def ignored(note: str) -> None:
    """Remember that a link asked for something that does not exist; ui.show.notices says it once."""
    st.session_state.setdefault(NOTES, []).append(note)


def from_url(param: str, options: Sequence | None, default, multi: bool = False):
    """The link's value of ``param`` when valid (one of ``options``; all of them for a list), else ``default``."""
    _owned(param)
    if multi:
        wanted = [v for value in st.query_params.get_all(param) for v in value.split(",") if v]
        if not wanted:
            return list(default)
        valid = [v for v in wanted if options is None or v in options]
        for v in wanted:
            if v not in valid:
                ignored(msg("harvest-show-named-value", param, v))
        return valid or list(default)
    value = st.query_params.get(param)
    if value is None:
        return default
    if options is not None and value not in options:
        ignored(msg("harvest-show-named-value", param, value))
        return default
    return value


def to_url(param: str, value, default) -> None:
    """Write the control's value to the link (a list as repeated values); the default leaves the link clean."""
    if value == default or value in (None, "", []):
        if param in st.query_params:
            del st.query_params[param]
        return
    if isinstance(value, list | tuple):
        st.query_params[param] = [str(v) for v in value]
    else:
        st.query_params[param] = str(value)


def choice(
    widget: Callable,
    param: str,
    label: str,
    options: Sequence | None = None,
    default=None,
    *,
    multi: bool = False,
    key: str | None = None,
    **kwargs,
):
    """``widget`` (st.radio, st.segmented_control, st.selectbox, st.multiselect, st.text_input …) bound to the URL
    parameter ``param``; returns its value. ``label`` is the project's own words (escaped here all the same)."""
    key = key or f"url_{param}"
    if key not in st.session_state:
        st.session_state[key] = from_url(param, options, default, multi)
    elif options is not None:  # the options may have changed under the control (another filter, a live export)
        current = st.session_state[key]
        if multi:
            st.session_state[key] = [v for v in current if v in options]
        elif current not in options:
            st.session_state[key] = default
    if options is None:
        value = widget(md(label), key=key, **kwargs)
    else:
        value = widget(md(label), list(options), key=key, **kwargs)
    if value is None and not multi:
        value = default
    to_url(param, list(value) if multi else value, list(default) if multi else default)
    return value


def on_change_to_url(param: str, key: str) -> Callable[[], None]:
    """A callback that writes a widget's new value (by its key) to the URL: for values set by clicking a chart."""

    def write() -> None:
        st.query_params[param] = str(st.session_state[key])

    return write


def pick_from_chart(chart_key: str, param: str, pick_key: str) -> Callable[[], None]:
    """A callback for st.plotly_chart's on_select: a click on a bar chooses its code (the bar's first customdata)
    for the control ``pick_key`` and writes it to the URL parameter ``param``."""

    def pick() -> None:
        points = st.session_state[chart_key].selection.points
        if points:
            st.session_state[pick_key] = st.query_params[param] = points[0]["customdata"][0]

    return pick


#: The groups a page can break its notes down by (the authors' attribute), as the messages that name them.
BREAKDOWNS = {"region": "harvest-filter-region", "community_type": "harvest-filter-community-type"}


def breakdown(default: str = "region", label: str | None = None) -> str:
    """The page's breakdown (region or community type), bound to the URL's ``by``."""
    import streamlit as st

    options = [default, *(b for b in BREAKDOWNS if b != default)]
    return choice(
        st.radio,
        "by",
        msg("harvest-show-break-down-by") if label is None else label,
        options,
        default,
        format_func=lambda b: msg(BREAKDOWNS[b]),
        horizontal=True,
    )
