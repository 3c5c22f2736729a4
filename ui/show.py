"""Showing things the Harvest way: a finding with its chart, sentence, numbers, CSV and images; notes to read; what a
link asked for that does not exist; and the one error boundary."""

from __future__ import annotations

import contextvars
import logging
import re
import traceback
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import messages, wikitext
from analysis.downloads import to_csv
from analysis.escape import markdown as md
from analysis.findings import Finding
from analysis.messages import msg
from analysis.view import View
from charts.images import chromium, image_bytes, install_hint

from .state import GROUPED, NOTES

log = logging.getLogger("harvest")
PLOTLY_CONFIG = {
    "displaylogo": False,
    "topojsonURL": "/app/static/topojson/",
    "toImageButtonOptions": {"format": "png", "width": 1920, "height": 1080, "scale": 1},
}
#: Rows a notes table shows: enough to read, few enough to send to a browser over a venue's wifi. The CSV has all.
MAX_ROWS_SHOWN = 1_000
DOCS = Path(__file__).resolve().parent.parent / "docs"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "chart"


def deferred(make: Callable[[], object]) -> Callable[[], object]:
    """``make`` for a download made when it is clicked (outside the page's run): it speaks the language in force now."""
    language = messages.current()

    def run() -> object:
        def speaking() -> object:
            messages.use(language)
            return make()

        return contextvars.Context().run(speaking)

    return run


def provenance(view: View, n_text: str, finding: Finding | None = None, codes: str | None = None) -> dict[str, object]:
    """What every CSV and image says about its numbers: the export (its name, never a server path), its fingerprint,
    the filters, the codebook, the codes counted, the n; and for a finding its sentence, test and caveats."""
    out: dict[str, object] = {
        "harvest export": view.source + (" (SYNTHETIC sample data)" if view.synthetic else ""),
        "fingerprint": view.fingerprint,
        "filters": view.filters.describe(),
        "codebook version": getattr(view.codebook, "version", ""),
        "codes counted": codes or view.codes_counted,
        "n": n_text,
    }
    if finding is not None:
        out.update({k: v for k, v in finding.provenance().items() if k != "n"})
    return out


def stamp(view: View, n_text: str, codes: str | None = None) -> str:
    """The one line every image and slide carries about its numbers, as plain text (never markup): the export's name
    (never a server path) and the first 8 characters of its fingerprint, the filters, the n and the codes counted.

    "Data: sample-wikicafe-2017-synthetic · 03e0136e · Filters: no filters (everything) · n: 81 participants ·
    Codes counted: facilitators' codes". Whether the data is the synthetic sample is said apart, as a badge."""
    return msg(
        "harvest-show-stamp",
        view.source,
        view.fingerprint[:8],
        view.filters.describe(),
        n_text,
        (codes or view.codes_counted).lower(),
    )


def show_finding(
    finding: Finding,
    chart: Callable[[Finding], go.Figure] | None,
    view: View,
    *,
    key: str,
    on_select="ignore",
    data: pd.DataFrame | None = None,
) -> None:
    """A finding as every page shows it: its chart (from its own table), its sentence, its caveats, and an expander
    with its numbers and intervals, a CSV and images; or, when it cannot be shown, why not."""
    if not finding.shown:
        st.info(md(finding.withheld), icon=":material/search_off:")
        return
    if chart is None:
        st.text(finding.sentence)
        return
    show_chart(
        chart(finding),
        finding.table if data is None else data,
        key=key,
        alt=finding.sentence,
        view=view,
        n_text=finding.n_text,
        finding=finding,
        on_select=on_select,
    )


def show_chart(
    fig: go.Figure,
    data: pd.DataFrame,
    *,
    key: str,
    alt: str,
    view: View,
    n_text: str | None = None,
    on_select="ignore",
    codes: str | None = None,
    finding: Finding | None = None,
) -> None:
    """The chart, its one-sentence finding as text, its caveats, and an expander with its numbers and a CSV.

    ``on_select`` (a callback) makes clicking a bar or point call it, as st.plotly_chart's on_select does.
    ``codes``: which codes the chart counts, when not the sidebar's "Codes counted" choice (the Codebook page)."""
    n_text = n_text or (fig.layout.meta or {}).get("n_text", "")
    st.plotly_chart(
        fig, theme=None, key=key, config=PLOTLY_CONFIG, alt=alt, on_select=on_select, selection_mode="points"
    )
    st.caption(md(alt))  # the sentence holds data (labels, names): shown as text, never as Markdown
    caveats = finding.caveats if finding is not None else (() if codes else view.caveats())
    for caveat in caveats:
        if not _synthetic_caveat(caveat, view):  # the page says so once, above it; CSVs and slides say it
            st.caption(md(caveat))
    with st.expander(md(msg("harvest-data-behind"))):
        st.dataframe(data, hide_index=True)
        st.download_button(
            md(msg("harvest-download-csv")),
            to_csv(data, provenance(view, n_text, finding, codes)),
            file_name=f"harvest-{_slug(key)}.csv",
            mime="text/csv",
            key=f"csv-{key}",
        )
        title = str((fig.layout.meta or {}).get("title") or key)
        st.download_button(
            md(msg("harvest-download-wikitext")),
            deferred(
                lambda: wikitext.page(
                    title,
                    provenance(view, n_text, None, codes),
                    [wikitext.section(title, alt, data, {"n": n_text} | _said(finding))],
                    synthetic=view.synthetic,
                )
            ),
            file_name=f"harvest-{_slug(key)}.wiki",
            mime="text/plain",
            key=f"wiki-{key}",
            on_click="ignore",
        )
        image_buttons(fig, key, stamp=stamp(view, n_text, codes), synthetic=view.synthetic)


def show_grid(finding: Finding, view: View, *, key: str, labels: dict[str, str], **heatmap) -> None:
    """A heat map of a finding's table (codes by group: charts.themes.heatmap's arguments), its cells under
    min_group_notes uncoloured, its sentence the finding's; the data view names each code by its label."""
    from charts.themes import heatmap as draw

    table = finding.table
    fig = draw(
        table, labels=labels, denominator="group_coded_notes", min_denominator=view.config.min_group_notes, **heatmap
    )
    show_chart(
        fig,
        table.assign(label=table["code"].map(labels.get)),
        key=key,
        alt=finding.sentence,
        view=view,
        finding=finding,
    )


def image_buttons(fig: go.Figure, key: str, *, stamp: str, synthetic: bool) -> None:
    """PNG and SVG at projector resolution (1920x1080) and projector type, with ``stamp`` (ui.show.stamp) drawn as
    their footer line and, for the synthetic sample, a SYNTHETIC DATA badge; rendered only when clicked. Without
    Chromium, what to install."""
    if chromium() is None:
        st.caption(md(install_hint()))
        return
    for column, (label, fmt, mime) in zip(
        st.columns(2),
        ((msg("harvest-download-png"), "png", "image/png"), (msg("harvest-download-svg"), "svg", "image/svg+xml")),
        strict=True,
    ):
        column.download_button(
            md(label),
            deferred(lambda fmt=fmt: image_bytes(fig, fmt, stamp=stamp, synthetic=synthetic)),
            file_name=f"harvest-{_slug(key)}.{fmt}",
            mime=mime,
            key=f"{fmt}-{key}",
            on_click="ignore",
        )


def notes_table(table: pd.DataFrame, *, key: str, what: str, view: View) -> None:
    """Notes to read (themes.readable_notes' columns): at most MAX_ROWS_SHOWN rows on the page, all in a CSV.

    At a million notes one code can have 100,000 notes behind it; sending them all to the browser on every rerun took
    seconds (benchmarks/). The CSV is made only when asked for."""
    from analysis.privacy import notes_withheld
    from analysis.themes import NOTE_HEADINGS

    reason = notes_withheld(view)
    if reason:
        st.info(md(reason), icon=":material/lock:")
        return
    shown = table.head(MAX_ROWS_SHOWN)
    st.dataframe(
        shown,
        key=key,
        hide_index=True,
        width="stretch",
        placeholder=msg("harvest-show-not-known"),
        column_config={
            "text": st.column_config.TextColumn(msg("harvest-show-note-column"), width="large"),
            **NOTE_HEADINGS,
        },
    )
    if len(table) > len(shown):
        st.caption(md(msg("harvest-show-first-rows", len(shown), len(table), what)))
    k = view.config.min_group_size
    st.caption(md(msg("harvest-show-anonymous", int(k))))
    # the label is our message with its one parameter from the data escaped (its Markdown source as before: tests read it)
    label = msg("harvest-show-download-notes", len(table), md(what))
    st.download_button(
        label,
        deferred(lambda: to_csv(table, provenance(view, f"{len(table):,} {what}"))),
        file_name=f"harvest-{_slug(key)}.csv",
        mime="text/csv",
        key=f"csv-{key}",
        on_click="ignore",
    )  # own markdown


def metrics(pairs: list[tuple[str, str]], per_row: int = 4) -> None:
    """Headline numbers as st.metric cells, ``per_row`` to a row; labels are the project's words (escaped still)."""
    for start in range(0, len(pairs), per_row):
        for cell, (label, value) in zip(st.columns(per_row), pairs[start : start + per_row], strict=False):
            cell.metric(md(label), value)


def notes_behind(
    table: pd.DataFrame,
    *,
    key: str,
    what: str,
    view: View,
    said: str,
    query: str | None = None,
    hide_empty: bool = False,
) -> str:
    """The notes behind a bar (themes.readable_notes' columns): a search of their text bound to the URL's ``search``
    (drawn here unless ``query`` is given: two tables may share one), "12 notes {said}" and how many the search
    keeps, and the table. Returns the search."""
    from analysis.themes import search_notes

    from .state import choice

    if query is None:
        query = choice(
            st.text_input,
            "search",
            msg("harvest-show-search"),
            None,
            "",
            placeholder=msg("harvest-show-search-placeholder"),
        )
    hits = search_notes(table, query)
    kept = msg("harvest-show-search-kept", len(hits), query.strip()) if query.strip() else "."
    st.text(msg("harvest-show-notes-said", len(table), said, kept))
    if not hits.empty:
        notes_table(hits, key=key, what=what, view=view)
    elif not hide_empty:
        empty_state(what)
    return query


#: What ``notices`` says about the values a link named (messages): groups shown merged, values not in this export.
NOTICE_GROUPED = "harvest-show-notice-grouped"
NOTICE_IGNORED = "harvest-show-notice-ignored"


def empty_state(what: str) -> None:
    st.info(md(msg("harvest-empty", what)), icon=":material/search_off:")


def notices() -> None:
    """Once, at the top of the page: what a link asked for that does not exist (filters, page controls, slides)."""
    for key, say, message, icon in (
        (GROUPED, st.info, NOTICE_GROUPED, ":material/lock:"),
        (NOTES, st.warning, NOTICE_IGNORED, ":material/warning:"),
    ):
        named = st.session_state.pop(key, None)
        if named:
            say(md(msg(message, "; ".join(dict.fromkeys(named)))), icon=icon)


def filters_caption(view: View, extra: str = "") -> None:
    """'Filters: …', the codes counted, and a page's own note about what filters do to it."""
    st.caption(
        md(msg("harvest-show-filters-caption", view.filters.describe(), view.codes_counted.lower()))
        + (f" {md(extra)}" if extra else "")
    )


def error_boundary(run) -> None:
    """Run a page: an unexpected error shows a short apology on screen and its traceback only in the server log."""
    try:
        run()
    except Exception:  # Streamlit's stop/rerun are BaseExceptions and pass through
        log.error("page failed\n%s", traceback.format_exc())
        st.error(md(msg("harvest-show-error")))


def definitions(doc: str) -> None:
    """The page's definitions (docs/<doc>.md, the project's own text) in an expander at the foot of the page, in the
    language in force when the team has translated them (docs/<language>/<doc>.md), else in English with a line
    saying so. The English text is the reference; a translation says which revision it follows."""
    language = messages.current()
    translated = DOCS / language / f"{doc}.md"
    path = translated if language != messages.DEFAULT and translated.exists() else DOCS / f"{doc}.md"
    text = path.read_text(encoding="utf-8") if path.exists() else msg("harvest-show-see-doc", f"docs/{doc}.md")
    with st.expander(md(msg("harvest-definitions"))):
        if language != messages.DEFAULT and path != translated:
            st.caption(md(msg("harvest-show-doc-in-english")))
        st.markdown(text)  # own markdown


def _synthetic_caveat(caveat: str, view: View) -> bool:
    """Whether a caveat is the one saying the data is the synthetic sample (view.caveats' last, in any language)."""
    own = view.caveats() if view.synthetic else ()
    return bool(own) and caveat == own[-1]


def _said(finding: Finding | None) -> dict[str, str]:
    """A finding's test and caveats, for a page of wikitext (its sentence is the section's own)."""
    return {k: v for k, v in (finding.provenance() if finding else {}).items() if k not in ("finding", "n")}
