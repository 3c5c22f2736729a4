"""The router: the registry's pages through st.navigation, and the one workaround Streamlit's pages/ folder needs.

The design card keeps a pages/ folder beside dashboard.py. Streamlit 1.67 then starts every new process in its old
folder-based mode (``PagesManager.uses_pages_directory`` is True) and stays in it until a run calls st.navigation: a
shared link such as /present?slide=3 opened as the first visit after a start would run pages/present.py alone,
without the router, its filters or the navigation. Streamlit's own advice is to rename the folder, which the design
card rules out. So, here and nowhere else: every PagesManager made from now on starts in navigation mode, and a page
that finds itself run without the router reruns through it. tests/ui/test_router.py fails loudly if Streamlit changes
what this relies on; tests/e2e/test_e2e_pages.py opens a deep link as a server's very first visit.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from . import registry
from .registry import PageSpec

_PATCHED = "_harvest_navigation_mode"


def navigation_mode() -> None:
    """From now on, in this process, every PagesManager (one per browser session; AppTest makes one per run) starts in
    navigation mode, as the first st.navigation call would leave it. Idempotent."""
    PagesManager.uses_pages_directory = False
    if getattr(PagesManager.__init__, _PATCHED, False):
        return
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    setattr(init, _PATCHED, True)
    PagesManager.__init__ = init


def through_the_router() -> None:
    """Called by every page before it draws anything: a page run without the router (the process's first visit was a
    deep link, in folder mode) switches the mode off and reruns, so dashboard.py runs from then on."""
    if PagesManager.uses_pages_directory:
        navigation_mode()
        st.rerun()


def navigate() -> tuple[st.Page, PageSpec]:
    """st.navigation over the registry's pages; the page chosen and its declaration. Remembers, for this browser
    session, which page is shown (ui.state reads it to know which URL parameters the page owns)."""
    navigation_mode()
    pages = {
        spec.file: st.Page(str(spec.path), title=spec.label, default=spec.default, url_path=spec.url_path or None)
        for spec in registry.PAGES
    }
    chosen = st.navigation(list(pages.values()))
    spec = next(s for s in registry.PAGES if pages[s.file] is chosen or pages[s.file].title == chosen.title)
    st.session_state["harvest_page"] = spec.file
    return chosen, spec


def current_page() -> PageSpec | None:
    file = st.session_state.get("harvest_page")
    return next((s for s in registry.PAGES if s.file == file), None)
