"""PNG and SVG of any figure at projector resolution and projector type, with where its numbers come from drawn in.

Every image is 1920x1080 with the slides' type (charts.style's ``harvest_projector`` templates: 26 px, titles 37 px;
a figure made with a screen template is redrawn at that size). Given a ``stamp`` (ui.show.stamp: the export's name
and fingerprint, the filters, the n, the codes counted), the image carries it as a footer line of at least 24 px, in
the theme's ink on its paper, and, for the synthetic sample, a black-on-yellow SYNTHETIC DATA badge: a picture
pasted into a report still says what it shows. The footer is drawn as SVG text below the chart (the chart gets the
rest of the height); the PNG is that same SVG rasterised by the same Chromium, so both carry the same words.

Rendered server-side by kaleido with the system's Chromium.

kaleido drives a Chromium it finds on the machine (Debian's /usr/bin/chromium); Harvest never downloads a browser.
Its server starts once per process with MathJax off, since MathJax would be fetched from a CDN and stall offline.

The renderer cannot fetch anything: kaleido's page carries a Content-Security-Policy that allows its own local
scripts and nothing else (no image, style, font or connection from any address), so a figure whose text reached
Plotly with a CSS ``url()`` or an image in it (which charts.text already prevents) still makes no request from the
server. tests/charts/test_images.py checks this against a loopback canary.
"""

from __future__ import annotations

import base64
import html
import os
import re
import shutil
import textwrap
import threading

import plotly.graph_objects as go
import plotly.io as pio

from analysis.messages import msg

from .style import DARK, FONT, LIGHT

WIDTH, HEIGHT = 1920, 1080
_lock = threading.Lock()
_started = False


def install_hint() -> str:
    """What to install for image export (no Chromium on the server), in the language in force."""
    return msg("harvest-charts-install-hint")


class ImageExportUnavailable(RuntimeError):
    pass


def chromium() -> str | None:
    """The system Chromium kaleido will use, or None."""
    for candidate in (
        os.environ.get("BROWSER_PATH"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        shutil.which("google-chrome"),
    ):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


#: What kaleido's page may load: its own scripts from local files, inline styles Plotly writes, images it makes itself.
RENDER_POLICY = (
    "default-src 'none'; script-src file: 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:; connect-src 'none'"
)


def _page_generator():
    """kaleido's page, with the policy above as its first element."""
    from kaleido._page_generator import PageGenerator

    class OfflinePage(PageGenerator):
        header = PageGenerator.header.replace(
            "<head>", f'<head>\n        <meta http-equiv="Content-Security-Policy" content="{RENDER_POLICY}">', 1
        )

    return OfflinePage(mathjax=False)


def _ensure_server() -> None:
    global _started
    if _started:
        return
    import kaleido

    kaleido.start_sync_server(page_generator=_page_generator(), silence_warnings=True)
    _started = True


#: The footer's type at 1920x1080 (it grows and shrinks with the image's width), its badge's, and the badge's words.
STAMP_TYPE = 24
BADGE_TYPE = 26


def badge() -> str:
    """The badge's words, in the language in force (``BADGE`` too, read when it is asked for)."""
    return msg("harvest-present-synthetic-badge")  # the Present page's badge says the same


def __getattr__(name: str) -> str:
    """``BADGE`` and ``INSTALL_HINT``: the badge's words and what to install, in the language in force."""
    if name == "BADGE":
        return badge()
    if name == "INSTALL_HINT":
        return install_hint()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


BADGE_COLOURS = {"fill": "#FFD400", "ink": "#000000", "edge": "#000000"}  # 13.9:1, on either theme's paper
PROJECTOR_TYPE = 26  # charts.style's harvest_projector templates


def _theme(fig: go.Figure) -> tuple[dict[str, str], float | None]:
    """The figure's colours (light or dark, from its paper) and its template's base type size (None if unknown)."""
    template = fig.layout.template
    layout = template.layout if template is not None else None
    paper = fig.layout.paper_bgcolor or (layout.paper_bgcolor if layout is not None else None) or LIGHT["paper"]
    size = layout.font.size if layout is not None and layout.font is not None else None
    return (DARK if str(paper).upper() == DARK["paper"].upper() else LIGHT), size


def _scale_sizes(node: object, factor: float, key: str = "") -> object:
    """A copy of a figure's JSON with every explicit font size and every margin multiplied by ``factor``."""
    if isinstance(node, dict):
        out = {k: _scale_sizes(v, factor, k) for k, v in node.items() if k != "template"}
        if "template" in node:
            out["template"] = node["template"]
        if key.endswith("font") and isinstance(out.get("size"), int | float):
            out["size"] = round(out["size"] * factor, 1)
        elif key.endswith("font") and isinstance(out.get("size"), list):
            out["size"] = [round(v * factor, 1) if isinstance(v, int | float) else v for v in out["size"]]
        if key == "margin":
            out.update({k: round(v * factor) for k, v in out.items() if k in "lrtb" and isinstance(v, int | float)})
        return out
    if isinstance(node, list):
        return [_scale_sizes(v, factor, key) for v in node]
    return node


def projected(fig: go.Figure) -> go.Figure:
    """The figure at the slides' type: one made with a screen template (harvest, harvest_dark: 15 px) gets the
    projector template of its theme and every size it set itself (fonts, margins) scaled as much (26/15); one
    already at projector type comes back as it is (a copy)."""
    colours, size = _theme(fig)
    if not size or size >= PROJECTOR_TYPE:
        return go.Figure(fig)
    spec = _scale_sizes(fig.to_plotly_json(), PROJECTOR_TYPE / size)
    out = go.Figure(spec)
    out.update_layout(template=pio.templates["harvest_projector_dark" if colours is DARK else "harvest_projector"])
    return out


def _lines(text: str, chars: int) -> list[str]:
    """``text`` over lines of at most about ``chars`` characters, broken at " · " where it can be."""
    lines: list[str] = []
    for part in text.split(" · "):
        if lines and len(lines[-1]) + 3 + len(part) <= chars:
            lines[-1] += " · " + part
        else:
            lines += textwrap.wrap(part, chars, break_long_words=True) or [part]
    return lines


def stamp_footer(stamp: str, synthetic: bool, colours: dict[str, str], width: int) -> tuple[int, str]:
    """(height, SVG elements) of the footer band drawn under a chart ``width`` px wide: a rule, the stamp's words in
    the theme's ink, and for the synthetic sample the badge. Text is XML-escaped: it is data, never markup."""
    unit = width / WIDTH
    size, badge_size = STAMP_TYPE * unit, BADGE_TYPE * unit
    pad, line = 40 * unit, STAMP_TYPE * 1.3 * unit
    words = badge()
    badge_w = (len(words) * 0.66 * BADGE_TYPE + 32) * unit if synthetic else 0.0
    left = pad + (badge_w + 24 * unit if synthetic else 0.0)
    # Characters per line: this sans averages under 0.48 em a character in such text; 0.52 em leaves room.
    lines = _lines(stamp, max(20, int((width - left - pad) / (0.52 * size))))
    height = round(max(len(lines) * line, badge_size * 1.6 if synthetic else 0.0) + 2 * 14 * unit)
    esc = html.escape
    parts = [
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="{colours["paper"]}"/>',
        f'<line x1="{pad:.1f}" x2="{width - pad:.1f}" y1="0.5" y2="0.5" stroke="{colours["grid"]}" stroke-width="1"/>',
    ]
    top = (height - len(lines) * line) / 2
    parts += [
        f'<text class="stamp" x="{left:.1f}" y="{top + (i + 0.78) * line:.1f}" font-size="{size:.1f}" '
        f'fill="{colours["ink"]}">{esc(text)}</text>'
        for i, text in enumerate(lines)
    ]
    if synthetic:
        box_h = badge_size * 1.5
        y = (height - box_h) / 2
        parts.append(
            f'<g class="badge"><rect x="{pad:.1f}" y="{y:.1f}" width="{badge_w:.1f}" height="{box_h:.1f}" rx="{4 * unit:.1f}" '
            f'fill="{BADGE_COLOURS["fill"]}" stroke="{BADGE_COLOURS["edge"]}" stroke-width="{3 * unit:.1f}"/>'
            f'<text x="{pad + badge_w / 2:.1f}" y="{y + box_h / 2 + badge_size * 0.36:.1f}" font-size="{badge_size:.1f}" '
            f'font-weight="bold" text-anchor="middle" textLength="{badge_w - 32 * unit:.1f}" '
            f'lengthAdjust="spacingAndGlyphs" fill="{BADGE_COLOURS["ink"]}">{esc(words)}</text></g>'
        )
    return height, "".join(parts)


def _stamped_svg(fig: go.Figure, stamp: str, synthetic: bool, width: int, height: int) -> str:
    colours, _ = _theme(fig)
    band, footer = stamp_footer(stamp, synthetic, colours, width)
    chart = fig.to_image(format="svg", width=width, height=height - band).decode("utf-8")
    chart = re.sub(r"^\s*<\?xml[^>]*>\s*", "", chart)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">'
        f'<rect width="{width}" height="{height}" fill="{colours["paper"]}"/>{chart}'
        f'<g class="harvest-stamp" transform="translate(0 {height - band})" font-family="{html.escape(FONT)}">'
        f"{footer}</g></svg>"
    )


def _rasterised(svg: str, width: int, height: int) -> bytes:
    """The SVG as a PNG, drawn by the same Chromium: an empty figure whose one layout image is the SVG."""
    source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    canvas = go.Figure(
        layout=dict(
            width=width,
            height=height,
            margin=dict(l=0, r=0, t=0, b=0, pad=0),
            xaxis=dict(visible=False),
            yaxis=dict(visible=False),
            images=[dict(source=source, xref="paper", yref="paper", x=0, y=1, sizex=1, sizey=1, sizing="stretch")],
        )
    )
    return canvas.to_image(format="png", width=width, height=height)


def image_bytes(
    fig: go.Figure,
    fmt: str = "png",
    width: int = WIDTH,
    height: int = HEIGHT,
    *,
    stamp: str | None = None,
    synthetic: bool = False,
) -> bytes:
    """The figure as PNG or SVG bytes at projector type (``projected``), with ``stamp`` and, when ``synthetic``, the
    SYNTHETIC DATA badge drawn as its footer; ImageExportUnavailable (saying what to install) without Chromium."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"format must be png or svg, not {fmt!r}")
    if chromium() is None:
        raise ImageExportUnavailable(install_hint())
    fig = projected(fig)
    if fig.layout.title.pad.l is None:  # the title off the image's very edge, in line with the footer
        fig.update_layout(title_pad_l=round(40 * width / WIDTH))
    with _lock:
        _ensure_server()
        if not stamp and not synthetic:
            return fig.to_image(format=fmt, width=width, height=height)
        svg = _stamped_svg(fig, stamp or "", synthetic, width, height)
        return svg.encode("utf-8") if fmt == "svg" else _rasterised(svg, width, height)
