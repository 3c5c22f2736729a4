"""A page added only through ui/registry.py is routed, filtered, linkable and benchmarked, with nothing else touched;
and the one workaround for Streamlit's pages/ folder fails loudly if Streamlit changes what it relies on."""

from __future__ import annotations

import inspect

import pytest

from tests.helpers.apptest import param, texts
from ui import registry

PROBE = """
import streamlit as st

from ui import choice, view

shown = view()
st.text(f"probe: {len(shown.notes)} notes, {len(shown.people)} people")
picked = choice(st.radio, "probe", "Probe", ["a", "b"], "a")
st.text(f"probe choice: {picked}")
"""


@pytest.fixture
def probe(tmp_path, monkeypatch):
    page = tmp_path / "probe.py"
    page.write_text(PROBE, encoding="utf-8")
    spec = registry.PageSpec(str(page), "Probe", params=("probe",))
    monkeypatch.setattr(registry, "PAGES", [*registry.PAGES, spec])  # removed again when the test ends
    return spec


def test_a_page_added_only_to_the_registry_is_routed_filtered_and_linkable(probe, run_page):
    from analysis.filters import Filters, apply_filters
    from loaders import load_export
    from tests.helpers.apptest import SAMPLE

    export = load_export(SAMPLE)
    notes, people = apply_filters(export.contributions, export.participants, Filters(region=("NWE",)))
    at = run_page(probe.file, query={"region": "NWE", "probe": "b"})
    page = texts(at)
    assert f"probe: {len(notes)} notes, {len(people)} people" in page  # the sidebar's filters reach it
    assert "probe choice: b" in page  # its own control came from the link
    assert param(at, "region") == ["NWE"] and param(at, "probe") == ["b"]  # and stays in it
    at.radio(key="url_probe").set_value("a").run()
    assert "probe" not in at.query_params  # the default leaves the link clean


def test_a_page_added_only_to_the_registry_is_benchmarked(probe):
    from benchmarks.app import pages

    assert pages()[-1] == probe.file


def test_a_parameter_no_page_declares_is_refused_at_once(probe, run_page, tmp_path):
    bad = tmp_path / "probe.py"
    bad.write_text(PROBE.replace('choice(st.radio, "probe"', 'choice(st.radio, "undeclared"'), encoding="utf-8")
    at = run_page(probe.file)
    assert any("unexpected problem" in str(e.value) for e in at.error)  # a KeyError naming the parameter, logged
    assert "undeclared" not in at.query_params


def test_the_pages_folder_workaround_still_has_what_it_relies_on():
    """ui/router.py switches Streamlit's folder-based page mode off through PagesManager.uses_pages_directory. If a
    Streamlit upgrade renames or drops it, this fails, pointing at the one place to change."""
    from streamlit.runtime.pages_manager import PagesManager

    from ui.router import navigation_mode

    assert hasattr(PagesManager, "uses_pages_directory"), "Streamlit changed: see ui/router.py"
    assert "uses_pages_directory" in inspect.getsource(PagesManager), "Streamlit changed: see ui/router.py"
    navigation_mode()
    assert PagesManager.uses_pages_directory is False
    assert getattr(PagesManager.__init__, "_harvest_navigation_mode", False)
