"""Which slides exist, in their default order, and how each is built: one finding (analysis/findings.py) per slide.

The slide's headline is the finding's sentence, its chart is drawn from the finding's table, its footer states the
finding's n and caveats: the Overview, the page, the slide, the deck and the CSV all say the same. A finding that
cannot be shown (not recorded in this export, withdrawn by the filters) makes no slide: the deck and the Present
page say which slides were left out and why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from analysis import cafe, findings, needs
from analysis.findings import Finding
from analysis.messages import msg
from analysis.view import View
from analysis.vocabulary import not_recorded
from charts import cafe as cafe_charts
from charts import gaps as gap_charts
from charts import needs as need_charts
from charts import participation as people_charts
from charts import themes as theme_charts
from charts.style import DARK, LIGHT, titled
from charts.text import esc

#: A question on a slide's axis: its id and the start of its wording.
QUESTION_WIDTH = 40


@dataclass(frozen=True)
class Slide:
    id: str
    title: str
    headline: str  # the finding's sentence
    figure: go.Figure
    data: pd.DataFrame  # the numbers behind the chart, for the CSV
    n_text: str
    caveats: tuple[str, ...] = ()
    finding: Finding | None = field(default=None, compare=False)
    #: On the synthetic sample, the caveat of ``caveats`` that says so: the View's own last (View.caveats), in the
    #: language the slide was made in; a deck's badge says it instead.
    synthetic_caveat: str = ""


@dataclass(frozen=True)
class Skipped:
    id: str
    title: str
    reason: str


def _numbers_figure(finding: Finding, template: str) -> go.Figure:
    """The room in numbers as large figures: a measure the export does not record says so, never 0."""
    colours = DARK if "dark" in template else LIGHT
    fig = go.Figure()
    rows = finding.table.head(6).reset_index(drop=True)
    for i, row in rows.iterrows():
        x, y = (i % 3) / 3 + 1 / 6, 0.72 if i < 3 else 0.22
        recorded = row["value"] != not_recorded()
        fig.add_annotation(
            x=x,
            y=y,
            xref="paper",
            yref="paper",
            text=esc(row["value"]),
            showarrow=False,
            font=dict(size=64 if recorded else 30, color=colours["ink" if recorded else "muted"]),
        )
        fig.add_annotation(
            x=x,
            y=y - 0.16,
            xref="paper",
            yref="paper",
            text=esc(row["measure"]),
            showarrow=False,
            font=dict(size=26, color=colours["muted"]),
        )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(height=620)
    return titled(fig, finding.title, finding.n_text, template)


def _chart(finding: Finding, view: View, template: str, threshold: float) -> go.Figure:
    who = view.people_word
    if finding.id == "numbers":
        return _numbers_figure(finding, template)
    if finding.id == "room":
        return people_charts.representation(
            finding.table, str(view.population["source"].iloc[0]), template=template, n_text=finding.n_text, who=who
        )
    if finding.id == "voice":
        return people_charts.voice_gap(finding.table, "region", template=template, n_text=finding.n_text, who=who)
    if finding.id == "themes":
        return theme_charts.frequency_bar(
            finding.table, title=msg("harvest-present-chart-themes"), n_text=finding.n_text, template=template
        )
    if finding.id == "by_question":
        labels = {c: view.codebook.label(c) for c in view.codebook.ids("theme")}
        labels |= view.question_labels(QUESTION_WIDTH)  # "Q2 · How would this direction change…", not "Q2"
        return theme_charts.heatmap(
            finding.table,
            labels=labels,
            title=msg("harvest-present-slide-by-question"),
            n_text=finding.n_text,
            x_title=msg("harvest-filter-question"),
            template=template,
        )
    if finding.id == "direction":
        return gap_charts.coverage_chart(finding.table, threshold, template=template, n_text=finding.n_text)
    if finding.id == "needs":
        named = needs.named_not_coded(needs.in_scope(view.notes), view.codebook.codes, "need")
        return need_charts.needs_bar(
            finding.table,
            title=msg("harvest-present-slide-needs"),
            n_text=finding.n_text,
            named=named,
            template=template,
        )
    if finding.id == "cafe":
        return cafe_charts.arrivals(
            finding.table, title=msg("harvest-present-chart-cafe"), n_text=finding.n_text, template=template
        )
    raise KeyError(finding.id)


#: Each slide: the message naming it (its title, in the language in force: :func:`title`) and its finding.
SLIDES: dict[str, tuple[str, Callable[[View, float], Finding]]] = {
    "numbers": ("harvest-present-slide-numbers", lambda view, t: findings.numbers(view)),
    "room": ("harvest-present-slide-room", lambda view, t: findings.room(view)),
    "voice": ("harvest-present-slide-voice", lambda view, t: findings.voice(view, "region")),
    "themes": ("harvest-present-slide-themes", lambda view, t: findings.frequency(view, ("theme",))),
    "by_question": ("harvest-present-slide-by-question", lambda view, t: findings.by_question(view)),
    "direction": ("harvest-present-slide-direction", lambda view, t: findings.direction(view, t)),
    "needs": ("harvest-present-slide-needs", lambda view, t: findings.needs(view)),
    "cafe": ("harvest-present-slide-cafe", lambda view, t: cafe.travel(view)),
}


def title(slide_id: str) -> str:
    """A slide's title in the language in force ("Top themes")."""
    return msg(SLIDES[slide_id][0])


def parse_slide_ids(values: list[str] | str | None) -> tuple[list[str], list[str]]:
    """Slide ids from the URL ('themes,room' or a list), in the presenter's order: (known ids, ignored values)."""
    if not values:
        return list(SLIDES), []
    raw = values.split(",") if isinstance(values, str) else [v for value in values for v in value.split(",")]
    known, ignored = [], []
    for value in (v.strip() for v in raw):
        if value in SLIDES and value not in known:
            known.append(value)
        elif value:
            ignored.append(value)
    return (known or list(SLIDES)), ignored


def build_slides(
    view: View, ids: list[str], template: str = "harvest_projector", threshold: float | None = None
) -> tuple[list[Slide], list[Skipped]]:
    """The slides for ``ids`` that this view can show, and those it cannot, with why."""
    threshold = view.config.blind_spot_share if threshold is None else threshold
    made, skipped = [], []
    synthetic_caveat = view.caveats()[-1] if view.synthetic and view.caveats() else ""
    for slide_id in ids:
        name, make = title(slide_id), SLIDES[slide_id][1]
        finding = make(view, threshold)
        if not finding.shown:
            skipped.append(Skipped(slide_id, name, finding.withheld or ""))
            continue
        figure = _chart(finding, view, template, threshold)
        made.append(
            Slide(
                slide_id,
                name,
                finding.sentence,
                figure,
                finding.table,
                finding.n_text,
                finding.caveats,
                finding,
                synthetic_caveat,
            )
        )
    return made, skipped


def on_screen(fig: go.Figure) -> go.Figure:
    """The chart as a slide shows it: the slide's headline and footer already say the finding and the n, so the
    chart's own title and subtitle go, and the plot gets their room, keeping what a note above the plot needs (the
    coverage chart's shaded-band note wraps to two lines in longer languages). (Image exports keep the titled
    figure.)"""
    out = go.Figure(fig)
    above = [
        str(a.text or "").count("<br>") + 1
        for a in out.layout.annotations or ()
        if a.yref == "paper" and (a.y or 0) >= 1 and a.yanchor == "bottom"
    ]
    out.update_layout(
        title=dict(text="", subtitle=dict(text="")), margin=dict(t=max(70, 40 + 34 * max(above, default=0)))
    )
    return out
