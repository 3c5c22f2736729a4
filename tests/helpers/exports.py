"""Tiny exports written into a folder, for tests whose answers are worked out by hand: the one writer the tests share.

``write_export(root, notes, people)``: ``notes`` and ``people`` as a dict of columns or a list of rows (dicts). Missing
note columns get the defaults a café sheet has (an id, a text, table T01, language en); list columns (themes,
direction, languages) are lists of text; ``people=None`` writes no participants file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

LIST = pa.list_(pa.string())
LISTS = ("themes", "direction", "languages")
TEXT = (
    "contribution_id",
    "text",
    "question",
    "table",
    "participant_id",
    "language",
    "region",
    "country",
    "community",
    "community_type",
    "gender",
    "age_band",
    "session",
)
NUMBERS = ("round", "votes")

#: A codebook's codes for hand-worked tests: two themes, a need and a responsible party (keywords for the needs tests).
TINY_CODES = pd.DataFrame(
    {
        "id": ["health", "global", "funding", "resp_wmf"],
        "kind": ["theme", "theme", "need", "responsible"],
        "label": ["Healthy communities", "Global movement", "Funding", "The Foundation"],
        "description": ["Conduct", "Global South", "Money", "WMF"],
        "keywords": [
            {"en": ["harassment"]},
            {"en": ["global south"]},
            {"en": ["grant*", "money"], "es": ["beca*"], "sv": ["pengar"], "hi": ["पैसा"]},
            {"en": ["wmf"]},
        ],
    }
)
TINY_PEOPLE = [
    {"participant_id": "p1", "region": "NWE", "country": "SE", "community_type": "affiliate"},
    {"participant_id": "p2", "region": "SSA", "country": "KE", "community_type": "online community"},
]
#: Note texts that must stay text on every surface.
HOSTILE_TEXTS = ["<img src=x onerror=alert(1)>", "**bold** [link](http://example.com)", '=HYPERLINK("http://x")']


def _columns(table: dict | list[dict], defaults: bool) -> dict[str, list]:
    if isinstance(table, dict):
        columns = {k: list(v) for k, v in table.items()}
        n = len(next(iter(columns.values()))) if columns else 0
    else:
        n = len(table)
        names = list(dict.fromkeys(k for row in table for k in row))
        missing = {"language": "en", "table": "T01"} if defaults else {}  # what a row that does not say gets
        columns = {k: [row.get(k, missing.get(k)) for row in table] for k in names}
    if defaults:
        columns.setdefault("contribution_id", [f"c{i}" for i in range(1, n + 1)])
        columns.setdefault("text", [f"note {i}" for i in range(1, n + 1)])
        columns["text"] = [t if t is not None else f"note {i}" for i, t in enumerate(columns["text"], 1)]
        columns.setdefault("table", ["T01"] * n)
        columns.setdefault("language", ["en"] * n)
        for name in LISTS:
            if name in columns:
                columns[name] = [v if v is not None else [] for v in columns[name]]
    return columns


def _table(columns: dict[str, list]) -> pa.Table:
    def array(name: str, values: list) -> pa.Array:
        if name in LISTS:
            return pa.array(values, LIST)
        if name in TEXT:
            return pa.array(values, pa.string())
        if name in NUMBERS:
            return pa.array(values, pa.int64())
        return pa.array(values)

    return pa.table({name: array(name, values) for name, values in columns.items()})


def write_export(root: Path, notes: dict | list[dict], people: dict | list[dict] | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    pq.write_table(_table(_columns(notes, defaults=True)), root / "contributions.parquet")
    if people is not None:
        pq.write_table(_table(_columns(people, defaults=False)), root / "participants.parquet")
    return root
