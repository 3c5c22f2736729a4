"""Messages as data (i18n/*.json, the translatewiki.net format): complete, documented, parameters kept, plurals and
numbers the language's way (CLDR through babel), right-to-left known, English as the fallback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from analysis import messages
from analysis.messages import msg

I18N = Path(messages.ROOT)
SHIPPED = ("en", "fr", "es", "ar")


FOLDERS = messages.folders()


def keys(language: str, folder: Path = I18N) -> dict[str, str]:
    data = json.loads((folder / f"{language}.json").read_text(encoding="utf-8"))
    assert "@metadata" in data, f"{folder}/{language}.json has no @metadata block"
    return {k: v for k, v in data.items() if not k.startswith("@")}


def test_a_key_lives_in_one_folder_only():
    seen: dict[str, Path] = {}
    for folder in FOLDERS:
        for key in keys("en", folder):
            assert key not in seen, f"{key} is in both {seen[key]} and {folder}"
            seen[key] = folder


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_every_message_is_documented_for_translators(folder):
    english, documented = keys("en", folder), keys("qqq", folder)
    assert set(english) == set(documented), {
        "undocumented": sorted(set(english) - set(documented)),
        "documented but not used": sorted(set(documented) - set(english)),
    }
    assert all(text.strip() for text in documented.values())


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
@pytest.mark.parametrize("language", [lang for lang in SHIPPED if lang != "en"])
def test_every_shipped_translation_is_complete_and_keeps_its_parameters(language, folder):
    english, translated = keys("en", folder), keys(language, folder)
    assert set(translated) == set(english), {
        "missing": sorted(set(english) - set(translated)),
        "unknown": sorted(set(translated) - set(english)),
    }
    for key, text in english.items():
        assert set(re.findall(r"\$\d+", translated[key])) == set(re.findall(r"\$\d+", text)), key
        assert translated[key].count("{{PLURAL:") == text.count("{{PLURAL:"), key


def test_the_languages_name_themselves_and_english_comes_first():
    found = messages.languages()
    assert list(found)[0] == "en"
    assert found["fr"] == "français" and found["es"] == "español" and found["ar"] == "العربية"
    assert messages.right_to_left("ar") and not messages.right_to_left("fr")


@pytest.mark.parametrize(
    ("language", "count", "said"),
    [
        ("en", 1, "1 note"),
        ("en", 2, "2 notes"),
        ("en", 1234, "1,234 notes"),
        ("fr", 0, "0 note"),  # French says "0 note": zero takes the singular
        ("fr", 1, "1 note"),
        ("fr", 2, "2 notes"),
        ("fr", 1234, "1\u202f234 notes"),
        ("es", 1, "1 nota"),
        ("es", 1234, "1.234 notas"),
        ("ar", 0, "لا ملاحظات"),
        ("ar", 1, "ملاحظة واحدة"),
        ("ar", 2, "ملاحظتان"),
        ("ar", 3, "3 ملاحظات"),
        ("ar", 11, "11 ملاحظة"),
        ("ar", 100, "100 ملاحظة"),
    ],
)
def test_a_count_takes_the_languages_plural_and_digits(language, count, said):
    assert msg("harvest-notes-count", count, language=language) == said


def test_the_browsers_preferred_language_wins_when_harvest_speaks_it():
    assert messages.best(["fr-CA", "en"]) == "fr"
    assert messages.best("ar-EG,ar;q=0.9".split(",")) == "ar"
    assert messages.best(["de", "nl"]) == "en"
    assert messages.best(None) == "en"


def test_the_language_in_force_falls_back_to_english_and_a_missing_message_is_an_error():
    assert messages.use("xx") == "en"
    assert messages.use("fr") == "fr" and msg("harvest-page-themes") == "Thèmes"
    messages.use("en")
    with pytest.raises(KeyError, match="no message 'harvest-nope'"):
        msg("harvest-nope")


def test_a_parameter_from_the_data_is_put_in_as_given():
    assert msg("harvest-empty", "{{x}} <b>", language="en").startswith("No {{x}} <b> match the filters")


@pytest.mark.parametrize(
    ("language", "count", "share", "small"),
    [
        ("en", "12,345", "31%", "7.4%"),
        ("fr", "12\u202f345", "31\u00a0%", "7,4\u00a0%"),
        ("es", "12.345", "31\u00a0%", "7,4\u00a0%"),
        ("ar", "12,345", "31%", "7.4%"),
    ],
)
def test_every_surface_writes_numbers_and_shares_the_languages_way(language, count, share, small):
    from analysis import vocabulary

    messages.use(language)
    try:
        assert (vocabulary.count(12345), vocabulary.pct(0.314), vocabulary.pct(0.074)) == (count, share, small)
    finally:
        messages.use("en")
