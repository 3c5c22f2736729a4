"""The Themes, Roles and resources and Codebook pages in French, Spanish and Arabic (?uselang=): each runs, its title
and headings are the translations in its message files (i18n/themes/, i18n/roles/, i18n/codebook/), and in French
no English sentence of those files is left on the page, in its text, its controls or its charts."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from analysis.escape import unmarkdown
from tests.helpers.apptest import MARKDOWN_KINDS, figures
from tests.helpers.i18n import fragments, messages_in, own_english, strings

ROOT = Path(__file__).resolve().parents[2]
#: The definitions at a page's foot are the project's English documents (docs/analysis/*.md), not its messages.
DOCS = {textwrap.dedent(path.read_text(encoding="utf-8")).strip() for path in (ROOT / "docs").rglob("*.md")}

I18N = ROOT / "i18n"
FOLDERS = ("themes", "roles", "codebook")
#: page -> (its title's key, the keys of headings every run of it on the sample shows)
PAGES = {
    "pages/themes.py": (
        "harvest-page-themes",
        ["harvest-themes-moved-heading", "harvest-themes-who-heading", "harvest-themes-together-heading"],
    ),
    "pages/roles_resources.py": (
        "harvest-page-roles",
        ["harvest-roles-need-heading", "harvest-roles-responsible-heading", "harvest-roles-behind-heading"],
    ),
    "pages/codebook.py": (
        "harvest-page-codebook",
        [
            "harvest-codebook-review-heading",
            "harvest-codebook-agreement-heading",
            "harvest-codebook-codes-heading",
            "harvest-codebook-misses-heading",
            "harvest-codebook-file-heading",
        ],
    ),
}
#: English words shorter than this may well be the same in French ("Question", "Code"): not checked.
LONGEST_SHARED = 12


def everything_shown(at) -> str:
    """The page's text, its controls' labels, options and placeholders, and every string of its charts."""
    parts = [
        unmarkdown(str(e.value)) if kind in MARKDOWN_KINDS else str(e.value)
        for kind in (*MARKDOWN_KINDS, "text")
        for e in at.get(kind)
        if str(e.value).strip() not in DOCS
    ]
    parts += [f"{unmarkdown(m.label)} {m.value}" for m in at.metric]
    for kind in ("radio", "selectbox", "multiselect", "button", "text_input", "download_button", "file_uploader"):
        for widget in at.get(kind):
            parts.append(unmarkdown(str(getattr(widget, "label", "") or "")))
            parts.append(str(getattr(widget, "placeholder", "") or ""))
            options = getattr(widget, "options", None) or []
            parts += [unmarkdown(str(o)) for o in options]
            proto = getattr(widget, "proto", None)
            if proto is not None and hasattr(proto, "label"):
                parts.append(unmarkdown(proto.label))
    for fig in figures(at):
        parts += strings(fig.get("layout", {})) + strings(fig.get("data", []))
    return "\n".join(parts)


def headings(at) -> list[str]:
    return [unmarkdown(str(e.value)) for kind in ("title", "subheader") for e in at.get(kind)]


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
@pytest.mark.parametrize("page", list(PAGES))
def test_the_page_speaks_the_language(run_page, page, language):
    at = run_page(page, query={"uselang": language})  # open_page asserts that no exception was raised
    said = messages_in(language, FOLDERS)
    title, heading_keys = PAGES[page]
    assert [unmarkdown(t.value) for t in at.title] == [said[title]]
    shown = headings(at)
    for key in heading_keys:
        assert said[key] in shown, (key, said[key], shown)
        assert said[key] != messages_in("en", FOLDERS)[key]


@pytest.mark.parametrize("page", list(PAGES))
def test_no_english_sentence_of_these_pages_is_left_in_french(run_page, page):
    at = run_page(page, query={"uselang": "fr"})
    shown = everything_shown(at)
    french = messages_in("fr", FOLDERS)
    left = []
    for key, text in own_english(FOLDERS).items():
        for part in fragments(text):
            if len(part) <= LONGEST_SHARED or part in french[key]:  # a file name or a command stays as it is
                continue
            if part in shown:
                left.append((key, part))
    assert not left, left


def test_the_review_keeps_its_keys_and_translates_their_labels(run_page):
    at = run_page("pages/codebook.py", query={"uselang": "fr"})
    said = messages_in("fr", FOLDERS)
    buttons = {unmarkdown(b.label): b for b in at.button}
    for name, key in (("accept", "A"), ("reject", "X"), ("skip", "S")):
        button = buttons[said[f"harvest-codebook-{name}"]]
        assert button.proto.shortcut.upper() == key
    captions = [unmarkdown(c.value) for c in at.caption]
    assert any(c.startswith("Touches\u00a0: A accepter · X rejeter · S passer") for c in captions), captions
