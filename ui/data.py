"""The sections of the Data and problems page (pages/data.py): every problem found while loading, in the reader's
language, with its CSV; and opening an uploaded export."""

from __future__ import annotations

import streamlit as st

from analysis.downloads import to_csv
from analysis.escape import markdown as md
from analysis.messages import msg
from analysis.settings import settings
from loaders import Export, ExportError
from loaders.upload import open_upload
from ui import codebook as book
from ui.context import UPLOAD_KEY, forget_upload, use_upload
from ui.problems import frame, line

MB = 1024 * 1024
#: The problem code of questions and codes the codebook does not name, shown as code.
NOT_IN_CODEBOOK = "`not_in_codebook`"


def spans(key: str, marked: tuple[str, ...], *params: object) -> list[tuple[str, str]]:
    """The message ``key`` in pieces, in the translation's own order: its parameter $n as ("", the n-th of ``marked``,
    a kind the page renders its own way: bold, code …), the text around them as (text, ""); ``params`` fill the
    parameters after the marked ones."""
    marks = [chr(0xE000 + i) for i in range(len(marked))]  # private-use characters, never in a message
    pieces: list[tuple[str, str]] = []
    for ch in msg(key, *marks, *params):
        if ch in marks:
            pieces.append(("", marked[marks.index(ch)]))
        elif pieces and not pieces[-1][1]:
            pieces[-1] = (pieces[-1][0] + ch, "")
        else:
            pieces.append((ch, ""))
    return pieces


def show_problems(export: Export, version: str) -> None:
    """Every problem found while loading ``export``, and the questions and codes the codebook (``version``) does not
    name: how many of each code, the table (each message in the language in force) and its CSV; or that none were."""
    unnamed = book.unnamed(export)  # questions and codes the codebook does not name, once each with their notes
    problems = frame([*export.problems, *unnamed])
    if problems.empty:
        st.success(md(msg("harvest-data-no-problems", version)))
        return
    found = spans("harvest-data-problems", ("bold", "code", "version"), len(problems))
    count = msg("harvest-data-problems-count", len(problems))
    st.write(
        "".join(
            f"**{md(count)}**"
            if kind == "bold"
            else NOT_IN_CODEBOOK
            if kind == "code"
            else md(version if kind else text)
            for text, kind in found
        )
    )
    by_code = problems.groupby("code").size().rename("problems").reset_index().sort_values("problems", ascending=False)
    st.dataframe(by_code, hide_index=True)
    st.dataframe(problems.drop(columns=["fatal"]), hide_index=True, width="stretch")
    st.download_button(
        md(msg("harvest-data-download-problems")),
        to_csv(problems, {"harvest export": export.path, "fingerprint": export.fingerprint}),
        file_name="harvest-problems.csv",
        mime="text/csv",
    )


def show_refused(heading: str, problems: list) -> None:
    """Why a file could not be opened or imported: ``heading`` (the page's own words), then each problem on a line."""
    st.error(md(heading))
    for problem in problems:
        st.text(line(problem))


def open_export() -> None:
    """Open an uploaded export (Parquet or .zip) for this browser, within the server's limits; or go back to the
    server's export."""
    limits = settings()
    st.subheader(md(msg("harvest-data-open-heading")))
    st.write(
        md(
            msg(
                "harvest-data-upload-intro",
                int(limits.max_upload_mb),
                int(limits.max_decoded_mb),
                f"{limits.upload_keep_minutes:g}",
            )
        )
    )
    upload = st.file_uploader(md(msg("harvest-data-upload-label")), type=["parquet", "zip"], key="upload_export")
    if upload is not None and st.session_state.get("harvest_upload_seen") != upload.file_id:
        st.session_state["harvest_upload_seen"] = upload.file_id
        try:
            use_upload(
                open_upload(upload.name, upload.getvalue(), limits.max_upload_mb * MB, limits.max_decoded_mb * MB),
                upload.name,
            )
            st.rerun()
        except ExportError as error:
            show_refused(msg("harvest-data-cannot-open", upload.name), error.problems)
    if st.session_state.get(UPLOAD_KEY) is not None and st.button(md(msg("harvest-data-back"))):
        forget_upload()
        st.rerun()
