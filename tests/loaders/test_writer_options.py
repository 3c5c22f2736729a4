"""The same notes written with different Parquet writers and options load to the same frame, with no problems."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from loaders import load_export
from tests.loaders import corpus

EXPECTED = {
    "contribution_id": ["c1", "c2", "c3", "c4"],
    "text": ["More translation tools", "Mentors for newcomers", "Offline reading", "Sources in Swahili"],
    "question": ["q1", "q1", "q2", "q2"],
    "round": [1, 1, 2, 2],
    "table": ["A", "B", "A", "B"],
    "participant_id": ["p1", "p2", "p3", None],
    "language": ["en", "sv", "pt-BR", "sw"],
    "votes": [3, 0, 1, 2],
    "submitted_at": [pd.Timestamp(datetime(2017, 8, 10, 9, m, tzinfo=UTC)) for m in (0, 5, 40, 45)],
    "themes": [["tools"], ["newcomers", "mentoring"], [], ["sources", "languages"]],
    "direction": [["KE"], ["EQ"], [], ["KE", "EQ"]],
}


def plain(series: pd.Series) -> list:
    """A column as Python values, None for missing and lists for list cells, so writers can be compared."""
    if isinstance(series.dtype, pd.ArrowDtype):
        return [None if v is None else list(v) for v in series.tolist()]
    return [None if pd.isna(v) else v for v in series.astype(object).tolist()]


def assert_same_as_written(path) -> None:
    export = load_export(path)
    assert export.problems == []
    notes = export.contributions.sort_values("contribution_id")
    assert {name: plain(notes[name]) for name in EXPECTED} == EXPECTED


@pytest.mark.parametrize("compression", ["snappy", "zstd", "gzip", "none"])
def test_every_compression_loads_the_same_notes(tmp_path, compression):
    path = corpus.write(corpus.notes(), tmp_path / "s.parquet", compression=compression)
    assert_same_as_written(path)


@pytest.mark.parametrize("use_dictionary", [True, False])
@pytest.mark.parametrize("data_page_version", ["1.0", "2.0"])
def test_dictionary_encoding_and_page_version_do_not_change_the_notes(tmp_path, use_dictionary, data_page_version):
    path = corpus.write(
        corpus.notes(), tmp_path / "s.parquet", use_dictionary=use_dictionary, data_page_version=data_page_version
    )
    assert_same_as_written(path)


def test_small_row_groups_load_every_row_once(tmp_path):
    path = corpus.write(corpus.notes(), tmp_path / "s.parquet", row_group_size=1)
    assert_same_as_written(path)


def test_pandas_to_parquet_with_categories_and_nullable_integers(tmp_path):
    frame = corpus.notes().to_pandas()
    frame["question"] = frame["question"].astype("category")
    frame["language"] = frame["language"].astype("category")
    frame["round"] = frame["round"].astype("Int64")
    frame["submitted_at"] = frame["submitted_at"].dt.tz_convert("Europe/Stockholm")
    path = tmp_path / "s.parquet"
    frame.to_parquet(path)
    assert_same_as_written(path)


def test_pandas_float_round_with_missing_values_is_whole_numbers_and_gaps(tmp_path):
    frame = corpus.notes().to_pandas()
    frame["round"] = [1.0, float("nan"), 2.0, None]
    frame["votes"] = [3.0, 0.0, float("nan"), 2.0]
    frame.to_parquet(tmp_path / "s.parquet")
    export = load_export(tmp_path / "s.parquet")
    notes = export.contributions.set_index("contribution_id")
    assert export.problems == []
    assert notes["round"].tolist()[0] == 1 and notes.loc["c3", "round"] == 2
    assert notes["round"].isna().tolist() == [False, True, False, True]
    assert notes["votes"].isna().tolist() == [False, False, True, False]


def test_nan_in_a_float_column_written_by_pyarrow_is_a_gap(tmp_path):
    nan = float("nan")
    path = corpus.write(
        corpus.notes(
            round=pa.array([1.0, nan, 2.0, 2.0]),
            votes=pa.array([nan, 0.0, 1.0, 2.0]),
            participant_id=pa.array([1.0, 2.0, nan, nan]),
        ),
        tmp_path / "s.parquet",
    )
    export = load_export(path)
    assert export.problems == []
    notes = export.contributions
    assert notes["round"].isna().tolist() == [False, True, False, False]
    assert notes["votes"].isna().tolist() == [True, False, False, False]
    assert notes["participant_id"].isna().tolist() == [False, False, True, True]
    assert notes["participant_id"].tolist()[:2] == ["1", "2"]


def test_int_round_stored_as_float_is_a_whole_number(tmp_path):
    path = corpus.write(
        corpus.notes(round=pa.array([1.0, 1.0, 2.0, 2.0]), votes=pa.array([3.0, 0.0, 1.0, 2.0])), tmp_path / "s.parquet"
    )
    assert_same_as_written(path)
    assert str(load_export(path).contributions["round"].dtype) == "Int32"


def test_large_string_columns(tmp_path):
    table = corpus.notes()
    columns = {
        n: pc.cast(table[n], pa.large_string())
        for n in ("contribution_id", "text", "question", "table", "participant_id", "language")
    }
    assert_same_as_written(corpus.write(corpus.notes(**columns), tmp_path / "s.parquet"))


def test_dictionary_typed_columns(tmp_path):
    table = corpus.notes()
    columns = {
        n: pc.dictionary_encode(table[n])
        for n in ("contribution_id", "text", "question", "table", "participant_id", "language")
    }
    path = corpus.write(corpus.notes(**columns), tmp_path / "s.parquet", row_group_size=2)
    assert_same_as_written(path)


def test_list_of_large_string_and_large_list_columns(tmp_path):
    table = corpus.notes()
    themes = pc.cast(table["themes"], pa.list_(pa.large_string()))
    direction = pc.cast(table["direction"], pa.large_list(pa.string()))
    assert_same_as_written(corpus.write(corpus.notes(themes=themes, direction=direction), tmp_path / "s.parquet"))


def test_list_of_dictionary_strings(tmp_path):
    table = corpus.notes()
    values = pc.dictionary_encode(table["themes"].combine_chunks().values)
    themes = pa.ListArray.from_arrays(table["themes"].combine_chunks().offsets, values)
    assert_same_as_written(corpus.write(corpus.notes(themes=themes), tmp_path / "s.parquet"))


def test_themes_and_direction_as_semicolon_text_split_into_codes(tmp_path):
    path = corpus.write(
        corpus.notes(
            themes=["tools", "Newcomers; mentoring ", None, "sources;languages;"], direction=["ke", "EQ", "", "KE;EQ"]
        ),
        tmp_path / "s.parquet",
    )
    assert_same_as_written(path)


def test_timestamps_without_time_zone_are_taken_as_utc(tmp_path):
    naive = pc.cast(corpus.NOTES["submitted_at"], pa.timestamp("ms"))
    assert_same_as_written(corpus.write(corpus.notes(submitted_at=naive), tmp_path / "s.parquet"))


def test_timestamps_in_another_zone_are_converted_to_utc(tmp_path):
    frame = corpus.notes().to_pandas()
    frame["submitted_at"] = (
        frame["submitted_at"].dt.tz_convert("America/Sao_Paulo").astype("datetime64[ns, America/Sao_Paulo]")
    )
    path = tmp_path / "s.parquet"
    frame.to_parquet(path, coerce_timestamps=None)
    assert_same_as_written(path)


def test_nanosecond_timestamps_are_cut_to_microseconds(tmp_path):
    ns = pa.array([1502355600000000001, None, 1502355600000000999, 1502355600000001000], pa.timestamp("ns"))
    path = corpus.write(corpus.notes(submitted_at=ns), tmp_path / "s.parquet", version="2.6")
    export = load_export(path)
    assert export.problems == []
    assert export.contributions["submitted_at"].iloc[0] == pd.Timestamp("2017-08-10 09:00:00", tz="UTC")
    assert export.contributions["submitted_at"].iloc[3] == pd.Timestamp("2017-08-10 09:00:00.000001", tz="UTC")


def test_timestamps_written_as_iso_text_are_read(tmp_path):
    text = ["2017-08-10T09:00:00Z", "2017-08-10 11:05:00+02:00", "2017-08-10T09:40:00", "2017-08-10 09:45"]
    assert_same_as_written(corpus.write(corpus.notes(submitted_at=text), tmp_path / "s.parquet"))


def test_dates_are_read_as_midnight_utc(tmp_path):
    dates = pa.array([datetime(2017, 8, 10).date()] * 4, pa.date32())
    export = load_export(corpus.write(corpus.notes(submitted_at=dates), tmp_path / "s.parquet"))
    assert (export.contributions["submitted_at"] == pd.Timestamp("2017-08-10", tz="UTC")).all()


def test_integer_ids_are_read_as_text(tmp_path):
    path = corpus.write(
        corpus.notes(contribution_id=[1, 2, 3, 4], participant_id=pa.array([7.0, 8.0, None, None])),
        tmp_path / "s.parquet",
    )
    export = load_export(path)
    assert export.problems == []
    assert export.contributions["contribution_id"].tolist() == ["1", "2", "3", "4"]
    assert export.contributions["participant_id"].tolist()[:2] == ["7", "8"]
    assert export.contributions["participant_id"].isna().tolist() == [False, False, True, True]


def test_newcomer_as_yes_no_text_or_numbers(tmp_path):
    for i, values in enumerate((["yes", "No", ""], [1, 0, None], [1.0, 0.0, float("nan")])):
        root = corpus.export(tmp_path / str(i), corpus.notes(), corpus.people(newcomer=values))
        export = load_export(root)
        assert export.problems == []
        newcomer = export.participants["newcomer"]
        assert newcomer.tolist()[:2] == [True, False] and pd.isna(newcomer.iloc[2]), values


def test_duckdb_partitioned_dataset(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    frame = corpus.notes(session=["a", "a", "b", "b"]).to_pandas()  # noqa: F841 - read by DuckDB by name
    target = tmp_path / "e" / "contributions.parquet"
    target.parent.mkdir()
    con.execute(f"COPY frame TO '{target}' (FORMAT parquet, PARTITION_BY (session))")
    export = load_export(tmp_path / "e")
    assert export.problems == []
    assert sorted(export.sessions) == ["a", "b"]
    assert len(export.contributions) == 4
    assert list(export.contributions.set_index("contribution_id").loc["c2", "themes"]) == ["newcomers", "mentoring"]


def test_pyarrow_write_to_dataset_with_partitions(tmp_path):
    import pyarrow.parquet as pq

    pq.write_to_dataset(
        corpus.notes(session=["a", "b", "a", "b"]), tmp_path / "e" / "contributions.parquet", partition_cols=["session"]
    )
    export = load_export(tmp_path / "e")
    assert export.problems == []
    assert export.contributions.set_index("contribution_id")["session"].to_dict() == {
        "c1": "a",
        "c2": "b",
        "c3": "a",
        "c4": "b",
    }
