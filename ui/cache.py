"""Every Streamlit cache Harvest keeps, in one place: pages never decorate anything themselves.

All are st.cache_resource: the object is shared between browser sessions and handed back without a copy (measured at a
million notes, st.cache_data's copy per rerun cost seconds a click), so nothing a cache returns is ever changed.
Keys are explicit content keys (an export's fingerprint, a codebook's digest, the filters, the codes counted): frames
go in as ``_``-prefixed arguments, which Streamlit leaves out of the key.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime

import pandas as pd
import streamlit as st

from analysis.autocode import AutoIndex, build_index, with_auto_codes
from analysis.autocode.index import stored_index
from analysis.filters import Filters, apply_filters
from analysis.messages import msg
from loaders import Export, ExportError, load_export
from loaders.codebook import PILLARS, Codebook, load_codebook
from loaders.live import hold, unusable


class _Live:
    """The last read of one export path, shared by every browser session: a new read is compared with it, so a part
    file that vanishes or turns unreadable while the app is open keeps its notes on screen (loaders/live.py)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.stamp: str | None = None
        self.export: Export | None = None


@st.cache_resource(show_spinner=False)
def _live(path: str) -> _Live:
    return _Live()


def export(path: str, stamp: str) -> Export:
    """The export at ``path`` as its files are now (``stamp``: their fingerprint), read once per change and compared
    with the read before (loaders/live.py). Raises ExportError only when it has never been readable."""
    live = _live(path)
    with live.lock:
        if live.stamp == stamp and live.export is not None:
            return live.export
        now = datetime.now()
        try:
            with st.spinner(msg("harvest-loading-export")):
                fresh = load_export(path)
        except ExportError as error:
            if live.export is None:
                raise
            read = unusable(live.export, error, now)
        else:
            read = hold(live.export, fresh, now)
        live.stamp, live.export = stamp, read
        return read


# The export every page reads: small groups of people merged (analysis/privacy.py, rule 1), once per export version.
@st.cache_resource(max_entries=2, show_spinner=False)
def coarsened(_export: Export, key: str, k: int) -> Export:
    from analysis.privacy import coarsen

    return coarsen(_export, k)


class _Stamps:
    """The fingerprint of each remote export, shared by every session for a moment: every rerun and every session's
    live check asks for it, and a bucket is not listed again for each of them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seen: dict[str, tuple[float, str]] = {}


@st.cache_resource(show_spinner=False)
def _stamps() -> _Stamps:
    return _Stamps()


#: How long one look at an export's files serves every session: well under the live check's interval.
STAMP_SECONDS = 1.0


def stamp(path: str) -> str:
    """The export's fingerprint (loaders.files.fingerprint). A local folder is looked at on every call (a stat per
    file); an export in object storage (one listing a call, paid for and slow) at most once a second for all
    sessions together."""
    from loaders.files import fingerprint

    if "://" not in path:
        return fingerprint(path)
    stamps = _stamps()
    now = time.monotonic()
    with stamps.lock:
        seen = stamps.seen.get(path)
        if seen is not None and now - seen[0] < STAMP_SECONDS:
            return seen[1]
    value = fingerprint(path)
    with stamps.lock:
        stamps.seen[path] = (time.monotonic(), value)  # as of the listing's end
    return value


@st.cache_resource(max_entries=4)
def codebook(path: str, mtime: float) -> Codebook:
    return load_codebook(path)


# Once per export version and codebook: the keyword auto-coder over every note, kept as a compact index, in memory and
# on disk ([cache] dir in harvest.toml): a start over an export already indexed reads it back instead of indexing.
@st.cache_resource(max_entries=16, show_spinner=False)
def localized(_codebook: Codebook, digest: str, language: str) -> Codebook:
    """The codebook in ``language`` (Codebook.localized), the direction's pillars named by the message files."""
    pillars = {pillar: msg("harvest-pillar-" + pillar.replace("_", "-"), language=language) for pillar in PILLARS}
    return _codebook.localized(language, pillars)


def auto_index(_export: Export, _codebook: Codebook, key: str) -> AutoIndex:
    """The auto-coder's index of ``_export`` under ``_codebook`` (``key`` names both), with a spinner in the language
    in force while it is made (a cache's own spinner text is fixed when the module is imported)."""
    with st.spinner(msg("harvest-auto-coding")):
        return _auto_index(_export, _codebook, key)


@st.cache_resource(max_entries=2, show_spinner=False)
def _auto_index(_export: Export, _codebook: Codebook, key: str) -> AutoIndex:
    from analysis.settings import cache_dir

    # An upload stays in memory only (never written to the server's disk, nor anything made from it).
    if _export.path.startswith("upload:"):
        return build_index(_export.contributions, _codebook)
    return stored_index(_export.contributions, _codebook, cache_dir(), key)


# Selections are copies of the notes they keep: a dozen at most, so memory stays bounded however many filters the
# sessions try (an unfiltered view is the export itself, not a copy).
@st.cache_resource(max_entries=12)
def filtered(
    _export: Export, _codebook: Codebook, key: str, filters: Filters, mode: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    notes, people = apply_filters(_export.contributions, _export.participants, filters)
    if mode != "human":
        notes = with_auto_codes(notes, auto_index(_export, _codebook, key), mode)
    return notes, people


@st.cache_resource(max_entries=12)
def view(key: str, _make: Callable):
    return _make()


# Findings and page tables, once per view and arguments: a click that does not change the view (a search, a chosen
# code) reuses them.
@st.cache_resource(max_entries=96, show_spinner=False)
def _memo(name: str, key: str, args: str, _function: Callable, _args: tuple, _kwargs: dict):
    return _function(*_args, **_kwargs)


def once(name: str, key: str, function: Callable, *args, **kwargs):
    """``function(*args, **kwargs)`` computed once per (name, key, plain arguments) and shared read-only. ``key`` names
    what the frames, views and functions among the arguments depend on (a view's key covers its frames, codebook and
    filters); every other argument must have a faithful repr."""

    def plain_value(value) -> bool:
        if isinstance(value, tuple | list | frozenset):
            return all(plain_value(v) for v in value)
        return value is None or isinstance(value, str | int | float | bool)

    plain = repr(
        tuple(a for a in args if plain_value(a)) + tuple((k, v) for k, v in sorted(kwargs.items()) if plain_value(v))
    )
    return _memo(name, key, plain, function, args, kwargs)


def clear() -> None:
    st.cache_resource.clear()
