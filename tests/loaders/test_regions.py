"""The eight regions: ids and names in any case, '&' or 'and', abbreviations, and a known country's region."""

from __future__ import annotations

import pytest

from loaders import load_export, regions
from tests.loaders import corpus


def test_there_are_eight_regions_in_a_fixed_order():
    assert regions.REGION_IDS == ("NWE", "CEE", "LAC", "SSA", "MENA", "SA", "ESEAP", "NA")


@pytest.mark.parametrize(
    ("given", "region"),
    [
        ("SSA", "SSA"),
        ("ssa", "SSA"),
        (" Mena ", "MENA"),
        ("sa", "SA"),
        ("eseap", "ESEAP"),
        ("cee", "CEE"),
        ("NWE", "NWE"),
        ("lac", "LAC"),
        ("NA", "NA"),
        ("na", "NA"),
        ("Sub-Saharan Africa", "SSA"),
        ("sub saharan africa", "SSA"),
        ("Subsaharan Africa", "SSA"),
        ("Middle East & North Africa", "MENA"),
        ("middle east and north africa", "MENA"),
        ("South Asia", "SA"),
        ("East, Southeast Asia, & Pacific", "ESEAP"),
        ("East Southeast Asia and Pacific", "ESEAP"),
        ("Central & Eastern Europe & Central Asia", "CEE"),
        ("central and eastern europe", "CEE"),
        ("Northern & Western Europe", "NWE"),
        ("NORTHERN AND WESTERN EUROPE", "NWE"),
        ("Latin America & Caribbean", "LAC"),
        ("Latin America and the Caribbean", "LAC"),
        ("North America", "NA"),
        ("northern america", "NA"),
    ],
)
def test_region_ids_names_and_abbreviations_in_any_case(given, region):
    assert regions.region_id(given) == region


@pytest.mark.parametrize("given", ["Atlantis", "Europe", "", "   ", None, 3, "S S A"])
def test_anything_else_is_not_a_region(given):
    assert regions.region_id(given) is None


def test_every_region_has_a_label_and_unknown_has_one_too():
    assert regions.region_label("ESEAP") == "East, Southeast Asia, & Pacific"
    assert regions.region_label(None) == "Region not known"


@pytest.mark.parametrize(
    ("country", "region"),
    [
        ("KE", "SSA"),
        ("SE", "NWE"),
        ("BR", "LAC"),
        ("EG", "MENA"),
        ("IN", "SA"),
        ("ID", "ESEAP"),
        ("UA", "CEE"),
        ("US", "NA"),
        ("NA", "SSA"),  # Namibia's code is the same text as North America's id
    ],
)
def test_a_known_country_gives_its_region(country, region):
    assert regions.country_region(country) == region


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("se", "SE"),
        ("SWE", "SE"),
        ("Sweden", "SE"),
        ("kenya", "KE"),
        ("NA", "NA"),
        ("XX", None),
        ("Narnia", None),
        ("", None),
        (None, None),
    ],
)
def test_country_codes_and_names_become_iso_alpha_2(given, code):
    assert regions.country_code(given) == code


def test_country_names_for_display():
    assert regions.country_name("SE") == "Sweden"
    assert regions.country_name(None) == "Country not known"


def test_participant_without_region_takes_it_from_the_country(tmp_path):
    people = corpus.people(region=[None, "", "LAC"], country=["KE", "se", "BR"])
    export = load_export(corpus.export(tmp_path / "s", corpus.notes(), people))
    assert export.participants["region"].tolist() == ["SSA", "NWE", "LAC"]
    assert export.contributions.set_index("contribution_id").loc["c2", "region"] == "NWE"
    assert export.problems == []


def test_participants_file_with_country_but_no_region_column_loads(tmp_path):
    export = load_export(corpus.export(tmp_path / "s", corpus.notes(), corpus.people(region=None)))
    assert export.participants["region"].tolist() == ["SSA", "NWE", "LAC"]
    assert export.problems == []


def test_participants_file_with_neither_region_nor_country_is_left_out_and_said(tmp_path):
    export = load_export(corpus.export(tmp_path / "s", corpus.notes(), corpus.people(region=None, country=None)))
    (found,) = [p for p in export.problems if p.code == "missing_column"]
    assert str(found).startswith(
        "s/participants.parquet, column `region`: The required column `region` is "
        "missing (or `country`, to take the region from). This file has the columns "
        "`participant_id`, `community`"
    )
    assert "This file is left out" in found.message and export.participants_source == "notes"


def test_region_that_disagrees_with_the_country_is_kept_and_reported(tmp_path):
    people = corpus.people(region=["NWE", "NWE", "LAC"], country=["KE", "SE", "BR"])
    export = load_export(corpus.export(tmp_path / "s", corpus.notes(), people))
    assert export.participants["region"].tolist() == ["NWE", "NWE", "LAC"]
    [found] = export.problems
    assert (found.file, found.row, found.column, found.value, found.code) == (
        "s/participants.parquet",
        1,
        "region",
        "NWE",
        "region_country_mismatch",
    )
    assert found.message == (
        '"NWE" is not the region of the country KE (Kenya), which is in SSA. The region given is kept.'
    )


def test_inline_country_fills_the_region_of_a_flat_export(tmp_path):
    table = corpus.notes(country=["KE", "SE", "BR", "IN"])
    export = load_export(corpus.write(table, tmp_path / "flat.parquet"))
    assert export.contributions["region"].tolist() == ["SSA", "NWE", "LAC", "SA"]
    assert export.participants.set_index("participant_id")["region"].to_dict() == {
        "p1": "SSA",
        "p2": "NWE",
        "p3": "LAC",
    }
