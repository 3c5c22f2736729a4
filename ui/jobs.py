"""Heavy work an upload asks for (reading and importing a spreadsheet) runs once per upload, in a process of its own.

Reading a 300,000-row workbook is pure Python: in the server's own process it held the interpreter for seconds on
every rerun, and every other browser session waited. Here each job runs once per (content digest, choices) as
``python -m loaders.worker``, so the server's threads keep answering; the page that asked polls it with a progress bar,
and a rerun in the middle finds the same job instead of starting another. (A worker process of its own, not
multiprocessing: Streamlit's script runner replaces ``__main__``, which multiprocessing's spawn would re-run.)
"""

from __future__ import annotations

import hashlib
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Jobs remembered (finished or not): their results are small next to what they read, and a page reruns often.
MAX_JOBS = 8
#: One job at a time: the machine has two cores, and the server needs one.
_runner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="harvest-job")
_lock = threading.Lock()
_jobs: OrderedDict[str, Job] = OrderedDict()
submitted = 0  # jobs started in this process (tests read it: once per upload, not once per rerun)


class Job:
    """A job: its progress (0 to 1), whether it is done, its result (or the exception it raised), its worker's pid."""

    def __init__(self, function: str, args: tuple, kwargs: dict):
        self.folder = Path(tempfile.mkdtemp(prefix="harvest-job-"))
        (self.folder / "job.pickle").write_bytes(pickle.dumps((function, args, kwargs)))
        self.worker_pid: int | None = None
        self.future: Future = _runner.submit(self._run)

    def _run(self):
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "loaders.worker", str(self.folder)],
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            self.worker_pid = process.pid
            _, stderr = process.communicate()
            result = self.folder / "result.pickle"
            if not result.exists():
                raise RuntimeError(
                    f"the import worker stopped ({process.returncode}): {stderr.decode('utf-8', 'replace')[-500:]}"
                )
            ok, value = pickle.loads(result.read_bytes())
            if not ok:
                raise value
            return value
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def done(self) -> bool:
        return self.future.done()

    def progress(self) -> float:
        if self.done():
            return 1.0
        try:
            return float((self.folder / "progress").read_text())
        except (OSError, ValueError):
            return 0.0

    def result(self):
        return self.future.result()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def submit(key: str, function: str, *args, **kwargs) -> Job:
    """The job named ``key`` (content digest and choices), started now unless it is already known."""
    global submitted
    with _lock:
        if key in _jobs:
            _jobs.move_to_end(key)
            return _jobs[key]
        job = Job(function, args, kwargs)
        submitted += 1
        _jobs[key] = job
        while len(_jobs) > MAX_JOBS:
            _jobs.popitem(last=False)
        return job


def wait(job: Job, bar, label: str, poll_s: float = 0.2):
    """Show the job's progress on ``bar`` (an st.progress) until it is done; then its result (or its exception)."""
    while not job.done():
        bar.progress(job.progress(), text=label)
        time.sleep(poll_s)
    bar.empty()
    return job.result()
