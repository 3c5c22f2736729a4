"""Problems in the reader's language. A loader's problem (loaders.problems.Problem) keeps its English ``message``
(the command line and the logs) and carries the key and the parameters of the same message in i18n/problems/; here
the interface says it in the language in force. In English the loaders' own sentence is shown, word for word (it
quotes the value too); a problem without a message in i18n/problems/ is shown in English, as it was written."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from analysis.messages import DEFAULT, current, msg
from loaders import Problem

#: The columns of a problems table, as loaders' Export.problems_frame() has them (and the CSV download).
COLUMNS = ["file", "row", "column", "value", "message", "code", "fatal"]
_UNFILLED = re.compile(r"\$\d")


def said(problem: Problem) -> str:
    """The problem's message in the language in force (its English ``message`` when it has none there)."""
    if current() == DEFAULT:
        return problem.message
    try:
        text = msg(problem.key, *problem.args)
    except KeyError:
        return problem.message
    # a problem built without the parameters its message takes (by code outside the loaders) is said in English
    return problem.message if _UNFILLED.search(text) else text


def frame(problems: Iterable[Problem]) -> pd.DataFrame:
    """The problems as a table, one row each (file, row, column, value, message, code, fatal), each message in the
    language in force: the table a page shows and the CSV it offers."""
    return pd.DataFrame([{**p.as_dict(), "message": said(p)} for p in problems], columns=COLUMNS)


def line(problem: Problem) -> str:
    """One problem on one line, as ``str(problem)`` says it in English: where it is, then what happened."""
    if current() == DEFAULT:
        return str(problem)
    where = [problem.file]
    if problem.row is not None:
        where.append(msg("harvest-data-problem-row", problem.row))
    if problem.column:
        where.append(msg("harvest-data-problem-column", problem.column))
    return msg("harvest-data-problem-line", ", ".join(where), said(problem))
