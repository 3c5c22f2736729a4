"""The sidebar's "Codes counted" switch: facilitators' codes, auto codes where they left none, or auto only."""

from analysis import findings
from analysis.escape import unmarkdown
from tests.helpers.apptest import SAMPLE, figures
from tests.helpers.views import view_at


def coded_notes(mode: str) -> int:
    """Notes carrying a strategy theme under the codes counted: the denominator the Themes page states."""
    return int(findings.frequency(view_at(SAMPLE, mode=mode), ("theme",)).table["coded_notes"].iloc[0])


def subtitle(at) -> str:
    return figures(at)[0]["layout"]["title"]["subtitle"]["text"]


def test_the_themes_page_counts_the_chosen_codes_and_the_url_keeps_the_choice(run_page):
    human, both = coded_notes("human"), coded_notes("both")
    assert both > human  # the auto-coder codes notes the facilitators left uncoded
    at = run_page("pages/themes.py")
    assert f"share of the {human:,} notes carrying any strategy theme" in subtitle(at)
    at.radio(key="filter_codes").set_value("both").run()
    assert f"share of the {both:,} notes carrying any strategy theme" in subtitle(at)
    assert at.query_params["codes"] in ("both", ["both"])
    assert any("Codes counted: facilitators', else the auto-coder's" in unmarkdown(c.value) for c in at.caption)


def test_a_link_with_auto_codes_opens_with_them(run_page):
    at = run_page("pages/themes.py", query={"codes": "auto"})
    assert at.radio(key="filter_codes").value == "auto"
    assert f"share of the {coded_notes('auto'):,} notes carrying any strategy theme" in subtitle(at)


def test_the_csv_behind_a_chart_says_which_codes_it_counts():
    """A download made with auto codes must say so: the provenance lines name the "Codes counted" choice."""
    import pandas as pd

    from analysis.downloads import read_csv, to_csv
    from ui.show import provenance

    said, _ = read_csv(to_csv(pd.DataFrame({"notes": [1]}), provenance(view_at(SAMPLE, mode="both"), "1 note")))
    assert said["codes counted"] == "Facilitators', else the auto-coder's"
