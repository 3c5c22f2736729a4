"""Streamlit helpers shared by pages: the export in use, sidebar filters <-> URL, charts with their data."""

from . import jobs
from .context import auto_codes, current_codebook, current_export, data_path, filtered, view_key
from .filters import current_code_mode, current_filters, sidebar_filters
from .show import definitions, empty_state, error_boundary, notes_table, show_chart

__all__ = ["auto_codes", "current_codebook", "current_export", "current_filters", "data_path", "empty_state",
           "error_boundary", "filtered", "jobs", "show_chart", "sidebar_filters", "view_key", "current_code_mode",
           "definitions", "notes_table"]
