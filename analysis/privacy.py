"""Small-group privacy: counts of people below k in a breakdown by a sensitive attribute are never shown.

Groups under k are merged into one "fewer than k each" row; when that row alone would still be under k (so it could be
recovered from the total), the next-smallest groups are merged into it until it is not. So no shown number, and no
difference between a shown number and the total, reveals a group of fewer than k people.
"""

from __future__ import annotations

import pandas as pd

DEFAULT_K = 5


def merged_label(k: int) -> str:
    return f"Groups of fewer than {k} (merged)"


def suppress_small_groups(
    counts: pd.DataFrame, by: str | list[str], count: str = "people", k: int = DEFAULT_K
) -> pd.DataFrame:
    """Counts with every group under ``k`` merged (complementary merging as above).

    ``counts`` has one row per group (columns ``by`` and ``count``). Returns the same columns plus ``share`` (of the
    total) and ``merged`` (how many groups the row stands for). When the total itself is under k nothing is shown:
    one row, the merged label, with the count left empty.
    """
    keys = [by] if isinstance(by, str) else list(by)
    table = counts[counts[count] > 0].sort_values(count, ascending=False, kind="stable").reset_index(drop=True)
    total = int(table[count].sum())
    label = merged_label(k)
    if total == 0:
        return pd.DataFrame({**{key: [] for key in keys}, count: [], "share": [], "merged": []})
    if total < k:
        row = {key: label for key in keys} | {count: pd.NA, "share": pd.NA, "merged": len(table)}
        return pd.DataFrame([row]).astype({count: "Int64", "share": "Float64"})
    small = table[count] < k
    if small.any():
        # Merge from the smallest up until the merged group is at least k: then it hides its members and the rest.
        order = table.index[::-1]
        merged_idx = [i for i in order if small[i]]
        merged_total = int(table.loc[merged_idx, count].sum())
        rest = [i for i in order if not small[i]]
        while (merged_total < k) and rest:
            nxt = rest.pop(0)
            merged_idx.append(nxt)
            merged_total += int(table.loc[nxt, count])
        kept = table.drop(index=merged_idx)
        merged_row = {key: label for key in keys} | {count: merged_total}
        table = pd.concat([kept, pd.DataFrame([merged_row])], ignore_index=True)
        table["merged"] = [1] * len(kept) + [len(merged_idx)]
    else:
        table["merged"] = 1
    table[count] = table[count].astype("Int64")
    table["share"] = (table[count] / total).astype("Float64")
    return table.reset_index(drop=True)


def people_by_sensitive(people: pd.DataFrame, by: str | list[str], k: int = DEFAULT_K) -> pd.DataFrame:
    """Participants per value of a sensitive attribute (or a crossing of two attributes), small groups merged."""
    keys = [by] if isinstance(by, str) else list(by)
    if any(key not in people for key in keys):
        return pd.DataFrame(columns=[*keys, "people", "share", "merged"])
    frame = people[keys].astype("object").fillna("Not given")
    counts = frame.value_counts().rename("people").reset_index()
    return suppress_small_groups(counts, keys, "people", k)
