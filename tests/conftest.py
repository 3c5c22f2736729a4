"""What every test shares: Hypothesis profiles, the e2e marker, and the AppTest fixture.

- Hypothesis: no wall-clock deadline anywhere (a loaded 2-core machine is slow, not wrong); on CI (CI=true) examples
  are derived from the test itself (derandomize), so a run is the same run every time.
- ``e2e``: every test under tests/e2e/ (a real server and a browser). ``make test-fast`` leaves them out while
  iterating; ``make test`` (the README's command, and CI's) runs everything.
- the auto-coder's stored indexes go to a temporary folder of the run (HARVEST_CACHE_DIR), not the project's.
- ``run_page``: the real app on a real export, on any page, opened as a link (tests/helpers/apptest.py), with
  Streamlit's caches cleared first (AppTest shares them between tests).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", deadline=None)
settings.register_profile(
    "ci", deadline=None, derandomize=True, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")


def pytest_configure(config):
    config.addinivalue_line("markers", "e2e: a browser test against a real server (tests/e2e/)")
    # The auto-coder's stored indexes (harvest.toml [cache]) go to a folder of this run, never the project's: a test
    # never finds an index an earlier run left, and the servers the browser tests start inherit the same folder.
    if "HARVEST_CACHE_DIR" not in os.environ:
        import tempfile

        os.environ["HARVEST_CACHE_DIR"] = tempfile.mkdtemp(prefix="harvest-test-cache-")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def run_page(monkeypatch):
    """run_page("pages/themes.py", data=PATH, query={"region": ["NWE"]}) -> the AppTest after the page ran."""
    import streamlit as st

    from tests.helpers.apptest import open_page

    st.cache_data.clear()
    st.cache_resource.clear()

    def run(page: str | None = None, **kwargs):
        return open_page(monkeypatch, page, **kwargs)

    yield run
    st.cache_resource.clear()
