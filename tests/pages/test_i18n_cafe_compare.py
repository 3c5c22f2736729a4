"""The Café and Compare events pages in French, Spanish and Arabic (?uselang=): each runs, its title and headings are
the translations in its message files (i18n/cafe/, i18n/compare/), in French no English sentence of those files is
left on the page (text, controls, tables, charts), and the computed sentences take each language's plural forms."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import cafe, compare, messages
from analysis.escape import unmarkdown
from tests.helpers.apptest import MARKDOWN_KINDS, figures
from tests.helpers.events import two_events
from tests.helpers.i18n import fragments, messages_in, own_english, strings

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "i18n"
FOLDERS = ("cafe", "compare")
#: page -> (its title's key, the keys of the headings every run of it shows, its definitions document)
PAGES = {
    "pages/cafe.py": (
        "harvest-page-cafe",
        [
            "harvest-cafe-mixing-heading",
            "harvest-cafe-travel-heading",
            "harvest-cafe-balance-heading",
            "harvest-cafe-convergence-heading",
        ],
        "docs/analysis/cafe.md",
    ),
    "pages/compare.py": (
        "harvest-page-compare",
        [
            "harvest-compare-who-took-part",
            "harvest-compare-themes-heading",
            "harvest-compare-direction-heading",
            "harvest-compare-across-heading",
        ],
        "docs/analysis/compare.md",
    ),
}
#: English words shorter than this may well be the same in French ("Café", "Table"): not checked.
LONGEST_SHARED = 12


def open_in(run_page, page: str, language: str, tmp_path: Path):
    """The page in ``language``: the Café on the sample (seating recorded), Compare on an export of two events."""
    if page == "pages/compare.py":
        two_events(tmp_path, 12, 3)
        return run_page(page, data=tmp_path, query={"uselang": language})
    return run_page(page, query={"uselang": language})


def everything_shown(at, doc: str) -> str:
    """The page's text (its definitions document left out: docs are English), its controls' labels and options, its
    tables' column headings and every string of its charts."""
    document = (ROOT / doc).read_text(encoding="utf-8")
    parts = [
        unmarkdown(str(e.value))
        for kind in (*MARKDOWN_KINDS, "text")
        for e in at.get(kind)
        if str(e.value).strip()[:200] not in document  # the definitions' expander
    ]
    for kind in ("radio", "selectbox", "multiselect", "button", "text_input", "download_button", "button_group"):
        for widget in at.get(kind):
            proto = getattr(widget, "proto", None)
            parts.append(unmarkdown(str(getattr(widget, "label", "") or getattr(proto, "label", "") or "")))
            parts += [unmarkdown(str(o)) for o in (getattr(widget, "options", None) or [])]
            parts += [unmarkdown(o.content) for o in getattr(proto, "options", []) if hasattr(o, "content")]
    parts += [str(c) for frame in at.dataframe for c in frame.value.columns]
    for fig in figures(at):
        parts += strings(fig.get("layout", {})) + strings(fig.get("data", []))
    return "\n".join(parts)


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
@pytest.mark.parametrize("page", list(PAGES))
def test_the_page_speaks_the_language(run_page, page, language, tmp_path):
    at = open_in(run_page, page, language, tmp_path)  # open_page asserts that no exception was raised
    said, english = messages_in(language, FOLDERS), messages_in("en", FOLDERS)
    title, heading_keys, _doc = PAGES[page]
    assert [unmarkdown(t.value) for t in at.title] == [said[title]]
    shown = [unmarkdown(str(e.value)) for e in at.subheader]
    for key in heading_keys:
        assert said[key] in shown, (key, said[key], shown)
        assert said[key] != english[key]


@pytest.mark.parametrize("page", list(PAGES))
def test_no_english_sentence_of_these_pages_is_left_in_french(run_page, page, tmp_path):
    at = open_in(run_page, page, "fr", tmp_path)
    shown = everything_shown(at, PAGES[page][2])
    french = messages_in("fr", FOLDERS)
    left = []
    for key, text in own_english(FOLDERS).items():
        for part in fragments(text):
            if len(part) <= LONGEST_SHARED or part in french[key]:  # a file or column name stays as it is
                continue
            if part in shown:
                left.append((key, part))
    assert not left, left


def _forms(key: str, param: str, language: str = "ar") -> list[str]:
    """The forms of ``key``'s PLURAL on ``param`` in the language's file (zero, one, two, few, many, other)."""
    text = messages_in(language, FOLDERS)[key]
    found = re.search(r"\{\{PLURAL:\s*\$" + param[1:] + r"\s*\|([^{}]*)\}\}", text)
    assert found, (key, param)
    return found.group(1).split("|")


def _balance(judged: int, dominated: int) -> pd.DataFrame:
    """Tables large enough to judge (5 members, 8 notes each), the first ``dominated`` of them dominated."""
    return pd.DataFrame(
        {
            "session": "s",
            "round": 1,
            "table": [f"T{i}" for i in range(judged)],
            "members": 5,
            "notes": 8,
            "dominated": [i < dominated for i in range(judged)],
        }
    )


@pytest.mark.parametrize(("count", "category"), [(1, 1), (2, 2), (3, 3), (11, 4)])
def test_the_balance_sentence_takes_arabics_plural_forms(count, category):
    """1, 2, 3 and 11 tables: Arabic's one, two, few and many forms, as i18n/cafe/ar.json writes them."""
    expected = _forms("harvest-cafe-balance-participants", "$2")[category].replace("$2", str(count))
    messages.use("ar")
    try:
        said = cafe.balance_sentence(_balance(count, 1), "participants")
    finally:
        messages.use("en")
    assert said.startswith(f"في 1 من أصل {expected} (")
    assert "{{" not in said and "$" not in said


@pytest.mark.parametrize(("count", "category"), [(1, 1), (2, 2), (3, 3), (11, 4)])
def test_the_arrivals_sentence_takes_arabics_plural_forms(count, category):
    """``count`` ideas after the first round, all new: the total and the part each in their Arabic form."""
    found = pd.DataFrame(
        {"session": "s", "code": [f"c{i}" for i in range(count)] * 2, "round": [1] * count + [2] * count}
    )
    found = found.assign(table="T1", arrival="new", from_table=None)
    found.loc[found["round"] == 2, "code"] = [f"d{i}" for i in range(count)]  # new codes in round 2
    total = _forms("harvest-cafe-arrivals", "$1")[category].replace("$1", str(count))
    part = _forms("harvest-cafe-arrived-new", "$1")[category].replace("$1", str(count))
    messages.use("ar")
    try:
        said = cafe.arrivals_sentence(found)
    finally:
        messages.use("en")
    assert said == f"من بين {total} على طاولة بعد الجولة الأولى: {part}."


def test_english_keeps_its_sentences_and_says_one_or_several():
    assert cafe.balance_sentence(_balance(5, 2), "participants") == (
        "At 2 of 5 tables (each round counted apart; tables with 3 or more participants and 4 or more notes), one "
        "participant wrote half or more of the table's notes."
    )
    assert messages.msg("harvest-compare-differ-themes", 1, 5, "x") == (
        "1 of 5 themes differs between the events beyond chance: x."
    )
    assert messages.msg("harvest-compare-differ-themes", 2, 5, "x").startswith("2 of 5 themes differ between")


def test_constants_that_were_sentences_follow_the_language_in_force():
    messages.use("fr")
    try:
        assert cafe.WHOLE_TABLES == messages_in("fr", FOLDERS)["harvest-cafe-whole-tables"]
        assert compare.NOT_RECORDED == "non enregistré"
        assert cafe.ARRIVALS["new"] == messages_in("fr", FOLDERS)["harvest-cafe-arrival-new"]
    finally:
        messages.use("en")
    assert cafe.WHOLE_TABLES.startswith("The café's views are about whole tables and rounds")
    assert compare.NOT_RECORDED == "not recorded"
