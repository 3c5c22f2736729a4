"""Who was in the room, whose words were recorded, how the room compares with the world, where people came from and
which languages they spoke. Definitions: docs/analysis/participation.md."""

import streamlit as st

from analysis import participation as analysis
from analysis.escape import markdown as md
from analysis.privacy import merged_label, people_by_sensitive
from analysis.settings import settings
from charts import participation as charts
from loaders.reference import world_population_share
from ui import current_codebook, current_export, current_filters, empty_state, filtered, show_chart

export = current_export()
filters = current_filters()
codebook = current_codebook()
notes, people = filtered(export, filters)
shown = {"export": export, "filters": filters, "codebook": codebook}

st.title("Participation")
st.write("Who was in the room (participants), whose voice was recorded (notes), and how the room compares with the "
         "world's population.")
if export.participants_source == "notes":
    st.info("This export has no participants file, so participation is **derived from the notes**: a participant is "
            "anyone named on at least one note, with the region, country and community written on their notes. "
            "People who wrote no note, or only anonymous notes, are not counted, and the languages people speak are "
            "not known.", icon=":material/info:")
elif export.participants_source == "none":
    st.warning("This export names no participants (no participants file, and every note is anonymous), so only "
               "the notes can be shown.", icon=":material/warning:")
st.caption(f"Filters: {md(filters.describe())}. Question, round and language filters narrow the notes only; the room's "
           "make-up stays the same.")

# --- people and notes per group: the voice gap ----------------------------------------------------------------------
st.header("Who was in the room, and whose voice was recorded")
views = list(analysis.GROUPINGS)
asked = st.query_params.get("view")
if "participation_by" not in st.session_state:
    st.session_state["participation_by"] = asked if asked in views else "region"
by = st.segmented_control("Group by", views, key="participation_by",
                          format_func=lambda v: analysis.GROUPINGS[v].capitalize()) or "region"
if by != "region":
    st.query_params["view"] = by
elif "view" in st.query_params:
    del st.query_params["view"]

gap = analysis.voice_gap(people, notes, by, known_only=True)
known = gap[gap[by] != analysis.NOT_KNOWN]
if known["people"].sum() + known["notes"].sum() == 0:
    empty_state(f"participants or notes with a known {analysis.GROUPINGS[by]}")
else:
    data = gap.assign(**{by: [analysis.group_label(by, v) for v in gap[by]]})
    show_chart(charts.people_and_notes(gap, by), data, key=f"people-notes-{by}",
               alt=analysis.people_and_notes_sentence(gap, by), **shown)
    if known["notes"].sum() == 0 or known["people"].sum() == 0:
        empty_state(f"notes and participants with a known {analysis.GROUPINGS[by]} to compare")
    else:
        show_chart(charts.voice_gap(gap, by), data, key=f"voice-gap-{by}",
                   alt=analysis.voice_gap_sentence(gap, by), **shown)

# --- the room against the world -------------------------------------------------------------------------------------
st.header("Representation against the world's population")
population = world_population_share()
represented = analysis.representation(people, population)
if filters.region:
    st.info("This compares the whole room with the world, region by region: with a region filter in force it "
            "would only say that the chosen regions make up every participant. Remove the region filter to see it.",
            icon=":material/search_off:")
elif represented["people"].sum() == 0:
    empty_state("participants with a known region")
else:
    source = str(population["source"].iloc[0])
    data = represented.assign(region_name=[analysis.group_label("region", r) for r in represented["region"]],
                              reference=source)
    show_chart(charts.representation(represented, source), data, key="representation",
               alt=analysis.representation_sentence(represented), **shown)

# --- countries and languages ----------------------------------------------------------------------------------------
st.header("Countries and languages")
by_country = analysis.countries(people)
if by_country.empty:
    empty_state("participants with a known country")
else:
    show_chart(charts.country_map(by_country), by_country.drop(columns="iso3"), key="countries",
               alt=analysis.countries_sentence(by_country), **shown)

languages = analysis.language_use(people, notes)
if languages.empty:
    empty_state("participants or notes with a known language")
else:
    show_chart(charts.languages(languages), languages, key="languages",
               alt=analysis.languages_sentence(languages), **shown)

# --- self-described attributes, small groups merged (analysis/privacy.py) -------------------------------------------
st.header("Self-described gender and age, and regions by community type")
k = settings().min_group_size
st.write(f"Counts of fewer than {k:d} people are never shown here: such groups are merged, and the merge grows until it "
         f"holds at least {k:d}, so no one can be singled out by subtracting from the total (k is set in harvest.toml).")
for attributes in (["gender"], ["age_band"], ["region", "community_type"]):
    if not all(a in people and people[a].notna().any() for a in attributes):
        continue
    groups = people_by_sensitive(people, attributes, k)
    if groups.empty:
        empty_state("participants")
        continue
    merged = int(groups["merged"].where(groups[attributes[0]] == merged_label(k), 0).sum())
    alt = (f"{len(people)} participants in {len(groups)} groups shown"
           + (f"; {merged} smaller groups merged so that none has fewer than {k} people." if merged else "."))
    show_chart(charts.sensitive_groups(groups, attributes, k, len(people)), groups.drop(columns="merged"),
               key="people-" + "-".join(attributes), alt=alt, **shown)
