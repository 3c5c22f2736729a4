"""Loaders: session-export files -> validated, normalised frames.  ``load_export(path)`` is the way in."""

import os

import pyarrow as pa

from .core import Export, load_export
from .problems import CodebookError, ExportError, Problem, ProblemsError

# Arrow's default pool here (mimalloc) kept about 1.3 kB per loaded note; jemalloc 0.8 kB (benchmarks, 100k notes).
# ARROW_DEFAULT_MEMORY_POOL, when set, still decides.
if not os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
    try:
        pa.set_memory_pool(pa.jemalloc_memory_pool())
    except NotImplementedError:  # a pyarrow built without jemalloc keeps its default
        pass

__all__ = ["CodebookError", "Export", "ExportError", "Problem", "ProblemsError", "load_export"]
