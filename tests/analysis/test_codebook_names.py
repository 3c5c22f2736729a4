"""Questions and codes as the codebook names them, once, where the View is made (analysis.codes.named_by): question
ids in any case, aliases counted as their code, pillars of the direction counted at the pillar level. Exports are
real Parquet files read by the real loader (tests/helpers/exports.py)."""

from __future__ import annotations

from analysis import findings, gaps, needs, themes
from analysis.codes import named_by
from analysis.filters import Filters, options
from loaders import load_export
from loaders.codebook import DEFAULT_CODEBOOK, load_codebook, parse_codebook
from tests.helpers.exports import write_export
from tests.helpers.views import SAMPLE, view_at

PEOPLE = [{"participant_id": f"p{i}", "region": "NWE" if i % 2 else "SSA"} for i in range(1, 7)]
#: The default codebook with one alias more: a team that wrote "roles_resources" for time and people.
WITH_ALIAS = DEFAULT_CODEBOOK.read_text(encoding="utf-8").replace(
    'id = "time_people"\n', 'id = "time_people"\naliases = ["roles_resources", "volunteer-time"]\n'
)


def cafe(tmp_path, name: str, rows: list[dict]):
    return write_export(tmp_path / name, rows, PEOPLE)


def needs_rows(q2: str, q3: str) -> list[dict]:
    """Twelve notes: six answering Q2, six Q3, two answering Q1 (out of scope), needs coded by hand."""
    rows = []
    for i in range(6):
        rows.append({"participant_id": f"p{i + 1}", "question": q2, "round": 3, "themes": ["funding", "translation"]})
        rows.append({"participant_id": f"p{i + 1}", "question": q3, "round": 4, "themes": ["funding"]})
    rows += [{"participant_id": "p1", "question": "Q1", "round": 1, "themes": ["skills_training"]}] * 2
    return rows


def test_question_ids_in_any_case_are_the_codebook_s_everywhere(tmp_path):
    lower = view_at(cafe(tmp_path, "lower", needs_rows("q2", "q3")), k=1)
    upper = view_at(cafe(tmp_path, "upper", needs_rows("Q2", "Q3")), k=1)
    assert sorted(lower.notes["question"].cat.categories) == ["Q1", "Q2", "Q3"]
    for view in (lower, upper):
        assert len(needs.in_scope(view.notes)) == 12
        found = findings.needs(view)
        assert found.shown and list(found.table["notes"])[:2] == [12, 6]
    assert findings.needs(lower).sentence == findings.needs(upper).sentence
    # the question filter keeps the same notes whichever case the link or the export uses
    assert len(view_at(cafe(tmp_path, "f", needs_rows("q2", "q3")), Filters(question=("Q2",)), k=1).notes) == 6
    export = load_export(cafe(tmp_path, "g", needs_rows("q2", "Q3")))
    assert options(export.contributions, export.participants, "question", load_codebook()) == ["Q1", "Q2", "Q3"]


def test_a_question_the_codebook_does_not_name_is_shown_as_recorded(tmp_path):
    rows = [{"participant_id": "p1", "question": "Warm-up", "round": 1, "themes": ["funding"]}]
    view = view_at(cafe(tmp_path, "w", rows), k=1)
    assert list(view.notes["question"].astype(str)) == ["Warm-up"]
    assert view.question_label("Warm-up", 30) == "Warm-up"
    assert view.question_label("q2", 30) == "Q2 · How would this…"


def test_themes_by_question_and_round_show_the_question_s_wording(tmp_path):
    view = view_at(cafe(tmp_path, "r", needs_rows("q2", "q3")), k=1)
    table = themes.theme_by(view.notes, ["funding"], "question_round", view.question_labels(30))
    assert list(dict.fromkeys(table["group"])) == [
        "Round 1 (Q1 · What does the direction…)",
        "Round 3 (Q2 · How would this…)",
        "Round 4 (Q3 · What would you need in…)",
    ]


def test_an_alias_counts_as_its_code(tmp_path):
    rows = [{"participant_id": "p1", "question": "Q3", "themes": ["roles_resources"]}] * 3
    rows += [{"participant_id": "p2", "question": "Q3", "themes": ["time_people", "Volunteer_Time"]}]
    path = cafe(tmp_path, "alias", rows)
    plain = findings.frequency(view_at(path, k=1), ("need",), include_unknown=True).table.set_index("code")
    assert plain.loc["roles_resources", "notes"] == 3 and not plain.loc["roles_resources", "in_codebook"]
    assert plain.loc["time_people", "notes"] == 1

    book = parse_codebook(WITH_ALIAS.encode(), "team.toml")
    named = findings.frequency(view_at(path, k=1, codebook=book), ("need",), include_unknown=True).table
    named = named.set_index("code")
    assert "roles_resources" not in named.index
    assert named.loc["time_people", "notes"] == 4  # three by its alias, one by its id and an alias (counted once)
    assert themes.unknown_codes(view_at(path, k=1, codebook=book).notes, book.codes).empty


def test_a_pillar_among_the_themes_counts_for_the_direction_at_the_pillar_level(tmp_path):
    rows = [{"participant_id": f"p{i % 6 + 1}", "themes": ["knowledge_equity", "funding"]} for i in range(10)]
    rows += [{"participant_id": "p1", "themes": ["funding"], "direction": ["KE1", "Knowledge_Equity"]}]
    view = view_at(cafe(tmp_path, "pillar", rows), k=1)
    assert themes.unknown_codes(view.notes, view.codebook.codes).empty  # knowledge_equity is the codebook's
    assert view.recorded.shows("direction") and view.recorded["direction"].known == 11
    covered = gaps.coverage(view.notes, view.codebook.commitments).set_index("commitment")
    assert covered.loc["knowledge_equity", "level"] == "pillar"
    assert covered.loc["knowledge_equity", "label"] == "Knowledge equity, commitment not specified"
    assert covered.loc["knowledge_equity", "notes"] == 11 and covered.loc["KE1", "notes"] == 1
    assert "knowledge_as_a_service" not in covered.index  # no note names that pillar: no row of its own
    assert "knowledge_equity" not in set(gaps.blind_spots(covered.reset_index(), 0.5)["commitment"])


def test_notes_the_codebook_already_names_are_not_copied():
    export = load_export(SAMPLE)
    assert named_by(export.contributions, load_codebook()) is export.contributions
