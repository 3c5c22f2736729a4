"""The Codebook page's review of the auto-coder's proposals (ui/decisions.py), run by AppTest on a copy of the sample:
a decision is saved beside the export, counts as the facilitators' code on the page, and the file holds it."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from analysis.escape import unmarkdown
from loaders.codebook import load_codebook
from loaders.decisions import COLUMNS
from tests.helpers.apptest import SAMPLE, texts

PAGE = "pages/codebook.py"

pytestmark = pytest.mark.skipif(not (SAMPLE / "contributions.parquet").exists(), reason="no sample export yet")


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if unmarkdown(m.label) == label)


def first(value: str) -> int:
    return int(value.split(" ")[0].replace(",", ""))


@pytest.fixture
def export(tmp_path):
    copy = tmp_path / "cafe"
    shutil.copytree(SAMPLE, copy)
    return copy


def test_accepting_a_proposal_saves_it_beside_the_export_and_counts_it_as_the_facilitators(run_page, export):
    at = run_page(PAGE, data=export)
    assert "Review the auto-coder's proposals" in [unmarkdown(s.value) for s in at.subheader]
    to_review, saved = first(metric(at, "Proposals to review")), first(metric(at, "Decisions saved"))
    facilitators = first(metric(at, "Themes from facilitators"))
    assert saved == 0 and to_review > 0
    assert any(m.value.startswith("**Proposed:**") for m in at.markdown)
    assert "Saved beside the export, in cafe.decisions.csv" in texts(at)

    at.button(key="decide-accept").click().run()
    assert not at.exception
    assert first(metric(at, "Decisions saved")) == 1
    assert first(metric(at, "Proposals to review")) == to_review - 1
    assert first(metric(at, "Themes from facilitators")) == facilitators + 1
    compared = [first(m.value) for m in at.metric if unmarkdown(m.label) == "Notes compared"][0]
    assert compared == facilitators  # the notes the facilitators coded themselves: a confirmed proposal is not compared
    assert "Codes the facilitators confirmed from the auto-coder's proposals are left out here" in texts(at)

    rows = list(csv.DictReader(io.StringIO((export.parent / "cafe.decisions.csv").read_text("utf-8"))))
    assert [tuple(r) for r in rows] == [COLUMNS]
    assert rows[0]["decision"] == "accept" and rows[0]["code"] == rows[0]["proposed"]
    assert rows[0]["column"] == "themes" and rows[0]["codebook_version"] == load_codebook().version
    assert sorted(p.name for p in export.iterdir()) == sorted(p.name for p in SAMPLE.iterdir())  # never written


def test_rejecting_and_skipping_move_on_and_a_rejected_code_is_no_longer_the_auto_coders(run_page, export):
    at = run_page(PAGE, data=export)
    auto = first(metric(at, "Themes from the auto-coder"))
    to_review = first(metric(at, "Proposals to review"))
    at.button(key="decide-skip").click().run()
    assert first(metric(at, "Proposals to review")) == to_review  # a skip decides nothing
    assert first(metric(at, "Decisions saved")) == 0
    at.button(key="decide-reject").click().run()
    assert first(metric(at, "Decisions saved")) == 1
    assert first(metric(at, "Proposals to review")) == to_review - 1
    rows = list(csv.DictReader(io.StringIO((export.parent / "cafe.decisions.csv").read_text("utf-8"))))
    assert rows[0]["decision"] == "reject" and rows[0]["code"] == ""
    assert first(metric(at, "Themes from the auto-coder")) in (auto, auto - 1)  # the note may keep another code


def test_choosing_another_code_records_a_recode(run_page, export):
    at = run_page(PAGE, data=export)
    facilitators = first(metric(at, "Themes from facilitators"))
    box = next(s for s in at.selectbox if unmarkdown(s.label) == "Another code instead (applies at once)")
    box.select(box.options[-1]).run()
    rows = list(csv.DictReader(io.StringIO((export.parent / "cafe.decisions.csv").read_text("utf-8"))))
    assert len(rows) == 1 and rows[0]["decision"] == "recode" and rows[0]["code"] not in ("", rows[0]["proposed"])
    assert first(metric(at, "Themes from facilitators")) == facilitators + 1


def test_a_bad_decisions_file_is_listed_with_the_other_problems(run_page, export):
    (export.parent / "cafe.decisions.csv").write_text(
        "session,contribution_id,column,proposed,decision,code,codebook_version\n"
        f"wikicafe-2017,n0005,themes,augmented_age,maybe,,{load_codebook().version}\n",
        encoding="utf-8",
    )
    at = run_page(PAGE, data=export)
    assert first(metric(at, "Decisions saved")) == 0
    assert "1 row(s) of the decisions file cannot be used" in texts(at)
    at.switch_page("pages/data.py").run()
    assert "is not a decision: write accept, reject or recode." in texts(at) or any(
        "is not a decision: write accept, reject or recode." in str(df.value.values) for df in at.dataframe
    )


def test_where_nothing_can_be_written_the_decisions_are_held_for_the_session_and_offered_as_a_download(
    run_page, export, monkeypatch
):
    import ui.decisions

    monkeypatch.setattr(ui.decisions, "writable", lambda _export: None)  # as for an upload or s3://
    at = run_page(PAGE, data=export)
    assert "Decisions cannot be saved beside this export" in texts(at)
    facilitators = first(metric(at, "Themes from facilitators"))
    at.button(key="decide-accept").click().run()
    assert first(metric(at, "Decisions saved")) == 1
    assert first(metric(at, "Themes from facilitators")) == facilitators + 1
    assert not (export.parent / "cafe.decisions.csv").exists()
    held = at.session_state[ui.decisions.HELD]
    assert held[1] == "cafe.decisions.csv" and held[2].decode().startswith(",".join(COLUMNS) + "\n")
    assert len(held[2].decode().splitlines()) == 2


@pytest.mark.parametrize("codes", ["human", "both"])
def test_every_page_counts_a_confirmed_code_as_the_facilitators(run_page, export, codes):
    """With one accepted proposal on disk: on the Themes page the code's count rises by one where only facilitators'
    codes count and stays where auto codes count too (the note was counted as the auto-coder's), its notes table says
    where each note's codes came from, and no page fails."""
    from analysis.autocode import build_index
    from loaders import load_export
    from loaders.codebook import load_codebook
    from loaders.decisions import decision_row, write_decision
    from tests.helpers.apptest import figures
    from ui.decisions import pending

    codebook, notes = load_codebook(), load_export(export).contributions
    first_theme = pending(notes, build_index(notes, codebook)).query("column == 'themes'").iloc[0]
    note, code = notes.iloc[int(first_theme["row"])], first_theme["code"]
    assert list(note["themes"]) == []  # uncoded by the facilitators; the auto-coder proposes the code
    at = run_page("pages/themes.py", data=export, query={"codes": codes})
    before = figures(at)[0]
    write_decision(
        export.parent / "cafe.decisions.csv",
        decision_row(str(note["session"]), note["contribution_id"], "themes", code, "accept", code, codebook.version),
    )
    at = run_page("pages/themes.py", data=export, query={"codes": codes, "code": code})
    after = figures(at)[0]
    label = codebook.label(code)

    def count(fig) -> float:
        return sum(
            x
            for trace in fig["data"]
            for y, x in zip(trace.get("y", []), trace.get("x", []), strict=False)
            if y.replace("<br>", " ") == label
        )

    assert count(after) == count(before) + (1 if codes == "human" else 0)
    table = next(df.value for df in at.dataframe if "codes_from" in df.value.columns)
    assert "facilitators (confirmed auto-coder proposal)" in set(table["codes_from"])
    assert not {"contribution_id", "participant_id", "session"} & set(table.columns)  # never an id
    for page in ("pages/overview.py", "pages/roles_resources.py", "pages/equity_gaps.py", "pages/data.py"):
        run_page(page, data=export, query={"codes": codes})  # runs without an exception (open_page asserts it)
