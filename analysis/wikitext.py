"""Findings as MediaWiki wikitext, for publishing on Meta-Wiki: sentences, sortable wikitables with their n and
definitions, a provenance line, and a Commons file description page per figure.

Every value from the data goes through :func:`escape`, which does what MediaWiki's own ``wfEscapeWikiText`` does:
the characters that open markup (templates, links, tables, tags, bold, headings, signatures, magic words, external
links) become character references, so a note or a label reads as text and can never add a template, a link, a
category or a table cell.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from .messages import current, msg

#: Characters that open wikitext markup anywhere, as MediaWiki's wfEscapeWikiText encodes them.
_ANYWHERE = {
    '"': "&#34;",
    "&": "&#38;",
    "'": "&#39;",
    "<": "&#60;",
    "=": "&#61;",
    ">": "&#62;",
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "|": "&#124;",
    "}": "&#125;",
    "~": "&#126;",
    ";": "&#59;",
}
#: Characters that open markup at the start of a line (lists, indents, tables, preformatted text).
_LINE_START = {
    "!": "&#33;",
    "#": "&#35;",
    "*": "&#42;",
    ":": "&#58;",
    " ": "&#32;",
    "\n": "&#10;",
    "\r": "&#13;",
    "\t": "&#9;",
}
_ANY = re.compile("[" + re.escape("".join(_ANYWHERE)) + "]")
#: Magic links and behaviour switches: "ISBN 123", "RFC 1", "PMID 1", "__NOTOC__", "https://…", "----".
_MAGIC = (
    (re.compile(r"(ISBN|RFC|PMID)(\s)"), lambda m: m.group(1) + "&#" + str(ord(m.group(2))) + ";"),
    (re.compile(r"__"), lambda m: "_&#95;"),
    (re.compile(r"!!"), lambda m: "&#33;!"),
    (re.compile(r"://"), lambda m: "&#58;//"),
    (re.compile(r"^----", re.M), lambda m: "&#45;---"),
)

#: The licences a user may choose for the figures, as Commons' templates name them.
LICENCES = {
    "cc-by-sa-4.0": "CC BY-SA 4.0 (as Meta-Wiki's own text)",
    "cc-by-4.0": "CC BY 4.0",
    "cc-zero": "CC0 (public domain dedication)",
}


def escape(value: object) -> str:
    """Any value from the data as wikitext that reads as itself; new lines become spaces (a cell is one line)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    text = " ".join(str(value).splitlines())
    text = _ANY.sub(lambda m: _ANYWHERE[m.group(0)], text)
    for pattern, replace in _MAGIC:
        text = pattern.sub(replace, text)
    if text and text[0] in _LINE_START:
        text = _LINE_START[text[0]] + text[1:]
    return text


def _cell(value: object) -> str:
    """One cell as a reader of the wiki page reads it, with the numbers of the CSV download: whole numbers exactly
    (a count held as a float, 12345.0, is 12345), other numbers of 1 or more to two decimals, smaller ones (shares,
    p-values) to four significant digits; yes/no in the language in force; lists joined as the CSV joins them."""
    if isinstance(value, bool | np.bool_):
        return msg("harvest-wiki-yes" if value else "harvest-wiki-no")
    if isinstance(value, float | np.floating):
        value = float(value)
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
        if abs(value) >= 1:
            return f"{value:.2f}".rstrip("0").rstrip(".")
        return f"{value:.4g}"
    if isinstance(value, list | tuple | np.ndarray):
        return escape("; ".join(str(v) for v in value))
    return escape(value)


def wikitable(frame: pd.DataFrame, caption: str = "", *, max_rows: int = 500) -> str:
    """A sortable wikitable of ``frame`` (headers and every cell escaped); rows past ``max_rows`` are cut and the
    caption says how many there were."""
    shown = frame.head(max_rows)
    cut = " " + escape(msg("harvest-wiki-cut", max_rows, len(frame))) if len(frame) > max_rows else ""
    lines = ['{| class="wikitable sortable"']
    if caption or cut:
        lines.append("|+ " + escape(caption) + cut)
    lines.append("! " + " !! ".join(escape(column) for column in shown.columns))
    for row in shown.itertuples(index=False):
        lines.append("|-")
        lines.append("| " + " || ".join(_cell(value) for value in row))
    lines.append("|}")
    return "\n".join(lines)


def section(title: str, sentence: str, table: pd.DataFrame, details: Mapping[str, object], level: int = 2) -> str:
    """One finding: a heading, its sentence, its details (n, test, caveats, definitions) and its table."""
    bar = "=" * level
    lines = [f"{bar} {escape(title)} {bar}", escape(sentence), ""]
    lines += [f"* '''{escape(name)}''': {escape(value)}" for name, value in details.items() if value not in ("", None)]
    lines += ["", wikitable(table, title), ""]
    return "\n".join(lines)


def page(title: str, provenance: Mapping[str, object], sections: Iterable[str], *, synthetic: bool) -> str:
    """A whole page: a provenance line first (what data, which filters and codebook), then each finding."""
    made = "; ".join(f"{escape(k)}: {escape(v)}" for k, v in provenance.items() if v not in ("", None))
    warning = f"'''{escape(msg('harvest-wiki-synthetic'))}'''\n\n" if synthetic else ""
    head = warning + "''" + escape(msg("harvest-wiki-made-with", "\x00")).replace("\x00", made) + "''"
    return "\n\n".join([f"= {escape(title)} =", head, *sections]).rstrip() + "\n"


def file_description(
    *, description: str, source: str, date: str, author: str, licence: str, synthetic: bool, language: str | None = None
) -> str:
    """A Commons file description page: the {{Information}} template and the licence the user chose."""
    if licence not in LICENCES:
        raise ValueError(f"licence must be one of {', '.join(LICENCES)}, not {licence!r}")
    said = escape(description) + (" " + escape(msg("harvest-wiki-synthetic")) if synthetic else "")
    lang = re.sub(r"[^a-z-]", "", (language or current()).lower()) or "en"
    return (
        "== {{int:filedesc}} ==\n"
        "{{Information\n"
        f"|description={{{{{lang}|1={said}}}}}\n"
        f"|date={escape(date)}\n"
        f"|source={escape(source)}\n"
        f"|author={escape(author)}\n"
        "}}\n\n"
        "== {{int:license-header}} ==\n"
        f"{{{{{licence}}}}}\n"
    )
