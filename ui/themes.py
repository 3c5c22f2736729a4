"""The Themes page's sections: codes the codebook does not name, which codes come up together, and the notes behind
a chosen code."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import themes
from analysis.escape import markdown as md
from analysis.messages import msg
from analysis.view import View
from analysis.vocabulary import FLAG
from charts import themes as charts

from . import cache
from .show import notes_behind, show_chart
from .state import choice


def unknown_codes(shown: View) -> None:
    """A warning naming the codes the notes carry that the codebook does not define, each with its notes."""
    unknown = cache.once("unknown", shown.key, themes.unknown_codes, shown.notes, shown.codebook.codes)
    if not len(unknown):
        return
    st.warning(
        md(msg("harvest-themes-unknown-codes", str(len(unknown)), shown.codebook.version)),
        icon=":material/warning:",
    )
    st.text(
        ", ".join(
            f"{FLAG}{code} ({msg('harvest-notes-count', int(n))})"
            for code, n in zip(unknown["code"], unknown["notes"], strict=True)
        )
    )


def together(shown: View, codes: tuple[str, ...], names: dict[str, str], one: str, many: str) -> None:
    """Which of ``codes`` the same notes raise together, as a heat map (or why there is nothing to pair)."""
    st.subheader(md(msg("harvest-themes-together-heading")))
    if len(codes) < 2:
        st.info(md(msg("harvest-themes-together-one", one)), icon=":material/search_off:")
        return
    pairs = cache.once("together", shown.key, themes.co_occurrence, shown.notes, codes)
    show_chart(
        charts.co_occurrence_heatmap(
            pairs,
            labels=names,
            title=msg("harvest-themes-together-title", many),
            n_text=msg("harvest-themes-together-n", one),
        ),
        pairs.assign(label_a=pairs["code_a"].map(names.get), label_b=pairs["code_b"].map(names.get)),
        key="themes-together",
        alt=themes.co_sentence(pairs, lambda c: names.get(c, c)),
        view=shown,
    )


def notes_section(shown: View, freq: pd.DataFrame, names: dict[str, str], one: str) -> None:
    """The notes behind the code chosen in a box (``?code=``, or a click on the frequency chart), searchable."""
    st.subheader(md(msg("harvest-themes-behind-heading", one)))
    chosen = choice(
        st.selectbox,
        "code",
        msg("harvest-themes-choose", one),
        list(freq["code"]),
        str(freq["code"].iloc[0]),
        format_func=names.get,
    )
    labels = dict(zip(shown.codebook.codes["id"], shown.codebook.codes["label"], strict=True))
    table = cache.once("behind", shown.key, themes.notes_with_code, shown.notes, chosen, lambda c: labels.get(c, c))
    notes_behind(
        table,
        key="themes-notes",
        what=msg("harvest-empty-notes"),
        view=shown,
        said=msg("harvest-themes-behind-said", names.get(chosen, chosen)),
    )
