"""The one theme: colour-blind-safe colours, a fixed colour per region, type readable when projected.

Figure builders never hard-code a colour: they ask this module.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata

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
    lines = subtitle_lines(n_text)
    fig.update_layout(template=template, title=dict(text=esc(title), subtitle=dict(text="<br>".join(map(esc, lines)))))
    if len(lines) > 1:  # Plotly never wraps a subtitle: each line more takes its room above the plot
        size = _template_font(template) or 15
        top = fig.layout.margin.t if fig.layout.margin.t is not None else int(size * 6.2)
        fig.update_layout(margin=dict(t=int(top + (len(lines) - 1) * size * 1.35)))
    fig.layout.meta = {"n_text": n_text, "title": title}
    if right_to_left():
        mirrored(fig)
    return sanitised(fig)


#: A subtitle longer than this many characters runs off a chart on a laptop's screen (Plotly never wraps it): it is
#: broken over lines of about SUBTITLE_LINE characters, between its clauses ("; ") where it has them.
SUBTITLE_MAX, SUBTITLE_LINE = 120, 100
_CLAUSE = re.compile(r"(?<=[;؛])\s+")


def subtitle_lines(text: str) -> list[str]:
    """``text`` as the subtitle's lines: itself when short; else its clauses packed into lines of about
    SUBTITLE_LINE characters, a clause longer than SUBTITLE_MAX broken between words."""
    if len(text) <= SUBTITLE_MAX:
        return [text]
    pieces = []
    for clause in _CLAUSE.split(text):
        if len(clause) > SUBTITLE_MAX:
            pieces += textwrap.wrap(clause, width=SUBTITLE_LINE, break_long_words=False) or [clause]
        else:
            pieces.append(clause)
    lines: list[str] = []
    for piece in pieces:
        if lines and len(lines[-1]) + 1 + len(piece) <= SUBTITLE_LINE:
            lines[-1] = f"{lines[-1]} {piece}"
        else:
            lines.append(piece)
    return lines


def _template_font(template: str) -> float | None:
    try:
        return pio.templates[template].layout.font.size
    except (KeyError, AttributeError):
        return None


#: Unicode's isolates (U+2067 right to left, U+2068 by the first strong letter, U+2069 their end): what is between
#: them takes that direction, whatever surrounds it, and does not reorder what surrounds it.
RLI, FSI, PDI = "\u2067", "\u2068", "\u2069"
_LINE = re.compile(r"(<br ?/?>)")
_EXTRA = re.compile(r"(<extra>)(.*?)(</extra>)", re.S)
_PLACEHOLDER = re.compile(r"%\{[^}]*\}")
_MARKUP = re.compile(r"<[^>]*>|&[#\w]+;")


def first_strong(text: str) -> str | None:
    """ "R" when the first letter that has a direction is written right to left, "L" when left to right, else None."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "R"
        if kind == "L":
            return "L"
    return None


def _isolate_line(line: str) -> str:
    if not line.strip() or line.startswith((RLI, FSI)):
        return line
    words = _MARKUP.sub("", _PLACEHOLDER.sub("", line))
    if _right_to_left_letter(words) or (first_strong(words) is None and not _PLACEHOLDER.search(line)):
        return f"{RLI}{line}{PDI}"  # the interface's words ("KE1 المعرفة"), or numbers alone ("50 · 31%")
    return f"{FSI}{line}{PDI}"  # English words ("−1.4 points", a name) or a value: the first letter drawn decides


def _right_to_left_letter(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def isolated(text: str) -> str:
    """``text`` as a right-to-left reader reads it, in Plotly: every line (Plotly's ``<br>``) isolated.

    Plotly draws each line as its own SVG text chunk and lays every chunk out left to right (the chart itself must
    stay left to right), so an Arabic sentence holding "Wikimedia Deutschland", a number or a closing bracket would
    come out in the wrong order. Each line, not the whole text, is isolated, because the marks do not carry from one
    chunk to the next: right to left (U+2067) when it holds an Arabic (Hebrew…) letter, so "KE1 المعرفة" starts
    with its code on the right, or when it is numbers alone; else by its first strong letter once Plotly has filled
    it in (U+2068), so an English line or a value from the data still reads left to right. Idempotent; a hover
    template's ``<extra>`` box is isolated on its own."""
    if not isinstance(text, str) or not text:
        return text

    def lines(part: str) -> str:
        return "".join(piece if _LINE.fullmatch(piece) else _isolate_line(piece) for piece in _LINE.split(part))

    found = _EXTRA.search(text)
    if not found:
        return lines(text)
    return lines(text[: found.start()]) + found.group(1) + lines(found.group(2)) + found.group(3) + text[found.end() :]


def _isolated_all(values):
    """A trace's text, one string or one per point, isolated (numbers and missing values stay as they are)."""
    if isinstance(values, str):
        return isolated(values)
    if values is None or isinstance(values, int | float):
        return values
    try:
        items = values.tolist() if hasattr(values, "tolist") else list(values)
    except TypeError:
        return values
    if not any(isinstance(v, str) for v in items):
        return values
    return [isolated(v) if isinstance(v, str) else v for v in items]


def _isolate_title(owner) -> None:
    title = getattr(owner, "title", None)
    if title is not None and isinstance(title.text, str):
        title.text = isolated(title.text)


def _mirrored_colorbar(bar) -> None:
    """A colour bar beside the plot goes to its left: its right, mirrored, holds the category labels. Anchored by its
    right edge, its tick labels stay on its outer side of the plot, and Plotly makes it room in the margin."""
    _isolate_title(bar)
    if bar.orientation == "h":
        return
    bar.x = -0.02 if bar.x is None else round(1 - bar.x, 4)
    bar.xanchor = {None: "right", "left": "right", "right": "left"}.get(bar.xanchor, bar.xanchor)


def _isolate_categories(fig: go.Figure) -> None:
    """Category labels in the interface's script ("KE1 المعرفة…") drawn isolated through the axis's tick texts: the
    categories themselves (what a hover or a click reports) stay as they are. Axes whose labels hold no right-to-left
    letter are left to Plotly."""
    for letter in ("x", "y"):
        for axis_name in [k for k in fig.layout if re.fullmatch(rf"{letter}axis\d*", k)]:
            axis = fig.layout[axis_name]
            if axis.ticktext is not None or axis.tickvals is not None or axis.type not in (None, "category", "-"):
                continue
            ref = letter + axis_name[5:]
            found: dict[str, None] = {}
            for trace in fig.data:
                if (trace[f"{letter}axis"] if f"{letter}axis" in trace else letter) not in (ref, None):
                    continue
                values = trace[letter] if letter in trace else None
                if values is None or isinstance(values, str):
                    continue
                values = values.tolist() if hasattr(values, "tolist") else list(values)
                if values and isinstance(values[0], list | tuple):  # multi-level categories: left to Plotly
                    found = {}
                    break
                found.update((v, None) for v in values if isinstance(v, str))
            if any(_right_to_left_letter(c) for c in found):
                axis.update(tickmode="array", tickvals=list(found), ticktext=[isolated(c) for c in found])


def mirrored(fig: go.Figure) -> go.Figure:
    """A chart as a right-to-left reader expects it: the title and legend on the right, value axes on the right, and
    every horizontal axis running right to left (bars grow leftwards, rounds and events follow the reading order).
    Every text the chart draws (title, subtitle, axis, legend and colour bar titles, legend entries, texts on and
    beside the bars, notes, hover labels) is isolated line by line in its direction (:func:`isolated`); the hover
    label is aligned right; notes written from an edge and colour bars change sides. Only the drawn text changes:
    the figure's meta (CSV, wikitext) and its values (the categories a click reports) stay as they are."""
    fig.update_layout(title=dict(x=1, xanchor="right"), hoverlabel=dict(align="right"))
    if fig.layout.legend.x is not None or fig.layout.legend.orientation == "h":
        fig.update_layout(legend=dict(x=1, xanchor="right"))
    for axis in fig.select_xaxes():
        if axis.range is not None and axis.autorange in (None, False):  # a range the builder chose (room for the
            axis.update(range=list(axis.range)[::-1], autorange=False)  # labels beyond the bars) is kept, reversed
        else:
            axis.autorange = "reversed" if axis.autorange != "reversed" else True
    for axis in fig.select_yaxes():  # a second value axis, drawn on the right, goes to the left
        axis.side = "left" if axis.side == "right" else "right"

    layout = fig.layout
    if isinstance(layout.title.text, str):
        layout.title.text = isolated(layout.title.text)
    if isinstance(layout.title.subtitle.text, str):
        layout.title.subtitle.text = isolated(layout.title.subtitle.text)
    for axis in (*fig.select_xaxes(), *fig.select_yaxes()):
        _isolate_title(axis)
        if axis.ticktext is not None:
            axis.ticktext = _isolated_all(axis.ticktext)
    _isolate_categories(fig)
    _isolate_title(layout.legend)
    for name in [k for k in layout if k.startswith("coloraxis")]:
        _mirrored_colorbar(layout[name].colorbar)
    for note in layout.annotations:  # a note written from an edge starts from the other one
        note.text = isolated(note.text)
        if note.xanchor in ("left", "right"):  # a centred one (a panel's title) stays above its panel
            note.xanchor = "right" if note.xanchor == "left" else "left"
            if note.xref in (None, "paper") and isinstance(note.x, int | float):
                note.x = 1 - note.x
        note.align = "right" if note.align in (None, "left") else note.align
    for trace in fig.data:
        for name in ("name", "hovertemplate", "texttemplate", "text", "hovertext"):
            if name in trace and trace[name] is not None:
                trace[name] = _isolated_all(trace[name])
        if "colorbar" in trace:
            _mirrored_colorbar(trace.colorbar)
        if "legendgrouptitle" in trace and isinstance(trace.legendgrouptitle.text, str):
            trace.legendgrouptitle.text = isolated(trace.legendgrouptitle.text)
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
    and clip the labels written beyond the bars). ``mirrored`` now does this itself for a range set before
    ``titled``; this still catches one given a reversed autorange afterwards."""
    if right_to_left():
        for axis in fig.select_xaxes():
            if axis.range is not None and axis.autorange == "reversed":
                axis.update(range=list(axis.range)[::-1], autorange=False)
    return fig
