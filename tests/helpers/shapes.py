"""Exports of the shapes real ones take, written into a folder: the corpus every cross-surface test runs on.

- ``flat``: one Parquet file of notes, no participants table, no region; the "authors" are source labels, two of them
  plainly not people (``plenary``, ``table:youth``), as in the flat record of a 2017 session.
- ``no_region``: a participants table without regions or countries.
- ``no_commitments``: notes with themes but no direction codes at all.
- ``one_region``: every participant from one region.
- ``ten_notes``: ten notes by five people.
- ``two_events``: two sessions of different sizes and make-up.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample-wikicafe-2017-synthetic"
THEMES = [
    "healthy_inclusive_communities",
    "augmented_age",
    "truly_global_movement",
    "most_respected_source",
    "knowledge_ecosystem",
]
NEEDS = ["funding", "skills_training", "tools_infrastructure", "translation", "time_people"]
COMMITMENTS = ["KE1", "KE2", "KE3", "KE4", "KE5", "KS1", "KS2", "KS3"]
REGIONS = ["NWE", "CEE", "LAC", "SSA", "MENA", "SA", "ESEAP", "NA"]


def _notes(
    n: int, authors: list[str | None], rng: random.Random, *, direction: bool = True, session: str | None = None
) -> dict[str, list]:
    rows: dict[str, list] = {
        k: []
        for k in (
            "contribution_id",
            "text",
            "question",
            "round",
            "table",
            "participant_id",
            "language",
            "themes",
            "direction",
        )
    }
    for i in range(n):
        question = rng.choice(["Q1", "Q2", "Q3"])
        rows["contribution_id"].append(f"{session or 's'}-{i}")
        rows["text"].append(f"Note {i}: we need more {rng.choice(['funding', 'mentors', 'translation'])}.")
        rows["question"].append(question)
        rows["round"].append({"Q1": rng.choice([1, 2]), "Q2": 3, "Q3": rng.choice([4, 5])}[question])
        rows["table"].append(f"T{rng.randint(1, 4)}")
        rows["participant_id"].append(authors[i % len(authors)])
        rows["language"].append(rng.choice(["en", "es", "fr", "ar"]))
        codes = rng.sample(THEMES, rng.randint(0, 2))
        if question != "Q1":
            codes += rng.sample(NEEDS, rng.randint(0, 1))
        rows["themes"].append(codes)
        rows["direction"].append(rng.sample(COMMITMENTS, rng.randint(0, 2)) if direction else [])
    return rows


def _people(ids: list[str], rng: random.Random, regions: list[str] | None, session: str | None = None) -> dict:
    out: dict[str, list] = {
        "participant_id": ids,
        "community": [],
        "community_type": [],
        "gender": [],
        "age_band": [],
        "languages": [],
    }
    if regions is not None:
        out["region"] = [regions[i % len(regions)] for i in range(len(ids))]
    for _ in ids:
        out["community"].append(rng.choice(["Wikimedia Sverige", "Spanish Wikipedia", "Wikimujeres", "AfroCROWD"]))
        out["community_type"].append(rng.choice(["affiliate", "online community"]))
        out["gender"].append(rng.choice(["woman", "man", "non-binary"]))
        out["age_band"].append(rng.choice(["18-29", "30-44", "45-59"]))
        out["languages"].append(rng.sample(["en", "es", "fr", "ar", "sv"], 2))
    if session is not None:
        out["session"] = [session] * len(ids)
    return out


def flat(folder: Path) -> Path:
    rng = random.Random(1)
    labels = [f"person-{i}" for i in range(16)] + ["plenary", "table:youth"]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "wikicafe-record.parquet"
    rows = _notes(34, labels, rng)
    pq.write_table(pa.table(rows), path)
    return path


def no_region(folder: Path) -> Path:
    rng = random.Random(2)
    ids = [f"p{i}" for i in range(30)]
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(_notes(120, ids, rng)), folder / "contributions.parquet")
    people = _people(ids, rng, None)
    people["region"] = [None] * len(ids)
    pq.write_table(pa.table(people), folder / "participants.parquet")
    return folder


def no_commitments(folder: Path) -> Path:
    rng = random.Random(3)
    ids = [f"p{i}" for i in range(30)]
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(_notes(150, ids, rng, direction=False)), folder / "contributions.parquet")
    pq.write_table(pa.table(_people(ids, rng, REGIONS)), folder / "participants.parquet")
    return folder


def one_region(folder: Path) -> Path:
    rng = random.Random(4)
    ids = [f"p{i}" for i in range(25)]
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(_notes(100, ids, rng)), folder / "contributions.parquet")
    pq.write_table(pa.table(_people(ids, rng, ["SSA"])), folder / "participants.parquet")
    return folder


def ten_notes(folder: Path) -> Path:
    rng = random.Random(5)
    ids = [f"p{i}" for i in range(5)]
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(_notes(10, ids, rng)), folder / "contributions.parquet")
    pq.write_table(pa.table(_people(ids, rng, ["NWE", "SSA", "LAC"])), folder / "participants.parquet")
    return folder


def two_events(folder: Path) -> Path:
    rng = random.Random(6)
    folder.mkdir(parents=True, exist_ok=True)
    for session, size, regions in (("stockholm-2017", 60, REGIONS), ("online-2017", 25, ["SA", "ESEAP", "SSA"])):
        sub = folder / session
        sub.mkdir()
        ids = [f"{session}-p{i}" for i in range(size)]
        pq.write_table(pa.table(_notes(size * 4, ids, rng, session=session)), sub / "contributions.parquet")
        pq.write_table(pa.table(_people(ids, rng, regions)), sub / "participants.parquet")
    return folder


SHAPES: dict[str, Callable[[Path], Path]] = {
    "flat": flat,
    "no_region": no_region,
    "no_commitments": no_commitments,
    "one_region": one_region,
    "ten_notes": ten_notes,
    "two_events": two_events,
}


def write(name: str, folder: Path) -> Path:
    """The export of shape ``name`` (or the bundled sample for "sample") under ``folder``."""
    return SAMPLE if name == "sample" else SHAPES[name](folder / name)


def cafe(
    folder: Path,
    seed: int,
    *,
    authors: int = 80,
    regions: list[str] | None = None,
    notes_each: float = 5.0,
    quiet: tuple[str, float] | None = None,
    room: list[float] | None = None,
    theme_odds: dict[str, float] | None = None,
    late_theme: tuple[str, float] | None = None,
    direction_odds: dict[str, float] | None = None,
) -> Path:
    """A café export drawn at random, with no effect unless one is planted:

    - ``room``: the chance a person comes from each of ``regions`` (else all equally likely);
    - ``quiet`` (region, factor): that region's authors write ``factor`` times as many notes;
    - ``theme_odds``: the chance a note carries each strategy theme (else 0.3 each);
    - ``late_theme`` (theme, chance): that theme's chance in the last round instead;
    - ``direction_odds``: the chance a note addresses each commitment of the direction (else 0.15 each).
    """
    rng = np.random.default_rng(seed)
    regions = regions or REGIONS
    region_of = rng.choice(regions, size=authors, p=room)
    odds = theme_odds or {theme: 0.3 for theme in THEMES}
    rows: dict[str, list] = {
        k: [] for k in ("contribution_id", "text", "question", "round", "participant_id", "themes", "direction")
    }
    for a in range(authors):
        rate = notes_each * (quiet[1] if quiet and region_of[a] == quiet[0] else 1.0)
        for _ in range(int(rng.poisson(rate))):
            round_ = int(rng.integers(1, 6))
            chances = dict(odds)
            if late_theme and round_ == 5:
                chances[late_theme[0]] = late_theme[1]
            rows["contribution_id"].append(f"n{len(rows['text'])}")
            rows["text"].append("a note")
            rows["question"].append({1: "Q1", 2: "Q1", 3: "Q2", 4: "Q3", 5: "Q3"}[round_])
            rows["round"].append(round_)
            rows["participant_id"].append(f"p{a}")
            rows["themes"].append([t for t, p in chances.items() if rng.random() < p])
            rows["direction"].append([c for c in COMMITMENTS if rng.random() < (direction_odds or {}).get(c, 0.15)])
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(rows), folder / "contributions.parquet")
    pq.write_table(
        pa.table(
            {
                "participant_id": [f"p{a}" for a in range(authors)],
                "region": list(region_of),
                "community_type": rng.choice(["affiliate", "online community"], size=authors).tolist(),
            }
        ),
        folder / "participants.parquet",
    )
    return folder
