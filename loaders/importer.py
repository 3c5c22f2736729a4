"""Spreadsheet import: a CSV, .xlsx or .ods sheet of notes -> a valid session export (docs/import.md).

    python -m loaders import notes.xlsx --out exports/wikicafe-2017 [--map text=Note --map region="Home region"]

The sheet's columns are matched to the export's by name (case, accents, spaces and punctuation ignored) and by
common synonyms ("Note", "Comment", "Idea" for text; "#" or "ID" for contribution_id; "Home region" for region; "Tags"
or "Codes" for themes …); every guess is said, and ``--map FIELD=COLUMN`` overrides one (``--map votes=`` leaves a
field out). Each row that cannot be taken, and each value that cannot be used, is reported with the file, the row as
the spreadsheet numbers it, the column as the sheet names it, and the value. The export is written into a temporary
folder beside ``--out``, loaded back with ``load_export``, and only then renamed into place: there is either a complete,
valid export or none. An existing non-empty ``--out`` is never touched.

The app offers the same import for an uploaded sheet (pages/data.py): ``read_sheet`` + ``plan`` to preview the
mapping, then ``import_upload`` to load it without leaving files behind.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import os
import posixpath
import re
import shutil
import sys
import tempfile
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from charset_normalizer import from_bytes
from defusedxml.ElementTree import iterparse
from openpyxl.formula.translate import Translator
from openpyxl.utils import column_index_from_string

from . import ExportError, load_export
from .core import Export
from .formulas import neutralised
from .problems import Problem, ProblemsError, capped, show_value, unreadable
from .schema import CONTRIBUTIONS, PARTICIPANTS, PERSON_ATTRIBUTES

LIST = pa.list_(pa.string())
TIMESTAMP = pa.timestamp("us", tz="UTC")

#: Export columns a sheet column can become, with the usual other names for each (compared after ``_norm``).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "contribution_id": (
        "id",
        "#",
        "no",
        "nr",
        "number",
        "note id",
        "note number",
        "idea id",
        "comment id",
        "contribution",
        "row id",
        "ref",
        "reference",
    ),
    "text": (
        "note",
        "notes",
        "note text",
        "comment",
        "comments",
        "idea",
        "ideas",
        "contribution text",
        "content",
        "input",
        "response",
        "answer",
        "sticky note",
        "post it",
        "message",
        "statement",
        "texte",
        "texto",
        "nota",
        "comentario",
        "idee",
        "kommentar",
        "anteckning",
        "notiz",
    ),
    "session": ("event", "session name", "event name", "workshop", "meeting"),
    "question": ("question id", "q", "prompt", "frage", "pregunta", "fraga", "question asked"),
    "round": ("round no", "round number", "rotation", "cafe round"),
    "table": ("table no", "table number", "table name", "group", "tisch", "mesa", "bord"),
    "participant_id": (
        "participant",
        "participant no",
        "participant number",
        "participant code",
        "person id",
        "author id",
        "pid",
        "attendee id",
        "respondent id",
    ),
    "language": ("lang", "language code", "note language", "idioma", "langue", "sprache", "sprak", "lingua"),
    "themes": ("theme", "tags", "tag", "codes", "code", "coding", "categories", "category", "labels", "topics"),
    "direction": ("commitments", "commitment", "direction codes", "strategic direction", "direction commitments"),
    "votes": ("vote", "dots", "dot votes", "likes", "plus ones", "+1"),
    "submitted_at": (
        "submitted",
        "timestamp",
        "time stamp",
        "time",
        "date",
        "date time",
        "datetime",
        "created",
        "created at",
        "recorded at",
        "when",
    ),
    "region": ("home region", "world region", "participant region", "wikimedia region", "region id"),
    "country": ("home country", "country code", "country of residence"),
    "community": (
        "home community",
        "home wiki",
        "project",
        "affiliate",
        "organisation",
        "organization",
        "community name",
    ),
    "community_type": (
        "type of community",
        "community kind",
        "affiliation type",
        "stakeholder type",
        "stakeholder group",
    ),
    "languages": ("languages spoken", "spoken languages"),
    "gender": ("gender identity",),
    "age_band": ("age", "age group", "age range"),
    "newcomer": ("first time", "first event", "first strategy event", "new participant"),
}
#: Attributes only a participants file can hold (they describe a person, not a note).
PERSON_ONLY = ("languages", "gender", "age_band", "newcomer")
FIELDS = tuple(SYNONYMS)
#: Every kind of file the importer reads: the one list, which the app's upload (pages/data.py) accepts too.
SHEET_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".ods")
READABLE = ", ".join(SHEET_SUFFIXES[:-1]) + " or " + SHEET_SUFFIXES[-1]  # ".csv, .tsv, … or .ods"


class ImportFailed(Exception):
    """The sheet cannot become an export; ``problems`` says why (every reason found)."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # crosses a process boundary (ui/jobs.py) with its problems intact
        return type(self), (self.problems,)


# ------------------------------------------------------------------------------------------------ reading a sheet


@dataclass
class Sheet:
    """A sheet as text cells: ``rows[i]`` is spreadsheet row ``row_numbers[i]`` (the header is ``header_row``)."""

    name: str
    headers: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    header_row: int = 1
    remarks: list[str] = field(default_factory=list)  # how it was read: encoding, delimiter, sheet
    problems: list[Problem] = field(default_factory=list)


def _cell(value: object) -> str:
    """A spreadsheet cell as text: whole numbers without '.0', dates and times in ISO 8601, empty for nothing."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, float | np.floating):
        return str(int(value)) if float(value).is_integer() and abs(value) < 2**53 else repr(float(value))
    if isinstance(value, pd.Timestamp | datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


#: Byte-order marks, UTF-32's before UTF-16's: the UTF-32 little-endian mark (FF FE 00 00) starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 little-endian with a byte-order mark"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 big-endian with a byte-order mark"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with a byte-order mark"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 (as Excel saves 'Unicode text')"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 big-endian with a byte-order mark"),
)
#: What charset-normalizer may choose from for a file that is not UTF-8 and has no byte-order mark: the encodings
#: spreadsheet programs save text in (Excel's "CSV" on Windows is the system's ANSI code page), and UTF-16 and
#: UTF-32 without a mark. Mac and DOS code pages are left out: on a few short notes charset-normalizer can prefer
#: one of them to the Windows code page the file was saved in (a German Windows-1252 line read as Mac Turkish).
ENCODINGS = {
    "utf_8": "UTF-8",
    "cp1252": "Windows-1252 (Western European)",
    "cp1250": "Windows-1250 (Central European)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "cp1253": "Windows-1253 (Greek)",
    "cp1254": "Windows-1254 (Turkish)",
    "cp1255": "Windows-1255 (Hebrew)",
    "cp1256": "Windows-1256 (Arabic)",
    "cp1257": "Windows-1257 (Baltic)",
    "cp1258": "Windows-1258 (Vietnamese)",
    "cp874": "Windows-874 (Thai)",
    "cp932": "Shift JIS (Japanese)",
    "gb18030": "GB18030 (Chinese)",
    "cp949": "Windows-949 (Korean)",
    "big5": "Big5 (Traditional Chinese)",
    "utf_16_le": "UTF-16 little-endian without a byte-order mark",
    "utf_16_be": "UTF-16 big-endian without a byte-order mark",
    "utf_32_le": "UTF-32 little-endian without a byte-order mark",
    "utf_32_be": "UTF-32 big-endian without a byte-order mark",
}
_AS_UTF8 = (
    'as "CSV UTF-8" (Excel: File > Save As > CSV UTF-8; LibreOffice: File > Save As > Text CSV, character set '
    "Unicode (UTF-8))"
)


def _guess(data: bytes) -> str | None:
    """charset-normalizer's best guess among ENCODINGS, or None when none fits.

    On a few short notes it often cannot tell encodings apart: several read the bytes alike (é is E9 in Windows-1250
    and in Windows-1252), or read them differently with the same score ("à" in Windows-1252 is "ŕ" in Windows-1250;
    "ür" is a Chinese character in GB18030). Among the matches it ranks as tied with its best (its own measure:
    chaos within 0.01, coherence within 0.02), the first in ENCODINGS' order is taken: Windows-1252 before the rest.
    """
    matches = from_bytes(data, cp_isolation=list(ENCODINGS))
    best = matches.best()
    if best is None:
        return None
    tied = {
        name
        for match in matches
        if abs(match.chaos - best.chaos) < 0.01 and abs(match.coherence - best.coherence) <= 0.02
        for name in match.could_be_from_charset
    }
    return next((name for name in ENCODINGS if name in tied), best.encoding)


def _lines(numbers: list[int], shown: int = 5) -> str:
    """'line 3 is', 'lines 2, 5 are' or 'lines 2, 5, 7, 9, 11 and 20 more are'."""
    if len(numbers) == 1:
        return f"line {numbers[0]} is"
    more = f" and {len(numbers) - shown:,} more" if len(numbers) > shown else ""
    return f"lines {', '.join(str(n) for n in numbers[:shown])}{more} are"


def _refuse_mixed_lines(data: bytes, name: str) -> None:
    """Raise ImportFailed when some lines are UTF-8 (with other than ASCII characters) and others are not valid
    UTF-8: read in either encoding, the other lines would come out garbled, so the file is refused, the lines named."""
    utf8: list[int] = []
    other: list[int] = []
    sample: list[bytes] = []
    for number, line in enumerate(data.splitlines(), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other.append(number)
            if len(sample) < 1000:
                sample.append(line)
        else:
            utf8.append(number)
    if not (utf8 and other):
        return
    guess = _guess(b"\n".join(sample))
    looks = f": they look like {ENCODINGS[guess]}" if guess in ENCODINGS and guess != "utf_8" else ""
    raise ImportFailed(
        [
            Problem(
                name,
                None,
                None,
                None,
                f"mixes two encodings: {_lines(utf8)} UTF-8 but {_lines(other)} not{looks}. Read in either one, "
                "the accented letters of the other lines would come out garbled, so nothing is imported. Open it "
                f"in a spreadsheet program, correct those lines, and save the file again {_AS_UTF8}.",
                "unreadable_file",
                True,
                kind="mixed-encodings",
            )
        ]
    )


def _decode_as(data: bytes, codec: str, how: str, name: str) -> tuple[str, str, list[Problem]]:
    """``data`` decoded; bytes the encoding cannot read become U+FFFD and are reported, never dropped silently."""
    try:
        return data.decode(codec), how, []
    except UnicodeDecodeError as error:
        line = data[: error.start].decode(codec, errors="replace").count("\n") + 1
        problem = Problem(
            name,
            None,
            None,
            None,
            f"is read as {how}, but has bytes that are not valid in it, the first on line {line}; each is kept "
            f"as \ufffd. To keep every character, save the file again {_AS_UTF8}.",
            "unreadable_file",
            args=(how, line),
            kind="bad-bytes",
        )
        return data.decode(codec, errors="replace"), how, [problem]


def _decode(data: bytes, name: str) -> tuple[str, str, list[Problem]]:
    """Text, how it was read, and what could not be read. A byte-order mark decides (UTF-32's checked before
    UTF-16's); else valid UTF-8 is UTF-8; else a file whose lines disagree (some UTF-8, some not) is refused; else
    charset-normalizer guesses among ENCODINGS, and the guess is said. Raises ImportFailed when nothing fits."""
    for bom, codec, how in _BOMS:
        if data.startswith(bom):
            return _decode_as(data[len(bom) :], codec, how, name)
    if b"\x00" not in data:  # with NUL bytes: UTF-16 or UTF-32 without a mark, which charset-normalizer tells apart
        try:
            return data.decode("utf-8"), "UTF-8", []
        except UnicodeDecodeError:
            _refuse_mixed_lines(data, name)
    guess = _guess(data)
    if guess is None:
        raise ImportFailed(
            [
                Problem(
                    name,
                    None,
                    None,
                    None,
                    "is not UTF-8, has no byte-order mark, and its encoding could not be told (it may not be text "
                    f"at all). If it is a sheet, open it in a spreadsheet program and save it {_AS_UTF8}.",
                    "unreadable_file",
                    True,
                    kind="encoding",
                )
            ]
        )
    how = (
        f"{ENCODINGS.get(guess, guess)}, as charset-normalizer guessed (the file is not UTF-8 and has no "
        "byte-order mark): check that accented letters came out right; if not, save the sheet as CSV UTF-8"
    )
    return _decode_as(data, guess, how, name)


_DELIMITERS = ",;\t|"
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def _delimiter(text: str) -> str:
    """csv.Sniffer on the first lines; when it cannot tell, or picks one the header line lacks, the header decides."""
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    first = next((line for line in sample.splitlines() if line.strip()), "")
    try:
        found = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        found = ""
    if found and (found in first or not any(d in first for d in _DELIMITERS)):
        return found
    counts = {d: first.count(d) for d in _DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _read_text(data: bytes, name: str) -> tuple[list[list[str]], list[str], list[Problem]]:
    text, encoding, problems = _decode(data, name)
    delimiter = _delimiter(text)
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return rows, [f"read as text with columns separated by {_DELIMITER_NAMES[delimiter]}, in {encoding}"], problems


#: A workbook is a zip of XML: about 10 to 30 to 1 compressed. Its members are read whole by openpyxl and odfpy, so
#: what they unpack to is bounded before either sees them (a 1 MB .ods can hold a member that inflates to 1 GB).
MAX_WORKBOOK_UNPACKED = 1024 * 1024 * 1024
#: In a worksheet's XML, the end of a formula (``</f>``, ``<f t="shared" si="0"/>``, any namespace prefix) followed by
#: no value (``<v/>``, ``<v></v>``, or the cell's end): a sheet without one has a computed value for every formula,
#: and is not parsed again.
_P = rb"(?:[A-Za-z_][\w.-]*:)?"
_FORMULA_WITHOUT_VALUE = re.compile(
    rb"(?:</" + _P + rb"f>|<" + _P + rb"f(?:\s[^>]*)?/>)\s*"
    rb"(?:<" + _P + rb"v(?:\s[^>]*)?/>|<" + _P + rb"v(?:\s[^>]*)?>\s*</" + _P + rb"v>|</" + _P + rb"c>)"
)


def _kind(data: bytes, name: str) -> str:
    suffix = Path(name).suffix.lower()
    if data[:4] == b"PK\x03\x04":
        from .upload import check_sizes, open_zip

        archive = open_zip(name, data, "workbook (a workbook is a .zip archive)")
        check_sizes(name, archive.infolist(), MAX_WORKBOOK_UNPACKED)
        names = set(archive.namelist())
        if "mimetype" in names:
            with archive.open("mimetype") as member:
                if b"opendocument.spreadsheet" in member.read(200):
                    return "ods"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return suffix.lstrip(".") or "zip"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "xls"
    return "text"


@dataclass(frozen=True)
class Formula:
    """A workbook cell that holds a formula but no value computed from it (openpyxl and some other programs save
    none; Excel and LibreOffice do)."""

    sheet: str
    row: int  # as the spreadsheet numbers it
    column: int  # from 0: A is 0
    formula: str  # as a spreadsheet shows it, starting with "="

    @property
    def cell(self) -> str:
        return f"{_letters(self.column)}{self.row}"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _worksheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The archive member holding the worksheet called ``sheet``: xl/workbook.xml names it, its relationships say
    where it is."""
    rid = None
    with archive.open("xl/workbook.xml") as stream:
        for _, element in iterparse(stream):
            if _local(element.tag) == "sheet" and element.get("name") == sheet:
                rid = next((value for key, value in element.attrib.items() if _local(key) == "id"), None)
                break
    if rid is None or "xl/_rels/workbook.xml.rels" not in archive.namelist():
        return None
    with archive.open("xl/_rels/workbook.xml.rels") as stream:
        for _, element in iterparse(stream):
            if _local(element.tag) == "Relationship" and element.get("Id") == rid:
                target = element.get("Target", "")
                return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    return None


def _formulas_without_values(data: bytes, sheet: str) -> list[Formula]:
    """Every cell of the worksheet with a formula and no computed value: a ``<c>`` with ``<f>`` and no ``<v>``, or
    an empty one that is not a text result (``t="str"`` with an empty value is a formula that computed "").

    Read from the sheet's XML, as openpyxl reads a workbook either for values or for formulas, never both, and
    drops the difference between no value and an empty one. Shared formulas are written out for each cell (openpyxl's
    Translator), as a spreadsheet shows them. A sheet in which no formula can lack a value (as every sheet Excel or
    LibreOffice saved) is not parsed: its XML is only searched (_FORMULA_WITHOUT_VALUE).
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        part = _worksheet_part(archive, sheet)
        if part is None or part not in archive.namelist():
            return []
        with archive.open(part) as stream:
            tail = b""
            while chunk := stream.read(1 << 20):
                if _FORMULA_WITHOUT_VALUE.search(tail + chunk):
                    break
                tail = chunk[-512:]
            else:
                return []
        found: list[Formula] = []
        shared: dict[str, Translator] = {}
        row = column = 0
        rows = None  # <sheetData>: each row is dropped from it once read, so a long sheet is never held whole
        with archive.open(part) as stream:
            for event, element in iterparse(stream, events=("start", "end")):
                tag = _local(element.tag)
                if event == "start":
                    if tag == "row":
                        row = int(element.get("r") or row + 1)
                        column = -1
                    elif tag == "sheetData":
                        rows = element
                    continue
                if tag == "row" and rows is not None:
                    rows.clear()
                if tag != "c":
                    continue
                reference = element.get("r")
                if reference:
                    letters = reference.rstrip("0123456789")
                    column, row = column_index_from_string(letters) - 1, int(reference[len(letters) :])
                else:
                    column += 1
                formula = value = None
                for child in element:
                    if _local(child.tag) == "f":
                        formula = child
                    elif _local(child.tag) == "v":
                        value = child
                if formula is None:
                    element.clear()
                    continue
                text = "=" + (formula.text or "")
                where = f"{_letters(column)}{row}"
                if formula.get("t") == "shared" and formula.get("si") is not None:
                    if text != "=":
                        shared.setdefault(formula.get("si"), Translator(text, origin=where))
                    elif formula.get("si") in shared:
                        text = shared[formula.get("si")].translate_formula(where)
                computed = value is not None and (bool(value.text) or element.get("t") == "str")
                if not computed and text != "=":
                    found.append(Formula(sheet, row, column, text))
                element.clear()
        return found


def _read_workbook(data: bytes, kind: str, sheet: str | None) -> tuple[list[list[str]], list[str], list[Formula]]:
    engine = "odf" if kind == "ods" else "openpyxl"
    book = pd.ExcelFile(io.BytesIO(data), engine=engine)
    names = book.sheet_names
    if sheet is not None and sheet not in names:
        raise ImportFailed(
            [
                Problem(
                    sheet,
                    None,
                    None,
                    None,
                    f"There is no sheet called {show_value(sheet)}. The workbook has: {', '.join(names)}.",
                    "unreadable_file",
                    True,
                    args=(", ".join(names),),
                    kind="no-sheet",
                )
            ]
        )
    notes_sheets = [
        n for n in names if n.strip().casefold() != SEATING_SHEET
    ] or names  # the seating sheet is not notes
    chosen = sheet if sheet is not None else notes_sheets[0]
    frame = pd.read_excel(book, sheet_name=chosen, header=None, dtype=object)
    remark = f"read the sheet {show_value(chosen)}"
    if sheet is None and len(notes_sheets) > 1:
        others = ", ".join(n for n in notes_sheets if n != chosen)
        remark += f", the first of {len(notes_sheets)} (use --sheet NAME for another: {others})"
    rows = [[_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    kept = []
    for found in _formulas_without_values(data, chosen) if kind == "xlsx" else []:
        # The frame starts at A1 and leaves out trailing empty rows and columns, where such a cell can be.
        rows.extend([] for _ in range(found.row - len(rows)))
        cells = rows[found.row - 1]
        cells.extend("" for _ in range(found.column + 1 - len(cells)))
        if not cells[found.column]:
            cells[found.column] = neutralised(found.formula)
            kept.append(found)
    return rows, [remark], kept


def read_sheet(source: str | Path | bytes, name: str | None = None, sheet: str | None = None) -> Sheet:
    """Read a CSV/TSV (any delimiter; UTF-8, UTF-16 or UTF-32 by their byte-order marks, else UTF-8, else the
    encoding charset-normalizer finds, said in the remarks), .xlsx/.xlsm or .ods sheet (see SHEET_SUFFIXES).

    The header is the first row with any text; rows after it that are entirely empty are skipped. A workbook cell
    with a formula and no computed value keeps the formula's text, neutralised, and is reported. Raises
    ImportFailed when the file cannot be read at all, or when a text file mixes UTF-8 lines with lines in another
    encoding (the lines are named).
    """
    if isinstance(source, bytes):
        data, name = source, name or "upload"
    else:
        path = Path(source)
        name = name or path.name
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ImportFailed([unreadable(name, error.strerror)]) from error
    try:
        kind = _kind(data, name)
    except ProblemsError as refused:
        raise ImportFailed(refused.problems) from None
    if kind == "xls":
        raise ImportFailed(
            [
                Problem(
                    name,
                    None,
                    None,
                    None,
                    "is an old Excel 97-2003 workbook (.xls), which Harvest "
                    "cannot read. Save it as .xlsx, .ods or CSV and import that.",
                    "unreadable_file",
                    True,
                    kind="xls",
                )
            ]
        )
    formulas: list[Formula] = []
    problems: list[Problem] = []
    try:
        if kind in ("xlsx", "ods"):
            rows, remarks, formulas = _read_workbook(data, kind, sheet)
        elif kind == "text":
            rows, remarks, problems = _read_text(data, name)
        else:
            raise ValueError(f"a {kind} archive is not a spreadsheet")
    except ImportFailed:
        raise
    except Exception as error:  # noqa: BLE001 - whatever a damaged file makes a reader raise, it cannot be read
        raise ImportFailed(
            [
                Problem(
                    name,
                    None,
                    None,
                    None,
                    f"could not be read as a spreadsheet ({type(error).__name__}"
                    f": {str(error)[:200]}). Harvest reads {READABLE} sheets.",
                    "unreadable_file",
                    True,
                    args=(f"{type(error).__name__}: {str(error)[:200]}", READABLE),
                    kind="spreadsheet",
                )
            ]
        ) from error
    numbered = [(i, row) for i, row in enumerate(rows, start=1) if any(cell.strip() for cell in row)]
    if not numbered:
        raise ImportFailed(
            [Problem(name, None, None, None, "is empty: no row has any text.", "no_contributions", True, kind="sheet")]
        )
    header_row, header = numbered[0]
    headers, seen = [], {}
    for j, title in enumerate(header):
        title = title.strip() or f"column {_letters(j)}"
        seen[title] = seen.get(title, 0) + 1
        headers.append(title if seen[title] == 1 else f"{title} ({seen[title]})")
    out = Sheet(name, headers, [], [], header_row, remarks, problems)
    for number, row in numbered[1:]:
        if len(row) > len(headers):
            extra = [c for c in row[len(headers) :] if c.strip()]
            if extra:
                hint = (
                    ' If a cell holds the separator itself (themes written "a; b" in a sheet separated by '
                    "semicolons), put that cell in double quotes."
                    if kind == "text"
                    else ""
                )
                out.problems.append(
                    Problem(
                        name,
                        number,
                        None,
                        extra[0],
                        f"has {len(row)} cells but the header has "
                        f"{len(headers)} columns; the cells beyond the last column are left out." + hint,
                        "wrong_column_type",
                        args=(len(row), len(headers)),
                        kind="cells",
                    )
                )
        out.rows.append((row + [""] * len(headers))[: len(headers)])
        out.row_numbers.append(number)
    skipped = (numbered[-1][0] - header_row) - len(out.rows)
    if skipped:
        out.remarks.append(f"skipped {skipped} empty row{'s' if skipped != 1 else ''}")
    out.problems.extend(capped([_formula_problem(name, found, headers) for found in formulas]))
    return out


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _formula_problem(name: str, found: Formula, headers: list[str]) -> Problem:
    return Problem(
        name,
        found.row,
        headers[found.column] if found.column < len(headers) else None,
        found.formula,
        f"Cell {found.cell} of the sheet {show_value(found.sheet)} holds the formula {_short(found.formula)} "
        "but no value computed from it: the program that wrote the file saved none (Excel and LibreOffice do; "
        "openpyxl and some other tools do not). The formula's text is kept as the cell's text, after an apostrophe "
        "so that no spreadsheet runs it again. To import the computed value instead, open the file in Excel or "
        "LibreOffice and save it.",
        "missing_value",
        args=(found.cell, found.sheet, _short(found.formula)),
        kind="formula",
    )


def _letters(j: int) -> str:
    """Spreadsheet column letters: 0 -> A, 26 -> AA."""
    out = ""
    j += 1
    while j:
        j, rest = divmod(j - 1, 26)
        out = chr(65 + rest) + out
    return out


# ------------------------------------------------------------------------------------------------ the mapping


def _norm(header: str) -> str:
    """A column name compared loosely: accents, case, punctuation and repeated spaces ignored."""
    text = unicodedata.normalize("NFKD", header)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()
    if text in ("#", "no.", "nº", "n°", "+1"):
        return text.rstrip(".")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.replace("_", " ")).split())


@dataclass(frozen=True)
class Mapped:
    """One export column and where it comes from: ``header`` of the sheet, or None (generated / not in the sheet)."""

    field: str
    header: str | None
    how: str  # named (the column has the field's name), guessed (a synonym or the content), given (--map), generated
    why: str
    #: ``why`` as a key, for saying it in another language: left-out, as-asked, same-name, usual-name, longest-text,
    #: generated-id
    reason: str = ""


@dataclass
class Plan:
    """The sheet and how its columns become the export's: shown before anything is written."""

    sheet: Sheet
    mapping: list[Mapped]
    unused: list[str]

    def header(self, name: str) -> str | None:
        return next((m.header for m in self.mapping if m.field == name and m.header), None)

    def mapping_frame(self) -> pd.DataFrame:
        """One row per sheet column: what it becomes, how that was decided, and a first value (ids hidden)."""
        used = {m.header: m for m in self.mapping if m.header}
        rows = []
        for j, header in enumerate(self.sheet.headers):
            m = used.get(header)
            example = next((r[j] for r in self.sheet.rows if r[j].strip()), "")
            if m is not None and m.field == "participant_id":
                example = "(hidden)"
            rows.append(
                {
                    "column in the sheet": header,
                    "becomes": m.field if m else "(not imported)",
                    "how": m.how if m else "",
                    "why": m.why if m else "no export column matches its name",
                    "first value": example[:80],
                }
            )
        for m in self.mapping:
            if m.header is None:
                rows.append(
                    {"column in the sheet": "(none)", "becomes": m.field, "how": m.how, "why": m.why, "first value": ""}
                )
        return pd.DataFrame(rows)

    def preview(self, rows: int = 5) -> pd.DataFrame:
        """The first rows as the export will hold them (before checks), one column per export column used; the
        participant ids hidden."""
        columns = {}
        for m in self.mapping:
            if not m.header:
                continue
            j = self.sheet.headers.index(m.header)
            values = [r[j] for r in self.sheet.rows[:rows]]
            columns[m.field] = ["(hidden)" if v and m.field == "participant_id" else v for v in values]
        return pd.DataFrame(columns)

    def describe(self) -> list[str]:
        """The mapping in sentences, for the command line."""
        lines = []
        for m in self.mapping:
            source = f"column {show_value(m.header)}" if m.header else "no column"
            lines.append(f"{m.field:<16} <- {source} ({m.how}: {m.why})")
        if self.unused:
            lines.append("not imported: " + ", ".join(show_value(h) for h in self.unused))
        return lines


def plan(sheet: Sheet, overrides: dict[str, str | None] | None = None) -> Plan:
    """Decide which sheet column becomes which export column: ``overrides`` first, then names, then synonyms.

    ``overrides`` maps an export column to a sheet column (matched loosely), or to None/"" to leave it out.
    Raises ImportFailed when an override names an unknown field or column, or no column can hold the text.
    """
    overrides = dict(overrides or {})
    problems = []
    by_norm: dict[str, str] = {}
    for header in sheet.headers:
        by_norm.setdefault(_norm(header), header)
    chosen: dict[str, Mapped] = {}
    taken: set[str] = set()
    for name, header in overrides.items():
        if name not in SYNONYMS:
            problems.append(
                Problem(
                    sheet.name,
                    None,
                    None,
                    name,
                    f"--map {name}=…: {show_value(name)} is not an export column. Use one of: {', '.join(FIELDS)}.",
                    "missing_column",
                    True,
                    args=(name, ", ".join(FIELDS)),
                    kind="map-field",
                )
            )
            continue
        if not header:
            chosen[name] = Mapped(name, None, "given", "left out on request", "left-out")
            continue
        found = header if header in sheet.headers else by_norm.get(_norm(header))
        if found is None:
            problems.append(
                Problem(
                    sheet.name,
                    None,
                    header,
                    None,
                    f"--map {name}={header}: the sheet has no column "
                    f"{show_value(header)}. Its columns are: "
                    f"{', '.join(show_value(h) for h in sheet.headers)}.",
                    "missing_column",
                    True,
                    args=(name, header, ", ".join(show_value(h) for h in sheet.headers)),
                    kind="map-header",
                )
            )
            continue
        chosen[name] = Mapped(name, found, "given", "as asked with --map", "as-asked")
        taken.add(found)
    for name in FIELDS:  # a column named exactly like an export column
        header = by_norm.get(_norm(name))
        if name not in chosen and header and header not in taken:
            chosen[name] = Mapped(name, header, "named", "the column has this name", "same-name")
            taken.add(header)
    for name, synonyms in SYNONYMS.items():  # then the usual other names, in order of preference
        if name in chosen:
            continue
        for synonym in synonyms:
            header = by_norm.get(synonym)
            if header and header not in taken:
                chosen[name] = Mapped(
                    name, header, "guessed", f"{show_value(header)} is a usual name for it", "usual-name"
                )
                taken.add(header)
                break
    if "text" not in chosen:
        longest = _longest_text_column(sheet, taken)
        if longest:
            chosen["text"] = Mapped(
                "text",
                longest,
                "guessed",
                "no column is named like the note text; this one has the longest entries",
                "longest-text",
            )
            taken.add(longest)
    if "text" not in chosen or chosen["text"].header is None:
        problems.append(
            Problem(
                sheet.name,
                sheet.header_row,
                None,
                None,
                "No column holds the note text. Name it "
                "'text' (or 'Note', 'Comment', 'Idea'), or say which it is with --map text=COLUMN. "
                f"The sheet's columns are: {', '.join(show_value(h) for h in sheet.headers)}.",
                "missing_column",
                True,
                args=(", ".join(show_value(h) for h in sheet.headers),),
                kind="text",
            )
        )
    if problems:
        raise ImportFailed(problems)
    if "contribution_id" not in chosen or chosen["contribution_id"].header is None:
        chosen["contribution_id"] = Mapped(
            "contribution_id",
            None,
            "generated",
            "the sheet has no id column; each note gets row-N from its row number, stable while rows are not moved",
            "generated-id",
        )
    mapping = [chosen[name] for name in FIELDS if name in chosen]
    unused = [h for h in sheet.headers if h not in taken]
    return Plan(sheet, mapping, unused)


def overrides_from_choices(choices: dict[str, str | None]) -> dict[str, str | None]:
    """Sheet column -> export column (None: not imported), as a person chose them, as ``plan`` overrides: every
    export column is either given its column or left out. Raises ImportFailed when two columns are given one
    export column."""
    out: dict[str, str | None] = dict.fromkeys(FIELDS)
    problems = []
    for header, name in choices.items():
        if not name or name not in SYNONYMS:
            continue
        if out[name]:
            problems.append(
                Problem(
                    "mapping",
                    None,
                    name,
                    None,
                    f"Two columns, {show_value(out[name])} and "
                    f"{show_value(header)}, would both become `{name}`. Choose one.",
                    "duplicate_id",
                    True,
                    args=(show_value(out[name]), show_value(header), name),
                    kind="mapping",
                )
            )
        out[name] = header
    if problems:
        raise ImportFailed(problems)
    return out


def _longest_text_column(sheet: Sheet, taken: set[str]) -> str | None:
    best, best_length = None, 0.0
    for j, header in enumerate(sheet.headers):
        if header in taken:
            continue
        values = [r[j] for r in sheet.rows if r[j].strip()]
        if not values or all(re.fullmatch(r"[\d.,:/ +-]*", v) for v in values):
            continue
        length = sum(len(v) for v in values) / len(values)
        if length > best_length:
            best, best_length = header, length
    return best if best_length >= 15 else None


# ------------------------------------------------------------------------------------------------ building the tables


@dataclass
class Built:
    contributions: pa.Table
    participants: pa.Table | None
    note_rows: list[int]  # spreadsheet row of each contributions row
    person_rows: list[int]
    problems: list[Problem]
    remarks: list[str]
    seating: pa.Table | None = None  # from the workbook's sheet named "seating" (seating_sheet)
    seat_rows: list[int] = field(default_factory=list)
    seat_label: str = ""  # how problems name that sheet: 'notes.xlsx, sheet "Seating"'
    seat_headers: dict[str, str] = field(default_factory=dict)  # export column -> the seating sheet's column


def _codes(value: str, labels: dict[str, str]) -> list[str]:
    """A theme or direction cell: codes between ';' or line breaks; a codebook label becomes its id."""
    out = []
    for part in re.split(r"[;\n\r]+", value):
        part = part.strip()
        if part:
            out.append(labels.get(part.casefold(), labels.get(_norm(part).replace(" ", "_"), part)))
    return out


def _code_labels() -> dict[str, str]:
    """Codebook labels and loose ids -> ids, so a sheet may say 'Skills and training' for skills_training."""
    try:
        from .codebook import load_codebook

        book = load_codebook()
    except Exception:  # noqa: BLE001 - without a codebook, codes are simply kept as written
        return {}
    out = {}
    for table in (book.codes, book.commitments):
        for row in table[["id", "label"]].itertuples(index=False):
            out[str(row.label).casefold()] = row.id
            out[_norm(str(row.label)).replace(" ", "_")] = row.id
            out[str(row.id).casefold()] = row.id
    return out


def _whole(
    values: list[str], rows: list[int], sheet: str, header: str, what: str, minimum: int, problems: list[Problem]
) -> pa.Array:
    out = []
    for value, row in zip(values, rows, strict=True):
        text = value.strip()
        if not text:
            out.append(None)
            continue
        try:
            number = float(text.replace(",", ".")) if re.fullmatch(r"[+-]?\d+([.,]0*)?", text) else None
        except ValueError:
            number = None
        if number is None or not number.is_integer():
            problems.append(
                Problem(
                    sheet,
                    row,
                    header,
                    value,
                    f"{show_value(value)} is not a whole number. {what} The note is kept, without it.",
                    "not_a_whole_number",
                    kind="round" if minimum == 1 else "votes",
                )
            )
            out.append(None)
        elif number < minimum or number > 2**31 - 1:
            problems.append(
                Problem(
                    sheet,
                    row,
                    header,
                    value,
                    f"{show_value(value)} is out of range. {what} The note is kept, without it.",
                    "out_of_range",
                    kind="round-range" if minimum == 1 else "votes-range",
                )
            )
            out.append(None)
        else:
            out.append(int(number))
    return pa.array(out, pa.int32())


def _timestamps(values: list[str], rows: list[int], sheet: str, header: str, problems: list[Problem]) -> pa.Array:
    series = pd.Series([v.strip() or None for v in values], dtype="object")
    parsed = pd.to_datetime(series, utc=True, errors="coerce", format="mixed")
    for value, row, ok in zip(values, rows, parsed.notna(), strict=True):
        if value.strip() and not ok:
            problems.append(
                Problem(
                    sheet,
                    row,
                    header,
                    value,
                    f"{show_value(value)} is not a date and time (e.g. "
                    "2017-11-04 10:30). The note is kept, without it.",
                    "bad_timestamp",
                )
            )
    return pa.array(parsed.dt.as_unit("us"), type=TIMESTAMP)


def _text(values: list[str]) -> pa.Array:
    return pa.array([v.strip() or None for v in values], pa.string())


def build(plan: Plan) -> Built:
    """The contributions (and, when the sheet has participant ids and regions or countries, participants) tables.

    Rows without text are left out and reported; ids are generated where missing; codes split into lists; whole
    numbers and timestamps parsed, with every value that cannot be used reported and left empty.
    """
    sheet = plan.sheet
    problems: list[Problem] = list(sheet.problems)
    remarks: list[str] = []
    column = {m.field: sheet.headers.index(m.header) for m in plan.mapping if m.header}
    text_at = column["text"]
    keep = []
    for row, number in zip(sheet.rows, sheet.row_numbers, strict=True):
        if row[text_at].strip():
            keep.append((row, number))
        else:
            filled = [h for h, v in zip(sheet.headers, row, strict=True) if v.strip()]
            problems.append(
                Problem(
                    sheet.name,
                    number,
                    plan.header("text"),
                    row[text_at],
                    "The note has no text "
                    f"(the row has {', '.join(show_value(h) for h in filled[:3])}"
                    f"{' …' if len(filled) > 3 else ''}). A note must have text, so this row is left "
                    "out.",
                    "empty_text",
                    args=(", ".join(show_value(h) for h in filled[:3]) + (" …" if len(filled) > 3 else ""),),
                    kind="sheet",
                )
            )
    rows = [r for r, _ in keep]
    numbers = [n for _, n in keep]

    def values(name: str) -> list[str]:
        return [r[column[name]] for r in rows]

    data: dict[str, pa.Array] = {}
    given_ids = values("contribution_id") if "contribution_id" in column else [""] * len(rows)
    used = {v.strip() for v in given_ids if v.strip()}
    ids, generated = [], 0
    for value, number in zip(given_ids, numbers, strict=True):
        if value.strip():
            ids.append(value.strip())
            continue
        made, suffix = f"row-{number}", 1
        while made in used:
            suffix += 1
            made = f"row-{number}-{suffix}"
        used.add(made)
        ids.append(made)
        generated += 1
        if "contribution_id" in column:
            problems.append(
                Problem(
                    sheet.name,
                    number,
                    plan.header("contribution_id"),
                    None,
                    f"The note has no id; it is given {show_value(made)}, from its row.",
                    "missing_value",
                    args=(made,),
                    kind="note-id-made",
                )
            )
    if generated and "contribution_id" not in column:
        remarks.append(f"made {generated} contribution ids from row numbers (row-{numbers[0]} …)")
    data["contribution_id"] = pa.array(ids, pa.string())
    data["text"] = pa.array([v.strip() for v in values("text")], pa.string())
    labels = _code_labels() if ("themes" in column or "direction" in column) else {}
    for name in (
        "session",
        "question",
        "table",
        "participant_id",
        "language",
        "region",
        "country",
        "community",
        "community_type",
    ):
        if name in column:
            data[name] = _text(values(name))
    for name in ("themes", "direction"):
        if name in column:
            data[name] = pa.array([_codes(v, labels) for v in values(name)], LIST)
    if "round" in column:
        data["round"] = _whole(
            values("round"), numbers, sheet.name, plan.header("round"), "Rounds are numbered 1, 2, 3 …", 1, problems
        )
    if "votes" in column:
        data["votes"] = _whole(
            values("votes"), numbers, sheet.name, plan.header("votes"), "Votes are counted 0, 1, 2 …", 0, problems
        )
    if "submitted_at" in column:
        data["submitted_at"] = _timestamps(
            values("submitted_at"), numbers, sheet.name, plan.header("submitted_at"), problems
        )
    order = [c.name for c in CONTRIBUTIONS if c.name in data]
    contributions = pa.table({name: data[name] for name in order})

    participants, person_rows = None, []
    person_columns = [n for n in PERSON_ATTRIBUTES + PERSON_ONLY if n in column]
    if "participant_id" in column and ("region" in column or "country" in column):
        participants, person_rows = _people(plan, rows, numbers, column, person_columns, problems)
    else:
        left_out = [n for n in PERSON_ONLY if n in column]
        if left_out:
            remarks.append(
                f"left out {', '.join(plan.header(n) for n in left_out)}: these describe a person, and "
                "need a participant id column and a region or country column to be kept"
            )
    return Built(contributions, participants, numbers, person_rows, problems, remarks)


def _people(
    plan: Plan,
    rows: list[list[str]],
    numbers: list[int],
    column: dict[str, int],
    names: list[str],
    problems: list[Problem],
) -> tuple[pa.Table, list[int]]:
    """One row per participant id: the first value given for each attribute; a different later value is reported."""
    first: dict[str, dict[str, str]] = {}
    first_row: dict[str, int] = {}
    for row, number in zip(rows, numbers, strict=True):
        pid = row[column["participant_id"]].strip()
        if not pid:
            continue
        person = first.setdefault(pid, {})
        first_row.setdefault(pid, number)
        for name in names:
            value = row[column[name]].strip()
            if not value:
                continue
            if name not in person:
                person[name] = value
            elif person[name].casefold() != value.casefold():
                problems.append(
                    Problem(
                        plan.sheet.name,
                        number,
                        plan.header(name),
                        value,
                        f"This participant's "
                        f"{name.replace('_', ' ')} is {show_value(person[name])} in an earlier row "
                        f"but {show_value(value)} here. The first is kept.",
                        "duplicate_id",
                        args=(name, show_value(person[name])),
                        kind="participant",
                    )
                )
    ids = list(first)
    data: dict[str, pa.Array] = {"participant_id": pa.array(ids, pa.string())}
    for name in names:
        raw = [first[pid].get(name) for pid in ids]
        if name == "languages":
            data[name] = pa.array(
                [[x.strip() for x in re.split(r"[;,\n]+", v) if x.strip()] if v else [] for v in raw], LIST
            )
        else:
            data[name] = pa.array(raw, pa.string())
    order = [c.name for c in PARTICIPANTS if c.name in data]
    return pa.table({name: data[name] for name in order}), [first_row[pid] for pid in ids]


# ------------------------------------------------------------------------------------------------ writing and checking


@dataclass
class ImportResult:
    """What an import did: the plan, every problem (in the sheet's terms), and the export (None if none was made)."""

    plan: Plan
    problems: list[Problem]
    remarks: list[str]
    export: Export | None
    out: Path | None
    notes: int = 0
    participants: int = 0

    @property
    def ok(self) -> bool:
        return self.export is not None

    def problems_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [p.as_dict() for p in self.problems], columns=["file", "row", "column", "value", "message", "code", "fatal"]
        )


#: A workbook sheet with this name (any case) is the seating: who sat at which table in which round (not notes).
SEATING_SHEET = "seating"
SEATING_SYNONYMS: dict[str, tuple[str, ...]] = {
    "session": SYNONYMS["session"],
    "participant_id": SYNONYMS["participant_id"],
    "round": SYNONYMS["round"],
    "table": SYNONYMS["table"],
    "role": ("seat role", "host or traveller", "host traveller", "host traveler", "rol", "rolle", "roll"),
}


def seating_sheet(data: bytes, name: str, built: Built) -> None:
    """When the workbook has a sheet named "seating" (any case), read it into ``built.seating`` for seating.parquet.

    Its columns are matched as the notes' are (session, participant_id, round, table, role); values are kept as text
    and checked when the export is loaded (docs/data-format.md, "The `seating` table"), each problem said in the
    sheet's terms. A seating sheet without a participant, round or table column is reported and left out."""
    try:
        if _kind(data, name) not in ("xlsx", "ods"):
            return
        names = pd.ExcelFile(io.BytesIO(data), engine="odf" if _kind(data, name) == "ods" else "openpyxl").sheet_names
    except Exception:  # noqa: BLE001 - the notes sheet was read from this file; its problems are said there
        return
    found = next((n for n in names if n.strip().casefold() == SEATING_SHEET), None)
    if found is None:
        return
    label = f"{name}, sheet {show_value(found)}"
    try:
        sheet = read_sheet(data, name=label, sheet=found)
    except ImportFailed as failed:
        built.problems.extend(
            replace(p, fatal=False, message=p.message + " The seating is left out.") for p in failed.problems
        )
        return
    by_norm: dict[str, str] = {}
    for header in sheet.headers:
        by_norm.setdefault(_norm(header), header)
    headers: dict[str, str] = {}
    for field_name, synonyms in SEATING_SYNONYMS.items():
        for candidate in (field_name, *synonyms):
            header = by_norm.get(_norm(candidate))
            if header and header not in headers.values():
                headers[field_name] = header
                break
    missing = [f for f in ("participant_id", "round", "table") if f not in headers]
    if missing:
        built.problems.append(
            Problem(
                label,
                sheet.header_row,
                None,
                None,
                f"The seating sheet has no column for {', '.join(f'`{m}`' for m in missing)}. A seating sheet has "
                "the columns participant_id, round and table (and optionally session and role); its columns are: "
                f"{', '.join(show_value(h) for h in sheet.headers)}. The seating is left out.",
                "missing_column",
                args=(", ".join(f"`{m}`" for m in missing), ", ".join(show_value(h) for h in sheet.headers)),
                kind="seating",
            )
        )
        return
    data_columns = {
        f: pa.array([r[sheet.headers.index(h)].strip() or None for r in sheet.rows], pa.string())
        for f, h in headers.items()
    }
    built.seating = pa.table(data_columns)
    built.seat_rows = list(sheet.row_numbers)
    built.seat_label = label
    built.seat_headers = headers
    built.problems.extend(sheet.problems)
    built.remarks.append(f"read the seating from the sheet {show_value(found)}: {len(sheet.rows)} seats")


def _write(built: Built, folder: Path, source: str) -> None:
    meta = {"harvest.imported_from": source, "harvest.importer": "loaders/importer.py"}
    table = built.contributions.replace_schema_metadata(meta)
    pq.write_table(table, folder / "contributions.parquet", compression="zstd")
    if built.participants is not None:
        pq.write_table(
            built.participants.replace_schema_metadata(meta), folder / "participants.parquet", compression="zstd"
        )
    if built.seating is not None:
        pq.write_table(built.seating.replace_schema_metadata(meta), folder / "seating.parquet", compression="zstd")


def _in_sheet_terms(problem: Problem, built: Built, plan: Plan) -> Problem:
    """A loader problem about the written files, said about the sheet: its file, row and column names."""
    file = problem.file.replace("\\", "/").rsplit("/", 1)[-1]
    numbered = {
        "contributions.parquet": built.note_rows,
        "participants.parquet": built.person_rows,
        "seating.parquet": built.seat_rows,
    }
    rows = numbered.get(file)
    if rows is None:
        return replace(problem, file=plan.sheet.name)
    row = rows[problem.row - 1] if problem.row and 0 < problem.row <= len(rows) else problem.row
    if file == "seating.parquet":
        column = built.seat_headers.get(problem.column, problem.column) if problem.column else None
    else:
        column = plan.header(problem.column) or problem.column if problem.column else None

    def sheet_row(match: re.Match) -> str:
        n = int(match.group(2))
        other = numbered[match.group(1)]
        sheet = built.seat_label if match.group(1) == "seating.parquet" else plan.sheet.name
        return f"{sheet} row {other[n - 1] if 0 < n <= len(other) else n}"

    message = re.sub(
        r"[^\s(]*?(contributions\.parquet|participants\.parquet|seating\.parquet) row (\d+)", sheet_row, problem.message
    )
    message = message.replace("participants.parquet", "the participant columns")
    shown = built.seat_label if file == "seating.parquet" else plan.sheet.name
    return replace(problem, file=shown, row=row, column=column, message=message)


def _validate(folder: Path, built: Built, plan: Plan) -> tuple[Export | None, list[Problem]]:
    try:
        export = load_export(folder)
    except ExportError as error:
        return None, [_in_sheet_terms(p, built, plan) for p in error.problems]
    return export, [_in_sheet_terms(p, built, plan) for p in export.problems]


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.row is not None, p.row or 0))


def import_file(
    source: str | Path,
    out: str | Path,
    overrides: dict[str, str | None] | None = None,
    sheet: str | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import a sheet into the export folder ``out``: all of it or nothing. Raises ImportFailed when the sheet cannot
    be read or mapped, or ``out`` already holds something."""
    out = Path(out).expanduser()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ImportFailed(
            [
                Problem(
                    str(out),
                    None,
                    None,
                    None,
                    "already exists and is not an empty folder. Harvest "
                    "never overwrites an export: choose a new --out folder, or empty this one.",
                    "not_an_export",
                    True,
                    kind="out-exists",
                )
            ]
        )
    the_plan = plan(read_sheet(source, sheet=sheet), overrides)
    built = build(the_plan)
    seating_sheet(Path(source).read_bytes(), the_plan.sheet.name, built)
    out.parent.mkdir(parents=True, exist_ok=True)
    scratch = out.parent / f".{out.name}.importing-{uuid.uuid4().hex[:8]}"
    scratch.mkdir()
    try:
        _write(built, scratch, the_plan.sheet.name)
        export, found = _validate(scratch, built, the_plan)
        problems = _sorted(built.problems + found)
        remarks = the_plan.sheet.remarks + built.remarks
        if export is None or dry_run:
            return ImportResult(
                the_plan,
                problems,
                remarks,
                None if export is None else export,
                None,
                len(export.contributions) if export else 0,
                len(export.participants) if export else 0,
            )
        if out.exists():
            out.rmdir()  # empty, checked above
        os.replace(scratch, out)
        export = load_export(out)  # again, so the session takes the folder's own name, as it will for everyone
        return ImportResult(
            the_plan, problems, remarks, export, out, len(export.contributions), len(export.participants)
        )
    finally:
        if scratch.exists():
            shutil.rmtree(scratch, ignore_errors=True)


def preview_upload(data: bytes, name: str, sheet: str | None = None, progress=None) -> Plan:
    """How an uploaded sheet would be read: its guessed mapping, before anything is imported (ui/jobs.py runs it
    once per upload, in a worker process)."""
    report = progress or (lambda fraction: None)
    report(0.05)
    read = read_sheet(data, name=name, sheet=sheet)
    report(0.8)
    return plan(read)


def import_upload(
    data: bytes, name: str, overrides: dict[str, str | None] | None = None, sheet: str | None = None, progress=None
) -> ImportResult:
    """Import an uploaded sheet into memory: written to a temporary folder, loaded, and the folder removed.

    The Export's path says where it came from ("upload: notes.xlsx"); nothing stays on disk. ``progress``, when
    given, is called with the fraction done (0 to 1) between steps.
    """
    report = progress or (lambda fraction: None)
    report(0.05)
    the_plan = plan(read_sheet(data, name=name, sheet=sheet), overrides)
    report(0.45)
    built = build(the_plan)
    seating_sheet(data, name, built)
    report(0.7)
    with tempfile.TemporaryDirectory(prefix="harvest-upload-") as folder:
        from .upload import safe_name

        target = Path(folder) / safe_name(Path(safe_name(name)).stem, "sheet")
        target.mkdir()
        _write(built, target, name)
        export, found = _validate(target, built, the_plan)
    if export is not None:
        export.path = f"upload: {name}"
    return ImportResult(
        the_plan,
        _sorted(built.problems + found),
        the_plan.sheet.remarks + built.remarks,
        export,
        None,
        len(export.contributions) if export else 0,
        len(export.participants) if export else 0,
    )


# ------------------------------------------------------------------------------------------------ command line


def _mapping_argument(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise argparse.ArgumentTypeError(f'{text!r}: write FIELD=COLUMN, e.g. text=Note or region="Home region"')
    name, _, header = text.partition("=")
    return name.strip(), header.strip()


def add_import_command(subparsers) -> argparse.ArgumentParser:
    """Add ``import INPUT --out DIR [--map FIELD=COLUMN …] [--sheet NAME] [--dry-run]`` to ``python -m loaders``."""
    command = subparsers.add_parser(
        "import",
        help=f"turn a {READABLE} sheet of notes into an export",
        description="Turn a spreadsheet of notes into a Harvest session export. See docs/import.md.",
    )
    command.add_argument("input", help=f"the sheet: {READABLE} (a text sheet in any delimiter and encoding)")
    command.add_argument("--out", required=True, help="the export folder to create (must not exist, or be empty)")
    command.add_argument(
        "--map",
        action="append",
        default=[],
        type=_mapping_argument,
        metavar="FIELD=COLUMN",
        help="which sheet column becomes an export column, e.g. text=Note; FIELD= leaves it out",
    )
    command.add_argument("--sheet", help="the workbook sheet to read (default: the first)")
    command.add_argument("--dry-run", action="store_true", help="show the mapping and problems, write nothing")
    command.set_defaults(handler=run_import)
    return command


def run_import(args: argparse.Namespace) -> int:
    """Run the import command: prints the mapping, every problem and the outcome; 0 when an export was written."""
    overrides = dict(args.map or [])
    try:
        result = import_file(args.input, args.out, overrides, sheet=args.sheet, dry_run=args.dry_run)
    except ImportFailed as failure:
        print(f"{args.input}: nothing was written.")
        for problem in failure.problems:
            print(f"  - {problem}")
        return 1
    except Exception as error:  # noqa: BLE001 - never a bare traceback for a user
        print(
            f"{args.input}: could not be imported ({type(error).__name__}: {error}); nothing was written. "
            "Please report this.",
            file=sys.stderr,
        )
        return 1
    print(f"{args.input}: " + "; ".join(result.remarks))
    print("Columns:")
    for line in result.plan.describe():
        print(f"  {line}")
    if result.problems:
        print(f"{len(result.problems)} problem(s):")
        for problem in result.problems:
            print(f"  - {problem}")
    if result.export is None:
        print("The sheet cannot become a valid export, so nothing was written.")
        return 1
    if args.dry_run:
        print(f"Dry run: {result.notes} notes and {result.participants} participants would be written to {args.out}.")
        return 0
    print(
        f"Wrote {result.out}: {result.notes} notes, {result.participants} participants "
        f"(check it with: python -m loaders check {result.out})."
    )
    return 0
