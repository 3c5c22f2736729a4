"""Facilitators confirm, the machine proposes: the decisions on the auto-coder's proposals (loaders/decisions.py) as
this session sees them, applied to the export every page reads, and the review on the Codebook page.

A local export's decisions live in ``X.decisions.csv`` beside it, shared by every session and process that opens it.
Nothing is written beside an upload or an export in object storage: there they are held for this browser session,
offered as a CSV to download and taken back from one (like a team's own codebook)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import streamlit as st

from analysis.autocode import COLUMNS, AutoIndex
from analysis.codes import coded_mask
from analysis.escape import markdown as md
from analysis.messages import msg
from analysis.view import View
from analysis.vocabulary import count
from loaders import Export
from loaders.codebook import Codebook, _list_array
from loaders.decisions import (
    CONFIRMED,
    REJECTED,
    SUFFIX,
    Decisions,
    apply_decisions,
    decision_row,
    decisions_path,
    empty,
    parse_decisions,
    with_decision,
    write_decision,
)
from loaders.files import export_name

from . import cache

#: Marks the fingerprint of an export with decisions applied: the export's own fingerprint, then the decisions'.
MARK = "+decisions:"
#: This browser session's decisions for an export nothing is written beside: (export path, file name, bytes).
HELD = "harvest_decisions"
ERROR = "harvest_decisions_error"
SKIPPED = "harvest_decisions_skipped"
UPLOADS = "harvest_decisions_uploads"
#: The keyboard shortcuts of the review: the same keys in every language (their labels are translated).
KEYS = {"accept": "A", "reject": "X", "skip": "S"}


# --- where the decisions are, and what they change ------------------------------------------------------------------


def writable(export: Export) -> Path | None:
    """The decisions file beside a local export this process may write; None when nothing can be saved beside it."""
    path = decisions_path(export.path)
    if path is None or not path.parent.is_dir():
        return None
    if path.exists():
        return path if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK) else None
    return path if os.access(path.parent, os.W_OK) else None


def _raw(export: Export) -> tuple[str, bytes | None]:
    """The decisions file's name and bytes as this session reads them (None: no decisions yet)."""
    path = writable(export)
    if path is not None:
        try:
            return path.name, path.read_bytes()
        except FileNotFoundError:
            return path.name, None
    held = st.session_state.get(HELD)
    if held and held[0] == export.path:
        return held[1], held[2]
    name = export_name(export.path.removeprefix("upload: ")) + SUFFIX
    beside = decisions_path(export.path)  # a local file this process may read but not write: start from it
    if beside is not None and beside.is_file():
        try:
            return beside.name, beside.read_bytes()
        except OSError:
            pass
    return name, None


def current(export: Export, codebook: Codebook) -> Decisions:
    """The decisions in force for ``export`` (its own, without decisions applied) under ``codebook``, validated once
    per content of the file."""
    name, raw = _raw(export)
    if raw is None:
        return empty(name)
    digest = hashlib.sha256(raw).hexdigest()
    key = f"{export.path}|{export.fingerprint.split(MARK)[0]}|{codebook.digest}|{digest}"
    return cache.once("decisions", key, parse_decisions, raw, name, export.contributions, codebook)


def decided(export: Export, codebook: Codebook) -> Export:
    """``export`` with its decisions in force: confirmed codes are facilitators' codes of their notes, rejected
    proposals are marked, the file's problems join the export's, and the fingerprint names the decisions too (so
    every cache keyed on it follows each decision). Without a decisions file: ``export`` itself."""
    decisions = current(export, codebook)
    if not decisions.digest:
        return export
    key = f"{export.path}|{export.fingerprint}|{codebook.digest}|{decisions.digest}"
    return cache.once("decided", key, _decided, export, decisions)


def _decided(export: Export, decisions: Decisions) -> Export:
    notes = apply_decisions(export.contributions, decisions) if decisions.count else export.contributions
    return replace(
        export,
        contributions=notes,
        problems=[*export.problems, *decisions.problems],
        fingerprint=f"{export.fingerprint}{MARK}{decisions.digest[:16]}",
    )


def raw_fingerprint(export: Export) -> str:
    """The export's own fingerprint, without its decisions': what the auto-coder's index is keyed on (keyword hits
    depend on a note's text only)."""
    return export.fingerprint.split(MARK)[0]


def without_rejected(index: AutoIndex, notes: pd.DataFrame) -> AutoIndex:
    """``index`` (made from ``notes``, or from the export they are the decided copy of) without the keyword matches
    that gave a rejected proposal (apply_decisions' ``*_rejected`` lists): a code the facilitators turned down for a
    note is never its auto code again, nor shown as its evidence. Made from the index's matches, once per decision."""
    from analysis.autocode.index import _indexed

    rows = np.asarray(index.rows, dtype=np.int64)
    kw = np.asarray(index.kw, dtype=np.int64)
    code_of = index.matcher.kw_code[kw] if len(kw) else np.zeros(0, np.int64)
    drop = np.zeros(len(rows), dtype=bool)
    number = {code: i for i, code in enumerate(index.matcher.codes)}
    for column in COLUMNS:
        name = REJECTED.format(column)
        if name not in notes:
            continue
        lengths = np.asarray(pc.list_value_length(_list_array(notes[name])), dtype=np.int64)
        at = np.flatnonzero(lengths > 0)
        if not len(at):
            continue
        positions = index.positions(notes.iloc[at])
        for position, codes in zip(positions, notes[name].iloc[at].tolist(), strict=True):
            wanted = [number[c] for c in codes if c in number]
            if position < 0 or not wanted:
                continue
            lo, hi = np.searchsorted(rows, position, "left"), np.searchsorted(rows, position, "right")
            drop[lo:hi] |= np.isin(code_of[lo:hi], wanted)
    if not drop.any():
        return index
    keep = ~drop
    return _indexed(notes, index.matcher, rows[keep], kw[keep], index.codebook_codes)


def pending(notes: pd.DataFrame, index: AutoIndex) -> pd.DataFrame:
    """The auto-coder's proposals still to decide among ``notes``: per note the facilitators left uncoded in a
    column (or coded only by confirming proposals), each code the auto-coder gives it there and no decision has
    settled yet. Columns: row (position in ``notes``), column, code; notes in order, themes before direction."""
    parts = []
    for order, column in enumerate(COLUMNS):
        space = list(index.space.get(column, ()))
        if not space or notes.empty:
            continue
        found = index.matrix(notes, column, list(space))[:, : len(space)]
        confirmed = CONFIRMED.format(column)
        mine = notes[confirmed].to_numpy(dtype=bool) if confirmed in notes else np.zeros(len(notes), bool)
        found &= (~coded_mask(notes, column) | mine)[:, None]
        rows, codes = np.nonzero(found)
        keep = np.ones(len(rows), dtype=bool)
        for i in np.flatnonzero(mine[rows]):  # a code already confirmed on the note is settled
            keep[i] = space[codes[i]] not in set(notes[column].iloc[rows[i]] or ())
        parts.append(pd.DataFrame({"row": rows[keep], "order": order, "column": column, "code": codes[keep]}))
        parts[-1]["code"] = np.array(space, dtype=object)[parts[-1]["code"].to_numpy(dtype=np.int64)]
    if not parts:
        return pd.DataFrame(columns=["row", "column", "code"])
    table = pd.concat(parts, ignore_index=True).sort_values(["row", "order"], kind="stable")
    return table.drop(columns=["order"]).reset_index(drop=True)


# --- recording a decision -------------------------------------------------------------------------------------------


def _record(export_path: str, export: Export, row: dict[str, str]) -> None:
    """Save one decision: in the file beside a local export, else in this browser session's copy."""
    path = writable(export)
    try:
        if path is not None:
            write_decision(path, row)
        else:
            name, raw = _raw(export)
            st.session_state[HELD] = (export_path, name, with_decision(raw or b"", row))
    except (OSError, ValueError) as error:
        st.session_state[ERROR] = msg("harvest-codebook-decision-not-saved", error)


def _decide(export: Export, proposal: dict, decision: str, code: str, version: str) -> None:
    row = decision_row(
        proposal["session"], proposal["contribution_id"], proposal["column"], proposal["code"], decision, code, version
    )
    _record(export.path, export, row)


def _recode(export: Export, proposal: dict, key: str, version: str) -> None:
    chosen = st.session_state.get(key)
    if chosen:
        _decide(export, proposal, "recode" if chosen != proposal["code"] else "accept", chosen, version)


def _skip(proposal: dict) -> None:
    st.session_state.setdefault(SKIPPED, set()).add(_proposal_key(proposal))


def _proposal_key(proposal: dict) -> tuple[str, str, str, str]:
    return (proposal["session"], proposal["contribution_id"], proposal["column"], proposal["code"])


# --- the review -----------------------------------------------------------------------------------------------------


def review(shown: View, index: AutoIndex, export: Export) -> None:
    """The Codebook page's review: one proposal at a time, with its note and the words that made it; accept (A),
    reject (X), skip (S), or another code; how many remain and how many decisions are saved."""
    from analysis.privacy import notes_withheld

    from .show import metrics

    codebook = shown.codebook
    decisions = current(export, codebook)  # validated against the notes: a decided export's serve (same ids)
    st.subheader(md(msg("harvest-codebook-review-heading")))
    st.write(md(msg("harvest-codebook-review-intro")))
    error = st.session_state.pop(ERROR, None)
    if error:
        st.error(md(error))
    reason = notes_withheld(shown)
    if reason:
        st.info(md(reason), icon=":material/lock:")
        return
    todo = cache.once("proposals", shown.key, pending, shown.notes, index)
    skipped = st.session_state.get(SKIPPED, set())
    notes = shown.notes
    metrics(
        [
            (msg("harvest-codebook-proposals-to-review"), count(len(todo))),
            (msg("harvest-codebook-decisions-saved"), count(decisions.count)),
        ]
    )
    _where(export, decisions)
    if decisions.problems:
        st.warning(md(msg("harvest-codebook-decisions-unusable", len(decisions.problems))), icon=":material/warning:")
    if todo.empty:
        st.success(md(msg("harvest-codebook-review-done")), icon=":material/task_alt:")
        return
    proposal = None
    for row, column, code in todo.itertuples(index=False):
        note = notes.iloc[row]
        candidate = {
            "session": str(note["session"]),
            "contribution_id": str(note["contribution_id"]),
            "column": column,
            "code": code,
        }
        if _proposal_key(candidate) not in skipped:
            proposal, position = candidate, row
            break
    if proposal is None:
        st.info(md(msg("harvest-codebook-all-skipped", len(todo))), icon=":material/skip_next:")
        if st.button(md(msg("harvest-codebook-review-skipped-again"))):
            st.session_state.pop(SKIPPED, None)
            st.rerun()
        return
    _one(proposal, notes, position, index, codebook, export)


def _one(proposal: dict, notes: pd.DataFrame, position: int, index: AutoIndex, codebook: Codebook, export: Export):
    column, code, version = proposal["column"], proposal["code"], codebook.version
    evidence = index.keywords(notes, np.array([position]), code)[0]
    note = notes.iloc[position]
    with st.container(border=True):
        st.caption(md(msg("harvest-codebook-the-note")))
        st.text(str(note["text"]))
        language, question = (note.get(c) for c in ("language", "question"))
        about = [str(language) if language is not None and not pd.isna(language) else ""]
        if question is not None and not pd.isna(question):
            about.append(codebook.question_label(question, width=80))
        about = [a for a in about if a]
        if about:
            st.caption(md(" · ".join(about)))
        st.markdown(
            f"**{md(msg('harvest-codebook-proposed'))}:** "  # the colon outside: "**Proposed:**" as Markdown
            f"{md(msg('harvest-codebook-proposed-code', codebook.label(code), msg(f'harvest-codebook-column-{column}')))}"
        )
        said = evidence or msg("harvest-codebook-no-keyword")
        st.markdown(
            f"**{md(msg('harvest-codebook-evidence'))}:** {md(msg('harvest-codebook-evidence-contains', said))}"
        )
        for place, (action, on_click, args) in zip(
            st.columns(3),
            (
                ("accept", _decide, (export, proposal, "accept", code, version)),
                ("reject", _decide, (export, proposal, "reject", "", version)),
                ("skip", _skip, (proposal,)),
            ),
            strict=True,
        ):
            place.button(
                md(msg(f"harvest-codebook-{action}")),
                key=f"decide-{action}",
                shortcut=KEYS[action],
                type="primary" if action == "accept" else "secondary",
                on_click=on_click,
                args=args,
                width="stretch",
            )
        ids = codebook.ids() if column == "themes" else list(codebook.commitments["id"]) + list(codebook.pillars)
        options = [c for c in ids if c != code]
        key = "decide-other-" + hashlib.sha1(repr(sorted(proposal.items())).encode()).hexdigest()[:12]
        st.selectbox(
            md(msg("harvest-codebook-another-code")),
            options,
            index=None,
            key=key,
            format_func=codebook.label,
            placeholder=msg("harvest-codebook-another-code-placeholder"),
            on_change=_recode,
            args=(export, proposal, key, version),
        )
        st.caption(md(msg("harvest-codebook-keys", KEYS["accept"], KEYS["reject"], KEYS["skip"])))


def _where(export: Export, decisions: Decisions) -> None:
    """Where the decisions are kept; for an export nothing is written beside, the download and the upload."""
    path = writable(export)
    if path is not None:
        st.caption(md(msg("harvest-codebook-saved-beside", path.name)))
        return
    st.warning(md(msg("harvest-codebook-kept-in-session")), icon=":material/save:")
    name, raw = _raw(export)
    if raw:
        st.download_button(md(msg("harvest-codebook-download-decisions")), raw, file_name=name, mime="text/csv")
    uploads = st.session_state.setdefault(UPLOADS, 0)
    upload = st.file_uploader(
        md(msg("harvest-codebook-load-decisions")), type=["csv"], key=f"decisions_upload_{uploads}"
    )
    if upload is not None:
        st.session_state[HELD] = (export.path, upload.name, upload.getvalue())
        st.session_state[UPLOADS] = uploads + 1
        st.rerun()


def unconfirmed(notes: pd.DataFrame) -> pd.DataFrame | None:
    """``notes`` with the codes of confirmed columns taken out (a note whose themes were confirmed has no themes here),
    for measuring the auto-coder against the facilitators: agreeing with its own confirmed proposals says nothing.
    None when no note holds a confirmed code."""
    out = {}
    for column in COLUMNS:
        flag = CONFIRMED.format(column)
        if flag not in notes or column not in notes or not notes[flag].any():
            continue
        lists = _list_array(notes[column])
        none = pa.array([[]], lists.type)
        take = np.arange(len(notes), dtype=np.int64)
        take[notes[flag].to_numpy(dtype=bool)] = len(notes)
        values = pa.concat_arrays([lists, none]).take(pa.array(take))
        out[column] = pd.Series(pd.arrays.ArrowExtensionArray(values), index=notes.index)
    return notes.assign(**out) if out else None
