"""The one theme: colour-blind-safe colours, a fixed colour per region, type readable when projected.

Figure builders never hard-code a colour: they ask this module.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from analysis.messages import right_to_left
from analysis.vocabulary import region_label  # noqa: F401 - charts name regions as everywhere
from loaders.regions import REGION_IDS

from .text import esc, sanitised

# Okabe & Ito (2008), the standard colour-blind-safe qualitative palette, with its black replaced by a wine red
# (Tol) so that every colour reads on both the light and the dark projection background.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#882255"]
REGION_COLOURS: dict[str, str] = dict(zip(REGION_IDS, PALETTE, strict=True))
UNKNOWN_COLOUR = "#9E9E9E"
#: Two-series comparisons (people vs notes; participants vs world population) use these everywhere.
PAIR = {"people": "#0072B2", "notes": "#E69F00", "reference": "#9E9E9E", "positive": "#009E73", "negative": "#D55E00"}
SEQUENTIAL = "Cividis"  # perceptually uniform, colour-blind safe, readable light or dark

FONT = "Source Sans Pro, Segoe UI, Helvetica Neue, Arial, sans-serif"
LIGHT = {"paper": "#FFFFFF", "plot": "#FFFFFF", "ink": "#1A1A1A", "grid": "#DDDDDD", "muted": "#555555"}
DARK = {"paper": "#111418", "plot": "#111418", "ink": "#F2F2F2", "grid": "#3A3F46", "muted": "#B8B8B8"}


def region_colour(region: str | None) -> str:
    return REGION_COLOURS.get(region or "", UNKNOWN_COLOUR)


def _template(colours: dict[str, str], base: int) -> go.layout.Template:
    axis = dict(
        gridcolor=colours["grid"],
        linecolor=colours["grid"],
        zerolinecolor=colours["grid"],
        title=dict(font=dict(size=base + 2)),
        tickfont=dict(size=base),
        automargin=True,
    )
    return go.layout.Template(
        layout=dict(
            font=dict(family=FONT, size=base, color=colours["ink"]),
            title=dict(
                font=dict(size=int(base * 1.45)),
                x=0,
                xanchor="left",
                y=0.98,
                yanchor="top",
                subtitle=dict(font=dict(size=base, color=colours["muted"])),
            ),
            paper_bgcolor=colours["paper"],
            plot_bgcolor=colours["plot"],
            colorway=PALETTE,
            xaxis=axis,
            yaxis=axis,
            legend=dict(font=dict(size=base), title=dict(font=dict(size=base))),
            hoverlabel=dict(font=dict(size=base)),
            margin=dict(l=20, r=20, t=int(base * 6.2), b=int(base * 2.7)),
            coloraxis=dict(colorscale=SEQUENTIAL),
        )
    )


pio.templates["harvest"] = _template(LIGHT, 15)
pio.templates["harvest_dark"] = _template(DARK, 15)
pio.templates["harvest_projector"] = _template(LIGHT, 26)
pio.templates["harvest_projector_dark"] = _template(DARK, 26)
TEMPLATES = ("harvest", "harvest_dark", "harvest_projector", "harvest_projector_dark")


def titled(fig: go.Figure, title: str, n_text: str, template: str = "harvest") -> go.Figure:
    """Every figure states its finding or question as the title and its n and denominator as the subtitle.

    The last step of every builder: the figure comes back sanitised (charts.text), so no value from the data is
    ever drawn as markup, whatever the builder did with it."""
    fig.update_layout(template=template, title=dict(text=esc(title), subtitle=dict(text=esc(n_text))))
    fig.layout.meta = {"n_text": n_text, "title": title}
    if right_to_left():
        mirrored(fig)
        # Plotly lays text out left to right: an Arabic title holding a quoted phrase, a table's name or a leading
        # number would read out of order, so the drawn title and subtitle are embedded right to left (U+202B … U+202C).
        # Only the drawn text changes; the figure's meta (CSV, wikitext) keeps the words as they are.
        shown = fig.layout.title
        fig.update_layout(
            title=dict(text=f"\u202b{shown.text}\u202c", subtitle=dict(text=f"\u202b{shown.subtitle.text}\u202c"))
        )
    return sanitised(fig)


def mirrored(fig: go.Figure) -> go.Figure:
    """A chart as a right-to-left reader expects it: the title and legend on the right, value axes on the right, and
    every horizontal axis running right to left (bars grow leftwards, rounds and events follow the reading order)."""
    fig.update_layout(title=dict(x=1, xanchor="right"))
    if fig.layout.legend.x is not None or fig.layout.legend.orientation == "h":
        fig.update_layout(legend=dict(x=1, xanchor="right"))
    for axis in fig.select_xaxes():
        axis.autorange = "reversed" if axis.autorange != "reversed" else True
    for axis in fig.select_yaxes():  # a second value axis, drawn on the right, goes to the left
        axis.side = "left" if axis.side == "right" else "right"
    return fig


def scale(template: str) -> float:
    """How much larger than the screen template's type this template's type is (1 on screen, about 1.7 projected),
    so heights and margins grow with the type instead of squeezing rows together."""
    try:
        size = pio.templates[template].layout.font.size
    except (KeyError, AttributeError):
        size = None
    return (size or 15) / 15


def margins(**sides: int) -> dict:
    """Margins as given, their left and right swapped for a right-to-left language, where the value axis runs the
    other way and the bars' outside labels need the room on the left (``mirrored`` mirrors the rest)."""
    if right_to_left():
        sides["l"], sides["r"] = sides.pop("r", None), sides.pop("l", None)
        return {k: v for k, v in sides.items() if v is not None}
    return sides


def beside() -> str:
    """Where a text written beside the further end of a line or bar goes: right, or left when mirrored."""
    return "middle left" if right_to_left() else "middle right"


def ranged(fig: go.Figure) -> go.Figure:
    """After ``mirrored``: an axis whose range the builder set keeps it, reversed (a reversed autorange would drop it
    and clip the labels written beyond the bars)."""
    if right_to_left():
        for axis in fig.select_xaxes():
            if axis.range is not None and axis.autorange == "reversed":
                axis.update(range=list(axis.range)[::-1], autorange=False)
    return fig
