"""The Compare events page on a two-event export: it shows what analysis/compare.py finds, and on the one-event
sample it says there is nothing to compare."""

from __future__ import annotations

from analysis import compare
from tests.helpers.apptest import figures, texts
from tests.helpers.events import two_events

PAGE = "pages/compare.py"


def test_two_events_side_by_side(run_page, tmp_path):
    view = two_events(tmp_path, 12, 3)
    at = run_page(PAGE, data=tmp_path)
    said = texts(at)
    assert compare.themes_compared(view).sentence in said
    assert compare.direction_compared(view).sentence in said
    drawn = {fig["layout"]["title"]["text"] for fig in figures(at)}
    assert {"Which themes did each event raise?", "How did the themes move from event to event?"} <= drawn
    people = at.dataframe[0].value.set_index("event")
    assert list(people.index) == ["cafe-b", "cafe-a"]  # time order
    assert people.loc["cafe-a", "participants"] == "6"


def test_the_one_event_sample_has_nothing_to_compare(run_page):
    at = run_page(PAGE)
    assert "This selection holds one event (session), so there is nothing to compare." in texts(at)
    assert not figures(at)
