"""Every problem found while loading, and what happened to each row; open an uploaded export or import a sheet."""

import streamlit as st

from analysis.escape import markdown as md
from analysis.messages import msg
from loaders import importer
from ui import current_codebook, current_export, jobs
from ui.context import use_upload
from ui.data import mapping_editor, open_export, preview, show_problems, show_refused, spans
from ui.problems import frame

#: Every kind of sheet the importer reads, from the importer itself: the page never refuses one it could import.
SHEET_TYPES = [suffix.lstrip(".") for suffix in importer.SHEET_SUFFIXES]
COMMAND = "`python -m loaders import`"

export = current_export()
#: ".csv, .tsv, … or .ods": the page names the same list it accepts, in the language in force.
kinds = msg("harvest-data-sheet-kinds", ", ".join(importer.SHEET_SUFFIXES[:-1]), importer.SHEET_SUFFIXES[-1])
st.title(md(msg("harvest-page-data")))
st.text(
    msg("harvest-data-export", str(export.path))
    + (msg("harvest-data-synthetic") if export.synthetic else "")
    + "\n"
    + msg("harvest-data-fingerprint", export.fingerprint)
)
show_problems(export, str(current_codebook().version))
open_export()

st.subheader(md(msg("harvest-data-import-heading")))
found = spans("harvest-data-import-intro", ("kinds", "doc", "command"))
st.write(
    "".join(
        COMMAND if kind == "command" else md(kinds if kind == "kinds" else "docs/import.md" if kind else text)
        for text, kind in found
    )
)
sheet = st.file_uploader(md(msg("harvest-data-sheet-label", kinds)), type=SHEET_TYPES, key="import_sheet")
if sheet is not None:
    data = sheet.getvalue()
    digest = jobs.digest(data)
    try:
        # Read once per upload, in a worker process: other sessions keep answering while a large sheet is read.
        guessed = jobs.wait(
            jobs.submit(f"plan|{digest}", "preview_upload", data, sheet.name),
            st.progress(0.0),
            md(msg("harvest-data-reading", sheet.name)),
        )
        chosen = mapping_editor(guessed)  # sheet column -> export column, as the person left it
        overrides = importer.overrides_from_choices(chosen)
        result = jobs.wait(
            jobs.submit(f"import|{digest}|{sorted(overrides.items())}", "import_upload", data, sheet.name, overrides),
            st.progress(0.0),
            md(msg("harvest-data-importing", sheet.name)),
        )
        st.text(msg("harvest-data-how-read", "; ".join(result.remarks)))  # the encoding, when it had to be guessed
        st.dataframe(preview(result.plan), hide_index=True)
        if result.problems:
            st.dataframe(frame(result.problems).drop(columns=["fatal"]), hide_index=True, width="stretch")
        if result.export is None:
            st.error(md(msg("harvest-data-sheet-invalid")))
        elif st.button(  # the colon is the page's own: tests read this label as written
            f"{md(msg('harvest-data-use-sheet'))}: "
            f"{md(msg('harvest-data-use-sheet-counts', result.notes, result.participants))}"
        ):
            use_upload(result.export, sheet.name)
            st.rerun()
    except importer.ImportFailed as failure:
        show_refused(msg("harvest-data-cannot-import", sheet.name), failure.problems)
