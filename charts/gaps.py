"""Figures for the Equity gaps page: coverage of the direction, who spoke to what, presence and voice by region.

Labels that come from the data (codes not in the codebook, community types) are HTML-escaped: Plotly renders a few
tags in text, and note data is never markup.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.gaps import DEFAULT_BLIND_SPOT, NOT_IN_CODEBOOK, blind_spots, threshold_text
from analysis.vocabulary import FLAG, NOT_KNOWN, group_label, pct, points
from loaders.codebook import PILLARS

from .style import PAIR, SEQUENTIAL, UNKNOWN_COLOUR, region_label, titled
from .style import scale as _scale
from .text import esc, intervals, label


def commitment_text(commitment: str, text: str, width: int = 32) -> str:
    """ "KE5 Break down barriers to …" wrapped for an axis; a pillar's own notes by their label ("Knowledge equity,
    commitment not specified"); codes not in the codebook are flagged as on the Themes page: "⚠ XX9 (not in
    codebook)"."""
    if text == NOT_IN_CODEBOOK:
        return f"{FLAG}{esc(commitment)} (not in codebook)"
    if commitment in PILLARS:
        return label(text, width)
    return label(f"{commitment} {text}", width)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def coverage_chart(
    covered: pd.DataFrame, threshold: float = DEFAULT_BLIND_SPOT, template: str = "harvest", n_text: str | None = None
) -> go.Figure:
    """Horizontal bars: share of notes addressing each commitment, grouped by pillar, blind spots in the 'negative'
    colour, codes not in the codebook grey and hatched, a pillar's own notes (no commitment named) dotted; each bar
    says its share and how many tables addressed it; a shaded band marks the blind-spot zone, under the threshold."""
    n = int(covered["coded_notes" if "coded_notes" in covered else "all_notes"].iloc[0]) if len(covered) else 0
    tables = int(covered["all_tables"].iloc[0]) if len(covered) else 0
    spots = set(blind_spots(covered, threshold)["commitment"])
    status = covered["commitment"].map(lambda c: "blind" if c in spots else "addressed")
    status = status.where(covered["in_codebook"], "unknown")
    if "level" in covered:
        status = status.where(covered["level"] != "pillar", "pillar")
    pillar_notes = int(covered.loc[status == "pillar", "notes"].sum())
    colour = {
        "addressed": PAIR["notes"],
        "blind": PAIR["negative"],
        "unknown": UNKNOWN_COLOUR,
        "pillar": PAIR["people"],
    }
    pattern = {"unknown": "/", "pillar": "."}
    text = [
        (pct(s) if s else "no notes")
        + (f" · {t} of {_plural(tables, 'table')}" if tables else "")
        + (" · blind spot" if k == "blind" else "")
        + (" · no commitment named" if k == "pillar" else "")
        for s, t, k in zip(covered["note_share"], covered["tables"], status, strict=True)
    ]
    # One trace, so the bars keep codebook order (a multi-category axis orders categories trace by trace).
    fig = go.Figure(
        go.Bar(
            orientation="h",
            x=covered["note_share"],
            y=[
                [esc(p) for p in covered["pillar_label"]],
                [commitment_text(c, lab) for c, lab in zip(covered["commitment"], covered["label"], strict=True)],
            ],
            marker=dict(color=[colour[k] for k in status], pattern_shape=[pattern.get(k, "") for k in status]),
            text=text,
            textposition="outside",
            cliponaxis=False,
            customdata=list(zip(covered["notes"], covered["tables"], intervals(covered), strict=True)),
            hovertemplate="%{y}<br>%{customdata[0]} of "
            + f"{n} notes"
            + " (%{x:.1%})%{customdata[2]}<br>%{customdata[1]} of "
            + f"{_plural(tables, 'table')}<extra></extra>",
        )
    )
    top = float(covered["note_share"].max()) if len(covered) else 0.0
    scale = _scale(template)
    fig.add_vrect(x0=0, x1=threshold, fillcolor=PAIR["negative"], opacity=0.12, line_width=0, layer="below")
    fig.add_annotation(
        x=0,
        xref="x",
        xanchor="left",
        y=1,
        yref="paper",
        yanchor="bottom",
        showarrow=False,
        text=f"Shaded: blind spot, under {threshold_text(threshold)} of notes",
        font=dict(color=PAIR["negative"]),
    )
    fig.update_layout(
        bargap=0.25,
        showlegend=False,
        height=int(max(420, 70 * len(covered) + 200) * scale),
        margin=dict(t=int(130 * scale)),
    )
    fig.update_xaxes(
        title_text="Share of notes that address the commitment",
        tickformat=".0%",
        range=[0, max(top, threshold) * 1.35 + 0.01],
    )
    fig.update_yaxes(autorange="reversed", title_text=None)
    if spots:
        title = (
            f"{_plural(len(spots), 'commitment')} of the direction {'was' if len(spots) == 1 else 'were'} "
            f"barely touched (under {threshold_text(threshold)} of notes)"
        )
        if pillar_notes:
            title += f"; {_plural(pillar_notes, 'note')} address a pillar without naming a commitment"
    elif n:
        title = f"Every commitment of the direction reached {threshold_text(threshold)} of the notes"
    else:
        title = "How much of the discussion addressed each commitment?"
    n_text = (n_text or f"Share of {n:,} notes coded for the direction") + (
        f" (bar labels also count tables, of {tables:,} with notes)" if tables else ""
    )
    return titled(fig, title, n_text, template)


def who_spoke_chart(who: pd.DataFrame, by: str = "region", template: str = "harvest") -> go.Figure:
    """Heat map: commitments (rows) by group (columns); colour = share of that group's notes addressing the
    commitment, cell text = count of notes and that share; column labels carry each group's n."""
    groups = list(dict.fromkeys(who[by])) if len(who) else []
    commitments = who.drop_duplicates("commitment")[["commitment", "label"]] if len(who) else who
    wide = (
        who.pivot(index="commitment", columns=by, values="share").reindex(
            index=commitments["commitment"], columns=groups
        )
        if len(who)
        else None
    )
    counts = (
        who.pivot(index="commitment", columns=by, values="notes").reindex(
            index=commitments["commitment"], columns=groups
        )
        if len(who)
        else None
    )
    sizes = who.drop_duplicates(by).set_index(by)["group_notes"] if len(who) else pd.Series(dtype="int64")
    x = [f"{label(group_label(by, g), 9)}<br>({_plural(int(sizes[g]), 'note')})" for g in groups]
    y = [commitment_text(c, lab, 24) for c, lab in zip(commitments["commitment"], commitments["label"], strict=True)]
    fig = go.Figure()
    if wide is not None:
        text = [
            [f"{int(c)} · {s:.0%}" if c else "·" for c, s in zip(crow, srow, strict=True)]
            for crow, srow in zip(counts.to_numpy(), wide.to_numpy(), strict=True)
        ]
        fig.add_trace(
            go.Heatmap(
                z=wide.to_numpy(),
                x=x,
                y=y,
                text=text,
                texttemplate="%{text}",
                coloraxis="coloraxis",
                customdata=counts.to_numpy(),
                xgap=2,
                ygap=2,
                hovertemplate="%{x}<br>%{y}<br>%{customdata} notes = %{z:.0%} of the group's notes<extra></extra>",
            )
        )
    fig.update_layout(
        coloraxis=dict(
            colorscale=SEQUENTIAL,
            cmin=0,
            colorbar=dict(title=dict(text="Share of<br>the group's<br>notes"), tickformat=".0%", thickness=16),
        ),
        height=int(max(460, 62 * len(y) + 260) * _scale(template)),
        margin=dict(t=int(110 * _scale(template))),
    )
    fig.update_xaxes(title_text=f"Authors' {by.replace('_', ' ')}", tickangle=0, title_standoff=16)
    fig.update_yaxes(autorange="reversed", title_text=None)
    n = int(sizes.sum())
    dimension = "region" if by == "region" else by.replace("_", " ")
    return titled(
        fig,
        f"Which commitments did each {dimension} speak to?",
        f"Share of each group's notes (cell: notes · share); {n:,} notes in all",
        template,
    )


def equity_chart(picture: pd.DataFrame, template: str = "harvest", who: str = "participants") -> go.Figure:
    """Two panels sharing the region axis. Left: share of participants against share of the world's population.
    Right: share of notes against share of participants. A line joins a region's two dots, so its length is the gap,
    which is also written beside it in percentage points. Shares are of the participants and notes whose region is
    known (the subtitle says how many were left out)."""
    regions = picture[picture["region"] != NOT_KNOWN]
    labels = [region_label(r) for r in regions["region"]]
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.06,
        subplot_titles=("In the room, compared with the world", "In the notes, compared with the room"),
    )
    top = float(regions[["population_share", "people_share", "notes_share"]].max().max() or 0.0) if len(regions) else 0
    scale = _scale(template)
    heads = who.capitalize()
    panels = [
        (1, ("population_share", "World population", PAIR["reference"]), ("people_share", heads, PAIR["people"])),
        (2, ("people_share", heads, PAIR["people"]), ("notes_share", "Notes", PAIR["notes"])),
    ]
    for col, (a, a_name, a_colour), (b, b_name, b_colour) in panels:
        xs, ys = [], []
        for left, right, name in zip(regions[a], regions[b], labels, strict=True):
            xs += [left, right, None]
            ys += [name, name, None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line=dict(color=PAIR["reference"], width=3 * scale),
                hoverinfo="skip",
                showlegend=False,
            ),
            row=1,
            col=col,
        )
        for column, name, colour in ((a, a_name, a_colour), (b, b_name, b_colour)):
            fig.add_trace(
                go.Scatter(
                    x=regions[column],
                    y=labels,
                    mode="markers",
                    name=name,
                    legendgroup=name,
                    showlegend=not (col == 2 and name == heads),
                    marker=dict(color=colour, size=16 * scale),
                    hovertemplate=f"%{{y}}<br>{name}: %{{x:.1%}}<extra></extra>",
                ),
                row=1,
                col=col,
            )
        fig.add_trace(
            go.Scatter(
                x=regions[[a, b]].max(axis=1) + top * 0.07,
                y=labels,
                mode="text",
                showlegend=False,
                text=[points(g) for g in regions[b] - regions[a]],
                textposition="middle right",
                cliponaxis=False,
                hoverinfo="skip",
            ),
            row=1,
            col=col,
        )
    fig.update_xaxes(tickformat=".0%", range=[0, top * 1.6 + 0.02])  # room for the gap written beside the dots
    fig.update_xaxes(title_text="Share (room vs world)", row=1, col=1)
    fig.update_xaxes(title_text="Share (notes vs room)", row=1, col=2)
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=labels)
    fig.update_layout(
        height=int(max(440, 52 * len(labels) + 240) * scale),
        legend=dict(orientation="v", yanchor="top", y=1, x=1.02, xanchor="left"),
        margin=dict(t=int(150 * scale)),
    )
    first = picture.iloc[0] if len(picture) else None
    people, notes = (int(first["known_people"]), int(first["known_notes"])) if first is not None else (0, 0)
    left_out = [
        f"{int(first[column]) - n:,} {what} with no known region left out"
        for what, column, n in ((who, "all_people", people), ("notes", "all_notes", notes))
        if first is not None and int(first[column]) > n
    ]
    n_text = f"Shares of {people:,} {who} and {notes:,} notes, and of world population (UN, 2017)" + (
        f"; {', '.join(left_out)}" if left_out else ""
    )
    fig = titled(fig, "Whose presence and whose voice fell short?", n_text, template)
    fig.update_annotations(font_size=int(15 * scale))  # the panel titles, which Plotly sets at 16px in any template
    return fig
