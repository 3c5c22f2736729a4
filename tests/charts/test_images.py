"""PNG and SVG at projector resolution, rendered with the system's Chromium (skipped with the reason where none)."""

import struct

import plotly.graph_objects as go
import pytest

from charts.images import HEIGHT, WIDTH, chromium, image_bytes
from charts.style import titled

needs_chromium = pytest.mark.skipif(
    chromium() is None, reason="image export needs Debian's chromium (sudo apt-get install chromium); CI installs it"
)


def figure() -> go.Figure:
    return titled(go.Figure(go.Bar(x=["NWE", "SSA"], y=[33, 9])), "People per region", "share of 42 participants")


@needs_chromium
def test_png_is_projector_sized():
    data = image_bytes(figure(), "png")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (WIDTH, HEIGHT) == (1920, 1080)


@needs_chromium
def test_svg_carries_the_title_and_size():
    svg = image_bytes(figure(), "svg").decode("utf-8")
    assert svg.lstrip().startswith("<svg") and 'width="1920"' in svg
    assert "People per region" in svg


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError):
        image_bytes(figure(), "gif")


@needs_chromium
def test_the_server_side_renderer_fetches_nothing_a_figure_names():
    """A figure built around the sanitiser (raw Plotly, as a future builder might) with a CSS url() and an image in its
    labels: rendering it to PNG and SVG on the server makes no request (kaleido's page forbids every fetch)."""
    from tests.helpers.canary import canary

    with canary() as bird:
        label = (
            f'<span style="background:url({bird.url("css")})">x</span>'
            f'<img src="{bird.url("img")}"><a href="{bird.url("a")}">y</a>'
        )
        fig = go.Figure(go.Bar(x=[label, "b"], y=[1, 2]))
        fig.update_layout(
            title=dict(text=label), images=[dict(source=bird.url("layout-image"), x=0, y=1, sizex=1, sizey=1)]
        )
        image_bytes(fig, "png")
        image_bytes(fig, "svg")
        assert bird.requests == []


@needs_chromium
def test_a_label_with_a_control_character_still_exports_and_shows_it():
    """U+001F in a community name made plotly.js fail inside the PNG renderer (SVG cannot hold it): labels show it as
    its control picture, and the image is made."""
    from charts.text import label

    fig = titled(go.Figure(go.Bar(y=[label("unit\x1fseparator")], x=[1], orientation="h")), "t", "n")
    assert fig.data[0].y[0] == "unit\u241fseparator"
    assert image_bytes(fig, "png")[:4] == b"\x89PNG"
    raw = titled(go.Figure(go.Bar(y=["raw\x1f"], x=[1], orientation="h")), "t", "n")  # a builder that forgot
    assert raw.data[0].y[0] == "raw\u241f"
