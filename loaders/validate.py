"""Column coercions and row checks on Arrow arrays, vectorised; every value that is changed or dropped is reported."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pycountry

from . import regions
from .problems import MAX_ROWS_PER_PROBLEM, Problem, show_value
from .schema import Column

LIST_TYPE = pa.list_(pa.string())
TS_TYPE = pa.timestamp("us", tz="UTC")
HIDDEN_VALUE_COLUMNS = {"participant_id"}  # pseudonymous ids never appear in messages


class Checker:
    """Collects problems for one file while its columns are coerced."""

    def __init__(self, file: str, required: tuple[str, ...] = ()):
        self.file = file
        self.required = required
        self.problems: list[Problem] = []
        self.left_out: set[str] = set()  # columns dropped because their type cannot be used
        self.listed: dict[tuple[str, str], int] = {}  # row problems listed per (column, code)
        self.more: dict[tuple[str, str, str], int] = {}  # and those only counted: problems.capped reports them

    def rows(
        self,
        mask: pa.Array | np.ndarray,
        column: str,
        values: pa.Array | None,
        message,
        code: str,
        details: tuple[pa.Array, ...] = (),
        row_of: np.ndarray | None = None,
        kind: str = "",
        args=(),
    ) -> None:
        """One Problem per row where ``mask`` is true; ``message`` may be a function of the value (and ``details``),
        and so may ``args``, the parameters of its translated message (loaders.problems.Problem).

        Only the flagged rows are visited, so a clean column costs one vectorised mask. For the items of a list
        column, ``row_of`` gives the row each item belongs to.
        """
        mask = np.asarray(
            pc.fill_null(mask, False) if isinstance(mask, pa.Array | pa.ChunkedArray) else mask, dtype=bool
        )
        idx = np.flatnonzero(mask)
        if not len(idx):
            return
        room = MAX_ROWS_PER_PROBLEM - self.listed.get((column, code), 0)
        if len(idx) > room:  # the rest are counted, not turned into a Problem each
            key = (self.file, column, code)
            self.more[key] = self.more.get(key, 0) + len(idx) - max(room, 0)
            idx = idx[: max(room, 0)]
            if not len(idx):
                return
        self.listed[(column, code)] = self.listed.get((column, code), 0) + len(idx)
        take = pa.array(idx)
        shown = values.take(take).to_pylist() if values is not None else [None] * len(idx)
        extra = [d.take(take).to_pylist() for d in details]
        for j, (i, value) in enumerate(zip(idx.tolist(), shown, strict=True)):
            if column in HIDDEN_VALUE_COLUMNS:
                value = None
            text = message(value, *(e[j] for e in extra)) if callable(message) else message
            said = args(value, *(e[j] for e in extra)) if callable(args) else args
            row = int(row_of[i]) if row_of is not None else i
            self.problems.append(Problem(self.file, row + 1, column, value, text, code, args=said, kind=kind))

    def column(
        self, column: str, message: str, code: str, fatal: bool = False, args: tuple = (), kind: str = ""
    ) -> None:
        self.problems.append(Problem(self.file, None, column, None, message, code, fatal, args, kind))

    def wrong_type(self, column: str, found: pa.DataType, expected: str) -> None:
        """A column whose type cannot be used: an optional one is left out; a required one makes the file unusable."""
        verb = "was" if expected == "text" else "were"
        said = f"holds {_type_name(found)}, but {expected} {verb} expected."
        if column in self.required:
            need = ", ".join(f"`{c}`" for c in self.required)
            self.column(
                column,
                f"{said} This file cannot be used without it. A valid file has at least the columns "
                f"{need} (see docs/data-format.md).",
                "wrong_column_type",
                fatal=True,
                args=(need,),
                kind="required",
            )
        else:
            self.left_out.add(column)
            self.column(column, f"{said} The column is left out.", "wrong_column_type", kind="left-out")


def _plain(arr: pa.ChunkedArray | pa.Array) -> pa.Array:
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    return arr


def _type_name(t: pa.DataType) -> str:
    """A column type in words."""
    if pa.types.is_dictionary(t):
        return _type_name(t.value_type)
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return "text"
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
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


def _nan_to_null(arr: pa.Array) -> pa.Array:
    """NaN is how pandas and NumPy write 'no value' in a float column."""
    return pc.if_else(pc.is_nan(arr), pa.scalar(None, arr.type), arr)


def given(arr: pa.Array) -> pa.Array:
    """True where a text value was given: neither null nor only spaces."""
    return pc.fill_null(pc.not_equal(pc.utf8_trim_whitespace(arr), ""), False)


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
        arr = _nan_to_null(arr)
        valid = pc.drop_null(arr)
        exact = pc.less_equal(pc.abs(valid), 2**53)
        if len(valid) == 0 or pc.all(pc.and_(pc.equal(pc.floor(valid), valid), exact)).as_py():
            return pc.cast(pc.cast(arr, pa.int64()), pa.string())  # ids written as 7.0 by pandas are "7"
        return pc.cast(arr, pa.string())
    if pa.types.is_binary(t) or pa.types.is_large_binary(t):
        try:
            return pc.cast(pc.cast(arr, pa.binary()), pa.string())
        except pa.ArrowInvalid:
            pass
    check.wrong_type(name, t, "text")
    return None


_INT_TEXT = re.compile(r"^\s*[+-]?\d+(\.0*)?\s*$")
_INT_LIMIT = 2**31 - 1


def as_integer(arr, col: Column, check: Checker) -> pa.Array | None:
    """Whole numbers; 2.0 is 2; anything else (2.5, "two", -1 for a round) is reported and left empty."""
    arr = _plain(arr)
    t = arr.type
    what = "Rounds are numbered 1, 2, 3 …" if col.name == "round" else "Votes are counted 0, 1, 2 …"
    fate = "This note is kept, without a " + ("round." if col.name == "round" else "vote count.")
    if pa.types.is_null(t):
        return pa.nulls(len(arr), pa.int32())
    shown = arr
    if pa.types.is_integer(t):
        numbers = arr
    elif pa.types.is_floating(t):
        arr = shown = _nan_to_null(arr)
        whole = pc.equal(pc.floor(arr), arr)
        check.rows(
            pc.invert(whole),
            col.name,
            shown,
            lambda v: f"{show_value(v)} is not a whole number. {what} {fate}",
            "not_a_whole_number",
            kind="round" if col.name == "round" else "votes",
        )
        numbers = pc.if_else(whole, arr, None)
    elif pa.types.is_string(t) or pa.types.is_large_string(t):
        arr = shown = pc.cast(arr, pa.string())
        ok = pc.match_substring_regex(arr, _INT_TEXT.pattern)
        bad = pc.and_(pc.invert(ok), given(arr))
        check.rows(
            bad,
            col.name,
            shown,
            lambda v: f"{show_value(v)} is not a whole number. {what} {fate}",
            "not_a_whole_number",
            kind="round" if col.name == "round" else "votes",
        )
        numbers = pc.cast(pc.if_else(ok, pc.utf8_trim_whitespace(arr), None), pa.float64())
    else:
        check.wrong_type(col.name, t, "whole numbers")
        return None
    low_limit = col.minimum if col.minimum is not None else -_INT_LIMIT
    low = pc.less(numbers, low_limit)
    check.rows(
        low,
        col.name,
        shown,
        lambda v: f"{show_value(v)} is below {low_limit}. {what} {fate}",
        "out_of_range",
        kind="round-low" if col.name == "round" else "votes-low",
        args=(int(low_limit),),
    )
    high = pc.greater(numbers, _INT_LIMIT)
    check.rows(
        high,
        col.name,
        shown,
        lambda v: f"{show_value(v)} is too large. {fate}",
        "out_of_range",
        kind="round-high" if col.name == "round" else "votes-high",
    )
    usable = pc.if_else(pc.or_(pc.fill_null(low, False), pc.fill_null(high, False)), None, numbers)
    return pc.cast(usable, pa.int32())


def _rebuild_lists(values: pa.Array, parents: np.ndarray, n: int) -> pa.Array:
    counts = np.bincount(parents, minlength=n) if len(parents) else np.zeros(n, dtype=np.int64)
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(counts, out=offsets[1:])
    return pa.ListArray.from_arrays(pa.array(offsets), values)


def as_list(arr, name: str, check: Checker, case: str) -> pa.Array | None:
    """list<string>; a string splits on ';' or new lines; codes are trimmed, empties dropped, nulls become [].

    ``case`` is "upper" or "lower" for codes, or "language" for language tags (pt_br -> pt-BR; an unknown tag is
    reported and left out of the list).
    """
    arr = _plain(arr)
    t = arr.type
    n = len(arr)
    if pa.types.is_null(t):
        return _rebuild_lists(pa.array([], pa.string()), np.array([], dtype=np.int64), n)
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        arr = pc.split_pattern_regex(pc.cast(arr, pa.string()), r"[;\n]")
        t = arr.type
    if not (pa.types.is_list(t) or pa.types.is_large_list(t)):
        check.wrong_type(name, t, "lists of codes (or text with ';' between codes)")
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
    parents = np.asarray(pc.list_parent_indices(arr))
    if case == "language":
        tags, unknown = map_values(flat, language_tag)
        check.rows(
            unknown,
            name,
            flat,
            lambda v: (
                f"{show_value(v)} is not a language tag (BCP 47, e.g. en, sv, pt-BR). It is left out of the list."
            ),
            "unknown_language",
            row_of=parents,
            kind="list",
        )
        flat = tags
    else:
        flat = pc.utf8_upper(flat) if case == "upper" else pc.utf8_lower(flat)
    keep = np.asarray(pc.fill_null(pc.not_equal(flat, ""), False), dtype=bool)
    return _rebuild_lists(flat.filter(pa.array(keep)), parents[keep], n)


#: Microseconds since 1970 that a timestamp can hold (about 292,000 years either way), per unit of the source.
_US_LIMIT = 2**63 - 1
_PER_UNIT = {"s": 1_000_000, "ms": 1_000, "us": 1, "ns": 1}
_DAY_US = 86_400_000_000


def _within_range(arr: pa.Array, name: str, check: Checker) -> pa.Array:
    """Dates and times a microsecond timestamp cannot hold (a year such as 300000) are reported and left empty; the
    row is kept. Without this, one such value made the cast fail and took the whole file down."""
    t = arr.type
    if pa.types.is_date(t):
        per = _DAY_US
        raw = pc.cast(arr, pa.int32() if pa.types.is_date32(t) else pa.int64()).cast(pa.int64())
        if pa.types.is_date64(t):
            per = 1_000
    else:
        per = _PER_UNIT[t.unit]
        raw = arr.view(pa.int64())
    limit = _US_LIMIT // per
    bad = pc.fill_null(pc.greater(pc.abs(raw), limit), False)
    if not pc.any(bad).as_py():
        return arr
    check.rows(
        bad,
        name,
        raw,
        lambda v: (
            f"{show_value(v)} ({t}) is outside the dates and times Harvest can hold "
            "(years 290,000 BC to AD 290,000). The row is kept, without it."
        ),
        "bad_timestamp",
        kind="outside",
    )
    return pc.if_else(bad, pa.scalar(None, t), arr)


def as_timestamp(arr, name: str, check: Checker) -> pa.Array | None:
    """UTC timestamps; one without a time zone is taken as UTC; text is parsed where it is a date and time."""
    arr = _plain(arr)
    t = arr.type
    if pa.types.is_null(t):
        return pa.nulls(len(arr), TS_TYPE)
    if pa.types.is_timestamp(t) or pa.types.is_date(t):
        arr = _within_range(arr, name, check)
        if pa.types.is_date(arr.type):
            return pc.cast(pc.cast(arr, pa.timestamp("us")), pa.timestamp("us", tz="UTC"))
        # nanoseconds are cut to microseconds (safe=False); a time zone is kept as the instant it names
        return pc.cast(arr, pa.timestamp("us", tz=t.tz or "UTC"), safe=t.unit != "ns").cast(TS_TYPE)
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        import pandas as pd

        series = pd.Series(pc.cast(arr, pa.string()).to_pandas(), dtype="object")
        parsed = pd.to_datetime(series, utc=True, errors="coerce", format="mixed")
        bad = parsed.isna().to_numpy() & np.asarray(given(pc.cast(arr, pa.string())))
        check.rows(
            bad,
            name,
            arr,
            lambda v: f"{show_value(v)} is not a date and time. The note is kept, without it.",
            "bad_timestamp",
        )
        return pa.array(parsed.dt.as_unit("us"), type=TS_TYPE)
    check.wrong_type(name, t, "dates and times")
    return None


_TRUE = {"true", "yes", "y", "1", "t", "ja", "sí", "oui"}
_FALSE = {"false", "no", "n", "0", "f", "nej", "non"}


def as_boolean(arr, name: str, check: Checker) -> pa.Array | None:
    """Yes/no: true/false, yes/no (a few languages), 1/0 as numbers or text; anything else is reported."""
    arr = _plain(arr)
    t = arr.type
    if pa.types.is_boolean(t):
        return arr
    if pa.types.is_null(t):
        return pa.nulls(len(arr), pa.bool_())
    if pa.types.is_floating(t):
        arr = _nan_to_null(arr)  # 1.0 / 0.0 / NaN, as pandas writes a yes/no column with gaps
    if pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_string(t) or pa.types.is_large_string(t):
        values = pc.utf8_lower(pc.utf8_trim_whitespace(pc.cast(arr, pa.string())))
        truthy = pc.is_in(values, pa.array(sorted(_TRUE)))
        falsy = pc.is_in(values, pa.array(sorted(_FALSE)))
        bad = pc.and_(pc.invert(pc.or_(truthy, falsy)), given(values))
        check.rows(
            bad,
            name,
            arr,
            lambda v: f"{show_value(v)} is not yes or no. The person is kept, without it.",
            "not_a_boolean",
        )
        return pc.if_else(truthy, True, pc.if_else(falsy, False, pa.scalar(None, pa.bool_())))
    check.wrong_type(name, t, "yes/no values")
    return None


def map_values(arr: pa.Array, fn) -> tuple[pa.Array, pa.Array]:
    """Apply ``fn`` to each distinct value (fast on a million rows); returns (mapped, was_given_but_unmapped)."""
    enc = pc.dictionary_encode(arr)
    mapped_dict = pa.array([fn(v) for v in enc.dictionary.to_pylist()], pa.string())
    mapped = mapped_dict.take(enc.indices)
    return mapped, pc.and_(given(arr), pc.is_null(mapped))


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


def as_region(arr, name: str, check: Checker) -> pa.Array | None:
    arr = as_string(arr, name, check)
    if arr is None:
        return None
    mapped, unknown = map_values(arr, regions.region_id)
    choices = ", ".join(regions.REGION_IDS)
    check.rows(
        unknown,
        name,
        arr,
        lambda v: (
            f"{show_value(v)} is not one of the eight regions ({choices}, or their "
            "names). It is kept as 'Region not known' unless the country says which region it is."
        ),
        "unknown_region",
        args=(choices,),
    )
    return mapped


def as_country(arr, name: str, check: Checker) -> pa.Array | None:
    arr = as_string(arr, name, check)
    if arr is None:
        return None
    mapped, unknown = map_values(arr, regions.country_code)
    check.rows(
        unknown,
        name,
        arr,
        lambda v: (
            f"{show_value(v)} is not an ISO 3166-1 country code or name (e.g. SE, "
            "BR, IN). It is kept as 'Country not known'."
        ),
        "unknown_country",
    )
    return mapped


def as_language(arr, name: str, check: Checker) -> pa.Array | None:
    arr = as_string(arr, name, check)
    if arr is None:
        return None
    mapped, unknown = map_values(arr, language_tag)
    check.rows(
        unknown,
        name,
        arr,
        lambda v: (
            f"{show_value(v)} is not a language tag (BCP 47, e.g. en, sv, pt-BR). It is kept as 'Language not known'."
        ),
        "unknown_language",
    )
    return mapped


def region_with_country(
    region: pa.Array | None,
    region_given: pa.Array | None,
    country: pa.Array | None,
    check: Checker,
    region_required: bool,
) -> pa.Array | None:
    """The region, or where it is empty, the region of a known country; a disagreement between the two is reported.

    ``region`` holds region ids (None where empty or unknown); ``region_given`` is true where the file had a value.
    When the region is required (the participants file), a person left with neither is reported.
    """
    if country is not None:
        from_country, _ = map_values(country, regions.country_region)
        if region is not None:
            differs = pc.and_(pc.is_valid(region), pc.not_equal(region, from_country))
            check.rows(
                differs,
                "region",
                region,
                lambda v, iso, other: (
                    f"{show_value(v)} is not the region of the country {iso} "
                    f"({regions.country_name(iso)}), which is in {other}. The region given is kept."
                ),
                "region_country_mismatch",
                details=(country, from_country),
                args=lambda v, iso, other: (iso, regions.country_name(iso), other),
            )
            region = pc.coalesce(region, from_country)
        else:
            region = from_country
    if region_required and region is not None:
        was_given = region_given if region_given is not None else pa.nulls(len(region), pa.bool_())
        missing = pc.and_(pc.is_null(region), pc.invert(pc.fill_null(was_given, False)))
        check.rows(
            missing,
            "region",
            None,
            "The person has no region and no known country to take it from. They "
            "are kept and counted under 'Region not known'.",
            "missing_value",
            kind="region",
        )
    return region
