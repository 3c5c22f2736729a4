"""The Codebook page says how accurate the auto-coder is from real statements held out from tuning, never from its
agreement on the synthetic sample the keywords were written for; for a team's own codebook it says the figures do
not apply."""

from __future__ import annotations

import pytest

from analysis import autocode as ac
from analysis.autocode import heldout
from analysis.escape import unmarkdown
from analysis.vocabulary import interval, pct
from loaders import load_export
from loaders.codebook import load_codebook
from tests.helpers.apptest import SAMPLE, texts

PAGE = "pages/codebook.py"
TEAM_CODEBOOK = b"""version = "team-1"
title = "Our own codebook"
[[code]]
id = "childcare"
kind = "need"
label = "Childcare"
description = "Care for children so parents can take part."
[code.keywords]
en = ["childcare", "child care", "babysit*"]
"""

pytestmark = pytest.mark.skipif(not (SAMPLE / "contributions.parquet").exists(), reason="no sample export yet")


def metrics(at) -> dict[str, str]:
    return {unmarkdown(m.label): m.value for m in at.metric}


def committed_micro():
    results = heldout.load_results()
    table = heldout.results_table(results, "test")
    return results, table[table["group"] == "micro"].iloc[0]


def test_the_held_out_figures_are_shown_with_what_they_were_measured_on(run_page):
    at = run_page(PAGE)
    assert not at.exception
    results, micro = committed_micro()
    shown = metrics(at)
    for label, stat in (("Held-out precision", "precision"), ("Held-out recall", "recall"), ("Held-out F1", "f1")):
        assert shown[label] == f"{pct(micro[stat])} ({interval(micro[f'{stat}_low'], micro[f'{stat}_high'])})"
    assert shown["Statements"] == "86"
    page = texts(at)
    assert (
        "Held-out: 86 real-world statements from the 2017 strategy pages, languages en 69, eu 5, es 4, fr 4, it 4; "
        "never tuned on." in page
    )
    alt = heldout.micro_row(results["supervised"]["test_rows"])["f1"]
    top = heldout.micro_row(results["supervised"]["majority"]["test_rows"])["f1"]
    assert (
        f"a supervised coder trained on other statements scores F1 {pct(alt)}, and giving every statement the most "
        f"frequent theme {pct(top)}. The dashboard keeps the keywords" in page
    )
    per = next(df.value for df in at.dataframe if "code or language" in df.value.columns)
    assert list(per.loc[per["per"] == "code", "code or language"]) == results["codes"]
    assert list(per.loc[per["per"] == "language", "code or language"]) == ["en", "eu", "es", "fr", "it"]
    assert per.loc[per["per"] == "micro", "recall"].iloc[0] == pct(micro["recall"])
    assert per.loc[per["per"] == "micro", "F1 95%"].iloc[0] == interval(micro["f1_low"], micro["f1_high"])


def test_the_agreement_on_the_sample_is_never_shown_as_accuracy(run_page):
    at = run_page(PAGE)
    export = load_export(SAMPLE)
    summary = ac.evaluation_summary(export.contributions, ac.build_index(export.contributions, load_codebook()))
    row = summary.set_index("column").loc["themes"]
    pairs = [(unmarkdown(m.label), m.value) for m in at.metric]
    in_sample = {pct(row["precision"]), pct(row["recall"])}
    # No accuracy-sounding label carries the in-sample figures; they appear only as "Agreement: …".
    for label, value in pairs:
        if any(value.startswith(v) for v in in_sample):
            assert label.startswith("Agreement"), (label, value)
    assert not {"Precision", "Recall", "Accuracy"} & {label for label, _ in pairs}
    assert ("Agreement: recall", pct(row["recall"])) in pairs
    assert ("Agreement: precision", pct(row["precision"])) in pairs
    warnings = [unmarkdown(str(w.value)) for w in at.warning]
    assert any(
        "Agreement on the synthetic sample, which the keywords were written for (not a measure of accuracy)" in w
        for w in warnings
    )
    # The held-out section comes before the agreement.
    headers = [unmarkdown(str(h.value)) for h in at.subheader]
    held = next(i for i, h in enumerate(headers) if "held-out" in h)
    agree = next(i for i, h in enumerate(headers) if h.startswith("Agreement"))
    assert held < agree


def test_for_a_team_codebook_the_figures_do_not_apply(run_page):
    at = run_page(PAGE)
    at.file_uploader(key="codebook_upload_0").set_value(("team.toml", TEAM_CODEBOOK, "application/toml"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["harvest_codebook"].version == "team-1"
    assert not [label for label in metrics(at) if label.startswith("Held-out")]
    infos = " ".join(unmarkdown(str(i.value)) for i in at.info)
    assert "The codebook in force is not that file, so they do not apply to it" in infos
    assert not any("code or language" in df.value.columns for df in at.dataframe)


def test_a_page_counting_auto_codes_points_to_the_held_out_figures(run_page):
    at = run_page("pages/themes.py", query={"codes": "both"})
    assert not at.exception
    captions = [unmarkdown(c.value) for c in at.caption]
    assert any(
        "Codes counted:" in c and "the Codebook page shows their accuracy on held-out real notes" in c for c in captions
    )
