"""Text inside figures: data escaped for Plotly, labels wrapped for the projector, and a last check on every figure.

Plotly draws a subset of HTML in every string it shows (axis ticks, bar text, hover, titles, annotations):
``<span style=…>`` with any CSS (a CSS ``url()`` is fetched), ``<a href>`` links, ``<b>``, ``<br>``. Data never
reaches a figure as markup:

1. Builders pass every value from the data through :func:`esc` (or :func:`label`, which wraps it too).
2. :func:`sanitised` (run by ``charts.style.titled`` on every figure) then turns any ``<`` that does not open one of
   Harvest's own few tags into ``&lt;``: a builder that forgot step 1 shows the text, never a style or a link.
"""

from __future__ import annotations

import re
import textwrap

import numpy as np
import plotly.graph_objects as go

from analysis.escape import CONTROLS
from analysis.escape import plotly as esc

__all__ = ["esc", "label", "sanitised"]

#: The tags Harvest itself writes into figure text; anything else that looks like a tag is shown as text.
_OWN_TAGS = re.compile(r"<(?:br ?/?|/?b|/?i|/?sup|/?sub|/?extra|span style='color:#[0-9A-Fa-f]{6}'|/span)>")
_LT = re.compile(r"<")


def label(text: object, width: int | None = 28) -> str:
    """A value from the data as a figure label: escaped, and wrapped over lines of about ``width`` characters
    (Plotly's ``<br>``) so it stays readable when projected. ``width=None`` keeps it on one line."""
    raw = str(text)
    if width is None:
        return esc(raw)
    lines = textwrap.wrap(raw, width=width, break_long_words=False) or [raw]
    return "<br>".join(esc(line) for line in lines)


def _clean(text: str) -> str:
    text = text.translate(CONTROLS)  # not allowed in SVG: one broke a chart's image export
    if "<" not in text:
        return text
    kept = {m.start() for m in _OWN_TAGS.finditer(text)}
    return "".join("&lt;" if ch == "<" and i not in kept else ch for i, ch in enumerate(text))


def _cleaned_array(values) -> tuple[bool, object]:
    """(changed, copy) of an array of values (nested lists allowed) with its strings cleaned."""
    changed, out = False, []
    for value in values.tolist() if isinstance(values, np.ndarray) else values:
        if isinstance(value, str):
            clean = _clean(value)
            changed |= clean != value
            out.append(clean)
        elif isinstance(value, list | tuple | np.ndarray):
            inner_changed, inner = _cleaned_array(value)
            changed |= inner_changed
            out.append(inner)
        else:
            out.append(value)
    return changed, out


def _dirty(node: object, path: tuple = ()):
    """(path, cleaned value) for every string or array of strings below ``node`` that _clean changes."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "meta":  # Harvest's own notes on the figure (its n), never drawn
                yield from _dirty(value, (*path, key))
    elif isinstance(node, str):
        clean = _clean(node)
        if clean != node:
            yield path, clean
    elif isinstance(node, list | tuple) and node and all(isinstance(v, dict) for v in node):
        for i, value in enumerate(node):  # annotations, shapes, images …
            yield from _dirty(value, (*path, i))
    elif isinstance(node, list | tuple) or (isinstance(node, np.ndarray) and node.dtype == object):
        changed, clean = _cleaned_array(node)
        if changed:
            yield path, clean


def sanitised(fig: go.Figure) -> go.Figure:
    """The figure (changed in place, and returned) with every ``<`` that is not one of Harvest's own tags written
    as ``&lt;`` (see the module). Numbers and arrays of numbers are left as they are."""
    for i, trace in enumerate(fig._data):  # the raw values, numpy arrays kept (to_dict would encode them)
        for path, clean in list(_dirty(trace)):
            fig.data[i][path] = clean
    for path, clean in list(_dirty(fig._layout)):
        fig.layout[path] = clean
    return fig


def intervals(table, low: str = "ci_low", high: str = "ci_high") -> list[str]:
    """Each row's 95% interval as hover text ("95% interval 24–38%"), or "" where the table has none."""
    from analysis import messages
    from analysis.messages import msg
    from analysis.vocabulary import interval

    if low not in table or high not in table:
        return [""] * len(table)
    level = messages.percent(0.95)
    return [
        f"<br>{msg('harvest-charts-interval', level, interval(lo, hi))}"
        for lo, hi in zip(table[low], table[high], strict=True)
    ]
