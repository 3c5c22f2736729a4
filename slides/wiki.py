"""The slides for Meta-Wiki: one wikitext page with every finding (its sentence, n, test, caveats and the table behind
its chart as a sortable wikitable), and for each chart an SVG with a Commons-ready file description page, in a zip.

Text from the data is escaped for wikitext (analysis/wikitext.py): no note can add a template, a link or a category.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping

from analysis import wikitext
from analysis.messages import msg
from charts.images import ImageExportUnavailable, image_bytes

from .registry import Slide

#: Where the definitions behind each slide are written (the project's docs), named on the page (a message).
DEFINITIONS = "harvest-present-wiki-definitions"


def details(slide: Slide) -> dict[str, object]:
    """What a section says under a finding's sentence: its n, test and caveats."""
    said = dict(slide.finding.provenance()) if slide.finding is not None else {"n": slide.n_text}
    said.pop("finding", None)
    return said | {"definitions": msg(DEFINITIONS)}


def findings_page(slides: list[Slide], provenance: Mapping[str, object], *, title: str, synthetic: bool) -> str:
    """Every slide's finding as one wikitext page."""
    sections = [wikitext.section(s.title, s.headline, s.data, details(s)) for s in slides]
    return wikitext.page(title, provenance, sections, synthetic=synthetic)


def wiki_bundle(
    slides: list[Slide],
    provenance: Mapping[str, object],
    *,
    title: str,
    synthetic: bool,
    stamp: Callable[[str], str],
    licence: str,
    date: str,
    author: str | None = None,
) -> bytes:
    """A zip: findings.wiki, and per slide its chart as SVG (with ``stamp`` and, on synthetic data, the badge) beside
    ``harvest-<id>.svg.wiki``, its file description page for Commons. Without Chromium the SVGs are left out and
    README.txt says so."""
    author = msg("harvest-present-wiki-author") if author is None else author
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("findings.wiki", findings_page(slides, provenance, title=title, synthetic=synthetic))
        missing = None
        for slide in slides:
            try:
                svg = image_bytes(slide.figure, "svg", stamp=stamp(slide.n_text), synthetic=synthetic)
            except ImageExportUnavailable as error:
                missing = str(error)
                break
            bundle.writestr(f"harvest-{slide.id}.svg", svg)
            bundle.writestr(
                f"harvest-{slide.id}.svg.wiki",
                wikitext.file_description(
                    description=msg(
                        "harvest-present-wiki-description", slide.title, slide.headline, stamp(slide.n_text)
                    ),
                    source=msg("harvest-present-wiki-source"),
                    date=date,
                    author=author,
                    licence=licence,
                    synthetic=synthetic,
                ),
            )
        bundle.writestr(
            "README.txt",
            msg("harvest-present-wiki-readme")
            + "\n"
            + (msg("harvest-present-wiki-missing", missing) + "\n" if missing else ""),
        )
    return out.getvalue()
