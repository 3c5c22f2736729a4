"""The interface's language through the real app (AppTest): ?uselang= wins and stays in the link, an unknown language
is said and ignored, the navigation and sidebar speak it, and a right-to-left language mirrors layout and charts."""

from __future__ import annotations

from analysis import messages
from analysis.escape import unmarkdown
from charts.style import mirrored
from tests.helpers.apptest import figures, param, texts


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
    assert fig["layout"]["xaxis"]["autorange"] == "reversed"
    assert fig["layout"]["yaxis"]["side"] == "right"
    assert fig["layout"]["title"]["xanchor"] == "right"


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
