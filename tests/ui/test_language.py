"""The interface's language through the real app (AppTest): ?uselang= wins and stays in the link, an unknown language
is said and ignored, the navigation and sidebar speak it, the page's <html> is told its language and direction, and
a right-to-left language mirrors layout and charts, their texts isolated line by line so that mixed text reads right.
What these look like in a browser: tests/e2e/test_e2e_languages.py."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from analysis import messages
from analysis.escape import unmarkdown
from charts.style import FSI, PDI, RLI, isolated, mirrored, titled
from tests.helpers.apptest import figures, param, texts
from ui.language import RTL


def test_uselang_sets_the_language_and_stays_in_the_link(run_page):
    at = run_page("pages/themes.py", query={"uselang": "fr"})
    assert param(at, "uselang") == ["fr"]
    labels = [unmarkdown(w.label) for w in at.sidebar.multiselect]
    assert "Tour" in labels and "Round" not in labels  # the rounds' filter, in French
    assert "Langue" in [unmarkdown(s.label) for s in at.sidebar.selectbox]
    assert messages.msg("harvest-synthetic-notice", language="fr") in texts(at)


def test_an_unknown_language_is_said_and_english_is_used(run_page):
    at = run_page("pages/overview.py", query={"uselang": "xx"})
    said = texts(at)
    assert "This link asked for values that are not in this export, so they are ignored: language “xx”." in said
    assert messages.msg("harvest-synthetic-notice", language="en") in said


def test_arabic_mirrors_the_layout_and_the_charts(run_page):
    at = run_page("pages/themes.py", query={"uselang": "ar"})
    styles = [m.value for m in at.markdown if "direction: rtl" in str(m.value)]
    assert styles, "no right-to-left style sheet on an Arabic page"
    fig = figures(at)[0]
    xaxis = fig["layout"]["xaxis"]
    # a reversed axis: by autorange, or the range the builder chose kept, reversed (room for the labels)
    assert xaxis.get("autorange") == "reversed" or (xaxis.get("range") and xaxis["range"][0] > xaxis["range"][1])
    assert fig["layout"]["yaxis"]["side"] == "right"
    assert fig["layout"]["title"]["xanchor"] == "right"
    assert fig["layout"]["hoverlabel"]["align"] == "right"
    assert fig["layout"]["title"]["text"].startswith(RLI)
    assert all(t.get("hovertemplate", RLI).startswith((RLI, FSI)) for t in fig["data"])


def test_a_second_value_axis_moves_to_the_left_when_mirrored():
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=[1], y=[1])).update_layout(yaxis2=dict(overlaying="y", side="right"))
    mirrored(fig)
    assert fig.layout.yaxis.side == "right" and fig.layout.yaxis2.side == "left"


def test_the_codebook_speaks_the_chosen_language_on_the_charts(run_page):
    from loaders.codebook import load_codebook

    french = load_codebook().localized("fr")
    at = run_page("pages/themes.py", query={"uselang": "fr"})
    drawn = " ".join(str(label) for fig in figures(at) for trace in fig["data"] for label in (trace.get("y") or []))
    themes = french.codes[french.codes["kind"] == "theme"]
    assert any(label.split(",")[0] in drawn for label in themes["label"]), drawn[:300]
    assert "A truly global movement" not in drawn


def _document_language(at) -> dict:
    """What the page's <html> is told: the data of the sidebar's harvest.document_language component."""
    found = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            proto = getattr(child, "proto", None)
            if getattr(proto, "component_name", "") == "harvest.document_language":
                found.append(json.loads(proto.json))
            walk(child)

    walk(at.sidebar)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("fr", "ltr")])
def test_the_page_tells_the_browser_its_language_and_direction(run_page, language, direction):
    at = run_page("pages/codebook.py", query={"uselang": language})
    assert _document_language(at) == {"lang": language, "dir": direction}
    sheets = [m.value for m in at.markdown if "direction: rtl" in str(m.value)]
    assert bool(sheets) == (direction == "rtl")


def test_a_closed_sidebar_is_not_drawn_in_a_right_to_left_layout():
    """Streamlit closes the sidebar by sliding it left by its width: from the right edge, over the page."""
    closed = '[data-testid="stSidebar"][data-collapsed="true"] {display: none;}'
    assert closed in RTL
    assert 'html:not([dir="rtl"]) [data-testid="stAppViewContainer"] {flex-direction: row-reverse;}' in RTL
    assert "#js-plotly-tester" in RTL  # Plotly measures its texts left to right, as it draws them


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("عدد الملاحظات", f"{RLI}عدد الملاحظات{PDI}"),  # the interface's words
        ("يشارك Wikimedia Deutschland بـ 50", f"{RLI}يشارك Wikimedia Deutschland بـ 50{PDI}"),
        ("50 · 31%", f"{RLI}50 · 31%{PDI}"),  # numbers alone, in the reading order
        ("−1.4 points", f"{FSI}−1.4 points{PDI}"),  # English stays left to right
        ("%{y}", f"{FSI}%{{y}}{PDI}"),  # a value: its own first letter decides
        ("%{x} ملاحظة", f"{RLI}%{{x}} ملاحظة{PDI}"),
        ("سطر<br>Line", f"{RLI}سطر{PDI}<br>{FSI}Line{PDI}"),  # each line: Plotly draws lines apart
        ("%{y}<extra></extra>", f"{FSI}%{{y}}{PDI}<extra></extra>"),
        ("ملاحظة<extra>%{fullData.name}</extra>", f"{RLI}ملاحظة{PDI}<extra>{FSI}%{{fullData.name}}{PDI}</extra>"),
        ("", ""),
    ],
)
def test_each_line_of_a_chart_text_is_isolated_in_its_direction(text, expected):
    assert isolated(text) == expected
    assert isolated(expected) == expected  # once only


def test_a_mirrored_chart_isolates_what_it_draws_and_aligns_the_hover_right():
    fig = go.Figure(
        go.Bar(
            x=[50, 3],
            y=["مجتمعات", "Wikimedia Deutschland"],
            orientation="h",
            name="المشاركون",
            text=["50 · 31%", "3 · 2%"],
            hovertemplate="%{y}<br>%{x} ملاحظة<extra></extra>",
        )
    )
    fig.update_layout(xaxis_title="عدد الملاحظات", legend_title_text="المنطقة")
    fig.add_annotation(text="المرجع: UN WPP 2017")
    mirrored(fig)
    assert fig.layout.hoverlabel.align == "right"
    assert fig.data[0].hovertemplate == f"{FSI}%{{y}}{PDI}<br>{RLI}%{{x}} ملاحظة{PDI}<extra></extra>"
    assert fig.data[0].name == f"{RLI}المشاركون{PDI}"
    assert list(fig.data[0].text) == [f"{RLI}50 · 31%{PDI}", f"{RLI}3 · 2%{PDI}"]
    assert list(fig.data[0].y) == ["مجتمعات", "Wikimedia Deutschland"]  # the categories (data) stay as they are
    assert fig.layout.xaxis.title.text == f"{RLI}عدد الملاحظات{PDI}"
    assert fig.layout.legend.title.text == f"{RLI}المنطقة{PDI}"
    assert fig.layout.annotations[0].text == f"{RLI}المرجع: UN WPP 2017{PDI}"


def test_a_mirrored_chart_keeps_the_range_its_builder_chose_reversed():
    fig = go.Figure(go.Bar(x=[40], y=["a"], orientation="h")).update_xaxes(range=[0, 50])
    mirrored(fig)
    assert tuple(fig.layout.xaxis.range) == (50, 0) and fig.layout.xaxis.autorange is False
    free = mirrored(go.Figure(go.Bar(x=[40], y=["a"], orientation="h")))
    assert free.layout.xaxis.autorange == "reversed"


def test_titled_isolates_only_in_a_right_to_left_language_and_keeps_the_words_in_meta():
    messages.use("ar")
    try:
        fig = titled(go.Figure(go.Bar(x=[1], y=[1])), "ما المحاور؟", "share of 160 notes")
    finally:
        messages.use("en")
    assert fig.layout.title.text == f"{RLI}ما المحاور؟{PDI}"
    assert fig.layout.title.subtitle.text == f"{FSI}share of 160 notes{PDI}"
    assert fig.layout.meta == {"n_text": "share of 160 notes", "title": "ما المحاور؟"}
    english = titled(go.Figure(go.Bar(x=[1], y=[1])), "Which themes?", "n")
    assert english.layout.title.text == "Which themes?" and english.layout.hoverlabel.align is None


def test_a_mirrored_colour_bar_goes_to_the_left_of_the_plot():
    """Mirrored, the category labels are on the plot's right, where a colour bar would lie on them."""
    fig = go.Figure(go.Heatmap(z=[[1, 2]], y=["KE1"], coloraxis="coloraxis"))
    fig.update_layout(coloraxis_colorbar_title_text="الحصة")
    mirrored(fig)
    bar = fig.layout.coloraxis.colorbar
    assert (bar.x, bar.xanchor, bar.title.text) == (-0.02, "right", f"{RLI}الحصة{PDI}")
    placed = mirrored(go.Figure(go.Heatmap(z=[[1]], colorbar=dict(x=1.05, xanchor="left"))))
    assert (placed.data[0].colorbar.x, placed.data[0].colorbar.xanchor) == (-0.05, "right")


def test_a_note_written_from_an_edge_starts_from_the_other_edge_when_mirrored():
    fig = go.Figure(go.Bar(x=[1], y=["a"], orientation="h"))
    fig.add_annotation(x=0, xref="x", xanchor="left", y=1, yref="paper", text="المنطقة المظللة", showarrow=False)
    fig.add_annotation(x=0.25, xref="paper", xanchor="center", y=1, yref="paper", text="Panel", showarrow=False)
    mirrored(fig)
    edge, panel = fig.layout.annotations
    assert (edge.x, edge.xanchor, edge.align) == (0, "right", "right")
    assert (panel.x, panel.xanchor) == (0.25, "center")  # a panel's title stays above its panel


def test_a_long_subtitle_is_broken_between_its_clauses_and_the_plot_makes_room():
    from charts.style import SUBTITLE_LINE, subtitle_lines

    short = "share of 160 notes; a note may carry several"
    assert subtitle_lines(short) == [short]
    long = "part des 81 participants dont les langues sont connues (plusieurs chacun) et des 371 notes écrites ; " * 2
    lines = subtitle_lines(long.strip())
    assert len(lines) > 1 and all(len(line) <= SUBTITLE_LINE for line in lines)
    assert " ".join(lines) == long.strip()
    fig = titled(go.Figure(go.Bar(x=[1], y=[1])), "t", long.strip())
    assert fig.layout.title.subtitle.text.count("<br>") == len(lines) - 1
    assert fig.layout.margin.t > int(15 * 6.2)
    assert fig.layout.meta["n_text"] == long.strip()  # the CSV and wikitext keep it whole


def test_category_labels_in_the_interfaces_script_are_drawn_isolated_and_the_categories_kept():
    fig = go.Figure(go.Bar(x=[3, 2], y=["KE1 المعرفة", "KE2 المجتمعات"], orientation="h"))
    mirrored(fig)
    axis = fig.layout.yaxis
    assert axis.tickmode == "array" and list(axis.tickvals) == ["KE1 المعرفة", "KE2 المجتمعات"]
    assert list(axis.ticktext) == [f"{RLI}KE1 المعرفة{PDI}", f"{RLI}KE2 المجتمعات{PDI}"]  # the code on the right
    assert list(fig.data[0].y) == ["KE1 المعرفة", "KE2 المجتمعات"]  # what a click reports
    english = mirrored(go.Figure(go.Bar(x=[3], y=["Northern & Western Europe"], orientation="h")))
    assert english.layout.yaxis.tickmode is None  # left to Plotly
