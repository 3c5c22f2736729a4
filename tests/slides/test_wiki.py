"""The slides for Meta-Wiki: one wikitext page with every finding and its table, and per chart an SVG with a Commons
description page; a hostile label stays text. Parsed back with mwparserfromhell, as MediaWiki reads wikitext."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

import mwparserfromhell as mw
import pytest

import charts.style  # noqa: F401
from analysis.filters import Filters
from charts.images import chromium
from slides import build_slides
from slides.wiki import findings_page, wiki_bundle
from tests.helpers.views import view_at


@pytest.fixture(scope="module")
def made():
    view = view_at()
    slides, _ = build_slides(view, ["themes", "direction", "cafe"], "harvest_projector")
    return view, slides


def test_the_findings_page_has_a_section_and_a_sortable_table_per_slide(made):
    view, slides = made
    page = findings_page(slides, {"harvest export": view.source}, title="Findings", synthetic=True)
    parsed = mw.parse(page)
    headings = [str(h.title).strip() for h in parsed.filter_headings()]
    assert headings == ["Findings"] + [s.title for s in slides]
    assert page.count('{| class="wikitable sortable"') == len(slides)
    assert "'''SYNTHETIC DATA" in page
    for slide in slides:
        assert mw.parse(page).filter_text  # parses
        assert f"* '''n''': {slide.n_text.split(';')[0]}" in page.replace("&#59;", ";")
    assert not parsed.filter_templates() and not parsed.filter_wikilinks()


@pytest.mark.skipif(chromium() is None, reason="Chromium is needed to draw the SVGs")
def test_the_bundle_holds_an_svg_and_a_commons_description_per_chart(made):
    view, slides = made
    data = wiki_bundle(
        slides[:1],
        {"harvest export": view.source},
        title="Findings",
        synthetic=True,
        stamp=lambda n: f"Data: sample · n: {n}",
        licence="cc-by-4.0",
        date="2026-11-30",
    )
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names == ["findings.wiki", "harvest-themes.svg", "harvest-themes.svg.wiki", "README.txt"]
    bundle = zipfile.ZipFile(io.BytesIO(data))
    assert ElementTree.fromstring(bundle.read("harvest-themes.svg")).tag.endswith("svg")
    description = mw.parse(bundle.read("harvest-themes.svg.wiki").decode("utf-8"))
    templates = {str(t.name).strip(): t for t in description.filter_templates()}
    assert {"int:filedesc", "Information", "int:license-header", "cc-by-4.0"} <= set(templates)
    info = templates["Information"]
    assert str(info.get("date").value).strip() == "2026-11-30"


def test_a_hostile_label_is_text_on_the_wiki_page(tmp_path):
    from tests.helpers.exports import write_export

    people = [
        {"participant_id": f"p{i}", "region": "NWE", "community": "[[Category:Spam]] {{Delete}}"} for i in range(6)
    ]
    notes = [{"participant_id": f"p{i % 6}", "round": 1, "themes": ["augmented_age"]} for i in range(12)]
    view = view_at(write_export(tmp_path, notes, people), Filters(), k=1)
    slides, _ = build_slides(view, ["numbers", "room", "voice", "themes"], "harvest_projector")
    page = findings_page(slides, {"harvest export": "{{evil}}"}, title="Findings", synthetic=False)
    parsed = mw.parse(page)
    assert not parsed.filter_templates() and not parsed.filter_wikilinks()
