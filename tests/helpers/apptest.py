"""Running the real app (dashboard.py through the router) on a real export with AppTest, and reading what it shows."""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from analysis.escape import unmarkdown

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample-wikicafe-2017-synthetic"
#: Elements whose text Streamlit renders as Markdown (their values in AppTest are the Markdown source).
MARKDOWN_KINDS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success")


def open_page(
    monkeypatch, page: str | None = None, data: str | Path = SAMPLE, query: dict | None = None, timeout: float = 60
) -> AppTest:
    """The app after one run of ``page`` opened as a link with ``query`` (a browser session's first visit)."""
    from ui.router import navigation_mode

    navigation_mode()  # as the server is after its first run (ui/router.py)
    monkeypatch.setenv("HARVEST_DATA", str(data))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


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


def _as_drawn(value):
    """Strings as Plotly draws them: HTML entities (how data reaches a figure, charts/text.py) read as characters."""
    if isinstance(value, str):
        return html.unescape(value)
    if isinstance(value, dict):
        return {k: _as_drawn(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_drawn(v) for v in value]
    return value


def figures(at: AppTest, raw: bool = False) -> list[dict]:
    """Every Plotly figure on the page, as plain JSON, its text as a reader sees it (``raw``: as sent to Plotly)."""
    specs = [decode(json.loads(chart.proto.spec)) for chart in at.get("plotly_chart")]
    return specs if raw else [_as_drawn(spec) for spec in specs]


def texts(at: AppTest) -> str:
    """All visible text of the page's text-like elements, joined, as a reader sees it (Markdown escapes removed),
    for assertions on numbers and sentences."""
    parts = []
    for kind in (*MARKDOWN_KINDS, "text"):
        parts += [unmarkdown(str(e.value)) if kind in MARKDOWN_KINDS else str(e.value) for e in at.get(kind)]
    parts += [f"{unmarkdown(m.label)} {m.value}" for m in at.metric]
    return "\n".join(parts)


def param(at: AppTest, name: str) -> list[str]:
    """A URL parameter as a list, however AppTest holds it (a value the test set, or a list the app wrote)."""
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)
