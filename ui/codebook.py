"""The codebook a browser session uses: the default, or one the team uploads (validated from its bytes, never written
to disk, kept for this session only), with the controls to load one and to go back."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import messages
from analysis.autocode import heldout
from analysis.escape import markdown as md
from analysis.messages import msg
from analysis.vocabulary import count, interval, pct
from loaders import CodebookError, Export, Problem
from loaders.codebook import DEFAULT_CODEBOOK, Codebook, not_in_codebook, notes_file, parse_codebook

from . import cache
from .context import CODEBOOK, CODEBOOK_FILE, current_codebook
from .problems import frame as said_problems
from .show import metrics

MAX_CODEBOOK_BYTES = 1_000_000


def unnamed(export: Export) -> list[Problem]:
    """The questions and codes on the export's notes that the codebook in force does not name, each once with its
    number of notes (loaders.codebook.not_in_codebook), computed once per export version and codebook."""
    book = current_codebook()
    key = f"{export.path}|{export.fingerprint}|{book.digest}"
    return cache.once("not-in-codebook", key, not_in_codebook, export.contributions, book, notes_file(export.path))


def source() -> str:
    """Where the codebook in force comes from, as a reader wants it said."""
    custom = st.session_state.get(CODEBOOK_FILE)
    return msg("harvest-codebook-source-loaded", custom[0]) if custom else msg("harvest-codebook-source-default")


def _use(name: str, data: bytes) -> None:
    """Validate an uploaded codebook; keep it for this browser session, or show every problem it has."""
    if len(data) > MAX_CODEBOOK_BYTES:
        st.error(md(msg("harvest-codebook-too-big", name, len(data), MAX_CODEBOOK_BYTES)))
        return
    try:
        book: Codebook = parse_codebook(data, name)
    except CodebookError as error:
        st.error(md(msg("harvest-codebook-unusable", name)))
        problems = said_problems(error.problems).drop(columns=["fatal", "file"])
        st.dataframe(problems, hide_index=True)
        return
    st.session_state[CODEBOOK] = book
    st.session_state[CODEBOOK_FILE] = (name, data)
    st.rerun()


def file_controls() -> None:
    """Download the codebook in force; load another; go back to the default."""
    custom = st.session_state.get(CODEBOOK_FILE)
    name, data = custom if custom else ("codebook.toml", DEFAULT_CODEBOOK.read_bytes())
    st.download_button(md(msg("harvest-codebook-download")), data, file_name=name, mime="application/toml")
    # The uploader's key changes when the team goes back to the default, so the file it still holds is not used again.
    uploads = st.session_state.setdefault("codebook_uploads", 0)
    upload = st.file_uploader(md(msg("harvest-codebook-upload")), type=["toml"], key=f"codebook_upload_{uploads}")
    if upload is not None and (upload.name, upload.getvalue()) != custom:
        _use(upload.name, upload.getvalue())
    if custom and st.button(md(msg("harvest-codebook-back-to-default"))):
        for key in (CODEBOOK, CODEBOOK_FILE):
            st.session_state.pop(key, None)
        st.session_state["codebook_uploads"] = uploads + 1
        st.rerun()


def heldout_figures(codebook: Codebook) -> None:
    """How well the auto-coder codes real statements it was never tuned on (data/evaluation/results.json), when the
    codebook in force is the one they were measured under; else that they do not apply."""
    results = heldout.load_results()
    st.subheader(md(msg("harvest-codebook-heldout-heading")))
    if results is None:
        st.warning(md(msg("harvest-codebook-heldout-none")))
        return
    if not heldout.applies(results, codebook):
        st.info(
            md(msg("harvest-codebook-heldout-not-this", results.get("codebook_version", ""))), icon=":material/block:"
        )
        return
    part, table = results["splits"]["test"], heldout.results_table(results, "test")
    micro = table[table["group"] == "micro"].iloc[0]
    st.write(
        md(msg("harvest-codebook-heldout-about", str(int(part["items"])), heldout.languages_text(results, "test")))
    )
    metrics(
        [
            (msg("harvest-codebook-heldout-precision"), _with_interval(micro, "precision")),
            (msg("harvest-codebook-heldout-recall"), _with_interval(micro, "recall")),
            (msg("harvest-codebook-heldout-f1"), _with_interval(micro, "f1")),
            (msg("harvest-codebook-heldout-statements"), count(int(part["items"]))),
        ]
    )
    st.caption(md(msg("harvest-codebook-heldout-how")))
    level = messages.percent(0.95)  # the intervals' confidence, written the language's way
    column = "harvest-codebook-heldout-col-"
    shown = pd.DataFrame(
        {
            msg(column + "per"): table["group"],
            msg(column + "key"): table["key"],
            msg(column + "statements"): table["items"],
            msg(column + "precision"): table["precision"].map(pct),
            msg(column + "precision-interval", level): [
                interval(a, b) for a, b in zip(table["precision_low"], table["precision_high"], strict=True)
            ],
            msg(column + "given"): table["tp"] + table["fp"],
            msg(column + "recall"): table["recall"].map(pct),
            msg(column + "recall-interval", level): [
                interval(a, b) for a, b in zip(table["recall_low"], table["recall_high"], strict=True)
            ],
            msg(column + "labelled"): table["tp"] + table["fn"],
            msg(column + "f1"): table["f1"].map(pct),
            msg(column + "f1-interval", level): [
                interval(a, b) for a, b in zip(table["f1_low"], table["f1_high"], strict=True)
            ],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")
    alt = results.get("supervised")
    if alt:
        f1 = {
            k: heldout.micro_row(rows)["f1"]
            for k, rows in (("alt", alt["test_rows"]), ("top", alt["majority"]["test_rows"]))
        }
        st.caption(md(msg("harvest-codebook-heldout-supervised", pct(f1["alt"]), pct(f1["top"]))))


def _with_interval(row: pd.Series, stat: str) -> str:
    return f"{pct(row[stat])} ({interval(row[f'{stat}_low'], row[f'{stat}_high'])})"


# --- sections of the Codebook page (pages/codebook.py), each drawn as it was on the page ----------------------------

#: The analysis' own words for a column's codes, in its sentences.
SHORT = {"themes": "codes", "direction": "commitments"}


def agreement(t, shown, codes: str) -> None:
    """How far the auto-coder reproduces the facilitators of the notes in view, per column and per code."""
    from analysis import autocode as ac
    from charts import codebook as charts

    from .show import show_chart

    st.subheader(md(msg("harvest-codebook-agreement-heading")))
    if shown.synthetic:
        st.warning(md(msg("harvest-codebook-agreement-synthetic")), icon=":material/science:")
    st.write(md(msg("harvest-codebook-agreement-how")))
    t = _without_confirmed(t, shown)
    for column in ("themes", "direction"):
        row = t.summary.loc[column]
        st.markdown(f"**{md(msg(f'harvest-codebook-column-{column}-heading'))}**")
        if not row["evaluated_notes"]:
            st.info(md(ac.evaluation_sentence(row, SHORT[column])), icon=":material/search_off:")
            continue
        metrics(
            [
                (msg("harvest-codebook-notes-compared"), count(row["evaluated_notes"])),
                (msg("harvest-codebook-agreement-recall"), pct(row["recall"])),
                (
                    msg("harvest-codebook-agreement-precision"),
                    "–" if pd.isna(row["precision"]) else pct(row["precision"]),
                ),
                (msg("harvest-codebook-code-reproduced"), pct(row["any_share"])),
            ]
        )
        part = t.scores[t.scores["column"] == column]
        fig = charts.evaluation(
            part,
            title=msg(f"harvest-codebook-evaluation-title-{column}"),
            n_text=msg("harvest-codebook-evaluation-n", int(row["evaluated_notes"])),
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
    st.subheader(md(msg("harvest-codebook-codes-heading")))
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
        msg("harvest-codebook-choose"),
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
    st.subheader(md(msg("harvest-codebook-misses-heading")))
    missed = len(t.missed)
    st.write(
        f"**{md(msg('harvest-codebook-missed-count', missed))}** "
        f"{md(msg('harvest-codebook-missed-rest', pct(missed / len(notes)), missed))}"
    )
    if len(t.missed):
        columns = [c for c in ("text", "language", "question", "round") if c in t.missed]
        st.dataframe(t.missed[columns].head(500), hide_index=True, width="stretch")
    if len(t.words):
        n_text = msg("harvest-codebook-words-n", len(t.missed))
        fig = charts.frequent_words(t.words, title=msg("harvest-codebook-words-title"), n_text=n_text)
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
    st.caption(md(msg("harvest-codebook-confirmed-left-out")))
    index = auto_index(current_export())
    summary = cache.once("agreement-summary", shown.key, ac.evaluation_summary, notes, index)
    scores = cache.once("agreement-scores", shown.key, ac.evaluate, notes, index, shown.codebook)
    return replace(t, summary=summary.set_index("column"), scores=scores)
