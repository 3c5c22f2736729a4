"""Figures for the Equity gaps page: coverage of the direction, who spoke to what, presence and voice by region.

Labels that come from the data (codes not in the codebook, community types) are HTML-escaped: Plotly renders a few
tags in text, and note data is never markup.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.gaps import DEFAULT_BLIND_SPOT, blind_spots, not_in_codebook, threshold_text
from analysis.messages import current, msg
from analysis.vocabulary import FLAG, NOT_KNOWN, group_label, pct, points
from loaders.codebook import PILLARS

from .style import PAIR, SEQUENTIAL, UNKNOWN_COLOUR, beside, margins, ranged, region_label, titled
from .style import scale as _scale
from .text import esc, intervals, label


def commitment_text(commitment: str, text: str, width: int = 32) -> str:
    """ "KE5 Break down barriers to …" wrapped for an axis; a pillar's own notes by their label ("Knowledge equity,
    commitment not specified"); codes not in the codebook are flagged as on the Themes page: "⚠ XX9 (not in
    codebook)"."""
    if text == not_in_codebook():  # the table's label, made in the language in force as this chart is
        return FLAG + msg("harvest-equity-not-in-codebook", esc(commitment))
    if commitment in PILLARS:
        return label(text, width)
    return label(f"{commitment} {text}", width)


def _plain(n: int) -> object:
    """A count as the English charts always wrote it (1234, no separator); in other languages, the language's way."""
    return str(int(n)) if current() == "en" else int(n)


def _kind(who: str) -> str:
    """What the people are called, as a message key's ending: "participants", or "authors" (no participants file)."""
    return "authors" if who == "authors" else "participants"


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
        (pct(s) if s else msg("harvest-equity-bar-no-notes"))
        + (" · " + msg("harvest-equity-bar-tables", _plain(t), _plain(tables)) if tables else "")
        + (" · " + msg("harvest-equity-bar-blind-spot") if k == "blind" else "")
        + (" · " + msg("harvest-equity-bar-no-commitment") if k == "pillar" else "")
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
            hovertemplate="%{y}<br>"
            + msg("harvest-equity-hover-notes", "%{customdata[0]}", _plain(n), "%{x:.1%}")
            + "%{customdata[2]}<br>"
            + msg("harvest-equity-bar-tables", "%{customdata[1]}", _plain(tables))
            + "<extra></extra>",
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
        text=label(msg("harvest-equity-shaded", threshold_text(threshold)), 36),  # wraps in longer languages
        font=dict(color=PAIR["negative"]),
    )
    fig.update_layout(
        bargap=0.25,
        showlegend=False,
        height=int(max(420, 70 * len(covered) + 200) * scale),
        margin=margins(t=int(130 * scale)),
    )
    fig.update_xaxes(
        title_text=msg("harvest-equity-axis-coverage"),
        tickformat=".0%",
        range=[0, max(top, threshold) * 1.35 + 0.01],
    )
    fig.update_yaxes(autorange="reversed", title_text=None)
    if spots:
        title = msg("harvest-equity-title-blind-spots", _plain(len(spots)), threshold_text(threshold))
        if pillar_notes:
            title += msg("harvest-equity-title-pillar-notes", _plain(pillar_notes))
    elif n:
        title = msg("harvest-equity-title-all-reached", threshold_text(threshold))
    else:
        title = msg("harvest-equity-title-coverage")
    n_text = (n_text or msg("harvest-equity-n-coverage", n)) + (
        msg("harvest-equity-n-coverage-tables", tables) if tables else ""
    )
    return ranged(titled(fig, title, n_text, template))


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
    x = [f"{label(group_label(by, g), 9)}<br>({msg('harvest-equity-notes-count', _plain(sizes[g]))})" for g in groups]
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
                hovertemplate="%{x}<br>%{y}<br>"
                + msg("harvest-equity-hover-cell", "%{customdata}", "%{z:.0%}")
                + "<extra></extra>",
            )
        )
    fig.update_layout(
        coloraxis=dict(
            colorscale=SEQUENTIAL,
            cmin=0,
            colorbar=dict(title=dict(text=label(msg("harvest-equity-colorbar"), 11)), tickformat=".0%", thickness=16),
        ),
        height=int(max(460, 62 * len(y) + 260) * _scale(template)),
        margin=dict(t=int(110 * _scale(template))),
    )
    group = by.replace("_", "-")  # region, community-type
    fig.update_xaxes(title_text=msg(f"harvest-equity-axis-authors-{group}"), tickangle=0, title_standoff=16)
    fig.update_yaxes(autorange="reversed", title_text=None)
    n = int(sizes.sum())
    return titled(fig, msg(f"harvest-equity-title-who-{group}"), msg("harvest-equity-n-who", n), template)


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
        subplot_titles=(msg("harvest-equity-panel-room"), msg("harvest-equity-panel-notes")),
    )
    top = float(regions[["population_share", "people_share", "notes_share"]].max().max() or 0.0) if len(regions) else 0
    scale = _scale(template)
    kind = _kind(who)
    heads, world, notes_name = (msg(f"harvest-equity-legend-{k}") for k in (kind, "world", "notes"))
    panels = [
        (1, ("population_share", world, PAIR["reference"]), ("people_share", heads, PAIR["people"])),
        (2, ("people_share", heads, PAIR["people"]), ("notes_share", notes_name, PAIR["notes"])),
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
                textposition=beside(),
                cliponaxis=False,
                hoverinfo="skip",
            ),
            row=1,
            col=col,
        )
    fig.update_xaxes(tickformat=".0%", range=[0, top * 1.6 + 0.02])  # room for the gap written beside the dots
    fig.update_xaxes(title_text=msg("harvest-equity-axis-room"), row=1, col=1)
    fig.update_xaxes(title_text=msg("harvest-equity-axis-notes"), row=1, col=2)
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=labels)
    fig.update_layout(
        height=int(max(440, 52 * len(labels) + 240) * scale),
        legend=dict(orientation="v", yanchor="top", y=1, x=1.02, xanchor="left"),
        margin=dict(t=int(150 * scale)),
    )
    first = picture.iloc[0] if len(picture) else None
    people, notes = (int(first["known_people"]), int(first["known_notes"])) if first is not None else (0, 0)
    left_out = [
        msg(f"harvest-equity-left-out-{what}", int(first[column]) - n)
        for what, column, n in ((kind, "all_people", people), ("notes", "all_notes", notes))
        if first is not None and int(first[column]) > n
    ]
    n_text = msg(f"harvest-equity-n-picture-{kind}", people, notes) + (
        msg("harvest-equity-n-picture-left-out", ", ".join(left_out)) if left_out else ""
    )
    fig = ranged(titled(fig, msg("harvest-equity-title-picture"), n_text, template))
    fig.update_annotations(font_size=int(15 * scale))  # the panel titles, which Plotly sets at 16px in any template
    return fig
