"""Roles and resources charts: what participants need and whom they see as responsible, with the notes that name a
need without its code drawn apart (grey, hatched) and never added to the coded bars."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.messages import msg
from analysis.vocabulary import pct

from .style import UNKNOWN_COLOUR, titled
from .text import esc, intervals, label
from .themes import KIND_COLOURS, _bar_height, heatmap

__all__ = ["heatmap", "needs_bar"]  # and NAMED_NOT_CODED, in the language in force (__getattr__)


def __getattr__(name: str) -> str:
    """``NAMED_NOT_CODED``: the grey bars' name in the legend, in the language in force."""
    if name == "NAMED_NOT_CODED":
        return msg("harvest-roles-named-not-coded")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def needs_bar(
    freq: pd.DataFrame, *, title: str, n_text: str, named: pd.DataFrame | None = None, template: str = "harvest"
) -> go.Figure:
    """One bar per code (table order, top first): coded notes, with count and share of coded notes.

    With ``named`` (code, named_not_coded), a second, grey hatched bar per code counts the notes with no code of
    this kind whose text names it; it sits beside the coded bar, never stacked on it.
    """
    labels = [label(text, 28) for text in freq["label"]]
    kind = str(freq["kind"].iloc[0]) if len(freq) else "need"
    custom = np.column_stack(
        [
            freq["code"],
            [esc(v) for v in freq["label"]],
            [label(d, 60) for d in freq["description"].fillna("")],
            intervals(freq),
        ]
    )
    fig = go.Figure(
        go.Bar(
            name=msg("harvest-roles-coded"),
            y=labels,
            x=freq["notes"],
            orientation="h",
            marker_color=KIND_COLOURS.get(kind, UNKNOWN_COLOUR),
            text=[f"{n} · {pct(s)}" for n, s in zip(freq["notes"], freq["share"], strict=True)],
            textposition="outside",
            cliponaxis=False,
            customdata=custom if len(freq) else None,
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}<br>"
            + msg("harvest-roles-hover-coded", "%{x}")
            + "%{customdata[3]}<extra></extra>",
        )
    )
    top = int(freq["notes"].max()) if len(freq) else 1
    if named is not None and len(freq):
        counts = freq["code"].map(named.set_index("code")["named_not_coded"]).fillna(0).astype(int)
        top = max(top, int(counts.max()))
        fig.add_trace(
            go.Bar(
                name=msg("harvest-roles-named-not-coded"),
                y=labels,
                x=counts,
                orientation="h",
                marker=dict(color=UNKNOWN_COLOUR, pattern=dict(shape="/")),
                text=[f"{c}" for c in counts],
                textposition="outside",
                cliponaxis=False,
                customdata=custom,
                hovertemplate="<b>%{customdata[1]}</b><br>"
                + msg("harvest-roles-hover-named", "%{x}")
                + "<extra></extra>",
            )
        )
    fig.update_yaxes(title_text=None, autorange="reversed", categoryorder="array", categoryarray=labels)
    fig.update_xaxes(title_text=msg("harvest-themes-axis-notes"), range=[0, max(top, 1) * 1.25])
    rows = len(freq) * (2 if named is not None else 1)
    fig.update_layout(
        height=_bar_height(max(len(freq), int(rows * 0.7))),
        barmode="group",
        bargap=0.25,
        showlegend=named is not None,
        legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0),
    )
    return titled(fig, title, n_text, template)
