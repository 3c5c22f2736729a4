"""Findings as wikitext: a note can never add a template, link, category, table cell or heading, and the tables are
sortable wikitables with their n. Checked with a real wikitext parser (mwparserfromhell) where it can tell."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import wikitext

HOSTILE = [
    "{{Delete}} [[Category:Spam]] [https://evil.example x]",
    "'''bold''' ''italic'' <script>alert(1)</script> <ref>x</ref>",
    "| cell || another !! header",
    "== Heading ==",
    "* list\n# numbered\n: indent\n; term",
    " preformatted",
    "~~~~ __NOTOC__ ISBN 0123456789 RFC 1234 https://x.example",
    "{| class=wikitable\n|-\n| x\n|}",
    "----",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_note_reads_as_itself_and_opens_no_markup(text):
    import mwparserfromhell as mw

    escaped = wikitext.escape(text)
    parsed = mw.parse(escaped)
    assert not parsed.filter_templates() and not parsed.filter_wikilinks()
    assert not parsed.filter_external_links() and not parsed.filter_tags() and not parsed.filter_headings()
    assert "\n" not in escaped
    assert not escaped.startswith(("*", "#", ":", ";", " ", "!", "-"))
    assert html_unescape(escaped) == " ".join(text.splitlines())  # a reader sees the note itself


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


@given(st.text())
def test_any_text_escapes_to_one_line_without_markup_characters(text):
    escaped = wikitext.escape(text)
    assert not set(escaped) & set("{}[]|<>'=\"\n\r")
    assert html_unescape(escaped) == " ".join(text.splitlines())


def test_a_wikitable_is_sortable_with_escaped_headers_and_cells():
    frame = pd.DataFrame({"group|x": ["[[Link]]", "plain"], "share": [0.25, float("nan")], "differs": [True, False]})
    table = wikitext.wikitable(frame, "Caption {{x}}")
    assert table.splitlines()[0] == '{| class="wikitable sortable"'
    assert table.splitlines()[1] == "|+ Caption &#123;&#123;x&#125;&#125;"
    assert "! group&#124;x !! share !! differs" in table
    assert "| &#91;&#91;Link&#93;&#93; || 0.25 || yes" in table
    assert "| plain ||  || no" in table
    assert table.endswith("|}")


def test_a_long_table_is_cut_and_says_so():
    table = wikitext.wikitable(pd.DataFrame({"n": range(12)}), "Notes", max_rows=10)
    assert "|+ Notes (the first 10 rows of 12)" in table
    assert table.count("|-") == 10


def test_a_file_description_page_for_commons():
    page = wikitext.file_description(
        description="Themes [[raised]]",
        source="Harvest, export x",
        date="2017-11-04",
        author="WikiCafé participants",
        licence="cc-by-sa-4.0",
        synthetic=True,
    )
    assert "{{Information\n|description={{en|1=Themes &#91;&#91;raised&#93;&#93; SYNTHETIC DATA" in page
    assert page.rstrip().endswith("{{cc-by-sa-4.0}}")
    with pytest.raises(ValueError, match="licence must be one of"):
        wikitext.file_description(
            description="x", source="x", date="x", author="x", licence="{{evil}}", synthetic=False
        )


def test_the_page_and_the_file_description_speak_the_language_in_force():
    from analysis import messages

    messages.use("ar")
    try:
        page = wikitext.page("عنوان", {"export": "x"}, [], synthetic=True)
        description = wikitext.file_description(
            description="d", source="s", date="2026-11-30", author="a", licence="cc-zero", synthetic=False
        )
    finally:
        messages.use("en")
    assert messages.msg("harvest-wiki-synthetic", language="ar").split(":")[0] in page
    assert messages.msg("harvest-wiki-made-with", "", language="ar").split(":")[0] in page
    assert "|description={{ar|1=d}}" in description
