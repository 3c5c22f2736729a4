"""Every problem found while loading, and what happened to each row; open an uploaded export or import a sheet."""

import pandas as pd
import streamlit as st

from analysis.downloads import to_csv
from analysis.escape import markdown as md
from analysis.messages import msg
from analysis.settings import settings
from loaders import ExportError, importer
from loaders.upload import open_upload
from ui import codebook as book
from ui import current_codebook, current_export, jobs
from ui.context import UPLOAD_KEY, forget_upload, use_upload

#: Every kind of sheet the importer reads, from the importer itself: the page never refuses one it could import.
SHEET_TYPES = [suffix.lstrip(".") for suffix in importer.SHEET_SUFFIXES]
MB = 1024 * 1024
#: The problem code of questions and codes the codebook does not name, shown as code.
NOT_IN_CODEBOOK = "`not_in_codebook`"
COMMAND = "`python -m loaders import`"


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
codebook = current_codebook()
unnamed = book.unnamed(export)  # questions and codes the codebook does not name, once each with their notes
problems = pd.DataFrame([p.as_dict() for p in [*export.problems, *unnamed]], columns=export.problems_frame().columns)
if problems.empty:
    st.success(md(msg("harvest-data-no-problems", str(codebook.version))))
else:
    found = spans("harvest-data-problems", ("bold", "code", "version"), len(problems))
    count = msg("harvest-data-problems-count", len(problems))
    version = str(codebook.version)
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
        st.error(md(msg("harvest-data-cannot-open", upload.name)))
        for problem in error.problems:
            st.text(str(problem))
if st.session_state.get(UPLOAD_KEY) is not None and st.button(md(msg("harvest-data-back"))):
    forget_upload()
    st.rerun()

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
            md(msg("harvest-data-importing", sheet.name)),
        )
        st.text(msg("harvest-data-how-read", "; ".join(result.remarks)))  # the encoding, when it had to be guessed
        st.dataframe(result.plan.preview(), hide_index=True)
        if result.problems:
            st.dataframe(result.problems_frame().drop(columns=["fatal"]), hide_index=True, width="stretch")
        if result.export is None:
            st.error(md(msg("harvest-data-sheet-invalid")))
        elif st.button(  # the colon is the page's own: tests read this label as written
            f"{md(msg('harvest-data-use-sheet'))}: "
            f"{md(msg('harvest-data-use-sheet-counts', result.notes, result.participants))}"
        ):
            use_upload(result.export, sheet.name)
            st.rerun()
    except importer.ImportFailed as failure:
        st.error(md(msg("harvest-data-cannot-import", sheet.name)))
        for problem in failure.problems:
            st.text(str(problem))
