"""Invariants over generated exports: every note with text is loaded once, counts are never negative."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import ExportError, load_export
from tests.loaders import corpus

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

texts = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=12)
codes = st.text(alphabet="abcXYZ ;", max_size=8)
notes_rows = st.lists(
    st.fixed_dictionaries(
        {
            "text": texts,
            "round": st.one_of(st.none(), st.integers(-3, 6)),
            "votes": st.one_of(st.none(), st.integers(-5, 50)),
            "themes": st.one_of(st.none(), codes, st.lists(codes, max_size=3)),
            "language": st.sampled_from(["en", "sv", "pt-BR", "xx", "", None]),
            "region": st.sampled_from(["SSA", "nwe", "Latin America & Caribbean", "Atlantis", "", None]),
            "participant_id": st.sampled_from(["p1", "p2", "p3", None]),
        }
    ),
    max_size=25,
)
writer_options = st.fixed_dictionaries(
    {
        "compression": st.sampled_from(["snappy", "zstd", "gzip", "none"]),
        "use_dictionary": st.booleans(),
        "row_group_size": st.sampled_from([1, 3, 1000]),
    }
)


def has_text(text: str) -> bool:
    return bool(text.strip())


def as_table(rows: list[dict], themes_as_text: bool) -> pa.Table:
    def themes(value):
        if themes_as_text:
            return value if isinstance(value, str) or value is None else ";".join(value)
        return [value] if isinstance(value, str) else value

    return pa.table(
        {
            "contribution_id": [f"c{i}" for i in range(len(rows))],
            "text": [r["text"] for r in rows],
            "round": pa.array([r["round"] for r in rows], pa.int64()),
            "votes": pa.array([r["votes"] for r in rows], pa.int64()),
            "themes": pa.array([themes(r["themes"]) for r in rows], pa.string() if themes_as_text else corpus.LIST),
            "language": pa.array([r["language"] for r in rows], pa.string()),
            "region": pa.array([r["region"] for r in rows], pa.string()),
            "participant_id": pa.array([r["participant_id"] for r in rows], pa.string()),
        }
    )


def load(table: pa.Table, parts: int = 1, **options):
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "s" / "contributions.parquet"
        size = max(1, -(-table.num_rows // parts))
        for i in range(parts):
            corpus.write(table.slice(i * size, size), base / f"part-{i}.parquet", **options)
        return load_export(base.parent)


@SETTINGS
@given(rows=notes_rows, options=writer_options, themes_as_text=st.booleans(), parts=st.integers(1, 3))
def test_every_note_with_text_is_loaded_once(rows, options, themes_as_text, parts):
    export = load(as_table(rows, themes_as_text), parts, **options)
    kept = [i for i, r in enumerate(rows) if has_text(r["text"])]
    assert sorted(export.contributions["contribution_id"]) == sorted(f"c{i}" for i in kept)
    empty = [p for p in export.problems if p.code == "empty_text"]
    assert len(empty) == len(rows) - len(kept)


@SETTINGS
@given(rows=notes_rows, options=writer_options, themes_as_text=st.booleans())
def test_counts_are_never_negative_and_every_bad_value_is_reported(rows, options, themes_as_text):
    export = load(as_table(rows, themes_as_text), **options)
    notes = export.contributions
    assert (notes["round"].dropna() >= 1).all()
    assert (notes["votes"].dropna() >= 0).all()
    lengths = pc.list_value_length(pa.array(notes["themes"].array)).to_pylist()
    assert all(n >= 0 for n in lengths)
    assert all(code == code.strip().lower() and code for t in notes["themes"] for code in t)
    reported = {(p.row, p.column) for p in export.problems}
    for i, r in enumerate(rows):
        if not has_text(r["text"]):
            continue
        if r["round"] is not None and r["round"] < 1:
            assert (i + 1, "round") in reported
        if r["votes"] is not None and r["votes"] < 0:
            assert (i + 1, "votes") in reported
        if r["region"] == "Atlantis":
            assert (i + 1, "region") in reported
    assert all(p.row is None or 1 <= p.row <= len(rows) for p in export.problems)


@SETTINGS
@given(rows=notes_rows)
def test_splitting_into_part_files_does_not_change_the_notes(rows):
    table = as_table(rows, themes_as_text=False)
    whole, split = load(table, 1), load(table, 3)
    columns = ["contribution_id", "text", "round", "votes", "language", "region"]
    assert (
        whole.contributions[columns].astype(object).fillna("-").values.tolist()
        == split.contributions[columns].astype(object).fillna("-").values.tolist()
    )
    assert [list(t) for t in whole.contributions["themes"]] == [list(t) for t in split.contributions["themes"]]
    assert sorted((p.code, p.column) for p in whole.problems) == sorted((p.code, p.column) for p in split.problems)


@SETTINGS
@given(rows=notes_rows)
def test_an_exact_copy_of_every_row_is_counted_once(rows):
    table = as_table(rows, themes_as_text=False)
    once, twice = load(table), load(pa.concat_tables([table, table]), parts=2)
    assert len(twice.contributions) == len(once.contributions)
    copies = [p for p in twice.problems if p.code == "duplicate_id"]
    assert len(copies) == len(once.contributions)
    assert all("It is counted once." in p.message for p in copies)


@SETTINGS
@given(data=st.binary(max_size=200))
def test_random_bytes_are_an_export_error_never_a_traceback(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notes.parquet"
        path.write_bytes(data)
        try:
            load_export(path)
        except ExportError as error:
            assert str(error).startswith("notes.parquet: ")


@SETTINGS
@given(cut=st.integers(0, 10_000), position=st.integers(0, 10_000), byte=st.integers(0, 255))
def test_a_damaged_file_is_an_export_error_or_loads_never_a_traceback(cut, position, byte):
    data = bytearray(corpus.parquet_bytes(corpus.notes()))
    data[position % len(data)] = byte
    data = data[: len(data) - cut % len(data)] if cut % 3 else data
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notes.parquet"
        path.write_bytes(bytes(data))
        try:
            export = load_export(path)
        except ExportError as error:
            assert str(error).startswith("notes.parquet")
        else:
            assert len(export.contributions) <= 4
