"""Figures for the Café page: how mixed the tables were per round, first meetings across regions, how ideas arrived
at tables, one idea's path from table to table, the balance of voices, and convergence over the rounds.

Each builder takes a table from analysis/cafe.py; tables and codes from the data are escaped (charts.text)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.cafe import MIN_MEMBERS, MIN_NOTES, ROUTES, arrivals_described
from analysis.messages import msg, number

from .style import PAIR, PALETTE, UNKNOWN_COLOUR, scale, titled
from .text import esc

#: One colour per way an idea arrived (new, carried, heard, stayed, elsewhere), the same on every chart.
ARRIVAL_COLOURS = dict(zip(ROUTES, [PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[4], UNKNOWN_COLOUR], strict=True))


def arrival_words() -> dict[str, str]:
    """Each route's name in a legend ("New", "Carried"…), in the language in force."""
    return {key: msg(f"harvest-cafe-legend-{key}") for key in ROUTES}


#: Legends sit below the round axis, clear of its title.
BELOW = dict(orientation="h", yanchor="top", y=-0.3, xanchor="left", x=0)


def _round_axis(fig: go.Figure, rounds) -> None:
    ticks = sorted({int(r) for r in rounds})
    fig.update_xaxes(
        title_text=msg("harvest-cafe-axis-round"), tickmode="array", tickvals=ticks, ticktext=[str(r) for r in ticks]
    )


def mixing(table: pd.DataFrame, *, words: str, title: str, n_text: str, template: str = "harvest") -> go.Figure:
    """Each table's mixing ratio (1: as mixed as the room allowed) per round, as a box with every table a point."""
    rows = table.dropna(subset=["ratio"])
    fig = go.Figure(
        go.Box(
            x=rows["round"],
            y=rows["ratio"],
            boxpoints="all",
            jitter=0.35,
            pointpos=0,
            marker_color=PAIR["people"],
            line_color=PAIR["people"],
            name=esc(words),
            customdata=[
                [esc(t), msg("harvest-cafe-hover-known", int(k))]
                for t, k in zip(rows["table"], rows["known"], strict=True)
            ],
            hovertemplate=msg("harvest-cafe-hover-mixing", "%{x}", "%{customdata[0]}", "%{y:.2f}", "%{customdata[1]}")
            + "<extra></extra>",
        )
    )
    _round_axis(fig, rows["round"])
    fig.update_yaxes(title_text=msg("harvest-cafe-axis-mixing"), range=[-0.05, 1.08])
    fig.update_layout(height=int(420 * scale(template)), showlegend=False)
    return titled(fig, title, n_text, template)


def meetings(met: pd.DataFrame, *, title: str, n_text: str, template: str = "harvest") -> go.Figure:
    """New pairs from different regions sitting together per round, and how many people had met across regions."""
    fig = go.Figure(
        [
            go.Bar(
                x=met["round"],
                y=met["new_pairs"],
                name=msg("harvest-cafe-legend-pairs"),
                marker_color=PAIR["notes"],
                text=[number(int(n)) for n in met["new_pairs"]],
                textposition="outside",
                cliponaxis=False,
            ),
            go.Scatter(
                x=met["round"],
                y=met["people_crossed"],
                name=msg("harvest-cafe-legend-crossed"),
                mode="lines+markers",
                marker_color=PAIR["people"],
                yaxis="y2",
            ),
        ]
    )
    _round_axis(fig, met["round"])
    people = int(met["people"].max()) if len(met) else 0
    fig.update_layout(
        height=int(420 * scale(template)),
        yaxis=dict(title_text=msg("harvest-cafe-axis-new-pairs")),
        yaxis2=dict(
            title_text=msg("harvest-cafe-axis-people"),
            overlaying="y",
            side="right",
            range=[0, max(people, 1) * 1.05],
            tickformat=",d",
        ),
        legend=BELOW,
    )
    return titled(fig, title, n_text, template)


def arrivals(shares: pd.DataFrame, *, title: str, n_text: str, template: str = "harvest") -> go.Figure:
    """Per round, the share of its ideas (a code raised at a table) that arrived each way, stacked to 100%."""
    fig = go.Figure()
    described = arrivals_described()
    for key, words in arrival_words().items():
        part = shares[shares["arrival"] == key]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=part["round"],
                y=part["share"],
                name=words,
                marker_color=ARRIVAL_COLOURS[key],
                customdata=[msg("harvest-cafe-hover-ideas", int(n)) for n in part["ideas"]],
                hovertemplate=f"{esc(described[key])}<br>"
                + msg("harvest-cafe-hover-arrivals", "%{x}", "%{customdata}", "%{y:.0%}")
                + "<extra></extra>",
            )
        )
    _round_axis(fig, shares["round"])
    fig.update_yaxes(title_text=msg("harvest-cafe-axis-share-ideas"), tickformat=".0%", range=[0, 1])
    fig.update_layout(
        barmode="stack",
        height=int(440 * scale(template)),
        legend=BELOW,
    )
    return titled(fig, title, n_text, template)


def path(spots: pd.DataFrame, *, title: str, n_text: str, template: str = "harvest") -> go.Figure:
    """One idea from table to table: each (round, table) where it was raised, coloured by how it arrived, with a
    line from the table it came from."""
    tables = sorted({str(t) for t in spots["table"]} | {str(t) for t in spots["from_table"].dropna()})
    fig = go.Figure()
    for kind in ("carried", "heard"):  # one line trace per kind, segments split by gaps: thousands of paths stay fast
        moved = spots[(spots["arrival"] == kind) & spots["from_table"].notna()]
        if moved.empty:
            continue
        xs, ys = [], []
        for rnd, came, went in zip(moved["round"], moved["from_table"], moved["table"], strict=True):
            xs += [int(rnd) - 1, int(rnd), None]
            ys += [esc(came), esc(went), None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line=dict(color=ARRIVAL_COLOURS[kind], width=3),
                showlegend=False,
                hoverinfo="skip",
                connectgaps=False,
            )
        )
    described = arrivals_described()
    for key, words in arrival_words().items():
        part = spots[spots["arrival"] == key]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["round"],
                y=[esc(t) for t in part["table"]],
                mode="markers",
                name=words,
                marker=dict(size=int(16 * scale(template)), color=ARRIVAL_COLOURS[key], line=dict(width=1)),
                hovertemplate=msg("harvest-cafe-hover-path", "%{x}", "%{y}", esc(described[key])) + "<extra></extra>",
            )
        )
    _round_axis(fig, list(spots["round"]) + [int(spots["round"].min()) - 1] if len(spots) else [])
    fig.update_yaxes(
        title_text=msg("harvest-cafe-axis-table"),
        categoryorder="array",
        categoryarray=[esc(t) for t in tables],
        type="category",
    )
    fig.update_layout(
        height=int(max(360, 120 + 26 * len(tables)) * scale(template)),
        legend=BELOW,
    )
    return titled(fig, title, n_text, template)


def balance(table: pd.DataFrame, *, title: str, n_text: str, template: str = "harvest") -> go.Figure:
    """Per round, counts of tables: one voice wrote half or more of the notes; no one did; too few members or notes
    to judge (analysis.cafe: MIN_MEMBERS, MIN_NOTES)."""
    judged = (table["notes"] >= MIN_NOTES) & (table["members"] >= MIN_MEMBERS)
    kinds = pd.Series(np.where(~judged, "unjudged", np.where(table["dominated"], "dominated", "even")))
    counted = pd.crosstab(table["round"].to_numpy(), kinds.to_numpy())
    words = {
        "even": (msg("harvest-cafe-legend-even"), PAIR["people"]),
        "dominated": (msg("harvest-cafe-legend-dominated"), PAIR["negative"]),
        "unjudged": (msg("harvest-cafe-legend-unjudged", MIN_MEMBERS, MIN_NOTES), UNKNOWN_COLOUR),
    }
    fig = go.Figure(
        [
            go.Bar(x=counted.index, y=counted[kind], name=name, marker_color=colour)
            for kind, (name, colour) in words.items()
            if kind in counted
        ]
    )
    _round_axis(fig, counted.index)
    fig.update_yaxes(title_text=msg("harvest-cafe-axis-tables"))
    fig.update_layout(barmode="stack", height=int(400 * scale(template)), legend=BELOW)
    return titled(fig, title, n_text, template)


def convergence(rounds: pd.DataFrame, *, title: str, n_text: str, template: str = "harvest") -> go.Figure:
    """Per round: codes raised, of them new to the session."""
    fig = go.Figure(
        [
            go.Bar(
                x=rounds["round"],
                y=rounds["codes"] - rounds["new_codes"],
                name=msg("harvest-cafe-legend-earlier"),
                marker_color=PAIR["people"],
            ),
            go.Bar(
                x=rounds["round"],
                y=rounds["new_codes"],
                name=msg("harvest-cafe-legend-new-to-session"),
                marker_color=PAIR["notes"],
            ),
        ]
    )
    _round_axis(fig, rounds["round"])
    fig.update_yaxes(title_text=msg("harvest-cafe-axis-codes"))
    fig.update_layout(
        barmode="stack",
        height=int(400 * scale(template)),
        legend=BELOW,
    )
    return titled(fig, title, n_text, template)
