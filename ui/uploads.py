"""What a browser uploaded (an export, a sheet's import, a codebook), held on the server for a bounded time and memory.

A browser session keeps only a key (128 random bits) in its own session state; the object lives here. An upload is
released ``keep_minutes`` after its browser last used it, or earlier when all held uploads together pass
``max_held_mb``, the least recently used first (harvest.toml, [uploads]). So a tab that closes without a word, or a
crafted upload repeated, holds memory for a bounded time only; nothing is shared, since no other session ever has the
key. When a session's upload has been released, the page says so: it never switches to another export silently.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

import pandas as pd

from analysis.settings import settings


@dataclass
class Held:
    value: object
    name: str
    nbytes: int
    last_seen: float


def size_of(value: object) -> int:
    """Bytes an uploaded object holds: its frames' memory (pandas counts Arrow-backed text by its buffers)."""
    frames = (
        [value]
        if isinstance(value, pd.DataFrame)
        else [getattr(value, name) for name in ("contributions", "participants") if hasattr(value, name)]
    )
    return max(sum(int(frame.memory_usage(deep=False, index=True).sum()) for frame in frames), 1)


class UploadStore:
    """Uploads by key, least recently used first; thread-safe (Streamlit runs each session in its own thread)."""

    def __init__(self, keep_seconds: float, max_bytes: int, clock=time.monotonic):
        self.keep_seconds, self.max_bytes, self._clock = keep_seconds, max_bytes, clock
        self._items: OrderedDict[str, Held] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, value: object, name: str) -> str:
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._items[key] = Held(value, name, size_of(value), self._clock())
            self._evict()
        return key

    def get(self, key: str | None) -> object | None:
        """The upload, and a note that its browser still uses it; None once it has been released."""
        if not key:
            return None
        with self._lock:
            self._evict()
            held = self._items.get(key)
            if held is None:
                return None
            held.last_seen = self._clock()
            self._items.move_to_end(key)
            return held.value

    def name(self, key: str | None) -> str | None:
        """The name an upload was given, while it is held (without counting as a use)."""
        with self._lock:
            held = self._items.get(key or "")
            return held.name if held is not None else None

    def drop(self, key: str | None) -> None:
        with self._lock:
            self._items.pop(key or "", None)

    @property
    def held_bytes(self) -> int:
        with self._lock:
            return sum(h.nbytes for h in self._items.values())

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def _evict(self) -> None:
        now = self._clock()
        for key in [k for k, h in self._items.items() if now - h.last_seen > self.keep_seconds]:
            del self._items[key]
        total = sum(h.nbytes for h in self._items.values())
        while total > self.max_bytes and len(self._items) > 1:
            _, oldest = self._items.popitem(last=False)
            total -= oldest.nbytes


_store: UploadStore | None = None
_store_lock = threading.Lock()


def store() -> UploadStore:
    """The process's one store, sized from harvest.toml."""
    global _store
    with _store_lock:
        if _store is None:
            config = settings()
            _store = UploadStore(config.upload_keep_minutes * 60, config.uploads_held_mb * 1024 * 1024)
        return _store
