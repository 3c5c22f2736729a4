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
