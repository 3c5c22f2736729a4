"""Every problem found while loading, and what happened to each row; open an uploaded export or import a sheet."""

import pandas as pd
import streamlit as st

from analysis.downloads import to_csv
from analysis.escape import markdown as md
from analysis.settings import settings
from loaders import ExportError, importer
from loaders.upload import open_upload
from ui import codebook as book
from ui import current_codebook, current_export, jobs
from ui.context import UPLOAD_KEY, forget_upload, use_upload

#: Every kind of sheet the importer reads, from the importer itself: the page never refuses one it could import.
SHEET_TYPES = [suffix.lstrip(".") for suffix in importer.SHEET_SUFFIXES]
SHEET_KINDS = importer.READABLE  # ".csv, .tsv, … or .ods": the page names the same list it accepts
MB = 1024 * 1024

export = current_export()
st.title("Data and problems")
st.text(
    f"Export: {export.path}{'  (SYNTHETIC sample data)' if export.synthetic else ''}\nFingerprint: {export.fingerprint}"
)
codebook = current_codebook()
unnamed = book.unnamed(export)  # questions and codes the codebook does not name, once each with their notes
problems = pd.DataFrame([p.as_dict() for p in [*export.problems, *unnamed]], columns=export.problems_frame().columns)
if problems.empty:
    st.success(f"No problems were found while loading this export, nor against the codebook ({md(codebook.version)}).")
else:
    st.write(
        f"**{len(problems):,} problem(s)** were found. Each says the file, the row (counted from 1, as in a "
        "spreadsheet), the column, the value and what happened to the row. Questions and codes the codebook "
        f"(version {md(codebook.version)}) does not name (`not_in_codebook`) are listed once each, with their number "
        "of notes."
    )
    by_code = problems.groupby("code").size().rename("problems").reset_index().sort_values("problems", ascending=False)
    st.dataframe(by_code, hide_index=True)
    st.dataframe(problems.drop(columns=["fatal"]), hide_index=True, width="stretch")
    st.download_button(
        "Download the problems (CSV)",
        to_csv(problems, {"harvest export": export.path, "fingerprint": export.fingerprint}),
        file_name="harvest-problems.csv",
        mime="text/csv",
    )

limits = settings()
st.subheader("Open another export")
st.write(
    f"Upload a Parquet file or a .zip of an export folder (at most {limits.max_upload_mb:,} MB, and "
    f"{limits.max_decoded_mb:,} MB once read into memory). It is held on the server for this browser only (a "
    f"reload or a new tab of this browser keeps it), and released {limits.upload_keep_minutes:g} minutes after "
    "this browser was last seen, or when you go back to the server's export; nobody else sees it."
)
upload = st.file_uploader("Export (.parquet or .zip)", type=["parquet", "zip"], key="upload_export")
if upload is not None and st.session_state.get("harvest_upload_seen") != upload.file_id:
    st.session_state["harvest_upload_seen"] = upload.file_id
    try:
        use_upload(
            open_upload(upload.name, upload.getvalue(), limits.max_upload_mb * MB, limits.max_decoded_mb * MB),
            upload.name,
        )
        st.rerun()
    except ExportError as error:
        st.error(f"{md(upload.name)} cannot be opened:")
        for problem in error.problems:
            st.text(str(problem))
if st.session_state.get(UPLOAD_KEY) is not None and st.button("Back to the server's export"):
    forget_upload()
    st.rerun()

st.subheader("Import a spreadsheet")
st.write(
    f"A {SHEET_KINDS} sheet with one note per row becomes an export for this browser session only "
    "(held as uploads are). Check how its columns are read, change any below, then use it. docs/import.md "
    "explains the columns; `python -m loaders import` does the same on the command line."
)
sheet = st.file_uploader(f"Sheet ({SHEET_KINDS})", type=SHEET_TYPES, key="import_sheet")
if sheet is not None:
    data = sheet.getvalue()
    digest = jobs.digest(data)
    try:
        # Read once per upload, in a worker process: other sessions keep answering while a large sheet is read.
        guessed = jobs.wait(
            jobs.submit(f"plan|{digest}", "preview_upload", data, sheet.name),
            st.progress(0.0),
            f"Reading {sheet.name}…",
        )
        table = st.data_editor(
            guessed.mapping_frame(),
            hide_index=True,
            disabled=["column in the sheet", "how", "why", "first value"],
            key="import_mapping",
            column_config={
                "becomes": st.column_config.SelectboxColumn(options=["(not imported)", *importer.FIELDS], required=True)
            },
        )
        chosen = dict(zip(table["column in the sheet"], table["becomes"].replace("(not imported)", None), strict=True))
        chosen.pop("(none)", None)
        overrides = importer.overrides_from_choices(chosen)
        result = jobs.wait(
            jobs.submit(f"import|{digest}|{sorted(overrides.items())}", "import_upload", data, sheet.name, overrides),
            st.progress(0.0),
            f"Importing {sheet.name}…",
        )
        st.text("How it was read: " + "; ".join(result.remarks))  # the encoding, when it had to be guessed
        st.dataframe(result.plan.preview(), hide_index=True)
        if result.problems:
            st.dataframe(result.problems_frame().drop(columns=["fatal"]), hide_index=True, width="stretch")
        if result.export is None:
            st.error("This sheet cannot become a valid export; the problems above say why.")
        elif st.button(f"Use this sheet: {result.notes:,} notes, {result.participants:,} participants"):
            use_upload(result.export, sheet.name)
            st.rerun()
    except importer.ImportFailed as failure:
        st.error(f"{md(sheet.name)} cannot be imported:")
        for problem in failure.problems:
            st.text(str(problem))
