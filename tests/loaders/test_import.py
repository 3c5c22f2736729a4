"""Spreadsheet import: sheets as spreadsheet programs write them become exports that `python -m loaders check`
accepts; every row that cannot be taken is reported in the sheet's own terms; nothing partial is ever written."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from loaders import importer, load_export
from loaders.__main__ import main as loaders_main

HEADER = ["#", "Note", "Home region", "Country", "Participant", "Tags", "Round", "Votes", "Submitted", "Language"]
ROWS = [
    [
        1,
        "More translation tools for small wikis",
        "Sub-Saharan Africa",
        "KE",
        "p1",
        "translation; Tools and infrastructure",
        1,
        3,
        dt.datetime(2017, 11, 4, 9, 30),
        "en",
    ],
    [
        2,
        "Mentoring for newcomers\nand a welcoming first edit",
        "NWE",
        "SE",
        "p2",
        "skills_training",
        1,
        0,
        dt.datetime(2017, 11, 4, 9, 35),
        "en",
    ],
    [3, "", "NWE", "SE", "p2", "", 2, 1, None, "en"],  # no text: left out, reported as sheet row 4
    [
        4,
        "Fuentes en español, por favor",
        "LAC",
        "AR",
        "p3",
        "most_respected_source",
        "two",
        2,
        dt.datetime(2017, 11, 4, 9, 50),
        "es",
    ],  # "two" is not a round: kept without it, reported as row 5
    [5, "Offline reading", "", "", "", "", 2, 1, None, "en"],  # anonymous
]


def text_rows() -> list[list[str]]:
    return [HEADER] + [["" if v is None else str(v) for v in row] for row in ROWS]


def write_xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Notes"
    for row in [HEADER, *ROWS]:
        sheet.append(row)
    book.save(path)
    return path


def write_ods(path: Path) -> Path:
    pd.DataFrame(ROWS, columns=HEADER).to_excel(path, engine="odf", index=False)
    return path


def write_utf16_tabs(path: Path) -> Path:
    """As Excel's "Unicode text": UTF-16 little-endian with a BOM, tabs, CRLF line ends."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t", lineterminator="\r\n").writerows(text_rows())
    path.write_bytes(buffer.getvalue().encode("utf-16"))
    return path


def write_semicolon_bom(path: Path) -> Path:
    """As Excel's "CSV UTF-8" in a locale with decimal commas: semicolons, a BOM, CRLF."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(text_rows())
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return path


WRITERS = {
    "notes.xlsx": write_xlsx,
    "notes.ods": write_ods,
    "notes.txt": write_utf16_tabs,
    "notes.csv": write_semicolon_bom,
}


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_sheet_written_by_a_spreadsheet_program_imports_into_an_export_check_accepts(tmp_path, name, capsys):
    sheet = WRITERS[name](tmp_path / name)
    out = tmp_path / "wikicafe"
    result = importer.import_file(sheet, out)
    assert result.ok and result.out == out
    export = load_export(out)
    notes = export.contributions
    assert len(notes) == 4 and result.notes == 4
    assert list(notes["contribution_id"]) == ["1", "2", "4", "5"]
    assert notes["text"].iloc[1] == "Mentoring for newcomers\nand a welcoming first edit"  # a line break in a cell
    assert list(notes["themes"].iloc[0]) == ["translation", "tools_infrastructure"]  # a label became its id
    assert list(notes["region"].iloc[:3]) == ["SSA", "NWE", "LAC"] and pd.isna(notes["region"].iloc[3])
    assert notes["round"].isna().iloc[2] and notes["round"].iloc[0] == 1
    assert notes["submitted_at"].iloc[0] == pd.Timestamp("2017-11-04 09:30", tz="UTC")
    assert list(notes["language"].astype(str)) == ["en", "en", "es", "en"]
    assert len(export.participants) == 3 and export.participants_source == "file"
    assert export.problems == []
    assert (out / "participants.parquet").exists()
    assert loaders_main(["check", str(out)]) == 0
    assert "contributions: 4" in capsys.readouterr().out
    problems = {(p.row, p.column, p.code) for p in result.problems}
    assert problems == {(4, "Note", "empty_text"), (5, "Round", "not_a_whole_number")}
    assert all(p.file == name for p in result.problems)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no scratch folder left


def test_the_mapping_says_which_columns_it_guessed_and_why(tmp_path):
    plan = importer.plan(importer.read_sheet(write_xlsx(tmp_path / "notes.xlsx")))
    how = {m.field: (m.header, m.how) for m in plan.mapping}
    assert how["text"] == ("Note", "guessed")
    assert how["contribution_id"] == ("#", "guessed")
    assert how["region"] == ("Home region", "guessed")
    assert how["themes"] == ("Tags", "guessed")
    assert how["round"] == ("Round", "named")
    assert plan.unused == []
    lines = "\n".join(plan.describe())
    assert 'text             <- column "Note" (guessed: "Note" is a usual name for it)' in lines
    frame = plan.mapping_frame()
    assert frame.loc[frame["column in the sheet"] == "Participant", "first value"].item() == "(hidden)"
    assert set(plan.preview()["participant_id"]) <= {"(hidden)", ""}


def test_map_overrides_a_guess_and_can_leave_a_column_out(tmp_path):
    sheet = tmp_path / "ideas.csv"
    sheet.write_text("Idea,Comment,Votes\nMore grants,from table 3,2\nMentors,,1\n", encoding="utf-8")
    plan = importer.plan(importer.read_sheet(sheet), {"text": "comment", "votes": ""})
    assert plan.header("text") == "Comment" and plan.header("votes") is None
    result = importer.import_file(sheet, tmp_path / "out", {"text": "Idea", "votes": None})
    notes = load_export(tmp_path / "out").contributions
    assert list(notes["text"]) == ["More grants", "Mentors"] and notes["votes"].isna().all()
    assert result.plan.unused == ["Comment", "Votes"]


@pytest.mark.parametrize(
    "overrides, says", [({"txt": "Idea"}, "is not an export column"), ({"text": "Nope"}, "the sheet has no column")]
)
def test_a_wrong_map_says_what_is_wrong_and_writes_nothing(tmp_path, overrides, says):
    sheet = tmp_path / "ideas.csv"
    sheet.write_text("Idea\nMore grants\n", encoding="utf-8")
    with pytest.raises(importer.ImportFailed) as failure:
        importer.import_file(sheet, tmp_path / "out", overrides)
    assert says in str(failure.value)
    assert not (tmp_path / "out").exists()


def test_a_sheet_without_a_text_column_writes_nothing(tmp_path):
    sheet = tmp_path / "numbers.csv"
    sheet.write_text("id,votes\n1,2\n2,3\n", encoding="utf-8")
    with pytest.raises(importer.ImportFailed) as failure:
        importer.import_file(sheet, tmp_path / "out")
    assert "No column holds the note text" in str(failure.value) and "--map text=COLUMN" in str(failure.value)
    assert list(tmp_path.iterdir()) == [sheet]


def test_an_existing_export_is_never_overwritten(tmp_path):
    sheet = write_semicolon_bom(tmp_path / "notes.csv")
    out = tmp_path / "out"
    out.mkdir()
    (out / "contributions.parquet").write_bytes(b"precious")
    with pytest.raises(importer.ImportFailed, match="never overwrites"):
        importer.import_file(sheet, out)
    assert (out / "contributions.parquet").read_bytes() == b"precious"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert importer.import_file(sheet, empty).ok  # an empty folder is fine


def test_a_sheet_the_loader_refuses_leaves_no_files(tmp_path, monkeypatch):
    sheet = write_semicolon_bom(tmp_path / "notes.csv")

    def refuse(path):
        raise importer.ExportError(
            [
                importer.Problem(
                    f"{Path(path).name}/contributions.parquet", 2, "text", None, "refused", "wrong_column_type", True
                )
            ]
        )

    monkeypatch.setattr(importer, "load_export", refuse)
    result = importer.import_file(sheet, tmp_path / "out")
    assert result.export is None and not result.ok
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["notes.csv"]
    refused = next(p for p in result.problems if p.message == "refused")
    assert (refused.file, refused.row, refused.column) == ("notes.csv", 3, "Note")  # the sheet's terms


def test_ids_are_made_from_rows_when_the_sheet_has_none_and_stay_the_same(tmp_path):
    sheet = tmp_path / "notes.csv"
    sheet.write_text("Note\n\nMore grants\n\nMentors\n", encoding="utf-8")
    first = importer.import_file(sheet, tmp_path / "a")
    again = importer.import_file(sheet, tmp_path / "b")
    ids = list(load_export(tmp_path / "a").contributions["contribution_id"])
    assert ids == ["row-3", "row-5"] == list(load_export(tmp_path / "b").contributions["contribution_id"])
    assert next(m for m in first.plan.mapping if m.field == "contribution_id").how == "generated"
    assert any("row-3" in r for r in again.remarks)


def test_a_missing_id_is_made_from_its_row_and_said(tmp_path):
    sheet = tmp_path / "notes.csv"
    sheet.write_text("id,text\nn1,More grants\n,Mentors\n", encoding="utf-8")
    result = importer.import_file(sheet, tmp_path / "out")
    assert list(load_export(tmp_path / "out").contributions["contribution_id"]) == ["n1", "row-3"]
    assert [(p.row, p.column, p.code) for p in result.problems] == [(3, "id", "missing_value")]


def test_theme_cells_split_on_semicolons_and_line_breaks(tmp_path):
    sheet = tmp_path / "notes.csv"
    sheet.write_text('text,codes,direction\nA,"funding;\nSkills and training ; ",ke5\nB,,\n', encoding="utf-8")
    importer.import_file(sheet, tmp_path / "out")
    notes = load_export(tmp_path / "out").contributions
    assert [list(x) for x in notes["themes"]] == [["funding", "skills_training"], []]
    assert [list(x) for x in notes["direction"]] == [["KE5"], []]


def test_a_semicolon_sheet_with_an_unquoted_semicolon_theme_cell_says_to_quote_it(tmp_path):
    """Tried as a new user would: themes "funding; skills" in a sheet separated by semicolons, not quoted."""
    sheet = importer.read_sheet(b"text;region;themes\nMore grants;NWE;funding; skills_training\n", name="notes.csv")
    found = [p for p in sheet.problems if p.row == 2]
    assert len(found) == 1
    assert found[0].message.startswith(
        "has 4 cells but the header has 3 columns; the cells beyond the last column are left out."
    )
    assert "put that cell in double quotes" in found[0].message
    assert found[0].value == "skills_training"


def test_loader_problems_are_said_in_the_sheets_terms_without_participant_ids(tmp_path):
    sheet = tmp_path / "notes.csv"
    sheet.write_text(
        "id,text,participant,region\nn1,A,alice@example.org,Atlantis\nn1,B,bob,NWE\nn3,C,bob,SSA\n", encoding="utf-8"
    )
    result = importer.import_file(sheet, tmp_path / "out")
    said = {(p.row, p.column, p.code): p for p in result.problems}
    assert (2, "region", "unknown_region") in said  # row 2 of the sheet, its column name
    assert (3, "id", "duplicate_id") in said and "notes.csv row 2" in said[(3, "id", "duplicate_id")].message
    assert (4, "region", "duplicate_id") in said  # bob's region differs between rows: the first is kept
    for problem in result.problems:
        assert "alice" not in str(problem) and "bob" not in str(problem)
        assert problem.value not in ("alice@example.org", "bob")


def test_participant_attributes_without_ids_stay_with_the_notes(tmp_path):
    sheet = tmp_path / "notes.csv"
    sheet.write_text("text,region,gender\nA,SSA,woman\nB,NWE,man\n", encoding="utf-8")
    result = importer.import_file(sheet, tmp_path / "out")
    export = load_export(tmp_path / "out")
    assert not (tmp_path / "out" / "participants.parquet").exists()
    assert list(export.contributions["region"].astype(str)) == ["SSA", "NWE"]
    assert "gender" not in export.contributions
    assert any("gender" in r for r in result.remarks)


def test_encodings_delimiters_and_quoted_line_breaks(tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Note|Round\r\nCaf\xe9 pour tous|1\r\n".encode("cp1252"))
    sheet = importer.read_sheet(latin)
    assert sheet.rows == [["Café pour tous", "1"]] and "Windows-1252" in sheet.remarks[0]
    assert "vertical bars" in sheet.remarks[0]
    quoted = tmp_path / "quoted.csv"
    quoted.write_text('Note,Round\n"two\nlines",1\n\nlast,2\n', encoding="utf-8")
    sheet = importer.read_sheet(quoted)
    assert sheet.row_numbers == [2, 4] and sheet.rows[0][0] == "two\nlines"
    no_bom = tmp_path / "utf16.txt"
    no_bom.write_bytes("Note\tRound\nA\t1\n".encode("utf-16-le"))
    assert importer.read_sheet(no_bom).rows == [["A", "1"]]


def test_a_workbook_reads_its_first_sheet_unless_told_and_keeps_row_numbers(tmp_path):
    path = tmp_path / "book.xlsx"
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Read me"
    first["A3"], first["B3"] = "text", "votes"
    first["A4"], first["B4"] = "grants", 2.0
    first["A6"], first["B6"] = "mentors", 1
    book.create_sheet("Round 2").append(["Note"])
    book["Round 2"].append(["from sheet two"])
    book.save(path)
    sheet = importer.read_sheet(path)
    assert sheet.header_row == 3 and sheet.row_numbers == [4, 6] and sheet.rows[0] == ["grants", "2"]
    assert "the first of 2" in sheet.remarks[0]
    assert importer.read_sheet(path, sheet="Round 2").rows == [["from sheet two"]]
    with pytest.raises(importer.ImportFailed, match="no sheet called"):
        importer.read_sheet(path, sheet="Round 9")


def test_files_that_are_not_sheets_are_refused_with_a_reason(tmp_path):
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(importer.ImportFailed, match="Save it as .xlsx"):
        importer.read_sheet(old)
    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(importer.ImportFailed, match="is empty"):
        importer.read_sheet(empty)


def test_an_upload_is_imported_in_memory_and_leaves_no_files():
    data = b"text,region\nMore grants,SSA\n,NWE\n"
    before = set(Path(tempfile.gettempdir()).glob("harvest-upload-*"))
    result = importer.import_upload(data, "from-the-wall.csv")
    assert result.ok and result.export.path == "upload: from-the-wall.csv"
    assert len(result.export.contributions) == 1 and result.export.sessions == ["from-the-wall"]
    assert [(p.row, p.code) for p in result.problems] == [(3, "empty_text")]
    assert set(Path(tempfile.gettempdir()).glob("harvest-upload-*")) == before


def test_choices_made_in_the_app_become_overrides():
    chosen = {"Note": "text", "Where from": "region", "Facilitator": None}
    overrides = importer.overrides_from_choices(chosen)
    assert overrides["text"] == "Note" and overrides["region"] == "Where from" and overrides["votes"] is None
    with pytest.raises(importer.ImportFailed, match="would both become"):
        importer.overrides_from_choices({"Note": "text", "Idea": "text"})


def command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders")
    importer.add_import_command(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.handler(args)


def test_the_command_prints_the_mapping_problems_and_outcome(tmp_path, capsys):
    sheet = write_xlsx(tmp_path / "notes.xlsx")
    assert command(["import", str(sheet), "--out", str(tmp_path / "dry"), "--dry-run"]) == 0
    assert "Dry run: 4 notes" in capsys.readouterr().out and not (tmp_path / "dry").exists()
    assert command(["import", str(sheet), "--out", str(tmp_path / "out"), "--map", "region=Country"]) == 0
    printed = capsys.readouterr().out
    assert 'region           <- column "Country" (given: as asked with --map)' in printed
    assert "notes.xlsx, row 4, column `Note`: The note has no text" in printed
    assert f"Wrote {tmp_path / 'out'}: 4 notes" in printed
    assert command(["import", str(sheet), "--out", str(tmp_path / "out")]) == 1
    assert "nothing was written" in capsys.readouterr().out


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("name", ["wikicafe-notes-libreoffice.xlsx", "wikicafe-notes-libreoffice.ods"])
def test_sheets_libreoffice_wrote_import_and_their_uncoded_notes_in_five_languages_get_auto_codes(
    tmp_path, name, capsys
):
    from analysis.autocode import build_index, match_notes, with_auto_codes
    from loaders.codebook import load_codebook

    out = tmp_path / "export"
    assert loaders_main(["import", str(FIXTURES / name), "--out", str(out)]) == 0
    assert loaders_main(["check", str(out)]) == 0
    assert "No problems found." in capsys.readouterr().out
    export = load_export(out)
    notes = export.contributions
    assert len(notes) == 6
    assert list(notes["themes"].iloc[0]) == ["knowledge_ecosystem", "tools_infrastructure"]
    assert sorted(notes["region"].astype(str).unique()) == ["LAC", "NWE", "SSA"]

    matches = match_notes(notes, load_codebook())
    coded = with_auto_codes(notes, build_index(notes, load_codebook()), "both")
    uncoded = notes["themes"].map(len).to_numpy() == 0
    languages = set(notes.loc[uncoded, "language"].astype(str))
    assert languages == {"es", "fr", "de", "sv", "pt"}
    for row in notes.index[uncoded]:  # every uncoded note, whatever its language, is coded, with its matches shown
        assert len(coded.loc[row, "themes"]) > 0, notes.loc[row, "text"]
        assert coded.loc[row, "themes_auto"]
        shown = matches[matches["row"] == row]
        assert len(shown) and shown["keyword"].str.len().gt(0).all()
    assert not coded.loc[notes.index[~uncoded][0], "themes_auto"]  # facilitators' codes win


@pytest.mark.parametrize("member", ["mimetype", "content.xml", "xl/worksheets/sheet1.xml"])
def test_a_workbook_whose_member_inflates_far_beyond_its_size_is_refused_before_it_is_read(member):
    """A 1 MB .ods whose `mimetype` inflated to 1 GiB made the importer allocate 2.2 GB: the zip's declared sizes and
    ratios are checked first, as for uploaded exports, and a member is never read whole to tell what the file is."""
    sink = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype" if member != "mimetype" else "x", b"application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr(member, b"application/vnd.oasis.opendocument.spreadsheet" + b" " * (64 * 1024 * 1024))
    with pytest.raises(importer.ImportFailed) as failure:
        importer.read_sheet(sink.getvalue(), name="notes.ods")
    assert "which protects the server from zip bombs" in str(failure.value)


def test_an_uploaded_sheet_named_to_escape_its_folder_imports_inside_it():
    before = {p.name for p in Path(tempfile.gettempdir()).iterdir()}
    result = importer.import_upload(b"text\nhello\nworld\n", "...csv")
    assert result.ok and result.notes == 2
    assert {p.name for p in Path(tempfile.gettempdir()).iterdir()} - before == set()
