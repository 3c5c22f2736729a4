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


# --- projector type and provenance drawn into the image -------------------------------------------------------------
STAMP = "Data: sample-wikicafe-2017-synthetic · 03e0136e · Filters: region: NWE · n: 42 participants · Codes counted: x"
YELLOW = (255, 212, 0)  # the SYNTHETIC DATA badge (charts.images.BADGE_COLOURS)


def svg_texts(svg: bytes) -> list[str]:
    """Every text the SVG draws, as a reader sees it (entities decoded; an element per text)."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(svg)
    return [" ".join("".join(e.itertext()).split()) for e in root.iter() if e.tag.endswith("}text")]


def slide_figure():
    from slides import build_slides
    from tests.helpers.views import view_at

    return build_slides(view_at(), ["direction"])[0][0].figure


def pixels(png: bytes):
    import io

    from PIL import Image

    return Image.open(io.BytesIO(png)).convert("RGB")


@needs_chromium
def test_a_slides_png_carries_its_stamp_and_the_synthetic_badge_at_projector_size():
    from charts.images import stamp_footer
    from charts.style import LIGHT

    fig = slide_figure()
    png = image_bytes(fig, "png", stamp=STAMP, synthetic=True)
    image = pixels(png)
    assert image.size == (1920, 1080)
    top = 1080 - stamp_footer(STAMP, True, LIGHT, 1920)[0] + 2  # the footer's band, under the chart
    band = image.crop((0, top, 1920, 1080))
    colours = band.getcolors(1920 * 1080)
    assert any(colour == YELLOW and n > 2000 for n, colour in colours), "no SYNTHETIC DATA badge in the PNG's footer"
    right_of_badge = image.crop((400, top, 1920, 1080)).convert("L")
    assert right_of_badge.getextrema()[0] < 80, "no dark text (the stamp) in the PNG's footer"
    plain = pixels(image_bytes(fig, "png", stamp=STAMP, synthetic=False)).crop((0, top, 1920, 1080))
    assert all(colour != YELLOW for _, colour in plain.getcolors(1920 * 1080)), "a badge on data that is not synthetic"

    svg = image_bytes(fig, "svg", stamp=STAMP, synthetic=True)
    texts = svg_texts(svg)
    assert "SYNTHETIC DATA" in texts
    words = " ".join(t for t in texts if t != "SYNTHETIC DATA")
    for part in STAMP.split(" · "):
        assert part in words, f"{part!r} is not drawn in the SVG"
    assert 'width="1920"' in svg.decode() and 'height="1080"' in svg.decode()


@needs_chromium
def test_a_screen_chart_is_exported_at_the_projectors_type():
    """A chart from a page (the 15 px screen template) comes out with the slides' 26 px type, not the web's."""
    import re

    svg = image_bytes(figure(), "svg", stamp=STAMP).decode("utf-8")
    sizes = {float(s) for s in re.findall(r"font-size:\s*([\d.]+)px", svg)}
    assert min(sizes) >= 24, sorted(sizes)  # ticks 26, title 37; the footer 24
    assert "People per region" in svg


@needs_chromium
def test_the_stamp_is_text_in_the_image_never_markup():
    hostile = "Data: <script>alert(1)</script><tspan fill='red'>x</tspan> & co · n: 3"
    svg = image_bytes(figure(), "svg", stamp=hostile, synthetic=False)
    assert b"<script" not in svg and b"<tspan fill='red'" not in svg
    assert any("<script>alert(1)</script><tspan fill='red'>x</tspan> & co" in t for t in svg_texts(svg))


def test_stamp_says_the_export_its_fingerprint_filters_n_and_codes_and_never_a_path():
    from analysis.filters import Filters
    from tests.helpers.views import SAMPLE, view_at
    from ui.show import stamp

    view = view_at(filters=Filters(region=("NWE",)))
    line = stamp(view, "81 participants")
    assert line == (
        f"Data: sample-wikicafe-2017-synthetic · {view.fingerprint[:8]} · Filters: region: NWE · n: 81 participants · "
        "Codes counted: facilitators' codes"
    )
    assert len(view.fingerprint) > 8 and view.fingerprint not in line
    assert str(SAMPLE.parent) not in line
