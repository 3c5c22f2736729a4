"""Who was in the room, whose words were recorded, how the room compares with the world, where people came from and
which languages they spoke. Definitions: docs/analysis/participation.md."""

import streamlit as st

from analysis import findings, participation
from analysis.escape import markdown as md
from analysis.privacy import merged_label
from charts import participation as charts
from ui import cache, choice, empty_state, filters_caption, show_chart, show_finding, view

shown = view()
who, rec = shown.people_word, shown.recorded
st.title("Participation")
st.write(
    "Who was in the room, whose voice was recorded (notes), and how the room compares with the world's population."
)
if shown.participants_source == "notes":
    st.info(
        "This export has no participants file, so the people here are the **authors named on the notes**, with "
        "the region, country and community written on their notes. People who wrote no note, or only anonymous "
        "notes, are not counted, and the languages people speak are not known.",
        icon=":material/info:",
    )
elif shown.participants_source == "none":
    st.warning(
        "This export names no one (no participants file, and every note is anonymous): only the notes can be shown.",
        icon=":material/warning:",
    )
filters_caption(shown, "Question, round and language filters narrow the notes only; the room's make-up stays the same.")

st.header("Who was in the room, and whose voice was recorded")
by = choice(
    st.segmented_control,
    "view",
    "Group by",
    list(participation.GROUPINGS),
    "region",
    format_func=lambda v: participation.GROUPINGS[v].capitalize(),
)
voice = cache.once("voice", shown.key, findings.voice, shown, by)
if voice.shown:
    show_chart(
        charts.people_and_notes(voice.table, by, n_text=voice.n_text, who=who),
        voice.table,
        key=f"people-notes-{by}",
        alt=participation.people_and_notes_sentence(voice.table, by),
        view=shown,
        n_text=voice.n_text,
        finding=voice,
    )
show_finding(voice, lambda f: charts.voice_gap(f.table, by, n_text=f.n_text, who=who), shown, key=f"voice-gap-{by}")

st.header("Representation against the world's population")
room = cache.once("room", shown.key, findings.room, shown)
show_finding(
    room,
    lambda f: charts.representation(f.table, str(shown.population["source"].iloc[0]), n_text=f.n_text, who=who),
    shown,
    key="representation",
)

st.header("Countries and languages")
guard = shown.guard
if not rec.shows("country"):
    st.info(md(rec["country"].absent()), icon=":material/search_off:")
elif not (grouping := guard.grouping("country")).shown:
    st.info(md(grouping.withheld), icon=":material/lock:")
else:
    by_country = participation.countries(shown.people, grouping)
    show_chart(
        charts.country_map(by_country),
        by_country.drop(columns="iso3"),
        key="countries",
        alt=participation.countries_sentence(by_country),
        view=shown,
    )
if not (rec.shows("languages") or rec.shows("language")):
    st.info(md(rec["languages"].absent()), icon=":material/search_off:")
else:
    spoken = guard.grouping("languages", participation.spoken_pairs) if rec.shows("languages") else None
    if spoken is not None and not spoken.shown:
        st.info(md(spoken.withheld + " The languages the notes were written in are below."), icon=":material/lock:")
    languages = participation.language_use(
        shown.people if spoken is not None and spoken.shown else shown.people.iloc[:0], shown.notes, spoken
    )
    show_chart(
        charts.languages(languages),
        languages,
        key="languages",
        alt=participation.languages_sentence(languages),
        view=shown,
    )

st.header("Self-described gender and age, and regions by community type")
k = shown.config.min_group_size
st.write(
    f"No count of fewer than {k:d} people is shown on any page: smaller groups are merged, and the merge grows until "
    f"it holds at least {k:d}, in this selection and against every selection one filter away, so no one can be "
    "singled out by subtracting one chart from another (k is set in harvest.toml; see SECURITY.md)."
)
for attributes in (["gender"], ["age_band"], ["region", "community_type"]):
    if not all(rec.shows(a) for a in attributes):
        st.info(md(rec[next(a for a in attributes if not rec.shows(a))].absent()), icon=":material/search_off:")
        continue
    groups, grouping = guard.table(tuple(attributes))
    if not grouping.shown:
        what = " × ".join(a.replace("_", " ") for a in attributes).capitalize()
        st.info(md(f"{what}: {grouping.withheld}"), icon=":material/lock:")
        continue
    if groups.empty:
        empty_state(who)
        continue
    merged = int(groups["merged"].where(groups[attributes[0]] == merged_label(k), 0).sum())
    alt = f"{len(shown.people)} {who} in {len(groups)} groups shown" + (
        f"; {merged} smaller groups merged so that none has fewer than {k} people." if merged else "."
    )
    show_chart(
        charts.sensitive_groups(groups, attributes, k, len(shown.people)),
        groups.drop(columns="merged"),
        key="people-" + "-".join(attributes),
        alt=alt,
        view=shown,
    )
