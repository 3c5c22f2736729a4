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
