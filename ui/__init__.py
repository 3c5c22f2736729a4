"""Streamlit helpers shared by pages: the view a page reads, its URL-bound controls, and how findings are shown.

A page reads ``ui.view()``, asks analysis/findings.py for its findings, and shows them with ``ui.show_finding``;
caches live in ui/cache.py, never in pages (docs/architecture.md).
"""

from . import cache, jobs, present
from .context import (
    auto_index,
    current_codebook,
    current_export,
    data_path,
    forget_upload,
    live_notice,
    remember_upload,
    upload_notice,
    use_upload,
    view,
    watch,
)
from .filters import current_code_mode, current_filters, sidebar_filters
from .registry import PAGES, PageSpec
from .router import navigate
from .show import (
    definitions,
    empty_state,
    error_boundary,
    filters_caption,
    image_buttons,
    metrics,
    notes_behind,
    notes_table,
    notices,
    provenance,
    show_chart,
    show_finding,
    show_grid,
)
from .state import choice

__all__ = [
    "PAGES",
    "PageSpec",
    "auto_index",
    "cache",
    "choice",
    "current_code_mode",
    "current_codebook",
    "current_export",
    "current_filters",
    "data_path",
    "definitions",
    "empty_state",
    "error_boundary",
    "filters_caption",
    "forget_upload",
    "image_buttons",
    "jobs",
    "present",
    "live_notice",
    "remember_upload",
    "watch",
    "metrics",
    "notes_behind",
    "show_grid",
    "navigate",
    "notes_table",
    "notices",
    "provenance",
    "show_chart",
    "show_finding",
    "sidebar_filters",
    "upload_notice",
    "use_upload",
    "view",
]
