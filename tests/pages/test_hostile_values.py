"""Every value is data: hostile text in every column of an export and in every URL parameter renders every page and
slide as text. No Markdown, Streamlit directive, Plotly markup or HTML from the data reaches a sink unescaped, and no
page fails (the browser test with a loopback canary, tests/e2e/test_e2e_hostile.py, checks that nothing is fetched).
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis.downloads import read_csv, to_csv
from slides import SLIDES, build_deck, build_slides
from tests.helpers.apptest import MARKDOWN_KINDS, figures
from tests.helpers.hostile import MARK, MARKDOWN_LEAKS, PLOTLY_LEAKS, hostile_export, hostile_query, payloads
from tests.helpers.views import view_at
from ui.registry import PAGES as REGISTRY

PAGES = [page.file for page in REGISTRY]
FAILED = "this page hit an unexpected problem"


def markdown_sources(at) -> list[str]:
    """The Markdown source of every element and label Streamlit renders as Markdown."""
    found = [str(e.value) for kind in MARKDOWN_KINDS for e in at.get(kind)]
    found += [str(m.label) for m in at.metric]
    for kind in (
        "button",
        "download_button",
        "radio",
        "selectbox",
        "multiselect",
        "slider",
        "text_input",
        "toggle",
        "checkbox",
        "expander",
    ):
        for widget in at.get(kind):
            found.append(str(getattr(widget, "label", "")))
            if kind == "radio":
                found += [str(o) for o in getattr(widget, "options", [])]
    return found


def plotly_strings(spec) -> list[str]:
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict):
        return [s for v in spec.values() for s in plotly_strings(v)]
    if isinstance(spec, list):
        return [s for v in spec for s in plotly_strings(v)]
    return []


def leaks(texts: list[str], patterns: tuple[str, ...]) -> list[str]:
    return [t[:160] for t in texts if MARK in t or MARK.lower() in t.lower() for p in patterns if p in t]


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def active(markdown: str) -> str:
    """What Markdown acts on in a source: backslash-escaped characters are literal, so they are taken out."""
    return re.sub(r"\\.", "", markdown)


def check_page(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not any(FAILED in str(e.value) for e in at.error), [e.value for e in at.error]
    assert leaks([active(m) for m in markdown_sources(at)], MARKDOWN_LEAKS) == []
    assert leaks([s for f in figures(at, raw=True) for s in plotly_strings(f)], PLOTLY_LEAKS) == []


values = st.lists(st.sampled_from(payloads()), min_size=1, max_size=3).map(" ".join)


@pytest.mark.parametrize("page", PAGES)
def test_hostile_values_in_every_column_and_link_render_as_text_on_every_page(run_page, tmp_path, page):
    folder = hostile_export(tmp_path / "hostile")
    query = hostile_query()
    check_page(run_page(page, data=folder, query=query))
    check_page(run_page(page, data=folder))  # no link: every filter option and label from the data itself
    check_page(run_page(page, data=folder, query={"view": "community"}))
    check_page(run_page(page, data=folder, query={"view": "community_type"}))


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], derandomize=True)
@given(value=values, junk=st.text(min_size=0, max_size=12))
@example(value=" ".join(payloads()), junk="")
def test_any_hostile_value_in_a_link_or_a_column_is_text_in_slides_deck_and_csv(tmp_path_factory, value, junk):
    drawn = [value, value + junk, junk + value, *payloads()[:3]]
    folder = hostile_export(tmp_path_factory.mktemp("hostile"), values=drawn)
    slides, _ = build_slides(view_at(folder), list(SLIDES))
    for slide in slides:
        strings = plotly_strings(json.loads(slide.figure.to_json()))
        assert leaks(strings, PLOTLY_LEAKS) == [], slide.id
    deck = build_deck(slides, title=value + junk, footer=value)
    for markup in (
        "<script>window.__pwned",
        '<img src="http://127.0.0.1:9',
        '<a href="http://127.0.0.1:9',
        '<span style="background:url(http://127.0.0.1:9',
    ):
        assert markup not in deck
    for slide in slides:  # the numbers behind each slide: no cell a spreadsheet would run
        _, table = read_csv(to_csv(slide.data, {"filters": value + junk}))
        for cell in (str(c) for c in table.to_numpy().ravel()):
            assert is_number(cell) or not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
