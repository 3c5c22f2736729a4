"""CSV downloads: every cell quoted, formulas neutralised (CR and LF inside cells included), provenance first in
cells of its own, numbers untouched, readable back with the csv module and pandas."""

import csv
import io
import os
import re
import shutil
import subprocess

import pandas as pd
import pytest

from analysis.downloads import read_csv, to_csv

HOSTILE = [
    '=HYPERLINK("http://127.0.0.1:9/x","y")',
    "+cmd",
    "-2+3",
    "@SUM(A1)",
    "plain",
    "\tTAB",
    "fine\r=1+1",
    "fine\n@SUM(1)",
    'a,=HYPERLINK("http://x")',
    "a;=1+1",
    "＝1+1",
]


def test_cells_a_spreadsheet_would_run_are_neutralised_and_numbers_are_not():
    frame = pd.DataFrame({"text": HOSTILE[:6], "gap": [-0.25, 0.5, -1.0, 0.0, 2.0, 3.0]})
    provenance, back = read_csv(to_csv(frame, {"filters": "region: NWE", "n": "6 notes"}))
    assert list(back["text"]) == [
        '\'=HYPERLINK("http://127.0.0.1:9/x","y")',
        "'+cmd",
        "'-2+3",
        "'@SUM(A1)",
        "plain",
        "'\tTAB",
    ]
    assert back["gap"].astype(float).tolist() == [-0.25, 0.5, -1.0, 0.0, 2.0, 3.0]
    assert provenance == {"filters": "region: NWE", "n": "6 notes"}


def test_every_field_is_quoted_so_no_separator_or_line_end_inside_a_cell_starts_another():
    """A carriage return inside a note used to end the row for readers that take CR as a line end, and the next
    "row" began with =; quoted fields keep the line end inside one cell, and it is written as LF."""
    frame = pd.DataFrame({"text": HOSTILE, "n": range(len(HOSTILE))})
    data = to_csv(frame, {"filters": 'community: x,=HYPERLINK("http://127.0.0.1:9/p")'}).decode("utf-8")
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
    assert (
        lines[0]
        == '"# Harvest CSV. The first 3 lines describe where the numbers come from; the table starts on line 4."'
    )
    assert lines[1:3] == ['"# harvest export: x"', '"# filters: one two"']
    assert pd.read_csv(io.BytesIO(data), skiprows=3)["a"].tolist() == [1]


def test_lists_and_missing_values_are_written_as_text_a_person_reads():
    frame = pd.DataFrame({"codes": [["funding", "=evil"], []], "n": [pd.NA, 2]}).astype({"n": "Int64"})
    _, back = read_csv(to_csv(frame, {}))
    assert back["codes"].tolist() == ["funding; =evil", ""]
    assert back["n"].tolist() == ["", "2"]


SOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None and os.environ.get("CI") != "true",
    reason="LibreOffice reads the CSV back: sudo apt-get install libreoffice-calc-nogui (make system-packages)",
)


@needs_libreoffice
@pytest.mark.parametrize("separator", [",", ";", "\t"])
@pytest.mark.parametrize("target", ["xlsx", "ods"])
def test_libreoffice_opening_a_download_finds_no_formula_in_any_cell(tmp_path, separator, target):
    """LibreOffice's own CSV import, with formula evaluation on and whichever separator a user picks, turns no cell of
    a download into a formula; the control file (a plain formula) proves it would say so."""
    assert SOFFICE, "CI=true: LibreOffice must be installed (make system-packages)"
    frame = pd.DataFrame({"text": HOSTILE, "n": range(len(HOSTILE))})
    (tmp_path / "harvest.csv").write_bytes(to_csv(frame, {"filters": 'x,=HYPERLINK("http://127.0.0.1:9/p");=1+1'}))
    (tmp_path / "control.csv").write_text('a,b\n=1+1,"x"\n', encoding="utf-8")
    code = {",": 44, ";": 59, "\t": 9}[separator]
    # Field separator, text delimiter ", UTF-8, from line 1, …, evaluate formulas = true (token 13).
    options = f"CSV:{code},34,76,1,,,false,true,false,false,false,-1,true"
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--convert-to",
            target,
            "--infilter=" + options,
            "--outdir",
            str(tmp_path / "out"),
            str(tmp_path / "harvest.csv"),
            str(tmp_path / "control.csv"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert formulas(tmp_path / "out" / f"control.{target}")  # the check can see a formula
    assert formulas(tmp_path / "out" / f"harvest.{target}") == []


def formulas(path) -> list[str]:
    """The cells holding a formula in an .xlsx or .ods file."""
    if path.suffix == ".xlsx":
        import openpyxl

        sheet = openpyxl.load_workbook(path).active
        return [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    import zipfile

    content = zipfile.ZipFile(path).read("content.xml").decode("utf-8")
    return re.findall(r'table:formula="[^"]*"', content)
