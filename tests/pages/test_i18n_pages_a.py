"""Overview, Participation, Equity gaps and Data and problems in French, Spanish and Arabic (AppTest through the real
router): each page runs, its title and headings are the translations in its message files, and in French no English
text of the page's own messages is left on screen, in its text, its widgets or its charts."""

from __future__ import annotations

import json
import re

import pytest

from analysis import messages
from analysis.escape import unmarkdown
from tests.helpers.apptest import figures

I18N = messages.ROOT
#: Each page: its message folder, the message of its title (in the folder, or the frame's i18n/) and its headings.
PAGES = {
    "pages/overview.py": (
        "overview",
        "harvest-overview-title",
        ("harvest-overview-shows-heading", "harvest-overview-loaded-heading"),
    ),
    "pages/participation.py": (
        "participation",
        "harvest-page-participation",
        (
            "harvest-participation-room-heading",
            "harvest-participation-world-heading",
            "harvest-participation-countries-heading",
            "harvest-participation-sensitive-heading",
        ),
    ),
    "pages/equity_gaps.py": (
        "equity",
        "harvest-page-equity",
        ("harvest-equity-coverage-heading", "harvest-equity-who-heading", "harvest-equity-representation-heading"),
    ),
    "pages/data.py": ("data", "harvest-page-data", ("harvest-data-open-heading", "harvest-data-import-heading")),
}
#: English fragments shorter than this are words a translation may share ("Notes", "Harvest", "Export: ").
LONGEST_SHARED = 12


def catalogue(folder: str, language: str) -> dict[str, str]:
    """The messages of i18n/<folder>/<language>.json and of the frame's i18n/<language>.json."""
    found = {}
    for path in (I18N / f"{language}.json", I18N / folder / f"{language}.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        found.update({k: v for k, v in data.items() if not k.startswith("@")})
    return found


def fragments(text: str) -> list[str]:
    """The literal English of a message: its PLURALs and parameters taken out, what is left between them."""
    text = re.sub(r"\{\{PLURAL:[^{}]*\}\}", "\x00", text)
    return [part.strip() for part in re.split(r"\$\d+|\x00", text) if len(part.strip()) > LONGEST_SHARED]


#: Text elements the pages write themselves. Captions are left out: there ``ui.show_chart`` puts the sentences
#: computed in analysis/, which are another part of the interface's (with their own messages).
OWN_KINDS = ("title", "header", "subheader", "markdown", "info", "warning", "error", "success", "text")


def own_text(at) -> str:
    """What the page itself writes: its text elements, widget labels and options in the page (not the sidebar's
    filters, not the definitions and data behind the charts, in expanders), and each chart's drawn strings but its
    subtitle (the denominator analysis/ states)."""
    inside = {str(e.value) for box in at.main.expander for kind in OWN_KINDS for e in box.get(kind)}
    parts = [unmarkdown(str(e.value)) for kind in OWN_KINDS for e in at.main.get(kind) if str(e.value) not in inside]
    for kind in ("button", "select_slider", "segmented_control", "radio", "selectbox", "multiselect"):
        for widget in at.main.get(kind):
            parts.append(unmarkdown(str(widget.label)))
            parts += [unmarkdown(str(o)) for o in getattr(widget, "options", [])]
    parts += [unmarkdown(e.proto.label) for e in at.main.get("file_uploader")]
    for fig in figures(at):
        fig["layout"].get("title", {}).pop("subtitle", None)
        fig["layout"].pop("meta", None)  # Harvest's own note of the title and n, never drawn
        parts.append(json.dumps(fig, ensure_ascii=False))
    return "\n".join(parts)


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
@pytest.mark.parametrize("page", list(PAGES))
def test_the_page_speaks_the_language(run_page, page, language):
    folder, title, headings = PAGES[page]
    at = run_page(page, query={"uselang": language})
    said = catalogue(folder, language)
    english = catalogue(folder, "en")
    assert unmarkdown(at.title[0].value) == said[title]
    shown = [unmarkdown(h.value) for h in [*at.header, *at.subheader]]
    for key in headings:
        assert said[key] != english[key] or key.endswith("-title")
        assert said[key] in shown, (key, shown)


@pytest.mark.parametrize("page", list(PAGES))
def test_no_english_of_the_pages_own_messages_is_left_in_french(run_page, page):
    folder = PAGES[page][0]
    at = run_page(page, query={"uselang": "fr"})
    page_text = own_text(at)
    english = catalogue(folder, "en")
    french = json.loads((I18N / folder / "fr.json").read_text(encoding="utf-8"))
    left = {
        key: part
        for key in french
        if not key.startswith("@")
        for part in fragments(english[key])
        if part not in french[key] and part in page_text
    }
    assert not left, left
    # and the page did speak French: the translation of its first paragraph or heading is there
    assert any(fragment in page_text for key in PAGES[page][2] for fragment in fragments(french[key]) or [french[key]])
