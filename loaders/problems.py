"""Problems are values: every issue found in an export, with where it is and what happened to the row."""

from __future__ import annotations

from dataclasses import asdict, dataclass


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

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column `{self.column}`")
        return f"{', '.join(where)}: {self.message}"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["value"] = None if self.value is None else str(self.value)
        return data


class ExportError(Exception):
    """An export that cannot be used at all. Carries every problem found, never only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def show_value(value: object, limit: int = 60) -> str:
    """A value quoted for a message, cut short when long so one bad note cannot flood a report."""
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= limit else text[: limit - 1] + "…\""
