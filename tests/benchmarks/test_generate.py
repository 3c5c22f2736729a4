"""The benchmark's generator writes exports the loader accepts, and its three references agree with Harvest.

Nothing here times anything: the benchmark itself is `python -m benchmarks` (docs/performance.md).
"""

from __future__ import annotations

import pandas as pd
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from benchmarks import generate, measures, report
from loaders import load_export
from loaders.codebook import load_codebook
from loaders.reference import world_population_share
from loaders.regions import REGION_IDS

NOTES = 2_000


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    root = tmp_path_factory.mktemp("bench") / "export"
    summary = generate.generate(NOTES, root)
    return root, summary, load_export(root)


def test_generated_export_loads_with_the_right_counts_and_no_problems(tiny):
    root, summary, export = tiny
    assert summary.notes == NOTES
    assert len(export.contributions) == NOTES
    assert len(export.participants) == summary.participants
    assert len(export.sessions) == summary.sessions == generate.session_count(NOTES)
    assert export.problems == []
    assert export.participants_source == "file"
    assert export.synthetic
    # written as a pipeline writes: hive partitions of zstd part files, for notes and people alike
    parts = sorted((root / "contributions.parquet").glob("session=*/part-*.parquet"))
    assert len(parts) == summary.contribution_parts
    assert len(list((root / "participants.parquet").glob("session=*/part-*.parquet"))) == summary.sessions
    assert pq.ParquetFile(parts[0]).metadata.row_group(0).column(0).compression == "ZSTD"


def test_generated_notes_have_the_sample_shape(tiny):
    _, _, export = tiny
    notes = export.contributions
    lengths = notes["text"].str.len()
    assert lengths.min() >= 50 and lengths.max() <= 400
    per_note = notes["themes"].list.len()
    assert per_note.min() == 0 and per_note.max() == 3
    assert (per_note.between(1, 3)).mean() > 0.85
    book = load_codebook()
    used = set(pc.unique(pc.list_flatten(notes["themes"].array._pa_array)).to_pylist())
    assert used <= set(book.ids())
    assert set(notes["region"].dropna().unique()) == set(REGION_IDS)
    assert notes["participant_id"].isna().mean() == pytest.approx(generate.ANONYMOUS_SHARE, abs=0.03)
    assert notes["language"].nunique() >= 24
    assert notes["community"].nunique() >= 100
    assert notes["question"].nunique() == 3 and sorted(notes["round"].dropna().unique()) == [1, 2, 3, 4, 5]


def test_same_size_and_seed_give_the_same_export(tmp_path):
    first = generate.generate(300, tmp_path / "a")
    second = generate.generate(300, tmp_path / "b")
    assert first.bytes == second.bytes
    a = pq.read_table(tmp_path / "a" / "contributions.parquet")
    b = pq.read_table(tmp_path / "b" / "contributions.parquet")
    assert a.equals(b)


def test_exports_are_cached_by_size_and_generator_version(tmp_path):
    path, summary, made = generate.ensure_export(300, tmp_path)
    assert made and path == tmp_path / f"v{generate.GENERATOR_VERSION}" / f"notes-300-{generate.vocabulary_digest()}"
    again, _, made_again = generate.ensure_export(300, tmp_path)
    assert again == path and not made_again
    (path / generate.COMPLETE).unlink()  # an export without its completion mark is rebuilt, never trusted
    _, _, rebuilt = generate.ensure_export(300, tmp_path)
    assert rebuilt


@pytest.mark.parametrize(
    ("text", "notes"), [("10k", 10_000), ("100K", 100_000), ("1M", 1_000_000), ("5m", 5_000_000), ("2500", 2_500)]
)
def test_sizes_read_and_print_the_same_way(text, notes):
    assert generate.parse_size(text) == notes
    assert generate.parse_size(generate.size_label(notes)) == notes


def test_harvest_duckdb_and_pandas_give_the_same_numbers(tiny):
    root, _, export = tiny
    data = measures.Data(root, export.contributions, export.participants, load_codebook(), world_population_share())
    measures.prepare_references(data)
    compared = 0
    for measure in measures.MEASURES:
        fn = measure.harvest()
        assert fn is not None, f"{measure.function} is gone: update benchmarks/measures.py"
        result = measure.call(fn, data)
        if measure.canon is None:
            continue
        harvest = measure.canon(result)
        assert len(harvest), measure.name
        for kind in ("parquet", "arrow"):
            sql = measure.sql(data).format(**measures.sql_sources(data, kind))
            reference = measures.from_sql(data.con.sql(sql).df())
            assert measures.differences(reference, harvest) == [], f"{measure.name}: DuckDB ({kind})"
        assert measures.differences(measure.pandas(data), harvest) == [], f"{measure.name}: pandas"
        compared += 1
    assert compared >= 10


def test_a_difference_between_approaches_is_reported():
    same = measures.canonical(pd.DataFrame({"k": ["a", "b"], "v": [1, 2]}), ["k"], "v")
    other = measures.canonical(pd.DataFrame({"k": ["a", "b"], "v": [1, 3]}), ["k"], "v")
    assert measures.differences(same, same) == []
    assert measures.differences(same, other) == ["b: 2 vs 3"]


def test_report_renders_targets_and_failures_from_results():
    results = {
        "machine": {
            "cpu": "test cpu",
            "logical_cpus": 2,
            "physical_cpus": 2,
            "ram_bytes": 2**34,
            "python": "3.11",
            "platform": "linux",
            "packages": {"pandas": "3"},
            "commit": "abc",
            "date": "today",
            "load_average_start": (0.1, 0.1, 0.1),
        },
        "sizes": [
            {
                "notes": 10_000,
                "generated": {"notes": 10_000, "participants": 833, "sessions": 8, "bytes": 1e6, "seconds": 0.5},
                "worker": {
                    "load_cold_s": 0.05,
                    "peak_rss_after_load": 3e8,
                    "rss_before_load": 2e8,
                    "parts": 8,
                    "problems": 0,
                    "participants": 833,
                    "frames_bytes": 5e6,
                    "measures": [
                        {
                            "name": "theme frequency",
                            "page": "Themes",
                            "harvest_s": 0.002,
                            "duckdb_parquet_s": 0.01,
                            "duckdb_arrow_s": 0.004,
                            "pandas_s": 0.05,
                            "checked_keys": 6,
                        },
                        {
                            "name": "theme x region",
                            "page": "Themes",
                            "harvest_s": 0.02,
                            "duckdb_arrow_s": 0.004,
                            "mismatch": ["SSA: 3 vs 4"],
                        },
                    ],
                    "discovered": [],
                },
                "app": {
                    "pages": [
                        {
                            "page": "pages/themes.py",
                            "open_s": 0.3,
                            "filter_change_s": [0.2],
                            "filter_change_best_s": 0.2,
                            "errors": [],
                        }
                    ]
                },
            }
        ],
    }
    text = report.document(results, "python -m benchmarks --sizes 10k")
    assert "## Targets" in text and "Partial run" in text and "## Beyond one machine" in text
    assert "projected from 10k" in text
    assert "## Why targets are missed" in text
    assert "theme x region: results differ: SSA: 3 vs 4" in text
    assert report.problems(results) == ["10k: theme x region: results differ: SSA: 3 vs 4"]
