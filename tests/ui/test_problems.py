"""A loader's problem is said in the language in force (ui/problems.py): in a table, in its CSV and on one line; in
English as the loaders wrote it, word for word; and in English when it has no message in i18n/problems/."""

from __future__ import annotations

import pytest

from analysis import messages
from analysis.downloads import to_csv
from loaders import Problem
from loaders.problems import capped
from ui.problems import COLUMNS, frame, line, said

ROUND = Problem(
    "notes.parquet",
    3,
    "round",
    -1,
    "-1 is below 1. Rounds are numbered 1, 2, 3 … This note is kept, without a round.",
    "out_of_range",
    args=(1,),
    kind="round-low",
)


@pytest.fixture
def language():
    def use(code: str) -> None:
        messages.use(code)

    yield use
    messages.use("en")


def test_english_is_the_loaders_own_sentence(language):
    language("en")
    assert said(ROUND) == ROUND.message
    assert line(ROUND) == str(ROUND)


@pytest.mark.parametrize(
    ("code", "start", "where"),
    [
        ("fr", "La valeur est inférieure à 1. Les tours sont numérotés", "notes.parquet, ligne 3, colonne `round` : "),
        ("es", "El valor es inferior a 1. Las rondas se numeran", "notes.parquet, fila 3, columna `round`: "),
        ("ar", "القيمة أقل من 1. تُرقَّم الجولات", "notes.parquet, الصف 3, العمود `round`: "),
    ],
)
def test_a_problem_is_said_in_the_language_in_force(language, code, start, where):
    language(code)
    assert said(ROUND).startswith(start)
    assert line(ROUND) == where + said(ROUND)
    table = frame([ROUND])
    assert list(table.columns) == COLUMNS and table.loc[0, "message"] == said(ROUND)
    assert table.loc[0, "value"] == "-1" and table.loc[0, "code"] == "out_of_range"  # the data, as it was
    assert start in to_csv(table, {}).decode("utf-8")  # the CSV a page offers says what its table says


def test_counts_are_written_the_language_s_way(language):
    many = [Problem("a", i, "round", i, "bad", "out_of_range", args=(1,), kind="round-low") for i in range(1, 1300)]
    more = capped(many)[-1]
    language("fr")
    assert said(more).startswith("1\u202f099 autres lignes ont ce problème (out_of_range)")
    language("ar")
    assert said(more).startswith("1,099 صفًا آخر فيها هذه المشكلة (out_of_range)")  # Arabic's "many" form


def test_a_problem_without_a_message_or_its_parameters_stays_in_english(language):
    language("fr")
    unknown = Problem("a", None, None, None, "Something new.", "a_code_nobody_wrote")
    bare = Problem("a", None, None, None, "cannot be read (gone).", "unreadable_file", True)  # no parameters given
    assert said(unknown) == "Something new." and said(bare) == "cannot be read (gone)."
