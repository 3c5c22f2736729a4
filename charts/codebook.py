"""Codebook charts: notes per code from facilitators and from the auto-coder, how well the auto-coder reproduces the
facilitators, and the words of the notes the codebook misses. Colours come from charts.style.

Labels may come from a codebook a team uploaded, so they are HTML-escaped before Plotly sees them (Plotly reads a
few HTML tags in text, links among them).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.messages import msg
from analysis.vocabulary import pct

from .style import PALETTE, titled
from .style import scale as _scale
from .text import esc, label

#: Facilitator codes and auto codes, everywhere they are counted: two colours and, for auto, a hatch, so the
#: difference does not rest on colour alone.
SOURCE_COLOURS = {"facilitators": PALETTE[0], "auto": PALETTE[1]}
SOURCE_PATTERNS = {"facilitators": "", "auto": "/"}
MEASURE_COLOURS = {"precision": PALETTE[2], "recall": PALETTE[5]}
MEASURE_SYMBOLS = {"precision": "circle", "recall": "diamond"}
WORD_COLOUR = PALETTE[4]
#: A legend of its own line, between the subtitle and the plot.
LEGEND = dict(orientation="h", yanchor="bottom", y=1.005, x=0, title_text="", traceorder="normal")
TOP_MARGIN = 135


def _height(rows: int, per_row: int = 46, template: str = "harvest") -> int:
    return int((190 + per_row * max(rows, 1)) * _scale(template))


def counts_by_source(counts: pd.DataFrame, *, title: str, n_text: str, template: str = "harvest") -> go.Figure:
    """Stacked horizontal bars, one per code in the table's order (top first): notes the facilitators gave it, and
    notes without facilitator codes the auto-coder gave it (hatched). ``counts`` is analysis.autocode
    counts_by_source (code, label, facilitators, auto, total)."""
    labels = [label(text, 30) for text in counts["label"]]
    fig = go.Figure()
    for source in ("facilitators", "auto"):
        fig.add_trace(
            go.Bar(
                y=labels,
                x=counts[source],
                orientation="h",
                name=msg(f"harvest-codebook-source-{source}"),
                marker=dict(color=SOURCE_COLOURS[source], pattern=dict(shape=SOURCE_PATTERNS[source])),
                customdata=np.column_stack([counts["code"], counts["total"]]) if len(counts) else None,
                hovertemplate="%{y}<br>"
                + msg(
                    "harvest-codebook-hover-source",
                    msg(f"harvest-codebook-source-{source}"),
                    "%{x}",
                    "%{customdata[1]}",
                )
                + "<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(  # the total at the end of each bar, as text
            y=labels,
            x=counts["total"],
            mode="text",
            text=[str(t) for t in counts["total"]],
            textposition="middle right",
            showlegend=False,
            hoverinfo="skip",
            cliponaxis=False,
        )
    )
    top = int(counts["total"].max()) if len(counts) else 1
    fig.update_layout(
        barmode="stack",
        height=_height(len(counts), template=template) + 45,
        bargap=0.3,
        legend=LEGEND,
        margin=dict(t=int(TOP_MARGIN * _scale(template))),
    )
    fig.update_yaxes(title_text=None, autorange="reversed", categoryorder="array", categoryarray=labels)
    fig.update_xaxes(title_text=msg("harvest-themes-axis-notes"), rangemode="tozero", range=[0, max(top, 1) * 1.15])
    return titled(fig, title, n_text, template)


def evaluation(table: pd.DataFrame, *, title: str, n_text: str, template: str = "harvest") -> go.Figure:
    """Precision and recall per code, as dots on a 0-100% axis (codes the facilitators never gave are left out).

    ``table`` is analysis.autocode evaluate: label, facilitators, auto, both, precision, recall.
    """
    shown = table[table["facilitators"] > 0]
    labels = [label(text, 30) for text in shown["label"]]
    fig = go.Figure()
    for measure in ("precision", "recall"):
        name = msg(f"harvest-codebook-legend-{measure}")
        values = shown[measure].to_numpy(dtype=float)
        fig.add_trace(
            go.Scatter(
                y=labels,
                x=values * 100,
                mode="markers",
                name=name,
                marker=dict(color=MEASURE_COLOURS[measure], symbol=MEASURE_SYMBOLS[measure], size=13),
                customdata=np.column_stack([shown["both"], shown["auto"], shown["facilitators"]])
                if len(shown)
                else None,
                text=["–" if np.isnan(v) else pct(v) for v in values],
                hovertemplate="%{y}<br>"
                + msg(
                    f"harvest-codebook-hover-{measure}",
                    "%{text}",
                    "%{customdata[0]}",
                    "%{customdata[1]}",
                    "%{customdata[2]}",
                )
                + "<extra></extra>",
            )
        )
    fig.update_layout(
        height=_height(len(shown), 40, template) + 45, legend=LEGEND, margin=dict(t=int(TOP_MARGIN * _scale(template)))
    )
    fig.update_yaxes(title_text=None, autorange="reversed", categoryorder="array", categoryarray=labels)
    fig.update_xaxes(title_text=msg("harvest-codebook-per-cent"), range=[-3, 103], ticksuffix="%")
    return titled(fig, title, n_text, template)


def frequent_words(words: pd.DataFrame, *, title: str, n_text: str, template: str = "harvest") -> go.Figure:
    """Horizontal bars, one per word (most notes first): notes containing it. ``words`` is analysis.autocode
    frequent_words (word, notes, share, languages)."""
    labels = [label(w, 24) for w in words["word"]]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=words["notes"],
            orientation="h",
            marker=dict(color=WORD_COLOUR),
            text=[f"{n} · {pct(s)}" for n, s in zip(words["notes"], words["share"], strict=True)],
            textposition="outside",
            cliponaxis=False,
            customdata=[esc(x) for x in words["languages"]],
            hovertemplate=msg("harvest-codebook-hover-word", "%{y}", "%{x}", "%{customdata}") + "<extra></extra>",
        )
    )
    top = int(words["notes"].max()) if len(words) else 1
    fig.update_yaxes(title_text=None, autorange="reversed", categoryorder="array", categoryarray=labels)
    fig.update_xaxes(
        title_text=msg("harvest-codebook-axis-word"),
        rangemode="tozero",
        range=[0, top * 1.3],
        dtick=max(1, int(np.ceil(top / 6))),
    )
    fig.update_layout(height=_height(len(words), 30, template), showlegend=False, bargap=0.25)
    return titled(fig, title, n_text, template)
