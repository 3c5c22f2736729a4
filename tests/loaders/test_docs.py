"""docs/data-format.md and the loader agree: every column and every problem code is documented and emitted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from loaders import regions
from loaders.schema import CONTRIBUTIONS, PARTICIPANTS, PROBLEM_CODES

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
LOADER_SOURCE = "\n".join(
    p.read_text(encoding="utf-8") for p in (ROOT / "loaders").glob("*.py") if p.name != "schema.py"
)


def section(title: str) -> str:
    """The text of the doc section whose heading contains ``title``, up to the next heading of the same level."""
    match = re.search(rf"^(#+) [^\n]*{re.escape(title)}[^\n]*\n(.*?)(?=^\1 |\Z)", DOC, re.S | re.M)
    assert match, f"docs/data-format.md has no section titled {title!r}"
    return match.group(2)


@pytest.mark.parametrize("code", sorted(PROBLEM_CODES))
def test_every_problem_code_is_documented_in_the_problem_table(code):
    assert re.search(rf"^\| `{code}` \|", section("Problem codes"), re.M), f"`{code}` missing from the problem table"


@pytest.mark.parametrize("code", sorted(PROBLEM_CODES))
def test_every_problem_code_is_emitted_by_the_loaders(code):
    assert f'"{code}"' in LOADER_SOURCE, f"nothing in loaders/ reports {code}: remove it from PROBLEM_CODES"


def test_the_problem_table_documents_no_code_the_loaders_do_not_have():
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", section("Problem codes"), re.M))
    assert documented == set(PROBLEM_CODES)


@pytest.mark.parametrize("column", [c.name for c in CONTRIBUTIONS])
def test_every_contributions_column_is_documented(column):
    assert re.search(rf"^\| `{column}` \|", section("The `contributions` table"), re.M)


@pytest.mark.parametrize("column", [c.name for c in PARTICIPANTS])
def test_every_participants_column_is_documented(column):
    assert re.search(rf"^\| `{column}` \|", section("The `participants` table"), re.M)


@pytest.mark.parametrize("region", regions.REGION_IDS)
def test_every_region_is_documented_with_its_name(region):
    assert re.search(rf"^\| `{region}` \| {re.escape(regions.REGIONS[region])} \|", DOC, re.M)
