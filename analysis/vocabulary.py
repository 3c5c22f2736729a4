"""The words and number formats every surface shares: one place, so a page, a slide, a CSV and the deck say the same.

Numbers: thousands separators everywhere (``count``), shares as percentages with one rule (``pct``), gaps in
percentage points (``points``), intervals as "12% (95% CI 8–17%)". Words: what a missing value is called
(``NOT_KNOWN``), how a region or a group is named, how a code the codebook does not know is flagged.

Values and words are kept apart (issue #20). ``NOT_KNOWN``, the region ids and the merged groups of
:mod:`analysis.privacy` are *values*: frames group by them, filters and links carry them, CSVs hold them, and they
never change with the language. What a reader sees of them comes from :func:`display_group`, :func:`group_label`
and :func:`region_label`, in the language in force (i18n/words/).
"""

from __future__ import annotations

import math
import re
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.lists import format_list

from loaders.regions import REGIONS

from . import messages

#: A group whose value was not recorded for a person or a note (an anonymous note's region). A VALUE, the same in
#: every language: show it with :func:`display_group` (or :func:`group_label`).
NOT_KNOWN = "Not known"
#: The row of a table of people counts (analysis.privacy.Guard.table) for people with no value: a value too.
NOT_GIVEN = "Not given"
#: How a code that is not in the codebook is flagged on charts and in sentences (never by colour alone).
FLAG = "⚠ "
#: The attributes whose "not known" group has a name of its own (i18n/words/: harvest-words-not-known-<by>).
_NOT_KNOWN_BY = (
    "country",
    "community",
    "community_type",
    "languages",
    "language",
    "gender",
    "age_band",
    "session",
    "question",
    "round",
    "table",
)


def not_recorded() -> str:
    """Said instead of a number when the export holds no value for it (never 0), in the language in force."""
    return messages.msg("harvest-words-not-recorded")


def __getattr__(name: str):
    """NOT_RECORDED, once a constant, is the word in the language in force when it is read."""
    if name == "NOT_RECORDED":
        return not_recorded()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _key(name: str) -> str:
    return name.replace("_", "-").lower()


def region_label(rid: str | None) -> str:
    """A region's name in the language in force (the Wikimedia Foundation's eight, by id); a merged group of regions
    (analysis.privacy) is named as :func:`display_group` names it; anything else is "Region not known". The id stays
    the value: this is for display only."""
    if rid and "fewer than" in str(rid):
        return display_group(rid)
    if rid in REGIONS:
        return messages.msg(f"harvest-words-region-{_key(rid)}")
    return messages.msg("harvest-words-region-not-known")


@cache
def _merged_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """The merged groups' values (analysis.privacy.merged_label / merged_value) -> their message."""
    from .privacy import COARSENED

    found = [(re.compile(r"Groups of fewer than (\d+) \(merged\)"), "harvest-words-merged-groups")]
    for dim in COARSENED:
        head = {"region": "Regions", "community_type": "Community types", "community": "Communities"}[dim]
        for who in ("participants", "authors"):
            found.append(
                (re.compile(rf"{head} with fewer than (\d+) {who} here"), f"harvest-words-merged-{_key(dim)}-{who}")
            )
    return tuple(found)


def display_group(value: object) -> str:
    """A group VALUE as a reader sees it, in the language in force: ``NOT_KNOWN`` -> "Not known" ("Inconnu"), the
    privacy rows and merged groups ("Groups of fewer than 5 (merged)", "Communities with fewer than 5 participants
    here") -> their words; any other value (a name from the data, an id) as it is. In English this is the value
    itself, so a page may call it on every group it shows."""
    if not isinstance(value, str) and _missing(value):
        return messages.msg("harvest-words-not-known")
    text = str(value)
    if text == NOT_KNOWN:
        return messages.msg("harvest-words-not-known")
    if text == NOT_GIVEN:
        return messages.msg("harvest-words-not-given")
    if "fewer than" in text:
        for pattern, key in _merged_patterns():
            found = pattern.fullmatch(text)
            if found:
                return messages.msg(key, int(found.group(1)))
    return text


def _missing(value: object) -> bool:
    """None, NaN, pandas' NA or NaT (without importing pandas)."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(value, float) and math.isnan(value)


def is_not_known(label: object) -> bool:
    """Whether a label shown for a group is a "not known" group's, in any language Harvest speaks (for code that
    receives labels made by :func:`group_label` or :func:`display_group` rather than the values)."""
    return str(label) in _not_known_labels()


@cache
def _not_known_labels() -> frozenset[str]:
    keys = ["harvest-words-not-known", "harvest-words-region-not-known", "harvest-words-not-given"]
    keys += [f"harvest-words-not-known-{_key(by)}" for by in _NOT_KNOWN_BY]
    return frozenset(messages.msg(key, language=lang) for lang in messages.languages() for key in keys)


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
    """A gap between two shares in percentage points, signed: '+3.2 points', '−12 points' (in the language in force:
    '+3,2 points' in French)."""
    value = gap * 100
    digits = 0 if abs(value) >= 10 else 1
    text = f"{abs(value):.{digits}f}"
    sign = "+" if value > 0.0005 else "−" if value < -0.0005 else "±"
    if messages.current() == messages.DEFAULT:
        return f"{sign}{text} points"
    return messages.msg("harvest-words-points", sign + messages.number(abs(value), digits), text)


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 note', '2 notes', '1,234 notes': the number the language's way, the words as the caller gives them (English
    ones from code). New text says a count with a message and its PLURAL instead (``msg("harvest-notes-count", n)``)."""
    return f"{count(n)} {word if n == 1 else (words or word + 's')}"


def group_label(by: str, value: object) -> str:
    """A group as people read it, in the language in force: region ids become region names; a missing value says
    which attribute is missing ("Region not known", "Community type not known"); a merged group is named as
    :func:`display_group` names it; any other value (a name from the data) as it is. For display only: group by the
    values."""
    if by == "region":
        return region_label(str(value)) if value != NOT_KNOWN else messages.msg("harvest-words-region-not-known")
    if value == NOT_KNOWN or value is None:
        if by in _NOT_KNOWN_BY:
            return messages.msg(f"harvest-words-not-known-{_key(by)}")
        return messages.msg("harvest-words-not-known-other", by.replace("_", " ").capitalize())
    return display_group(value) if isinstance(value, str) else str(value)


def country_label(iso2: object, english: str | None = None) -> str:
    """A country's name in the language in force, from CLDR (babel): "Suède", "Suecia", "السويد" for SE; in English
    the reference table's own name (``english``, loaders.regions.country_name); a code CLDR does not know as given;
    no country, "Country not known" in the reader's words. For display only: group by the ISO code."""
    if iso2 is None or (not isinstance(iso2, str) and _missing(iso2)) or str(iso2) in ("", NOT_KNOWN):
        return messages.msg("harvest-words-not-known-country")
    code = str(iso2)
    if messages.current() == messages.DEFAULT:
        return english if english is not None else code
    names = _territories(messages.current())
    return names.get(code.upper(), english if english is not None else code)


@cache
def _territories(language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(language.replace("-", "_")).territories)
    except (UnknownLocaleError, ValueError):
        return {}


def sentence(text: str) -> str:
    """Capitalise the first letter only ('online community had …' -> 'Online community had …')."""
    return text[:1].upper() + text[1:]


def listing(names: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' (in the language in force: 'a, b et c', 'a وb وc', from CLDR)."""
    if not names:
        return ""
    if messages.current() != messages.DEFAULT:
        return format_list([str(n) for n in names], locale=messages.current().replace("-", "_"))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
