"""PNG and SVG of any figure at projector resolution, rendered server-side by kaleido with the system's Chromium.

kaleido drives a Chromium it finds on the machine (Debian's /usr/bin/chromium); Harvest never downloads a browser.
Its server starts once per process with MathJax off, since MathJax would be fetched from a CDN and stall offline.

The renderer cannot fetch anything: kaleido's page carries a Content-Security-Policy that allows its own local
scripts and nothing else (no image, style, font or connection from any address), so a figure whose text reached
Plotly with a CSS ``url()`` or an image in it (which charts.text already prevents) still makes no request from the
server. tests/charts/test_images.py checks this against a loopback canary.
"""

from __future__ import annotations

import os
import shutil
import threading

import plotly.graph_objects as go

WIDTH, HEIGHT = 1920, 1080
_lock = threading.Lock()
_started = False
INSTALL_HINT = (
    "Image export needs Chromium on the server. On Debian or Ubuntu: sudo apt-get install chromium "
    "(Harvest never downloads a browser itself). The chart's camera button still saves a PNG from the "
    "browser."
)


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


def image_bytes(fig: go.Figure, fmt: str = "png", width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """The figure as PNG or SVG bytes; ImageExportUnavailable (saying what to install) without Chromium."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"format must be png or svg, not {fmt!r}")
    if chromium() is None:
        raise ImageExportUnavailable(INSTALL_HINT)
    with _lock:
        _ensure_server()
        return fig.to_image(format=fmt, width=width, height=height)
