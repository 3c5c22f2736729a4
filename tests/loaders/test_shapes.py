"""The loader on every shape an export comes in: folder, single file, part files, hive partitions, several sessions."""

from __future__ import annotations

import os

import pandas as pd
import pyarrow as pa
import pytest

from loaders import load_export
from loaders.regions import REGION_IDS
from loaders.schema import CONTRIBUTIONS, PARTICIPANTS
from tests.loaders import corpus


def codes(export) -> list[str]:
    return [p.code for p in export.problems]


def test_folder_export_loads_notes_and_participants(good_export):
    export = load_export(good_export)
    assert len(export.contributions) == 4
    assert len(export.participants) == 3
    assert export.problems == []
    assert export.participants_source == "file"
    assert export.sessions == ["wikicafe-2017"]


def test_notes_inherit_region_and_community_from_their_author(good_export):
    notes = load_export(good_export).contributions.set_index("contribution_id")
    assert notes.loc["c1", "region"] == "SSA"
    assert notes.loc["c2", "country"] == "SE"
    assert notes.loc["c3", "community"] == "pt.wikipedia"
    assert pd.isna(notes.loc["c4", "region"])  # anonymous


def test_loaded_frames_have_every_format_column_with_normalised_dtypes(good_export):
    export = load_export(good_export)
    notes, people = export.contributions, export.participants
    assert {c.name for c in CONTRIBUTIONS} <= set(notes.columns)
    assert {c.name for c in PARTICIPANTS} <= set(people.columns)
    for name in ("session", "question", "table", "language", "region", "country", "community", "community_type"):
        assert isinstance(notes[name].dtype, pd.CategoricalDtype), name
    for name in ("session", "region", "country", "community", "community_type", "gender", "age_band"):
        assert isinstance(people[name].dtype, pd.CategoricalDtype), name
    assert list(notes["region"].cat.categories) == list(REGION_IDS)
    assert list(people["region"].cat.categories) == list(REGION_IDS)
    coded = pd.ArrowDtype(pa.list_(pa.dictionary(pa.int32(), pa.string())))  # each code stored once
    assert notes["themes"].dtype == coded and notes["direction"].dtype == coded
    assert all(isinstance(code, str) for codes in notes["themes"] for code in codes)
    assert people["languages"].dtype == pd.ArrowDtype(pa.list_(pa.string()))
    assert str(notes["round"].dtype) == "Int32" and str(notes["votes"].dtype) == "Int32"
    assert str(notes["submitted_at"].dtype) == "datetime64[us, UTC]"
    assert str(people["newcomer"].dtype) == "boolean"
    assert people["newcomer"].tolist()[:2] == [True, False] and pd.isna(people["newcomer"].iloc[2])
    assert not any(c.startswith("__") for c in [*notes.columns, *people.columns])


def test_list_columns_keep_their_codes(good_export):
    notes = load_export(good_export).contributions.set_index("contribution_id")
    assert list(notes.loc["c2", "themes"]) == ["newcomers", "mentoring"]
    assert list(notes.loc["c3", "themes"]) == []
    assert list(notes.loc["c4", "direction"]) == ["KE", "EQ"]


def test_contributions_without_participants_file_take_people_from_the_notes(tmp_path):
    export = load_export(corpus.export(tmp_path / "s", corpus.notes()))
    assert export.participants_source == "notes"
    assert sorted(export.participants["participant_id"]) == ["p1", "p2", "p3"]
    assert export.participants["region"].isna().all()
    assert export.problems == []


def test_single_file_with_inline_attributes_derives_participants(tmp_path):
    table = corpus.notes(
        region=["ssa", "Northern and Western Europe", None, "LAC"],
        country=["KE", "SE", "BR", "AR"],
        community=["sw.wikipedia", "WMSE", "pt.wikipedia", None],
    )
    path = corpus.write(table, tmp_path / "berlin-2017.parquet")
    export = load_export(path)
    assert export.sessions == ["berlin-2017"]
    assert export.participants_source == "notes"
    people = export.participants.set_index("participant_id")
    assert people.loc["p1", "region"] == "SSA"
    assert people.loc["p2", "region"] == "NWE"
    assert people.loc["p3", "region"] == "LAC"  # filled in from the country BR
    notes = export.contributions.set_index("contribution_id")
    assert notes.loc["c4", "region"] == "LAC"  # the anonymous note keeps its own inline region
    assert export.problems == []


def test_single_file_without_people_columns_has_region_column_all_unknown(tmp_path):
    export = load_export(corpus.write(corpus.notes(), tmp_path / "flat.parquet"))
    assert len(export.participants) == 3
    assert export.participants["region"].isna().all()
    assert list(export.participants["region"].cat.categories) == list(REGION_IDS)


def test_part_file_folder_loads_every_part_and_ignores_writer_markers(tmp_path):
    base = tmp_path / "s" / "contributions.parquet"
    corpus.write(corpus.notes().slice(0, 2), base / "part-00000.snappy.parquet")
    corpus.write(corpus.notes().slice(2, 2), base / "part-00001.snappy.parquet")
    (base / "_SUCCESS").write_bytes(b"")
    (base / ".part-00000.snappy.parquet.crc").write_bytes(b"\x00crc")
    (base / "part-00001.snappy.parquet.crc").write_bytes(b"\x00crc")
    export = load_export(tmp_path / "s")
    assert sorted(export.contributions["contribution_id"]) == ["c1", "c2", "c3", "c4"]
    assert export.problems == []


def test_spark_temporary_folder_beside_finished_parts_is_ignored(tmp_path):
    base = tmp_path / "s" / "contributions.parquet"
    corpus.write(corpus.notes(), base / "part-00000.parquet")
    (base / "_temporary" / "0").mkdir(parents=True)
    (base / "_temporary" / "0" / "part-00001.parquet").write_bytes(b"PAR1 half")
    export = load_export(tmp_path / "s")
    assert len(export.contributions) == 4
    assert export.problems == []


def test_participants_may_be_a_folder_of_part_files(tmp_path):
    root = corpus.export(tmp_path / "s", corpus.notes())
    corpus.write(corpus.people().slice(0, 1), root / "participants.parquet" / "part-0.parquet")
    corpus.write(corpus.people().slice(1, 2), root / "participants.parquet" / "part-1.parquet")
    export = load_export(root)
    assert export.participants_source == "file"
    assert sorted(export.participants["participant_id"]) == ["p1", "p2", "p3"]


def test_hive_partition_folders_become_the_session_column(tmp_path):
    base = tmp_path / "events" / "contributions.parquet"
    corpus.write(corpus.notes().slice(0, 2), base / "session=wikicafe-2017" / "part-0.parquet")
    corpus.write(corpus.notes().slice(2, 2), base / "session=berlin-2017" / "part-0.parquet")
    corpus.write(
        corpus.people().slice(0, 2),
        tmp_path / "events" / "participants.parquet" / "session=wikicafe-2017" / "part-0.parquet",
    )
    corpus.write(
        corpus.people().slice(2, 1),
        tmp_path / "events" / "participants.parquet" / "session=berlin-2017" / "part-0.parquet",
    )
    export = load_export(tmp_path / "events")
    notes = export.contributions.set_index("contribution_id")
    assert notes.loc["c1", "session"] == "wikicafe-2017"
    assert notes.loc["c3", "session"] == "berlin-2017"
    assert notes.loc["c3", "region"] == "LAC"  # matched to the person in the same session
    assert sorted(export.sessions) == ["berlin-2017", "wikicafe-2017"]
    assert export.problems == []


def test_hive_partition_values_are_decoded(tmp_path):
    base = tmp_path / "e" / "contributions.parquet"
    corpus.write(corpus.notes(), base / "session=Wiki%20Caf%C3%A9" / "round=2" / "part-0.parquet")
    corpus.write(
        corpus.notes(contribution_id=["c5", "c6", "c7", "c8"]),
        base / "session=__HIVE_DEFAULT_PARTITION__" / "part-0.parquet",
    )
    notes = load_export(tmp_path / "e").contributions
    assert set(notes["session"]) == {"Wiki Café", "e"}  # no session value: the export's folder name


def test_a_column_in_the_file_wins_over_its_partition_folder(tmp_path):
    base = tmp_path / "e" / "contributions.parquet"
    corpus.write(corpus.notes(session=["a", "a", "a", "a"]), base / "session=b" / "part-0.parquet")
    assert set(load_export(tmp_path / "e").contributions["session"]) == {"a"}


def test_folder_of_several_exports_loads_as_one_with_a_session_column(tmp_path):
    corpus.export(tmp_path / "all" / "wikicafe-2017", corpus.notes(), corpus.people())
    corpus.export(tmp_path / "all" / "berlin-2017", corpus.notes(), corpus.people(region=["MENA", "SA", "NA"]))
    (tmp_path / "all" / "notes.txt").write_text("not an export")
    export = load_export(tmp_path / "all")
    assert len(export.contributions) == 8
    assert len(export.participants) == 6
    assert sorted(export.sessions) == ["berlin-2017", "wikicafe-2017"]
    by_session = export.contributions.set_index(["session", "contribution_id"])["region"]
    assert by_session[("wikicafe-2017", "c1")] == "SSA"
    assert by_session[("berlin-2017", "c1")] == "MENA"
    assert "duplicate_id" not in codes(export)  # the same id in two sessions is two notes


def test_folder_of_several_single_file_exports_gets_a_session_per_sub_folder(tmp_path):
    corpus.write(corpus.notes(), tmp_path / "all" / "session=a" / "contributions.parquet")
    corpus.write(corpus.notes(), tmp_path / "all" / "b" / "contributions.parquet")
    assert sorted(load_export(tmp_path / "all").sessions) == ["a", "b"]


def test_opening_the_contributions_folder_itself_loads_it(tmp_path):
    base = tmp_path / "s" / "contributions.parquet"
    corpus.write(corpus.notes().slice(0, 2), base / "session=x" / "part-0.parquet")
    corpus.write(corpus.notes().slice(2, 2), base / "session=y" / "part-0.parquet")
    export = load_export(base)
    assert len(export.contributions) == 4
    assert sorted(export.sessions) == ["x", "y"]


def test_extra_columns_are_kept(tmp_path):
    table = corpus.notes(sticky_colour=["red", "blue", "red", "green"], photo_id=[10, 11, 12, 13])
    notes = load_export(corpus.export(tmp_path / "s", table)).contributions.set_index("contribution_id")
    assert notes.loc["c2", "sticky_colour"] == "blue"
    assert notes.loc["c4", "photo_id"] == 13


def test_only_the_required_columns_is_enough(tmp_path):
    export = load_export(corpus.export(tmp_path / "s", corpus.notes().select(["contribution_id", "text"])))
    assert len(export.contributions) == 4
    assert export.contributions["round"].isna().all()
    assert [list(t) for t in export.contributions["themes"]] == [[], [], [], []]
    assert export.problems == []


def test_export_with_no_notes_yet_loads_and_says_so(tmp_path):
    base = tmp_path / "live" / "contributions.parquet"
    base.mkdir(parents=True)
    (base / "_SUCCESS").write_bytes(b"")
    export = load_export(tmp_path / "live")
    assert len(export.contributions) == 0
    assert {c.name for c in CONTRIBUTIONS} <= set(export.contributions.columns)
    assert codes(export) == ["no_contributions"]
    assert "no notes yet" in str(export.problems[0])


def test_empty_contributions_table_loads_and_says_so(tmp_path):
    export = load_export(corpus.export(tmp_path / "live", corpus.notes().slice(0, 0), corpus.people()))
    assert len(export.contributions) == 0
    assert len(export.participants) == 3
    assert codes(export) == ["no_contributions"]
    assert "The export has no notes yet" in export.problems[0].message


def test_problems_frame_has_one_row_per_problem_with_where_and_what(tmp_path):
    export = load_export(corpus.export(tmp_path / "s", corpus.notes(round=[1, 2, -1, 0])))
    frame = export.problems_frame()
    assert list(frame.columns) == ["file", "row", "column", "value", "message", "code", "fatal"]
    assert frame[["file", "row", "column", "value", "code"]].values.tolist() == [
        ["s/contributions.parquet", 3, "round", "-1", "out_of_range"],
        ["s/contributions.parquet", 4, "round", "0", "out_of_range"],
    ]


def test_synthetic_sample_is_flagged_from_file_metadata(tmp_path):
    table = corpus.notes().replace_schema_metadata({"harvest.synthetic": "true"})
    assert load_export(corpus.export(tmp_path / "s", table)).synthetic is True
    assert load_export(corpus.export(tmp_path / "t", corpus.notes())).synthetic is False


def test_fingerprint_changes_when_a_file_changes(tmp_path):
    root = corpus.export(tmp_path / "s", corpus.notes())
    before = load_export(root).fingerprint
    assert load_export(root).fingerprint == before
    corpus.write(corpus.notes().slice(0, 3), root / "contributions.parquet")
    os.utime(root / "contributions.parquet", ns=(1, 1))
    assert load_export(root).fingerprint != before


@pytest.mark.parametrize("name", ["contributions.parquet", "contributions"])
def test_contributions_may_be_named_with_or_without_the_parquet_suffix(tmp_path, name):
    corpus.write(corpus.notes(), tmp_path / "s" / name / "part-0.parquet")
    assert len(load_export(tmp_path / "s").contributions) == 4


def test_flat_files_side_by_side_are_read_as_parts_of_one_table(tmp_path):
    corpus.write(corpus.notes().slice(0, 2), tmp_path / "drop" / "data_0.parquet")
    corpus.write(corpus.notes().slice(2, 2), tmp_path / "drop" / "data_1.parquet")
    export = load_export(tmp_path / "drop")
    assert export.sessions == ["drop"]
    assert len(export.contributions) == 4
