"""The Roles and resources page's sections: one kind of code (needs, or who is responsible) with its chart and its
breakdown by group, and the notes behind a chosen code (coded, and named but not coded)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from analysis import findings, needs, themes
from analysis.escape import markdown as md
from analysis.messages import msg
from analysis.view import View
from charts import needs as charts

from . import cache
from .show import notes_behind, show_chart, show_grid
from .state import choice, pick_from_chart


def kind_section(shown: View, kind: str, scoped: pd.DataFrame, scope: str, where: str, by: str, auto) -> None:
    """How often the notes ``where`` (in the language in force) raise each code of ``kind`` ("need" or
    "responsible"), the named-but-not-coded needs beside them, and which group leads on each."""
    codes = shown.codebook.codes
    label = dict(zip(codes["id"], codes["label"], strict=True)).get
    st.subheader(md(msg(f"harvest-roles-{kind}-heading")))
    found = cache.once(
        f"{kind}-{scope}", shown.key, findings.frequency, shown, (kind,), scoped, where=where, id=f"{kind}s"
    )
    if not found.shown:
        st.info(md(found.withheld), icon=":material/search_off:")
        return
    named = (
        cache.once(f"named-{scope}", shown.key, needs.named_not_coded, scoped, codes, kind, auto=auto)
        if kind == "need"
        else None
    )
    extra = msg("harvest-roles-named-extra") if named is not None else ""
    freq = found.table
    data = freq if named is None else freq.merge(named[["code", "named_not_coded", "uncoded_notes"]], on="code")
    show_chart(
        charts.needs_bar(freq, named=named, title=msg(f"harvest-roles-{kind}-title"), n_text=found.n_text + extra),
        data,
        key=f"needs-{kind}",
        alt=found.sentence,
        view=shown,
        n_text=found.n_text,
        finding=found,
        on_select=pick_from_chart(f"needs-{kind}", "code", "url_code"),
    )
    group = by.replace("_", "-")  # region, community-type: each has its own sentences (a noun's gender differs)
    noun = themes.grouping_noun(by)  # analysis' own word for the group, in its finding
    table = cache.once(f"{kind}-by-{by}-{scope}", shown.key, needs.need_by, scoped, codes, by, kind)
    leader = cache.once(
        f"{kind}-leader-{by}-{scope}", shown.key, findings.leading_group, shown, table, noun, label, by=by
    )
    show_grid(
        leader,
        shown,
        key=f"needs-{kind}-by-{by}",
        labels=dict(zip(freq["code"], freq["label"], strict=True)),
        rows="group",
        columns="code",
        y_title=msg(f"harvest-filter-{group}"),
        title=msg(f"harvest-roles-{kind}-by-{group}"),
        x_title=msg(f"harvest-roles-axis-{kind}"),
        n_text=msg(f"harvest-roles-by-n-{group}", where),
    )


def notes_section(shown: View, scoped: pd.DataFrame, scope: str, where: str, auto) -> None:
    """The notes behind a chosen need or responsible party (``?code=``): those coded with it, and for a need those
    that name it without being coded, searched together."""
    codes = shown.codebook.codes
    label: Callable[[str], str] = dict(zip(codes["id"], codes["label"], strict=True)).get
    st.subheader(md(msg("harvest-roles-behind-heading")))
    options = list(codes.loc[codes["kind"].isin(["need", "responsible"]), "id"])
    kind_of = dict(zip(codes["id"], codes["kind"], strict=True))
    chosen = choice(
        st.selectbox,
        "code",
        msg("harvest-roles-choose"),
        options,
        options[0],
        format_func=lambda c: msg(
            f"harvest-roles-option-{'need' if kind_of[c] == 'need' else 'responsible'}", label(c)
        ),
    )
    coded = cache.once(f"behind-{scope}", shown.key, themes.notes_with_code, scoped, chosen, lambda c: label(c) or c)
    query = notes_behind(
        coded,
        key="needs-coded-notes",
        what=msg("harvest-roles-coded-notes"),
        view=shown,
        said=msg("harvest-roles-coded-said", where, label(chosen)),
    )
    if kind_of[chosen] != "need":
        return
    named = cache.once(
        f"named-notes-{scope}",
        shown.key,
        needs.named_not_coded_notes,
        scoped,
        codes,
        chosen,
        lambda c: label(c) or c,
        auto=auto,
    )
    notes_behind(
        named,
        key="needs-named-notes",
        what=msg("harvest-roles-named-notes"),
        view=shown,
        query=query,
        hide_empty=True,
        said=msg("harvest-roles-named-said", where, label(chosen)),
    )
