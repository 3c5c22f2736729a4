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


# --- sections of the Codebook page (pages/codebook.py), each drawn as it was on the page ----------------------------

COLUMN_WORDS = {"themes": "themes, needs and responsibilities", "direction": "commitments of the direction"}
SHORT = {"themes": "codes", "direction": "commitments"}


def agreement(t, shown, codes: str) -> None:
    """How far the auto-coder reproduces the facilitators of the notes in view, per column and per code."""
    from analysis import autocode as ac
    from charts import codebook as charts

    from .show import show_chart

    st.subheader("Agreement with the facilitators of the notes in view")
    if shown.synthetic:
        st.warning(
            "Agreement on the synthetic sample, which the keywords were written for (not a measure of accuracy): "
            "for accuracy, read the held-out figures above.",
            icon=":material/science:",
        )
    st.write(
        "The auto-coder is run on the notes the facilitators coded, as if they were not, and its codes are compared "
        "with theirs (the facilitators' codes are taken as right)."
    )
    t = _without_confirmed(t, shown)
    for column in ("themes", "direction"):
        row = t.summary.loc[column]
        st.markdown(f"**{md(COLUMN_WORDS[column].capitalize())}**")
        if not row["evaluated_notes"]:
            st.info(md(ac.evaluation_sentence(row, SHORT[column])), icon=":material/search_off:")
            continue
        metrics(
            [
                ("Notes compared", f"{int(row['evaluated_notes']):,}"),
                ("Agreement: recall", pct(row["recall"])),
                ("Agreement: precision", "–" if pd.isna(row["precision"]) else pct(row["precision"])),
                ("Notes with a code reproduced", pct(row["any_share"])),
            ]
        )
        part = t.scores[t.scores["column"] == column]
        fig = charts.evaluation(
            part,
            title=f"Per code: how often does the auto-coder agree ({column})?",
            n_text=f"{int(row['evaluated_notes']):,} notes coded by facilitators",
        )
        show_chart(
            fig,
            part.drop(columns=["column"]),
            key=f"codebook-evaluation-{column}",
            alt=ac.evaluation_sentence(row, SHORT[column]),
            view=shown,
            codes=codes,
        )


def codes_and_notes(t, shown, index) -> None:
    """The codes with their keywords and counts, and the notes behind the code chosen (bound to ?code=)."""
    from analysis import autocode as ac

    from .state import choice

    codebook, notes = shown.codebook, shown.notes
    st.subheader("The codes, their keywords and notes")
    table = t.counts.merge(
        ac.codebook_table(codebook)[["code", "column", "description", "keywords"]], on=["code", "column"], how="left"
    )
    table["keywords"] = table["keywords"].map(ac.keywords_text)
    entries = [e for part in (codebook.codes, codebook.commitments) for e in part.to_dict("records")]
    table["aliases"] = table["code"].map({e["id"]: ", ".join(e.get("aliases") or ()) for e in entries}).fillna("")
    st.dataframe(
        table[["code", "kind", "label", "aliases", "description", "keywords", "facilitators", "auto", "total"]],
        hide_index=True,
        width="stretch",
    )
    labels = dict(zip(table["code"], table["label"], strict=True))
    chosen = choice(
        st.selectbox,
        "code",
        "Show the notes behind a code",
        list(table["code"]),
        str(table["code"].iloc[0]),
        format_func=labels.get,
    )
    picked = table[table["code"] == chosen].iloc[0]
    st.text(f"{picked['label']} ({chosen}): {picked['description']}")
    st.dataframe(ac.code_examples(notes, index, chosen, picked["column"]), hide_index=True, width="stretch")


def misses(t, shown, codes: str) -> None:
    """The notes no theme, need or responsibility covers, and the words that come up in them."""
    from analysis import autocode as ac
    from charts import codebook as charts

    from .show import show_chart

    notes = shown.notes
    st.subheader("What the codebook misses")
    st.write(
        f"**{len(t.missed):,} notes** ({pct(len(t.missed) / len(notes))} of those in view) carry no theme, need or "
        "responsibility code: the facilitators gave none and no keyword matched."
    )
    if len(t.missed):
        columns = [c for c in ("text", "language", "question", "round") if c in t.missed]
        st.dataframe(t.missed[columns].head(500), hide_index=True, width="stretch")
    if len(t.words):
        n_text = f"notes containing each word, of {len(t.missed):,} uncovered notes; stop words removed"
        fig = charts.frequent_words(
            t.words, title="Which words come up in the notes the codebook misses?", n_text=n_text
        )
        show_chart(
            fig,
            t.words,
            key="codebook-words",
            alt=ac.words_sentence(t.words, len(t.missed)),
            view=shown,
            codes=codes,
        )


def _without_confirmed(t, shown):
    """The agreement without the codes facilitators confirmed from the auto-coder's own proposals (ui/decisions.py):
    an accepted proposal always agrees with the auto-coder, so counting it would say nothing."""
    from dataclasses import replace

    from analysis import autocode as ac

    from .context import auto_index, current_export
    from .decisions import unconfirmed

    notes = unconfirmed(shown.notes)
    if notes is None:
        return t
    st.caption(
        "Codes the facilitators confirmed from the auto-coder's proposals are left out here: agreeing with its own "
        "proposals would say nothing about it."
    )
    index = auto_index(current_export())
    summary = cache.once("agreement-summary", shown.key, ac.evaluation_summary, notes, index)
    scores = cache.once("agreement-scores", shown.key, ac.evaluate, notes, index, shown.codebook)
    return replace(t, summary=summary.set_index("column"), scores=scores)
