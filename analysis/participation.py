"""Who was in the room, whose words were recorded, and how the room compares with the world."""

from __future__ import annotations

import pandas as pd

NOT_KNOWN = "Not known"


def _counts(frame: pd.DataFrame, by: str, name: str) -> pd.DataFrame:
    if by in frame:
        column = frame[by].astype("object").where(frame[by].notna(), NOT_KNOWN)
    else:
        column = pd.Series(NOT_KNOWN, index=frame.index, dtype="object")
    counts = column.value_counts(sort=False)
    out = counts.rename_axis(by).reset_index(name=name)
    if isinstance(frame.get(by, pd.Series(dtype=object)).dtype, pd.CategoricalDtype):
        order = [str(c) for c in frame[by].cat.categories] + [NOT_KNOWN]
        out = out.set_index(by).reindex(order, fill_value=0).reset_index()
        if by != "region":
            out = out[out[name] > 0]
    out[name] = out[name].astype("int64")
    total = out[name].sum()
    out[f"{name}_share"] = out[name] / total if total else 0.0
    return out.reset_index(drop=True)


def people_by(people: pd.DataFrame, by: str = "region") -> pd.DataFrame:
    """Participants per group: columns <by>, people, people_share (of all participants shown). Missing -> 'Not known'."""
    return _counts(people, by, "people")


def notes_by(notes: pd.DataFrame, by: str = "region") -> pd.DataFrame:
    """Notes per group of their authors: columns <by>, notes, notes_share. Anonymous notes fall in 'Not known'."""
    return _counts(notes, by, "notes")


def voice_gap(people: pd.DataFrame, notes: pd.DataFrame, by: str = "region") -> pd.DataFrame:
    """Share of notes minus share of participants, per group.

    A positive gap means a group's words were recorded more than its headcount suggests. One row per group seen in
    either table: people, notes, people_share, notes_share, gap. Groups with no notes stay, at 0. Regions keep their
    fixed order; other groups are sorted by people.
    """
    merged = people_by(people, by).merge(notes_by(notes, by), on=by, how="outer")
    for name in ("people", "notes"):
        merged[name] = merged[name].fillna(0).astype("int64")
    for name in ("people_share", "notes_share"):
        merged[name] = merged[name].fillna(0.0)
    merged["gap"] = merged["notes_share"] - merged["people_share"]
    merged = merged[(merged["people"] > 0) | (merged["notes"] > 0) | (merged[by] != NOT_KNOWN)]
    if by == "region":
        from loaders.regions import REGION_IDS

        order = {r: i for i, r in enumerate([*REGION_IDS, NOT_KNOWN])}
        merged = merged.sort_values(by, key=lambda s: s.map(order))
    else:
        merged = merged.sort_values(["people", "notes"], ascending=False)
    return merged.reset_index(drop=True)


def representation(people: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Participant share per region next to world population share: region, people, people_share, population_share,
    gap (people_share - population_share, in shares of 1). People whose region is not known are left out of the
    denominator, since the reference has no such group; ``known_people`` says how many were counted."""
    known = people[people["region"].notna()] if "region" in people else people.iloc[:0]
    counts = known["region"].astype("object").value_counts()
    out = population[["region", "population_share"]].copy()
    out["people"] = out["region"].map(counts).fillna(0).astype("int64")
    total = int(out["people"].sum())
    out["people_share"] = out["people"] / total if total else 0.0
    out["gap"] = out["people_share"] - out["population_share"]
    out["known_people"] = total
    return out[["region", "people", "people_share", "population_share", "gap", "known_people"]]


def distinct_languages(notes: pd.DataFrame, people: pd.DataFrame) -> int:
    """Languages in the room: spoken by participants (their `languages`) or written in notes, counted once each."""
    found: set[str] = set()
    if "languages" in people and len(people):
        import pyarrow as pa
        import pyarrow.compute as pc

        arr = pa.array(people["languages"])
        found.update(v for v in pc.unique(pc.list_flatten(arr)).to_pylist() if v)
    if "language" in notes:
        found.update(str(v) for v in notes["language"].dropna().unique())
    return len({v.split("-")[0].lower() for v in found})


def headline(notes: pd.DataFrame, people: pd.DataFrame) -> dict[str, float]:
    """The overview's numbers. notes_per_participant divides notes by participants (anonymous notes included);
    anonymous_share is the share of notes with no participant id."""
    n_people, n_notes = len(people), len(notes)
    anonymous = int(notes["participant_id"].isna().sum()) if "participant_id" in notes else n_notes

    def distinct(column: str) -> int:
        values = set()
        for frame in (people, notes) if column != "region" else (people,):
            if column in frame:
                values.update(str(v) for v in frame[column].dropna().unique())
        return len(values)

    return {
        "participants": n_people,
        "countries": distinct("country"),
        "regions": distinct("region"),
        "communities": distinct("community"),
        "languages": distinct_languages(notes, people),
        "notes": n_notes,
        "notes_per_participant": n_notes / n_people if n_people else 0.0,
        "anonymous_share": anonymous / n_notes if n_notes else 0.0,
    }
