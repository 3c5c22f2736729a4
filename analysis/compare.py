"""Several events side by side: who took part, which themes they raised and which commitments of the direction they
addressed, with a difference called out only when a test puts it beyond chance; and the events in time order.

An event is a session of the export (docs/data-format.md). Filters and the codebook are the view's, shared by every
event. Privacy: events are compared only when each holds at least k participants, since the whole export is shown
elsewhere and a small event's numbers would be the whole's minus the others'. Definitions: docs/analysis/compare.md.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import gaps, stats, themes
from .findings import Finding, withheld
from .messages import msg, number
from .vocabulary import pct

#: participation()'s columns: identifiers (tests and CSVs read them); a page shows them as COLUMNS' messages say.
COLUMNS = {
    "event": "harvest-compare-column-event",
    "first note": "harvest-compare-column-first-note",
    "participants": "harvest-compare-column-participants",
    "notes": "harvest-compare-column-notes",
    "notes per participant": "harvest-compare-column-per-participant",
    "regions": "harvest-compare-column-regions",
    "languages of the notes": "harvest-compare-column-languages",
}


def not_recorded() -> str:
    """The word for a value an event's export does not record (never 0), in the language in force."""
    return msg("harvest-compare-not-recorded")


def __getattr__(name: str):
    """NOT_RECORDED, once a constant, is the word in the language in force when it is read."""
    if name == "NOT_RECORDED":
        return not_recorded()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _sessions(view) -> list[str]:
    """The events in view, in time order when their notes carry times (first note first; events without times
    last), else by name."""
    notes = view.notes
    if "session" not in notes:
        return []
    names = sorted({str(s) for s in notes["session"].dropna().unique()})
    if "submitted_at" not in notes or not notes["submitted_at"].notna().any():
        return names
    first = notes.groupby(notes["session"].astype(str), observed=True)["submitted_at"].min()
    return sorted(names, key=lambda s: (pd.isna(first.get(s)), str(first.get(s)), s))


def in_time_order(view) -> bool:
    """Whether the events' order is their time order (their notes carry times)."""
    return "submitted_at" in view.notes and bool(view.notes["submitted_at"].notna().any())


def too_small(view) -> str | None:
    """Why no comparison is shown (an event under k participants, or fewer than two events), or None."""
    k = view.config.min_group_size
    events = _sessions(view)
    if len(events) < 2:
        return msg("harvest-compare-one-event")
    people = view.people.groupby(view.people["session"].astype(str), observed=True)["participant_id"].nunique()
    small = [e for e in events if people.get(e, 0) < k]
    if small:
        return msg("harvest-compare-too-small", int(k), len(small), len(events))
    return None


def participation(view) -> pd.DataFrame:
    """Per event: when (first and last note, when recorded), participants, notes, notes per participant, regions
    and languages represented; "not recorded" where the event's export lacks the dimension. The columns are
    identifiers (COLUMNS names them for a reader); counts are written the language's way."""
    notes, people = view.notes, view.people
    missing = not_recorded()
    rows = []
    for event in _sessions(view):
        n = notes[notes["session"].astype(str) == event]
        p = people[people["session"].astype(str) == event]
        times = n["submitted_at"].dropna() if "submitted_at" in n else pd.Series(dtype=object)
        regions = p["region"].dropna().astype(str).nunique() if "region" in p else 0
        languages = n["language"].dropna().astype(str).nunique() if "language" in n else 0
        rows.append(
            {
                "event": event,
                "first note": times.min().strftime("%Y-%m-%d") if len(times) else missing,
                "participants": number(int(p["participant_id"].nunique())),
                "notes": number(len(n)),
                "notes per participant": number(float(f"{len(n) / max(p['participant_id'].nunique(), 1):.1f}"), 1),
                "regions": number(regions) if regions else missing,
                "languages of the notes": number(languages) if languages else missing,
            }
        )
    return pd.DataFrame(rows)


def _test(table: pd.DataFrame, events: list[str], comparisons: int, config) -> stats.Test:
    """Fisher's exact test for two events, a chi-square test of homogeneity for more (Bonferroni over the codes)."""
    counts = table.set_index("event").reindex(events)
    carrying, totals = counts["notes"].to_numpy(int), counts["coded_notes"].to_numpy(int)
    if len(events) == 2:
        return stats.two_groups_test(
            carrying[0],
            totals[0],
            carrying[1],
            totals[1],
            comparisons,
            alpha=config.alpha,
            min_n=config.min_group_notes,
        )
    from scipy.stats import chi2_contingency

    name = msg("harvest-compare-chi-square", len(events), int(comparisons))
    n = int(totals.min()) if len(totals) else 0
    grid = np.vstack([carrying, totals - carrying])
    if n < config.min_group_notes or (grid.sum(axis=1) == 0).any():
        return stats.Test(name, None if n < config.min_group_notes else 1.0, n, config.alpha, config.min_group_notes)
    p = chi2_contingency(grid).pvalue
    return stats.Test(name, min(1.0, p * comparisons), n, config.alpha, config.min_group_notes)


def _compared(view, table: pd.DataFrame, label, what: str, title: str, id: str) -> Finding:
    """A per (code, event) table with its shares and intervals, a test per code, and the sentence: the codes whose
    share differs between the events beyond chance, or that none does. ``what`` is "themes" or "commitments": it
    chooses the messages (harvest-compare-*-themes, -commitments)."""
    events = _sessions(view)
    order = {event: i for i, event in enumerate(events)}  # every chart and CSV lists the events in time order
    table = table.assign(_order=table["event"].map(order)).sort_values(["_order"], kind="stable").drop(columns="_order")
    codes = list(dict.fromkeys(table["code"]))
    tests = {code: _test(table[table["code"] == code], events, len(codes), view.config) for code in codes}
    table = table.assign(share=table["notes"] / table["coded_notes"].where(table["coded_notes"] > 0))
    table = stats.with_intervals(table, "notes", "coded_notes")
    table["differs"] = table["code"].map(lambda c: tests[c].passes)
    table["test"] = table["code"].map(lambda c: tests[c].describe())
    beyond = [c for c in codes if tests[c].passes]
    if beyond:
        parts = []
        for code in beyond[:3]:
            shares = table[table["code"] == code].set_index("event")["share"]
            at = msg("harvest-compare-comma").join(msg("harvest-compare-share-at", pct(shares[e]), e) for e in events)
            parts.append(msg("harvest-compare-code-shares", label(code), at))
        listed = msg("harvest-compare-semicolon").join(parts)
        if len(beyond) > 3:
            listed = msg("harvest-compare-and-more", listed, len(beyond) - 3)
        sentence = msg(f"harvest-compare-differ-{what}", len(beyond), len(codes), listed)
    elif not any(t.enough for t in tests.values()):
        sentence = msg(f"harvest-compare-too-few-{what}", int(view.config.min_group_notes))
    else:
        sentence = msg(f"harvest-compare-no-difference-{what}")
    n_text = msg(f"harvest-compare-n-{what}")
    test = next((tests[c] for c in beyond), next(iter(tests.values()), None))
    return Finding(id, title, sentence, table, n_text, view.caveats(), test)


def themes_compared(view) -> Finding:
    """Each strategy theme's share of an event's theme-coded notes, event by event."""
    title = msg("harvest-compare-themes-title")
    reason = too_small(view)
    if reason:
        return withheld("compare_themes", title, reason, view)
    codes = list(view.codebook.ids("theme"))
    grid = themes.theme_by(view.notes, codes, "session")
    table = grid.rename(columns={"group": "event", "group_coded_notes": "coded_notes"})
    table = table[table["event"].isin(_sessions(view))][["code", "event", "notes", "coded_notes"]]
    return _compared(view, table, view.codebook.label, "themes", title, "compare_themes")


def direction_compared(view) -> Finding:
    """Each commitment's share of an event's direction-coded notes, event by event."""
    title = msg("harvest-compare-direction-title")
    reason = too_small(view)
    if reason:
        return withheld("compare_direction", title, reason, view)
    commitments = view.codebook.commitments
    rows = []
    for event in _sessions(view):
        covered = gaps.coverage(view.notes[view.notes["session"].astype(str) == event], commitments)
        covered = covered[covered["level"] == "commitment"] if "level" in covered else covered
        for _, row in covered.iterrows():
            rows.append((row["commitment"], event, int(row["notes"]), int(row["coded_notes"])))
    table = pd.DataFrame(rows, columns=["code", "event", "notes", "coded_notes"])
    if not len(table) or not table["coded_notes"].any():
        return withheld("compare_direction", title, msg("harvest-compare-no-commitment"), view)
    return _compared(view, table, view.codebook.label, "commitments", title, "compare_direction")
