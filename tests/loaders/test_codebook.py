"""The codebook names the session's questions and says what a code stands for: an id or an alias in any case, or a
pillar of the direction; a codebook that says it wrongly is refused with every problem, by file, entry and field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from loaders import CodebookError
from loaders.codebook import DIRECTION, THEMES, load_codebook, parse_codebook

ROOT = Path(__file__).resolve().parents[2]
COMMITMENT = '[[commitment]]\nid = "KE1"\npillar = "knowledge_equity"\nlabel = "Knowledge left out"\n'


def problems(text: str) -> list[str]:
    with pytest.raises(CodebookError) as error:
        parse_codebook(text.encode(), "team.toml")
    return [str(p) for p in error.value.problems]


def test_the_default_codebook_names_the_three_wikicafe_questions():
    book = load_codebook()
    assert list(book.questions["id"]) == ["Q1", "Q2", "Q3"]
    assert book.question_id("q2") == book.question_id(" Q2 ") == "Q2"
    assert book.question_id("Q9") is None
    assert book.question_text("q2") == "How would this direction change your work in the context of diversity?"
    assert book.question_label("q2") == "Q2 · How would this direction change your work in the context of diversity?"
    short = book.question_label("q2", 48)
    assert short.startswith("Q2 · How would this direction") and short.endswith("…") and len(short) <= 48
    assert book.question_label("q9", 48) == "q9"  # a question the codebook does not name: as recorded


def test_aliases_and_pillars_resolve_in_any_case():
    book = parse_codebook(
        (
            '[[code]]\nid = "time_people"\nkind = "need"\nlabel = "Time and people"\n'
            'aliases = ["roles_resources", "Volunteer Time"]\n' + COMMITMENT + 'aliases = ["KE-1"]\n'
        ).encode()
    )
    assert book.resolve("roles_resources") == book.resolve("ROLES-RESOURCES") == (THEMES, "time_people")
    assert book.resolve("volunteer_time") == (THEMES, "time_people")
    assert book.resolve("ke1") == book.resolve("ke_1") == (DIRECTION, "KE1")
    assert book.resolve("KNOWLEDGE_EQUITY") == book.resolve("knowledge equity") == (DIRECTION, "knowledge_equity")
    assert book.resolve("knowledge_as_a_service") is None  # no commitment of this codebook is in that pillar
    assert book.resolve("tools") is None
    assert book.label("knowledge_equity") == "Knowledge equity"


def test_a_question_without_wording_or_twice_in_another_case_is_refused_with_its_entry_and_field():
    found = problems(
        '[[question]]\nid = "Q1"\ntext = "What?"\n[[question]]\nid = "q1"\ntext = "Again?"\n'
        '[[question]]\nid = "Q3"\n[[question]]\nid = "Q4"\ntext = "When?"\nrounds = [0]\n'
        "[question.translations]\nsv = 3\n" + COMMITMENT
    )
    assert found == [
        'team.toml, row 2, column `id`: [[question]] id "q1" is used twice (with "Q1"; question ids are compared '
        "without regard to case).",
        "team.toml, row 3, column `text`: [[question]] entry 3 has no `text` (text).",
        'team.toml, row 4, column `translations`: [[question]] "Q4": translations must give the wording per '
        'language, e.g. sv = "Vad …?".',
        'team.toml, row 4, column `rounds`: [[question]] "Q4": rounds must be a list of whole numbers from 1, '
        "e.g. rounds = [1, 2].",
    ]


def test_an_alias_naming_another_code_or_a_pillar_is_refused():
    found = problems(
        '[[code]]\nid = "funding"\nkind = "need"\nlabel = "Funding"\naliases = ["money"]\n'
        '[[code]]\nid = "money"\nkind = "need"\nlabel = "Money"\n'
        '[[code]]\nid = "equity"\nkind = "theme"\nlabel = "Equity"\naliases = ["Knowledge Equity", 3]\n' + COMMITMENT
    )
    assert found == [
        'team.toml, row 3, column `aliases`: [[code]] "equity": aliases must be a list of codes, e.g. aliases = '
        '["roles_resources"].',
        'team.toml, row 2, column `id`: [[code]] "money": "money" is already the id or an alias of "funding" (codes '
        "are compared without regard to case).",
    ]
    found = problems('[[code]]\nid = "equity"\nkind = "theme"\nlabel = "E"\naliases = ["Knowledge-Equity"]\n')
    assert found == [
        'team.toml, row 1, column `aliases`: [[code]] "equity": "Knowledge-Equity" is already the pillar '
        '"knowledge_equity" (codes are compared without regard to case).'
    ]


def test_the_example_in_the_data_format_doc_is_a_valid_codebook():
    doc = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    section = doc[doc.index("## The codebook") :]
    example = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    book = parse_codebook(example.encode(), "example.toml")
    assert book.question_id("q2") == "Q2" and book.question_text("Q2", "sv").startswith("Hur")
    assert book.resolve("Roles-Resources") == (THEMES, "time_people")
    assert book.resolve("ke-1") == (DIRECTION, "KE1")


def test_labels_descriptions_and_questions_read_in_each_shipped_language_with_english_as_fallback():
    book = load_codebook()
    for language in ("fr", "es", "ar"):
        seen = book.localized(language)
        for table in (seen.codes, seen.commitments):
            english = book.codes if table is seen.codes else book.commitments
            assert (table["label"] != english["label"]).all(), f"a label is not translated into {language}"
            assert (table["description"] != english["description"]).all(), language
        assert (seen.questions["text"] != book.questions["text"]).all(), language
        assert list(seen.codes["id"]) == list(book.codes["id"]) and seen.digest == book.digest  # same codes
    french = book.localized("fr", {"knowledge_equity": "Équité de la connaissance"})
    assert french.label("truly_global_movement") == "Un mouvement véritablement mondial"
    assert french.label("knowledge_equity") == "Équité de la connaissance"
    assert book.localized("de").label("truly_global_movement") == "A truly global movement"  # no German: English
    assert book.localized("en") is book


def test_a_translation_that_is_not_a_label_and_description_is_refused():
    text = """
version = "t"
[[code]]
id = "funding"
kind = "need"
label = "Funding"
[code.translations.fr]
label = "Financement"
colour = "red"
"""
    with pytest.raises(CodebookError) as caught:
        parse_codebook(text.encode("utf-8"), "book.toml")
    problem = caught.value.problems[0]
    assert (problem.column, problem.code) == ("translations", "wrong_column_type")
    assert problem.message.startswith(
        '[[code]] "funding": translations must give a label and a description per language'
    )
