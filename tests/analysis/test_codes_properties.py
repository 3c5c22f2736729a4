"""Properties of the code counts every theme and coverage chart rests on, for any list of codes on any notes."""

import pandas as pd
import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from analysis.codes import code_frequency, coded_mask, note_codes

CODES = st.lists(st.sampled_from(["a", "b", "c", "KE1"]), max_size=4)


def notes(lists):
    return pd.DataFrame({"themes": pd.Series(lists, dtype=pd.ArrowDtype(pa.list_(pa.string())))})


@given(st.lists(CODES, max_size=30))
def test_code_counts_are_never_negative_and_each_note_counts_once_per_code(lists):
    freq = code_frequency(notes(lists), "themes")
    coded = sum(1 for codes in lists if codes)
    assert (freq["notes"] >= 0).all()
    for _, row in freq.iterrows():
        assert row["notes"] == sum(1 for codes in lists if row["code"] in codes)
        assert 0 <= row["share"] <= 1
        assert row["coded_notes"] == coded
    assert int(freq["notes"].sum()) == sum(len(set(codes)) for codes in lists)
    assert int(coded_mask(notes(lists), "themes").sum()) == coded
    assert len(note_codes(notes(lists), "themes")) == sum(len(set(codes)) for codes in lists)


THEMES = ["a", "b", "c", "KE1"]
NOTE = st.tuples(
    CODES,
    CODES,
    st.sampled_from(["NWE", "SSA", None]),
    st.sampled_from(["S1", "S2", None]),
    st.sampled_from(["T1", "T2", None]),
)


def frame(rows):
    """Notes with themes, direction, region, session and table, as the loader types them (categories, Arrow lists)."""
    lists = pd.ArrowDtype(pa.list_(pa.string()))
    return pd.DataFrame(
        {
            "themes": pd.Series([r[0] for r in rows], dtype=lists),
            "direction": pd.Series([r[1] for r in rows], dtype=lists),
            "region": pd.Series([r[2] for r in rows], dtype="category"),
            "session": pd.Series([r[3] for r in rows], dtype="category"),
            "table": pd.Series([r[4] for r in rows], dtype="category"),
        }
    )


@given(st.lists(NOTE, max_size=25), st.sampled_from([THEMES, ["b", "a"], ["c"]]))
def test_co_occurrence_counts_the_notes_holding_both_codes(rows, codes):
    from analysis.themes import co_occurrence

    grid = co_occurrence(frame(rows), codes).set_index(["code_a", "code_b"])
    for a in codes:
        for b in codes:
            assert grid.loc[(a, b), "notes"] == sum(1 for r in rows if a in r[0] and b in r[0])
            assert grid.loc[(a, b), "notes_a"] == sum(1 for r in rows if a in r[0])


@given(st.lists(NOTE, max_size=25))
def test_direction_coverage_and_who_spoke_count_notes_and_tables_by_hand(rows):
    from analysis.gaps import coverage, table_keys, who_spoke

    commitments = pd.DataFrame({"id": ["KE1", "a"], "pillar": "x", "pillar_label": "X", "label": ["One", "Two"]})
    notes = frame(rows)
    keys = [None if r[4] is None else f"{r[3] or ''} / {r[4]}" for r in rows]
    assert [None if pd.isna(k) else k for k in table_keys(notes)] == keys
    covered = coverage(notes, commitments).set_index("commitment")
    assert covered["all_tables"].iloc[0] == len({k for k in keys if k is not None})
    for code in {*commitments["id"], *(c for r in rows for c in r[1])}:
        assert covered.loc[code, "notes"] == sum(1 for r in rows if code in r[1])
        assert covered.loc[code, "tables"] == len(
            {k for k, r in zip(keys, rows, strict=True) if k is not None and code in r[1]}
        )
    who = who_spoke(notes, commitments, "region")
    for row in who.itertuples():
        region = None if row.region == "Not known" else row.region
        assert row.notes == sum(1 for r in rows if r[2] == region and row.commitment in r[1])
