"""What is measured: each page's analysis by Harvest, and the same numbers by DuckDB (over Parquet, over Arrow) and pandas.

A Measure names the real Harvest function (looked up at run time, so a module another engineer is still writing is
reported as missing rather than breaking the run), how to call it, and how to read its result as *canonical
counts*: a Series of whole numbers keyed by strings (a code, a group, "notes"/"people"...). Each reference computes
the same canonical counts its own way. Counts of 0 are dropped on both sides (Harvest keeps zero rows in its grids,
GROUP BY never makes them), missing groups are "∅" everywhere, and the comparison is exact.

Apart from these, ``discover()`` lists every public function of every analysis module and times those that take only
the export's frames (notes, people, the codebook tables, the population reference, the auto-coder's matches).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

MISSING = "∅"


# ---------------------------------------------------------------------------------------------------------- the data
@dataclass
class Data:
    """Everything a measure may read: Harvest's frames, the export's files, and the references' own copies."""

    path: Path
    notes: pd.DataFrame
    people: pd.DataFrame
    codebook: Any
    population: pd.DataFrame
    con: Any = None  # a duckdb connection with notes_arrow and people_arrow registered
    pandas_notes: pd.DataFrame | None = None  # pd.read_parquet of the files, author attributes merged in
    pandas_people: pd.DataFrame | None = None
    setup_seconds: dict[str, float] = field(default_factory=dict)
    _matches: Any = None
    _uncovered: pd.DataFrame | None = None

    @property
    def matches(self) -> Any:
        """The keyword auto-coder's codes for every note, made once, as the pages get them: ``build_index`` (cached
        once per export version and codebook by ui/context.py). Functions taking ``matches`` are called with it."""
        if self._matches is None:
            self._matches = harvest_function("analysis.autocode.build_index")(self.notes, self.codebook)
        return self._matches

    @property
    def theme_ids(self) -> list[str]:
        return self.codebook.ids("theme")

    @property
    def need_ids(self) -> list[str]:
        return self.codebook.ids("need")

    @property
    def all_code_ids(self) -> list[str]:
        return self.codebook.ids()

    @property
    def contributions_glob(self) -> str:
        return _glob(self.path, "contributions")

    @property
    def participants_glob(self) -> str:
        return _glob(self.path, "participants")


def _glob(root: Path, stem: str) -> str:
    target = root / f"{stem}.parquet"
    return str(target / "**" / "*.parquet") if target.is_dir() else str(target)


def prepare_references(data: Data) -> None:
    """Build what the references start from, timing each step (these are not part of any analysis' time).

    DuckDB over Arrow gets Harvest's own frames as Arrow tables (the same data, already in memory); pandas reads
    the Parquet files with pd.read_parquet and merges the author's attributes into the notes, as an analyst would.
    """
    import time

    import duckdb

    started = time.perf_counter()
    data.con = duckdb.connect()
    data.con.register("notes_arrow", pa.Table.from_pandas(data.notes, preserve_index=False))
    data.con.register("people_arrow", pa.Table.from_pandas(data.people, preserve_index=False))
    data.setup_seconds["arrow_from_harvest_frames"] = time.perf_counter() - started
    # DuckDB at its best: plain Arrow read from the same Parquet files (no dictionary-encoded lists), the authors'
    # attributes joined once by DuckDB itself, then every query runs on those tables in memory.
    started = time.perf_counter()
    sources = sql_sources(data, "parquet")
    data.con.register("notes_plain", data.con.sql(f"SELECT * FROM {sources['notes']}").to_arrow_table())
    data.con.register("people_plain", data.con.sql(f"SELECT * FROM {sources['people']}").to_arrow_table())
    data.con.register("notes_people_plain", data.con.sql(f"SELECT * FROM {sources['notes_people']}").to_arrow_table())
    data.setup_seconds["plain_arrow_from_parquet"] = time.perf_counter() - started
    started = time.perf_counter()
    notes = pd.read_parquet(data.path / "contributions.parquet")
    people = pd.read_parquet(data.path / "participants.parquet")
    data.setup_seconds["pandas_read_parquet"] = time.perf_counter() - started
    started = time.perf_counter()
    attributes = ["session", "participant_id", "region", "country", "community", "community_type"]
    notes = notes.merge(people[attributes], on=["session", "participant_id"], how="left")
    data.setup_seconds["pandas_merge_authors"] = time.perf_counter() - started
    data.pandas_notes, data.pandas_people = notes, people


# ------------------------------------------------------------------------------------------------ canonical counts
def canonical(frame: pd.DataFrame, keys: list[str], value: str) -> pd.Series:
    """Whole-number counts keyed by the string form of ``keys``; missing keys are "∅", zero counts dropped."""
    if frame is None or len(frame) == 0:
        return pd.Series([], dtype="int64", index=pd.MultiIndex.from_arrays([[]] * max(len(keys), 1)))
    columns = []
    for key in keys:
        col = frame[key].astype("object")
        columns.append(
            [MISSING if (v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA) else str(v) for v in col]
        )
    values = pd.to_numeric(frame[value]).fillna(0).astype("int64").to_numpy()
    series = pd.Series(values, index=pd.MultiIndex.from_arrays(columns))
    series = series[series != 0]
    return series.groupby(level=list(range(len(keys)))).sum().sort_index()


def from_sql(frame: pd.DataFrame) -> pd.Series:
    """A reference query's result (columns k1..kn, value) as canonical counts."""
    keys = [c for c in frame.columns if c != "value"]
    return canonical(frame, keys, "value")


def differences(expected: pd.Series, found: pd.Series, limit: int = 8) -> list[str]:
    """Where two canonical count series disagree, in words; empty when they are the same."""
    joined = pd.concat([expected.rename("expected"), found.rename("found")], axis=1).fillna(0).astype("int64")
    bad = joined[joined["expected"] != joined["found"]]
    return [
        f"{'/'.join(map(str, key if isinstance(key, tuple) else (key,)))}: {row.expected} vs {row.found}"
        for key, row in bad.head(limit).iterrows()
    ] + ([f"... and {len(bad) - limit} more"] if len(bad) > limit else [])


def _stack(parts: dict[str, pd.Series]) -> pd.Series:
    """Several canonical series under a first key each: {"notes": s1, "people": s2}."""
    pieces = []
    for name, series in parts.items():
        if len(series):
            index = [(name, *(k if isinstance(k, tuple) else (k,))) for k in series.index]
            pieces.append(pd.Series(series.to_numpy(), index=pd.MultiIndex.from_tuples(index)))
    return pd.concat(pieces).sort_index() if pieces else pd.Series([], dtype="int64")


def _region_id(label: object) -> object:
    """A display label back to the region id ('Sub-Saharan Africa' -> 'SSA'); '... not known' -> missing."""
    from loaders.regions import REGIONS

    by_label = {v: k for k, v in REGIONS.items()}
    text = str(label)
    if text in by_label:
        return by_label[text]
    if text in REGIONS:
        return text
    return None if "not known" in text.lower() else text


def _group(label: object) -> object:
    return None if "not known" in str(label).lower() else label


# ------------------------------------------------------------------------------------------------ SQL for DuckDB
def sql_sources(data: Data, kind: str) -> dict[str, str]:
    """The relations a reference query reads, by placeholder: straight from the Parquet files ("parquet"), Harvest's own
    frames as Arrow ("arrow": its dictionary-encoded lists), or plain Arrow read from the Parquet ("plain")."""
    if kind == "arrow":
        return {"notes": "notes_arrow", "notes_people": "notes_arrow", "people": "people_arrow"}
    if kind == "plain":
        return {"notes": "notes_plain", "notes_people": "notes_people_plain", "people": "people_plain"}
    notes = f"read_parquet('{data.contributions_glob}', hive_partitioning = true)"
    people = f"read_parquet('{data.participants_glob}', hive_partitioning = true)"
    joined = (
        f"(SELECT n.*, p.region, p.country, p.community, p.community_type FROM {notes} AS n "
        f"LEFT JOIN {people} AS p ON n.session = p.session AND n.participant_id = p.participant_id)"
    )
    return {"notes": notes, "notes_people": joined, "people": people}


def _in(values: list[str]) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


def _str(column: str) -> str:
    return f"coalesce(CAST({column} AS VARCHAR), '{MISSING}')"


def _sql_carrying(codes: list[str] | None, column: str = "themes") -> str:
    """A note carries any of ``codes`` (any code when None): the denominator of their shares."""
    if codes is None:
        return f"len({column}) > 0"
    return f"len(list_filter({column}, lambda v: v IN {_in(codes)})) > 0"


def _sql_code_counts(codes: list[str] | None, column: str = "themes") -> str:
    where = f"WHERE code IN {_in(codes)}" if codes is not None else ""
    return (
        f"SELECT code AS k1, count(*) AS value FROM (SELECT unnest(list_distinct({column})) AS code "
        f"FROM {{notes}}) {where} GROUP BY 1 "
        f"UNION ALL SELECT '__coded__', count(*) FROM {{notes}} WHERE {_sql_carrying(codes, column)}"
    )


def _sql_code_by(codes: list[str], group: str, source: str = "notes") -> str:
    return (
        f"SELECT code AS k1, {_str('grp')} AS k2, count(*) AS value FROM (SELECT {group} AS grp, "
        f"unnest(list_distinct(themes)) AS code FROM {{{source}}}) WHERE code IN {_in(codes)} GROUP BY 1, 2 "
        f"UNION ALL SELECT '__coded__', {_str(group)}, count(*) FROM {{{source}}} WHERE {_sql_carrying(codes)} "
        "GROUP BY 2"
    )


def _sql_people_notes() -> str:
    return (
        f"SELECT 'people' AS k1, {_str('region')} AS k2, count(*) AS value FROM {{people}} GROUP BY 2 "
        f"UNION ALL SELECT 'notes', {_str('region')}, count(*) FROM {{notes_people}} GROUP BY 2"
    )


def _sql_cooccurrence(codes: list[str]) -> str:
    return (
        "WITH t AS (SELECT list_filter(list_distinct(themes), lambda v: v IN " + _in(codes) + ") AS l "
        "FROM {notes}), a AS (SELECT unnest(l) AS a, l FROM t) "
        "SELECT a AS k1, b AS k2, count(*) AS value FROM (SELECT a, unnest(l) AS b FROM a) GROUP BY 1, 2"
    )


def _sql_coverage() -> str:
    return (
        "SELECT 'notes' AS k1, code AS k2, count(*) AS value FROM (SELECT unnest(list_distinct(direction)) AS code "
        "FROM {notes}) GROUP BY 2 UNION ALL SELECT 'tables', code, count(DISTINCT tbl) FROM "
        "(SELECT CAST(session AS VARCHAR) || ' / ' || CAST(\"table\" AS VARCHAR) AS tbl, "
        'unnest(list_distinct(direction)) AS code FROM {notes} WHERE "table" IS NOT NULL) GROUP BY 2'
    )


def _sql_who_spoke() -> str:
    return (
        f"SELECT {_str('region')} AS k1, code AS k2, count(*) AS value FROM (SELECT region, "
        "unnest(list_distinct(direction)) AS code FROM {notes_people}) GROUP BY 1, 2"
    )


# ---------------------------------------------------------------------------------------------- pandas references
def _pd_pairs(notes: pd.DataFrame, column: str = "themes") -> pd.DataFrame:
    """(row, code) once per note and code: explode the lists, drop repeats."""
    exploded = notes[column].explode().dropna()
    return pd.DataFrame({"row": exploded.index.to_numpy(), "code": exploded.to_numpy()}).drop_duplicates()


def _pd_coded(notes: pd.DataFrame, column: str = "themes", codes: list[str] | None = None) -> pd.Series:
    """Notes carrying any of ``codes`` (any code when None)."""
    if codes is None:
        return notes[column].map(len) > 0
    wanted = set(codes)
    return notes[column].map(lambda values: any(v in wanted for v in values))


def _pd_code_counts(d: Data, codes: list[str] | None) -> pd.Series:
    notes = d.pandas_notes
    pairs = _pd_pairs(notes)
    if codes is not None:
        pairs = pairs[pairs["code"].isin(codes)]
    counts = pairs.groupby("code").size().rename("value").reset_index().rename(columns={"code": "k1"})
    coded = pd.DataFrame({"k1": ["__coded__"], "value": [int(_pd_coded(notes, codes=codes).sum())]})
    return from_sql(pd.concat([counts, coded]))


def _pd_code_by(d: Data, codes: list[str], group: str) -> pd.Series:
    notes = d.pandas_notes
    pairs = _pd_pairs(notes)
    pairs = pairs[pairs["code"].isin(codes)]
    pairs = pairs.assign(k2=notes[group].to_numpy()[pairs["row"].to_numpy()])
    counts = pairs.groupby(["code", "k2"], dropna=False).size().rename("value").reset_index()
    counts = counts.rename(columns={"code": "k1"})
    coded = notes.loc[_pd_coded(notes, codes=codes), group].value_counts(dropna=False).rename("value").rename_axis("k2")
    coded = coded.reset_index().assign(k1="__coded__")
    return from_sql(pd.concat([counts, coded[["k1", "k2", "value"]]]))


def _pd_people_notes(d: Data) -> pd.Series:
    people = d.pandas_people["region"].value_counts(dropna=False).rename("value").rename_axis("k2").reset_index()
    notes = d.pandas_notes["region"].value_counts(dropna=False).rename("value").rename_axis("k2").reset_index()
    return from_sql(pd.concat([people.assign(k1="people"), notes.assign(k1="notes")])[["k1", "k2", "value"]])


def _pd_cooccurrence(d: Data, codes: list[str]) -> pd.Series:
    pairs = _pd_pairs(d.pandas_notes)
    pairs = pairs[pairs["code"].isin(codes)]
    both = pairs.merge(pairs, on="row", suffixes=("_a", "_b"))
    counts = both.groupby(["code_a", "code_b"]).size().rename("value").reset_index()
    return from_sql(counts.rename(columns={"code_a": "k1", "code_b": "k2"}))


def _pd_coverage(d: Data) -> pd.Series:
    notes = d.pandas_notes
    pairs = _pd_pairs(notes, "direction")
    counted = pairs.groupby("code").size().rename("value").reset_index().rename(columns={"code": "k2"})
    table = notes["session"].astype(str) + " / " + notes["table"].astype(str)
    pairs = pairs.assign(
        tbl=table.to_numpy()[pairs["row"].to_numpy()], has=notes["table"].notna().to_numpy()[pairs["row"].to_numpy()]
    )
    tables = pairs[pairs["has"]].groupby("code")["tbl"].nunique().rename("value").reset_index()
    tables = tables.rename(columns={"code": "k2"})
    return from_sql(pd.concat([counted.assign(k1="notes"), tables.assign(k1="tables")])[["k1", "k2", "value"]])


def _pd_who_spoke(d: Data) -> pd.Series:
    notes = d.pandas_notes
    pairs = _pd_pairs(notes, "direction")
    pairs = pairs.assign(k1=notes["region"].to_numpy()[pairs["row"].to_numpy()])
    counts = pairs.groupby(["k1", "code"], dropna=False).size().rename("value").reset_index()
    return from_sql(counts.rename(columns={"code": "k2"}))


# ----------------------------------------------------------------------------------------------- Harvest's side
def harvest_function(dotted: str) -> Callable | None:
    """analysis.themes.theme_by -> the function, or None while the module or function does not exist yet."""
    module, _, name = dotted.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def _h_code_counts(result: pd.DataFrame) -> pd.Series:
    rows = result[["code", "notes"]]
    if len(result):
        coded = pd.DataFrame({"code": ["__coded__"], "notes": [int(result["coded_notes"].iloc[0])]})
        rows = pd.concat([rows, coded], ignore_index=True)
    return canonical(rows, ["code"], "notes")


def _h_code_by(result: pd.DataFrame, group: Callable[[object], object]) -> pd.Series:
    grid = result.assign(group=result["group"].map(group))
    coded = grid.drop_duplicates("group")[["group", "group_coded_notes"]].assign(k1="__coded__")
    return pd.concat(
        [canonical(grid, ["code", "group"], "notes"), canonical(coded, ["k1", "group"], "group_coded_notes")]
    ).sort_index()


def _h_people_notes(result: pd.DataFrame, by: str = "region") -> pd.Series:
    frame = result.assign(**{by: result[by].map(lambda v: None if v == "Not known" else v)})
    return _stack({"people": canonical(frame, [by], "people"), "notes": canonical(frame, [by], "notes")})


def _h_coverage(result: pd.DataFrame) -> pd.Series:
    return _stack(
        {"notes": canonical(result, ["commitment"], "notes"), "tables": canonical(result, ["commitment"], "tables")}
    )


def _h_who_spoke(result: pd.DataFrame) -> pd.Series:
    frame = result.assign(region=result["region"].map(lambda v: None if v == "Not known" else v))
    return canonical(frame, ["region", "commitment"], "notes")


@dataclass
class Measure:
    """One analysis a page shows, by Harvest and by each reference."""

    name: str
    page: str
    function: str  # the Harvest function, dotted
    call: Callable[[Callable, Data], Any]  # (the function, the data) -> Harvest's result
    canon: Callable[[Any], pd.Series] | None  # Harvest's result -> canonical counts (None: timed, not compared)
    sql: Callable[[Data], str] | None = None  # DuckDB query with {notes}, {notes_people}, {people} placeholders
    pandas: Callable[[Data], pd.Series] | None = None
    no_reference: str = ""  # why the references do not compute this one

    def harvest(self) -> Callable | None:
        return harvest_function(self.function)


def _filters_example():
    from analysis.filters import Filters

    return Filters(region=("NWE",))


MEASURES: list[Measure] = [
    Measure(
        "filter change: apply the filters (region = NWE)",
        "every page",
        "analysis.filters.apply_filters",
        lambda f, d: f(d.notes, d.people, _filters_example()),
        None,
    ),
    Measure(
        "participation: people and notes by region (voice gap)",
        "Participation",
        "analysis.participation.voice_gap",
        lambda f, d: f(d.people, d.notes, "region"),
        _h_people_notes,
        lambda d: _sql_people_notes(),
        _pd_people_notes,
    ),
    Measure(
        "participation: languages spoken and written",
        "Participation",
        "analysis.participation.language_use",
        lambda f, d: f(d.people, d.notes),
        None,
    ),
    Measure(
        "participation: countries", "Participation", "analysis.participation.countries", lambda f, d: f(d.people), None
    ),
    Measure(
        "theme frequency (kind theme)",
        "Themes",
        "analysis.themes.theme_frequency",
        lambda f, d: f(d.notes, d.codebook.codes, ("theme",)),
        _h_code_counts,
        lambda d: _sql_code_counts(d.theme_ids),
        lambda d: _pd_code_counts(d, d.theme_ids),
    ),
    Measure(
        "code frequency (every code)",
        "Themes",
        "analysis.codes.code_frequency",
        lambda f, d: f(d.notes, "themes"),
        _h_code_counts,
        lambda d: _sql_code_counts(None),
        lambda d: _pd_code_counts(d, None),
    ),
    Measure(
        "theme x question",
        "Themes",
        "analysis.themes.theme_by",
        lambda f, d: f(d.notes, d.theme_ids, "question"),
        lambda r: _h_code_by(r, _group),
        lambda d: _sql_code_by(d.theme_ids, "question"),
        lambda d: _pd_code_by(d, d.theme_ids, "question"),
    ),
    Measure(
        "theme x region",
        "Themes",
        "analysis.themes.theme_by",
        lambda f, d: f(d.notes, d.theme_ids, "region"),
        lambda r: _h_code_by(r, _region_id),
        lambda d: _sql_code_by(d.theme_ids, "region", "notes_people"),
        lambda d: _pd_code_by(d, d.theme_ids, "region"),
    ),
    Measure(
        "theme co-occurrence",
        "Themes",
        "analysis.themes.co_occurrence",
        lambda f, d: f(d.notes, d.theme_ids),
        lambda r: canonical(r, ["code_a", "code_b"], "notes"),
        lambda d: _sql_cooccurrence(d.theme_ids),
        lambda d: _pd_cooccurrence(d, d.theme_ids),
    ),
    Measure(
        "needs frequency",
        "Roles and resources",
        "analysis.needs.need_frequency",
        lambda f, d: f(d.notes, d.codebook.codes, "need"),
        _h_code_counts,
        lambda d: _sql_code_counts(d.need_ids),
        lambda d: _pd_code_counts(d, d.need_ids),
    ),
    Measure(
        "needs x community type",
        "Roles and resources",
        "analysis.needs.need_by",
        lambda f, d: f(d.notes, d.codebook.codes, "community_type", "need"),
        lambda r: _h_code_by(r, _group),
        lambda d: _sql_code_by(d.need_ids, "community_type", "notes_people"),
        lambda d: _pd_code_by(d, d.need_ids, "community_type"),
    ),
    Measure(
        "needs named in text but not coded",
        "Roles and resources",
        "analysis.needs.named_not_coded",
        lambda f, d: f(d.notes, d.codebook.codes, "need", auto=d.matches),
        None,
        no_reference="uses the keyword auto-coder's rule (folding, inflections, each note's own language: "
        "analysis/autocode.py), which has no SQL or plain-pandas equivalent to check against",
    ),
    Measure(
        "direction coverage",
        "Equity gaps",
        "analysis.gaps.coverage",
        lambda f, d: f(d.notes, d.codebook.commitments),
        _h_coverage,
        lambda d: _sql_coverage(),
        _pd_coverage,
    ),
    Measure(
        "who spoke to which commitment (region)",
        "Equity gaps",
        "analysis.gaps.who_spoke",
        lambda f, d: f(d.notes, d.codebook.commitments, "region"),
        _h_who_spoke,
        lambda d: _sql_who_spoke(),
        _pd_who_spoke,
    ),
    Measure(
        "equity picture: presence and voice gaps",
        "Equity gaps",
        "analysis.gaps.equity_picture",
        lambda f, d: f(d.people, d.notes, d.population),
        _h_people_notes,
        lambda d: _sql_people_notes(),
        _pd_people_notes,
    ),
    Measure(
        "overview headline numbers",
        "Overview",
        "analysis.participation.headline",
        lambda f, d: f(d.notes, d.people),
        None,
    ),
    Measure(
        "codebook: the notes behind a code",
        "Codebook",
        "analysis.autocode.code_examples",
        lambda f, d: f(d.notes, d.matches, d.theme_ids[0], "themes"),
        None,
    ),
    Measure(
        "codebook: frequent words of the notes no code covers",
        "Codebook",
        "analysis.autocode.frequent_words",
        lambda f, d: f(_uncovered(d), top=20, min_notes=2),
        None,
    ),
]


def _uncovered(d: Data) -> pd.DataFrame:
    """The notes the Codebook page looks for words in (made once, untimed): no facilitator theme, no keyword."""
    if d._uncovered is None:
        d._uncovered = harvest_function("analysis.autocode.unmatched")(d.notes, d.matches)
    return d._uncovered


#: Functions the app runs once per export version (and codebook), cached, never on a click: timed apart, and held
#: to no per-click budget. Why each is once per export, for the report.
ONCE: dict[str, str] = {
    "analysis.autocode.build_index": "the auto-coder over every note, indexed: the cold build of an export never "
    "indexed; ui/cache.py keeps it per export version and codebook in memory and on disk ([cache] dir in "
    "harvest.toml), so a start over an export already indexed reads it back instead (the next rows)",
    "analysis.autocode.match_notes": "the auto-coder's full match table (every keyword, the words it matched); the "
    "app uses build_index instead, this is for tests and exports of the matches",
}


#: Functions that take the export's frames but are no analysis a page runs: not timed, and why.
NOT_TIMED: dict[str, str] = {
    "analysis.autocode.index_from_matches": "turns match_notes' table into an index, for tests",
}


# ------------------------------------------------------------------------------------------- every analysis function
#: Parameters the discovery can fill from the export alone.
def _bindings(data: Data) -> dict[str, Callable[[inspect.Parameter], Any]]:
    def codes(param: inspect.Parameter):
        return data.codebook.codes if "DataFrame" in str(param.annotation) else data.theme_ids

    return {
        "notes": lambda p: data.notes,
        "people": lambda p: data.people,
        "population": lambda p: data.population,
        "commitments": lambda p: data.codebook.commitments,
        "codebook": lambda p: data.codebook,
        "codes": codes,
        "matches": lambda p: data.matches,
        "index": lambda p: data.matches,
    }


def analysis_modules() -> list[str]:
    import analysis

    return sorted(f"analysis.{m.name}" for m in pkgutil.iter_modules(analysis.__path__) if not m.name.startswith("_"))


@dataclass
class Found:
    function: str  # dotted name
    status: str  # "measured", "auto", or why it is not timed
    call: Callable[[Data], Any] | None = None


def discover(data: Data | None = None) -> list[Found]:
    """Every public function defined in an analysis module, and whether (and how) it is timed."""
    measured = {m.function for m in MEASURES}
    out: list[Found] = []
    for module_name in analysis_modules():
        try:
            module = importlib.import_module(module_name)
        except Exception as error:  # noqa: BLE001 - a module being written may not import yet: say so
            out.append(Found(module_name, f"module does not import: {type(error).__name__}: {error}"))
            continue
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            # a package (analysis/autocode/) defines its functions in submodules and names them in __init__
            if name.startswith("_") or not (
                fn.__module__ == module_name or fn.__module__.startswith(module_name + ".")
            ):
                continue
            dotted = f"{module_name}.{name}"
            if dotted in measured:
                out.append(Found(dotted, "measured"))
                continue
            if dotted in NOT_TIMED:
                out.append(Found(dotted, f"not timed: {NOT_TIMED[dotted]}"))
                continue
            status = "once" if dotted in ONCE else "auto"
            required = [
                p
                for p in inspect.signature(fn).parameters.values()
                if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
            ]
            unknown = [
                p.name
                for p in required
                if p.name
                not in ("notes", "people", "population", "commitments", "codebook", "codes", "matches", "index")
            ]
            if unknown:
                out.append(Found(dotted, "not timed: takes " + ", ".join(unknown)))
                continue
            if not required:
                out.append(Found(dotted, "not timed: takes no data"))
                continue
            if data is None:
                out.append(Found(dotted, status))
                continue

            def call(d: Data, fn=fn, required=tuple(required)):
                binds = _bindings(d)
                return fn(**{p.name: binds[p.name](p) for p in required})

            out.append(Found(dotted, status, call))
    return out
