"""Imports that keep every character (issue #15, item 4): a text sheet's encoding is told per file, never guessed
silently; a file whose lines disagree is refused with the lines named; UTF-32 is read as UTF-32; a workbook formula
without a computed value keeps its text, neutralised, and is reported; every kind of sheet the importer reads is
accepted where sheets are uploaded."""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis.downloads import read_csv, to_csv
from loaders import importer, load_export
from loaders.__main__ import main as loaders_main
from loaders.formulas import FORMULA_STARTS

GERMAN = ["Café für alle", "Straße und Brücke", "Preis: 5 € pro Tag"]
NON_LATIN = ["ترجمة أفضل للويكي الصغيرة", "अनुवाद उपकरण चाहिए", "Больше наставников"]


def csv_lines(notes: list[str]) -> list[str]:
    return ["text,region"] + [f"{note},NWE" for note in notes]


def imported_texts(path: Path, out: Path) -> tuple[list[str], importer.ImportResult]:
    result = importer.import_file(path, out)
    assert result.ok, [str(p) for p in result.problems]
    return list(load_export(out).contributions["text"]), result


# ------------------------------------------------------------------------------------------------ text encodings


def test_a_csv_mixing_utf8_and_windows_1252_lines_is_refused_with_the_lines_named(tmp_path, capsys):
    path = tmp_path / "merged.csv"
    header, *rows = csv_lines(["Ça marche", *GERMAN[:2], "Où est la salle ?"])
    path.write_bytes(
        b"\r\n".join(
            [
                header.encode("ascii"),
                rows[0].encode("utf-8"),  # line 2
                rows[1].encode("cp1252"),  # line 3
                rows[2].encode("cp1252"),  # line 4
                rows[3].encode("utf-8"),  # line 5
                b"Offline reading,NWE",  # ASCII: either
            ]
        )
    )
    with pytest.raises(importer.ImportFailed) as refused:
        importer.import_file(path, tmp_path / "out")
    [problem] = refused.value.problems
    assert problem.fatal and problem.code == "unreadable_file" and problem.file == "merged.csv"
    assert "lines 2, 5 are UTF-8 but lines 3, 4 are not: they look like Windows-1252" in problem.message
    assert 'save the file again as "CSV UTF-8"' in problem.message
    assert not (tmp_path / "out").exists()

    assert loaders_main(["import", str(path), "--out", str(tmp_path / "out")]) == 1  # what the command line says
    printed = capsys.readouterr().out
    assert "merged.csv: nothing was written." in printed and "lines 2, 5 are UTF-8 but lines 3, 4" in printed


def test_many_disagreeing_lines_are_counted_after_the_first_few():
    lines = [b"text"] + ["é utf".encode()] * 7 + ["é cp".encode("cp1252")] * 2
    with pytest.raises(importer.ImportFailed, match=r"lines 2, 3, 4, 5, 6 and 2 more are UTF-8 but lines 9, 10 are"):
        importer.read_sheet(b"\n".join(lines), name="notes.csv")


def test_a_windows_1252_csv_keeps_every_character_and_says_how_it_was_read(tmp_path):
    path = tmp_path / "excel-windows.csv"
    path.write_bytes("\r\n".join(csv_lines(GERMAN)).encode("cp1252"))
    texts, result = imported_texts(path, tmp_path / "out")
    assert texts == GERMAN
    said = result.remarks[0]
    assert "Windows-1252" in said and "guessed" in said and "not UTF-8" in said


@pytest.mark.parametrize(
    ("text", "encoding", "said"),
    [
        ("text\nÉté à Paris\n", "cp1252", "Windows-1252"),  # à is ŕ in Windows-1250, scored the same
        ("Idea,Region\nMöre grants für alle,SSA\n", "cp1252", "Windows-1252"),  # "ür" is Chinese in GB18030
        ("Заметка,Регион\nБольше переводов и наставников,CEE\n", "cp1251", "Windows-1251"),
        ("Σημείωση,Περιοχή\nΠερισσότερες μεταφράσεις,CEE\n", "cp1253", "Windows-1253"),
    ],
    ids=["french", "german", "russian", "greek"],
)
def test_a_few_short_notes_in_a_windows_code_page_are_read_in_it(text, encoding, said):
    sheet = importer.read_sheet(text.encode(encoding), name="short.csv")
    assert [sheet.headers, *sheet.rows] == [line.split(",") for line in text.splitlines()]
    assert said in sheet.remarks[0]


def test_valid_utf8_stays_utf8_even_when_a_code_page_would_read_it_too(tmp_path):
    path = tmp_path / "utf8.csv"
    path.write_text("\n".join(csv_lines(GERMAN + NON_LATIN)) + "\n", encoding="utf-8")
    texts, result = imported_texts(path, tmp_path / "out")
    assert texts == GERMAN + NON_LATIN and "in UTF-8" in result.remarks[0]


@pytest.mark.parametrize(
    ("encoded", "said"),
    [
        (lambda text: text.encode("utf-32"), "UTF-32 little-endian with a byte-order mark"),  # Python writes LE + BOM
        (lambda text: codecs.BOM_UTF32_BE + text.encode("utf-32-be"), "UTF-32 big-endian with a byte-order mark"),
        (lambda text: text.encode("utf-32-le"), "UTF-32 little-endian without a byte-order mark"),
    ],
    ids=["utf-32-le-bom", "utf-32-be-bom", "utf-32-le-no-bom"],
)
def test_utf32_is_read_as_utf32_with_every_character(tmp_path, encoded, said):
    """The UTF-32 little-endian mark FF FE 00 00 starts with UTF-16's FF FE: it was read as UTF-16, and stored as
    garbage."""
    path = tmp_path / "notes.csv"
    path.write_bytes(encoded("\n".join(csv_lines(NON_LATIN)) + "\n"))
    texts, result = imported_texts(path, tmp_path / "out")
    assert texts == NON_LATIN
    assert said in result.remarks[0]


def test_utf16_with_its_mark_is_still_utf16(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("\t\n".join(["text", *NON_LATIN]).encode("utf-16"))
    texts, result = imported_texts(path, tmp_path / "out")
    assert texts == NON_LATIN and "UTF-16" in result.remarks[0] and "UTF-32" not in result.remarks[0]


def test_bytes_the_encoding_cannot_read_are_reported_with_their_line():
    data = codecs.BOM_UTF8 + "text\nCafé\nbroken \xff here\n".encode().replace(b"\xc3\xbf", b"\xff")
    sheet = importer.read_sheet(data, name="damaged.csv")
    assert sheet.rows[0] == ["Café"] and sheet.rows[1] == ["broken \ufffd here"]
    [problem] = sheet.problems
    assert "not valid in it, the first on line 3" in problem.message and not problem.fatal


def test_a_file_no_encoding_fits_is_refused_not_guessed():
    with pytest.raises(importer.ImportFailed, match="its encoding could not be told"):
        importer.read_sheet(bytes(range(256)) * 8, name="photo.csv")


# ------------------------------------------------------------------------------------------------ workbook formulas


def write_formula_book(path: Path) -> Path:
    """As openpyxl writes a workbook: formulas, and never a value computed from them."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Notes"
    sheet.append(["#", "Note", "Home region", "Votes"])
    sheet.append([1, '="Need"&" translation"', "SSA", 2])
    sheet.append([2, "Offline reading", "NWE", "=1+1"])
    book.save(path)
    return path


def test_a_formula_without_a_computed_value_keeps_its_text_neutralised_and_is_reported(tmp_path):
    texts, result = imported_texts(write_formula_book(tmp_path / "notes.xlsx"), tmp_path / "out")
    assert texts == ['\'="Need"&" translation"', "Offline reading"]
    said = {(p.row, p.column): p for p in result.problems if p.code == "missing_value"}
    note = said[(2, "Note")]
    assert note.file == "notes.xlsx" and note.value == '="Need"&" translation"'
    assert 'Cell B2 of the sheet "Notes" holds the formula ="Need"&" translation"' in note.message
    assert "no value computed from it" in note.message and "formula's text is kept" in note.message
    votes = said[(3, "Votes")]
    assert "Cell D3" in votes.message and "=1+1" in votes.message
    assert (3, "Votes", "not_a_whole_number") in {(p.row, p.column, p.code) for p in result.problems}

    # Never run again: the note as a CSV download holds it as text, and so does a spreadsheet reading it back.
    notes = load_export(tmp_path / "out").contributions[["text"]]
    _, table = read_csv(to_csv(notes, {}))
    assert not any(text.startswith(FORMULA_STARTS) for text in table["text"])


def rewrite(path: Path, member: str, replacements: dict[str, str]) -> Path:
    """The workbook with one member's XML edited, as another program would have written it."""
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    xml = members[member].decode("utf-8")
    for old, new in replacements.items():
        assert old in xml, old
        xml = xml.replace(old, new)
    members[member] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)
    return path


def test_computed_values_are_read_as_values_and_only_missing_ones_keep_the_formula(tmp_path):
    """Excel saves a value for every formula; a formula that computed "" is saved as an empty text value and must
    stay empty (not become its formula). A shared formula is written out for its own cell."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Notes"
    sheet.append(["Note", "Votes", "Double"])
    sheet.append(["=A9", "=1+1", "=B2*2"])
    sheet.append(['=IF(1,"","x")', 3, "=B3*2"])
    sheet.append(["Offline reading", 1, "=B4*2"])
    book.save(tmp_path / "excel.xlsx")
    path = rewrite(
        tmp_path / "excel.xlsx",
        "xl/worksheets/sheet1.xml",
        {
            '<c r="A2"><f>A9</f><v /></c>': '<c r="A2" t="str"><f>A9</f><v>More mentors</v></c>',
            '<c r="B2"><f>1+1</f><v /></c>': '<c r="B2"><f>1+1</f><v>2</v></c>',
            '<c r="A3"><f>IF(1,"","x")</f><v /></c>': '<c r="A3" t="str"><f>IF(1,"","x")</f><v></v></c>',
            '<c r="C2"><f>B2*2</f><v /></c>': '<c r="C2"><f t="shared" ref="C2:C4" si="0">B2*2</f><v>4</v></c>',
            '<c r="C3"><f>B3*2</f><v /></c>': '<c r="C3"><f t="shared" si="0"/><v>6</v></c>',
            '<c r="C4"><f>B4*2</f><v /></c>': '<c r="C4"><f t="shared" si="0"/></c>',
        },
    )
    read = importer.read_sheet(path)
    assert read.rows == [["More mentors", "2", "4"], ["", "3", "6"], ["Offline reading", "1", "'=B4*2"]]
    assert [(p.row, p.column, p.value) for p in read.problems] == [(4, "Double", "=B4*2")]
    assert "Cell C4" in read.problems[0].message


# ------------------------------------------------------------------------------------------------ every kind accepted


def as_xlsm(path: Path) -> Path:
    """A macro-enabled workbook as Excel names it: the workbook part's content type says so."""
    return rewrite(
        write_formula_book(path),
        "[Content_Types].xml",
        {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": (
                "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
            )
        },
    )


def write_kind(path: Path) -> Path:
    """A sheet of two notes in ``path``'s kind, as a spreadsheet program saves it."""
    if path.suffix in (".csv", ".txt"):
        path.write_text("Note,Home region\nNeed translation,SSA\nOffline reading,NWE\n", encoding="utf-8")
    elif path.suffix == ".tsv":
        path.write_text("Note\tHome region\nNeed translation\tSSA\nOffline reading\tNWE\n", encoding="utf-8")
    elif path.suffix == ".xlsx":
        write_formula_book(path)
    elif path.suffix == ".xlsm":
        as_xlsm(path)
    elif path.suffix == ".ods":
        frame = pd.DataFrame({"Note": ["Need translation", "Offline reading"], "Home region": ["SSA", "NWE"]})
        frame.to_excel(path, engine="odf", index=False)
    else:
        raise AssertionError(f"{path.suffix} is accepted for upload, but this test cannot write one to import")
    return path


@pytest.mark.parametrize("suffix", importer.SHEET_SUFFIXES)
def test_every_kind_of_file_the_upload_accepts_is_imported(tmp_path, suffix):
    """pages/data.py accepts exactly importer.SHEET_SUFFIXES: each of them must import."""
    path = write_kind(tmp_path / f"notes{suffix}")
    texts, _ = imported_texts(path, tmp_path / "out")
    assert texts[1] == "Offline reading" and texts[0] in ("Need translation", '\'="Need"&" translation"')
    upload = importer.import_upload(path.read_bytes(), path.name)
    assert upload.ok and upload.notes == 2


def test_an_xlsm_workbook_is_accepted_and_read_by_its_content(tmp_path):
    assert ".xlsm" in importer.SHEET_SUFFIXES and ".xlsm" in importer.READABLE
    sheet = importer.read_sheet(as_xlsm(tmp_path / "macros.xlsm"))
    assert sheet.rows[0][:2] == ["1", '\'="Need"&" translation"']
