"""An export uploaded in the browser lives in that session only; a bad upload is refused with its reason."""

import io

import pyarrow as pa
import pyarrow.parquet as pq

from tests.helpers.apptest import texts


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


def test_a_sheet_is_read_once_per_upload_in_a_worker_process_not_on_every_rerun(run_page):
    """Reading a large sheet in the server's process held every other session; the read now runs in a worker
    process, once per upload: reruns of the page find the same job."""
    import os

    from ui import jobs

    at = run_page("pages/data.py")
    sheet = b"Idea,Region\nMore grants,SSA\nMentors,NWE\n"
    before = jobs.submitted
    at.file_uploader(key="import_sheet").set_value(("ideas.csv", sheet, "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(b.label.startswith("Use this sheet: 2 notes") for b in at.button)
    started = jobs.submitted - before
    assert started == 2  # reading the sheet, then importing it with the mapping shown
    at.run()
    at.run()
    assert jobs.submitted - before == started
    pids = {job.worker_pid for job in list(jobs._jobs.values())[-2:]}
    assert None not in pids and os.getpid() not in pids


def test_the_sheet_upload_accepts_every_kind_the_importer_reads_and_says_a_guessed_encoding(run_page):
    """.xlsm was refused by the upload though the importer reads it: the page takes importer.SHEET_SUFFIXES. A text
    sheet's encoding, when it had to be guessed, is said on the page, not only on the command line."""
    from loaders import importer

    at = run_page("pages/data.py")
    uploader = at.file_uploader(key="import_sheet")
    assert sorted(uploader.proto.type) == sorted(importer.SHEET_SUFFIXES) and ".xlsm" in uploader.proto.type
    uploader.set_value(("ideas.csv", "Idea,Region\nMöre grants für alle,SSA\n".encode("cp1252"), "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    page = texts(at)
    assert "How it was read:" in page and "Windows-1252" in page and "guessed" in page
