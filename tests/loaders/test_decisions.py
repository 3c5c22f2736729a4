"""The decisions overlay (loaders/decisions.py): read and validated like the codebook, written atomically beside the
export, applied so that confirmed codes are the facilitators' and rejected proposals are no auto codes; with real
files in tmp_path and the numbers a reader sees."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from analysis.autocode import build_index, coverage, with_auto_codes
from analysis.codes import code_frequency
from loaders import Problem, load_export
from loaders.codebook import load_codebook
from loaders.decisions import (
    COLUMNS,
    apply_decisions,
    decision_row,
    decisions_path,
    parse_decisions,
    read_decisions,
    with_decision,
    write_decision,
)
from tests.helpers.apptest import SAMPLE
from ui.decisions import pending, without_rejected

pytestmark = pytest.mark.skipif(not (SAMPLE / "contributions.parquet").exists(), reason="no sample export yet")
HEADER = ",".join(COLUMNS) + "\n"
NAME = "cafe.decisions.csv"


@pytest.fixture(scope="module")
def sample():
    export, codebook = load_export(SAMPLE), load_codebook()
    return export, codebook, build_index(export.contributions, codebook)


def proposal(sample, i: int = 0) -> dict:
    export, _codebook, index = sample
    notes = export.contributions
    row = pending(notes, index).iloc[i]
    note = notes.iloc[row["row"]]
    return {
        "session": str(note["session"]),
        "id": str(note["contribution_id"]),
        "column": row["column"],
        "code": row["code"],
    }


#: The version of the codebook in force, as a decisions file records it.
VERSION = load_codebook().version


def row(p: dict, decision: str, code: str = "", version: str = VERSION) -> dict:
    return decision_row(p["session"], p["id"], p["column"], p["code"], decision, code, version)


def test_the_file_is_beside_a_local_export_and_nowhere_for_an_upload_or_object_storage(tmp_path):
    assert decisions_path(str(tmp_path / "cafe")) == tmp_path / "cafe.decisions.csv"
    assert decisions_path(str(tmp_path / "cafe") + "/") == tmp_path / "cafe.decisions.csv"
    assert decisions_path(str(tmp_path / "notes.parquet")) == tmp_path / "notes.parquet.decisions.csv"
    assert decisions_path("upload: notes.parquet") is None
    assert decisions_path("s3://bucket/cafe") is None


def test_a_decision_is_written_atomically_and_a_later_one_on_the_same_proposal_replaces_it(tmp_path, sample):
    path = tmp_path / NAME
    p, q = proposal(sample, 0), proposal(sample, 1)
    write_decision(path, row(p, "accept", p["code"]))
    write_decision(path, row(q, "reject"))
    write_decision(path, row(p, "reject"))  # changed their mind: replaces the accept, in its place
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    assert [tuple(r) for r in rows] == [COLUMNS, COLUMNS]
    assert [(r["contribution_id"], r["decision"], r["code"]) for r in rows] == [
        (p["id"], "reject", ""),
        (q["id"], "reject", ""),
    ]
    assert sorted(f.name for f in tmp_path.iterdir()) == [NAME, NAME + ".lock"]  # no temporary file left behind
    decisions = read_decisions(path, sample[0].contributions, sample[1])
    assert decisions.count == 2 and decisions.problems == []


def test_rows_it_cannot_read_are_kept_when_a_decision_is_added(sample):
    p = proposal(sample)
    raw = (HEADER + "s,x,themes,augmented_age,maybe,,v\n").encode()
    out = with_decision(raw, row(p, "accept", p["code"])).decode()
    assert out.splitlines() == [
        HEADER.strip(),
        "s,x,themes,augmented_age,maybe,,v",
        f"{p['session']},{p['id']},{p['column']},{p['code']},accept,{p['code']},{VERSION}",
    ]


def test_every_bad_row_is_a_problem_naming_file_row_column_and_value(sample):
    export, codebook, _index = sample
    p = proposal(sample)
    good = f"{p['session']},{p['id']},{p['column']},{p['code']}"
    raw = (
        HEADER
        + f"{good},accept,{p['code']},{VERSION}\n"  # row 1: fine
        + f"{p['session']},no-such-note,themes,{p['code']},accept,,{VERSION}\n"  # row 2
        + f"{good},maybe,,{VERSION}\n"  # row 3
        + f"{p['session']},{p['id']},themes,not_a_code,reject,,{VERSION}\n"  # row 4
        + f"{good},reject,KE1,{VERSION}\n"  # row 5
        + f"{p['session']},{p['id']},topics,{p['code']},reject,,{VERSION}\n"  # row 6
        + f"{good},recode,,{VERSION}\n"  # row 7
        + f"{good},reject,,{VERSION}\n"  # row 8: the same proposal as row 1, decided again
    ).encode()
    decisions = parse_decisions(raw, NAME, export.contributions, codebook)
    assert decisions.problems == [
        Problem(
            NAME,
            2,
            "contribution_id",
            '"no-such-note"',
            "names no note of this export (no note has this session and id).",
            "unknown_note",
        ),
        Problem(NAME, 3, "decision", '"maybe"', "is not a decision: write accept, reject or recode.", "bad_value"),
        Problem(
            NAME,
            4,
            "proposed",
            '"not_a_code"',
            f"is not a code of the themes column in the codebook in force ({VERSION}).",
            "not_in_codebook",
        ),
        Problem(
            NAME,
            5,
            "code",
            '"KE1"',
            f"is not a code of the themes column in the codebook in force ({VERSION}).",
            "not_in_codebook",
        ),
        Problem(NAME, 6, "column", '"topics"', "is not a code column: write themes or direction.", "bad_value"),
        Problem(
            NAME,
            7,
            "code",
            '""',
            "is empty: a recode names the code that counts instead of the proposal.",
            "missing_value",
        ),
        Problem(
            NAME,
            1,
            "decision",
            "reject",
            "decides the same proposal as row 1; the later row counts.",
            "duplicate_decision",
        ),
    ]
    assert decisions.count == 1 and decisions.table.iloc[0]["decision"] == "reject"  # the later row counts


def test_a_file_without_the_columns_or_not_utf8_is_one_problem_and_no_decision(sample):
    export, codebook, _index = sample
    decisions = parse_decisions(b"session,contribution_id,decided_by\n", NAME, export.contributions, codebook)
    assert decisions.count == 0
    assert [str(p) for p in decisions.problems] == [
        f"{NAME}: lacks the column(s) `column`, `proposed`, `decision`, `code`, `codebook_version`; a decisions file "
        "has the columns session, contribution_id, column, proposed, decision, code, codebook_version. None of its "
        "decisions are used."
    ]
    decisions = parse_decisions(b"\xff\xfe\x00bad", NAME, export.contributions, codebook)
    assert [p.code for p in decisions.problems] == ["unreadable_file"] and decisions.count == 0
    extra = parse_decisions((HEADER.strip() + ",decided_by\n").encode(), NAME, export.contributions, codebook)
    assert [str(p) for p in extra.problems] == [
        f"{NAME}, column `decided_by`: The column `decided_by` is not used: a decisions file records what was "
        "decided, never who decided or when."
    ]


def test_confirmed_codes_count_as_the_facilitators_and_rejected_ones_are_no_auto_codes(sample):
    export, codebook, index = sample
    notes = export.contributions
    todo = pending(notes, index)
    themes = todo[todo["column"] == "themes"]
    first = int(themes["row"][themes["row"].duplicated()].iloc[0])  # a note with two theme proposals (or more)
    at_first = todo.index[(todo["row"] == first) & (todo["column"] == "themes")]
    p, q = proposal(sample, int(at_first[0])), proposal(sample, int(at_first[1]))
    assert (p["id"], p["column"]) == (q["id"], q["column"])
    raw = with_decision(with_decision(b"", row(p, "accept", p["code"])), row(q, "reject"))
    decisions = parse_decisions(raw, NAME, notes, codebook)
    decided = apply_decisions(notes, decisions)
    decided_index = without_rejected(index, decided)

    before = code_frequency(notes).set_index("code")["notes"]
    after = code_frequency(decided).set_index("code")["notes"]
    assert after[p["code"]] == before.get(p["code"], 0) + 1  # one more note carries it as a facilitators' code
    was, now = coverage(notes, index).set_index("column"), coverage(decided, decided_index).set_index("column")
    assert now.loc["themes", "facilitators"] == was.loc["themes", "facilitators"] + 1
    assert now.loc["themes", "auto"] == was.loc["themes", "auto"] - 1
    both = with_auto_codes(decided, decided_index, "both")
    at = int(decided.index[(decided["contribution_id"] == p["id"]).to_numpy()][0])
    assert list(both.loc[at, "themes"]) == [p["code"]] and not both.loc[at, "themes_auto"]
    assert q["code"] not in list(with_auto_codes(decided, decided_index, "auto").loc[at, "themes"])
    assert len(pending(decided, decided_index)) == len(pending(notes, index)) - 2
    assert decided.loc[at, "themes_confirmed"] and list(decided.loc[at, "themes_rejected"]) == [q["code"]]


def test_a_recode_gives_the_chosen_code_and_drops_the_proposal(sample, tmp_path):
    export, codebook, index = sample
    p = proposal(sample)
    other = next(c for c in codebook.ids("theme") if c != p["code"])
    path = tmp_path / NAME
    write_decision(path, row(p, "recode", other))
    decided = apply_decisions(export.contributions, read_decisions(path, export.contributions, codebook))
    at = int(decided.index[(decided["contribution_id"] == p["id"]).to_numpy()][0])
    assert list(decided.loc[at, "themes"]) == [other]
    assert p["code"] not in list(with_auto_codes(decided, without_rejected(index, decided), "auto").loc[at, "themes"])


def test_the_export_folder_is_never_written(tmp_path, sample):
    copy = tmp_path / "cafe"
    shutil.copytree(SAMPLE, copy)
    before = {f.name: f.stat().st_mtime_ns for f in copy.iterdir()}
    write_decision(decisions_path(str(copy)), row(proposal(sample), "reject"))
    assert {f.name: f.stat().st_mtime_ns for f in copy.iterdir()} == before
    assert (tmp_path / "cafe.decisions.csv").is_file()
