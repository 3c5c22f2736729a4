"""The measures' words (analysis/participation.py, themes.py, gaps.py, needs.py; messages in i18n/measures/) in French,
Spanish and Arabic on the bundled sample: every sentence, label and heading they make is in the language, with no
English message text left and numbers written the language's way, while every number and table is the same as in
English."""

from __future__ import annotations

import json
import re
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from babel.numbers import get_decimal_symbol, get_group_symbol

from analysis import gaps, messages, needs, participation, themes
from tests.helpers.i18n import I18N, fragments
from tests.helpers.views import view_at

LANGUAGES = ("fr", "es", "ar")
#: Words a translation rightly shares with English ("Question", "Table" are French too).
SAME_AS_ENGLISH = {
    "fr": {"heading-question", "heading-table", "grouping-question", "grouping-noun-question"},
    "es": set(),
    "ar": {"threshold"},
}  # Arabic writes 2.5% as English does (CLDR, Latin digits)
#: English fragments shorter than this ("Round", " and ") may be part of a name from the data: not searched for.
SHORTEST = 6


def _catalogue(language: str) -> dict[str, str]:
    data = json.loads((I18N / "measures" / f"{language}.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("@")}


@pytest.fixture(scope="module")
def view():
    return view_at()


@pytest.fixture(scope="module")
def odd(view) -> pd.DataFrame:
    """The sample's notes with, on the first, a theme code the codebook does not know and direction codes it does not
    know (XX9) or names only a pillar of (knowledge_equity); on the second, no round."""
    notes = view.notes
    direction = [list(x) if x is not None else [] for x in notes["direction"]]
    direction[0] = direction[0] + ["XX9", "knowledge_equity"]
    coded = [list(x) if x is not None else [] for x in notes["themes"]]
    coded[0] = coded[0] + ["made_up"]
    rounds = notes["round"].astype("Int64").copy()
    rounds.iloc[1] = pd.NA
    return notes.assign(direction=direction, themes=coded, round=rounds)


@pytest.fixture(params=LANGUAGES)
def language(request):
    request.addfinalizer(lambda: messages.use("en"))
    return request.param


def _codes(view) -> list[str]:
    freq = themes.theme_frequency(view.notes, view.codebook.codes)
    return list(freq.loc[freq["notes"] > 0, "code"])


def sentences(view, odd) -> dict[str, str]:
    """Every sentence the four modules make on the sample (and on empty selections), in the language in force."""
    notes, people = view.notes, view.people
    said = {}
    for by in participation.GROUPINGS:
        table = participation.voice_gap(people, notes, by, known_only=True)
        said[f"people-and-notes-{by}"] = participation.people_and_notes_sentence(table, by)
        empty = participation.voice_gap(people.iloc[:0], notes.iloc[:0], by, known_only=True)
        said[f"people-and-notes-none-{by}"] = participation.people_and_notes_sentence(empty, by)
    said["countries"] = participation.countries_sentence(participation.countries(people))
    grouping = view.guard.grouping("country")
    if grouping.shown:
        said["countries-merged"] = participation.countries_sentence(participation.countries(people, grouping))
    said["countries-none"] = participation.countries_sentence(participation.countries(people.iloc[:0]))
    said["languages"] = participation.languages_sentence(participation.language_use(people, notes))
    said["languages-none"] = participation.languages_sentence(
        participation.language_use(people.iloc[:0], notes.iloc[:0])
    )
    labels = dict(zip(view.codebook.codes["id"], view.codebook.codes["label"], strict=True))
    pairs = themes.co_occurrence(notes, _codes(view)[:6])
    said["co"] = themes.co_sentence(pairs, lambda c: labels.get(c, c))
    said["co-none"] = themes.co_sentence(themes.co_occurrence(notes.iloc[:0], ["a", "b"]))
    freq = themes.theme_frequency(odd, view.codebook.codes)
    said["unknown-code-description"] = str(freq.loc[~freq["in_codebook"], "description"].iloc[0])
    return said


def words(view, odd) -> dict[str, str]:
    """Every label, heading and axis word the four modules give, in the language in force."""
    said = {}
    for by in participation.GROUPINGS:
        said[f"group-noun-{by}"] = participation.GROUPINGS[by]
        said[f"group-nouns-{by}"] = participation.PLURALS[by]
        assert participation.grouping_word(by) == said[f"group-noun-{by}"]
    for by in themes.GROUPINGS:
        said[f"grouping-{by}"] = themes.grouping_label(by)
        assert themes.GROUPINGS[by] == said[f"grouping-{by}"]
        said[f"grouping-noun-{by}"] = themes.grouping_noun(by)
        said[f"not-known-{by}"] = themes.not_known_group(by)
    said |= {f"sort-{k}": v for k, v in themes.SORTS.items()}
    said |= {f"heading-{k}": v for k, v in dict(**themes.NOTE_HEADINGS).items()}
    said |= {f"kind-{k}": needs.kind_word(k) for k in needs.KIND_WORDS}
    said["not-in-codebook"] = gaps.not_in_codebook()
    assert gaps.NOT_IN_CODEBOOK == said["not-in-codebook"]
    covered = gaps.coverage(odd, view.codebook.commitments)
    said["coverage-unknown"] = str(covered.loc[covered["level"] == "unknown", "label"].iloc[0])
    said["coverage-pillar"] = str(covered.loc[covered["level"] == "pillar", "label"].iloc[0])
    codes = _codes(view)[:3]
    said["round"] = str(themes.theme_by(odd, codes, "round")["group"].iloc[0])
    by_round = list(dict.fromkeys(themes.theme_by(odd, codes, "question_round")["group"]))
    said["round-question"], said["round-not-known-question"] = by_round[0], by_round[-1]
    said["region-not-known"] = str(themes.theme_by(odd, codes, "region")["group"].iloc[-1])
    table = themes.readable_notes(odd, np.arange(3), k=1000)
    said["fewer-authors"] = str(table["table"].iloc[0])
    coded = np.flatnonzero(themes.note_codes(odd, "themes").groupby("row").size().reindex(range(len(odd))).fillna(0))
    picked = odd.iloc[coded[:3]].assign(themes_confirmed=[False, True, False], themes_auto=[False, False, True])
    sources = themes.readable_notes(picked, np.arange(3))["codes_from"]
    said |= {f"codes-from-{i}": str(v) for i, v in enumerate(sources)}
    said["language-name"] = participation.language_name("sv")
    said["threshold"] = gaps.threshold_text(0.025)
    return said


def numbers(text: str, language: str) -> Counter:
    """The numbers in ``text`` as values, however the language writes them ("1 234,5" -> 1234.5)."""
    group, decimal = get_group_symbol(language), get_decimal_symbol(language)
    found = re.findall(r"\d(?:[\d\u202f\u00a0.,]*\d)?", text)
    return Counter(float(n.replace(group, "").replace("\u202f", "").replace(decimal, ".")) for n in found)


def test_every_sentence_and_word_is_in_the_language(view, odd, language):
    messages.use("en")
    english = {**sentences(view, odd), **words(view, odd)}
    messages.use(language)
    said = {**sentences(view, odd), **words(view, odd)}
    assert said.keys() == english.keys()
    own = "\n".join(_catalogue(language).values())
    leftover = {
        part
        for text in _catalogue("en").values()
        for part in fragments(text)
        if len(part) >= SHORTEST and part not in own
    }
    for key, text in said.items():
        assert text.strip(), key
        if key not in SAME_AS_ENGLISH[language]:
            assert text != english[key], (key, text)
        assert not [part for part in leftover if part in text], (key, text)


def test_numbers_are_written_the_languages_way_and_stay_the_same(view, odd, language):
    messages.use("en")
    english = sentences(view, odd)
    messages.use(language)
    said = sentences(view, odd)
    for key, text in said.items():
        if language in ("fr", "es"):
            assert not re.search(r"\d%", text), (key, text)  # "40 %", never "40%"
            assert numbers(text, language) == numbers(english[key], "en"), (key, text)
        else:  # Arabic names one and two in words ("ملاحظة واحدة"): no other number is added or changed
            assert not numbers(text, language) - numbers(english[key], "en"), (key, text)
    assert gaps.threshold_text(0.025) == messages.percent(0.025, 1)
    fewer = themes.readable_notes(odd, np.arange(1), k=1000)["table"].iloc[0]
    assert messages.number(1000) in fewer
    if language == "fr":
        assert "1\u202f000" in fewer and "40\u00a0%" in messages.percent(0.4)


def _tables(view, odd) -> dict[str, pd.DataFrame]:
    """The four modules' tables on the sample, without the columns that hold words shown to people."""
    notes, people, codes = view.notes, view.people, view.codebook.codes
    chosen = _codes(view)[:6]
    out = {
        "headline": pd.DataFrame([participation.headline(notes, people)]),
        "representation": participation.representation(people, view.population),
        "countries": participation.countries(people).drop(columns="country_name"),
        "languages": participation.language_use(people, notes).drop(columns="language_name"),
        "frequency": themes.theme_frequency(odd, codes).drop(columns="description"),
        "together": themes.co_occurrence(notes, chosen),
        "coverage": gaps.coverage(odd, view.codebook.commitments).drop(columns=["label", "pillar_label"]),
        "equity": gaps.equity_picture(people, notes, view.population),
        "blind_spots": gaps.blind_spots(gaps.coverage(notes, view.codebook.commitments)),
        "needs": needs.need_frequency(needs.in_scope(notes), codes),
        "named": needs.named_not_coded(needs.in_scope(notes), codes),
    }
    for by in participation.GROUPINGS:
        out[f"voice-{by}"] = participation.voice_gap(people, notes, by, known_only=True)
    for by in themes.GROUPINGS:
        out[f"by-{by}"] = themes.theme_by(odd, chosen, by).drop(columns="group")
    for by in ("region", "community_type"):
        out[f"who-{by}"] = gaps.who_spoke(notes, view.codebook.commitments, by)
        out[f"need-by-{by}"] = needs.need_by(notes, codes, by).drop(columns="group")
    return out


def test_every_number_and_table_is_the_same_in_every_language(view, odd, language):
    messages.use("en")
    english = _tables(view, odd)
    spoken = participation.language_use(view.people, view.notes)
    messages.use(language)
    for name, table in _tables(view, odd).items():
        pd.testing.assert_frame_equal(table, english[name], obj=name)
    translated = participation.language_use(view.people, view.notes)["language_name"]
    assert (translated != spoken["language_name"]).any()  # "anglais": the same rows in the same order, named anew
    assert list(translated) == [participation.language_name(tag, language) for tag in spoken["language"]]


def test_the_old_names_still_work_as_mappings_with_their_keys(language):
    messages.use(language)
    assert list(participation.GROUPINGS) == ["region", "community_type", "community"]
    assert "question_round" in themes.GROUPINGS and themes.GROUPINGS.get("nope", "x") == "x"
    assert set(dict(**themes.NOTE_HEADINGS)) == {"question", "round", "table", "codes", "matched", "codes_from"}
    assert list(themes.SORTS) == ["notes", "codebook", "label"] and list(needs.KIND_WORDS) == ["need", "responsible"]
    assert themes.GROUPINGS["region"] == messages.msg("harvest-measures-grouping-region")
    messages.use("en")
    assert themes.GROUPINGS["region"] == "Region" and participation.GROUPINGS["community_type"] == "community type"
    assert themes.grouping_noun("community_type") == themes.GROUPINGS["community_type"].lower()
    assert gaps.pillar_label("Knowledge equity") == "Knowledge equity, commitment not specified"


def test_countries_are_named_in_the_language_in_the_same_order(view, language):
    """The countries' table names each country the language's way (CLDR, through babel), in English order and with
    the same counts: ISO codes and counts are the data, the name is what a reader reads."""
    from babel import Locale

    english = participation.countries(view.people)
    messages.use(language)
    shown = participation.countries(view.people)
    pd.testing.assert_frame_equal(shown.drop(columns="country_name"), english.drop(columns="country_name"))
    territories = Locale.parse(language).territories
    expected = [territories.get(c, e) for c, e in zip(english["country"], english["country_name"], strict=True)]
    assert list(shown["country_name"]) == expected
    changed = sum(s != e for s, e in zip(shown["country_name"], english["country_name"], strict=True))
    assert changed >= len(english) // 2  # most country names differ from English in every shipped language
