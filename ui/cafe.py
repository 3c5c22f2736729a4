"""The Café page's idea-following section: the phrases travellers carried most, in the participants' own words, and
one idea's path from table to table (a phrase or a code)."""

from __future__ import annotations

import streamlit as st

from analysis import cafe
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
        st.write(
            "The phrases travellers brought most, in the participants' own words (two words written on at least "
            f"{cafe.MIN_PHRASE_NOTES:d} notes and raised at three or more later tables; listed by the share of those "
            "tables a traveller reached):"
        )
        st.dataframe(
            words.assign(share=words["share"].map(pct))[["also", "later", "by_traveller", "share"]].rename(
                columns={"also": "phrases", "later": "later tables", "by_traveller": "by a traveller"}
            ),
            hide_index=True,
        )
    ideas = {
        f"p:{code}": " / ".join(f"“{w}”" for w in also.split(", "))
        for code, also in zip(words["code"], words["also"], strict=True)
    }
    ideas |= {f"c:{code}": f"“{labels.get(code, code)}”" for code in cafe.travelled(found.arrivals)["code"]}
    if ideas:
        idea = choice(st.selectbox, "idea", "Follow an idea", list(ideas), next(iter(ideas)), format_func=ideas.get)
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
                title=f"Where did {ideas[idea]} go, table by table?",
                n_text=f"{len(spots):,} tables and rounds where it was raised",
            ),
            spots,
            key="cafe-path",
            alt=cafe.path_sentence(spots, ideas[idea]),
            view=shown,
        )
