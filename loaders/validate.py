"""Column coercions and row checks on Arrow arrays, vectorised; every value that is changed or dropped is reported."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pycountry

from . import regions
from .problems import Problem, show_value
from .schema import Column

LIST_TYPE = pa.list_(pa.string())
TS_TYPE = pa.timestamp("us", tz="UTC")
HIDDEN_VALUE_COLUMNS = {"participant_id"}  # pseudonymous ids never appear in messages


class Checker:
    """Collects problems for one file while its columns are coerced."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def rows(self, mask: pa.Array | np.ndarray, column: str, values: pa.Array | None, message, code: str) -> None:
        """One Problem per row where ``mask`` is true; ``message`` may be a function of the value."""
        mask = np.asarray(pc.fill_null(mask, False) if isinstance(mask, pa.Array) else mask, dtype=bool)
        idx = np.flatnonzero(mask)
        if not len(idx):
            return
        shown = values.take(pa.array(idx)).to_pylist() if values is not None else [None] * len(idx)
        for i, value in zip(idx.tolist(), shown):
            if column in HIDDEN_VALUE_COLUMNS:
                value = None
            text = message(value) if callable(message) else message
            self.problems.append(Problem(self.file, i + 1, column, value, text, code))

    def column(self, column: str, message: str, code: str, fatal: bool = False) -> None:
        self.problems.append(Problem(self.file, None, column, None, message, code, fatal))


def _plain(arr: pa.ChunkedArray | pa.Array) -> pa.Array:
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    return arr


def _type_name(t: pa.DataType) -> str:
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return "lists"
    if pa.types.is_struct(t) or pa.types.is_map(t):
        return "nested records"
    if pa.types.is_boolean(t):
        return "true/false values"
    if pa.types.is_integer(t) or pa.types.is_floating(t):
        return "numbers"
    if pa.types.is_temporal(t):
        return "dates or times"
    return str(t)


def as_string(arr, name: str, check: Checker) -> pa.Array | None:
    """Text, whatever simple type it was stored as (large_string, dictionary, integers, integral floats)."""
    arr = _plain(arr)
    t = arr.type
    if pa.types.is_string(t):
        return arr
    if pa.types.is_large_string(t) or pa.types.is_integer(t) or pa.types.is_boolean(t):
        return pc.cast(arr, pa.string())
    if pa.types.is_null(t):
        return pa.nulls(len(arr), pa.string())
    if pa.types.is_floating(t):
        valid = pc.drop_null(arr)
        if len(valid) == 0 or pc.all(pc.equal(pc.floor(valid), valid)).as_py():
            return pc.cast(pc.cast(arr, pa.int64()), pa.string())
        return pc.cast(arr, pa.string())
    if pa.types.is_binary(t) or pa.types.is_large_binary(t):
        try:
            return pc.cast(pc.cast(arr, pa.binary()), pa.string())
        except pa.ArrowInvalid:
            pass
    check.column(name, f"holds {_type_name(t)}, but text was expected. The column is left out.", "wrong_column_type")
    return None


_INT_TEXT = re.compile(r"^\s*[+-]?\d+(\.0*)?\s*$")


def as_integer(arr, col: Column, check: Checker) -> pa.Array | None:
    """Whole numbers; 2.0 is 2; anything else (2.5, "two", -1 for a round) is reported and left empty."""
    arr = _plain(arr)
    t = arr.type
    what = "Rounds are numbered 1, 2, 3 …" if col.name == "round" else "Votes are counted 0, 1, 2 …"
    fate = "This note is kept, without a " + ("round." if col.name == "round" else "vote count.")
    if pa.types.is_null(t):
        return pa.nulls(len(arr), pa.int32())
    if pa.types.is_integer(t):
        out = pc.cast(arr, pa.int64())
    elif pa.types.is_floating(t):
        whole = pc.equal(pc.floor(arr), arr)
        check.rows(pc.invert(whole), col.name, arr, lambda v: f"{show_value(v)} is not a whole number. {what} {fate}",
                   "not_a_whole_number")
        out = pc.cast(pc.if_else(whole, arr, None), pa.int64())
    elif pa.types.is_string(t) or pa.types.is_large_string(t):
        arr = pc.cast(arr, pa.string())
        trimmed = pc.utf8_trim_whitespace(arr)
        empty = pc.equal(trimmed, "")
        ok = pc.match_substring_regex(arr, _INT_TEXT.pattern)
        bad = pc.and_(pc.invert(ok), pc.invert(empty))
        check.rows(bad, col.name, arr, lambda v: f"{show_value(v)} is not a whole number. {what} {fate}",
                   "not_a_whole_number")
        usable = pc.if_else(ok, trimmed, None)
        out = pc.cast(pc.cast(usable, pa.float64()), pa.int64())
    else:
        check.column(col.name, f"holds {_type_name(t)}, but whole numbers were expected. The column is left out.",
                     "wrong_column_type")
        return None
    if col.minimum is not None:
        low = pc.less(out, col.minimum)
        check.rows(low, col.name, out,
                   lambda v: f"{show_value(v)} is below {col.minimum}. {what} {fate}", "out_of_range")
        out = pc.if_else(low, None, out)
    too_big = pc.greater(out, 2**31 - 1)
    check.rows(too_big, col.name, out, lambda v: f"{show_value(v)} is too large. {fate}", "out_of_range")
    return pc.cast(pc.if_else(too_big, None, out), pa.int32())


def _rebuild_lists(values: pa.Array, parents: np.ndarray, n: int) -> pa.Array:
    counts = np.bincount(parents, minlength=n) if len(parents) else np.zeros(n, dtype=np.int64)
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(counts, out=offsets[1:])
    return pa.ListArray.from_arrays(pa.array(offsets), values)


def as_list(arr, name: str, check: Checker, case: str) -> pa.Array | None:
    """list<string>; a string splits on ';' or new lines; codes are trimmed, empties dropped, nulls become []."""
    arr = _plain(arr)
    t = arr.type
    n = len(arr)
    if pa.types.is_null(t):
        return _rebuild_lists(pa.array([], pa.string()), np.array([], dtype=np.int64), n)
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_dictionary(t):
        arr = pc.split_pattern_regex(pc.cast(arr, pa.string()), r"[;\n]")
        t = arr.type
    if not (pa.types.is_list(t) or pa.types.is_large_list(t)):
        check.column(name, f"holds {_type_name(t)}, but lists of codes (or text with ';' between codes) were expected. "
                     "The column is left out.", "wrong_column_type")
        return None
    if isinstance(arr, pa.LargeListArray):
        arr = arr.cast(pa.list_(arr.type.value_type))
    flat = _plain(pc.list_flatten(arr))
    if not (pa.types.is_string(flat.type) or pa.types.is_large_string(flat.type) or pa.types.is_null(flat.type)):
        flat_s = as_string(flat, name, check)
        if flat_s is None:
            return None
        flat = flat_s
    flat = pc.utf8_trim_whitespace(pc.cast(flat, pa.string()))
    flat = pc.utf8_upper(flat) if case == "upper" else pc.utf8_lower(flat)
    parents = np.asarray(pc.list_parent_indices(arr))
    keep = np.asarray(pc.fill_null(pc.not_equal(flat, ""), False), dtype=bool)
    return _rebuild_lists(flat.filter(pa.array(keep)), parents[keep], n)


def as_timestamp(arr, name: str, check: Checker) -> pa.Array | None:
    """UTC timestamps; one without a time zone is taken as UTC; text is parsed where it is a date and time."""
    arr = _plain(arr)
    t = arr.type
    if pa.types.is_null(t):
        return pa.nulls(len(arr), TS_TYPE)
    if pa.types.is_timestamp(t):
        if t.tz is None:
            return pc.cast(pc.cast(arr, pa.timestamp("us")), TS_TYPE)
        return pc.cast(arr, TS_TYPE)
    if pa.types.is_date(t):
        return pc.cast(pc.cast(arr, pa.timestamp("us")), TS_TYPE)
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        import pandas as pd

        series = pd.Series(arr.to_pylist(), dtype="object")
        parsed = pd.to_datetime(series, utc=True, errors="coerce", format="mixed")
        bad = parsed.isna().to_numpy() & series.notna().to_numpy()
        check.rows(bad, name, arr, lambda v: f"{show_value(v)} is not a date and time. The note is kept, without it.",
                   "bad_timestamp")
        return pa.array(parsed.dt.as_unit("us"), type=TS_TYPE)
    check.column(name, f"holds {_type_name(t)}, but dates and times were expected. The column is left out.",
                 "wrong_column_type")
    return None


_TRUE = {"true", "yes", "y", "1", "t", "ja", "sí", "oui"}
_FALSE = {"false", "no", "n", "0", "f", "nej", "non"}


def as_boolean(arr, name: str, check: Checker) -> pa.Array | None:
    arr = _plain(arr)
    t = arr.type
    if pa.types.is_boolean(t):
        return arr
    if pa.types.is_null(t):
        return pa.nulls(len(arr), pa.bool_())
    if pa.types.is_integer(t) or pa.types.is_string(t) or pa.types.is_large_string(t):
        values = pc.utf8_lower(pc.utf8_trim_whitespace(pc.cast(arr, pa.string())))
        truthy = pc.is_in(values, pa.array(sorted(_TRUE)))
        falsy = pc.is_in(values, pa.array(sorted(_FALSE)))
        bad = pc.and_(pc.invert(pc.or_(truthy, falsy)), pc.and_(pc.is_valid(values), pc.not_equal(values, "")))
        check.rows(bad, name, arr, lambda v: f"{show_value(v)} is not yes or no. The person is kept, without it.",
                   "not_a_boolean")
        return pc.if_else(truthy, True, pc.if_else(falsy, False, pa.scalar(None, pa.bool_())))
    check.column(name, f"holds {_type_name(t)}, but yes/no values were expected. The column is left out.",
                 "wrong_column_type")
    return None


def map_values(arr: pa.Array, fn) -> tuple[pa.Array, pa.Array]:
    """Apply ``fn`` to each distinct value (fast on a million rows); returns (mapped, was_given_but_unmapped)."""
    enc = pc.dictionary_encode(arr)
    mapped_dict = pa.array([fn(v) for v in enc.dictionary.to_pylist()], pa.string())
    mapped = mapped_dict.take(enc.indices)
    given = pc.and_(pc.is_valid(arr), pc.not_equal(pc.utf8_trim_whitespace(arr), ""))
    return mapped, pc.and_(given, pc.is_null(mapped))


@lru_cache(maxsize=4096)
def language_tag(value: str | None) -> str | None:
    """A BCP 47 tag in canonical case (pt-br -> pt-BR, zh_hant -> zh-Hant), or None when its language is unknown."""
    if not value or not value.strip():
        return None
    parts = [p for p in re.split(r"[-_]", value.strip()) if p]
    lang = parts[0].lower()
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        return None
    known = pycountry.languages.get(alpha_2=lang) if len(lang) == 2 else pycountry.languages.get(alpha_3=lang)
    if known is None:
        return None
    out = [lang]
    for sub in parts[1:]:
        if re.fullmatch(r"[A-Za-z]{4}", sub):
            out.append(sub.title())
        elif re.fullmatch(r"[A-Za-z]{2}|\d{3}", sub):
            out.append(sub.upper())
        else:
            out.append(sub.lower())
    return "-".join(out)


def as_region(arr, name: str, check: Checker) -> pa.Array:
    arr = as_string(arr, name, check)
    if arr is None:
        return None
    mapped, unknown = map_values(arr, regions.region_id)
    choices = ", ".join(regions.REGION_IDS)
    check.rows(unknown, name, arr, lambda v: f"{show_value(v)} is not one of the eight regions ({choices}, or their "
               "names). It is kept as 'Region not known' unless the country says which region it is.", "unknown_region")
    return mapped


def as_country(arr, name: str, check: Checker) -> pa.Array:
    arr = as_string(arr, name, check)
    if arr is None:
        return None
    mapped, unknown = map_values(arr, regions.country_code)
    check.rows(unknown, name, arr, lambda v: f"{show_value(v)} is not an ISO 3166-1 country code or name (e.g. SE, "
               "BR, IN). It is kept as 'Country not known'.", "unknown_country")
    return mapped


def as_language(arr, name: str, check: Checker) -> pa.Array:
    arr = as_string(arr, name, check)
    if arr is None:
        return None
    mapped, unknown = map_values(arr, language_tag)
    check.rows(unknown, name, arr, lambda v: f"{show_value(v)} is not a language tag (BCP 47, e.g. en, sv, pt-BR). "
               "It is kept as 'Language not known'.", "unknown_language")
    return mapped
