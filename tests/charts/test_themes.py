"""Theme charts: a title, the n in the subtitle, colours from charts.style, labels readable when projected."""

from __future__ import annotations

import pandas as pd
import pytest

from charts import themes as charts
from charts.style import PAIR, TEMPLATES, UNKNOWN_COLOUR

FREQ = pd.DataFrame(
    {
        "code": ["health", "mystery"],
        "label": ["Healthy, inclusive communities", "mystery"],
        "description": ["Culture and conduct", "not in codebook"],
        "kind": ["theme", "not in codebook"],
        "in_codebook": [True, False],
        "notes": [4, 1],
        "share": [0.8, 0.2],
        "coded_notes": [5, 5],
        "all_notes": [6, 6],
        "order": [0, 9],
    }
)
BY = pd.DataFrame(
    {
        "code": ["health", "health", "mystery", "mystery"],
        "group": ["Central & Eastern Europe & Central Asia", "Sub-Saharan Africa"] * 2,
        "notes": [2, 1, 0, 1],
        "group_coded_notes": [2, 3, 2, 3],
        "group_notes": [2, 4, 2, 4],
        "share": [1.0, 1 / 3, 0.0, 1 / 3],
    }
)


@pytest.mark.parametrize("template", TEMPLATES)
def test_frequency_bar_has_title_n_and_flags_unknown_codes(template):
    fig = charts.frequency_bar(FREQ, title="Which themes?", n_text="share of 5 coded notes", template=template)
    assert fig.layout.title.text == "Which themes?"
    assert "5 coded notes" in fig.layout.title.subtitle.text
    assert fig.layout.meta["n_text"] == "share of 5 coded notes"
    bar = fig.data[0]
    assert list(bar.marker.color) == [PAIR["notes"], UNKNOWN_COLOUR]
    assert list(bar.marker.pattern.shape) == ["", "/"]
    assert "not in codebook" in bar.y[1] and bar.y[1].startswith(charts.FLAG)
    assert list(bar.x) == [4, 1]
    assert bar.text[0] == "4 · 80%"
    assert [row[0] for row in bar.customdata] == ["health", "mystery"]  # the code, for click-to-drill
    assert fig.layout.xaxis.title.text == "Number of notes"


def test_heatmap_writes_count_and_share_in_every_cell_and_wraps_long_labels():
    fig = charts.heatmap(
        BY,
        labels={"health": "Healthy"},
        title="By region",
        n_text="share of 5 coded notes",
        x_title="Region",
        y_title="Theme",
    )
    heat = fig.data[0]
    assert fig.layout.title.text == "By region"
    assert "5 coded notes" in fig.layout.title.subtitle.text
    assert list(heat.text[0]) == ["2<br>100%", "1<br>33%"]
    assert list(heat.y) == ["Healthy", "mystery"]
    assert "<br>" in heat.x[0]  # "Central & Eastern Europe & Central Asia" broken over lines
    assert fig.layout.xaxis.title.text == "Region"
    assert heat.coloraxis == "coloraxis"  # the template's colour scale, not a hard-coded one


def test_co_occurrence_leaves_the_diagonal_uncoloured():
    pairs = pd.DataFrame(
        {
            "code_a": ["a", "a", "b", "b"],
            "code_b": ["a", "b", "a", "b"],
            "notes": [4, 2, 2, 3],
            "notes_a": [4, 4, 3, 3],
            "share_of_a": [1.0, 0.5, 2 / 3, 1.0],
        }
    )
    fig = charts.co_occurrence_heatmap(
        pairs, labels={"a": "A", "b": "B"}, title="Together?", n_text="share of the notes raising the row's theme"
    )
    z = fig.data[0].z
    assert pd.isna(z[0][0]) and pd.isna(z[1][1])
    assert z[0][1] == pytest.approx(0.5)
    assert list(fig.data[0].x) == ["A", "B"]
    assert "raising" in fig.layout.title.subtitle.text


def test_labels_wrap_for_the_projector_and_keep_short_ones_whole():
    from charts.text import label

    assert label("Funding") == "Funding"
    assert label("The most respected source of knowledge", 22) == "The most respected<br>source of knowledge"
    assert label("<b>Bold</b> & co", 8) == "&lt;b&gt;Bold&lt;/b&gt;<br>&amp; co"


def test_heatmap_with_many_columns_slants_their_labels_instead_of_crowding_them():
    wide = pd.DataFrame(
        {"code": ["a"] * 9, "group": [f"Region number {i}" for i in range(9)], "notes": [1] * 9, "share": [0.5] * 9}
    )
    fig = charts.heatmap(
        wide,
        labels={},
        title="Wide",
        n_text="share of 2 coded notes",
        x_title="Region",
        y_title="Theme",
        rows="code",
        columns="group",
    )
    assert fig.layout.xaxis.tickangle == -45
    assert "<br>" not in fig.data[0].x[0]


def test_display_labels_flag_unknown_codes():
    assert charts.display_labels(FREQ) == {
        "health": "Healthy, inclusive communities",
        "mystery": "⚠ mystery (not in codebook)",
    }


def test_heatmap_leaves_tiny_groups_uncoloured_but_keeps_their_numbers():
    fig = charts.heatmap(
        BY,
        labels={},
        title="By region",
        n_text="share of 5 coded notes",
        x_title="Region",
        y_title="Theme",
        denominator="group_coded_notes",
        min_denominator=3,
    )
    heat = fig.data[0]
    assert pd.isna(heat.z[0][0]) and heat.z[0][1] == pytest.approx(1 / 3)  # 2 coded notes < 3; 3 is enough
    assert heat.text[0][0] == "2<br>100%"
    assert "groups under 3 coded notes not coloured" in fig.layout.title.subtitle.text
