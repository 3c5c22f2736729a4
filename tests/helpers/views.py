"""The View a page shows, made the way ui.view makes it, from an export on disk (no Streamlit)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from analysis.autocode import build_index, with_auto_codes
from analysis.filters import Filters, apply_filters
from analysis.privacy import coarsen
from analysis.settings import settings
from analysis.view import View, view_of
from loaders import load_export
from loaders.codebook import load_codebook
from loaders.reference import world_population_share

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample-wikicafe-2017-synthetic"


def view_at(
    path: str | Path = SAMPLE, filters: Filters = Filters(), mode: str = "human", codebook=None, k: int | None = None
) -> View:
    """``k``: the privacy threshold, else harvest.toml's (k=1 turns the small-group rules off, for tests of the
    arithmetic on a hand-made export of a few people; tests/analysis/test_privacy.py tests the rules)."""
    k = k or settings().min_group_size
    export = coarsen(load_export(path), k)
    codebook = codebook or load_codebook()
    notes, people = apply_filters(export.contributions, export.participants, filters)
    if mode != "human":
        notes = with_auto_codes(notes, build_index(export.contributions, codebook), mode)
    view = view_of(export, codebook, world_population_share(), filters, mode, notes, people)
    return replace(view, config=replace(view.config, min_group_size=k))
