"""Figures for the Compare page: each code's share event by event, with 95% intervals and the codes whose difference
is beyond chance marked; and the same shares across the events in time order."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.messages import msg
from analysis.vocabulary import pct

from .style import PALETTE, scale, titled
from .text import esc, label

#: The mark on a code whose share differs between the events beyond chance (the sentence names them too).
DIFFERS = "◆ "


def _labels(table: pd.DataFrame, names) -> dict[str, str]:
    marked = set(table.loc[table["differs"], "code"])
    return {c: (DIFFERS if c in marked else "") + label(names(c), 30) for c in dict.fromkeys(table["code"])}


def side_by_side(table: pd.DataFrame, names, *, title: str, n_text: str, template: str = "harvest") -> go.Figure:
    """One group of bars per code (one bar per event, its 95% interval as a whisker); ◆ marks a code whose share
    differs between the events beyond chance."""
    labels = _labels(table, names)
    events = list(dict.fromkeys(table["event"]))
    fig = go.Figure()
    for i, event in enumerate(events):
        part = table[table["event"] == event]
        share = part["share"].fillna(0)
        fig.add_trace(
            go.Bar(
                name=esc(event),
                y=[labels[c] for c in part["code"]],
                x=share,
                orientation="h",
                marker_color=PALETTE[i % len(PALETTE)],
                error_x=dict(
                    type="data",
                    symmetric=False,
                    array=(part["ci_high"] - share).fillna(0),
                    arrayminus=(share - part["ci_low"]).fillna(0),
                    thickness=1.2,
                ),
                customdata=[
                    msg("harvest-compare-hover-share", pct(s), int(n), int(t))
                    for s, n, t in zip(share, part["notes"], part["coded_notes"], strict=True)
                ],
                hovertemplate=f"{esc(event)}<br>%{{y}}: %{{customdata}}<extra></extra>",
            )
        )
    fig.update_yaxes(autorange="reversed", title_text=None)
    top = float(table["ci_high"].max()) if table["ci_high"].notna().any() else 1.0
    fig.update_xaxes(title_text=msg("harvest-compare-axis-share"), tickformat=".0%", range=[0, min(1.0, top * 1.1)])
    rows = len(labels) * max(len(events), 1)
    fig.update_layout(
        barmode="group",
        height=int((160 + 24 * rows) * scale(template)),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
    )
    return titled(fig, title, n_text, template)


def over_time(table: pd.DataFrame, names, *, title: str, n_text: str, template: str = "harvest") -> go.Figure:
    """Each code's share across the events in their order (time order when recorded): one line per code."""
    labels = _labels(table, names)
    events = list(dict.fromkeys(table["event"]))
    fig = go.Figure()
    for i, code in enumerate(labels):
        part = table[table["code"] == code].set_index("event").reindex(events)
        fig.add_trace(
            go.Scatter(
                x=[esc(e) for e in events],
                y=part["share"],
                mode="lines+markers",
                name=labels[code].replace("<br>", " "),
                line=dict(color=PALETTE[i % len(PALETTE)], width=3),
                hovertemplate="%{x}: %{y:.0%}<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_xaxes(title_text=msg("harvest-compare-axis-event"), type="category")
    fig.update_yaxes(title_text=msg("harvest-compare-axis-share"), tickformat=".0%", rangemode="tozero")
    fig.update_layout(
        height=int(440 * scale(template)),
        legend=dict(orientation="h", yanchor="top", y=-0.25, xanchor="left", x=0),
    )
    return titled(fig, title, n_text, template)
