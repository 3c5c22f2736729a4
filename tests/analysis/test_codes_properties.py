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
