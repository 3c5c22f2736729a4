"""One size, in a fresh process: load the export, read memory, time every analysis against its references.

Run by ``python -m benchmarks`` as ``python -m benchmarks.worker EXPORT --repeat N --json OUT``; it prints nothing
but progress on stderr and writes its results as JSON. A fresh process per size is what makes the peak memory
(ru_maxrss) mean "loading this export", not "everything run so far".
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import pstats
import resource
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The budgets of the issue, at 1M notes (seconds / bytes): a measure projected over them at 1M is profiled, from
#: PROFILE_FROM notes up (below that, fixed costs make every projection look over budget).
ANALYSIS_BUDGET = 0.100
LOAD_BUDGET = 2.0
TARGET_NOTES = 1_000_000
PROFILE_FROM = 100_000


def _say(text: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def peak_rss() -> int:
    """Peak resident memory of this process so far, in bytes (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def current_rss() -> int:
    try:
        import psutil

        return psutil.Process(os.getpid()).memory_info().rss
    except ImportError:  # pragma: no cover - psutil is in requirements-dev.txt
        with open(f"/proc/{os.getpid()}/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


#: A call slower than this is not repeated (its one run is the measurement) and not profiled again: at 1M-5M notes a
#: pathological analysis would otherwise keep the benchmark busy for hours.
SLOW_S = 5.0


def timed(fn, repeat: int) -> tuple[object, list[float]]:
    """Call ``fn`` once untimed (its result is kept, for the checks; first-call costs such as imports are paid
    there), then ``repeat`` times timed. A first call over SLOW_S is the only one, and its time is returned."""
    gc.collect()
    started = time.perf_counter()
    result = fn()
    first = time.perf_counter() - started
    if first > SLOW_S:
        return result, [first]
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return result, times


def profile(fn, top: int = 8) -> dict:
    """Where one call of ``fn`` spends its time: the project's own functions by cumulative time, and every function
    by own time (cProfile; its overhead inflates Python-heavy code, so read it for where, not how much)."""
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        fn()
    finally:
        profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = []
    for (file, line, name), (_cc, calls, own, cumulative, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append(
            {
                "where": f"{_short(file)}:{line}({name})",
                "calls": calls,
                "own_s": round(own, 4),
                "cumulative_s": round(cumulative, 4),
                "project": _is_project(file),
            }
        )
    ours = sorted((r for r in rows if r["project"]), key=lambda r: -r["cumulative_s"])[:top]
    own = sorted(rows, key=lambda r: -r["own_s"])[:top]
    return {"total_s": round(total, 4), "project_by_cumulative": ours, "all_by_own": own}


def _short(file: str) -> str:
    site = f"{sys.prefix}/lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages/"
    for prefix in (site, str(ROOT) + "/"):
        if file.startswith(prefix):
            return file[len(prefix) :]
    return file


def _is_project(file: str) -> bool:
    return file.startswith(str(ROOT)) and "/.venv/" not in file and "/benchmarks/" not in file


def best(values: list[float]) -> float | None:
    """The fastest of the timed runs: on a shared machine, slower runs measure the neighbours, not the code."""
    return min(values) if values else None


def _stored_index(data, export) -> dict:
    """The auto-coder's index kept on disk (analysis/autocode/index.py): the time to store it once made, its size,
    and the time to read it back (checked) as a start over an export already indexed does, best of three."""
    import shutil
    import tempfile

    from analysis.autocode import index as stored
    from analysis.autocode import matcher

    folder = Path(tempfile.mkdtemp(prefix="harvest-bench-index-"))
    out: dict = {}
    try:
        key = f"{export.path}|{export.fingerprint}|{stored.codebook_key(data.codebook)}"
        path, signature = stored.index_file(folder, key), stored.notes_signature(data.notes)
        started = time.perf_counter()
        stored.save_index(data.matches, path, key, signature)
        out["auto_index_store_s"] = time.perf_counter() - started
        out["auto_index_bytes"] = path.stat().st_size
        times = []
        for _ in range(3):
            matcher._COMPILED.clear()  # as in a fresh process: the codebook is compiled again
            gc.collect()
            started = time.perf_counter()
            loaded = stored.stored_index(data.notes, data.codebook, folder, f"{export.path}|{export.fingerprint}")
            times.append(time.perf_counter() - started)
        out["auto_index_load_s"] = min(times)
        out["auto_index_load_ok"] = bool(loaded.bits["themes"].flags.writeable is False)
    except Exception as error:  # noqa: BLE001 - a measurement, never a failure of the run
        out["auto_index_load_error"] = f"{type(error).__name__}: {error}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return out


def run(path: Path, repeat: int, references: bool = True) -> dict:
    out: dict = {"path": str(path), "repeat": repeat, "pid": os.getpid()}
    started = time.perf_counter()
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import pyarrow  # noqa: F401

    import analysis  # noqa: F401
    import loaders
    from loaders.codebook import load_codebook
    from loaders.reference import world_population_share

    out["import_s"] = time.perf_counter() - started
    out["arrow_memory_pool"] = pyarrow.default_memory_pool().backend_name
    out["rss_before_load"] = current_rss()

    # ---- cold load and validation, then memory
    _say(f"loading {path}")
    started = time.perf_counter()
    export = loaders.load_export(path)
    out["load_cold_s"] = time.perf_counter() - started
    out["peak_rss_after_load"] = peak_rss()
    out["rss_after_load"] = current_rss()
    notes, people = export.contributions, export.participants
    out["notes"], out["participants"] = len(notes), len(people)
    out["problems"] = len(export.problems)
    out["problem_codes"] = sorted({p.code for p in export.problems})
    out["frames_bytes"] = int(notes.memory_usage(deep=True).sum() + people.memory_usage(deep=True).sum())
    out["parts"] = (
        len(list((path / "contributions.parquet").rglob("*.parquet")))
        if (path / "contributions.parquet").is_dir()
        else 1
    )
    warm = []
    for _ in range(max(0, repeat - 1)):
        gc.collect()
        started = time.perf_counter()
        loaders.load_export(path)
        warm.append(time.perf_counter() - started)
    out["load_warm_s"] = warm
    out["load_best_s"] = min([out["load_cold_s"], *warm])
    projected = out["load_best_s"] * TARGET_NOTES / max(1, len(notes))
    if projected > LOAD_BUDGET and len(notes) >= PROFILE_FROM:
        _say("profiling load_export")
        out["load_profile"] = profile(lambda: loaders.load_export(path))

    from benchmarks import measures as m

    data = m.Data(path, notes, people, load_codebook(), world_population_share())
    if references:
        _say("preparing the references (Arrow tables for DuckDB, pandas frames)")
        m.prepare_references(data)
        out["reference_setup_s"] = data.setup_seconds
    _say("running the auto-coder over every note once (build_index), as the app does once per export")
    started = time.perf_counter()
    data.matches  # noqa: B018 - made here so no analysis' first call pays for it; timed again under "once"
    out["auto_index_setup_s"] = time.perf_counter() - started
    out.update(_stored_index(data, export))
    import duckdb

    out["duckdb_threads"] = (
        data.con.sql("SELECT current_setting('threads')").fetchall()[0][0] if data.con is not None else None
    )
    out["duckdb_version"] = duckdb.__version__

    # ---- the page analyses, each by Harvest and by the references
    results = []
    for measure in m.MEASURES:
        row: dict = {"name": measure.name, "page": measure.page, "function": measure.function}
        results.append(row)
        fn = measure.harvest()
        if fn is None:
            row["error"] = f"{measure.function} does not exist (yet)"
            _say(f"skip {measure.name}: {row['error']}")
            continue
        _say(f"measuring {measure.name}")
        try:
            result, times = timed(lambda fn=fn, measure=measure: measure.call(fn, data), repeat)
        except Exception as error:  # noqa: BLE001 - report and go on to the next measure
            row["error"] = f"{type(error).__name__}: {error}"
            row["traceback"] = traceback.format_exc(limit=6)
            continue
        row["harvest_s"] = best(times)
        row["harvest_all_s"] = times
        projected = row["harvest_s"] * TARGET_NOTES / max(1, len(notes))
        if projected > ANALYSIS_BUDGET and row["harvest_s"] < SLOW_S and len(notes) >= PROFILE_FROM:
            row["profile"] = profile(lambda fn=fn, measure=measure: measure.call(fn, data))
        if measure.no_reference:
            row["no_reference"] = measure.no_reference
        if measure.canon is None or not references:
            continue
        try:
            expected_by_harvest = measure.canon(result)
        except Exception as error:  # noqa: BLE001
            row["mismatch"] = [f"cannot read Harvest's result as counts: {type(error).__name__}: {error}"]
            continue
        row["checked_keys"] = len(expected_by_harvest)
        mismatches: list[str] = []
        for kind in ("parquet", "arrow", "plain"):
            sql = measure.sql(data).format(**m.sql_sources(data, kind))
            reference, times = timed(lambda sql=sql: m.from_sql(data.con.sql(sql).df()), repeat)
            row[f"duckdb_{kind}_s"] = best(times)
            mismatches += [f"DuckDB ({kind}) vs Harvest: {d}" for d in m.differences(reference, expected_by_harvest)]
        # the fair reference: DuckDB at its best on the same data, whichever of its three inputs was fastest
        row["duckdb_best_s"] = min(row[f"duckdb_{kind}_s"] for kind in ("parquet", "arrow", "plain"))
        reference, times = timed(lambda measure=measure: measure.pandas(data), repeat)
        row["pandas_s"] = best(times)
        mismatches += [f"pandas vs Harvest: {d}" for d in m.differences(reference, expected_by_harvest)]
        if mismatches:
            row["mismatch"] = mismatches
            _say(f"MISMATCH in {measure.name}: {mismatches[:3]}")

    out["measures"] = results

    # ---- every other analysis function that takes only the export's frames
    found = []
    for item in m.discover(data):
        entry = {"function": item.function, "status": item.status}
        found.append(entry)
        if item.call is None:
            continue
        _say(f"timing {item.function}")
        try:
            _, times = timed(lambda item=item: item.call(data), repeat)
            entry["harvest_s"] = best(times)
            if (
                entry["harvest_s"] * TARGET_NOTES / max(1, len(notes)) > ANALYSIS_BUDGET
                and entry["harvest_s"] < SLOW_S
                and len(notes) >= PROFILE_FROM
            ):
                entry["profile"] = profile(lambda item=item: item.call(data))
        except Exception as error:  # noqa: BLE001
            entry["error"] = f"{type(error).__name__}: {error}"
    out["discovered"] = found
    out["peak_rss_end"] = peak_rss()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.worker")
    parser.add_argument("path", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--no-references", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    result = run(args.path, args.repeat, references=not args.no_references)
    args.json.write_text(json.dumps(result, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
