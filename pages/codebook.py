"""The codebook in force: its codes and keywords, how many notes each carries (facilitators / auto-coder), how well
the auto-coder reproduces the facilitators, and what the codebook misses. A team can load its own codebook."""

import pandas as pd
import streamlit as st

from analysis import autocode as ac
from analysis.escape import markdown as md
from analysis.vocabulary import pct
from charts import codebook as charts
from loaders import CodebookError
from loaders.codebook import DEFAULT_CODEBOOK, parse_codebook
from ui import auto_index, cache, choice, current_export, definitions, empty_state, show_chart, view
from ui.context import CODEBOOK, CODEBOOK_FILE

#: What the Codebook page's charts count, whatever the sidebar says: both sources, each shown as itself.
SIDE_BY_SIDE = "Facilitators' and the auto-coder's, shown apart"

MAX_CODEBOOK_BYTES = 1_000_000
MIN_NOTES_FOR_REPEATS = 20  # a word in one note says little: with this many notes, a word must be in two
COLUMN_WORDS = {"themes": "themes, needs and responsibilities", "direction": "commitments of the direction"}
SHORT = {"themes": "codes", "direction": "commitments"}


def tables(notes: pd.DataFrame, matches: ac.AutoIndex, codebook):
    """Everything the page counts (computed once per view through ui.cache)."""
    missed = ac.unmatched(notes, matches)
    words = ac.frequent_words(missed, top=20, min_notes=2 if len(missed) >= MIN_NOTES_FOR_REPEATS else 1)
    return (
        ac.coverage(notes, matches).set_index("column"),
        ac.counts_by_source(notes, matches, codebook),
        ac.evaluation_summary(notes, matches).set_index("column"),
        ac.evaluate(notes, matches, codebook),
        missed,
        words,
    )


def use_codebook_file(name: str, data: bytes) -> None:
    """Validate an uploaded codebook (from its bytes); keep it for this browser session, or show its problems."""
    if len(data) > MAX_CODEBOOK_BYTES:
        st.error(
            f"{md(name)} is {len(data):,} bytes; a codebook is a small TOML file (at most {MAX_CODEBOOK_BYTES:,})."
        )
        return
    try:
        book = parse_codebook(data, name)
    except CodebookError as error:
        st.error(f"{md(name)} cannot be used as a codebook. Everything that is wrong with it:")
        st.dataframe(
            pd.DataFrame([p.as_dict() for p in error.problems]).drop(columns=["fatal", "file"]), hide_index=True
        )
        return
    st.session_state[CODEBOOK] = book
    st.session_state[CODEBOOK_FILE] = (name, data)
    st.rerun()


export = current_export()
shown = view(mode="human")  # the facilitators' codes beside the auto-coder's, whatever the sidebar counts elsewhere
notes, codebook = shown.notes, shown.codebook
matches = auto_index(export)  # once per export version and codebook; filters pick its rows
custom = st.session_state.get(CODEBOOK_FILE)
st.title("Codebook")
st.text(
    f"{codebook.title or 'Codebook'} — version {codebook.version}"
    f"{f' (loaded from {custom[0]} for this browser session)' if custom else ' (the default, data/codebook.toml)'}"
)
st.write(
    "Facilitators' codes always win. Notes they left uncoded are coded from the codebook's keywords, and those "
    "codes are counted apart, as *auto-coder*. Definitions: docs/analysis/codebook.md."
)
if notes.empty:
    empty_state("notes")
    st.stop()

cover, counts, summary, scores, missed, words = cache.once("codebook", shown.key, tables, notes, matches, codebook)
cells = st.columns(4)
cells[0].metric("Notes in view", f"{len(notes):,}")
for cell, (name, label) in zip(
    cells[1:],
    (
        ("facilitators", "Themes from facilitators"),
        ("auto", "Themes from the auto-coder"),
        ("none", "Notes no theme covers"),
    ),
    strict=True,
):
    cell.metric(md(label), f"{int(cover.loc['themes', name]):,} ({pct(cover.loc['themes', f'{name}_share'])})")
st.caption(
    f"Shares are of the {len(notes):,} notes in view. Commitments: {int(cover.loc['direction', 'facilitators'])}"
    f" notes from facilitators, {int(cover.loc['direction', 'auto'])} from the auto-coder. "
    f"Filters: {md(shown.filters.describe())}."
)

for column, what in (("themes", "code"), ("direction", "commitment")):
    part = counts[counts["column"] == column]
    if part.empty:
        continue
    fig = charts.counts_by_source(
        part,
        title=f"How many notes carry each {what}, and who coded them?",
        n_text=f"notes per {what} (a note may carry several), of {len(notes):,} notes; hatched: auto-coder",
    )
    show_chart(
        fig,
        part.drop(columns=["column"]),
        key=f"codebook-counts-{column}",
        alt=ac.counts_sentence(part, what),
        view=shown,
        codes=SIDE_BY_SIDE,
    )

st.subheader("How well does the auto-coder reproduce the facilitators?")
st.write(
    "It is run on the notes the facilitators coded, as if they were not, and its codes are compared with "
    "theirs (the facilitators' codes are taken as right)."
)
for column in ("themes", "direction"):
    row = summary.loc[column]
    st.markdown(f"**{COLUMN_WORDS[column].capitalize()}**")
    if not row["evaluated_notes"]:
        st.info(md(ac.evaluation_sentence(row, SHORT[column])), icon=":material/search_off:")
        continue
    cells = st.columns(4)
    cells[0].metric("Notes compared", f"{int(row['evaluated_notes']):,}")
    cells[1].metric("Recall", pct(row["recall"]))
    cells[2].metric("Precision", "–" if pd.isna(row["precision"]) else pct(row["precision"]))
    cells[3].metric("Notes with a code reproduced", pct(row["any_share"]))
    part = scores[scores["column"] == column]
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
        codes=SIDE_BY_SIDE,
    )

st.subheader("The codes, their keywords and notes")
table = counts.merge(
    ac.codebook_table(codebook)[["code", "column", "description", "keywords"]], on=["code", "column"], how="left"
)
table["keywords"] = table["keywords"].map(ac.keywords_text)
st.dataframe(
    table[["code", "kind", "label", "description", "keywords", "facilitators", "auto", "total"]],
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
st.dataframe(ac.code_examples(notes, matches, chosen, picked["column"]), hide_index=True, width="stretch")

st.subheader("What the codebook misses")
st.write(
    f"**{len(missed):,} notes** ({pct(len(missed) / len(notes))} of those in view) carry no theme, need or "
    "responsibility code: the facilitators gave none and no keyword matched."
)
if len(missed):
    st.dataframe(
        missed[[c for c in ("text", "language", "question", "round") if c in missed]].head(500),
        hide_index=True,
        width="stretch",
    )
    if len(words):
        fig = charts.frequent_words(
            words,
            title="Which words come up in the notes the codebook misses?",
            n_text=f"notes containing each word, of {len(missed):,} uncovered notes; stop words removed",
        )
        show_chart(
            fig, words, key="codebook-words", alt=ac.words_sentence(words, len(missed)), view=shown, codes=SIDE_BY_SIDE
        )

st.subheader("The codebook file")
source_name, source = custom if custom else ("codebook.toml", DEFAULT_CODEBOOK.read_bytes())
st.download_button("Download the codebook in force (TOML)", source, file_name=source_name, mime="application/toml")
# The uploader's key changes when the team goes back to the default, so the file it still holds is not used again.
uploads = st.session_state.setdefault("codebook_uploads", 0)
upload = st.file_uploader(
    "Load your own codebook (.toml, the format of data/codebook.toml)", type=["toml"], key=f"codebook_upload_{uploads}"
)
if upload is not None and (upload.name, upload.getvalue()) != custom:
    use_codebook_file(upload.name, upload.getvalue())
if custom and st.button("Back to the default codebook"):
    for name in (CODEBOOK, CODEBOOK_FILE):
        st.session_state.pop(name, None)
    st.session_state["codebook_uploads"] = uploads + 1
    st.rerun()

definitions("analysis/codebook")
