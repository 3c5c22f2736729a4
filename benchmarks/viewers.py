"""python -m benchmarks.viewers [--sessions 20,100,300] [--pages overview,present]: how many browsers one process holds.

A hall opening a shared link at once: N browser sessions connect to one Harvest process on 127.0.0.1 and each asks
for a page, speaking Streamlit's own WebSocket protocol (the browser's BackMsg/ForwardMsg), so hundreds of sessions
fit on this machine. Measured per (page, N): the time until every session's page has finished (what the last person
in the hall waits), the median and 95th percentile of one session's wait, failures, and the server's resident memory
before and after (its growth per session). Writes docs/performance-viewers.md; never a timed test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import psutil
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample-wikicafe-2017-synthetic"
DOC = ROOT / "docs" / "performance-viewers.md"
PAGES = {"overview": "", "present": "present"}
#: Sessions connecting at the same moment (a browser opens one WebSocket; a hall does not all press Enter in the
#: same millisecond, and an unbounded burst only measures the kernel's accept queue).
CONNECT_AT_ONCE = 50
#: Why sessions failed, by exception name (printed with the figures).
ERRORS: list[str] = []
FINISHED = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
#: The page asked for a rerun (a URL written back) or a fragment ran: the page is not done yet.
AGAIN = (
    ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN,
    ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
)
#: One session's page must finish within this, or it counts as failed (a person gives up).
PATIENCE_S = 120.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_command(port: int) -> list[str]:
    """`streamlit run dashboard.py` headless on 127.0.0.1:``port`` (also what the browser tests start)."""
    return [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true"] + [
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
    ]


def start_server(data: Path, log: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    command = server_command(port)
    env = dict(os.environ, HARVEST_DATA=str(data), HARVEST_LIVE_CHECK_SECONDS="0")
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return process, base
        except OSError:
            time.sleep(0.3)
    stop(process)
    raise SystemExit(f"the server did not answer within 60 s; its log: {log}")


def stop(process: subprocess.Popen) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
            process.wait(10)
            return
        except (ProcessLookupError, subprocess.TimeoutExpired):
            continue


def rss_mb(process: subprocess.Popen) -> float:
    """Resident memory of the server and its children, in MB."""
    try:
        root = psutil.Process(process.pid)
        return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)]) / 1e6
    except psutil.Error:
        return float("nan")


async def one_session(base: str, page: str, gate: asyncio.Semaphore, release: asyncio.Event, done: list) -> None:
    """Connect, ask for the page as a browser's first visit does, wait for the script to finish (its seconds go to
    ``done``; None when it failed), then stay connected, as an open tab does, until ``release``."""
    started = time.perf_counter()
    try:
        async with gate:
            ws = await websockets.connect(
                base.replace("http", "ws") + "/_stcore/stream",
                subprotocols=["streamlit"],
                max_size=None,
                open_timeout=PATIENCE_S,
                ping_timeout=None,  # a busy server answers pings late; a browser does not hang up on it either
            )
        async with ws:
            message = BackMsg()
            message.rerun_script.query_string = ""
            message.rerun_script.page_name = page
            await ws.send(message.SerializeToString())
            while True:
                forward = ForwardMsg.FromString(await asyncio.wait_for(ws.recv(), PATIENCE_S))
                if forward.WhichOneof("type") != "script_finished":
                    continue
                if forward.script_finished == FINISHED:
                    done.append(time.perf_counter() - started)
                    await release.wait()
                    return
                if forward.script_finished not in AGAIN:  # a compile error
                    break
    except (OSError, TimeoutError, websockets.WebSocketException) as error:
        ERRORS.append(type(error).__name__)
    done.append(None)


async def crowd(base: str, page: str, n: int, process: subprocess.Popen | None = None) -> dict:
    """N sessions ask for the page; once every one has its page (or gave up), the server's memory is read with all
    of them still connected, then they close."""
    gate, release, finished = asyncio.Semaphore(CONNECT_AT_ONCE), asyncio.Event(), []
    started = time.perf_counter()
    tasks = [asyncio.create_task(one_session(base, page, gate, release, finished)) for _ in range(n)]
    while len(finished) < n:
        await asyncio.sleep(0.1)
    all_done = time.perf_counter() - started
    connected = rss_mb(process) if process is not None else float("nan")
    release.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    done = [w for w in finished if w is not None]
    return {
        "rss_connected_mb": connected,
        "sessions": n,
        "all_done_s": all_done,
        "median_s": statistics.median(done) if done else None,
        "p95_s": sorted(done)[max(0, int(len(done) * 0.95) - 1)] if done else None,
        "failed": n - len(done),
    }


def measure(data: Path, pages: list[str], sizes: list[int], work: Path) -> list[dict]:
    rows = []
    for name in pages:
        for n in sizes:
            process, base = start_server(data, work / f"server-{name}-{n}.log")
            try:
                asyncio.run(crowd(base, PAGES[name], 1))  # the first visit pays the loading and caches
                before = rss_mb(process)
                result = asyncio.run(crowd(base, PAGES[name], n, process))
                after = result["rss_connected_mb"]
            finally:
                stop(process)
            result.update(page=name, rss_before_mb=before, rss_after_mb=after)
            result["per_session_mb"] = (after - before) / n
            print(
                f"{name:9} {n:4d} sessions: all done in {result['all_done_s']:.1f} s, median "
                f"{result['median_s'] or float('nan'):.2f} s, p95 {result['p95_s'] or float('nan'):.2f} s, "
                f"failed {result['failed']}, memory {before:.0f} → {after:.0f} MB",
                flush=True,
            )
            if ERRORS:
                print(f"   failures: {dict(Counter(ERRORS))}", flush=True)
                result["errors"] = dict(Counter(ERRORS))
                ERRORS.clear()
            rows.append(result)
    return rows


def write(rows: list[dict], data: Path) -> None:
    def s(value: float | None) -> str:
        return "–" if value is None else f"{value:.2f}"

    lines = [
        "# How many viewers one process holds",
        "",
        f"Made by `python -m benchmarks.viewers` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 1e9:.0f} GB, Python {platform.python_version()}; export: "
        f"{data.name}. Each row is a fresh server; N sessions connect ({CONNECT_AT_ONCE} at a time) and each asks for "
        "the page once, as a browser's first visit does. Nothing else runs on the page (no live-folder checks).",
        "",
        "| page | sessions | all finished (s) | pages a second | median wait (s) | 95th percentile (s) | failed | "
        "memory before → with all connected (MB) | per session (MB) |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['page']} | {r['sessions']} | {r['all_done_s']:.1f} | {r['sessions'] / r['all_done_s']:.1f} | "
            f"{s(r['median_s'])} | {s(r['p95_s'])} | {r['failed']} | {r['rss_before_mb']:.0f} → "
            f"{r['rss_after_mb']:.0f} | {r['per_session_mb']:.2f} |"
        )
    rate = {}  # taken at the largest crowd where every session was served
    for r in sorted((r for r in rows if not r["failed"]), key=lambda r: r["sessions"]):
        rate[r["page"]] = r["sessions"] / r["all_done_s"]
    lines += [
        "",
        "**What this means.** One process runs every session's script in threads that share one interpreter: sessions "
        "that ask at the same moment are served side by side, so they all wait about as long as the last one (the "
        "median is close to the total). Memory is not the limit: an open session costs well under a megabyte, "
        "because the export, the views and the findings are shared. Throughput is: "
        + ", ".join(f"about {v:.1f} first visits a second on {k}" for k, v in rate.items())
        + f" (with every session served). *failed* counts sessions that heard nothing from the server for "
        f"{PATIENCE_S:.0f} s and gave up, as a person would: past a hundred or so arriving at once, one process "
        "leaves most of a crowd waiting that long. Measured on a shared 2-core machine (other work ran during part "
        "of the run).",
        "",
        "**Sizing rule.** The wait for a crowd arriving at once is about (people ÷ pages a second ÷ processes). For a "
        "hall of 80 opening a shared link together, divide 80 by the rate above for one process; add processes behind "
        "the proxy (docs/deploy.md: it keeps each browser on one) until that is a wait the hall accepts, up to one "
        "process per core (more processes than cores only share the same cores). Past that, more cores or machines.",
        "",
    ]
    DOC.write_text("\n".join(lines), encoding="utf-8")
    (ROOT / "benchmarks" / "out" / "viewers" / "results.json").write_text(json.dumps(rows, indent=1))
    print(f"wrote {DOC}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="20,100,300")
    parser.add_argument("--pages", default="overview,present")
    parser.add_argument("--data", default=str(SAMPLE))
    args = parser.parse_args()
    work = ROOT / "benchmarks" / "out" / "viewers"
    work.mkdir(parents=True, exist_ok=True)
    rows = measure(Path(args.data), args.pages.split(","), [int(n) for n in args.sessions.split(",")], work)
    write(rows, Path(args.data))
    return 1 if any(r["failed"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
