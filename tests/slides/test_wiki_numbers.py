"""What Meta-Wiki gets is what the CSV download says: every slide's wikitable, parsed back with a MediaWiki parser
(mwparserfromhell), holds the same rows, columns and numbers as the slide's CSV, in every language; and a note's
hostile text in a table cell stays inert."""

from __future__ import annotations

import html
import math

import mwparserfromhell as mw
import pytest

from analysis import messages
from analysis.downloads import read_csv, to_csv
from slides import build_slides
from slides.registry import SLIDES
from slides.wiki import findings_page
from tests.helpers.views import view_at


def wikitables(page: str) -> list[list[list[str]]]:
    """Each wikitable of a page as rows of cell texts as a reader sees them (the header row first). mwparserfromhell
    reads the header cells before the first ``|-`` as the table's own cells, and its caption ``|+`` as one too."""

    def text(cell) -> str:
        return html.unescape(str(cell.contents).strip())

    tables = []
    for tag in mw.parse(page).filter_tags(matches=lambda node: node.tag == "table", recursive=True):
        nodes = [n for n in tag.contents.nodes if getattr(n, "tag", None) in ("th", "tr")]
        header = [text(n) for n in nodes if n.tag == "th"]
        rows = [
            [text(c) for c in n.contents.nodes if getattr(c, "tag", None) in ("th", "td")]
            for n in nodes
            if n.tag == "tr"
        ]
        tables.append([header, *rows])
    return tables


def same_number(wiki: str, csv: str) -> bool:
    """The wiki's cell says the CSV's number as documented in analysis/wikitext.py: whole numbers exactly, numbers of
    1 or more to two decimals, smaller ones to four significant digits."""
    value, shown = float(csv), float(wiki)
    if value.is_integer():
        return shown == value
    if abs(value) >= 1:
        return abs(shown - value) <= 0.005 + 1e-12
    return math.isclose(shown, value, rel_tol=5e-4, abs_tol=1e-300)


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip().lower() not in ("nan", "inf", "-inf", "infinity")


@pytest.fixture(scope="module")
def view():
    return view_at()


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_every_slide_table_on_the_wiki_holds_the_csv_numbers(view, language):
    messages.use(language)
    try:
        slides, _ = build_slides(view, list(SLIDES), "harvest_projector")
        page = findings_page(slides, {"harvest export": view.source}, title="Findings", synthetic=True)
        yes, no = messages.msg("harvest-wiki-yes"), messages.msg("harvest-wiki-no")
    finally:
        messages.use("en")
    tables = wikitables(page)
    assert len(tables) == len(slides) >= 6
    compared = 0
    for slide, table in zip(slides, tables, strict=True):
        _, csv = read_csv(to_csv(slide.data, {"slide": slide.id}))
        header, *rows = table
        assert header == list(csv.columns), slide.id
        assert len(rows) == len(csv), slide.id
        for wiki_row, csv_row in zip(rows, csv.itertuples(index=False, name=None), strict=True):
            for wiki, value, column in zip(wiki_row, csv_row, csv.columns, strict=True):
                if value in ("True", "False"):
                    assert wiki == (yes if value == "True" else no), (slide.id, column)
                elif is_number(value):
                    assert same_number(wiki, value), (slide.id, column, wiki, value)
                    compared += 1
                else:
                    assert wiki == value, (slide.id, column)
    assert compared > 50  # the tables carry numbers, not only labels


def test_a_count_above_ten_thousand_is_written_whole_not_as_an_exponent():
    import pandas as pd

    from analysis.wikitext import wikitable

    page = wikitable(pd.DataFrame({"notes": [123456.0, float("nan")], "share": [0.123456, 2 / 3]}))
    rows = wikitables(page)[0]
    assert rows[1:] == [["123456", "0.1235"], ["", "0.6667"]]
