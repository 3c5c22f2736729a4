"""The layers hold, read from the import graph: loaders -> analysis -> charts -> slides / ui -> pages.

The core never imports Streamlit, charts never import ui or pages, loaders import nothing first-party, nothing imports
a page. Every import counts, at the top of a module or inside a function. (ruff enforces the same with its
banned-api rule, from the ruff.toml in each package.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIRST_PARTY = {"analysis", "benchmarks", "charts", "loaders", "pages", "slides", "tests", "ui"}
#: package -> what it may never import
FORBIDDEN = {
    "loaders": {"streamlit", "plotly", "analysis", "charts", "slides", "ui", "pages"},
    "analysis": {"streamlit", "plotly", "charts", "slides", "ui", "pages"},
    "charts": {"streamlit", "slides", "ui", "pages"},
    "slides": {"streamlit", "ui", "pages"},
    "ui": {"pages"},
}


def imports_of(path: Path) -> set[str]:
    """The top-level names a module imports (absolute imports; relative ones stay inside the package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_layer_imports_one_above_it(package):
    broken = {str(path.relative_to(ROOT)): sorted(imports_of(path) & FORBIDDEN[package]) for path in modules(package)}
    assert {k: v for k, v in broken.items() if v} == {}


def test_nothing_imports_a_page():
    importers = [
        str(p.relative_to(ROOT)) for p in ROOT.rglob("*.py") if ".venv" not in p.parts and "pages" in imports_of(p)
    ]
    assert importers == []


def test_the_check_sees_a_forbidden_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    import streamlit as st\n    from charts.style import titled\n")
    assert imports_of(bad) & FORBIDDEN["analysis"] == {"streamlit", "charts"}
