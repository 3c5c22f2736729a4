"""Exports in object storage: ``s3://bucket/path`` read from a real S3-compatible server on loopback.

moto's server mode (requirements-dev.txt) is started once for this module on a free 127.0.0.1 port. Each test writes
an export into a local folder with pyarrow, uploads the same files under its own prefix, and compares what the loader
reads from the bucket with what it reads from the folder: the same notes, people and problems, named the same way.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest

from loaders import ExportError, load_export
from loaders.__main__ import main as loaders_main
from loaders.codebook import notes_file
from loaders.files import export_name, fingerprint
from tests.loaders import corpus

BUCKET = "cafe-exports"
KEY_ID, SECRET = "AKIAHARVESTTEST", "harvest-secret-do-not-show"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def store() -> Iterator[pafs.S3FileSystem]:
    """moto's S3 server on loopback, the environment pointing at it (as a user's would), and a bucket."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, "moto's server stopped at start (is moto[server] installed?)"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "moto's server did not start in 30 s"
                time.sleep(0.05)
        with pytest.MonkeyPatch.context() as env:
            for name in ("AWS_ENDPOINT_URL_S3", "AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_DEFAULT_REGION"):
                env.delenv(name, raising=False)
            env.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{port}")
            env.setenv("AWS_ACCESS_KEY_ID", KEY_ID)
            env.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
            env.setenv("AWS_REGION", "us-east-1")
            env.setenv("AWS_EC2_METADATA_DISABLED", "true")  # never ask an instance for credentials
            env.setenv("AWS_CONFIG_FILE", os.devnull)  # the machine's own AWS config files play no part
            env.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
            s3 = pafs.S3FileSystem(
                endpoint_override=f"127.0.0.1:{port}", scheme="http", region="us-east-1", allow_bucket_creation=True
            )
            s3.create_dir(BUCKET)
            yield s3
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def upload(s3: pafs.S3FileSystem, local: Path, prefix: str) -> str:
    """Every file below ``local`` (or the file itself) put under ``BUCKET/prefix``; returns the s3:// address."""
    files = [local] if local.is_file() else sorted(p for p in local.rglob("*") if p.is_file())
    for file in files:
        key = f"{BUCKET}/{prefix}" if file == local else f"{BUCKET}/{prefix}/{file.relative_to(local).as_posix()}"
        with s3.open_output_stream(key) as out:
            out.write(file.read_bytes())
    return f"s3://{BUCKET}/{prefix}"


def notes(part: int, n: int, **columns) -> pa.Table:
    return pa.table(
        {
            "contribution_id": [f"r{part}-{i}" for i in range(n)],
            "text": [f"Round {part}, note {i}: tools in every language" for i in range(n)],
            "participant_id": [f"p{i % 7}" for i in range(n)],
            "round": [part] * n,
            **columns,
        }
    )


def live_export(folder: Path) -> Path:
    """A folder export: contributions.parquet/ of part files (one with an empty note, one not Parquet at all, a
    writer's marker), and participants.parquet (one person in an unknown region)."""
    parts = folder / "contributions.parquet"
    parts.mkdir(parents=True)
    pq.write_table(notes(1, 50), parts / "part-1.parquet")
    pq.write_table(notes(2, 3, text=["A note", "   ", "Another note"]), parts / "part-2.parquet")
    (parts / "part-3.parquet").write_bytes(b"contribution_id,text\nx,half a file")
    (parts / "_SUCCESS").write_bytes(b"")
    regions = ["SSA", "NWE", "LAC", "SA", "MENA", "ESEAP", "Atlantis"]
    people = pa.table({"participant_id": [f"p{i}" for i in range(7)], "region": regions})
    pq.write_table(people, folder / "participants.parquet")
    return folder


def assert_same(remote, local) -> None:
    pd.testing.assert_frame_equal(remote.contributions, local.contributions)
    pd.testing.assert_frame_equal(remote.participants, local.participants)
    assert remote.problems == local.problems
    assert remote.participants_source == local.participants_source
    assert list(remote.note_parts) == list(local.note_parts)


def test_a_folder_export_in_a_bucket_loads_as_the_same_folder_does(store, tmp_path):
    local = load_export(live_export(tmp_path / "export"))
    address = upload(store, tmp_path / "export", "export")
    remote = load_export(address)
    assert_same(remote, local)
    assert remote.path == address and remote.sessions == ["export"]
    labels = {p.file for p in remote.problems}
    assert {
        "export/contributions.parquet/part-2.parquet",
        "export/contributions.parquet/part-3.parquet",
        "export/participants.parquet",
    } <= labels
    assert len(remote.contributions) == 52 and len(remote.participants) == 7
    assert notes_file(address) == "export/contributions.parquet"


def test_a_part_added_mid_session_changes_the_fingerprint_and_its_notes_appear(store, tmp_path):
    address = upload(store, live_export(tmp_path / "export"), "live/export")
    before, first = fingerprint(address), load_export(address)
    assert fingerprint(address) == before == first.fingerprint  # steady while nothing lands
    with store.open_output_stream(f"{BUCKET}/live/export/contributions.parquet/part-4.parquet") as out:
        pq.write_table(notes(4, 5), out)
    assert fingerprint(address) != before
    second = load_export(address)
    added = set(second.contributions["contribution_id"]) - set(first.contributions["contribution_id"])
    assert added == {f"r4-{i}" for i in range(5)}


@pytest.mark.parametrize("layout", ["several sessions", "hive partitions", "single file", "dataset folder"])
def test_every_layout_loads_from_a_bucket_as_from_a_folder(store, tmp_path, layout):
    root = tmp_path / "events"
    if layout == "several sessions":
        corpus.export(root / "wikicafe-2017", corpus.notes(), corpus.people())
        corpus.export(root / "wikicafe-2018", corpus.notes())
        opened = root
    elif layout == "hive partitions":
        for session, n in (("berlin%202017", 4), ("stockholm", 6)):
            folder = root / "contributions.parquet" / f"session={session}"
            folder.mkdir(parents=True)
            pq.write_table(notes(n, n), folder / "part-0.parquet")
        opened = root
    elif layout == "single file":
        root.mkdir()
        pq.write_table(corpus.notes(region=["SSA", "NWE", None, "nowhere"]), root / "notes.parquet")
        opened = root / "notes.parquet"
    else:
        (root / "contributions.parquet").mkdir(parents=True)
        pq.write_table(notes(1, 3), root / "contributions.parquet" / "part-0.parquet")
        opened = root / "contributions.parquet"
    prefix = f"layouts/{layout.replace(' ', '-')}/{opened.relative_to(tmp_path).as_posix()}"  # the same names
    remote = load_export(upload(store, opened, prefix))
    local = load_export(opened)
    assert_same(remote, local)
    assert remote.sessions == local.sessions


def test_a_missing_bucket_or_prefix_is_said_clearly(store):
    with pytest.raises(ExportError) as raised:
        load_export("s3://no-such-bucket/export")
    (problem,) = raised.value.problems
    assert problem.file == "s3://no-such-bucket/export" and problem.code == "not_an_export"
    assert problem.message.startswith("There is no bucket or object here: the bucket no-such-bucket does not exist")
    with pytest.raises(ExportError) as raised:
        load_export(f"s3://{BUCKET}/nothing/here")
    (problem,) = raised.value.problems
    assert f"the bucket {BUCKET} holds nothing at nothing/here" in problem.message
    assert fingerprint("s3://no-such-bucket/export") == fingerprint(f"s3://{BUCKET}/nothing/here")  # never raises


@pytest.mark.parametrize(
    "address",
    [f"s3://{KEY_ID}:{SECRET}@{BUCKET}/export", f"s3://{BUCKET}/export?access_key={KEY_ID}&secret_key={SECRET}"],
)
def test_an_address_carrying_credentials_is_refused_and_never_echoed(store, tmp_path, capsys, address):
    upload(store, live_export(tmp_path / "export"), "export")
    with pytest.raises(ExportError) as raised:
        load_export(address)
    (problem,) = raised.value.problems
    assert problem.file == f"s3://{BUCKET}/export"
    assert "AWS_ACCESS_KEY_ID" in problem.message
    assert loaders_main(["check", address]) == 1
    assert loaders_main(["check", "--json", address]) == 1
    fingerprint(address)
    assert export_name(address) == "export" and export_name(f"s3://{KEY_ID}:{SECRET}@{BUCKET}") == BUCKET
    said = str(problem) + problem.message + "".join(capsys.readouterr())
    assert SECRET not in said and KEY_ID not in said


def test_python_m_loaders_check_reads_a_bucket(store, tmp_path, capsys):
    address = upload(store, live_export(tmp_path / "export"), "cli/export")
    assert loaders_main(["check", address]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{address}\n") and "contributions: 52" in out
    assert "export/contributions.parquet/part-3.parquet" in out


def test_a_whole_bucket_opens_as_an_export_folder(store, tmp_path):
    store.create_dir("harvest-whole-bucket")
    local_folder = live_export(tmp_path / "harvest-whole-bucket")
    for file in sorted(p for p in local_folder.rglob("*") if p.is_file()):
        with store.open_output_stream(f"harvest-whole-bucket/{file.relative_to(local_folder).as_posix()}") as out:
            out.write(file.read_bytes())
    remote = load_export("s3://harvest-whole-bucket/")
    assert_same(remote, load_export(local_folder))
    assert remote.sessions == ["harvest-whole-bucket"]


def test_the_dashboard_opens_an_export_in_a_bucket(store, run_page):
    """HARVEST_DATA=s3://…: the overview counts the bucket's notes; a missing bucket is a message, not a traceback."""
    from tests.helpers.apptest import SAMPLE, texts

    address = upload(store, SAMPLE, f"app/{SAMPLE.name}")
    at = run_page(data=address)
    notes = {m.label: m.value for m in at.metric}.get("Notes")
    assert notes == f"{len(load_export(SAMPLE).contributions):,}"
    at = run_page(data=f"s3://{KEY_ID}:{SECRET}@no-such-bucket/export")
    page = texts(at) + " ".join(at.dataframe[0].value["message"])
    assert "cannot be used" in page and "This address carries credentials" in page
    assert SECRET not in page and KEY_ID not in page


def test_the_app_lists_a_bucket_once_for_all_sessions_within_its_moment_and_then_sees_a_new_part(
    store, tmp_path, monkeypatch
):
    """Every rerun and every session's live check asks for the export's stamp: within STAMP_SECONDS one listing of
    the bucket serves them all (ui.cache.stamp); once it has passed, a part that landed is seen."""
    from ui import cache

    address = upload(store, live_export(tmp_path / "export"), "stamped/export")
    monkeypatch.setattr(cache, "STAMP_SECONDS", 3600.0)  # a moment that cannot pass during the test
    before = cache.stamp(address)
    with store.open_output_stream(f"{BUCKET}/stamped/export/contributions.parquet/part-4.parquet") as out:
        pq.write_table(notes(4, 5), out)
    assert cache.stamp(address) == before  # the listing already made serves this call
    monkeypatch.setattr(cache, "STAMP_SECONDS", 0.0)  # the moment has passed
    assert cache.stamp(address) == fingerprint(address) != before
