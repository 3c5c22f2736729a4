"""Loaders: session-export files -> validated, normalised frames.  ``load_export(path)`` is the way in."""

from .core import Export, load_export
from .problems import ExportError, Problem

__all__ = ["Export", "ExportError", "Problem", "load_export"]
