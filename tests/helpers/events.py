"""An export of two events (sessions) whose shares are counted by hand, shared by the Compare tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.helpers.exports import write_export
from tests.helpers.views import view_at

AA, KE = "augmented_age", "knowledge_ecosystem"


def two_events(root: Path, a_first: int, b_first: int, *, notes: int = 20, people: int = 6, times=True, **extra):
    """Events A and B of ``people`` each and ``notes`` notes each: the first ``a_first`` (``b_first``) notes of A
    (B) carry AA, the rest KE. B's notes are a day earlier than A's when ``times``."""
    rows, persons = [], []
    for event, first, day in (("cafe-a", a_first, "2017-11-05"), ("cafe-b", b_first, "2017-11-04")):
        persons += [
            {"session": event, "participant_id": f"{event}-{i}", "region": "NWE" if i % 2 else "SSA"}
            for i in range(people)
        ]
        for j in range(notes):
            row = {"session": event, "participant_id": f"{event}-{j % people}", "round": 1}
            row["themes"] = [AA] if j < first else [KE]
            row["direction"] = ["KE1"] if j < first else []
            if times:
                row["submitted_at"] = pd.Timestamp(f"{day} 10:00", tz="UTC") + pd.Timedelta(minutes=j)
            rows.append(row | extra)
    return view_at(write_export(root, rows, persons), k=5)
