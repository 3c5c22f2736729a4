"""docs/analysis.md is the human form of the findings and their tests: every finding, test and setting is in it."""

from __future__ import annotations

import re
from pathlib import Path

from analysis import findings
from analysis.settings import _SOURCES
from tests.helpers.views import view_at

DOC = (Path(__file__).resolve().parents[2] / "docs" / "analysis.md").read_text(encoding="utf-8")


def documented_findings() -> set[str]:
    section = DOC.split("## One definition per measure", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M))


def test_every_finding_the_core_makes_is_defined_in_the_docs():
    view = view_at()
    made = {f.id for f in findings.headline_findings(view)}
    made |= {
        findings.numbers(view).id,
        findings.by_question(view).id,
        findings.movement(view, view.codebook.ids("theme")).id,
        findings.who_spoke(view).id,
        "groups",
    }
    assert made == documented_findings()


def test_every_test_a_sentence_rests_on_is_described():
    section = DOC.split("## Uncertainty and tests", 1)[1].split("\n## ", 1)[0]
    for name in (
        "permutation test over authors",
        "exact binomial test",
        "exact McNemar test",
        "Fisher's exact test",
        "Wilson",
    ):
        assert name in section
    for setting in (key for section_, key, _ in _SOURCES.values() if section_ == "findings"):
        assert f"`{setting}`" in section, setting
