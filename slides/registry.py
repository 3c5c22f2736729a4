"""Which slides exist, in their default order, and how each is built from the notes and people in view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analysis import findings, gaps, needs, participation, themes
from analysis.findings import pct
from charts import gaps as gap_charts
from charts import needs as need_charts
from charts import participation as people_charts
from charts import themes as theme_charts
from charts.style import titled


@dataclass(frozen=True)
class SlideContext:
    notes: pd.DataFrame
    people: pd.DataFrame
    codebook: object
    population: pd.DataFrame
    template: str = "harvest_projector"
    blind_spot: float = 0.05


@dataclass(frozen=True)
class Slide:
    id: str
    title: str
    headline: str  # one sentence computed from the data
    figure: go.Figure
    data: pd.DataFrame  # the numbers behind the chart, for the CSV
    n_text: str


def _headline_numbers(ctx: SlideContext) -> Slide:
    numbers = participation.headline(ctx.notes, ctx.people)
    shown = [("participants", "Participants"), ("countries", "Countries"), ("regions", "Regions"),
             ("languages", "Languages"), ("notes", "Notes"), ("communities", "Communities")]
    fig = go.Figure()
    for i, (key, label) in enumerate(shown):
        fig.add_trace(go.Indicator(mode="number", value=numbers[key], title=dict(text=label),
                                   number=dict(valueformat=",d"),
                                   domain=dict(row=i // 3, column=i % 3)))
    fig.update_layout(grid=dict(rows=2, columns=3, pattern="independent"), height=620)
    headline = (f"{numbers['participants']:,} participants from {numbers['countries']} countries, speaking "
                f"{numbers['languages']} languages, left {numbers['notes']:,} notes "
                f"({pct(numbers['anonymous_share'])} anonymous).")
    n_text = f"{numbers['participants']:,} participants, {numbers['notes']:,} notes"
    data = pd.DataFrame({"measure": [label for _, label in shown] + ["Notes per participant", "Anonymous notes"],
                         "value": [numbers[key] for key, _ in shown]
                         + [round(numbers["notes_per_participant"], 2), round(numbers["anonymous_share"], 4)]})
    return Slide("numbers", "The room in numbers", headline, titled(fig, "The room in numbers", n_text, ctx.template),
                 data, n_text)


def _room_vs_world(ctx: SlideContext) -> Slide:
    table = participation.representation(ctx.people, ctx.population)
    fig = people_charts.representation(table, str(ctx.population["source"].iloc[0]), template=ctx.template)
    sentences = findings.representation_sentences(ctx.people, ctx.population)
    headline = " ".join(sentences) or "No participant with a known region in this selection."
    return Slide("room", "Who was in the room", headline, fig, table, (fig.layout.meta or {}).get("n_text", ""))


def _voice(ctx: SlideContext) -> Slide:
    table = participation.voice_gap(ctx.people, ctx.notes, "region")
    fig = people_charts.voice_gap(table, "region", template=ctx.template)
    headline = findings.voice_sentence(ctx.people, ctx.notes) or "Every region's share of notes matched or exceeded " \
                                                                 "its share of participants."
    return Slide("voice", "Whose voice was recorded", headline, fig, table, (fig.layout.meta or {}).get("n_text", ""))


def _top_themes(ctx: SlideContext) -> Slide:
    freq = themes.theme_frequency(ctx.notes, ctx.codebook.codes, ("theme",))
    coded = int(freq["coded_notes"].iloc[0]) if len(freq) else 0
    n_text = f"share of {coded:,} coded notes (of {len(ctx.notes):,} notes); a note may carry several themes"
    fig = theme_charts.frequency_bar(freq, title="What the room talked about", n_text=n_text, template=ctx.template)
    return Slide("themes", "Top themes", themes.frequency_sentence(freq), fig,
                 freq[["code", "label", "notes", "share", "coded_notes"]], n_text)


def _themes_by_question(ctx: SlideContext) -> Slide:
    codes = ctx.codebook.ids("theme")
    table = themes.theme_by(ctx.notes, codes, "question")
    coded = int(table.drop_duplicates("group")["group_coded_notes"].sum()) if len(table) else 0
    n_text = f"share of each question's coded notes ({coded:,} coded notes)"
    labels = {c: ctx.codebook.label(c) for c in codes}
    fig = theme_charts.heatmap(table, row_labels=labels, title="Themes by question", n_text=n_text,
                               x_title="Question", template=ctx.template)
    return Slide("by_question", "Themes by question", themes.group_sentence(table, ctx.codebook.label,
                                                                             noun="question"), fig, table, n_text)


def _direction(ctx: SlideContext) -> Slide:
    covered = gaps.coverage(ctx.notes, ctx.codebook.commitments)
    fig = gap_charts.coverage_chart(covered, ctx.blind_spot, template=ctx.template)
    return Slide("direction", "Direction coverage and blind spots", gaps.coverage_sentence(covered, ctx.blind_spot),
                 fig, covered, (fig.layout.meta or {}).get("n_text", ""))


def _needs(ctx: SlideContext) -> Slide:
    scoped = needs.in_scope(ctx.notes)
    freq = needs.need_frequency(scoped, ctx.codebook.codes, "need")
    named = needs.named_not_coded(scoped, ctx.codebook.codes, "need")
    coded = int(freq["coded_notes"].iloc[0]) if len(freq) else 0
    n_text = f"share of {coded:,} coded notes answering Q2 and Q3"
    fig = need_charts.needs_bar(freq, title="What participants said they need", n_text=n_text, named=named,
                                template=ctx.template)
    data = freq[["code", "label", "notes", "share", "coded_notes"]].merge(named[["code", "named_not_coded"]], on="code")
    return Slide("needs", "What participants need", needs.need_sentence(freq, named, "need", "in Q2 and Q3"), fig,
                 data, n_text)


SLIDES: dict[str, tuple[str, Callable[[SlideContext], Slide]]] = {
    "numbers": ("The room in numbers", _headline_numbers),
    "room": ("Who was in the room vs world population", _room_vs_world),
    "voice": ("Whose voice was recorded", _voice),
    "themes": ("Top themes", _top_themes),
    "by_question": ("Themes by question", _themes_by_question),
    "direction": ("Direction coverage and blind spots", _direction),
    "needs": ("What participants said they need", _needs),
}


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


def build_slides(ctx: SlideContext, ids: list[str]) -> list[Slide]:
    return [SLIDES[i][1](ctx) for i in ids]


def on_screen(fig: go.Figure) -> go.Figure:
    """The chart as a slide shows it: the slide's headline and footer already say the finding and the n, so the
    chart's own title and subtitle go, and the plot gets their room. (Image exports keep the titled figure.)"""
    out = go.Figure(fig)
    out.update_layout(title=dict(text="", subtitle=dict(text="")), margin=dict(t=70))
    return out
