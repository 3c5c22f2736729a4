"""Theme charts: frequency bars, heat maps with counts and shares, co-occurrence. Colours come from charts.style."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.messages import msg
from analysis.vocabulary import FLAG, pct

from .style import PAIR, PALETTE, UNKNOWN_COLOUR, titled
from .text import esc, intervals, label

#: One colour per kind of code; codes not in the codebook are grey and hatched (flagged without relying on colour).
KIND_COLOURS = {"theme": PAIR["notes"], "need": PALETTE[2], "responsible": PALETTE[3]}
MAX_UPRIGHT_COLUMNS = 6


def bar_label(row: pd.Series, width: int = 28) -> str:
    """A code's axis label (escaped, wrapped): its codebook label, or its raw code flagged when the codebook does not
    know it."""
    if row.get("in_codebook", True):
        return label(row["label"], width)
    return label(f"{FLAG}{msg('harvest-themes-not-in-codebook', row['code'])}", width)


def display_labels(freq: pd.DataFrame) -> dict[str, str]:
    """code -> what charts call it: the codebook label, or the raw code flagged when the codebook does not know it."""
    return {
        code: label if known else f"{FLAG}{msg('harvest-themes-not-in-codebook', code)}"
        for code, label, known in zip(freq["code"], freq["label"], freq["in_codebook"], strict=True)
    }


def _bar_height(rows: int) -> int:
    return int(170 + 58 * max(rows, 1))


def frequency_bar(
    freq: pd.DataFrame, *, title: str, n_text: str, template: str = "harvest", what: str = "notes"
) -> go.Figure:
    """Horizontal bars, one per code in the table's order (top first): notes carrying it, with count and share.

    Hover shows the codebook label and description; each bar carries its code in customdata (for click-to-drill).
    """
    labels = [bar_label(row) for _, row in freq.iterrows()]
    colours = [
        KIND_COLOURS.get(k, UNKNOWN_COLOUR) if known else UNKNOWN_COLOUR
        for k, known in zip(freq["kind"], freq["in_codebook"], strict=True)
    ]
    patterns = ["" if known else "/" for known in freq["in_codebook"]]
    descriptions = [label(d, 60) for d in freq["description"].fillna("")]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=freq["notes"],
            orientation="h",
            marker=dict(color=colours, pattern=dict(shape=patterns)),
            text=[f"{n} · {pct(s)}" for n, s in zip(freq["notes"], freq["share"], strict=True)],
            textposition="outside",
            cliponaxis=False,
            customdata=np.column_stack([freq["code"], [esc(v) for v in freq["label"]], descriptions, intervals(freq)])
            if len(freq)
            else None,
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}<br>"
            + msg("harvest-themes-hover-notes", "%{x}")
            + "%{customdata[3]}<extra></extra>",
        )
    )
    fig.update_yaxes(title_text=None, autorange="reversed", categoryorder="array", categoryarray=labels)
    fig.update_xaxes(
        title_text=msg("harvest-themes-axis-notes") if what == "notes" else msg("harvest-themes-axis-number", what),
        rangemode="tozero",
        range=[0, max(1, int(freq["notes"].max() if len(freq) else 1)) * 1.25],
    )
    fig.update_layout(height=_bar_height(len(freq)), showlegend=False, bargap=0.3)
    return titled(fig, title, n_text, template)


def heatmap(
    table: pd.DataFrame,
    *,
    title: str,
    n_text: str,
    x_title: str,
    y_title: str | None = None,
    labels: dict[str, str] | None = None,
    template: str = "harvest",
    rows: str = "code",
    columns: str = "group",
    value: str = "share",
    count: str = "notes",
    denominator: str | None = None,
    min_denominator: int = 0,
) -> go.Figure:
    """A grid of shares (colour: the template's sequential scale) with the count and the share written in each cell.

    ``table`` is tidy (one row per cell); ``rows`` and ``columns`` name its columns for the two axes (codes on one
    and groups on the other, or codes on both), shown through ``labels`` (e.g. code -> codebook label; values not in
    it are shown as they are). Rows and columns keep the order they first appear in. A cell whose share is NaN is
    left uncoloured and shows its count only. With ``denominator``, cells whose denominator is under
    ``min_denominator`` keep their numbers but are left uncoloured (the subtitle says so), so that "1 of 1 = 100%"
    in a tiny group does not set the colour scale.
    """
    labels = labels or {}
    y_title = msg("harvest-themes-axis-theme") if y_title is None else y_title
    row_order = list(dict.fromkeys(table[rows]))
    col_order = list(dict.fromkeys(table[columns]))

    def grid(column: str | pd.Series) -> pd.DataFrame:
        frame = table.assign(_v=table[column] if isinstance(column, str) else column)
        return frame.pivot(index=rows, columns=columns, values="_v").reindex(index=row_order, columns=col_order)

    shares, counts = grid(value), grid(count)
    colour = table[value]
    if denominator is not None and (table[denominator] < min_denominator).any():
        colour = colour.where(table[denominator] >= min_denominator)
        n_text += msg("harvest-themes-not-coloured", str(min_denominator))
    values = grid(colour).to_numpy(dtype=float)
    text = [
        [f"{int(c)}<br>{pct(s)}" if pd.notna(s) else f"{int(c)}" for c, s in zip(n_row, s_row, strict=True)]
        for n_row, s_row in zip(counts.to_numpy(), shares.to_numpy(), strict=True)
    ]
    y = [label(labels.get(r, r), 24) for r in row_order]
    # Up to six columns, labels wrap and read horizontally; more would collide, so they slant.
    slant = len(col_order) > MAX_UPRIGHT_COLUMNS
    x = [label(labels.get(c, c), None if slant else 10) for c in col_order]
    below = 5 * max(map(len, x)) if slant else 22 * max(c.count("<br>") for c in x)
    fig = go.Figure(
        go.Heatmap(
            z=values,
            x=x,
            y=y,
            text=text,
            texttemplate="%{text}",
            coloraxis="coloraxis",
            xgap=2,
            ygap=2,
            hovertemplate="%{y}<br>%{x}<br>%{text}<extra></extra>",
        )
    )
    top = float(np.nanmax(values)) if np.isfinite(values).any() else 0.0
    # No colour bar: every cell states its share, and the bar would take the width the columns need.
    fig.update_layout(
        coloraxis=dict(cmin=0, cmax=max(top, 0.01), showscale=False),
        height=int(240 + 56 * max(len(row_order), 1) + below),
    )
    fig.update_xaxes(
        title_text=x_title, title_standoff=16, side="bottom", tickangle=-45 if slant else 0, showgrid=False
    )
    fig.update_yaxes(title_text=y_title, autorange="reversed", showgrid=False)
    return titled(fig, title, n_text, template)


def co_occurrence_heatmap(
    pairs: pd.DataFrame, *, labels: dict[str, str], title: str, n_text: str, template: str = "harvest"
) -> go.Figure:
    """Of the notes raising the row's theme, the share that also raised the column's; the diagonal (a theme with
    itself) shows how many notes raise the row's theme, uncoloured."""
    shown = pairs.assign(share_of_a=pairs["share_of_a"].where(pairs["code_a"] != pairs["code_b"]))
    return heatmap(
        shown,
        labels=labels,
        title=title,
        n_text=n_text,
        rows="code_a",
        columns="code_b",
        value="share_of_a",
        x_title=msg("harvest-themes-also-raised"),
        y_title=msg("harvest-themes-of-the-notes-raising"),
        template=template,
    )
