"""The sidebar's "Codes counted" switch: facilitators' codes, auto codes where they left none, or auto only."""

from analysis.autocode import autocode, with_auto_codes
from analysis.codes import code_frequency
from loaders import load_export
from loaders.codebook import load_codebook

from .conftest import SAMPLE, figures


def coded_notes(mode: str) -> int:
    export = load_export(SAMPLE)
    notes = export.contributions
    if mode != "human":
        notes = with_auto_codes(notes, autocode(notes, load_codebook()), mode)
    return int(code_frequency(notes, "themes")["coded_notes"].iloc[0])


def subtitle(at) -> str:
    return figures(at)[0]["layout"]["title"]["subtitle"]["text"]


def test_the_themes_page_counts_the_chosen_codes_and_the_url_keeps_the_choice(run_page):
    human, both = coded_notes("human"), coded_notes("both")
    assert both > human  # the auto-coder codes notes the facilitators left uncoded
    at = run_page("pages/themes.py")
    assert f"{human:,} coded notes" in subtitle(at)
    at.radio(key="filter_codes").set_value("both").run()
    assert f"{both:,} coded notes" in subtitle(at)
    assert at.query_params["codes"] in ("both", ["both"])
    assert any("Codes counted" in c.value for c in at.caption)


def test_a_link_with_auto_codes_opens_with_them(run_page):
    at = run_page("pages/themes.py", query={"codes": "auto"})
    assert at.radio(key="filter_codes").value == "auto"
    assert f"{coded_notes('auto'):,} coded notes" in subtitle(at)


def test_the_csv_behind_a_chart_says_which_codes_it_counts():
    """A download made with auto codes must say so: the provenance lines name the "Codes counted" choice."""
    import pandas as pd

    from analysis.downloads import read_csv, to_csv
    from analysis.filters import Filters
    from ui.filters import CODE_MODES
    from ui.show import provenance

    export = load_export(SAMPLE)
    said, _ = read_csv(to_csv(pd.DataFrame({"notes": [1]}), provenance(export, Filters(), load_codebook(), "1 note",
                                                                        CODE_MODES["both"])))
    assert said["codes counted"] == "Facilitators', else the auto-coder's"
