"""The Present page and the chart chrome every page shares, in French, Spanish and Arabic (i18n/present/, i18n/show/):
the page's labels are the translations, no English sentence of ours is left on it in French, and the offline deck
built in Arabic says so to the browser (lang="ar", dir="rtl")."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from analysis import messages
from analysis.escape import unmarkdown
from analysis.messages import msg
from slides import SLIDES, build_deck, build_slides
from tests.helpers.apptest import texts
from tests.helpers.views import view_at

I18N = Path(messages.ROOT)
OURS = ("present", "show")
LABELLED = ("button", "toggle", "expander", "multiselect", "selectbox", "text_input", "radio", "download_button")


def english(folder: str) -> dict[str, str]:
    data = json.loads((I18N / folder / "en.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("@")}


def fragments(text: str) -> list[str]:
    """The words of a message that reach the page whatever its parameters: the text between parameters and PLURALs."""
    text = re.sub(r"\{\{PLURAL:\s*\$\d+\s*\|([^|{}]*)(?:\|[^{}]*)?\}\}", r"\1", text)
    return [part.strip(" :;.") for part in re.split(r"\$\d+", text)]


def everything(at) -> str:
    """What the page says: its texts, and every widget's label and help (download buttons' too)."""
    parts = [texts(at)]
    for kind in LABELLED:
        for element in at.get(kind):
            label = getattr(element, "label", None) or getattr(getattr(element, "proto", None), "label", "")
            parts.append(unmarkdown(str(label or "")))
            parts.append(str(getattr(element, "help", "") or getattr(getattr(element, "proto", None), "help", "")))
    return "\n".join(parts)


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    messages.use("en")


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_the_present_page_speaks_the_language(run_page, language):
    at = run_page("pages/present.py", query={"uselang": language})
    said = everything(at)
    assert msg("harvest-present-counter", 1, len(SLIDES), language=language) in said
    assert unmarkdown(at.button(key="present_next").label) == msg("harvest-present-next", language=language)
    assert unmarkdown(at.button(key="present_prev").label) == msg("harvest-present-previous", language=language)
    assert unmarkdown(at.toggle(key="present_dark").label) == msg("harvest-present-dark", language=language)
    assert msg("harvest-present-downloads", language=language) in [unmarkdown(e.label) for e in at.expander]
    (order,) = [m for m in at.multiselect if m.key == "present_slides"]
    assert unmarkdown(order.label) == msg("harvest-present-order", language=language)
    assert msg("harvest-present-synthetic-footer", language=language) in said  # the sample says so, translated
    stamp_start = msg("harvest-show-stamp", "", "", "", "", "", language=language).split(":")[0]
    assert any(unmarkdown(c.value).startswith(stamp_start) for c in at.caption)


def english_left(said: str) -> list[str]:
    """Our English words (longer than 12 characters) found in ``said`` that the French message does not share."""
    return sorted(
        fragment
        for folder in OURS
        for key, text in english(folder).items()
        for fragment in fragments(text)
        if len(fragment) > 12 and fragment in said and fragment not in msg(key, language="fr")
    )


def test_no_english_sentence_of_ours_is_left_on_the_page_in_french(run_page):
    assert english_left(everything(run_page("pages/present.py", query={"uselang": "en"})))  # the check sees English
    assert english_left(everything(run_page("pages/present.py", query={"uselang": "fr"}))) == []


def test_the_presenter_console_speaks_the_language(run_page):
    at = run_page("pages/present.py", query={"uselang": "ar", "console": "k" * 22})
    assert msg("harvest-present-console-heading", language="ar") in [unmarkdown(s.value) for s in at.subheader]
    said = everything(at)
    assert msg("harvest-present-now", language="ar") in said
    assert msg("harvest-definitions", language="ar") in said


def test_a_link_naming_an_unknown_slide_is_said_in_the_language(run_page):
    at = run_page("pages/present.py", query={"uselang": "es", "slides": "room,nonsense"})
    slide = msg("harvest-present-ignored-slide", "nonsense", language="es")
    expected = msg("harvest-show-notice-ignored", slide, language="es")
    assert expected in [unmarkdown(w.value) for w in at.warning]


def test_the_deck_built_in_arabic_is_marked_arabic_and_right_to_left():
    view = view_at()
    messages.use("ar")
    slides, _ = build_slides(view, ["numbers", "themes"])
    deck = build_deck(slides, title=msg("harvest-present-deck-title"), synthetic=True)
    assert '<html lang="ar" dir="rtl">' in deck
    assert f'aria-label="{msg("harvest-present-deck-next")}"' in deck
    assert slides[1].title == msg("harvest-present-slide-themes", language="ar")
    messages.use("en")
    english_deck = build_deck(build_slides(view, ["numbers"])[0], title="Deck")
    assert '<html lang="en">' in english_deck and 'dir="rtl"' not in english_deck
