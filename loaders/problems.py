"""Problems are values: every issue found in an export, with where it is and what happened to the row."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

#: The message prefix of a problem in i18n/problems/ (the loaders import no messages: the interface renders them).
KEY_PREFIX = "harvest-problem-"
#: The sub-key of the line that counts the rows of a problem not listed one by one (see :func:`capped`).
MORE_ROWS = "more-rows"


def message_key(code: str, kind: str = "") -> str:
    """The key of a problem's message in i18n/problems/: ``harvest-problem-<code>``, or with the sub-key ``kind``
    when one code is said in more than one way (``harvest-problem-missing-column-required``)."""
    if kind == MORE_ROWS:
        return KEY_PREFIX + MORE_ROWS
    return KEY_PREFIX + "-".join(part.replace("_", "-") for part in (code, kind) if part)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an export. ``row`` counts data rows from 1, as a spreadsheet does."""

    file: str
    row: int | None
    column: str | None
    value: object
    message: str
    code: str
    fatal: bool = False
    #: The parameters of its message in i18n/problems/ ($1, $2 …), other than the file, row, column and value, which
    #: it names in their own fields; ``message`` stays the English text (the command line and logs).
    args: tuple = field(default=(), compare=False)
    #: Which of its code's messages it is ("" for the code's own): see :func:`message_key`.
    kind: str = field(default="", compare=False)

    @property
    def key(self) -> str:
        return message_key(self.code, self.kind)

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column `{self.column}`")
        return f"{', '.join(where)}: {self.message}"

    def as_dict(self) -> dict:
        data = asdict(self)
        del data["args"], data["kind"]  # the message in words is enough for a table or a CSV
        data["value"] = None if self.value is None else str(self.value)
        return data


def unreadable(file: str, why: object) -> Problem:
    """A whole file that cannot be read (``why``: the system's reason, in English as it gives it)."""
    return Problem(file, None, None, None, f"cannot be read ({why}).", "unreadable_file", True, (str(why),))


class ProblemsError(Exception):
    """Input that cannot be used at all. Carries every problem found, never only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # crosses a process boundary with its problems intact
        return type(self), (self.problems,)


class ExportError(ProblemsError):
    """An export that cannot be used at all."""


class CodebookError(ProblemsError):
    """A codebook that cannot be used at all."""


#: Rows listed one by one for each (file, column, problem); past this a file whose every row is wrong would make a
#: report of a million lines. The rest are counted in one more line, never dropped silently.
MAX_ROWS_PER_PROBLEM = 200


def capped(problems: list[Problem], limit: int = MAX_ROWS_PER_PROBLEM, more: dict | None = None) -> list[Problem]:
    """The problems with at most ``limit`` row-level ones per (file, column, code), in their order, then for each
    group with more one line saying how many more rows have it. ``more`` adds rows already counted and not listed
    (as loaders.validate.Checker does): {(file, column, code): count}."""
    seen: dict[tuple, int] = {}
    extra: dict[tuple, int] = dict(more or {})
    kept: list[Problem] = []
    for problem in problems:
        if problem.row is None:
            kept.append(problem)
            continue
        key = (problem.file, problem.column, problem.code)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= limit:
            kept.append(problem)
        else:
            extra[key] = extra.get(key, 0) + 1
    for (file, column, code), count in extra.items():
        if count:
            where = f" in column `{column}`" if column else ""
            kept.append(
                Problem(
                    file,
                    None,
                    column,
                    None,
                    f"{count:,} more rows have this problem ({code}){where}; "
                    f"the first {limit} are listed one by one, and each of the others is handled the "
                    "same way.",
                    code,
                    args=(count, code, limit),
                    kind=MORE_ROWS,
                )
            )
    return kept


def show_value(value: object, limit: int = 60) -> str:
    """A value quoted for a message, cut short when long so one bad note cannot flood a report."""
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= limit else text[: limit - 1] + '…"'
