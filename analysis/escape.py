"""Text from outside (files, URLs, uploads, codebooks) is data: one escaping function per sink it can reach.

Every string that comes from an export, a link, an upload or a codebook goes through the function of the sink it meets:

- :func:`markdown` for Streamlit elements that render Markdown (st.markdown, st.caption, st.warning, st.title, widget
  labels, radio options …). Streamlit's Markdown acts on more than CommonMark: ``:red[…]`` colours, ``:material/…:``
  icons, ``$…$`` maths, and bare URLs, ``www.`` names and e-mail addresses become links. Every character Markdown
  or those directives act on is backslash-escaped, and an invisible word joiner (U+2060) is put inside ``://``,
  ``www.`` and ``@`` so that no link is made. Measured in Chromium against Streamlit 1.67 (tests/ui/test_escape.py).
- :func:`plotly` for any string Plotly draws (labels, ticks, hover text, titles, annotations): Plotly reads a subset
  of HTML in them (``<span style>``, ``<a href>``, ``<b>`` …); HTML entities are its way to show ``<`` as text.
- :func:`html` for HTML documents Harvest writes (the offline deck).
- :func:`csv_cell` for CSV cells: text a spreadsheet would run as a formula is neutralised (analysis/downloads.py),
  by the rule the importer keeps a formula with (loaders.formulas).

The project's own markup (Harvest's ``<br>`` line breaks in chart labels, its constant Markdown) is added after
escaping, never before.
"""

from __future__ import annotations

import html as _html
import re

from loaders.formulas import neutralised

#: U+2060 WORD JOINER: invisible, never a line break; splits ``http://`` and ``www.`` so no link is made of them.
WORD_JOINER = "\u2060"
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&^=/@])")
_SCHEME = re.compile(r"(\\:)(\\/\\/)")
_WWW = re.compile(r"(?i)\b(www)(\\\.)")


def markdown(value: object) -> str:
    """``value`` as text inside Streamlit Markdown: shown exactly as written, never as markup, a link or an icon."""
    text = _MARKDOWN_ACTIVE.sub(r"\\\1", str(value))
    text = _SCHEME.sub(lambda m: m.group(1) + WORD_JOINER + m.group(2), text)
    text = _WWW.sub(lambda m: m.group(1) + WORD_JOINER + m.group(2), text)
    text = text.replace("\\@", "\\@" + WORD_JOINER)
    return text.replace("\n", " ").replace("\r", " ")


def unmarkdown(text: str) -> str:
    """What a reader sees of :func:`markdown`'s output (for tests and for comparing with plain text)."""
    return re.sub(r"\\(.)", r"\1", text).replace(WORD_JOINER, "")


#: C0 control characters other than tab and line ends: not allowed in SVG (XML), where one made a chart's PNG and
#: SVG export fail. Shown as Unicode's control pictures (U+001F as ␟), so the value stays visible as it was.
CONTROLS = {code: 0x2400 + code for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))} | {0x7F: 0x2421}


def plotly(value: object) -> str:
    """``value`` as text Plotly draws: ``<``, ``>`` and ``&`` as the HTML entities Plotly decodes, so no tag is ever read;
    control characters as their visible pictures (see CONTROLS)."""
    return _html.escape(str(value).translate(CONTROLS), quote=False)  # Plotly decodes no &quot; (it needs none)


def html(value: object) -> str:
    """``value`` inside an HTML document Harvest writes."""
    return _html.escape(str(value), quote=True)


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: line ends inside it become LF (a lone CR starts a new row in some
    readers), and text that starts like a formula gets a leading apostrophe. Numbers pass through."""
    if not isinstance(value, str):
        return value
    return neutralised(value.replace("\r\n", "\n").replace("\r", "\n"))
