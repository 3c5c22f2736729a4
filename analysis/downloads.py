"""CSV downloads that are safe to open in any spreadsheet and say where their numbers came from.

Written by the csv module with every field quoted: a cell holding a comma, a semicolon, a tab, a quote or a line end
stays one cell whatever separator a spreadsheet guesses. Text that a spreadsheet would run as a formula is neutralised
(analysis.escape.csv_cell). Provenance comes first, one quoted cell per line starting with "#", so no value in it can
become a cell of its own either; the first line says how many lines to skip.
"""

from __future__ import annotations

import csv
import io
import math

import numpy as np
import pandas as pd

from .escape import csv_cell

PREAMBLE = "# Harvest CSV. The first {n} lines describe where the numbers come from; the table starts on line {start}."


def _cell(value: object) -> object:
    """One value as a CSV cell: lists joined with "; ", missing as empty, text neutralised."""
    if isinstance(value, list | tuple | np.ndarray):
        return csv_cell("; ".join(str(v) for v in value))
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    return csv_cell(value)


def to_csv(frame: pd.DataFrame, provenance: dict[str, object]) -> bytes:
    """UTF-8 CSV: the provenance lines, then the table with a header row (read back with :func:`read_csv`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    lines = [f"{key}: {' '.join(str(value).split())}" for key, value in provenance.items()]
    writer.writerow([PREAMBLE.format(n=len(lines) + 1, start=len(lines) + 2)])
    for line in lines:
        writer.writerow([csv_cell("# " + line)])
    writer.writerow([csv_cell(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def read_csv(data: bytes) -> tuple[dict[str, str], pd.DataFrame]:
    """A Harvest CSV back as (provenance, table): what a test or a script reading a download needs."""
    text = data.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    provenance: dict[str, str] = {}
    start = 0
    for start, row in enumerate(rows):  # noqa: B007 - start is the first table row after the loop
        if not (len(row) == 1 and row[0].startswith("# ")):
            break
        key, _, value = row[0][2:].partition(": ")
        if not key.startswith("Harvest CSV"):
            provenance[key] = value
    header, body = rows[start], rows[start + 1 :]
    return provenance, pd.DataFrame(body, columns=header)
