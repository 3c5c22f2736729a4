"""Runs one importer function in a process of its own: ``python -m loaders.worker JOB_FOLDER``.

The folder holds ``job.pickle`` ((function name, args, kwargs)); the worker writes its progress (a fraction, as text)
to ``progress`` as it goes and ``result.pickle`` ((True, result) or (False, exception)) at the end. ui/jobs.py starts
it so that reading a large sheet never holds the server's interpreter.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

from . import importer

ALLOWED = ("preview_upload", "import_upload")


def main(folder: Path) -> int:
    function, args, kwargs = pickle.loads((folder / "job.pickle").read_bytes())
    if function not in ALLOWED:
        raise SystemExit(f"not a job: {function}")

    def report(fraction: float) -> None:
        scratch = folder / "progress.tmp"
        scratch.write_text(f"{max(0.0, min(1.0, fraction)):.3f}")
        os.replace(scratch, folder / "progress")

    try:
        outcome = (True, getattr(importer, function)(*args, progress=report, **kwargs))
    except Exception as error:  # noqa: BLE001 - handed back to the page, which shows it
        outcome = (False, error)
    scratch = folder / "result.tmp"
    scratch.write_bytes(pickle.dumps(outcome))
    os.replace(scratch, folder / "result.pickle")
    report(1.0)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
