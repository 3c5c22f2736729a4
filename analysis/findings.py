"""The strongest findings as sentences computed from the data (the Overview, the Present page's headlines)."""

from __future__ import annotations

import pandas as pd

from loaders.regions import REGIONS

from .codes import code_frequency
from .participation import representation, voice_gap


def pct(share: float) -> str:
    """45% / 5.5% / 0.4%: whole percent from 10% up, one decimal below."""
    value = share * 100
    return f"{value:.0f}%" if abs(value) >= 10 else f"{value:.1f}%"


def representation_sentences(people: pd.DataFrame, population: pd.DataFrame) -> list[str]:
    """The most over- and under-represented regions against world population."""
    table = representation(people, population)
    if table["people"].sum() == 0:
        return []
    over = table.loc[table["gap"].idxmax()]
    under = table.loc[table["gap"].idxmin()]
    return [f"{REGIONS[over['region']]}: {pct(over['people_share'])} of participants, "
            f"{pct(over['population_share'])} of world population.",
            f"{REGIONS[under['region']]}: {pct(under['people_share'])} of participants, "
            f"{pct(under['population_share'])} of world population."]


def top_theme_sentence(notes: pd.DataFrame, label) -> str | None:
    freq = code_frequency(notes, "themes")
    if freq.empty:
        return None
    top = freq.iloc[0]
    return (f"Most raised: {label(top['code'])}, on {pct(top['share'])} of the {int(top['coded_notes'])} "
            "coded notes.")


def blind_spot_sentence(notes: pd.DataFrame, commitments: pd.DataFrame) -> str | None:
    if notes.empty or commitments.empty:
        return None
    freq = code_frequency(notes, "direction").set_index("code")["notes"]
    counts = commitments.assign(notes=commitments["id"].map(freq).fillna(0).astype(int))
    low = counts.sort_values(["notes", "id"]).iloc[0]
    share = low["notes"] / len(notes)
    return (f"Least discussed commitment: {low['id']} “{low['label']}”, addressed by {int(low['notes'])} of "
            f"{len(notes)} notes ({pct(share)}).")


def voice_sentence(people: pd.DataFrame, notes: pd.DataFrame) -> str | None:
    gap = voice_gap(people, notes, "region")
    gap = gap[gap["region"].isin(list(REGIONS))]
    if gap.empty or gap["notes"].sum() == 0:
        return None
    low = gap.loc[gap["gap"].idxmin()]
    if low["gap"] >= 0:
        return None
    return (f"{REGIONS[low['region']]} made up {pct(low['people_share'])} of participants but wrote "
            f"{pct(low['notes_share'])} of the notes.")


def findings(notes: pd.DataFrame, people: pd.DataFrame, population: pd.DataFrame, codebook) -> list[str]:
    """Three or four sentences, strongest first; fewer when the selection is too small to say them."""
    out = representation_sentences(people, population)
    for sentence in (top_theme_sentence(notes, codebook.label), voice_sentence(people, notes),
                     blind_spot_sentence(notes, codebook.commitments)):
        if sentence:
            out.append(sentence)
    return out[:5]
