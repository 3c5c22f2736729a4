"""The sections of the Data and problems page (pages/data.py): every problem found while loading, in the reader's
language, with its CSV; and opening an uploaded export."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.downloads import to_csv
from analysis.escape import markdown as md
from analysis.messages import msg
from analysis.settings import settings
from loaders import Export, ExportError, importer
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


#: The mapping table's columns (their keys stay; their headers are messages): harvest-data-mapping-<key>.
MAPPING_COLUMNS = {
    "sheet": "column in the sheet",
    "becomes": "becomes",
    "how": "how",
    "why": "why",
    "first": "first value",
}


def mapping_editor(plan) -> dict[str, str | None]:
    """The guessed mapping of an uploaded sheet as an editable table in the reader's language (which export column
    each sheet column becomes, how and why that was decided, a first value with ids hidden); returns the person's
    choice, sheet column -> export column (None: not imported), as ``importer.overrides_from_choices`` takes it."""
    not_imported, hidden = msg("harvest-data-mapping-not-imported"), msg("harvest-data-mapping-hidden")
    used = {m.header: m for m in plan.mapping if m.header}
    rows = []
    for j, header in enumerate(plan.sheet.headers):
        m = used.get(header)
        example = next((r[j] for r in plan.sheet.rows if r[j].strip()), "")
        rows.append(
            {
                "column in the sheet": header,
                "becomes": m.field if m else not_imported,
                "how": msg(f"harvest-data-mapping-how-{m.how}") if m else "",
                "why": _why(m) if m else msg("harvest-data-mapping-why-unmatched"),
                "first value": hidden if m is not None and m.field == "participant_id" else example[:80],
            }
        )
    made = [m for m in plan.mapping if m.header is None]  # generated, or left out: no sheet column
    rows += [
        {
            "column in the sheet": "",
            "becomes": m.field,
            "how": msg(f"harvest-data-mapping-how-{m.how}"),
            "why": _why(m),
            "first value": "",
        }
        for m in made
    ]
    table = st.data_editor(
        pd.DataFrame(rows, columns=list(MAPPING_COLUMNS.values())),
        hide_index=True,
        disabled=["column in the sheet", "how", "why", "first value"],
        key="import_mapping",
        column_config={
            column: (
                st.column_config.SelectboxColumn(
                    md(msg("harvest-data-mapping-becomes")),
                    options=[not_imported, *importer.FIELDS],
                    required=True,
                )
                if key == "becomes"
                else st.column_config.TextColumn(md(msg(f"harvest-data-mapping-{key}")))
            )
            for key, column in MAPPING_COLUMNS.items()
        },
    )
    sheet_rows = table.iloc[: len(plan.sheet.headers)]  # the rows of columns the sheet has (the others are made)
    return {
        str(column): None if becomes == not_imported else str(becomes)
        for column, becomes in zip(sheet_rows["column in the sheet"], sheet_rows["becomes"], strict=True)
    }


def _why(m) -> str:
    """Why a column was mapped as it was, in the reader's words (importer.Mapped.reason); the importer's own English
    sentence for a reason it does not name."""
    if m.reason == "usual-name":
        return msg("harvest-data-mapping-why-usual-name", m.header)
    return msg(f"harvest-data-mapping-why-{m.reason}") if m.reason else m.why


def preview(plan) -> pd.DataFrame:
    """The first rows as the export will hold them, participant ids hidden in the reader's words."""
    table = plan.preview()
    if "participant_id" in table:
        table["participant_id"] = table["participant_id"].replace("(hidden)", msg("harvest-data-mapping-hidden"))
    return table
