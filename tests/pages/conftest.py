"""AppTest helpers: run the real app (dashboard.py + st.navigation) on a real export, on any page, with a URL."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample-wikicafe-2017-synthetic"


@pytest.fixture(autouse=True)
def _fresh_caches():
    """AppTest shares Streamlit's caches between tests: clear them so each test loads its own export."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


@pytest.fixture
def run_page(monkeypatch):
    """run_page("pages/themes.py", data=PATH, query={"region": ["NWE"]}) -> the AppTest after the page ran."""

    def run(page: str | None = None, data: str | Path = SAMPLE, query: dict | None = None, timeout: float = 60):
        monkeypatch.setenv("HARVEST_DATA", str(data))
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
        for key, value in (query or {}).items():
            at.query_params[key] = value
        at.run()
        if page:
            at.switch_page(page)
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def decode(value):
    """Plotly JSON from AppTest comes with numeric arrays base64-encoded ({'dtype': 'f8', 'bdata': ...})."""
    if isinstance(value, dict) and "bdata" in value and "dtype" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            shape = value["shape"]
            shape = [int(s) for s in shape.split(",")] if isinstance(shape, str) else shape
            array = array.reshape(shape)
        return array.tolist()
    if isinstance(value, dict):
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def figures(at: AppTest) -> list[dict]:
    """Every Plotly figure on the page, as plain JSON."""
    return [decode(json.loads(chart.proto.spec)) for chart in at.get("plotly_chart")]


def texts(at: AppTest) -> str:
    """All visible text of the page's text-like elements, joined, for assertions on numbers and sentences."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "text", "caption", "info", "warning", "error", "success"):
        parts += [str(e.value) for e in at.get(kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(parts)
