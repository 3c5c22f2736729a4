"""The words and number formats every surface shares: one place, so a page, a slide, a CSV and the deck say the same.

Numbers: thousands separators everywhere (``count``), shares as percentages with one rule (``pct``), gaps in
percentage points (``points``), intervals as "12% (95% CI 8–17%)". Words: what a missing value is called
(``NOT_KNOWN``), how a region or a group is named, how a code the codebook does not know is flagged.
"""

from __future__ import annotations

import math

from loaders.regions import REGIONS, region_label  # noqa: F401 - one way to name a region, everywhere

from . import messages

#: A group whose value was not recorded for a person or a note (an anonymous note's region).
NOT_KNOWN = "Not known"
#: How a code that is not in the codebook is flagged on charts and in sentences (never by colour alone).
FLAG = "⚠ "
#: Said instead of a number when the export holds no value for it (never 0).
NOT_RECORDED = "not recorded"


def count(value: int | float) -> str:
    """A whole number with thousands separators: 1,234 (in the language in force: 1 234 in French)."""
    if messages.current() != messages.DEFAULT:
        return messages.number(int(value))
    return f"{int(value):,}"


def pct(share: float | None) -> str:
    """45% / 5.5% / 0.4%: whole percent from 10% up, one decimal below; "–" when there is no share."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    value = share * 100
    digits = 0 if abs(value) >= 10 or value == 0 else 1
    if messages.current() != messages.DEFAULT:  # the language's own way: "45 %" in French
        return messages.percent(share, digits)
    return f"{value:.{digits}f}%"


def interval(low: float | None, high: float | None) -> str:
    """A 95% interval of a share: "8–17%"."""
    if low is None or high is None or math.isnan(low) or math.isnan(high):
        return "–"
    if messages.current() != messages.DEFAULT:
        return f"{pct(low)}–{pct(high)}"
    return f"{pct(low).rstrip('%')}–{pct(high)}"


def points(gap: float) -> str:
    """A gap between two shares in percentage points, signed: '+3.2 points', '−12 points'."""
    value = gap * 100
    text = f"{abs(value):.0f}" if abs(value) >= 10 else f"{abs(value):.1f}"
    sign = "+" if value > 0.0005 else "−" if value < -0.0005 else "±"
    return f"{sign}{text} points"


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 note', '2 notes', '1,234 notes'."""
    return f"{count(n)} {word if n == 1 else (words or word + 's')}"


def group_label(by: str, value: object) -> str:
    """A group as people read it: region ids become region names; a missing value says which attribute is missing."""
    if by == "region":
        return region_label(str(value)) if value != NOT_KNOWN else "Region not known"
    if value == NOT_KNOWN or value is None:
        return f"{by.replace('_', ' ').capitalize()} not known"
    return str(value)


def sentence(text: str) -> str:
    """Capitalise the first letter only ('online community had …' -> 'Online community had …')."""
    return text[:1].upper() + text[1:]


def listing(names: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
