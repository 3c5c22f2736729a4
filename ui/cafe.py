"""The Café page's idea-following section: the phrases travellers carried most, in the participants' own words, and
one idea's path from table to table (a phrase or a code)."""

from __future__ import annotations

import streamlit as st

from analysis import cafe
from analysis.escape import markdown as md
from analysis.messages import msg
from analysis.vocabulary import pct
from charts import cafe as charts

from . import cache
from .show import show_chart
from .state import choice


def follow_an_idea(found: cafe.Cafe, shown) -> None:
    """The table of travelling phrases and the chosen idea's path (``?idea=p:<phrase>`` or ``c:<code>``)."""
    labels = dict(zip(shown.codebook.codes["id"], shown.codebook.codes["label"], strict=True))
    seated = found.seated if found.seating_recorded else None
    words = cache.once("cafe-phrases", shown.key, cafe.travelling_phrases, shown.notes, seated)
    if len(words):
        st.write(md(msg("harvest-cafe-phrases-intro", cafe.MIN_PHRASE_NOTES)))
        columns = {"also": "phrases", "later": "later-tables", "by_traveller": "by-traveller", "share": "share"}
        st.dataframe(
            words.assign(share=words["share"].map(pct))[list(columns)].rename(
                columns={column: msg(f"harvest-cafe-column-{name}") for column, name in columns.items()}
            ),
            hide_index=True,
        )
    ideas = {  # the participants' words and the codebook's labels, quoted the language's way
        f"p:{code}": " / ".join(msg("harvest-cafe-quoted", w) for w in also.split(", "))
        for code, also in zip(words["code"], words["also"], strict=True)
    }
    ideas |= {
        f"c:{code}": msg("harvest-cafe-quoted", labels.get(code, code))
        for code in cafe.travelled(found.arrivals)["code"]
    }
    if ideas:
        idea = choice(
            st.selectbox, "idea", msg("harvest-cafe-follow"), list(ideas), next(iter(ideas)), format_func=ideas.get
        )
        kind, code = idea.split(":", 1)
        if kind == "p":
            spots = cafe.path(
                cache.once(f"cafe-phrase-{code}", shown.key, cafe.phrase_arrivals, shown.notes, seated, code), code
            )
        else:
            spots = cafe.path(found.arrivals, code)
        show_chart(
            charts.path(
                spots,
                title=msg("harvest-cafe-path-title", ideas[idea]),
                n_text=msg("harvest-cafe-path-n", len(spots)),
            ),
            spots,
            key="cafe-path",
            alt=cafe.path_sentence(spots, ideas[idea]),
            view=shown,
        )
