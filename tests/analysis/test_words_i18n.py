"""Every word the privacy rules, the filters, the "not recorded" reasons and the shared vocabulary say comes from
i18n/words/ in the language in force, while what they decide (which groups are withheld or merged, every count, every
value a frame groups by or a link carries) is the same in every language (issue #20)."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from analysis import messages, vocabulary
from analysis.filters import Filters
from analysis.privacy import Guard, coarsen, is_merged, merged_label, merged_value, notes_withheld, withheld_reason
from analysis.recorded import DIMENSIONS, recorded
from loaders import load_export
from tests.helpers.i18n import I18N, fragments
from tests.helpers.views import SAMPLE

K = 5
TRANSLATED = ("fr", "es", "ar")

ENGLISH = {k: v for k, v in json.loads((I18N / "words" / "en.json").read_text(encoding="utf-8")).items() if k[0] != "@"}
#: The runs of English text of i18n/words/en.json that are sentences or phrases (two words or more): none may show in
#: another language.
PHRASES = sorted(
    {part for text in ENGLISH.values() for part in fragments(text) if len(re.findall(r"[A-Za-z]{2,}", part)) >= 2}
)


@pytest.fixture(params=TRANSLATED)
def language(request):
    messages.use(request.param)
    request.addfinalizer(lambda: messages.use("en"))
    return request.param


def english(function, *args, **kwargs):
    """``function(*args, **kwargs)`` in English, the language in force restored after."""
    before = messages.current()
    messages.use("en")
    try:
        return function(*args, **kwargs)
    finally:
        messages.use(before)


def assert_translated(text: str, language: str, english_text: str) -> None:
    assert text != english_text, (language, text)
    leaked = [phrase for phrase in PHRASES if phrase in text]
    assert not leaked, (language, text, leaked)


def people_frame() -> pd.DataFrame:
    """26 people: three regions (one of 3), community types (one of 2, one not known), a few communities."""
    return pd.DataFrame(
        {
            "participant_id": [f"p{i}" for i in range(26)],
            "session": ["S"] * 26,
            "region": ["NWE"] * 12 + ["SSA"] * 11 + ["MENA"] * 3,
            "community_type": ["affiliate"] * 10 + ["online community"] * 12 + ["partner"] * 2 + [None] * 2,
            "community": ["Wikimedia Sverige"] * 9 + ["Wikipedia"] * 14 + ["Wikimedia Deutschland"] * 3,
        }
    )


# --- describe() -----------------------------------------------------------------------------------------------------

FILTERS = [
    Filters(),
    Filters(region=("NWE", "SSA")),
    Filters(region=("SSA",), round=("1",)),
    Filters(session=("Stockholm 2017",), question=("Q2",), language=("en", "fr")),
    Filters(community_type=("online community",), community=(merged_value("community", K),)),
]


def test_describe_speaks_english_as_before():
    assert Filters().describe() == "no filters (everything)"
    assert Filters(region=("NWE", "SSA"), round=("1",)).describe() == "round: 1; region: NWE, SSA"
    assert (
        Filters(community_type=("online community",), community=(merged_value("community", K),)).describe()
        == "community type: online community; community: Communities with fewer than 5 participants here"
    )


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: f.describe())
def test_describe_is_in_the_language_and_keeps_the_values(language, filters):
    said = filters.describe()
    assert_translated(said, language, english(filters.describe))
    for name, values in filters.active().items():
        for value in values:
            if is_merged(value):  # a merged group is named in the language's words, never in English
                assert vocabulary.display_group(value) in said and value not in said
            else:  # ids and names from the data as they are
                assert value in said, (name, value)


# --- withheld reasons: the same decisions, in the language's words --------------------------------------------------

SELECTIONS = [
    Filters(),
    Filters(region=("SSA",)),
    Filters(region=("MENA",)),
    Filters(region=("NWE", "SSA")),
    Filters(community_type=("partner",)),
    Filters(region=("SSA",), community_type=("online community",)),
]


@pytest.mark.parametrize("filters", SELECTIONS, ids=lambda f: f.describe())
@pytest.mark.parametrize("who", ["participants", "authors"])
def test_what_is_withheld_and_merged_and_every_count_are_the_same_in_every_language(language, filters, who):
    people = people_frame()
    here, there = Guard(people, filters, K, who), english(lambda: Guard(people, filters, K, who))
    there_reason = english(lambda: there.reason)
    assert (here.reason is None) == (there_reason is None)
    if here.reason:
        assert_translated(here.reason, language, there_reason)
        assert here.count(12) == messages.msg("harvest-words-not-shown") != english(there.count, 12)
    else:
        assert here.count(1234) == messages.number(1234)
    for keys in ("region", "community_type", ("region", "community_type")):
        table, grouping = here.table(keys)
        english_table, english_grouping = english(there.table, keys)
        pd.testing.assert_frame_equal(table, english_table)  # values, people, shares, merged: all the same
        assert (grouping.labels, grouping.members, grouping.label) == (
            english_grouping.labels,
            english_grouping.members,
            english_grouping.label,
        )
        assert (grouping.withheld is None) == (english_grouping.withheld is None)
        if grouping.withheld:
            assert_translated(grouping.withheld, language, english_grouping.withheld)
        if grouping.label:
            assert grouping.label == merged_label(K) and is_merged(grouping.label)


@pytest.mark.parametrize("small", [True, False])
@pytest.mark.parametrize("what", ["counts", "nothing", "notes"])
@pytest.mark.parametrize("who", ["participants", "authors"])
def test_every_withheld_sentence_is_translated(language, small, what, who):
    said = withheld_reason(K, who, small, what)
    assert_translated(said, language, english(withheld_reason, K, who, small, what))
    assert "harvest.toml" in said and "k = 5" in said


def test_the_withheld_sentences_speak_english_as_before():
    assert withheld_reason(K, "participants", True) == (
        "Counts of people are not shown for this selection: it holds fewer than 5 participants, so they could be "
        "told apart. Widen the filters to see them (k = 5, set in harvest.toml)."
    )
    assert withheld_reason(K, "authors", False, "notes") == (
        "The notes are not listed for this selection: compared with a selection one filter away, they would reveal "
        "a group of fewer than 5 authors. Remove a filter, or choose fewer or more values, to see them (k = 5, set "
        "in harvest.toml)."
    )


def test_the_sample_is_coarsened_the_same_and_its_notes_withheld_the_same_in_every_language(language):
    from tests.helpers.views import view_at

    export = english(coarsen, load_export(SAMPLE), K)
    assert coarsen(load_export(SAMPLE), K).merged == export.merged  # the values filters and links carry
    for filters in (Filters(), Filters(region=("SA",), community_type=("online community",))):
        view = view_at(filters=filters, k=K)
        reason, english_reason = (
            notes_withheld(view),
            english(lambda f=filters: notes_withheld(view_at(filters=f, k=K))),
        )
        assert (reason is None) == (english_reason is None)
        if reason:
            assert_translated(reason, language, english_reason)


# --- not recorded -------------------------------------------------------------------------------------------------


def _recorded(people_columns: dict | None, notes_columns: dict, whole: bool = False):
    notes = pd.DataFrame({"participant_id": [None] * 3, "text": ["a", "b", "c"], **notes_columns})
    people = pd.DataFrame(people_columns) if people_columns is not None else pd.DataFrame({"participant_id": []})
    codes = pd.DataFrame({"id": ["health"], "kind": ["theme"]})
    source = "file" if people_columns is not None else "none"
    if not whole:
        return recorded(notes, people, codes, source)
    wider = pd.DataFrame({c: ["x"] * 3 for c in ("region", "gender", "question", "table")})
    return recorded(notes.iloc[:0], people.iloc[:0], codes, source, notes.assign(**wider), people.assign(**wider))


@pytest.mark.parametrize("whole", [False, True], ids=["not-in-export", "filtered-out"])
@pytest.mark.parametrize("name", [d[0] for d in DIMENSIONS])
def test_every_not_recorded_reason_is_translated(language, name, whole):
    rec = _recorded({"participant_id": ["p1", "p2"]}, {}, whole)
    said = rec[name].absent()
    assert_translated(said, language, english(rec[name].absent))
    if not rec[name].in_export:  # the column or file to add, as code
        column = re.search(r"“([a-z_]+)”", english(rec[name].absent)).group(1)
        assert column in said


def test_coverage_writes_numbers_the_languages_way(language):
    people = pd.DataFrame({"participant_id": range(2000), "region": ["NWE"] * 1234 + [None] * 766})
    rec = _recorded(people.to_dict("list"), {})
    said = rec["region"].coverage()
    assert english(rec["region"].coverage) == "regions known for 1,234 of 2,000 participants"
    assert_translated(said, language, english(rec["region"].coverage))
    assert messages.number(1234) in said and messages.number(2000) in said
    if language in ("fr", "es"):
        assert "1,234" not in said
    assert rec.people_word == "participants"  # a key, whatever the language
    assert rec.people_label == messages.msg("harvest-words-people-participants")


# --- the shared words ----------------------------------------------------------------------------------------------


def test_values_stay_values_and_are_named_at_display(language):
    assert vocabulary.NOT_KNOWN == "Not known" and merged_label(K) == "Groups of fewer than 5 (merged)"
    for value in (
        vocabulary.NOT_KNOWN,
        merged_label(K),
        merged_value("region", K),
        merged_value("community", K, "authors"),
    ):
        shown = vocabulary.display_group(value)
        assert_translated(shown, language, english(vocabulary.display_group, value))
        assert "5" in shown if value != vocabulary.NOT_KNOWN else True
    assert vocabulary.display_group("Wikimedia Sverige") == "Wikimedia Sverige"  # a name from the data
    for rid in ("NWE", "SSA", "ESEAP"):
        assert_translated(vocabulary.region_label(rid), language, english(vocabulary.region_label, rid))
    assert (
        vocabulary.region_label("SSA")
        == {
            "fr": "Afrique subsaharienne",
            "es": "África subsahariana",
            "ar": "أفريقيا جنوب الصحراء الكبرى",
        }[language]
    )
    for by in ("region", "community_type", "gender", "role"):
        label = vocabulary.group_label(by, vocabulary.NOT_KNOWN)
        assert label != english(vocabulary.group_label, by, vocabulary.NOT_KNOWN)
        if by != "role":
            assert vocabulary.is_not_known(label)
    assert vocabulary.NOT_RECORDED == messages.msg("harvest-words-not-recorded") != "not recorded"


def test_points_and_listings_are_the_languages(language):
    assert vocabulary.points(0.032) == {"fr": "+3,2 points", "es": "+3,2 puntos", "ar": "+3.2 نقطة مئوية"}[language]
    assert vocabulary.points(-0.12).startswith("−12")
    assert english(vocabulary.points, 0.032) == "+3.2 points" and english(vocabulary.points, 0.01) == "+1.0 points"
    assert " and " not in vocabulary.listing(["a", "b", "c"])
    assert english(vocabulary.listing, ["a", "b", "c"]) == "a, b and c"
