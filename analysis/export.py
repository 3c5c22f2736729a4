"""CSV downloads that are safe to open in a spreadsheet and say where their numbers came from."""

from __future__ import annotations

import io

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame, provenance: dict[str, object]) -> bytes:
    """UTF-8 CSV with '# key: value' provenance lines first (read back with pandas.read_csv(..., comment='#'))."""
    safe = frame.copy()
    for name in safe.columns:
        column = safe[name]
        if column.dtype == object or pd.api.types.is_string_dtype(column) or isinstance(column.dtype, pd.CategoricalDtype):
            safe[name] = column.astype(object).map(neutralise)
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    buffer = io.StringIO()
    for key, value in provenance.items():
        text = " ".join(str(value).split())  # one line each, whatever the value holds
        buffer.write(f"# {key}: {text}\n")
    safe.to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")
