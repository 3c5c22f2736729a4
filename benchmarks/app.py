"""A filter change, as the server lives it: every page of the real app rerun through AppTest with the export cached.

Run by ``python -m benchmarks`` as ``python -m benchmarks.app EXPORT --repeat N --json OUT`` in a fresh process.
The app is dashboard.py, pointed at the export with HARVEST_DATA, exactly as `make run` serves it. For each page
in the router: switch to it and run it once (the export is cached by then, and the page warms its own caches), then
set the sidebar's region filter to a selection not used before and time that rerun, ``repeat`` times. A fresh
selection each time means the filtered frames and any per-filter cache are computed anew, as on a real click.
The time is the script run as AppTest drives it in this process: the server's time, without the browser's.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILTER_KEY = "filter_region"
REGIONS = ["NWE", "CEE", "LAC", "SSA", "MENA", "SA", "ESEAP", "NA"]
SLOW_S = 20.0
#: The pages that wait for the auto-coder's index on their first visit: their first open is measured apart.
FIRST_OPEN = ("pages/roles_resources.py", "pages/codebook.py")


def pages() -> list[str]:
    """The pages the router lists (ui/registry.py), in its order."""
    from ui.registry import PAGES

    return [page.file for page in PAGES if page.path.exists()]


def selections():
    """Region selections never used twice: each region alone, then pairs, then triples ..."""
    for size in range(1, len(REGIONS) + 1):
        for combo in itertools.combinations(REGIONS, size):
            yield list(combo)


def _errors(at) -> list[str]:
    found = [str(e.value)[:300] for e in at.exception]
    found += [str(e.value)[:300] for e in at.get("error")]
    return found


def profile_page_run(at, value: list[str]) -> dict:
    """cProfile of one filter change, taken inside the script thread (AppTest runs the script in its own thread,
    which a profiler started here would not see): Page.run is wrapped for this one run. The router's own part
    (loading from cache, drawing the filters) is outside it."""
    import cProfile
    import pstats

    from streamlit.navigation.page import Page

    from benchmarks.worker import _is_project, _short

    profiler = cProfile.Profile()
    original = Page.run

    def run_profiled(self):
        profiler.enable()
        try:
            return original(self)
        finally:
            profiler.disable()

    Page.run = run_profiled
    try:
        at.multiselect(key=FILTER_KEY).set_value(value).run()
    finally:
        Page.run = original
    stats = pstats.Stats(profiler)
    rows = [
        {
            "where": f"{_short(f)}:{line}({name})",
            "calls": calls,
            "own_s": round(own, 4),
            "cumulative_s": round(cum, 4),
            "project": _is_project(f),
        }
        for (f, line, name), (_cc, calls, own, cum, _callers) in stats.stats.items()
    ]  # type: ignore[attr-defined]
    return {
        "total_s": round(stats.total_tt, 4),  # type: ignore[attr-defined]
        "project_by_cumulative": sorted((r for r in rows if r["project"]), key=lambda r: -r["cumulative_s"])[:8],
        "all_by_own": sorted(rows, key=lambda r: -r["own_s"])[:8],
    }


def _forget() -> None:
    """Everything a page's first visit after a start would not find, except the export (loaded by then): the
    auto-coder's index held in memory, its compiled codebook, the selections, views and page tables."""
    from analysis.autocode import matcher
    from ui import cache

    for cached in (cache.auto_index, cache.filtered, cache.view, cache._memo):
        cached.clear()
    matcher._COMPILED.clear()


def first_opens(at, repeat: int, store: Path) -> list[dict]:
    """The first visit to each page that needs the auto-coder's index, the export already loaded: with no index
    anywhere (a never-seen export: the cold build, which also stores it), then as after a restart over an export
    already indexed (``store`` holds it; best of ``repeat``)."""
    out = []
    for page in FIRST_OPEN:
        if not (ROOT / page).exists():
            continue
        entry: dict = {"page": page, "errors": []}
        out.append(entry)
        try:
            for kind in ("cold", "stored"):
                times = []
                for _ in range(1 if kind == "cold" else repeat):
                    if kind == "cold":
                        shutil.rmtree(store, ignore_errors=True)
                    _forget()
                    at.switch_page(page)
                    started = time.perf_counter()
                    at.run()
                    times.append(time.perf_counter() - started)
                    entry["errors"] += _errors(at)
                entry[f"{kind}_s"] = min(times)
                entry[f"{kind}_all_s"] = times
            entry["stored_files"] = sorted(p.name for p in store.glob("autoindex-*.npz"))
        except Exception as error:  # noqa: BLE001 - one page failing must not hide the other
            entry["errors"].append(f"{type(error).__name__}: {error}")
            entry["traceback"] = traceback.format_exc(limit=6)
    return out


def run(path: Path, repeat: int, timeout: float) -> dict:
    os.environ["HARVEST_DATA"] = str(path)
    # the auto-coder's index is stored in a directory of this run's own: the first opens start with none
    store = Path(tempfile.mkdtemp(prefix="harvest-bench-index-"))
    os.environ["HARVEST_CACHE_DIR"] = str(store)
    started = time.perf_counter()
    from streamlit.testing.v1 import AppTest

    from ui.router import navigation_mode

    navigation_mode()  # as the server is after its first run (ui/router.py)
    out: dict = {"path": str(path), "repeat": repeat, "import_s": time.perf_counter() - started, "pages": []}
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    started = time.perf_counter()
    at.run()
    out["first_run_s"] = time.perf_counter() - started  # loads the export (cold) and renders the default page
    out["first_run_errors"] = _errors(at)
    try:
        out["first_open"] = first_opens(at, repeat, store)
    finally:
        _forget()
    fresh = selections()
    for page in pages():
        entry: dict = {"page": page}
        out["pages"].append(entry)
        try:
            if _has_filter(at) and at.multiselect(key=FILTER_KEY).value:  # each page starts from "all regions"
                at.multiselect(key=FILTER_KEY).set_value([]).run()
            at.switch_page(page)
            started = time.perf_counter()
            at.run()
            entry["open_s"] = time.perf_counter() - started
            entry["errors"] = _errors(at)
            if not _has_filter(at):
                entry["errors"].append(f"no multiselect with key {FILTER_KEY!r} in the sidebar")
                continue
            times, chosen = [], []
            for _ in range(repeat):
                value = next(fresh)
                started = time.perf_counter()
                at.multiselect(key=FILTER_KEY).set_value(value).run()
                times.append(time.perf_counter() - started)
                chosen.append(value)
                entry["errors"] += _errors(at)
                if times[-1] > SLOW_S:  # one run this slow is the figure; repeating it only costs minutes
                    break
            entry["filter_change_s"] = times
            entry["filter_change_best_s"] = min(times)
            entry["selections"] = chosen
        except Exception as error:  # noqa: BLE001 - one page failing must not hide the others
            entry.setdefault("errors", []).append(f"{type(error).__name__}: {error}")
            entry["traceback"] = traceback.format_exc(limit=6)
    timed_pages = [e for e in out["pages"] if e.get("filter_change_best_s") is not None]
    if timed_pages:  # where the heaviest page's time goes
        heaviest = max(timed_pages, key=lambda e: e["filter_change_best_s"])
        try:
            at.switch_page(heaviest["page"])
            at.run()
            heaviest["profile"] = profile_page_run(at, next(fresh))
        except Exception as error:  # noqa: BLE001 - a profile is a bonus, never a failure
            heaviest["profile_error"] = f"{type(error).__name__}: {error}"
    out["peak_rss_end"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    shutil.rmtree(store, ignore_errors=True)
    return out


def _has_filter(at) -> bool:
    try:
        at.multiselect(key=FILTER_KEY)
        return True
    except KeyError:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.app")
    parser.add_argument("path", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args(argv)
    os.chdir(ROOT)  # .streamlit/config.toml is read from the working directory
    sys.path.insert(0, str(ROOT))
    result = run(args.path, args.repeat, args.timeout)
    args.json.write_text(json.dumps(result, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
