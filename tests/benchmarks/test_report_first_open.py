"""The benchmark report shows the first open of the pages that need the auto-coder's index (cold and stored) and the
per-click auto-coder functions as targets, pass or MISS (benchmarks/report.py)."""

from __future__ import annotations

from benchmarks import report


def results(stored: float, cold: float, evaluate: float) -> dict:
    worker = {
        "load_best_s": 1.0,
        "participants": 80_000,
        "parts": 80,
        "problems": 0,
        "peak_rss_after_load": 9e8,
        "rss_before_load": 1e8,
        "auto_index_store_s": 0.2,
        "auto_index_bytes": 1e8,
        "auto_index_load_s": 0.15,
        "measures": [],
        "discovered": [
            {"function": "analysis.autocode.evaluate", "status": "auto", "harvest_s": evaluate},
            {"function": "analysis.needs.in_scope", "status": "auto", "harvest_s": 0.05},
            {"function": "analysis.codes.code_pairs", "status": "auto", "harvest_s": 0.5},
            {"function": "analysis.autocode.build_index", "status": "once", "harvest_s": 7.0},
        ],
    }
    app = {
        "first_open": [
            {"page": "pages/roles_resources.py", "cold_s": cold, "stored_s": stored, "stored_all_s": [stored]},
            {"page": "pages/codebook.py", "cold_s": cold / 2, "stored_s": stored / 2, "stored_all_s": [stored / 2]},
        ],
        "pages": [],
    }
    machine = {
        "date": "today",
        "commit": "abc",
        "cpu": "cpu",
        "logical_cpus": 2,
        "ram_bytes": 2**34,
        "python": "3.11",
        "platform": "linux",
        "packages": {},
    }
    return {"machine": machine, "sizes": [{"notes": 1_000_000, "worker": worker, "app": app}]}


def row(rows: list[list[str]], start: str) -> list[str]:
    return next(r for r in rows if r[0].startswith(start))


def test_first_open_and_per_click_targets_pass_or_miss():
    rows = report.summary_rows(results(stored=1.2, cold=9.0, evaluate=0.08))
    stored = row(rows, "1M notes: first open of Roles and Codebook under 2 s, with the auto-coder's index stored")
    cold = row(rows, "1M notes: first open of Roles and Codebook under 2 s, with a cold index build")
    clicks = row(rows, "1M notes: every per-click auto-coder function under 100 ms")
    assert stored[-1] == "pass" and "Roles 1.20 s" in stored[1] and "Codebook 0.60 s" in stored[1]
    assert cold[-1] == "**MISS**" and "Roles 9.00 s" in cold[1]
    assert clicks[-1] == "pass" and "autocode.evaluate" in clicks[1] and "1 of 2" not in clicks[2]
    slow = report.summary_rows(results(stored=2.5, cold=9.0, evaluate=0.2))
    assert row(slow, "1M notes: first open of Roles and Codebook under 2 s, with the auto-coder's")[-1] == "**MISS**"
    assert row(slow, "1M notes: every per-click auto-coder function")[-1] == "**MISS**"


def test_the_document_has_the_first_open_table_and_the_stored_index_rows():
    text = report.document(results(stored=1.2, cold=9.0, evaluate=0.08), "python -m benchmarks")
    assert "| pages/roles_resources.py | 9.00 s | 1.20 s |" in text
    assert "the auto-coder's index read back from disk and checked" in text
    assert not report.problems(results(stored=1.2, cold=9.0, evaluate=0.08))
