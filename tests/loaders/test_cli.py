"""`python -m loaders check [--json] PATH`: a short summary and every problem; exit 0 when usable, 1 when not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.__main__ import main
from loaders.codebook import load_codebook
from tests.loaders import corpus

ROOT = Path(__file__).resolve().parents[2]


#: A codebook that names every question and code of tests/loaders/corpus.py's notes (the default one does not).
CORPUS_CODEBOOK = (
    """
version = "corpus-1"
[[question]]
id = "Q1"
text = "What does the direction mean for you?"
[[question]]
id = "Q2"
text = "How would this direction change your work?"
"""
    + "".join(
        f'[[code]]\nid = "{code}"\nkind = "theme"\nlabel = "{code}"\n'
        for code in ("tools", "newcomers", "mentoring", "sources", "languages")
    )
    + """
[[commitment]]
id = "KE1"
pillar = "knowledge_equity"
label = "Knowledge left out"
aliases = ["KE"]
[[commitment]]
id = "KE2"
pillar = "knowledge_equity"
label = "Communities left out"
aliases = ["EQ"]
"""
)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def corpus_codebook(tmp_path: Path) -> Path:
    path = tmp_path / "corpus-codebook.toml"
    path.write_text(CORPUS_CODEBOOK, encoding="utf-8")
    return path


def test_check_summarises_a_clean_export(capsys, good_export, corpus_codebook):
    code, out, err = run(capsys, "--codebook", corpus_codebook, good_export)
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
    assert "  codebook:      corpus-codebook.toml (version corpus-1)" in lines
    assert lines[-1] == "No problems found."


def test_check_lists_every_problem_and_still_exits_0_when_usable(capsys, tmp_path, corpus_codebook):
    root = corpus.export(tmp_path / "s", corpus.notes(round=["1", "-1", "1", "two"]))
    code, out, _ = run(capsys, "--codebook", corpus_codebook, root)
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


def test_check_json_has_the_same_summary_and_problems(capsys, tmp_path, corpus_codebook):
    root = corpus.export(tmp_path / "s", corpus.notes(language=["en", "klingon", "sv", "sv"]), corpus.people())
    code, out, _ = run(capsys, "--json", "--codebook", corpus_codebook, root)
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


# --- questions and codes the codebook does not name ------------------------------------------------------------------


def test_check_lists_codes_and_questions_not_in_the_codebook_with_their_notes(capsys, tmp_path):
    from tests.helpers.exports import write_export

    notes = [{"question": "Q3", "themes": ["roles_resources", "funding"]} for _ in range(12)]
    notes += [{"question": "q9", "themes": ["Funding"], "direction": ["KE1", "KX9"]} for _ in range(3)]
    notes += [{"question": "q2", "themes": ["knowledge_equity"]}]  # a pillar: a code the codebook names
    root = write_export(tmp_path / "cafe", notes)
    code, out, _ = run(capsys, root)
    assert code == 0
    assert f"  codebook:      codebook.toml (version {load_codebook().version})" in out
    assert "3 problem(s):" in out  # funding in any case, KE1, q2 and knowledge_equity are the codebook's own
    assert (
        "  - cafe/contributions.parquet, column `themes`: theme code “roles_resources” is not in the codebook: "
        "12 notes, kept and counted under “roles_resources”" in out
    )
    assert (
        "  - cafe/contributions.parquet, column `direction`: direction code “KX9” is not in the codebook: 3 notes"
        in out
    )
    assert "  - cafe/contributions.parquet, column `question`: question “q9” is not in the codebook: 3 notes" in out

    code, out, _ = run(capsys, "--json", root)
    found = {(p["column"], p["value"]): p for p in json.loads(out)["problems"]}
    assert set(found) == {("themes", "roles_resources"), ("direction", "KX9"), ("question", "q9")}
    assert {p["code"] for p in found.values()} == {"not_in_codebook"}
    assert found["themes", "roles_resources"]["file"] == "cafe/contributions.parquet"
    assert found["themes", "roles_resources"]["row"] is None and not found["themes", "roles_resources"]["fatal"]


def test_check_counts_an_alias_as_its_code(capsys, tmp_path, corpus_codebook):
    notes = corpus.notes(direction=[["KE"], ["eq"], [], ["KE1", "ke2"]])
    code, out, _ = run(capsys, "--codebook", corpus_codebook, corpus.export(tmp_path / "s", notes))
    assert code == 0
    assert out.splitlines()[-1] == "No problems found."
    renamed = CORPUS_CODEBOOK.replace('aliases = ["EQ"]', "aliases = []")
    (tmp_path / "other.toml").write_text(renamed, encoding="utf-8")
    code, out, _ = run(capsys, "--codebook", tmp_path / "other.toml", corpus.export(tmp_path / "t", notes))
    assert "direction code “EQ” is not in the codebook: 1 note," in out


def test_check_with_a_codebook_that_cannot_be_used_exits_1(capsys, tmp_path, good_export):
    (tmp_path / "bad.toml").write_text('[[question]]\nid = "Q1"\n[[code]]\nid = "x"\nkind = "theme"\nlabel = "X"\n')
    code, out, _ = run(capsys, "--codebook", tmp_path / "bad.toml", good_export)
    assert code == 1
    assert f"The codebook {tmp_path / 'bad.toml'} cannot be used:" in out
    assert "  - bad.toml, row 1, column `text`: [[question]] entry 1 has no `text` (text)." in out
