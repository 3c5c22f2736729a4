"""The Data and problems page lists the questions and codes the codebook does not name, once each with its number of
notes, beside the loading problems; the Overview points to them. Values from the notes are shown as data."""

from __future__ import annotations

from pathlib import Path

from analysis.escape import unmarkdown
from tests.helpers.apptest import texts
from tests.helpers.exports import TINY_PEOPLE, write_export

PAGE = "pages/data.py"
ALIAS_CODEBOOK = (Path(__file__).resolve().parents[2] / "data" / "codebook.toml").read_text(encoding="utf-8")


def problems_table(at):
    return next(df.value for df in at.dataframe if "message" in df.value.columns)


def real_record(tmp_path: Path) -> Path:
    """As a real record came in: 12 notes on roles and resources coded "roles_resources", 5 coded at the direction
    level "knowledge_equity", questions written q2 and q3, and 2 notes on a question the codebook does not have."""
    rows = [
        {"participant_id": "p1", "question": "q2", "themes": ["roles_resources", "funding", "augmented_age"]}
        for _ in range(12)
    ]
    rows += [{"participant_id": "p2", "question": "q3", "themes": ["knowledge_equity"]} for _ in range(5)]
    rows += [{"participant_id": "p2", "question": "Warm-up", "direction": ["KE9"]} for _ in range(2)]
    return write_export(tmp_path / "record", rows, TINY_PEOPLE)


def test_codes_and_questions_not_in_the_codebook_are_listed_with_their_notes(run_page, tmp_path):
    at = run_page(PAGE, data=real_record(tmp_path))
    assert not any("No problems were found" in unmarkdown(str(s.value)) for s in at.success)
    table = problems_table(at)
    listed = table[table["code"] == "not_in_codebook"]
    assert list(zip(listed["column"], listed["value"], strict=True)) == [
        ("question", "Warm-up"),
        ("themes", "roles_resources"),
        ("direction", "KE9"),
    ]
    messages = dict(zip(listed["value"], listed["message"], strict=True))
    assert messages["roles_resources"].startswith("theme code “roles_resources” is not in the codebook: 12 notes")
    assert messages["Warm-up"].startswith("question “Warm-up” is not in the codebook: 2 notes")
    assert messages["KE9"].startswith("direction code “KE9” is not in the codebook: 2 notes")
    assert set(listed["file"]) == {"record/contributions.parquet"} and listed["row"].isna().all()
    # q2, q3 (the codebook's Q2, Q3), funding and knowledge_equity (a pillar) are the codebook's own: not listed
    assert not {"q2", "q3", "funding", "knowledge_equity", "KNOWLEDGE_EQUITY"} & set(listed["value"])
    assert "3 problem(s)" in texts(at)

    overview = run_page(None, data=real_record(tmp_path / "again"))
    assert any(
        "3 question(s) or code(s) on the notes are not in the codebook" in unmarkdown(str(w.value))
        for w in overview.warning
    )


def test_an_alias_in_the_team_s_codebook_is_no_longer_a_problem(run_page, tmp_path):
    before = run_page("pages/themes.py", data=real_record(tmp_path / "before"))
    assert "roles_resources (12 notes)" in texts(before)  # flagged as not in the default codebook
    at = run_page("pages/codebook.py", data=real_record(tmp_path))
    team = ALIAS_CODEBOOK.replace('id = "time_people"\n', 'id = "time_people"\naliases = ["roles_resources"]\n')
    at.file_uploader(key="codebook_upload_0").set_value(("team.toml", team.encode(), "application/toml"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page(PAGE).run()
    listed = problems_table(at)
    assert "roles_resources" not in set(listed["value"])
    assert set(listed.loc[listed["code"] == "not_in_codebook", "value"]) == {"Warm-up", "KE9"}
    at.switch_page("pages/themes.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "roles_resources" not in texts(at)  # counted as Time and people, never flagged


def test_a_clean_export_says_no_problems_against_the_codebook_either(run_page, tmp_path):
    rows = [{"participant_id": "p1", "question": "Q1", "themes": ["funding"], "direction": ["KE1"]}]
    at = run_page(PAGE, data=write_export(tmp_path / "clean", rows, TINY_PEOPLE))
    said = [unmarkdown(str(s.value)) for s in at.success]
    assert any("No problems were found while loading this export, nor against the codebook" in s for s in said)


def broken_record(tmp_path: Path) -> Path:
    """An export with problems of several kinds: a region that is none of the eight, a round below 1, a time that is
    not one, a note without text, and a question the codebook does not have."""
    rows = [
        {"participant_id": "p1", "question": "Q1", "text": "A note", "round": -1, "submitted_at": "2017-11-04 10:30"},
        {"participant_id": "p1", "question": "Q1", "text": "   ", "round": 1, "submitted_at": "someday"},
        {"participant_id": "p2", "question": "Warm-up", "text": "Another", "round": 1, "submitted_at": "2017-11-04"},
    ]
    people = [{**TINY_PEOPLE[0], "region": "Atlantis", "country": None}, TINY_PEOPLE[1]]
    return write_export(tmp_path / "broken", rows, people)


def test_a_broken_export_s_problems_are_said_in_the_language_in_force(run_page, tmp_path):
    english = problems_table(run_page(PAGE, data=broken_record(tmp_path / "en")))
    at = run_page(PAGE, data=broken_record(tmp_path / "fr"), query={"uselang": "fr"})
    table = problems_table(at)
    # the same problems, where they are and what they hold; only the words change
    columns = ["file", "row", "column", "value", "code"]
    assert table[columns].astype(str).equals(english[columns].astype(str))
    said = dict(zip(table["code"], table["message"], strict=False))
    assert said["unknown_region"].startswith("La valeur n’est pas l’une des huit régions")
    assert said["out_of_range"].startswith("La valeur est inférieure à 1. Les tours sont numérotés 1, 2, 3…")
    assert said["bad_timestamp"].startswith("La valeur n’est pas une date et une heure")
    assert said["empty_text"].startswith("La note n’a pas de texte.")
    assert said["not_in_codebook"].startswith("Cette question n’est pas dans le livre de codes : 1 note")
    for message, before in zip(table["message"], english["message"], strict=True):
        assert message != before  # every one in French, none left in English
    assert english.loc[english["code"] == "empty_text", "message"].iloc[0].startswith("The note has no text.")
