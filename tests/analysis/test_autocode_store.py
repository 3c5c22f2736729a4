"""The auto-coder's index kept on disk (analysis/autocode/index.py, stored_index): the same codes as a fresh index,
never trusted when stale or damaged, and a new one for a changed codebook or export."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from analysis import autocode as ac
from analysis import needs
from analysis.autocode import index as stored
from analysis.filters import Filters, apply_filters
from loaders import load_export
from loaders.codebook import load_codebook

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample-wikicafe-2017-synthetic"
pytestmark = pytest.mark.skipif(
    not (SAMPLE / "contributions.parquet").exists(), reason="the sample export is not generated yet"
)


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


@pytest.fixture(scope="module")
def export():
    return load_export(SAMPLE)


def key_of(export) -> str:
    return f"{export.path}|{export.fingerprint}"


def files(folder: Path) -> list[Path]:
    return sorted(folder.glob("autoindex-*.npz"))


def from_disk(index: ac.AutoIndex) -> bool:
    """An index read back from disk holds read-only arrays; one just built does not."""
    return not index.bits["themes"].flags.writeable


def same_everywhere(notes: pd.DataFrame, people: pd.DataFrame, a: ac.AutoIndex, b: ac.AutoIndex, codebook) -> None:
    """Every number and list the pages take from an index is the same from ``a`` and ``b``."""
    view, _ = apply_filters(notes, people, Filters(region=("NWE", "SSA")))
    for frame in (notes, view):
        for mode in ("both", "auto"):
            pd.testing.assert_frame_equal(ac.with_auto_codes(frame, a, mode), ac.with_auto_codes(frame, b, mode))
        for column in ("themes", "direction"):
            assert a.space[column] == b.space[column]
            assert np.array_equal(a.bits_for(frame, column), b.bits_for(frame, column))
        pd.testing.assert_frame_equal(ac.coverage(frame, a), ac.coverage(frame, b))
        pd.testing.assert_frame_equal(ac.counts_by_source(frame, a, codebook), ac.counts_by_source(frame, b, codebook))
        pd.testing.assert_frame_equal(ac.evaluate(frame, a, codebook), ac.evaluate(frame, b, codebook))
        pd.testing.assert_frame_equal(ac.evaluation_summary(frame, a), ac.evaluation_summary(frame, b))
        pd.testing.assert_frame_equal(ac.unmatched(frame, a), ac.unmatched(frame, b))
        for code in list(codebook.codes["id"])[:4]:
            pd.testing.assert_frame_equal(
                ac.code_examples(frame, a, code, "themes"), ac.code_examples(frame, b, code, "themes")
            )
        named = needs.named_not_coded(frame, codebook.codes, "need", auto=a)
        pd.testing.assert_frame_equal(named, needs.named_not_coded(frame, codebook.codes, "need", auto=b))
        code = named.sort_values("named_not_coded")["code"].iloc[-1]
        pd.testing.assert_frame_equal(
            needs.named_not_coded_notes(frame, codebook.codes, code, auto=a),
            needs.named_not_coded_notes(frame, codebook.codes, code, auto=b),
        )


def test_the_stored_index_gives_the_codes_of_a_fresh_one(tmp_path, export, codebook):
    notes = export.contributions
    fresh = ac.build_index(notes, codebook)
    first = stored.stored_index(notes, codebook, tmp_path, key_of(export))  # built, then stored
    assert not from_disk(first) and len(files(tmp_path)) == 1
    again = stored.stored_index(notes, codebook, tmp_path, key_of(export))  # read back
    assert from_disk(again)
    assert np.array_equal(again.kw_offsets, fresh.kw_offsets) and np.array_equal(again.kw, fresh.kw)
    for column in ("themes", "direction"):
        assert np.array_equal(again.found[column], fresh.found[column])
        assert np.array_equal(again.code_offsets[column], fresh.code_offsets[column])
        assert np.array_equal(again.code_values[column], fresh.code_values[column])
    same_everywhere(notes, export.participants, fresh, again, codebook)


@pytest.mark.parametrize(
    "damage",
    ["flip a byte", "truncate", "garbage", "empty"],
)
def test_a_corrupt_stored_index_is_rebuilt_never_trusted(tmp_path, export, codebook, damage):
    notes = export.contributions
    stored.stored_index(notes, codebook, tmp_path, key_of(export))
    (path,) = files(tmp_path)
    data = bytearray(path.read_bytes())
    if damage == "flip a byte":
        data[len(data) // 2] ^= 0xFF  # inside an array: its CRC-32 no longer matches
    elif damage == "truncate":
        data = data[: len(data) // 3]
    elif damage == "garbage":
        data = bytearray(os.urandom(len(data)))
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    key = f"{key_of(export)}|{ac.codebook_key(codebook)}"
    assert stored.load_index(path, notes, codebook, key, stored.notes_signature(notes)) is None
    rebuilt = stored.stored_index(notes, codebook, tmp_path, key_of(export))
    assert not from_disk(rebuilt)  # made again from the notes
    same_everywhere(notes, export.participants, ac.build_index(notes, codebook), rebuilt, codebook)
    assert from_disk(stored.stored_index(notes, codebook, tmp_path, key_of(export)))  # and stored whole again


def test_a_stale_stored_index_is_rebuilt(tmp_path, export, codebook):
    """An index stored under the same key but for other notes (a file rewritten in place with the same size and
    time, say) is not used: the notes' signature differs."""
    notes = export.contributions
    other = notes.iloc[::-1].reset_index(drop=True)  # the same notes in another order: other texts per row
    stored.stored_index(other, codebook, tmp_path, key_of(export))
    assert len(files(tmp_path)) == 1
    index = stored.stored_index(notes, codebook, tmp_path, key_of(export))
    assert not from_disk(index)
    same_everywhere(notes, export.participants, ac.build_index(notes, codebook), index, codebook)


def test_a_changed_codebook_or_export_gets_its_own_index(tmp_path, export, codebook):
    notes = export.contributions
    stored.stored_index(notes, codebook, tmp_path, key_of(export))
    other = SimpleNamespace(
        version="other",
        codes=codebook.codes.assign(keywords=[{"en": ["talked"]}] * len(codebook.codes)),
        commitments=codebook.commitments,
    )
    changed = stored.stored_index(notes, other, tmp_path, key_of(export))
    assert not from_disk(changed) and len(files(tmp_path)) == 2
    assert changed.matcher.key == ac.codebook_key(other)
    same_everywhere(notes, export.participants, ac.build_index(notes, other), changed, other)
    # a new version of the export (its fingerprint changed): a third file, the first two untouched
    newer = stored.stored_index(notes, codebook, tmp_path, f"{export.path}|another-fingerprint")
    assert not from_disk(newer) and len(files(tmp_path)) == 3
    assert from_disk(stored.stored_index(notes, codebook, tmp_path, key_of(export)))
    assert from_disk(stored.stored_index(notes, other, tmp_path, key_of(export)))


def test_without_a_directory_or_a_writable_one_it_is_built_every_time(tmp_path, export, codebook):
    notes = export.contributions
    assert not from_disk(stored.stored_index(notes, codebook, None, key_of(export)))
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    index = stored.stored_index(notes, codebook, blocked / "cache", key_of(export))
    assert not from_disk(index) and index.kw_offsets[-1] == len(index.kw)


def test_old_indexes_are_pruned_and_writes_leave_no_temporary_files(tmp_path, export, codebook):
    notes = export.contributions.iloc[:50]
    for i in range(stored.KEEP + 3):
        stored.stored_index(notes, codebook, tmp_path, f"export-{i}")
    assert len(files(tmp_path)) == stored.KEEP
    assert not list(tmp_path.glob(".autoindex-*.tmp"))
