"""Text a spreadsheet would run as a formula, and how it is kept as text: one rule for what comes in and goes out.

A cell that starts with one of ``FORMULA_STARTS`` is read as a formula by Excel, LibreOffice or Google Sheets (OWASP,
"CSV injection"). ``neutralised`` puts an apostrophe before such text, which every one of them shows as text and never
runs. The importer keeps the formula of a workbook cell that has no computed value this way (loaders/importer.py);
CSV downloads neutralise every cell with it (analysis.escape.csv_cell). It lives here, at the bottom layer, so that
both use the same rule.
"""

from __future__ import annotations

#: A cell starting with one of these is read as a formula by Excel, LibreOffice or Google Sheets (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralised(text: str) -> str:
    """``text`` as a spreadsheet shows it and never runs it: a leading apostrophe when it starts like a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
