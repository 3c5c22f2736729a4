"""The Codebook page's sentences, computed from its tables."""

from __future__ import annotations

import pandas as pd


def counts_sentence(counts: pd.DataFrame, what: str = "code") -> str:
    """The most frequent code with its facilitator/auto split, and how much the auto-coder adds overall."""
    if counts.empty or counts["total"].sum() == 0:
        return f"No note carries a {what} yet."
    top = counts.sort_values("total", ascending=False, kind="stable").iloc[0]
    added = int(counts["auto"].sum())
    return (
        f"{top['label']} is the most frequent {what}: {int(top['total'])} notes, {int(top['facilitators'])} "
        f"coded by facilitators and {int(top['auto'])} by the auto-coder. Across all {what}s the auto-coder adds "
        f"{added} code{'s' if added != 1 else ''} to notes the facilitators left uncoded."
    )


def evaluation_sentence(summary: pd.Series, what: str = "codes") -> str:
    """One column's evaluation in words."""
    from analysis.vocabulary import pct

    if not summary["evaluated_notes"]:
        return f"No note has facilitator {what}, so the auto-coder cannot be compared with them."
    precision = "–" if pd.isna(summary["precision"]) else pct(summary["precision"])
    return (
        f"On the {int(summary['evaluated_notes'])} notes facilitators coded, the auto-coder finds "
        f"{pct(summary['recall'])} of their {what} (recall), {precision} of the {what} it gives agree with "
        f"theirs (precision), and it finds at least one of their {what} on {pct(summary['any_share'])} of the "
        "notes."
    )


def words_sentence(words: pd.DataFrame, unmatched_notes: int) -> str:
    """The top words of the notes the codebook misses, as a prompt."""
    if words.empty:
        return "The notes the codebook misses have no frequent words left once stop words are removed."
    top = ", ".join(f"“{w}” ({n})" for w, n in zip(words["word"].head(5), words["notes"].head(5), strict=True))
    return f"In the {unmatched_notes} notes no theme code covers, the most frequent words are {top}."
