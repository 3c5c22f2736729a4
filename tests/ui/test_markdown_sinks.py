"""No text from outside reaches Streamlit's Markdown without analysis.escape.markdown (imported as `md`).

Streamlit renders Markdown, with its own directives (colours, icons, maths) and links, in st.markdown, captions,
alerts, titles and every widget label. This reads the source of the pages, ui/ and dashboard.py and checks that each
such call's text is made only of the project's own literal text, numbers formatted as numbers, and values passed
through `md(...)` (or a helper known to return only numbers and the project's own words).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted([*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py"), ROOT / "dashboard.py"])
#: Streamlit calls whose first argument (or the keyword below) is rendered as Markdown.
SINKS = {
    "markdown": "body",
    "caption": "body",
    "title": "body",
    "header": "body",
    "subheader": "body",
    "warning": "body",
    "info": "body",
    "error": "body",
    "success": "body",
    "write": None,
    "toast": "body",
    "expander": "label",
    "button": "label",
    "download_button": "label",
    "metric": "label",
    "radio": "label",
    "checkbox": "label",
    "toggle": "label",
    "selectbox": "label",
    "multiselect": "label",
    "slider": "label",
    "text_input": "label",
    "file_uploader": "label",
    "segmented_control": "label",
    "pills": "label",
}
#: Functions whose result is safe inside Markdown: the escape itself, and formatters of numbers.
SAFE_CALLS = {
    "md",
    "markdown",
    "pct",
    "len",
    "int",
    "round",
    "float",
    "points",
    "threshold_text",
    "fmt_int",
    "fmt_share",
    "number",
    "percent",
}


def _safe(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.JoinedStr):
        return all(_safe(v) for v in node.values)
    if isinstance(node, ast.FormattedValue):
        return node.format_spec is not None or _safe(node.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return _safe(node.left) and _safe(node.right)
    if isinstance(node, ast.IfExp):
        return _safe(node.body) and _safe(node.orelse)
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in SAFE_CALLS:
            return True
        if name == "join" and isinstance(func, ast.Attribute):  # " ".join(safe parts)
            return _safe(func.value) and all(_safe_iter(a) for a in node.args)
        if name in ("capitalize", "lower", "upper", "strip", "format") and isinstance(func, ast.Attribute):
            return _safe(func.value) and all(_safe(a) for a in node.args)
        return False
    if isinstance(node, ast.Name):
        return node.id.isupper()  # a module constant: the project's own words
    if isinstance(node, ast.Subscript):  # CONSTANT[key]: the project's own words
        return isinstance(node.value, ast.Name) and node.value.id.isupper()
    return False


def _safe_iter(node: ast.AST) -> bool:
    if isinstance(node, ast.GeneratorExp | ast.ListComp):
        return _safe(node.elt)
    if isinstance(node, ast.List | ast.Tuple):
        return all(_safe(e) for e in node.elts)
    return False


def _sink_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SINKS:
            keyword = SINKS[node.func.attr]
            text = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == keyword), None)
            if text is not None:
                yield node, text


#: A line that renders the project's own Markdown document (docs/…) says so with this comment.
OWN = "# own markdown"


def unsafe_calls(source: str) -> list[str]:
    tree, lines = ast.parse(source), source.splitlines()
    return [
        f"line {node.lineno}: {ast.unparse(node)[:120]}"
        for node, text in _sink_calls(tree)
        if not _safe(text) and OWN not in lines[node.end_lineno - 1]
    ]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_markdown_sink_gets_only_escaped_data(path):
    assert unsafe_calls(path.read_text(encoding="utf-8")) == []


def test_the_check_catches_data_in_markdown():
    """The check itself: a value from the data in a caption, a warning or a title is caught; escaped, it is not."""
    assert unsafe_calls('st.caption(f"Filters: {filters.describe()}")')
    assert unsafe_calls('st.warning("ignored: " + ", ".join(values))')
    assert unsafe_calls("st.title(slide.headline)")
    assert unsafe_calls('col.button(f"Use {name}")')
    assert not unsafe_calls('st.caption(f"Filters: {md(filters.describe())}; {len(notes):,} notes")')
    assert not unsafe_calls("st.title(md(slide.headline))")
