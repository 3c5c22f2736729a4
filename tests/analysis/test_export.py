"""CSV downloads: formulas neutralised, numbers untouched, provenance first, readable back with pandas."""

import io

import pandas as pd

from analysis.export import to_csv


def test_cells_a_spreadsheet_would_run_are_neutralised_and_numbers_are_not():
    frame = pd.DataFrame({"text": ['=HYPERLINK("http://x","y")', "+cmd", "-2+3", "@SUM(A1)", "plain", "\tTAB"],
                          "gap": [-0.25, 0.5, -1.0, 0.0, 2.0, 3.0]})
    data = to_csv(frame, {"filters": "region: NWE", "n": "6 notes"}).decode("utf-8")
    back = pd.read_csv(io.StringIO(data), comment="#")
    assert list(back["text"]) == ["'=HYPERLINK(\"http://x\",\"y\")", "'+cmd", "'-2+3", "'@SUM(A1)", "plain", "'\tTAB"]
    assert list(back["gap"]) == [-0.25, 0.5, -1.0, 0.0, 2.0, 3.0]


def test_provenance_comes_first_one_line_each_even_when_a_value_has_line_breaks():
    data = to_csv(pd.DataFrame({"a": [1]}), {"harvest export": "x", "filters": "one\ntwo"}).decode("utf-8")
    lines = data.splitlines()
    assert lines[:2] == ["# harvest export: x", "# filters: one two"]
    assert lines[2] == "a"
