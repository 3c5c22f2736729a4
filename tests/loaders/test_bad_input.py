"""Every kind of bad input gives a message a person can act on: file, row, column, value, what happens to the row.

A file that cannot be used at all raises ExportError; anything else loads, keeps what it can and reports the rest.
"""

from __future__ import annotations

import pyarrow as pa
import pytest

from loaders import ExportError, load_export
from loaders.schema import PROBLEM_CODES
from tests.loaders import corpus


def problem(export_or_error, code: str, **where):
    """The one problem with ``code`` (and the given file, row, column), failing clearly when there is not one."""
    found = [
        p for p in export_or_error.problems if p.code == code and all(getattr(p, k) == v for k, v in where.items())
    ]
    assert len(found) == 1, f"expected one {code} at {where}, got {export_or_error.problems}"
    return found[0]


def codes(export) -> list[str]:
    return sorted(p.code for p in export.problems)


# --- files that cannot be used at all --------------------------------------------------------------------------------


def test_zero_byte_file_is_refused_with_its_name_and_what_a_valid_file_is(broken):
    with pytest.raises(ExportError) as raised:
        load_export(broken("zero_byte"))
    message = str(raised.value)
    assert message.startswith("zero_byte/contributions.parquet: ")
    assert "is empty (0 bytes)" in message
    assert "A valid file is a Parquet table with one row per note" in message
    assert problem(raised.value, "unreadable_file").fatal


def test_truncated_parquet_is_refused_as_incomplete(broken):
    with pytest.raises(ExportError) as raised:
        load_export(broken("truncated"))
    assert str(raised.value).startswith(
        "truncated/contributions.parquet: is incomplete: the end of the Parquet file is missing"
    )


def test_csv_renamed_parquet_is_recognised_as_csv(broken):
    with pytest.raises(ExportError) as raised:
        load_export(broken("csv_renamed"))
    message = str(raised.value)
    assert message.startswith(
        "csv_renamed/contributions.parquet: is not a Parquet file: it starts with "
        '"contribution_id,text" instead of PAR1. It looks like a CSV or text file.'
    )
    assert "to_parquet" in message


def test_text_column_of_the_wrong_type_is_refused(broken):
    with pytest.raises(ExportError) as raised:
        load_export(broken("wrong_column_types"))
    found = problem(raised.value, "wrong_column_type", column="text")
    assert found.file == "wrong_column_types/contributions.parquet"
    assert found.fatal
    assert found.message.startswith("holds lists, but text was expected.")
    assert "A valid file has" in found.message and "`contribution_id`, `text`" in found.message


def test_missing_required_columns_are_all_named_with_the_columns_the_file_has(broken):
    with pytest.raises(ExportError) as raised:
        load_export(broken("missing_required_columns"))
    message = str(raised.value)
    assert (
        "missing_required_columns/contributions.parquet, column `contribution_id`: The required column "
        "`contribution_id` is missing." in message
    )
    assert (
        "missing_required_columns/contributions.parquet, column `text`: The required column `text` is "
        "missing." in message
    )
    assert "This file has the columns `question`, `round`" in message
    assert "a valid file has at least `contribution_id`, `text`" in message


def test_participants_file_without_participant_id_is_left_out_and_people_come_from_the_notes(broken):
    export = load_export(broken("missing_participant_id"))
    found = problem(export, "missing_column")
    assert found.file == "missing_participant_id/participants.parquet"
    assert found.column == "participant_id"
    assert "a valid file has at least `participant_id`, `region`" in found.message
    assert found.message.endswith("Who took part is worked out from the notes instead.")
    assert export.participants_source == "notes"
    assert len(export.contributions) == 4  # every note is still there


def test_missing_path_says_what_to_give(tmp_path):
    with pytest.raises(ExportError) as raised:
        load_export(tmp_path / "nowhere")
    assert "There is no file or folder here." in str(raised.value)
    assert problem(raised.value, "not_an_export").file.endswith("nowhere")


def test_folder_without_contributions_is_refused(tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "readme.txt").write_text("hello")
    with pytest.raises(ExportError) as raised:
        load_export(tmp_path / "photos")
    assert "This folder holds no contributions.parquet" in str(raised.value)
    assert problem(raised.value, "not_an_export").fatal


def test_every_part_unreadable_is_refused_and_names_each_part(tmp_path):
    base = tmp_path / "s" / "contributions.parquet"
    base.mkdir(parents=True)
    (base / "part-0.parquet").write_bytes(b"")
    (base / "part-1.parquet").write_text("a;b\n1;2\n")
    with pytest.raises(ExportError) as raised:
        load_export(tmp_path / "s")
    assert [p.file for p in raised.value.problems] == [
        "s/contributions.parquet/part-0.parquet",
        "s/contributions.parquet/part-1.parquet",
    ]


def test_one_broken_session_among_several_is_reported_and_the_others_load(tmp_path):
    corpus.export(tmp_path / "all" / "a", corpus.notes(), corpus.people())
    corpus.zero_byte(tmp_path / "all" / "b")
    export = load_export(tmp_path / "all")
    assert export.sessions == ["a"]
    assert len(export.contributions) == 4
    found = problem(export, "unreadable_file")
    assert found.file == "all/b/contributions.parquet"
    assert found.message.startswith("is empty (0 bytes). This file is left out.")
    assert not found.fatal


def test_required_id_column_holding_records_is_refused(tmp_path):
    ids = pa.array([{"a": 1}, {"a": 2}, {"a": 3}, {"a": 4}])
    with pytest.raises(ExportError) as raised:
        load_export(corpus.export(tmp_path / "s", corpus.notes(contribution_id=ids)))
    assert "column `contribution_id`: holds nested records, but text was expected." in str(raised.value)


# --- files that load, with problems reported -------------------------------------------------------------------------


def test_optional_columns_of_the_wrong_type_are_left_out_and_reported(broken):
    export = load_export(broken("wrong_optional_column_types"))
    assert len(export.contributions) == 4
    file = "wrong_optional_column_types/contributions.parquet"
    assert problem(export, "wrong_column_type", column="round", file=file).message == (
        "holds true/false values, but whole numbers were expected. The column is left out."
    )
    assert problem(export, "wrong_column_type", column="themes").message.startswith(
        "holds numbers, but lists of codes (or text with ';' between codes) were expected."
    )
    assert problem(export, "wrong_column_type", column="submitted_at").message.startswith("holds lists, but dates")
    assert export.contributions["round"].isna().all()
    assert [list(t) for t in export.contributions["themes"]] == [[], [], [], []]


def test_null_ids_are_kept_and_reported(broken):
    export = load_export(broken("null_ids"))
    assert len(export.contributions) == 4
    assert len(export.participants) == 3
    for row in (2, 4):
        found = problem(export, "missing_value", file="null_ids/contributions.parquet", row=row)
        assert found.column == "contribution_id"
        assert found.message == (
            "The note has no contribution_id. It is kept and counted, but cannot be told apart from other notes."
        )
    found = problem(export, "missing_value", file="null_ids/participants.parquet", row=2)
    assert found.message == (
        "The person has no participant_id. They are kept and counted, but no note can be linked to them."
    )
    # note c2 names p2, whose id is missing in participants.parquet
    assert problem(export, "unknown_participant", row=2).message.startswith(
        "The note names a participant who is not in participants.parquet."
    )


def test_duplicate_with_same_content_is_counted_once_and_reported(broken):
    export = load_export(broken("duplicate_ids"))
    assert export.contributions["contribution_id"].value_counts()["c1"] == 1
    found = problem(export, "duplicate_id", row=5)
    assert (found.file, found.column, found.value) == ("duplicate_ids/contributions.parquet", "contribution_id", "c1")
    assert found.message == (
        'This note repeats the id "c1" with exactly the same content as '
        "duplicate_ids/contributions.parquet row 1. It is counted once."
    )


def test_duplicate_with_different_content_keeps_both_and_reports(broken):
    export = load_export(broken("duplicate_ids"))
    assert len(export.contributions) == 5
    c2 = export.contributions[export.contributions["contribution_id"] == "c2"]
    assert sorted(c2["text"]) == ["Mentors for newcomers", "Something else"]
    found = problem(export, "duplicate_id", row=6)
    assert found.message == (
        'This note has the id "c2" as duplicate_ids/contributions.parquet row 2 but different '
        "content. Both are kept; ids must be unique within a session, so check which is right."
    )


def test_duplicate_participant_is_reported_without_showing_the_id(broken):
    export = load_export(broken("duplicate_ids"))
    found = problem(export, "duplicate_id", file="duplicate_ids/participants.parquet")
    assert (found.row, found.column, found.value) == (4, "participant_id", None)
    assert found.message.startswith(
        "This person has the same participant id as duplicate_ids/participants.parquet row 1 but different content."
    )
    assert len(export.participants) == 4


def test_unknown_region_is_kept_and_reported_and_the_country_fills_it(broken):
    export = load_export(broken("unknown_regions_and_countries"))
    found = problem(export, "unknown_region", row=1)
    assert (found.file, found.column, found.value) == (
        "unknown_regions_and_countries/participants.parquet",
        "region",
        "Atlantis",
    )
    assert found.message.startswith(
        '"Atlantis" is not one of the eight regions (NWE, CEE, LAC, SSA, MENA, SA, ESEAP, NA, or their names).'
    )
    people = export.participants
    assert people["region"].tolist()[:2] == ["SSA", "NWE"]  # from country KE; "nwe" in lower case is fine
    assert len(people) == 3


def test_unknown_country_is_kept_and_reported(broken):
    export = load_export(broken("unknown_regions_and_countries"))
    found = problem(export, "unknown_country", row=2)
    assert (found.column, found.value) == ("country", "XX")
    assert found.message == (
        "\"XX\" is not an ISO 3166-1 country code or name (e.g. SE, BR, IN). It is kept as 'Country not known'."
    )
    assert problem(export, "unknown_country", row=3).value == "Narnia"


def test_person_with_no_region_and_no_known_country_is_reported(broken):
    export = load_export(broken("unknown_regions_and_countries"))
    found = problem(export, "missing_value", row=3, column="region")
    assert found.message == (
        "The person has no region and no known country to take it from. They are kept and "
        "counted under 'Region not known'."
    )
    assert export.participants["region"].isna().tolist() == [False, False, True]


def test_mixed_type_partitions_read_each_part_by_meaning(broken):
    export = load_export(broken("mixed_type_partitions"))
    notes = export.contributions.set_index("contribution_id")
    assert notes["round"].tolist()[:2] == [1, 1] and notes.loc["c4", "round"] == 3
    assert notes["round"].isna().tolist() == [False, False, True, False]
    found = problem(export, "not_a_whole_number")
    assert (found.file, found.row, found.column, found.value) == (
        "mixed_type_partitions/contributions.parquet/part-1.parquet",
        1,
        "round",
        "two",
    )
    assert found.message == (
        '"two" is not a whole number. Rounds are numbered 1, 2, 3 … This note is kept, without a round.'
    )
    assert notes["score"].tolist() == ["1", "2", "high", "low"]
    change = problem(export, "schema_change", column="score")
    assert change.file == "mixed_type_partitions/contributions.parquet/part-1.parquet"
    assert change.message == (
        "holds text, but mixed_type_partitions/contributions.parquet/part-0.parquet holds "
        "numbers. Every value is kept, as text."
    )


def test_column_added_in_a_later_part_is_empty_for_earlier_parts_and_reported(broken):
    export = load_export(broken("schema_changes_between_parts"))
    notes = export.contributions.set_index("contribution_id")
    assert notes["mood"].isna().tolist() == [True, True, False, False]
    assert list(notes.loc["c4", "themes"]) == ["sources", "languages"]
    assert list(notes.loc["c1", "themes"]) == []
    found = problem(export, "schema_change", column="mood")
    assert found.file == "schema_changes_between_parts/contributions.parquet/part-0.parquet"
    assert found.message == (
        "has no column `mood`, which schema_changes_between_parts/contributions.parquet/"
        "part-1.parquet has. Its rows are left empty there."
    )
    assert {p.column for p in export.problems} == {
        "question",
        "round",
        "table",
        "participant_id",
        "language",
        "themes",
        "direction",
        "votes",
        "submitted_at",
        "mood",
    }


def test_half_written_part_is_reported_and_skipped_and_the_rest_loads(broken):
    export = load_export(broken("half_written_part"))
    assert sorted(export.contributions["contribution_id"]) == ["c1", "c2", "c3", "c4"]
    found = problem(export, "unreadable_file")
    assert found.file == "half_written_part/contributions.parquet/part-2.parquet"
    assert found.message.startswith(
        "is incomplete: the end of the Parquet file is missing (it may still be being "
        "written, or was cut short). This file is left out."
    )
    assert not found.fatal  # the export is usable


def test_unreadable_participants_file_falls_back_to_the_notes(tmp_path):
    root = corpus.export(tmp_path / "s", corpus.notes(region=["SSA", "NWE", "LAC", None]))
    (root / "participants.parquet").write_bytes(b"")
    export = load_export(root)
    assert export.participants_source == "notes"
    assert sorted(export.participants["region"].astype(str)) == ["LAC", "NWE", "SSA"]
    found = problem(export, "unreadable_file", file="s/participants.parquet")
    assert found.message.startswith(
        "is empty (0 bytes). This file is left out. A valid file is a Parquet table with one row per person"
    )
    assert found.message.endswith(" Who took part is worked out from the notes instead.")
    assert codes(export) == ["unreadable_file"]


@pytest.mark.parametrize(
    ("values", "row", "shown", "message"),
    [
        ([1, 2, -1, 1], 3, -1, "-1 is below 1. Rounds are numbered 1, 2, 3 … This note is kept, without a round."),
        ([1, 2, 0, 1], 3, 0, "0 is below 1. Rounds are numbered 1, 2, 3 … This note is kept, without a round."),
        (
            [1.0, 2.5, 1.0, 1.0],
            2,
            2.5,
            "2.5 is not a whole number. Rounds are numbered 1, 2, 3 … This note is kept, without a round.",
        ),
        (
            ["1", "2", "1", "two"],
            4,
            "two",
            '"two" is not a whole number. Rounds are numbered 1, 2, 3 … This note is kept, without a round.',
        ),
        ([1.0, 1e20, 1.0, 1.0], 2, 1e20, "1e+20 is too large. This note is kept, without a round."),
        ([1.0, float("inf"), 1.0, 1.0], 2, float("inf"), "inf is too large. This note is kept, without a round."),
        (
            ["1", "99999999999999999999", "1", "1"],
            2,
            "99999999999999999999",
            '"99999999999999999999" is too large. This note is kept, without a round.',
        ),
    ],
)
def test_bad_round_is_kept_without_a_round_and_reported(tmp_path, values, row, shown, message):
    export = load_export(corpus.export(tmp_path / "s", corpus.notes(round=values)))
    assert len(export.contributions) == 4
    assert export.contributions["round"].isna().sum() == 1
    assert pd_isna(export.contributions["round"].iloc[row - 1])
    found = [p for p in export.problems if p.column == "round"]
    assert len(found) == 1
    assert (found[0].file, found[0].row, found[0].value) == ("s/contributions.parquet", row, shown)
    assert found[0].message == message


def pd_isna(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def test_negative_votes_are_reported_and_left_empty(tmp_path):
    export = load_export(corpus.export(tmp_path / "s", corpus.notes(votes=[3, -2, 1, 0])))
    found = problem(export, "out_of_range", row=2, column="votes")
    assert found.message == "-2 is below 0. Votes are counted 0, 1, 2 … This note is kept, without a vote count."
    assert export.contributions["votes"].isna().tolist() == [False, True, False, False]


@pytest.mark.parametrize("empty", ["", "   ", None])
def test_note_without_text_is_left_out_and_reported(tmp_path, empty):
    export = load_export(corpus.export(tmp_path / "s", corpus.notes(text=["a", empty, "c", "d"])))
    assert sorted(export.contributions["contribution_id"]) == ["c1", "c3", "c4"]
    found = problem(export, "empty_text", row=2, column="text")
    assert found.message == "The note has no text. A note must have text, so it is left out of every count."


def test_unreadable_timestamp_is_kept_without_it(tmp_path):
    text = ["2017-08-10T09:00:00Z", "last tuesday", None, "2017-08-10 09:45"]
    export = load_export(corpus.export(tmp_path / "s", corpus.notes(submitted_at=text)))
    found = problem(export, "bad_timestamp", row=2)
    assert (found.column, found.value) == ("submitted_at", "last tuesday")
    assert found.message == '"last tuesday" is not a date and time. The note is kept, without it.'
    assert export.contributions["submitted_at"].isna().tolist() == [False, True, True, False]


def test_unknown_language_is_kept_as_not_known(tmp_path):
    export = load_export(corpus.export(tmp_path / "s", corpus.notes(language=["en", "klingon", "pt_br", "SV"])))
    found = problem(export, "unknown_language", row=2)
    assert found.message == (
        "\"klingon\" is not a language tag (BCP 47, e.g. en, sv, pt-BR). It is kept as 'Language not known'."
    )
    assert export.contributions["language"].astype(object).tolist()[2:] == ["pt-BR", "sv"]


def test_languages_spoken_are_tidied_and_an_unknown_one_is_left_out_and_reported(tmp_path):
    people = corpus.people(languages=pa.array([["SW", "en"], ["sv", "elvish"], ["pt_br"]], corpus.LIST))
    export = load_export(corpus.export(tmp_path / "s", corpus.notes(), people))
    assert [list(x) for x in export.participants["languages"]] == [["sw", "en"], ["sv"], ["pt-BR"]]
    found = problem(export, "unknown_language")
    assert (found.file, found.row, found.column, found.value) == ("s/participants.parquet", 2, "languages", "elvish")
    assert found.message == ('"elvish" is not a language tag (BCP 47, e.g. en, sv, pt-BR). It is left out of the list.')


def test_newcomer_that_is_not_yes_or_no_is_reported(tmp_path):
    export = load_export(corpus.export(tmp_path / "s", corpus.notes(), corpus.people(newcomer=["yes", "maybe", None])))
    found = problem(export, "not_a_boolean", row=2)
    assert (found.file, found.column, found.value) == ("s/participants.parquet", "newcomer", "maybe")
    assert found.message == '"maybe" is not yes or no. The person is kept, without it.'


def test_note_naming_an_unknown_participant_is_kept_and_reported_without_the_id(tmp_path):
    table = corpus.notes(participant_id=["p1", "secret-person-9", "p3", None])
    export = load_export(corpus.export(tmp_path / "s", table, corpus.people()))
    found = problem(export, "unknown_participant", row=2)
    assert (found.column, found.value) == ("participant_id", None)
    assert found.message == (
        "The note names a participant who is not in participants.parquet. The note is kept and "
        "counted as from an unknown participant."
    )
    assert len(export.contributions) == 4


def test_long_values_are_cut_short_in_messages(tmp_path):
    export = load_export(corpus.export(tmp_path / "s", corpus.notes(round=["1", "x" * 500, "1", "1"])))
    found = problem(export, "not_a_whole_number")
    assert len(found.message) < 200
    assert found.message.startswith('"xxxxxxxx') and '…" is not a whole number' in found.message


# --- the corpus as a whole -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(corpus.BROKEN))
def test_broken_export_gives_export_error_or_problems_never_a_traceback(broken, name):
    path = broken(name)
    try:
        export = load_export(path)
    except ExportError as error:
        problems = error.problems
        assert any(p.fatal for p in problems)
    else:
        problems = export.problems
        assert problems, f"{name} loaded with no problem reported"
        assert not any(p.fatal for p in problems)
    for found in problems:
        assert found.code in PROBLEM_CODES
        assert found.file.startswith(name)
        assert (
            found.message[0].isupper()
            or found.message[0] in "\"'-0123456789"
            or found.message.startswith(("is ", "holds ", "has ", "cannot ", "could "))
        ), found.message
        assert found.message.endswith("."), found.message
        assert "Traceback" not in found.message


@pytest.mark.parametrize("name", sorted(corpus.BROKEN))
def test_participant_ids_never_appear_in_problems(broken, name):
    try:
        problems = load_export(broken(name)).problems
    except ExportError as error:
        problems = error.problems
    ids = {"p1", "p2", "p3"}
    for found in problems:
        assert found.value not in ids
        assert not any(f'"{i}"' in found.message for i in ids), found.message


def test_a_file_whose_every_row_is_wrong_lists_the_first_rows_and_counts_the_rest(tmp_path):
    """2,500 notes from one region nobody knows: the report lists 200 rows one by one and says how many more
    there are, instead of 2,500 lines; every note is still loaded, and none is lost from the count."""
    import pyarrow.parquet as pq

    from loaders.problems import MAX_ROWS_PER_PROBLEM

    n = 2_500
    folder = tmp_path / "everyrow"
    folder.mkdir()
    pq.write_table(
        pa.table({"contribution_id": [f"c{i}" for i in range(n)], "text": ["A note"] * n, "region": ["Atlantis"] * n}),
        folder / "contributions.parquet",
    )
    export = load_export(folder)
    assert len(export.contributions) == n
    listed = [p for p in export.problems if p.code == "unknown_region" and p.row is not None]
    assert len(listed) == MAX_ROWS_PER_PROBLEM
    assert [p.row for p in listed[:3]] == [1, 2, 3] and listed[0].value == "Atlantis"
    summary = [p for p in export.problems if p.code == "unknown_region" and p.row is None]
    assert len(summary) == 1
    assert summary[0].file == "everyrow/contributions.parquet" and summary[0].column == "region"
    assert summary[0].message.startswith(
        f"{n - MAX_ROWS_PER_PROBLEM:,} more rows have this problem (unknown_region) "
        "in column `region`; the first 200 are listed one by one"
    )
