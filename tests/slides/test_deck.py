"""The take-away deck: every chosen slide, Plotly inlined, nothing that reaches outside the file, text escaped."""

from html.parser import HTMLParser

import pytest

import charts.style  # noqa: F401
from slides import SLIDES, build_deck, build_slides, parse_slide_ids
from tests.helpers.views import view_at


class Parts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sections, self.urls, self.scripts, self.h1 = [], [], [], []
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.sections.append(attrs.get("data-slide"))
        for name in ("src", "href", "action", "poster", "data"):
            if attrs.get(name):
                self.urls.append((tag, attrs[name]))
        if tag == "h1":
            self._in_h1 = True
            self.h1.append("")

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1[-1] += data


@pytest.fixture(scope="module")
def context():
    return view_at()


def test_the_deck_holds_every_chosen_slide_in_order_with_its_computed_headline(context):
    ids = ["themes", "room", "needs"]
    slides, skipped = build_slides(context, ids)
    assert skipped == []
    parts = Parts()
    parts.feed(build_deck(slides, title="Deck", footer="Filters: none"))
    assert parts.sections == ids
    assert parts.h1 == [s.headline for s in slides]


def test_plotly_is_inlined_and_nothing_points_outside_the_file(context):
    html = build_deck(build_slides(context, list(SLIDES))[0], title="Deck", footer="f")
    parts = Parts()
    parts.feed(html)
    assert parts.urls == []  # no src/href anywhere: no script, stylesheet, image or link to fetch
    assert "Plotly.react(" in html and "plotly.js v" in html.lower()  # the library itself is in the file
    assert "default-src 'none'" in html  # and the browser is told to fetch nothing


def test_text_from_the_data_is_escaped_in_the_deck(context):
    slide = build_slides(context, ["numbers"])[0][0]
    hostile = type(slide)(
        slide.id,
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        slide.figure,
        slide.data,
        "</script><script>alert(2)</script>",
        ("<b>caveat</b>",),
    )
    html = build_deck([hostile], title="<b>t</b>", footer="</footer><script>alert(3)</script>")
    assert "<img src=x" not in html and "<script>alert" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_slide_ids_from_a_link_keep_the_presenters_order_and_drop_unknown_ones():
    assert parse_slide_ids(["needs,room", "bogus"]) == (["needs", "room"], ["bogus"])
    assert parse_slide_ids(None) == (list(SLIDES), [])
    assert parse_slide_ids("bogus") == (list(SLIDES), ["bogus"])


class Footers(HTMLParser):
    """Per slide: its stamp line, its about line and whether it carries the SYNTHETIC DATA badge."""

    def __init__(self):
        super().__init__()
        self.slides, self._in = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.slides.append({"about": "", "stamp": "", "badge": ""})
        elif tag == "p" and attrs.get("class") in ("about", "stamp", "badge") and self.slides:
            self._in = attrs["class"]

    def handle_endtag(self, tag):
        if tag == "p":
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.slides[-1][self._in] += data


def test_every_slide_says_where_its_numbers_come_from_and_that_the_data_is_synthetic(context):
    from tests.helpers.views import SAMPLE
    from ui.show import stamp

    slides, _ = build_slides(context, list(SLIDES))
    html = build_deck(slides, title="Deck", dark=True, stamp=lambda n: stamp(context, n), synthetic=True)
    parts = Footers()
    parts.feed(html)
    assert len(parts.slides) == len(slides)
    for slide, seen in zip(slides, parts.slides, strict=True):
        assert seen["stamp"] == stamp(context, slide.n_text), slide.id
        assert f"n: {slide.n_text}" in seen["stamp"] and context.fingerprint[:8] in seen["stamp"]
        assert seen["badge"] == "SYNTHETIC DATA", slide.id
        assert "Synthetic sample data" not in seen["about"]  # the badge says it, larger
        assert seen["about"].startswith(slide.title)
    assert str(SAMPLE.parent) not in html and context.fingerprint not in html.replace(context.fingerprint[:8], "")


def test_real_data_has_no_badge_and_an_old_call_still_builds_a_deck(context):
    slides, _ = build_slides(context, ["themes"])
    parts = Footers()
    parts.feed(build_deck(slides, title="Deck", footer="Filters: none"))  # the keywords callers used before
    assert parts.slides[0]["badge"] == "" and parts.slides[0]["stamp"] == "Filters: none"
    assert f"n: {slides[0].n_text}" in parts.slides[0]["about"]  # without a stamp the n stays in the footer


def test_a_stamp_and_a_footer_from_the_data_are_text_in_the_deck(context):
    slides, _ = build_slides(context, ["themes"])
    html = build_deck(
        slides, title="t", footer="<b>f</b>", stamp=lambda n: "<script>alert(4)</script>" + n, synthetic=True
    )
    assert "<script>alert(4)" not in html and "&lt;script&gt;alert(4)&lt;/script&gt;" in html
    assert "<b>f</b>" not in html


def test_the_deck_offers_the_presenters_keys():
    """Next, previous, first, last, a black screen and full screen: the keys a clicker or a presenter uses."""
    html = build_deck([], title="t")
    for key in ("'ArrowRight'", "'PageDown'", "' '", "'ArrowLeft'", "'PageUp'", "'Home'", "'End'", "'b'", "'f'"):
        assert key in html, key
    assert "requestFullscreen" in html and 'id="blank"' in html
