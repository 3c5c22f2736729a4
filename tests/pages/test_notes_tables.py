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
