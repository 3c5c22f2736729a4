"""The codebook a browser session uses: the default, or one the team uploads (validated from its bytes, never written
to disk, kept for this session only), with the controls to load one and to go back."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.autocode import heldout
from analysis.escape import markdown as md
from analysis.vocabulary import interval, pct
from loaders import CodebookError, Export, Problem
from loaders.codebook import DEFAULT_CODEBOOK, Codebook, not_in_codebook, notes_file, parse_codebook

from . import cache
from .context import CODEBOOK, CODEBOOK_FILE, current_codebook
from .show import metrics

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


def heldout_figures(codebook: Codebook) -> None:
    """How well the auto-coder codes real statements it was never tuned on (data/evaluation/results.json), when the
    codebook in force is the one they were measured under; else that they do not apply."""
    results = heldout.load_results()
    st.subheader("How well does the auto-coder code real notes? (held-out)")
    if results is None:
        st.warning("No held-out figures are recorded: run python -m analysis.autocode.heldout.")
        return
    if not heldout.applies(results, codebook):
        st.info(
            "The held-out figures were measured under the default codebook (version "
            f"{md(results.get('codebook_version', ''))}). The codebook in force is not that file, so they do not "
            "apply to it: its keywords have not been measured on real notes.",
            icon=":material/block:",
        )
        return
    part, table = results["splits"]["test"], heldout.results_table(results, "test")
    micro = table[table["group"] == "micro"].iloc[0]
    st.write(
        f"Held-out: {int(part['items'])} real-world statements from the 2017 strategy pages, languages "
        f"{md(heldout.languages_text(results, 'test'))}; never tuned on. Each carries the theme its source page files "
        "it under; the auto-coder's theme codes for it are compared with that theme."
    )
    metrics(
        [
            ("Held-out precision", _with_interval(micro, "precision")),
            ("Held-out recall", _with_interval(micro, "recall")),
            ("Held-out F1", _with_interval(micro, "f1")),
            ("Statements", f"{int(part['items']):,}"),
        ]
    )
    st.caption(
        "Every (statement, theme) pair counted once; in brackets the 95% interval (Wilson for precision and recall, "
        "a bootstrap over statements for F1). Groups of a few statements say little. Definitions and the "
        "tuning (dev) part: docs/analysis/codebook.md, “Accuracy on real statements, held out”."
    )
    shown = pd.DataFrame(
        {
            "per": table["group"],
            "code or language": table["key"],
            "statements": table["items"],
            "precision": table["precision"].map(pct),
            "precision 95%": [
                interval(a, b) for a, b in zip(table["precision_low"], table["precision_high"], strict=True)
            ],
            "n (given)": table["tp"] + table["fp"],
            "recall": table["recall"].map(pct),
            "recall 95%": [interval(a, b) for a, b in zip(table["recall_low"], table["recall_high"], strict=True)],
            "n (labelled)": table["tp"] + table["fn"],
            "F1": table["f1"].map(pct),
            "F1 95%": [interval(a, b) for a, b in zip(table["f1_low"], table["f1_high"], strict=True)],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")
    alt = results.get("supervised")
    if alt:
        f1 = {
            k: heldout.micro_row(rows)["f1"]
            for k, rows in (("alt", alt["test_rows"]), ("top", alt["majority"]["test_rows"]))
        }
        st.caption(
            f"On the same statements, a supervised coder trained on other statements scores F1 {pct(f1['alt'])}, and "
            f"giving every statement the most frequent theme {pct(f1['top'])}. The dashboard keeps the keywords: "
            "docs/analysis/codebook.md says why."
        )


def _with_interval(row: pd.Series, stat: str) -> str:
    return f"{pct(row[stat])} ({interval(row[f'{stat}_low'], row[f'{stat}_high'])})"
