"""Which export is open, loaded once per version of its files and shared read-only between browser sessions."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.autocode import AutoCodes, auto_index, codebook_key, with_auto_codes
from analysis.escape import markdown as md
from analysis.filters import Filters, apply_filters
from loaders import Export, ExportError, load_export
from loaders.codebook import Codebook, load_codebook
from loaders.files import fingerprint

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample-wikicafe-2017-synthetic"


def data_path() -> str:
    """`streamlit run dashboard.py -- --data PATH`, else $HARVEST_DATA, else the bundled synthetic sample."""
    argv = sys.argv[1:]
    for i, arg in enumerate(argv):
        if arg == "--data" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--data="):
            return arg.split("=", 1)[1]
    return os.environ.get("HARVEST_DATA") or str(SAMPLE)


# cache_resource, not cache_data: measured at 1M notes, cache_data unpickles a copy of the frames on every rerun
# (about 4 s a click) while cache_resource hands back the shared object at no cost. The frames are never mutated.
# Two versions at most: the one shown and the one before it (a live session writes new part files), as each is
# the whole export in memory.
@st.cache_resource(max_entries=2, show_spinner="Loading the export…")
def _load(path: str, _fingerprint: str, key: str) -> Export:
    return load_export(path)


def _through_the_router() -> None:
    """Make sure dashboard.py (filters, navigation) runs, even when a shared link is the server's very first visit.

    Streamlit 1.67 starts in its old multipage mode when a pages/ folder sits beside the entry script, and stays in it
    until some run calls st.navigation. A deep link such as /present?slides=room opened first after a start would run
    pages/present.py alone. The mode is process-wide: switch it off and rerun, and the router takes over for good.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


#: Session-state keys of this session's upload: its key in ui.uploads' store, and its name.
UPLOAD_KEY, UPLOAD_NAME, UPLOAD_GONE = "harvest_upload_key", "harvest_upload_name", "harvest_upload_gone"


def use_upload(export: Export, name: str) -> None:
    """From now on this browser session looks at ``export`` (held in ui.uploads' store, never in session state)."""
    from .uploads import store

    store().drop(st.session_state.get(UPLOAD_KEY))
    st.session_state[UPLOAD_KEY] = store().put(export, name)
    st.session_state[UPLOAD_NAME] = name
    st.session_state.pop(UPLOAD_GONE, None)


def forget_upload() -> None:
    """Back to the server's export; the upload is released at once."""
    from .uploads import store

    store().drop(st.session_state.pop(UPLOAD_KEY, None))
    st.session_state.pop(UPLOAD_NAME, None)
    st.session_state.pop(UPLOAD_GONE, None)


def current_upload() -> Export | None:
    """This session's upload, if it has one still held; when it was released, a note for the pages to show."""
    from .uploads import store

    key = st.session_state.get(UPLOAD_KEY)
    if key is None:
        return None
    uploaded = store().get(key)
    if uploaded is None:
        st.session_state[UPLOAD_GONE] = st.session_state.pop(UPLOAD_NAME, "your upload")
        st.session_state.pop(UPLOAD_KEY, None)
    return uploaded


def upload_notice() -> None:
    """Said on every page until read: this session's upload was released, and which export it shows instead."""
    gone = st.session_state.get(UPLOAD_GONE)
    if gone is None:
        return
    from analysis.settings import settings

    st.warning(f"Your upload {md(gone)} was released: uploads are kept {settings().upload_keep_minutes:g} minutes "
               f"after this browser was last seen. You are now looking at the server's export, {md(data_path())}. "
               "Upload it again on the Data and problems page to go on with it.", icon=":material/warning:")
    if st.button("Understood", key="upload_notice_read"):
        st.session_state.pop(UPLOAD_GONE, None)
        st.rerun()


def current_export() -> Export:
    """The export this session looks at (an upload, else the configured path); stops the page with a clear message
    when it cannot be used."""
    _through_the_router()
    uploaded = current_upload()
    if uploaded is not None:
        return uploaded
    path = data_path()
    try:
        stamp = fingerprint(path)
        return _load(path, stamp, f"{path}|{stamp}")
    except ExportError as error:
        st.error(f"The export at {md(path)} cannot be used. Here is everything that is wrong with it:")
        st.dataframe(pd.DataFrame([p.as_dict() for p in error.problems]).drop(columns=["fatal"]), hide_index=True)
        st.info("See docs/data-format.md for what a valid export looks like, or check it with "
                "`python -m loaders check PATH`.")
        st.stop()
        raise  # unreachable: st.stop raises


@st.cache_resource(max_entries=4)
def _codebook(path: str, _mtime: float) -> Codebook:
    return load_codebook(path)


def current_codebook() -> Codebook:
    custom = st.session_state.get("harvest_codebook")
    if custom is not None:
        return custom
    from loaders.codebook import DEFAULT_CODEBOOK

    return _codebook(str(DEFAULT_CODEBOOK), DEFAULT_CODEBOOK.stat().st_mtime)


# Once per export version and codebook: the keyword auto-coder over every note, kept as a compact index (a notes x
# codes matrix per column), so a filter or mode change only picks rows of it. Shared read-only between sessions.
@st.cache_resource(max_entries=2, show_spinner="Auto-coding every note once for this export and codebook…")
def _auto_index(_export: Export, _codebook: Codebook, key: str) -> AutoCodes:
    return auto_index(_export.contributions, _codebook)


def _keys(export: Export) -> str:
    """Names an export's content and the codebook's: an upload's fingerprint is a digest of its bytes, a server
    export's a digest of its files' paths, sizes and times, a codebook's a digest of its bytes."""
    return f"{export.path}|{export.fingerprint}|{codebook_key(current_codebook())}"


def auto_codes(export: Export) -> AutoCodes:
    """The auto-coder's codes for every note of ``export`` under the codebook in force (made once, then shared)."""
    return _auto_index(export, current_codebook(), _keys(export))


# Selections are copies of the notes they keep: a dozen at most, so memory stays bounded however many filters
# the sessions try (an unfiltered view is the export itself, not a copy).
@st.cache_resource(max_entries=12)
def _filtered(_export: Export, _codebook: Codebook, key: str, filters: Filters, mode: str
              ) -> tuple[pd.DataFrame, pd.DataFrame]:
    notes, people = apply_filters(_export.contributions, _export.participants, filters)
    if mode != "human":
        notes = with_auto_codes(notes, _auto_index(_export, _codebook, key), mode)
    return notes, people


def view_key(export: Export, filters: Filters | None = None) -> str:
    """One string naming what a page shows: the export's version, the codebook, the filters and the codes counted;
    pages key their own caches on it."""
    from .filters import current_code_mode

    return f"{_keys(export)}|{current_code_mode()}|{filters}"


def filtered(export: Export, filters: Filters, mode: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(notes, people) under the filters, with the codes the sidebar chose (facilitators', auto, both), or those of
    ``mode`` when given (the Codebook page always needs the facilitators' own); computed once per export version,
    codebook, filters and mode, shared read-only."""
    from .filters import current_code_mode

    return _filtered(export, current_codebook(), _keys(export), filters, mode or current_code_mode())
