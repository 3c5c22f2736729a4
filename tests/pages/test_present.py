"""The Present page: slides in the presenter's order, the place kept in the URL, the snapshot held until refreshed."""

import re

import pyarrow as pa
import pyarrow.parquet as pq

import charts.style  # noqa: F401
from analysis.escape import unmarkdown
from slides import SLIDES, build_slides
from tests.helpers.apptest import SAMPLE, texts
from tests.helpers.views import view_at


def headline_of(slide_id: str, path=SAMPLE) -> str:
    return build_slides(view_at(path), [slide_id])[0][0].headline


def test_the_first_slide_shows_its_computed_headline_and_counter(run_page):
    at = run_page("pages/present.py")
    assert unmarkdown(at.title[0].value) == headline_of(list(SLIDES)[0])
    assert f"Slide 1 / {len(SLIDES)}" in texts(at)


def test_next_and_previous_move_through_the_slides_and_the_url_keeps_the_place(run_page):
    at = run_page("pages/present.py")
    at.button(key="present_next").click().run()
    assert at.query_params["slide"] in ("2", ["2"])
    assert unmarkdown(at.title[0].value) == headline_of(list(SLIDES)[1])
    at.button(key="present_prev").click().run()
    assert unmarkdown(at.title[0].value) == headline_of(list(SLIDES)[0])


def test_a_link_with_chosen_slides_and_a_place_reopens_that_slide(run_page):
    at = run_page("pages/present.py", query={"slides": "needs,themes", "slide": "2"})
    assert unmarkdown(at.title[0].value) == headline_of("themes")
    assert "Slide 2 / 2" in texts(at)
    assert at.button(key="present_next").disabled


def test_unknown_slides_in_a_link_are_left_out_with_a_note(run_page):
    at = run_page("pages/present.py", query={"slides": "room,nonsense"})
    assert unmarkdown(at.title[0].value) == headline_of("room")
    assert any("nonsense" in unmarkdown(w.value) for w in at.warning)


def test_the_footer_states_n_filters_and_source(run_page):
    at = run_page("pages/present.py", query={"region": "NWE"})
    (footer,) = [unmarkdown(c.value) for c in at.caption if unmarkdown(c.value).startswith("Data: ")]
    assert "Filters: region: NWE" in footer and "SYNTHETIC DATA: no real person or note" in footer
    assert "n: " in footer and "Codes counted: facilitators' codes" in footer
    assert "/work" not in footer and "sample-wikicafe-2017-synthetic · " in footer  # its name, never a server path
    assert re.search(r"sample-wikicafe-2017-synthetic · [0-9a-f]{8} · ", footer)  # and a short fingerprint


def test_new_notes_wait_until_the_presenter_refreshes(run_page, tmp_path):
    folder = tmp_path / "live" / "contributions.parquet"
    folder.mkdir(parents=True)

    def part(name, ids):
        pq.write_table(
            pa.table(
                {"contribution_id": ids, "text": [f"note {i}" for i in ids], "themes": [["augmented_age"]] * len(ids)}
            ),
            folder / name,
        )

    part("part-0.parquet", ["a", "b"])
    at = run_page("pages/present.py", data=tmp_path / "live", query={"slides": "numbers"})
    before = unmarkdown(at.title[0].value)
    assert before.startswith("2 notes")
    part("part-1.parquet", ["c", "d", "e"])
    at.run()
    assert unmarkdown(at.title[0].value) == before  # the room still sees the snapshot
    assert any("3 new notes are waiting" in unmarkdown(w.value) for w in at.warning)
    at.button(key="present_refresh_button").click().run()
    assert unmarkdown(at.title[0].value).startswith("5 notes")
