"""The findings in French, Spanish and Arabic (i18n/findings/): every sentence, denominator, caveat and test
description of the bundled sample is in the language in force, its numbers written that language's way, and the
numbers and verdicts behind them are the same in every language (a translation never changes a claim)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import findings, messages, participation, stats
from analysis.messages import msg
from tests.helpers.i18n import fragments, own_english
from tests.helpers.views import view_at

TRANSLATED = ("fr", "es", "ar")
#: Words only the English sentences use: none of them is in a codebook label or a region's name.
ENGLISH_ONLY = (
    "beyond chance",
    "within chance",
    "share of",
    "coded for the direction",
    "not run",
    " carry ",
    "carrying",
    "raised",
    "with a known",
    "world's population",
    "Synthetic sample",
    "Codes counted",
    "anonymous",
    "the notes",
)
#: The English messages of this folder, as the literal runs a sentence can show (long enough to be words, not "$1:").
#: Words French writes as English does: a denominator made only of them ("81 participants, 411 notes") may read the same.
SAME_WORDS = {"fr": {"participants", "notes"}}
ENGLISH_RUNS = sorted(
    {run for text in own_english(["findings"]).values() for run in fragments(text) if len(run) >= 12 and " " in run}
)


@pytest.fixture(autouse=True)
def english_after():
    """Every test leaves English in force, whatever it switched to, so the other tests read English."""
    yield
    messages.use("en")


@pytest.fixture(scope="module")
def view():
    """The sample as the Overview shows it with auto codes counted: every caveat of a View is on its findings."""
    return view_at(mode="both")


def made(view, language: str) -> dict[str, findings.Finding]:
    messages.use(language)
    try:
        out = [
            *findings.headline_findings(view),
            findings.numbers(view),
            findings.by_question(view),
            findings.movement(view, view.codebook.ids("theme")),
            findings.who_spoke(view),
        ]
        return {f.id: f for f in out}
    finally:
        messages.use("en")


@pytest.fixture(scope="module")
def english(view):
    return made(view, "en")


def described(finding: findings.Finding, language: str) -> str:
    """A test's description, made in ``language`` (describe() writes in the language in force)."""
    messages.use(language)
    try:
        return finding.test.describe()
    finally:
        messages.use("en")


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_sentence_n_caveat_and_test_of_the_headline_findings_is_translated(view, english, language):
    found = made(view, language)
    assert set(found) == set(english)
    headline = {f.id for f in findings.headline_findings(view)}
    assert headline <= set(found) and len(headline) >= 4
    for fid, finding in found.items():
        source = english[fid]
        pairs = [(finding.sentence, source.sentence), (finding.n_text, source.n_text), (finding.title, source.title)]
        pairs += list(zip(finding.caveats, source.caveats, strict=True))
        if finding.test is not None:
            pairs.append((described(finding, language), described(source, "en")))
        for said, english_said in pairs:
            if not english_said:
                assert not said, (fid, said)
                continue
            words = set(re.sub(r"[\d\W]+", " ", english_said).split())
            if not words <= SAME_WORDS.get(language, set()):
                assert said != english_said, (language, fid, said)
            assert not [run for run in ENGLISH_RUNS if run in said], (language, fid, said)
            assert not [word for word in ENGLISH_ONLY if word in said], (language, fid, said)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_synthetic_caveat_stays_last_in_every_language(view, language):
    messages.use(language)
    caveats = view.caveats()
    assert caveats[-1] == msg("harvest-findings-caveat-synthetic") and caveats[-1] != msg(
        "harvest-findings-caveat-synthetic", language="en"
    )
    assert caveats[0] == msg("harvest-findings-caveat-auto", view.codes_counted.lower())
    messages.use("en")
    assert view.caveats()[-1].startswith("Synthetic sample data")


@pytest.mark.parametrize(("language", "group"), [("fr", "\u202f\u00a0"), ("es", ".")])
def test_numbers_are_written_the_languages_way(view, english, language, group):
    found = made(view, language)
    every = " ".join(t for f in found.values() for t in (f.sentence, f.n_text, *f.caveats))
    # percentages: "41 %" with a no-break space, never "41%"
    assert re.search(r"\d[\u00a0\u202f]%", every), every
    assert not re.search(r"\d%", every), every
    # decimals with a comma: "5,5 %", "p = 0,821"
    assert re.search(r"\d,\d", every), every
    tests = {fid: described(f, language) for fid, f in found.items() if f.test is not None}
    for fid, text in tests.items():
        assert re.search(r"p [=<] [01],\d{3}", text), (fid, text)
        # thousands as the language groups them: English "4,999" is "4 999" in French, "4.999" in Spanish
        for number in re.findall(r"\d{1,3}(?:,\d{3})+", described(english[fid], "en")):
            digits = number.split(",")
            assert any(sep.join(digits) in text for sep in group), (fid, number, text)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_numbers_and_the_claims_are_the_same_in_every_language(view, english, language):
    found = made(view, language)
    for fid, finding in found.items():
        source = english[fid]
        assert (finding.shown, finding.claims) == (source.shown, source.claims), fid
        assert list(finding.table.columns) == list(source.table.columns), fid
        numeric = source.table.select_dtypes("number").columns
        pd.testing.assert_frame_equal(finding.table[numeric], source.table[numeric], check_exact=True)
        if source.test is None:
            assert finding.test is None, fid
        else:
            assert (finding.test.p_value, finding.test.n, finding.test.alpha, finding.test.min_n) == (
                source.test.p_value,
                source.test.n,
                source.test.alpha,
                source.test.min_n,
            ), fid


def test_a_tests_name_and_verdict_follow_the_language_it_was_made_in():
    messages.use("fr")
    test = stats.two_groups_test(20, 40, 5, 40, 5, alpha=0.05, min_n=10)
    said = test.describe()
    assert said.startswith("test exact de Fisher, Bonferroni pour 5 comparaisons") and "(au-delà du hasard" in said
    assert "seuil de 0,05" in said and "p = 0," in said
    few = stats.two_groups_test(2, 8, 0, 8, 1, alpha=0.05, min_n=10).describe()
    assert "inférieur au minimum de 10" in few and "under the minimum" not in few
    messages.use("ar")
    assert "اختبار فيشر الدقيق" in stats.two_groups_test(20, 40, 5, 40, 5, alpha=0.05, min_n=10).describe()
    messages.use("en")
    english = stats.two_groups_test(20, 40, 5, 40, 5, alpha=0.05, min_n=10).describe()
    assert english.startswith("Fisher's exact test, Bonferroni for 5 comparisons: p = ")
    assert english.endswith("(beyond chance at 0.05), n = 40")


@pytest.mark.parametrize("language", ("en", *TRANSLATED))
def test_a_group_word_from_a_page_names_the_grouping_in_the_language_in_force(view, language):
    """Pages pass the English word ("community type") or analysis' own word for the grouping in the language in
    force: either way the sentence says the grouping in that language."""
    from analysis import themes

    messages.use(language)
    table = themes.theme_by(view.notes, view.codebook.ids("need"), "community_type")
    by_english = findings.leading_group(view, table, "community type", view.codebook.label)
    by_own_word = findings.leading_group(view, table, participation.GROUPINGS["community_type"], view.codebook.label)
    by_key = findings.leading_group(view, table, "anything", view.codebook.label, by="community_type")
    assert by_english.title == by_own_word.title == by_key.title
    assert by_english.sentence == by_own_word.sentence == by_key.sentence
    assert msg("harvest-findings-group-community-type") in by_english.title
    if language != "en":
        assert by_english.title != msg("harvest-findings-groups-title", "community type", language="en")
