"""CSV downloads: every cell quoted, formulas neutralised (CR and LF inside cells included), provenance first in
cells of its own, numbers untouched, readable back with the csv module and pandas."""

import csv
import io

import pandas as pd

from analysis.downloads import read_csv, to_csv

HOSTILE = ['=HYPERLINK("http://127.0.0.1:9/x","y")', "+cmd", "-2+3", "@SUM(A1)", "plain", "\tTAB",
           "fine\r=1+1", "fine\n@SUM(1)", "a,=HYPERLINK(\"http://x\")", "a;=1+1", "＝1+1"]


def test_cells_a_spreadsheet_would_run_are_neutralised_and_numbers_are_not():
    frame = pd.DataFrame({"text": HOSTILE[:6], "gap": [-0.25, 0.5, -1.0, 0.0, 2.0, 3.0]})
    provenance, back = read_csv(to_csv(frame, {"filters": "region: NWE", "n": "6 notes"}))
    assert list(back["text"]) == ["'=HYPERLINK(\"http://127.0.0.1:9/x\",\"y\")", "'+cmd", "'-2+3", "'@SUM(A1)", "plain",
                                  "'\tTAB"]
    assert back["gap"].astype(float).tolist() == [-0.25, 0.5, -1.0, 0.0, 2.0, 3.0]
    assert provenance == {"filters": "region: NWE", "n": "6 notes"}


def test_every_field_is_quoted_so_no_separator_or_line_end_inside_a_cell_starts_another():
    """A carriage return inside a note used to end the row for readers that take CR as a line end, and the next
    "row" began with =; quoted fields keep the line end inside one cell, and it is written as LF."""
    frame = pd.DataFrame({"text": HOSTILE, "n": range(len(HOSTILE))})
    data = to_csv(frame, {"filters": "community: x,=HYPERLINK(\"http://127.0.0.1:9/p\")"}).decode("utf-8")
    rows = list(csv.reader(io.StringIO(data)))
    table = rows[2:]
    assert [len(r) for r in table] == [2] * (len(HOSTILE) + 1)
    assert "\r" not in "".join(c for r in table for c in r)
    assert [r[0] for r in table[1:]][6:8] == ["fine\n=1+1", "fine\n@SUM(1)"]
    for row in rows:  # every cell starts with a safe character: no formula in any cell, provenance included
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "＝")), cell
    # The provenance value with ",=" is one cell of one line, in quotes on disk.
    assert rows[1] == ['# filters: community: x,=HYPERLINK("http://127.0.0.1:9/p")']
    assert data.splitlines()[1].startswith('"# filters')


def test_provenance_comes_first_one_line_each_and_says_where_the_table_starts():
    data = to_csv(pd.DataFrame({"a": [1]}), {"harvest export": "x", "filters": "one\ntwo"})
    lines = data.decode("utf-8").splitlines()
    assert lines[0] == '"# Harvest CSV. The first 3 lines describe where the numbers come from; the table starts on line 4."'
    assert lines[1:3] == ['"# harvest export: x"', '"# filters: one two"']
    assert pd.read_csv(io.BytesIO(data), skiprows=3)["a"].tolist() == [1]


def test_lists_and_missing_values_are_written_as_text_a_person_reads():
    frame = pd.DataFrame({"codes": [["funding", "=evil"], []], "n": [pd.NA, 2]}).astype({"n": "Int64"})
    _, back = read_csv(to_csv(frame, {}))
    assert back["codes"].tolist() == ["funding; =evil", ""]
    assert back["n"].tolist() == ["", "2"]
