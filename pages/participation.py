"""Who was in the room, whose words were recorded, how the room compares with the world, where people came from and
which languages they spoke. Definitions: docs/analysis/participation.md."""

import streamlit as st

from analysis import findings, participation
from analysis.escape import markdown as md
from analysis.messages import current, msg
from analysis.privacy import merged_label
from charts import participation as charts
from ui import cache, choice, empty_state, filters_caption, show_chart, show_finding, view


def plain(n: int) -> object:
    """A count as the English page always wrote it (1234, no separator); in other languages, the language's way."""
    return str(int(n)) if current() == "en" else int(n)


shown = view()
rec = shown.recorded
who = "participants" if shown.participants_source == "file" else "authors"  # what the people are called
st.title(md(msg("harvest-page-participation")))
st.write(md(msg("harvest-participation-intro")))
if shown.participants_source == "notes":
    before, _, after = msg("harvest-participation-from-notes", "\x00").partition("\x00")
    st.info(
        f"{md(before)}**{md(msg('harvest-participation-from-notes-authors'))}**{md(after)}",
        icon=":material/info:",
    )
elif shown.participants_source == "none":
    st.warning(md(msg("harvest-participation-no-one")), icon=":material/warning:")
filters_caption(shown, msg("harvest-participation-filters-note"))

st.header(md(msg("harvest-participation-room-heading")))
by = choice(
    st.segmented_control,
    "view",
    msg("harvest-participation-group-by"),
    list(participation.GROUPINGS),
    "region",
    format_func=lambda v: msg(f"harvest-participation-grouping-{v.replace('_', '-')}"),
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

st.header(md(msg("harvest-participation-world-heading")))
room = cache.once("room", shown.key, findings.room, shown)
show_finding(
    room,
    lambda f: charts.representation(f.table, str(shown.population["source"].iloc[0]), n_text=f.n_text, who=who),
    shown,
    key="representation",
)

st.header(md(msg("harvest-participation-countries-heading")))
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
        st.info(md(f"{spoken.withheld} {msg('harvest-participation-languages-below')}"), icon=":material/lock:")
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

st.header(md(msg("harvest-participation-sensitive-heading")))
k = shown.config.min_group_size
st.write(md(msg("harvest-participation-k-rule", plain(k))))
for attributes in (["gender"], ["age_band"], ["region", "community_type"]):
    if not all(rec.shows(a) for a in attributes):
        st.info(md(rec[next(a for a in attributes if not rec.shows(a))].absent()), icon=":material/search_off:")
        continue
    groups, grouping = guard.table(tuple(attributes))
    name = "-".join(a.replace("_", "-") for a in attributes)  # gender, age-band, region-community-type
    if not grouping.shown:
        what = msg(f"harvest-participation-what-{name}")
        st.info(md(msg("harvest-participation-withheld", what, grouping.withheld)), icon=":material/lock:")
        continue
    if groups.empty:
        empty_state(msg(f"harvest-participation-empty-{who}"))
        continue
    merged = int(groups["merged"].where(groups[attributes[0]] == merged_label(k), 0).sum())
    alt = msg(f"harvest-participation-groups-shown-{who}", plain(len(shown.people)), plain(len(groups))) + (
        msg("harvest-participation-groups-merged", plain(merged), plain(k)) if merged else "."
    )
    show_chart(
        charts.sensitive_groups(groups, attributes, k, len(shown.people)),
        groups.drop(columns="merged"),
        key="people-" + "-".join(attributes),
        alt=alt,
        view=shown,
    )
