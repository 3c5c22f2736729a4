"""A live session: part files land while the app is open; a half-written one is reported and skipped until complete,
and no note already shown disappears."""

import io

import pyarrow as pa
import pyarrow.parquet as pq

from tests.helpers.apptest import texts


def part_bytes(ids: list[str]) -> bytes:
    sink = io.BytesIO()
    pq.write_table(pa.table({"contribution_id": ids, "text": [f"note {i}" for i in ids]}), sink)
    return sink.getvalue()


def notes_shown(at) -> str:
    return {m.label: m.value for m in at.metric}["Notes"]


def test_new_parts_appear_on_the_next_rerun_and_a_half_written_one_waits(run_page, tmp_path):
    folder = tmp_path / "live" / "contributions.parquet"
    folder.mkdir(parents=True)
    (folder / "part-0.parquet").write_bytes(part_bytes(["a", "b", "c"]))
    at = run_page(data=tmp_path / "live")
    assert notes_shown(at) == "3"

    (folder / "part-1.parquet").write_bytes(part_bytes(["d", "e"]))
    at.run()
    assert notes_shown(at) == "5"

    whole = part_bytes(["f", "g", "h"])
    (folder / "part-2.parquet").write_bytes(whole[: len(whole) // 2])  # the writer is halfway through
    at.run()
    assert notes_shown(at) == "5"  # nothing already shown disappears
    assert "1 problem(s) were found while loading" in texts(at)

    (folder / "part-2.parquet").write_bytes(whole)  # the writer finished
    at.run()
    assert notes_shown(at) == "8"
    assert "No problems were found while loading." in texts(at)
