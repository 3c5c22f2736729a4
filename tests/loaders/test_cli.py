"""`python -m loaders check [--json] PATH`: a short summary and every problem; exit 0 when usable, 1 when not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from loaders.__main__ import main
from tests.loaders import corpus

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_summarises_a_clean_export(capsys, good_export):
    code, out, err = run(capsys, good_export)
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == str(good_export)
    assert "  sessions:      wikicafe-2017" in lines
    assert "  contributions: 4" in lines
    assert "  participants:  3 (from file)" in lines
    assert "  regions:       3 (LAC, NWE, SSA)" in lines
    assert "  languages:     4 (en, pt-BR, sv, sw)" in lines
    assert "  date range:    2017-08-10 09:00:00+00:00 to 2017-08-10 09:45:00+00:00" in lines
    assert lines[-1] == "No problems found."


def test_check_lists_every_problem_and_still_exits_0_when_usable(capsys, tmp_path):
    root = corpus.export(tmp_path / "s", corpus.notes(round=["1", "-1", "1", "two"]))
    code, out, _ = run(capsys, root)
    assert code == 0
    assert "2 problem(s):" in out
    assert '  - s/contributions.parquet, row 2, column `round`: "-1" is below 1.' in out
    assert '  - s/contributions.parquet, row 4, column `round`: "two" is not a whole number.' in out


def test_check_says_when_there_are_no_notes_yet(capsys, tmp_path):
    (tmp_path / "live" / "contributions.parquet").mkdir(parents=True)
    code, out, _ = run(capsys, tmp_path / "live")
    assert code == 0
    assert "  contributions: 0" in out
    assert "no notes yet" in out


def test_check_json_has_the_same_summary_and_problems(capsys, tmp_path):
    root = corpus.export(tmp_path / "s", corpus.notes(language=["en", "klingon", "sv", "sv"]), corpus.people())
    code, out, _ = run(capsys, "--json", root)
    assert code == 0
    data = json.loads(out)
    assert data["usable"] is True
    assert data["sessions"] == ["s"]
    assert (data["contributions"], data["participants"]) == (4, 3)
    assert data["regions"] == ["LAC", "NWE", "SSA"]
    assert data["languages"] == ["en", "sv"]
    assert data["first_note"] == "2017-08-10 09:00:00+00:00"
    assert data["problems"] == [
        {
            "file": "s/contributions.parquet",
            "row": 2,
            "column": "language",
            "value": "klingon",
            "code": "unknown_language",
            "fatal": False,
            "message": '"klingon" is not a language tag (BCP 47, e.g. en, sv, pt-BR). It is '
            "kept as 'Language not known'.",
        }
    ]


def test_check_on_a_broken_export_exits_1_with_the_message(capsys, broken):
    path = broken("csv_renamed")
    code, out, err = run(capsys, path)
    assert code == 1
    assert out.splitlines()[0] == f"{path} cannot be used:"
    assert "  - csv_renamed/contributions.parquet: is not a Parquet file" in out
    assert "Traceback" not in out + err


def test_check_json_on_a_broken_export_exits_1(capsys, broken):
    code, out, _ = run(capsys, "--json", broken("missing_required_columns"))
    data = json.loads(out)
    assert code == 1
    assert data["usable"] is False
    assert [(p["column"], p["code"], p["fatal"]) for p in data["problems"]] == [
        ("contribution_id", "missing_column", True),
        ("text", "missing_column", True),
    ]


def test_check_on_a_missing_path_exits_1(capsys, tmp_path):
    code, out, _ = run(capsys, tmp_path / "nowhere")
    assert code == 1
    assert "There is no file or folder here." in out


def test_python_dash_m_loaders_runs_without_a_traceback(tmp_path):
    corpus.truncated(tmp_path / "t")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "loaders", "check", str(tmp_path / "t")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1
    assert "t/contributions.parquet: is incomplete" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_python_dash_m_loaders_without_a_command_shows_usage(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "loaders"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60
    )
    assert result.returncode == 2
    assert "usage: python -m loaders" in result.stderr


def test_check_lists_the_notes_regions_when_there_are_no_participants(tmp_path, capsys):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from loaders.__main__ import main

    pq.write_table(
        pa.table({"contribution_id": ["1", "2"], "text": ["a", "b"], "region": ["SSA", "lac"]}),
        tmp_path / "flat.parquet",
    )
    assert main(["check", str(tmp_path / "flat.parquet")]) == 0
    assert "regions:       2 (LAC, SSA)" in capsys.readouterr().out
