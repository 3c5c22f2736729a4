"""Fixtures for the loader tests: exports written into tmp_path by tests/loaders/corpus.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.loaders import corpus


@pytest.fixture
def broken(tmp_path: Path) -> Callable[[str], Path]:
    """``broken("truncated")`` writes that broken export into tmp_path and returns the path to open."""
    return lambda name: corpus.BROKEN[name](tmp_path / name)


@pytest.fixture
def good_export(tmp_path: Path) -> Path:
    """A folder export of four notes by three participants (one note anonymous)."""
    return corpus.export(tmp_path / "wikicafe-2017", corpus.notes(), corpus.people())
