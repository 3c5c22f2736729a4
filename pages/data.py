"""Every problem found while loading, and what happened to each row."""

import streamlit as st

from analysis.export import to_csv
from ui import current_export

export = current_export()
st.title("Data and problems")
st.text(f"Export: {export.path}{'  (SYNTHETIC sample data)' if export.synthetic else ''}\n"
        f"Fingerprint: {export.fingerprint}")
problems = export.problems_frame()
if problems.empty:
    st.success("No problems were found while loading this export.")
else:
    st.write(f"**{len(problems)} problem(s)** were found. Each says the file, the row (counted from 1, as in a "
             "spreadsheet), the column, the value and what happened to the row.")
    by_code = problems.groupby("code").size().rename("problems").reset_index().sort_values("problems", ascending=False)
    st.dataframe(by_code, hide_index=True)
    st.dataframe(problems.drop(columns=["fatal"]), hide_index=True, width="stretch")
    st.download_button("Download the problems (CSV)", to_csv(problems, {"harvest export": export.path,
                                                                         "fingerprint": export.fingerprint}),
                       file_name="harvest-problems.csv", mime="text/csv")

st.subheader("Open another export")
st.write("Upload a Parquet file or a .zip of an export folder. It is read into memory for this browser session only: "
         "nothing is kept on the server, and nobody else sees it.")
upload = st.file_uploader("Export (.parquet or .zip)", type=["parquet", "zip"], key="upload_export")
if upload is not None and st.session_state.get("harvest_upload_name") != (upload.name, upload.size):
    from loaders import ExportError
    from loaders.upload import open_upload

    try:
        st.session_state["harvest_upload"] = open_upload(upload.name, upload.getvalue())
        st.session_state["harvest_upload_name"] = (upload.name, upload.size)
        st.rerun()
    except ExportError as error:
        st.error(f"{upload.name} cannot be opened:")
        for problem in error.problems:
            st.text(str(problem))
if st.session_state.get("harvest_upload") is not None:
    if st.button("Back to the server's export"):
        st.session_state.pop("harvest_upload", None)
        st.session_state.pop("harvest_upload_name", None)
        st.rerun()

st.subheader("Import a spreadsheet")
st.write("A CSV, .xlsx or .ods sheet with one note per row becomes an export for this browser session only (nothing "
         "is kept on the server). Check how its columns are read, change any below, then use it. docs/import.md "
         "explains the columns; `python -m loaders import` does the same on the command line.")
sheet = st.file_uploader("Sheet (.csv, .tsv, .txt, .xlsx, .ods)", type=["csv", "tsv", "txt", "xlsx", "ods"],
                         key="import_sheet")
if sheet is not None:
    from loaders import importer

    try:
        guessed = importer.plan(importer.read_sheet(sheet.getvalue(), name=sheet.name))
        table = st.data_editor(guessed.mapping_frame(), hide_index=True, disabled=["column in the sheet", "how",
                               "why", "first value"], key="import_mapping", column_config={"becomes": st.column_config
                               .SelectboxColumn(options=["(not imported)", *importer.FIELDS], required=True)})
        chosen = dict(zip(table["column in the sheet"], table["becomes"].replace("(not imported)", None), strict=True))
        chosen.pop("(none)", None)
        result = importer.import_upload(sheet.getvalue(), sheet.name, importer.overrides_from_choices(chosen))
        st.dataframe(result.plan.preview(), hide_index=True)
        if result.problems:
            st.dataframe(result.problems_frame().drop(columns=["fatal"]), hide_index=True, width="stretch")
        if result.export is None:
            st.error("This sheet cannot become a valid export; the problems above say why.")
        elif st.button(f"Use this sheet: {result.notes:,} notes, {result.participants:,} participants"):
            st.session_state["harvest_upload"] = result.export
            st.session_state["harvest_upload_name"] = (sheet.name, sheet.size)
            st.rerun()
    except importer.ImportFailed as failure:
        st.error(f"{sheet.name} cannot be imported:")
        for problem in failure.problems:
            st.text(str(problem))
