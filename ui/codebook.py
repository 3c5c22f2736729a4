"""The codebook a browser session uses: the default, or one the team uploads (validated from its bytes, never written
to disk, kept for this session only), with the controls to load one and to go back."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.escape import markdown as md
from loaders import CodebookError, Export, Problem
from loaders.codebook import DEFAULT_CODEBOOK, Codebook, not_in_codebook, notes_file, parse_codebook

from . import cache
from .context import CODEBOOK, CODEBOOK_FILE, current_codebook

MAX_CODEBOOK_BYTES = 1_000_000
UPLOAD_LABEL = "Load your own codebook (.toml, the format of data/codebook.toml)"


def unnamed(export: Export) -> list[Problem]:
    """The questions and codes on the export's notes that the codebook in force does not name, each once with its
    number of notes (loaders.codebook.not_in_codebook), computed once per export version and codebook."""
    book = current_codebook()
    key = f"{export.path}|{export.fingerprint}|{book.digest}"
    return cache.once("not-in-codebook", key, not_in_codebook, export.contributions, book, notes_file(export.path))


def source() -> str:
    """Where the codebook in force comes from, as a reader wants it said."""
    custom = st.session_state.get(CODEBOOK_FILE)
    return f"loaded from {custom[0]} for this browser session" if custom else "the default, data/codebook.toml"


def _use(name: str, data: bytes) -> None:
    """Validate an uploaded codebook; keep it for this browser session, or show every problem it has."""
    if len(data) > MAX_CODEBOOK_BYTES:
        st.error(
            f"{md(name)} is {len(data):,} bytes; a codebook is a small TOML file (at most {MAX_CODEBOOK_BYTES:,})."
        )
        return
    try:
        book: Codebook = parse_codebook(data, name)
    except CodebookError as error:
        st.error(f"{md(name)} cannot be used as a codebook. Everything that is wrong with it:")
        problems = pd.DataFrame([p.as_dict() for p in error.problems]).drop(columns=["fatal", "file"])
        st.dataframe(problems, hide_index=True)
        return
    st.session_state[CODEBOOK] = book
    st.session_state[CODEBOOK_FILE] = (name, data)
    st.rerun()


def file_controls() -> None:
    """Download the codebook in force; load another; go back to the default."""
    custom = st.session_state.get(CODEBOOK_FILE)
    name, data = custom if custom else ("codebook.toml", DEFAULT_CODEBOOK.read_bytes())
    st.download_button("Download the codebook in force (TOML)", data, file_name=name, mime="application/toml")
    # The uploader's key changes when the team goes back to the default, so the file it still holds is not used again.
    uploads = st.session_state.setdefault("codebook_uploads", 0)
    upload = st.file_uploader(UPLOAD_LABEL, type=["toml"], key=f"codebook_upload_{uploads}")
    if upload is not None and (upload.name, upload.getvalue()) != custom:
        _use(upload.name, upload.getvalue())
    if custom and st.button("Back to the default codebook"):
        for key in (CODEBOOK, CODEBOOK_FILE):
            st.session_state.pop(key, None)
        st.session_state["codebook_uploads"] = uploads + 1
        st.rerun()
