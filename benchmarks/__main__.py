"""python -m benchmarks [--sizes 10k,100k,1M,5M] [--repeat N]: measure Harvest and write docs/performance.md.

For each size: make (or take from the cache) the synthetic export, then in fresh processes time loading and every
analysis against DuckDB and pandas (benchmarks/worker.py) and a filter change on every page through AppTest
(benchmarks/app.py). Prints a table, writes docs/performance.md and the raw results as JSON. Exits 1 when the
approaches disagree on any number, an analysis or page fails, or a size cannot be measured.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import report
from benchmarks.generate import OUT, export_path, parse_size, read_summary, size_label

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"


def _run(args: list[str], log: Path, timeout: float, quiet: bool = False) -> tuple[int, str]:
    """A child process; its stderr (progress) goes to the terminal unless ``quiet`` (then to ``log`` only)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with open(log, "w") as handle:
        try:
            proc = subprocess.run(
                [sys.executable, *args],
                cwd=ROOT,
                env=env,
                timeout=timeout,
                stdout=subprocess.PIPE,
                stderr=handle if quiet else None,
                text=True,
            )
        except subprocess.TimeoutExpired:
            return 124, f"timed out after {timeout:.0f} s"
    tail = log.read_text()[-2000:] if quiet else ""
    return proc.returncode, (proc.stdout or "") + tail


def measure_size(n: int, repeat: int, work: Path, timeout: float, app: bool) -> dict:
    entry: dict = {"notes": n}
    path = export_path(n)
    cached = read_summary(path) is not None
    print(f"\n== {size_label(n)} notes: {'cached export' if cached else 'generating the export'} ({path})", flush=True)
    code, output = _run(["-m", "benchmarks.generate", "--sizes", size_label(n)], work / f"gen-{n}.log", timeout)
    summary = read_summary(path)
    if code != 0 or summary is None:
        entry["failed"] = f"the generator failed: {output[-500:]}"
        return entry
    entry["generated"], entry["cached"] = summary.__dict__, cached
    print(output.strip(), flush=True)

    out = work / f"worker-{n}.json"
    print("   loading and analyses (fresh process)", flush=True)
    code, output = _run(
        ["-m", "benchmarks.worker", str(path), "--repeat", str(repeat), "--json", str(out)],
        work / f"worker-{n}.log",
        timeout,
    )
    if code != 0 or not out.exists():
        entry["failed"] = f"the worker failed (exit {code}): {output[-800:]}"
        return entry
    entry["worker"] = json.loads(out.read_text())
    if app:
        out = work / f"app-{n}.json"
        print("   filter change on every page through AppTest (fresh process)", flush=True)
        code, output = _run(
            ["-m", "benchmarks.app", str(path), "--repeat", str(repeat), "--json", str(out)],
            work / f"app-{n}.log",
            timeout,
            quiet=True,
        )
        if code != 0 or not out.exists():
            entry["app"] = {"first_run_errors": [f"the AppTest run failed (exit {code}): {output[-800:]}"]}
        else:
            entry["app"] = json.loads(out.read_text())
    return entry


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="10k,100k,1M,5M", help="comma-separated sizes in notes (default: 10k,100k,1M,5M)"
    )
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed runs of each measurement; the best is reported (default: 5)"
    )
    parser.add_argument(
        "--doc",
        type=Path,
        default=DOC,
        help="where to write the report (default: docs/performance.md; '-' for nowhere)",
    )
    parser.add_argument(
        "--json", type=Path, default=OUT / "results.json", help="raw results (default: benchmarks/out/results.json)"
    )
    parser.add_argument("--no-app", action="store_true", help="skip the AppTest filter-change measurement")
    parser.add_argument(
        "--arrow-pool",
        choices=["jemalloc", "mimalloc", "system"],
        help="Arrow memory pool for the measured processes (ARROW_DEFAULT_MEMORY_POOL; default: pyarrow's own choice)",
    )
    parser.add_argument("--timeout", type=float, default=3600, help="seconds allowed to each child process")
    parser.add_argument(
        "--from-json",
        type=Path,
        metavar="RESULTS",
        help="measure nothing: rewrite the report from saved results (e.g. after editing benchmarks/report.py)",
    )
    args = parser.parse_args(argv)
    if args.from_json:
        results = json.loads(args.from_json.read_text())
        print(report.console(results))
        if str(args.doc) != "-":
            args.doc.write_text(report.document(results, results.get("command", "python -m benchmarks")))
            print(f"\nWrote {args.doc} from {args.from_json}.")
        return 1 if report.problems(results) else 0
    try:
        sizes = sorted({parse_size(s) for s in args.sizes.split(",") if s.strip()})
    except argparse.ArgumentTypeError as error:
        parser.error(str(error))
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.arrow_pool:
        os.environ["ARROW_DEFAULT_MEMORY_POOL"] = args.arrow_pool  # inherited by every child process
    started = time.perf_counter()
    command = (
        "python -m benchmarks"
        + ("" if args.sizes == parser.get_default("sizes") else f" --sizes {args.sizes}")
        + ("" if args.repeat == 5 else f" --repeat {args.repeat}")
        + (" --no-app" if args.no_app else "")
        + (f" --arrow-pool {args.arrow_pool}" if args.arrow_pool else "")
    )
    results = {"machine": report.machine(), "command": command, "repeat": args.repeat, "sizes": []}
    work = OUT / "logs"
    work.mkdir(parents=True, exist_ok=True)
    for n in sizes:
        results["sizes"].append(measure_size(n, args.repeat, work, args.timeout, not args.no_app))
    results["seconds"] = time.perf_counter() - started
    results["machine"]["load_average_end"] = os.getloadavg()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1, default=str))
    print("\n" + report.console(results))
    if str(args.doc) != "-":
        args.doc.parent.mkdir(parents=True, exist_ok=True)
        args.doc.write_text(report.document(results, command))
        print(f"\nWrote {args.doc} and {args.json} ({results['seconds']:.0f} s in all).")
    trouble = report.problems(results)
    if trouble:
        print("\nFAILED:", file=sys.stderr)
        for line in trouble:
            print(f"  {line}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
