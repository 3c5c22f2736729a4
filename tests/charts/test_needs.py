"""Needs chart: coded bars in the need colour, "named but not coded" beside them in grey, never stacked."""

from __future__ import annotations

import pandas as pd

from charts import needs as charts
from charts.style import UNKNOWN_COLOUR
from charts.themes import KIND_COLOURS

FREQ = pd.DataFrame(
    {
        "code": ["funding", "translation"],
        "label": ["Funding", "Translation and languages"],
        "description": ["Money", "Translation"],
        "kind": ["need", "need"],
        "in_codebook": [True, True],
        "notes": [3, 0],
        "share": [0.5, 0.0],
        "coded_notes": [6, 6],
        "all_notes": [8, 8],
        "order": [5, 8],
    }
)
NAMED = pd.DataFrame(
    {
        "code": ["translation", "funding"],
        "label": ["Translation and languages", "Funding"],
        "named_not_coded": [2, 1],
        "uncoded_notes": [4, 4],
    }
)


def test_needs_bar_draws_named_but_not_coded_beside_the_coded_bars():
    fig = charts.needs_bar(FREQ, named=NAMED, title="What do participants need?", n_text="share of 6 coded notes")
    assert fig.layout.title.text == "What do participants need?"
    assert "6 coded notes" in fig.layout.title.subtitle.text
    coded, named = fig.data
    assert list(coded.x) == [3, 0]
    assert coded.marker.color == KIND_COLOURS["need"]
    assert list(named.x) == [1, 2]  # matched by code, not by position
    assert named.marker.color == UNKNOWN_COLOUR and named.marker.pattern.shape == "/"
    assert named.name == charts.NAMED_NOT_CODED
    assert fig.layout.barmode == "group"  # beside, never added on top


def test_needs_bar_for_responsible_has_no_named_trace():
    freq = FREQ.assign(kind="responsible")
    fig = charts.needs_bar(freq, title="Who?", n_text="share of 6 coded notes")
    assert len(fig.data) == 1
    assert fig.data[0].marker.color == KIND_COLOURS["responsible"]
    assert fig.layout.showlegend is False
