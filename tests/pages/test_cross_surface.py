"""One finding, one statement, everywhere: on a corpus of exports shaped like real ones (the sample; a flat file with
no participants table; participants without regions; no commitment codes; one region; ten notes; two events), every
finding says the same on the Overview, its page, its slide, the offline deck and its CSV; and no unrecorded dimension
becomes a sentence, a slide or a chart of zeros."""

from __future__ import annotations

import html
import math

import pytest

from analysis import findings
from analysis.downloads import read_csv, to_csv
from analysis.escape import unmarkdown
from slides import SLIDES, build_deck, build_slides
from tests.helpers.apptest import figures, texts
from tests.helpers.shapes import write
from tests.helpers.views import view_at
from ui.show import provenance

SHAPES = ["sample", "flat", "no_region", "no_commitments", "one_region", "ten_notes", "two_events"]
#: Where each finding is stated besides the Overview and its slide.
PAGES = {
    "room": "pages/participation.py",
    "voice": "pages/participation.py",
    "themes": "pages/themes.py",
    "direction": "pages/equity_gaps.py",
    "needs": "pages/roles_resources.py",
}
#: The measures whose input a shape lacks.
NOT_RECORDED = {"flat": {"room", "voice"}, "no_region": {"room", "voice"}, "no_commitments": {"direction"}}
#: The chart titles of each measure (none may be drawn when the measure's input is not recorded).
TITLES = {
    "room": ("How does the room compare",),
    "voice": ("Whose voice", "Who was in the room"),
    "direction": ("commitment",),
}
#: Charts of differences, where zero is a value (a group wrote exactly its share), not a missing count.
DIFFERENCES = ("Whose voice was recorded more, or less",)


def made(view) -> dict[str, findings.Finding]:
    return {
        "numbers": findings.numbers(view),
        "room": findings.room(view),
        "voice": findings.voice(view),
        "themes": findings.frequency(view, ("theme",)),
        "by_question": findings.by_question(view),
        "direction": findings.direction(view),
        "needs": findings.needs(view),
    }


def page_text(at) -> str:
    """Everything a reader sees as text on a page: elements, and the info boxes that say why a chart is not drawn."""
    return texts(at) + "\n" + "\n".join(unmarkdown(str(i.value)) for i in at.info)


@pytest.fixture(scope="module", params=SHAPES)
def shape(request, tmp_path_factory):
    path = write(request.param, tmp_path_factory.mktemp(request.param))
    return request.param, path, view_at(path)


def test_every_finding_says_the_same_on_the_overview_its_page_its_slide_the_deck_and_its_csv(shape, run_page):
    name, path, view = shape
    found = made(view)
    slides, skipped = build_slides(view, list(SLIDES))
    by_slide, left_out = {s.id: s for s in slides}, {s.id: s for s in skipped}
    deck = build_deck(slides, title="t", footer="f")
    overview = page_text(run_page(data=path))
    pages = {page: page_text(run_page(page, data=path)) for page in set(PAGES.values())}
    for fid, finding in found.items():
        if not finding.shown:
            assert left_out[fid].reason == finding.withheld, (name, fid)
            assert fid not in by_slide
            if fid in PAGES:
                assert finding.withheld in pages[PAGES[fid]], (name, fid)
            continue
        slide = by_slide[fid]
        assert slide.headline == finding.sentence, (name, fid)
        assert html.escape(finding.sentence) in deck, (name, fid)
        said, table = read_csv(to_csv(slide.data, provenance(view, slide.n_text, finding)))
        assert said["finding"] == finding.sentence and said["n"] == finding.n_text
        for column in ("notes", "people", "share", "note_share", "people_share", "notes_share"):
            if column in finding.table:
                shown = [float(v) if v else math.nan for v in table[column]]
                assert shown == pytest.approx(list(finding.table[column].astype(float)), nan_ok=True), (name, fid)
        if fid in PAGES:
            assert finding.sentence in pages[PAGES[fid]], (name, fid, PAGES[fid])
        if fid in ("room", "voice", "themes", "direction", "needs"):
            assert finding.sentence in overview, (name, fid)


def test_no_finding_slide_or_chart_of_zeros_comes_from_a_dimension_the_export_does_not_record(shape, run_page):
    name, path, view = shape
    found = made(view)
    for fid in NOT_RECORDED.get(name, set()):
        assert not found[fid].shown and found[fid].withheld.startswith("Not recorded in this export"), (name, fid)
    _, skipped = build_slides(view, list(SLIDES))
    assert NOT_RECORDED.get(name, set()) <= {s.id for s in skipped}
    numbers = dict(zip(found["numbers"].table["measure"], found["numbers"].table["value"], strict=True))
    for measure, dimension in (("Regions", "region"), ("Countries", "country"), ("Communities", "community")):
        assert (numbers[measure] == "not recorded") == (not view.recorded.shows(dimension)), (name, measure)
    overview = run_page(data=path)
    shown = {unmarkdown(m.label): m.value for m in overview.metric}
    assert "0" not in {shown.get(m) for m in ("Regions", "Countries", "Communities", "Languages")}, (name, shown)
    for page in set(PAGES.values()):
        for figure in figures(run_page(page, data=path)):
            title = figure["layout"]["title"]["text"]
            for fid in NOT_RECORDED.get(name, set()):
                assert not any(words in title for words in TITLES[fid]), (name, page, title)
            if title.startswith(DIFFERENCES):
                continue
            values = [v for trace in figure["data"] for key in ("x", "z") for v in _numbers(trace.get(key))]
            values += [
                _leading(cell)
                for trace in figure["data"]
                if trace.get("type") == "heatmap"
                for row in trace.get("text", [])
                for cell in row
            ]  # a cell's count, when not coloured
            assert any(v for v in values), (name, page, title)


def _leading(cell: str) -> int:
    head = str(cell).split("<br>")[0].split(" ")[0].replace(",", "")
    return int(head) if head.isdigit() else 0


def _numbers(values) -> list[float]:
    if not isinstance(values, list):
        return []
    flat = []
    for v in values:
        flat += _numbers(v) if isinstance(v, list) else [v] if isinstance(v, int | float) else []
    return [v for v in flat if not (isinstance(v, float) and math.isnan(v))]
