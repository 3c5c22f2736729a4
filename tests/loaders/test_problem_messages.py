"""Every problem the loaders can report has its message in i18n/problems/ in every shipped language, taking the
parameters the loaders give it (Problem.args): read from the loaders' source, so a new problem without a message, or
a message that lost or gained a parameter, fails here before anyone sees English on a French page."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from analysis import messages
from loaders.problems import MORE_ROWS, Problem, capped, message_key
from loaders.seating import SEAT_KINDS

ROOT = Path(__file__).resolve().parents[2]
FOLDER = Path(messages.ROOT) / "problems"
SHIPPED = ("en", "fr", "es", "ar")

#: Functions that build a Problem from what their callers give them (a code, a sub-key, parameters): their own
#: Problem(...) is not a use; their callers are. name -> the code they always use, or the position of their `code`.
FORWARDERS: dict[str, str | int] = {
    "rows": 4,  # validate.Checker.rows(mask, column, values, message, code, ...)
    "column": 2,  # validate.Checker.column(column, message, code, ...); a pyarrow .column(name) has one argument
    "_seat_problem": 4,  # seating._seat_problem(seats, i, column, message, code, ...)
    "_bad": 2,  # decisions._bad(column, message, code, ...)
    "_refuse": "unreadable_file",  # upload._refuse(name, message, kind, args): its kind is prefixed "upload-"
    "_refused": "not_an_export",  # remote._refused(address, message, kind, args)
    "_unreadable": "unreadable_file",  # files._unreadable(part, why, one_row_per, kind, args)
}
#: Functions whose Problem(...) passes on a code (and parameters) they were given.
FORWARDING_BODIES = {*FORWARDERS, "capped", "parse_decisions"}
PROBLEM_FIELDS = ("file", "row", "column", "value", "message", "code", "fatal", "args", "kind")


def _strings(node: ast.AST | None, what: str, where: str) -> list[str]:
    """The sub-keys an expression can be: a literal, or a choice (a if c else b), or literals joined with +."""
    if node is None:
        return [""]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body, what, where) + _strings(node.orelse, what, where)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [a + b for a in _strings(node.left, what, where) for b in _strings(node.right, what, where)]
    raise AssertionError(f"{where}: the {what} must be written as text in the call, found {ast.unparse(node)}")


def _count(node: ast.AST | None, where: str) -> int:
    """How many parameters a call gives its message: a tuple written in the call (or a lambda returning one)."""
    if node is None:
        return 0
    if isinstance(node, ast.Lambda):
        node = node.body
    if isinstance(node, ast.Tuple) and not any(isinstance(e, ast.Starred) for e in node.elts):
        return len(node.elts)
    raise AssertionError(f"{where}: the message's parameters must be a tuple written in the call: {ast.unparse(node)}")


def _argument(call: ast.Call, name: str, position: int | None) -> ast.AST | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    if position is not None and position < len(call.args):
        return call.args[position]
    return None


def problem_uses() -> dict[str, set[int]]:
    """Every message key the loaders' problems can have, with the numbers of parameters given to it."""
    uses: dict[str, set[int]] = {}

    def use(code: str, kind: str, count: int) -> None:
        uses.setdefault(message_key(code, kind), set()).add(count)

    for path in sorted((ROOT / "loaders").glob("*.py")):
        for body, call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.name}:{call.lineno}"
            name = getattr(call.func, "id", getattr(call.func, "attr", None))
            if name == "Problem":
                code = _argument(call, "code", 5)
                literal = isinstance(code, ast.Constant)
                given = [_argument(call, field, PROBLEM_FIELDS.index(field)) for field in ("args", "kind")]
                if body in FORWARDING_BODIES and not (literal and all(_is_written(g) for g in given)):
                    continue
                assert literal, f"{where}: a Problem's code must be written in the call"
                for kind in _strings(given[1], "kind", where):
                    use(code.value, kind, _count(given[0], where))
            elif name in FORWARDERS and body not in FORWARDING_BODIES:
                rule = FORWARDERS[name]
                if isinstance(rule, int):
                    if len(call.args) <= rule:
                        continue  # not this forwarder (a pyarrow .column(name) …)
                    code = call.args[rule]
                    assert isinstance(code, ast.Constant), f"{where}: the code must be written in the call"
                    code, prefix = code.value, ""
                else:
                    code, prefix = rule, "upload-" if name == "_refuse" else ""
                count = _count(_argument(call, "args", None), where)
                for kind in _strings(_argument(call, "kind", None), "kind", where):
                    use(code, prefix + kind if kind else kind, count)
    for key in list(uses):  # a round's problem said of a seat (loaders.seating.read)
        for kind, seat_kind in SEAT_KINDS.items():
            for code in ("not_a_whole_number", "out_of_range"):
                if key == message_key(code, kind):
                    uses.setdefault(message_key(code, seat_kind), set()).update(uses[key])
    uses[message_key("", MORE_ROWS)] = {3}  # loaders.problems.capped
    return uses


def _calls(node: ast.AST, body: str = ""):
    """Every call in ``node`` with the name of the function it is written in."""
    for child in ast.iter_child_nodes(node):
        inner = child.name if isinstance(child, ast.FunctionDef) else body
        if isinstance(child, ast.Call):
            yield body, child
        yield from _calls(child, inner)


def _is_written(node: ast.AST | None) -> bool:
    return node is None or isinstance(node, ast.Constant | ast.Tuple | ast.IfExp | ast.BinOp | ast.Lambda)


USES = problem_uses()


def messages_in(language: str) -> dict[str, str]:
    data = json.loads((FOLDER / f"{language}.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("@")}


def parameters(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\$(\d+)", text)}


def test_the_loaders_problems_were_found():
    # the scan reads the loaders: a change that hid their problems from it would make this test pass vacuously
    assert len(USES) > 80
    assert {"harvest-problem-unreadable-file", "harvest-problem-missing-column-required"} <= set(USES)


@pytest.mark.parametrize("language", SHIPPED)
def test_every_problem_has_its_message_with_the_parameters_it_is_given(language):
    said = messages_in(language)
    missing = sorted(set(USES) - set(said))
    assert not missing, f"i18n/problems/{language}.json lacks {missing}"
    for key, counts in USES.items():
        assert len(counts) == 1, f"{key} is given {sorted(counts)} parameters in different places"
        assert parameters(said[key]) <= set(range(1, max(counts) + 1)), (key, said[key])
        if language == "en":  # a parameter given and never said would be lost in every language
            assert parameters(said[key]) == set(range(1, max(counts) + 1)), (key, said[key])


def test_no_message_is_left_without_a_problem():
    assert set(messages_in("en")) - set(USES) == set()


def test_a_problem_keeps_its_table_shape_and_names_its_message():
    problem = Problem("a.parquet", 3, "round", "x", "is not a whole number.", "not_a_whole_number", kind="round")
    assert problem.key == "harvest-problem-not-a-whole-number-round"
    assert list(problem.as_dict()) == ["file", "row", "column", "value", "message", "code", "fatal"]
    many = [Problem("a", i, "round", i, "bad", "out_of_range", args=(1,), kind="round-low") for i in range(1, 5)]
    more = capped(many, limit=2)[-1]
    assert more.key == "harvest-problem-more-rows" and more.args == (2, "out_of_range", 2)
