"""The definitions under each page (docs/analysis.md, docs/analysis/*.md) in every shipped language: a translation
keeps the English document's structure (headings, tables, lists of code) and every `code` span, so a reader of any
language finds the same definitions, settings and ids; and a page in that language shows its translation."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from analysis import messages
from tests.helpers.apptest import open_page

DOCS = Path(__file__).resolve().parents[1] / "docs"
ENGLISH = sorted([DOCS / "analysis.md", *(DOCS / "analysis").glob("*.md")])
TRANSLATED = [lang for lang in messages.languages() if lang != messages.DEFAULT]
FENCE = re.compile(r"^```.*?^```", re.M | re.S)


def relative(path: Path) -> str:
    return str(path.relative_to(DOCS))


def prose(text: str) -> str:
    return FENCE.sub("", text)


def headings(text: str) -> list[int]:
    return [len(m.group(1)) for m in re.finditer(r"^(#{1,6}) ", prose(text), re.M)]


def tables(text: str) -> list[tuple[int, int]]:
    """Each table's (rows, columns), in order."""
    found, rows = [], []
    for line in [*prose(text).splitlines(), ""]:
        if line.lstrip().startswith("|"):
            rows.append(line)
        elif rows:
            found.append((len(rows), rows[0].strip().strip("|").count("|") + 1))
            rows = []
    return found


def numeric_cells(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """(row, column, numbers) of every table cell, its numbers with their grouping removed: a translation writes
    1 234 where English writes 1,234, and must say the same numbers in the same cells."""
    cells, row = [], 0
    for line in prose(text).splitlines():
        if not line.lstrip().startswith("|"):
            row = 0
            continue
        row += 1
        for column, cell in enumerate(line.strip().strip("|").split("|")):
            plain = re.sub(r"(?<=\d)[,\s\u00a0\u202f](?=\d{3}(?!\d))", "", cell)
            cells.append((row, column, tuple(re.findall(r"\d+(?:\.\d+)?", plain))))
    return cells


def spans(text: str) -> Counter:
    return Counter(re.findall(r"`([^`\n]+)`", prose(text)))


def blocks(text: str) -> list[str]:
    return FENCE.findall(text)


def links(text: str) -> list[str]:
    return [t for t in re.findall(r"\]\(([^)\s]+)\)", prose(text)) if not re.match(r"[a-z]+:|#", t)]


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("english", ENGLISH, ids=relative)
def test_every_definition_is_translated_with_the_english_structure(language, english):
    translated = DOCS / language / relative(english)
    assert translated.exists(), f"docs/{language}/{relative(english)} is missing: the page would show English"
    source, text = english.read_text(encoding="utf-8"), translated.read_text(encoding="utf-8")
    first = text.split("\n\n")[1]  # under the title: which English document this follows
    assert f"`docs/{relative(english)}`" in first, "the translation says which English document it follows"
    text = text.replace(first, "", 1)
    assert headings(text) == headings(source), "headings differ in number or level"
    assert tables(text) == tables(source), "tables differ in rows or columns"
    assert blocks(text) == blocks(source), "code blocks must stay as in English"
    assert numeric_cells(text) == numeric_cells(source), "a table's numbers differ (regenerated in English only?)"
    missing, extra = spans(source) - spans(text), spans(text) - spans(source)
    assert not missing, f"`code` spans of the English text missing from the translation: {sorted(missing)}"
    assert not extra, f"`code` spans the English text does not have: {sorted(extra)}"
    for target in links(text):
        assert (translated.parent / target.split("#")[0]).resolve().exists(), f"broken link {target}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_page_in_a_language_shows_its_definitions_in_that_language(monkeypatch, language):
    at = open_page(monkeypatch, "pages/themes.py", query={"uselang": language})
    own = (DOCS / language / "analysis" / "themes.md").read_text(encoding="utf-8")
    english = (DOCS / "analysis" / "themes.md").read_text(encoding="utf-8")
    shown = [str(m.value) for m in at.markdown]
    assert own.strip() in shown
    assert english.strip() not in shown
    assert messages.msg("harvest-show-doc-in-english", language=language) not in [str(c.value) for c in at.caption]
