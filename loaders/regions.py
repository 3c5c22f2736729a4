"""The Wikimedia Foundation's eight regions: ids, names, the aliases people type, and ISO country -> region.

The country table is data/reference/country_regions.csv (source in data/reference/SOURCES.md).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

import pycountry

DATA = Path(__file__).resolve().parent.parent / "data"

#: Region ids in a fixed order (used for colours and sorting everywhere), with the Foundation's labels.
REGIONS: dict[str, str] = {
    "NWE": "Northern & Western Europe",
    "CEE": "Central & Eastern Europe & Central Asia",
    "LAC": "Latin America & Caribbean",
    "SSA": "Sub-Saharan Africa",
    "MENA": "Middle East & North Africa",
    "SA": "South Asia",
    "ESEAP": "East, Southeast Asia, & Pacific",
    "NA": "North America",
}
REGION_IDS: tuple[str, ...] = tuple(REGIONS)

_EXTRA_ALIASES = {
    "northern and western europe": "NWE",
    "north and west europe": "NWE",
    "central and eastern europe": "CEE",
    "central and eastern europe and central asia": "CEE",
    "cee": "CEE",
    "latin america": "LAC",
    "latin america and the caribbean": "LAC",
    "sub saharan africa": "SSA",
    "subsaharan africa": "SSA",
    "middle east and north africa": "MENA",
    "east southeast asia and pacific": "ESEAP",
    "east southeast asia and the pacific": "ESEAP",
    "northern america": "NA",
}


def _key(value: str) -> str:
    """Fold case, '&' vs 'and', punctuation and spacing, so 'East, Southeast Asia, & Pacific' matches its variants."""
    text = value.strip().lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    aliases = {_key(k): k for k in REGIONS}
    aliases.update({_key(v): k for k, v in REGIONS.items()})
    aliases.update({_key(k): v for k, v in _EXTRA_ALIASES.items()})
    return aliases


def region_id(value: object) -> str | None:
    """The region id for an id, a name or a common abbreviation in any case; None when not a region."""
    if value is None or not isinstance(value, str) or not value.strip():
        return None
    return _aliases().get(_key(value))


def region_label(rid: str | None) -> str:
    """A region's name; a merged group of regions (analysis.privacy) keeps its own label."""
    if rid and "fewer than" in rid:
        return rid
    return REGIONS.get(rid or "", "Region not known")


@lru_cache(maxsize=1)
def country_table() -> dict[str, tuple[str, str | None]]:
    """ISO alpha-2 -> (country name, region id or None), from the Foundation's country table."""
    table: dict[str, tuple[str, str | None]] = {}
    with open(DATA / "reference" / "country_regions.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            iso2 = (row.get("iso2") or "").strip().upper()
            if iso2:
                table[iso2] = (row["country"], region_id(row.get("wikimedia_region") or ""))
    return table


@lru_cache(maxsize=4096)
def country_code(value: object) -> str | None:
    """ISO 3166-1 alpha-2 for an alpha-2 or alpha-3 code or an English country name; None when unknown."""
    if value is None or not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    table = country_table()
    if len(text) == 2 and text.upper() in table:
        return text.upper()
    try:
        found = pycountry.countries.lookup(text)
    except LookupError:
        return None
    return found.alpha_2 if found.alpha_2 in table else None


def country_region(iso2: str | None) -> str | None:
    if not iso2:
        return None
    entry = country_table().get(iso2)
    return entry[1] if entry else None


def country_name(iso2: str | None) -> str:
    if not iso2:
        return "Country not known"
    entry = country_table().get(iso2)
    return entry[0] if entry else iso2
