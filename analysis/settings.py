"""Settings from harvest.toml, overridable by environment variables; read once, plain values out."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    min_group_size: int = 5
    blind_spot_share: float = 0.05


@lru_cache(maxsize=1)
def settings(path: str | None = None) -> Settings:
    file = Path(path) if path else ROOT / "harvest.toml"
    data = tomllib.loads(file.read_text(encoding="utf-8")) if file.exists() else {}
    k = int(os.environ.get("HARVEST_MIN_GROUP_SIZE") or data.get("privacy", {}).get("min_group_size", 5))
    if k < 1:
        raise ValueError(f"{file.name}: privacy.min_group_size must be 1 or more, not {k}")
    share = float(data.get("equity", {}).get("blind_spot_share", 0.05))
    return Settings(min_group_size=k, blind_spot_share=share)
