"""Uploads are held for a bounded time and memory, and a session whose upload was released is told so, loudly."""

from __future__ import annotations

import io

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.escape import unmarkdown
from ui.uploads import UploadStore


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def frame(rows: int) -> pd.DataFrame:
    return pd.DataFrame({"text": ["x" * 100] * rows})


def test_an_upload_is_released_once_its_browser_has_not_been_seen_for_the_keep_time():
    clock = Clock()
    store = UploadStore(keep_seconds=60, max_bytes=10**9, clock=clock)
    key = store.put(frame(10), "a.parquet")
    clock.now = 59
    assert store.get(key) is not None  # seen: the clock restarts
    clock.now = 118
    assert store.get(key) is not None
    clock.now = 179
    assert store.get(key) is None and len(store) == 0


def test_held_uploads_stay_under_the_memory_bound_the_least_recently_used_going_first():
    store = UploadStore(keep_seconds=3600, max_bytes=250_000)
    first = store.put(frame(1_000), "first")
    second = store.put(frame(1_000), "second")
    assert store.get(first) is not None  # first is now the most recently used
    third = store.put(frame(1_000), "third")
    assert store.held_bytes <= 250_000
    assert store.get(second) is None and store.get(first) is not None and store.get(third) is not None


def test_keys_are_unguessable_and_another_key_sees_nothing():
    store = UploadStore(keep_seconds=60, max_bytes=10**9)
    key = store.put(frame(1), "mine")
    assert len(key) >= 20 and store.get(key[:-1] + ("A" if key[-1] != "A" else "B")) is None
    store.drop(key)
    assert store.get(key) is None


def parquet(n: int) -> bytes:
    sink = io.BytesIO()
    pq.write_table(pa.table({"contribution_id": [f"u{i}" for i in range(n)], "text": ["uploaded"] * n}), sink)
    return sink.getvalue()


def test_a_released_upload_is_said_on_the_page_never_switched_silently(run_page):  # noqa: F811
    from ui.uploads import store

    at = run_page("pages/data.py")
    at.file_uploader(key="upload_export").upload("mine.parquet", parquet(3), "application/octet-stream").run()
    store().drop(at.session_state["harvest_upload_key"])  # released, as after keep_minutes without this browser
    at.switch_page("pages/overview.py").run()
    warnings = [unmarkdown(w.value) for w in at.warning]
    assert any(
        "Your upload mine.parquet was released" in w and "You are now looking at the server's export" in w
        for w in warnings
    ), warnings
    at.switch_page("pages/themes.py").run()  # and on the next page, until the person says they read it
    assert any("Your upload mine.parquet was released" in unmarkdown(w.value) for w in at.warning)
    assert any(b.label == "Understood" for b in at.button)
