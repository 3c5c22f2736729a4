"""No word a reader sees comes from a string literal in the interface's code: every sentence, label and title goes
through ``msg(...)`` (analysis/messages.py), so that every language gets it (issue #20).

This reads (with ``ast``) every module of pages/, ui/, charts/ and slides/ and dashboard.py, follows the text that
reaches a **sink** back to the string literals it is made of, and fails on any literal that holds a word.

**Sinks** (where text is shown to a reader):

- Streamlit calls that show text (``st.title``, ``caption``, ``markdown``, ``write``, ``text``, alerts, ``toast``,
  ``spinner``, ``expander``, buttons, every widget's label, ``tabs``, ``metric``, ``Page(title=...)``…): their
  label or body, a choice widget's ``options`` when no ``format_func`` names them, and ``format_func`` itself;
- in any call, the keywords ``label``, ``help``, ``placeholder``, ``caption``, ``format_func``, ``show_spinner``,
  ``page_title``, ``alt`` and any ``…title``, and those of the project's own helpers that show their value
  (``n_text``, ``what``, ``words``, ``extra``, ``footer``, ``headline``, ``stamp``); the arguments ui.state's
  ``ignored``/``grouped``, ui.show's ``empty_state``/``metrics``/``filters_caption``, ``choice``'s label and
  ``jobs.wait``'s label show;
- tables: ``column_config`` (a column's label, a choice column's options, a ``column_config={...}`` mapping's
  strings), and the headers of a shown table (``st.dataframe``/``table``/``data_editor``) that come from literals:
  the keys of ``pd.DataFrame({...})`` and the new names of ``.rename(columns={...})``;
- Plotly's text, in charts/ and slides/: any keyword or dict key ``text``, ``name`` (a legend entry),
  ``hovertemplate``, ``texttemplate``, ``ticktext``, ``annotation_text``, ``labels``, ``title_text``, ``…title``
  (``title=dict(text=...)`` too; its placement keys, ``xanchor="right"``…, are not text);
- HTML (or SVG) the project writes (a literal holding a known tag, not a docstring): the text between its tags, its
  ``title``, ``alt``, ``aria-label`` and ``placeholder`` attributes, and what fills its holes there (a hole in a
  ``<style>``, a ``<script>`` or another attribute is not text).

**Following the text back.** ``msg(...)`` ends the search: its result is translated. Through ``md(...)``,
``html.escape``, ``str``, ``"…".join``, ``.format``, ``+``, ``%``, f-strings, conditional expressions, ``and``/``or``,
lists, tuples and dict values, lambdas, a name assigned in the same function or at module level (a module constant
``LABELS = {...}``, used as ``LABELS[key]`` or ``format_func=LABELS.get``, too), a loop variable over a literal list,
the ``return``s of a function defined in the module, and a constant or function imported from another module
scanned (``from charts.images import BADGE``), the search goes on to the literals. Any other call (a value from the
data, a number formatter) ends it: its text is not a literal of this code.

**A literal is allowed** when, once its scaffolding is set aside, no word (two letters or more, in any script) is
left, or when it is a key:

- keys and identifiers: no space, no capital letter, and a separator or a digit (``"themes-frequency"``,
  ``"slide-3"``, ``"harvest_upload"``, ``"q2"``), which also covers file names (``"harvest.csv"``), mime types
  (``"text/csv"``) and icons (``":material/download:"``). A key that is one plain word (``"region"``) is as welcome
  as any where a key goes (``key=``, a URL parameter, options a ``format_func`` names), but a plain word that
  reaches a sink is shown as it is, so it counts as a word: ``empty_state("notes")`` says "notes" in every language;
- scaffolding: Markdown and punctuation (``"**"``, ``"\\n"``, ``" · "``), HTML tags, comments and entities
  (``"<br>"``), CSS declarations and blocks, colours (``"#FFD400"``), Plotly's placeholders (``"%{y}"``,
  ``"%{x:.0%}"``, ``"<extra></extra>"``), format fields and specifications (``"{:,}"``, ``"%d%%"``), Streamlit's
  icon and colour directives, code between backticks (a command or a path, typed the same in every language),
  addresses (URLs), file names and mime types inside a text;
- an entry of :data:`ALLOWED` below, each with its reason.

:data:`PENDING` holds the findings in files another engineer is changing at the same time, with its owner: they are
to be moved to messages by that owner, and the list emptied. An entry of either list that no longer matches a finding
fails the test, so neither list outlives its reason.

Known limits: text built in another layer (analysis' sentences, loaders' problems) is checked where it is written,
not here; a literal that reaches a sink through an object's attribute or a function of another package is not
followed; one-letter words (``"n"``) and the provenance keys of a CSV (a file format, ui.show.provenance) are
not words here."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted([*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("charts/*.py"), *ROOT.glob("slides/*.py")])
FILES.append(ROOT / "dashboard.py")

#: Streamlit calls that show text -> the positions of their text arguments (by position, then by keyword).
STREAMLIT = {
    **{name: ((0,), ("body",)) for name in ("title", "header", "subheader", "markdown", "caption", "text", "toast")},
    **{name: ((0,), ("body",)) for name in ("info", "warning", "error", "success", "latex")},
    **{name: ((0,), ("text",)) for name in ("spinner",)},
    **{name: ((0,), ("label",)) for name in ("expander", "popover", "status", "form_submit_button", "link_button")},
    **{name: ((0,), ("label",)) for name in ("button", "download_button", "checkbox", "toggle", "text_input")},
    **{name: ((0,), ("label",)) for name in ("text_area", "number_input", "slider", "date_input", "time_input")},
    **{name: ((0,), ("label",)) for name in ("file_uploader", "color_picker", "chat_input", "camera_input")},
    **{name: ((0, 1), ("label", "options")) for name in ("radio", "selectbox", "multiselect", "select_slider")},
    **{name: ((0, 1), ("label", "options")) for name in ("segmented_control", "pills")},
    "tabs": ((0,), ("tabs",)),
    "metric": ((0, 1, 2), ("label", "value", "delta")),
    "page_link": ((), ("label",)),
    "Page": ((), ("title",)),
    "dialog": ((0,), ("title",)),
}
#: ``st.write`` shows every positional argument.
WRITE = "write"
#: The project's own helpers that show their argument at this position (ui.state's notes, ui.show's helpers…).
HELPERS = {
    "ignored": (0,),
    "grouped": (0,),
    "wait": (2,),
    "choice": (2,),
    "empty_state": (0,),
    "metrics": (0,),
    "filters_caption": (1,),
}
#: Keywords shown as text in any call (a Streamlit widget's, a page's, a chart builder's), besides any ``…title``.
KEYWORDS = {"label", "help", "placeholder", "caption", "format_func", "show_spinner", "page_title", "alt"}
KEYWORDS |= {"n_text", "what", "words", "extra", "footer", "headline", "stamp"}
#: Plotly's text keywords (and dict keys in charts/ and slides/), besides any ``…title``.
PLOTLY = {"text", "name", "hovertemplate", "texttemplate", "ticktext", "annotation_text", "labels", "title_text"}
#: Plotly's placement keys in a ``dict(...)`` of text (``title=dict(text=..., xanchor="right")``): not shown.
_STYLE = re.compile(r"[xy]|[xy]?anchor|[xy]ref|[xyv]?align|side|\w*position|\w*mode|\w*colou?r|\w*font|pad")
#: Streamlit calls that show a table: its headers are shown.
TABLES = {"dataframe", "table", "data_editor"}
#: Tags that make a literal HTML (or SVG) of the project's own.
HTML_TAGS = "p|div|span|br|b|i|em|strong|a|h[1-6]|section|header|footer|nav|button|title|style|script|meta|html|head"
HTML_TAGS += "|body|small|sup|sub|ul|ol|li|table|tr|td|th|svg|g|rect|text|tspan|line|details|summary|img|label|code|pre"
#: Calls the text goes through unchanged (the search goes on into their arguments).
THROUGH = {"md", "markdown", "escape", "str", "dict", "list", "tuple", "sorted", "reversed", "capitalize", "upper"}
THROUGH |= {"lower", "strip", "title", "replace"}
#: The message function: what it returns is translated.
MESSAGE = {"msg"}

# --- what a literal holds -------------------------------------------------------------------------------------------

_KEY = re.compile(r"[^\sA-Z]*[-_./:0-9][^\sA-Z]*")  # no space, no capital letter, a separator or a digit
_SCAFFOLDING = [
    re.compile(p, re.DOTALL)
    for p in (
        r"<!--.*?-->|<!DOCTYPE[^>]*>",
        r"<(style|script)\b[^>]*>.*?</\1>",
        r"<extra>.*?</extra>",
        r"%\{[^}]*\}",  # Plotly placeholders
        r"[^{};]*\{[^{}]*;[^{}]*\}",  # a CSS block: selectors, then declarations
        r"\{[^{}]*\}",  # format fields, f-string holes
        r"[a-z-]+\s*:\s*[^;{}\n]+;",  # a CSS declaration
        r"https?://\S+",
        r":material/[a-z_]+:",
        r":[a-z_]+:",  # emoji shortcodes
        r":(red|orange|green|blue|violet|gray|grey|rainbow|primary)(-background)?\[",
        r"\S+\.(csv|tsv|json|xlsx|zip|png|svg|pdf|html|md|pptx|txt|py|toml|yaml|yml)\b",
        r"\b(text|application|image)/[a-z0-9.+-]+",
        r"%[-+ 0#]*\d*(\.\d+)?[sdifgeExX%]",
        r"#[0-9A-Fa-f]{3,8}\b",  # colours
        r"`[^`]+`",  # code: a command or a path, the same in every language
        r"&#?\w+;",  # entities
    )
]
_TAG = re.compile(r"<(/?[a-zA-Z][\w-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_HTML = re.compile(rf"<(?:{HTML_TAGS})\b[^<>]*>|</(?:{HTML_TAGS})>|<!DOCTYPE", re.IGNORECASE)
_SHOWN_ATTRIBUTE = re.compile(r"\b(?:title|alt|aria-label|placeholder)\s*=\s*[\"']([^\"']*)[\"']")
_WORD = re.compile(r"[^\W\d_]{2,}")


def words(text: str) -> list[str]:
    """The words of a literal a reader would see: none for a key or for scaffolding (see the module's docstring)."""
    if _KEY.fullmatch(text):
        return []
    shown = " ".join(_SHOWN_ATTRIBUTE.findall(text))  # attributes a reader sees (or hears), before the tags go
    for pattern in _SCAFFOLDING[:3]:
        text = pattern.sub(" ", text)
    text = _TAG.sub(" ", text) + " " + shown
    for pattern in _SCAFFOLDING[3:]:
        text = pattern.sub(" ", text)
    return _WORD.findall(text)


def _text(node: ast.Constant | ast.JoinedStr) -> str:
    """A literal's text; an f-string's holes become ``{}`` (scaffolding), or ``x`` for the key test."""
    if isinstance(node, ast.Constant):
        return node.value
    return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)


def _wordy(node: ast.Constant | ast.JoinedStr) -> bool:
    text = _text(node)
    if isinstance(node, ast.JoinedStr) and _KEY.fullmatch(text.replace("{}", "x")):
        return False
    return bool(words(text))


# --- following the text back to its literals ------------------------------------------------------------------------


class Module:
    """A parsed module: where each name is assigned (per function, and at module level), its functions, and what it
    imports from the other modules scanned."""

    def __init__(self, source: str, path: Path | None = None):
        self.tree = ast.parse(source)
        self.path = path
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
        self.functions = {n.name: n for n in self.tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
        self.assigned: dict[tuple[ast.AST, str], list[ast.AST]] = {}
        self.imported: dict[str, tuple[Path, str]] = {}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    self._bind(target, node.value, self.scope(node))
            elif isinstance(node, ast.AnnAssign | ast.AugAssign) and node.value is not None:
                self._bind(node.target, node.value, self.scope(node))
            elif isinstance(node, ast.For | ast.comprehension):
                items = node.iter
                if isinstance(items, ast.List | ast.Tuple):
                    for item in items.elts:
                        self._bind(node.target, item, self.scope(node))
            elif isinstance(node, ast.ImportFrom) and path is not None:
                base = path.parent if node.level else ROOT
                for _ in range(max(node.level - 1, 0)):
                    base = base.parent
                where = base.joinpath(*(node.module or "").split("."))
                where = where.with_suffix(".py") if where.with_suffix(".py").exists() else where / "__init__.py"
                if where in SCANNED:
                    for alias in node.names:
                        self.imported[alias.asname or alias.name] = (where, alias.name)
        self.docstrings = {
            id(n.body[0].value)
            for n in ast.walk(self.tree)
            if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and n.body
            and isinstance(n.body[0], ast.Expr)
            and isinstance(n.body[0].value, ast.Constant)
        }

    def scope(self, node: ast.AST) -> ast.AST:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                return node
        return self.tree

    def _bind(self, target: ast.AST, value: ast.AST, scope: ast.AST) -> None:
        if isinstance(target, ast.Name):
            self.assigned.setdefault((scope, target.id), []).append(value)
        elif isinstance(target, ast.Tuple | ast.List):
            if isinstance(value, ast.Tuple | ast.List) and len(value.elts) == len(target.elts):
                for t, v in zip(target.elts, value.elts, strict=True):
                    self._bind(t, v, scope)

    def _name(self, name: str, scope: ast.AST, seen: set) -> Iterator[ast.Constant | ast.JoinedStr]:
        while True:
            if (scope, name) in self.assigned:
                for value in self.assigned[(scope, name)]:
                    yield from self.literals(value, seen)
                return
            if scope is self.tree:
                break
            scope = self.scope(scope)
        if name in self.imported:  # a constant of another module scanned
            where, original = self.imported[name]
            other = _module(where)
            yield from other._name(original, other.tree, seen)

    def _returns(self, name: str, seen: set) -> Iterator[ast.Constant | ast.JoinedStr]:
        if name in self.functions:
            function = self.functions[name]
            for child in ast.walk(function):
                if isinstance(child, ast.Return) and self.scope(child) is function:
                    yield from self.literals(child.value, seen)
        elif name in self.imported:
            where, original = self.imported[name]
            yield from _module(where)._returns(original, seen)

    def headers(self, node: ast.AST, seen: set | None = None) -> Iterator[ast.AST]:
        """The headers a shown table gets from literals: the keys of ``pd.DataFrame({...})`` and the new names of
        ``.rename(columns={...})``, through names and method chains."""
        seen = set() if seen is None else seen
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, ast.Name):
            scope = self.scope(node)
            while (scope, node.id) not in self.assigned and scope is not self.tree:
                scope = self.scope(scope)
            for value in self.assigned.get((scope, node.id), []):
                yield from self.headers(value, seen)
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name == "DataFrame" and node.args and isinstance(node.args[0], ast.Dict):
                yield ast.List(elts=[k for k in node.args[0].keys if k is not None])
            if isinstance(func, ast.Attribute):
                yield from self.headers(func.value, seen)
        elif isinstance(node, ast.Subscript | ast.Attribute):
            yield from self.headers(node.value, seen)

    def literals(self, node: ast.AST | None, seen: set | None = None) -> Iterator[ast.Constant | ast.JoinedStr]:
        """The string literals ``node``'s text is made of (see the module's docstring)."""
        seen = set() if seen is None else seen
        if node is None or id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                yield node
        elif isinstance(node, ast.JoinedStr):
            yield node
            for value in node.values:
                if isinstance(value, ast.FormattedValue):
                    yield from self.literals(value.value, seen)
        elif isinstance(node, ast.BinOp):
            yield from self.literals(node.left, seen)
            yield from self.literals(node.right, seen)
        elif isinstance(node, ast.IfExp):
            yield from self.literals(node.body, seen)
            yield from self.literals(node.orelse, seen)
        elif isinstance(node, ast.BoolOp):
            for value in node.values:
                yield from self.literals(value, seen)
        elif isinstance(node, ast.List | ast.Tuple | ast.Set):
            for element in node.elts:
                yield from self.literals(element, seen)
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if not (isinstance(key, ast.Constant) and isinstance(key.value, str) and _STYLE.fullmatch(key.value)):
                    yield from self.literals(value, seen)
        elif isinstance(node, ast.ListComp | ast.GeneratorExp | ast.SetComp):
            yield from self.literals(node.elt, seen)
        elif isinstance(node, ast.DictComp):
            yield from self.literals(node.value, seen)
        elif isinstance(node, ast.Lambda):
            yield from self.literals(node.body, seen)
        elif isinstance(node, ast.Starred):
            yield from self.literals(node.value, seen)
        elif isinstance(node, ast.Name):
            yield from self._name(node.id, self.scope(node), seen)
        elif isinstance(node, ast.Subscript):
            yield from self.literals(node.value, seen)
        elif isinstance(node, ast.Attribute) and node.attr in ("get", "__getitem__"):
            yield from self.literals(node.value, seen)  # format_func=LABELS.get
        elif isinstance(node, ast.Call):
            yield from self._call(node, seen)

    def _call(self, node: ast.Call, seen: set) -> Iterator[ast.Constant | ast.JoinedStr]:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in MESSAGE:
            return
        if isinstance(func, ast.Attribute) and name in ("join", "format", "get", *THROUGH):
            yield from self.literals(func.value, seen)  # " · ".join(...), "…".format(...), LABELS.get(key)
            if name == "get":
                return
        if name in ("join", "format", *THROUGH):
            for arg in [*node.args, *(k.value for k in node.keywords if not (k.arg and _STYLE.fullmatch(k.arg)))]:
                yield from self.literals(arg, seen)
        elif isinstance(func, ast.Name):
            yield from self._returns(name, seen)


SCANNED = set(FILES)
_MODULES: dict[Path, Module] = {}


def _module(path: Path) -> Module:
    if path not in _MODULES:
        _MODULES[path] = Module(path.read_text(encoding="utf-8"), path)
    return _MODULES[path]


# --- the sinks ------------------------------------------------------------------------------------------------------


def _logged(func: ast.AST) -> bool:
    """``log.error(...)``, ``logger.warning(...)``: the server's log, not the page."""
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and "log" in func.value.id


def _titled(key: str | None) -> bool:
    return key is not None and (key.endswith("title") or key.endswith("title_text"))


def _sinks(module: Module, plotly: bool) -> Iterator[ast.AST]:
    """The text of every sink of the module (an HTML literal is its own)."""
    in_fstring = {
        id(v) for n in ast.walk(module.tree) if isinstance(n, ast.JoinedStr) for v in ast.walk(n) if v is not n
    }
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            keywords = {k.arg: k.value for k in node.keywords if k.arg}
            if name == WRITE and isinstance(func, ast.Attribute):
                yield from node.args
            elif name in STREAMLIT and (isinstance(func, ast.Attribute) or name == "Page") and not _logged(func):
                positions, names = STREAMLIT[name]
                named = "format_func" in keywords
                for i, position in enumerate(positions):
                    if position < len(node.args) and not (names[i] == "options" and named):
                        yield node.args[position]
                for keyword in names:
                    if keyword in keywords and not (keyword == "options" and named):
                        yield keywords[keyword]
            elif name in HELPERS and not _logged(func):
                yield from (node.args[i] for i in HELPERS[name] if i < len(node.args))
            if "column_config" in ast.unparse(func):  # a column's label, and a choice column's options
                yield from node.args[:1]
                if "options" in keywords and "format_func" not in keywords:
                    yield keywords["options"]
            for keyword, value in keywords.items():
                if keyword in KEYWORDS or _titled(keyword) or keyword == "column_config":
                    yield value
                elif plotly and keyword in PLOTLY:
                    yield value
                elif keyword == "columns" and name == "rename":
                    yield value
            if name in TABLES and isinstance(func, ast.Attribute) and node.args:
                yield from module.headers(node.args[0])
        elif isinstance(node, ast.Dict) and plotly:
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    if key.value in PLOTLY or _titled(key.value):
                        yield value
        elif isinstance(node, ast.Constant | ast.JoinedStr) and id(node) not in in_fstring:
            if id(node) not in module.docstrings and isinstance(_text(node), str) and _HTML.search(_text(node)):
                yield node  # HTML of our own: its own words, and what fills its holes between the tags
                if isinstance(node, ast.JoinedStr):
                    yield from _holes_in_text(node)


def _holes_in_text(node: ast.JoinedStr) -> list[ast.AST]:
    """The values an HTML f-string shows: its holes between tags or in a shown attribute (not in a style, a script
    or another attribute)."""
    marked = "".join(v.value if isinstance(v, ast.Constant) else f"\x00{i}\x00" for i, v in enumerate(node.values))
    marked = _SCAFFOLDING[1].sub(" ", marked)
    marked = _TAG.sub(lambda tag: " ".join(_SHOWN_ATTRIBUTE.findall(tag.group(0))), marked)
    return [node.values[int(i)].value for i in re.findall("\x00(\\d+)\x00", marked)]


def findings(source: str, path: Path | None = None, plotly: bool = True) -> list[str]:
    """The literals with words that reach a sink, each as its text (f-strings' holes as ``{}``), in source order."""
    module = Module(source, path)
    found: dict[tuple[int, int], str] = {}
    for text in _sinks(module, plotly):
        if (
            isinstance(text, ast.Constant | ast.JoinedStr)
            and id(text) not in module.docstrings
            and _HTML.search(str(_text(text)))
        ):
            literals = [text]
        else:
            literals = list(module.literals(text))
        for literal in literals:
            if _wordy(literal):
                found[(getattr(literal, "lineno", 0), getattr(literal, "col_offset", 0))] = _text(literal)
    return [found[k] for k in sorted(found)]


def _findings(path: Path) -> list[str]:
    plotly = path.parent.name in ("charts", "slides")
    return findings(path.read_text(encoding="utf-8"), path, plotly)


# --- what is allowed ------------------------------------------------------------------------------------------------

#: (file, literal as findings() gives it) -> why its words need no translation.
ALLOWED: dict[tuple[str, str], str] = {
    ("dashboard.py", "{} · Harvest"): "the browser tab: the page's name (a message), then the product's name, "
    "Harvest, which is the same in every language",
}

#: Findings in files another engineer is changing now -> the owner who moves them to messages. To be emptied.
PENDING: dict[tuple[str, str], str] = {}


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", FILES, ids=_relative)
def test_no_literal_words_reach_a_reader(path):
    name = _relative(path)
    left = [t for t in _findings(path) if (name, t) not in ALLOWED | PENDING]
    assert left == [], f"{name}: move these to messages (msg(...)), or allow them with a reason"


def test_every_allowance_still_matches_a_finding():
    """An allowance that no longer matches (the literal was moved to messages) is taken out of its list."""
    found = {(_relative(p), t) for p in FILES for t in _findings(p)}
    assert sorted(set(ALLOWED) - found) == []
    assert sorted(set(PENDING) - found) == []


def test_the_check_catches_english_literals():
    """The check itself: words in a literal are caught wherever they reach a reader; keys, scaffolding and messages
    are not."""
    assert findings('st.caption("Filters: " + x)') == ["Filters: "]
    assert findings('st.caption(md(f"Filters: {filters.describe()}."))') == ["Filters: {}."]
    assert findings('label = "Codes counted"\nst.radio(label, OPTIONS, format_func=msg)') == ["Codes counted"]
    assert findings('NAMES = {"a": "All"}\nst.selectbox(msg("k"), ["a"], format_func=NAMES.get)') == ["All"]
    assert findings('st.tabs(["Chart", msg("k")])') == ["Chart"]
    assert findings('st.radio(msg("k"), ["region", "themes-frequency"])') == ["region"]  # shown as they are
    assert findings('empty_state("notes")') == ["notes"]
    assert findings('fig.update_layout(title=dict(text="Notes by region", xanchor="right"))') == ["Notes by region"]
    assert findings('go.Bar(x=x, y=y, hovertemplate="%{y} notes<extra></extra>")') == ["%{y} notes<extra></extra>"]
    assert findings("st.markdown(f\"<span title='Share'>{md(x)}</span>\", unsafe_allow_html=True)")
    assert findings('BADGE = "SYNTHETIC DATA"\nhtml = f"<p class=\'badge\'>{BADGE}</p>"') == ["SYNTHETIC DATA"]
    assert findings('def _label():\n    return "Total"\n\nst.metric(_label(), 3)') == ["Total"]
    assert findings('st.dataframe(df.rename(columns={"n": "Notes"}))') == ["Notes"]
    assert findings('shown = pd.DataFrame({"code or language": k})\nst.dataframe(shown)') == ["code or language"]
    assert not findings('st.caption(md(msg("harvest-filters", filters.describe())))')
    assert not findings('st.download_button(msg("k"), data, "harvest.csv", "text/csv", icon=":material/download:")')
    assert not findings('st.radio(msg("k"), ["region", "themes-frequency"], format_func=lambda v: msg(f"k-{v}"))')
    assert not findings('st.markdown("**" + md(x) + "**<br>", unsafe_allow_html=True)')
    assert not findings("st.markdown(f\"<style>.a {{ color: {INK}; }}</style><div id='slide-{i}'>{md(x)}</div>\")")
    assert not findings('go.Bar(x=x, hovertemplate="%{y:.0%}<br>%{x}<extra></extra>", name=md(group))')
    assert not findings('st.caption(f"{n:,} · {percent(share)}")')
    assert not findings('log.error("page failed\\n%s", trace)')
    assert not findings('frame = pd.DataFrame({"row": rows, "code": codes})')  # not shown: no table sink
