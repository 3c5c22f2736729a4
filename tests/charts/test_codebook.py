"""Codebook charts: a title, the n in the subtitle, colours from charts.style, labels escaped and readable."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from charts import codebook as charts
from charts.style import PALETTE, TEMPLATES

COUNTS = pd.DataFrame(
    {
        "code": ["funding", "odd"],
        "label": ["Funding", "<a href='x'>Odd</a> label"],
        "facilitators": [5, 0],
        "auto": [2, 1],
        "total": [7, 1],
    }
)
SCORES = pd.DataFrame(
    {
        "label": ["Funding", "Never used"],
        "facilitators": [4, 0],
        "auto": [3, 0],
        "both": [3, 0],
        "precision": [1.0, np.nan],
        "recall": [0.75, np.nan],
    }
)
WORDS = pd.DataFrame(
    {"word": ["childcare", "visa"], "notes": [3, 1], "share": [0.3, 0.1], "languages": ["en", "en, sv"]}
)


@pytest.mark.parametrize("template", TEMPLATES)
def test_counts_by_source_stacks_facilitators_and_hatched_auto_codes(template):
    fig = charts.counts_by_source(COUNTS, title="Who coded what?", n_text="of 10 notes", template=template)
    assert fig.layout.title.text == "Who coded what?" and fig.layout.title.subtitle.text == "of 10 notes"
    facilitators, auto, totals = fig.data
    assert list(facilitators.x) == [5, 0] and list(auto.x) == [2, 1]
    assert facilitators.marker.color == PALETTE[0] and auto.marker.color == PALETTE[1]
    assert auto.marker.pattern.shape == "/" and facilitators.marker.pattern.shape == ""
    assert list(totals.text) == ["7", "1"]
    assert "<a" not in auto.y[1] and "&lt;a" in auto.y[1]  # a team's label is text, never a link
    assert fig.layout.xaxis.title.text == "Number of notes"


def test_evaluation_leaves_out_codes_nobody_used_and_shows_percent():
    fig = charts.evaluation(SCORES, title="Agree?", n_text="4 notes coded by facilitators")
    precision, recall = fig.data
    assert list(precision.y) == ["Funding"] and list(precision.x) == [100.0] and list(recall.x) == [75.0]
    assert list(recall.text) == ["75%"] and precision.marker.symbol != recall.marker.symbol
    assert fig.layout.xaxis.ticksuffix == "%" and "4 notes" in fig.layout.title.subtitle.text


def test_frequent_words_bars_carry_counts_and_shares():
    fig = charts.frequent_words(WORDS, title="Words", n_text="of 10 uncovered notes")
    bar = fig.data[0]
    assert list(bar.x) == [3, 1] and list(bar.text) == ["3 · 30%", "1 · 10%"]
    assert bar.marker.color == charts.WORD_COLOUR
    assert fig.layout.meta["n_text"] == "of 10 uncovered notes"
