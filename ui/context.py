"""What this browser session looks at: the export (an upload, or the server's), the codebook, and the View every page
reads (analysis/view.py). Loading and every derived table go through ui.cache, shared read-only between sessions."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import replace
from pathlib import Path

import streamlit as st

from analysis import messages
from analysis.autocode import AutoIndex, codebook_key, with_auto_codes
from analysis.escape import markdown as md
from analysis.filters import Filters
from analysis.messages import msg
from analysis.privacy import selection_withheld
from analysis.view import View, view_of
from loaders import Export, ExportError
from loaders.codebook import DEFAULT_CODEBOOK, Codebook
from loaders.files import export_name
from loaders.reference import world_population_share

from . import cache
from .problems import frame as said_problems
from .problems import line
from .router import through_the_router

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample-wikicafe-2017-synthetic"
#: Session-state keys of this session's upload: its key in ui.uploads' store, its name, and a released one's name.
UPLOAD_KEY, UPLOAD_NAME, UPLOAD_GONE = "harvest_upload_key", "harvest_upload_name", "harvest_upload_gone"
CODEBOOK, CODEBOOK_FILE = "harvest_codebook", "harvest_codebook_file"
#: Session-state key of the server export's path and the fingerprint of its files when this page was drawn.
LIVE_STAMP = "harvest_live_stamp"
#: Session-state key of the size and time of the decisions file beside the server export when this page was drawn.
DECISIONS_STAMP = "harvest_decisions_stamp"


def data_path() -> str:
    """`streamlit run dashboard.py -- --data PATH`, else $HARVEST_DATA, else the bundled synthetic sample."""
    argv = sys.argv[1:]
    for i, arg in enumerate(argv):
        if arg == "--data" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--data="):
            return arg.split("=", 1)[1]
    return os.environ.get("HARVEST_DATA") or str(SAMPLE)


# --- uploads --------------------------------------------------------------------------------------------------------


#: The cookie that carries this browser's upload key across a reload or into a new tab (same browser only), and the
#: session-state flags: the cookie was already read in this session; it is to be cleared.
UPLOAD_COOKIE, COOKIE_READ, COOKIE_CLEAR = "harvest_upload", "harvest_upload_cookie_read", "harvest_upload_cookie_clear"


def use_upload(export: Export, name: str) -> None:
    """From now on this browser looks at ``export`` (held in ui.uploads' store, never in session state): this session,
    and after a reload or in a new tab of the same browser, until it is released (remember_upload)."""
    from .uploads import store

    store().drop(st.session_state.get(UPLOAD_KEY))
    st.session_state[UPLOAD_KEY] = store().put(export, name)
    st.session_state[UPLOAD_NAME] = name
    st.session_state.pop(UPLOAD_GONE, None)
    st.session_state.pop(COOKIE_CLEAR, None)


def forget_upload() -> None:
    """Back to the server's export; the upload is released at once, and this browser forgets it."""
    from .uploads import store

    store().drop(st.session_state.pop(UPLOAD_KEY, None))
    st.session_state.pop(UPLOAD_NAME, None)
    st.session_state.pop(UPLOAD_GONE, None)
    st.session_state[COOKIE_CLEAR] = True


def _adopt_cookie() -> None:
    """A new session (a reload, a new tab) of a browser that holds an upload takes it up again, once; a key the store
    no longer holds is said to be released, never silently replaced by the server's export."""
    from .uploads import store

    if st.session_state.get(COOKIE_READ) or st.session_state.get(UPLOAD_KEY) is not None:
        return
    st.session_state[COOKIE_READ] = True
    key = st.context.cookies.get(UPLOAD_COOKIE)
    if not isinstance(key, str) or not re.fullmatch(r"[A-Za-z0-9_-]{16,64}", key):
        return  # no cookie, or not one this app wrote
    name = store().name(key)
    st.session_state[UPLOAD_KEY] = key
    st.session_state[UPLOAD_NAME] = name or ""


def remember_upload() -> None:
    """Keep the browser's cookie in step with this session's upload: set (sliding with the store's expiry) while one
    is held, cleared once it was released. A fixed script; the key is 128 random bits, written as a JSON string."""
    import json

    from analysis.settings import settings

    key = st.session_state.get(UPLOAD_KEY)
    if key is not None:
        age = int(settings().upload_keep_minutes * 60)
        cookie = f"{UPLOAD_COOKIE}=" + "${encodeURIComponent(" + json.dumps(key) + ")}" + f"; max-age={age}"
    elif st.session_state.get(COOKIE_CLEAR) or st.session_state.get(UPLOAD_GONE):
        cookie = f"{UPLOAD_COOKIE}=; max-age=0"
    else:
        return
    with st.sidebar:
        st.html(
            f"<script>document.cookie = `{cookie}; path=/; SameSite=Strict`;</script>",
            unsafe_allow_javascript=True,
            width=1,
        )


def current_upload() -> Export | None:
    """This session's upload, if it has one still held; when it was released, a note for the pages to show."""
    from .uploads import store

    _adopt_cookie()
    key = st.session_state.get(UPLOAD_KEY)
    if key is None:
        return None
    uploaded = store().get(key)
    if uploaded is None:
        st.session_state[UPLOAD_GONE] = st.session_state.pop(UPLOAD_NAME, "")
        st.session_state.pop(UPLOAD_KEY, None)
    return uploaded


def upload_notice() -> None:
    """Said on every page until read: this session's upload was released, and which export it shows instead."""
    gone = st.session_state.get(UPLOAD_GONE)
    if gone is None:
        return
    from analysis.settings import settings

    minutes = settings().upload_keep_minutes
    minutes = int(minutes) if float(minutes).is_integer() else minutes  # a count, written the language's way
    server = export_name(data_path())
    st.warning(
        md(msg("harvest-upload-released-named", gone, minutes, server))
        if gone
        else md(msg("harvest-upload-released", minutes, server)),
        icon=":material/warning:",
    )
    if st.button(md(msg("harvest-upload-understood")), key="upload_notice_read"):
        st.session_state.pop(UPLOAD_GONE, None)
        st.rerun()


# --- the export, the codebook, the view -----------------------------------------------------------------------------


def current_export() -> Export:
    """The export this session looks at (an upload, else the configured path), its small groups of people merged
    (analysis/privacy.py); stops the page with a clear message when it cannot be used."""
    from analysis.settings import settings

    through_the_router()
    from .decisions import decided

    k = settings().min_group_size
    uploaded = current_upload()
    if uploaded is not None:
        return decided(cache.coarsened(uploaded, f"{uploaded.path}|{uploaded.fingerprint}", k), current_codebook())
    path = data_path()
    try:
        stamp = cache.stamp(path)
        st.session_state[LIVE_STAMP] = (path, stamp)
        raw = cache.export(path, stamp)
        # The facilitators' decisions on the auto-coder's proposals (ui/decisions.py): confirmed codes count as theirs.
        st.session_state[DECISIONS_STAMP] = _decisions_stamp(path)
        return decided(cache.coarsened(raw, f"{path}|{stamp}", k), current_codebook())
    except ExportError as error:
        st.error(md(msg("harvest-export-unusable", export_name(path))))
        st.dataframe(said_problems(error.problems).drop(columns=["fatal"]), hide_index=True)
        st.info(msg("harvest-export-unusable-help"))  # own markdown: the message's command is in backticks
        st.stop()
        raise  # unreachable: st.stop raises


def current_codebook() -> Codebook:
    """The codebook this session uploaded, else the default (data/codebook.toml), in the interface's language: its
    labels, descriptions and questions as the codebook translates them (English where it does not)."""
    custom = st.session_state.get(CODEBOOK)
    base = custom if custom is not None else cache.codebook(str(DEFAULT_CODEBOOK), DEFAULT_CODEBOOK.stat().st_mtime)
    language = messages.current()
    if language == messages.DEFAULT:
        return base
    return cache.localized(base, base.digest, language)


def _keys(export: Export) -> str:
    """Names an export's content and the codebook's: an upload's fingerprint is a digest of its bytes, a server
    export's a digest of its files' paths, sizes and times, a codebook's a digest of its bytes."""
    return f"{export.path}|{export.fingerprint}|{codebook_key(current_codebook())}"


def auto_index(export: Export) -> AutoIndex:
    """The auto-coder's codes for every note of ``export`` under the codebook in force (made once per export version
    and codebook, then shared), without the proposals the facilitators rejected (ui/decisions.py)."""
    from .decisions import MARK, raw_fingerprint, without_rejected

    codebook = current_codebook()
    index = cache.auto_index(export, codebook, f"{export.path}|{raw_fingerprint(export)}|{codebook_key(codebook)}")
    if MARK not in export.fingerprint:
        return index
    return cache.once("decided-index", _keys(export), without_rejected, index, export.contributions)


def view(export: Export | None = None, filters: Filters | None = None, mode: str | None = None) -> View:
    """The View this page shows: the export, under the sidebar's filters and codes counted (or those given; the
    Codebook page always reads the facilitators' own codes), made once per (export, codebook, filters, mode) and
    shared read-only. Its ``key`` names all of that: what ui.cache.once keys a page's tables on."""
    from .filters import current_code_mode, current_filters

    export = export or current_export()
    filters = filters if filters is not None else current_filters()
    mode = mode or current_code_mode()
    codebook = current_codebook()
    key = f"{_keys(export)}|{mode}|{filters}|{messages.current()}"  # sentences are in the session's language

    def make() -> View:
        from .decisions import MARK

        if MARK in export.fingerprint and mode != "human":  # decisions in force: auto codes without rejected ones
            notes, people = cache.filtered(export, codebook, _keys(export), filters, "human")
            notes = with_auto_codes(notes, auto_index(export), mode)
        else:
            notes, people = cache.filtered(export, codebook, _keys(export), filters, mode)
        return replace(view_of(export, codebook, world_population_share(), filters, mode, notes, people), key=key)

    made = cache.view(key, make)
    withheld = cache.once("withheld", key, selection_withheld, made)
    if withheld:  # a selection of too few people: no page shows anything about it (analysis/privacy.py)
        st.warning(md(withheld), icon=":material/lock:")
        st.caption(md(msg("harvest-filters-in-force", filters.describe())))
        st.stop()
    return made


# --- a live session -------------------------------------------------------------------------------------------------


def _every() -> float | None:
    from analysis.settings import settings

    seconds = settings().live_check_seconds
    return seconds if seconds > 0 else None


@st.fragment(run_every=_every())
def _watch() -> None:
    seen = st.session_state.get(LIVE_STAMP)
    if seen is None or st.session_state.get(UPLOAD_KEY) is not None:
        return
    path, stamp = seen
    if cache.stamp(path) != stamp or _decisions_stamp(path) != st.session_state.get(DECISIONS_STAMP):
        st.rerun(scope="app")


def _decisions_stamp(path: str) -> tuple[int, int] | None:
    """The size and time of the decisions file beside a local export (another facilitator's decision shows on the
    next live check); None when there is none."""
    from loaders.decisions import decisions_path

    beside = decisions_path(path)
    try:
        info = beside.stat() if beside is not None else None
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size) if info is not None else None


def watch() -> None:
    """Every few seconds (harvest.toml [live]), look at the server export's files and the decisions file beside it:
    when part files were added, changed or removed, or a facilitator decided a proposal, the whole page is drawn again
    with them, without anyone clicking."""
    if _every() is not None:
        _watch()


def live_notice(export: Export) -> None:
    """What a live session's reads changed (a part file gone or unreadable, its notes held), said above every page."""
    from loaders.live import changes

    changed = changes(export)
    if changed:
        st.warning(
            md(msg("harvest-export-changed", " ".join(line(p) for p in changed))),
            icon=":material/sync_problem:",
        )
