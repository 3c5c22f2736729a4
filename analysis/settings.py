"""Settings from harvest.toml, overridable by environment variables; read once, plain values out.

Every setting a deployment may change, with its environment variable:

| setting                         | environment variable              | default |
|---------------------------------|-----------------------------------|---------|
| privacy.min_group_size          | HARVEST_MIN_GROUP_SIZE            | 5       |
| equity.blind_spot_share         | HARVEST_BLIND_SPOT_SHARE          | 0.05    |
| uploads.max_upload_mb           | HARVEST_MAX_UPLOAD_MB             | 200     |
| uploads.max_decoded_mb          | HARVEST_MAX_DECODED_MB            | 1024    |
| uploads.keep_minutes            | HARVEST_UPLOAD_KEEP_MINUTES       | 30      |
| uploads.max_held_mb             | HARVEST_UPLOADS_HELD_MB           | 4096    |
| findings.alpha                  | HARVEST_ALPHA                     | 0.05    |
| findings.min_n                  | HARVEST_MIN_N                     | 20      |
| findings.min_group_notes        | HARVEST_MIN_GROUP_NOTES           | 10      |
| findings.permutations           | HARVEST_PERMUTATIONS              | 4999    |
| live.check_seconds              | HARVEST_LIVE_CHECK_SECONDS        | 5       |
| cache.dir                       | HARVEST_CACHE_DIR                 | .harvest-cache (under the project; "" for none) |
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    min_group_size: int = 5
    blind_spot_share: float = 0.05
    max_upload_mb: int = 200
    max_decoded_mb: int = 1024
    upload_keep_minutes: float = 30.0
    uploads_held_mb: int = 4096
    alpha: float = 0.05
    min_n: int = 20
    min_group_notes: int = 10
    permutations: int = 4999
    live_check_seconds: float = 5.0
    cache_dir: str = ".harvest-cache"


#: harvest.toml's sections: field -> its key there. Each field's environment variable is HARVEST_ and its name in
#: capitals (HARVEST_MIN_GROUP_SIZE).
_SECTIONS = {
    "privacy": {"min_group_size": "min_group_size"},
    "equity": {"blind_spot_share": "blind_spot_share"},
    "uploads": {
        "max_upload_mb": "max_upload_mb",
        "max_decoded_mb": "max_decoded_mb",
        "upload_keep_minutes": "keep_minutes",
        "uploads_held_mb": "max_held_mb",
    },
    "findings": {
        "alpha": "alpha",
        "min_n": "min_n",
        "min_group_notes": "min_group_notes",
        "permutations": "permutations",
    },
    "live": {"live_check_seconds": "check_seconds"},
    "cache": {"cache_dir": "dir"},
}
#: field -> (harvest.toml section, key, environment variable)
_SOURCES = {
    name: (section, key, f"HARVEST_{name.upper()}") for section, keys in _SECTIONS.items() for name, key in keys.items()
}


@lru_cache(maxsize=1)
def settings(path: str | None = None) -> Settings:
    file = Path(path) if path else ROOT / "harvest.toml"
    data = tomllib.loads(file.read_text(encoding="utf-8")) if file.exists() else {}
    values = {}
    for f in fields(Settings):
        section, key, variable = _SOURCES[f.name]
        raw = os.environ.get(variable) or data.get(section, {}).get(key, f.default)
        if isinstance(f.default, str):  # a path, taken as written; "" in the environment too (none)
            values[f.name] = str(os.environ[variable] if variable in os.environ else raw)
            continue
        try:
            values[f.name] = type(f.default)(raw)
        except (TypeError, ValueError) as error:
            raise ValueError(f"{file.name}: {section}.{key} (or ${variable}) must be a number, not {raw!r}") from error
        if values[f.name] < (1 if f.name == "min_group_size" else 0):
            raise ValueError(
                f"{file.name}: {section}.{key} must be {'1' if f.name == 'min_group_size' else '0'} "
                f"or more, not {raw!r}"
            )
    return Settings(**values)


def cache_dir() -> Path | None:
    """Where derived files that are slow to make are kept between starts (the auto-coder's index): cache.dir, relative
    to the project unless absolute; None when it is set to "" (nothing kept)."""
    value = settings().cache_dir.strip()
    if not value:
        return None
    path = Path(value).expanduser()
    return path if path.is_absolute() else ROOT / path
