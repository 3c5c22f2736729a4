"""Tables of notes behind a code: at most 1,000 rows go to the browser, and the CSV holds them all."""

from __future__ import annotations

import pytest

from analysis import themes
from benchmarks.generate import generate
from loaders import load_export
from loaders.codebook import load_codebook
from ui.show import MAX_ROWS_SHOWN


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A synthetic export of 10,000 notes (the benchmark's generator), where a theme has thousands of notes."""
    root = tmp_path_factory.mktemp("big") / "export"
    generate(10_000, root)
    return root


def test_a_theme_with_thousands_of_notes_shows_the_first_thousand_and_says_so(run_page, big):
    notes = load_export(big).contributions
    freq = themes.theme_frequency(notes, load_codebook().codes, ("theme",))
    top = freq.sort_values("notes", ascending=False).iloc[0]
    assert top["notes"] > MAX_ROWS_SHOWN
    at = run_page("pages/themes.py", data=big, query={"theme": top["code"]})
    shown = [d.value for d in at.dataframe if "text" in d.value.columns]
    assert [len(t) for t in shown] == [MAX_ROWS_SHOWN], [len(t) for t in shown]
    caption = f"Showing the first {MAX_ROWS_SHOWN:,} of {int(top['notes']):,} notes"
    assert any(c.value.startswith(caption) for c in at.caption), [c.value for c in at.caption]
    buttons = [b.proto.label for b in at.get("download_button")]
    assert f"Download these {int(top['notes']):,} notes (CSV)" in buttons, buttons


def test_notes_never_say_who_wrote_them_and_a_few_authors_notes_are_not_listed(run_page):
    from analysis.escape import unmarkdown

    at = run_page("pages/themes.py")
    tables = [d.value for d in at.dataframe if "text" in d.value.columns]
    assert tables and all(list(t.columns) == ["text", "question", "round", "table", "codes"] for t in tables)
    # One person of Central & Eastern Europe is a partner: their notes are not listed under that selection.
    at = run_page("pages/themes.py", query={"region": "CEE", "ctype": "partner"})
    assert not [d for d in at.dataframe if "text" in d.value.columns]
    assert any("Nothing is shown for this selection" in unmarkdown(str(w.value)) for w in at.warning)
    assert not [b for b in at.get("download_button") if "notes (CSV)" in b.proto.label]
