"""An export uploaded in the browser lives in that session only; a bad upload is refused with its reason."""

import io

import pyarrow as pa
import pyarrow.parquet as pq

from .conftest import texts


def parquet(n: int) -> bytes:
    sink = io.BytesIO()
    pq.write_table(pa.table({"contribution_id": [f"u{i}" for i in range(n)], "text": ["uploaded"] * n}), sink)
    return sink.getvalue()


def notes_metric(at) -> str:
    return {m.label: m.value for m in at.metric}["Notes"]


def test_an_upload_is_seen_by_its_session_and_by_no_other(run_page):
    team = run_page("pages/data.py")
    team.file_uploader(key="upload_export").upload("mine.parquet", parquet(3), "application/octet-stream").run()
    assert "upload: mine.parquet" in texts(team)
    team.switch_page("pages/overview.py").run()
    assert notes_metric(team) == "3"

    projector = run_page()  # another browser session on the same server
    assert notes_metric(projector) == "411"


def test_a_zip_escaping_its_folder_is_refused_with_the_entry_named(run_page):
    import zipfile

    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w") as archive:
        archive.writestr("../escape.parquet", parquet(1))
    at = run_page("pages/data.py")
    at.file_uploader(key="upload_export").upload("evil.zip", sink.getvalue(), "application/zip").run()
    page = texts(at)
    assert "evil.zip cannot be opened" in page
    assert "“../escape.parquet”, which points outside the export folder" in page
