"""Who was in the room, whose words were recorded, and how the room compares with the world.

Definitions (numerator, denominator, what happens to anonymous notes) are in docs/analysis/participation.md.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from loaders.regions import DATA, REGION_IDS, country_name

from . import messages
from .messages import msg
from .privacy import COARSENED, is_merged
from .privacy import distinct as privacy_distinct
from .vocabulary import NOT_KNOWN, country_label, display_group, group_label, listing, pct, sentence


class Words(Mapping):
    """Keys (identifiers: "region", "community_type"…) -> the words shown for them, read from i18n/measures/ in the
    language in force each time a value is read: ``Words({"region": "harvest-measures-…"})["region"]``. Behaves as
    the plain dict it replaces (``in``, ``list()``, ``.get``, ``**``), its keys never translated."""

    def __init__(self, keys: Mapping[str, str]):
        self._keys = dict(keys)

    def __getitem__(self, key: str) -> str:
        return msg(self._keys[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return f"Words({dict(self)!r})"


#: The groupings the Participation page offers (keys), with their names in words, in the language in force (lower
#: case: said inside sentences). Prefer :func:`grouping_word` / :func:`grouping_words`.
GROUPINGS: Mapping[str, str] = Words(
    {
        "region": "harvest-measures-group-noun-region",
        "community_type": "harvest-measures-group-noun-community-type",
        "community": "harvest-measures-group-noun-community",
    }
)
PLURALS: Mapping[str, str] = Words(
    {
        "region": "harvest-measures-group-nouns-region",
        "community_type": "harvest-measures-group-nouns-community-type",
        "community": "harvest-measures-group-nouns-community",
    }
)


def grouping_word(by: str) -> str:
    """A grouping's name as said inside a sentence ("region", "community type"), in the language in force; a grouping
    the page does not offer, by its identifier."""
    return GROUPINGS.get(by, by)


def grouping_words(by: str) -> str:
    """A grouping's name in the plural ("regions", "community types"), in the language in force."""
    return PLURALS.get(by, by)


def _plain(n: int) -> object:
    """A count as the English sentences always wrote it (1234, no separator); in other languages, the language's
    way ("1 234"). Either way ``msg`` still chooses a PLURAL by it."""
    return str(int(n)) if messages.current() == messages.DEFAULT else int(n)


def _counts(frame: pd.DataFrame, by: str, name: str) -> pd.DataFrame:
    if by not in frame:
        counts = pd.Series({NOT_KNOWN: len(frame)}, dtype="int64") if len(frame) else pd.Series(dtype="int64")
    elif isinstance(frame[by].dtype, pd.CategoricalDtype):
        # Counted on the category codes (fast at a million notes); categories keep their order.
        raw = frame[by].value_counts(sort=False, dropna=False)
        known = raw[raw.index.notna()]
        known.index = [str(c) for c in known.index]
        counts = pd.concat([known, pd.Series({NOT_KNOWN: int(raw[raw.index.isna()].sum())})])
        if by != "region":
            counts = counts[counts > 0]
    else:
        column = frame[by].astype("object").where(frame[by].notna(), NOT_KNOWN)
        counts = column.value_counts(sort=False)
    out = counts.rename_axis(by).reset_index(name=name)
    out[by] = out[by].astype("object")
    out[name] = out[name].astype("int64")
    total = out[name].sum()
    out[f"{name}_share"] = out[name] / total if total else 0.0
    return out.reset_index(drop=True)


def people_by(people: pd.DataFrame, by: str = "region") -> pd.DataFrame:
    """Participants per group: columns <by>, people, people_share (of all participants shown). Missing -> 'Not known'.

    Regions: all eight in their fixed order, then 'Not known' (0 when everyone's region is known).
    """
    return _counts(people, by, "people")


def notes_by(notes: pd.DataFrame, by: str = "region") -> pd.DataFrame:
    """Notes per group of their authors: columns <by>, notes, notes_share. Anonymous notes fall in 'Not known'."""
    return _counts(notes, by, "notes")


def voice_gap(people: pd.DataFrame, notes: pd.DataFrame, by: str = "region", known_only: bool = False) -> pd.DataFrame:
    """Share of notes minus share of participants, per group.

    A positive gap means a group's words were recorded more than its headcount suggests. One row per group seen in
    either table: people, notes, people_share, notes_share, gap. Groups with no notes stay, at 0. Regions keep their
    fixed order; other groups are sorted by people.

    ``known_only=False`` (the Overview's reading): shares are of all participants and all notes, so anonymous notes
    (group 'Not known') take their share away from every named group. ``known_only=True`` (the Participation page):
    shares are of the participants and notes whose group is known, so anonymous notes do not make every group look
    quieter than it was; the 'Not known' row keeps its counts, with no share and no gap.
    """
    merged = people_by(people, by).merge(notes_by(notes, by), on=by, how="outer")
    for name in ("people", "notes"):
        merged[name] = merged[name].fillna(0).astype("int64")
    for name in ("people_share", "notes_share"):
        merged[name] = merged[name].fillna(0.0)
    if known_only:
        known = merged[by] != NOT_KNOWN
        for name in ("people", "notes"):
            total = merged.loc[known, name].sum()
            merged[f"{name}_share"] = merged[name] / total if total else 0.0
            merged.loc[~known, f"{name}_share"] = float("nan")
    merged["gap"] = merged["notes_share"] - merged["people_share"]
    merged = merged[(merged["people"] > 0) | (merged["notes"] > 0) | (merged[by] != NOT_KNOWN)]
    if by == "region":
        order = {r: i for i, r in enumerate([*REGION_IDS, NOT_KNOWN])}
        merged = merged.sort_values(by, key=lambda s: s.map(order))
    else:
        merged = merged.sort_values(["people", "notes"], ascending=False, kind="stable")
    return merged.reset_index(drop=True)


def representation(people: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Participant share per region next to world population share: region, people, people_share, population_share,
    gap (people_share - population_share, in shares of 1). People whose region is not known are left out of the
    denominator, since the reference has no such group; ``known_people`` says how many were counted."""
    known = people[people["region"].notna()] if "region" in people else people.iloc[:0]
    counts = known["region"].astype("object").value_counts()
    out = population[["region", "population_share"]].copy()
    out["people"] = out["region"].map(counts).fillna(0).astype("int64")
    total = int(out["people"].sum())
    out["people_share"] = out["people"] / total if total else 0.0
    out["gap"] = out["people_share"] - out["population_share"]
    out["known_people"] = total
    return out[["region", "people", "people_share", "population_share", "gap", "known_people"]]


# --- countries ------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _iso3() -> dict[str, str]:
    """ISO alpha-2 -> alpha-3 from data/reference/country_regions.csv (read with csv: Namibia's code is 'NA')."""
    with open(DATA / "reference" / "country_regions.csv", newline="", encoding="utf-8") as handle:
        return {
            row["iso2"].strip().upper(): row["iso3"].strip().upper()
            for row in csv.DictReader(handle)
            if row.get("iso2") and row.get("iso3")
        }


def countries(people: pd.DataFrame, grouping=None) -> pd.DataFrame:
    """Participants per country: country (ISO alpha-2), iso3, country_name, region, people, people_share,
    known_people, countries (how many countries the row stands for). The share's denominator is the participants
    whose country is known (``known_people``); people with no country are left out. Most participants first, then by
    name; ``grouping`` (analysis.privacy): countries of too few people in one merged row, last."""
    columns = ["country", "iso3", "country_name", "region", "people", "people_share", "known_people", "countries"]
    raw = people
    if grouping is not None:
        people = grouping.recode_people(people)
    if "country" not in people or people["country"].notna().sum() == 0:
        return pd.DataFrame(
            {
                c: pd.Series(
                    dtype="int64"
                    if c in ("people", "known_people", "countries")
                    else "float64"
                    if c == "people_share"
                    else "object"
                )
                for c in columns
            }
        )
    known = people[people["country"].notna()]
    out = known["country"].astype("object").value_counts().rename_axis("country").reset_index(name="people")
    out["country"] = out["country"].astype("object")
    # The participant's own region where given (it may differ from the country's, and it is what the loader kept).
    if "region" in known:
        out["region"] = out["country"].map(_usual_region(known)).astype("object")
    else:
        out["region"] = None
    out["iso3"] = out["country"].map(_iso3()).astype("object")
    english = out["country"].map(country_name).astype("object")  # the order, the same in every language
    out["country_name"] = [country_label(c, e) for c, e in zip(out["country"], english, strict=True)]
    out["country_name"] = out["country_name"].astype("object")
    out["people"] = out["people"].astype("int64")
    total = int(out["people"].sum())
    out["people_share"] = out["people"] / total
    out["known_people"] = total
    merged = grouping is not None and grouping.label
    if merged:
        out.loc[out["country"] == grouping.label, "country_name"] = display_group(grouping.label)
    held = {str(c) for c in raw["country"].dropna().unique()} if "country" in raw else set()
    out["countries"] = [
        sum(1 for m in grouping.members if str(m) in held) if merged and c == grouping.label else 1
        for c in out["country"]
    ]
    out = out.assign(_last=out["country"].map(is_merged), _english=english).sort_values(
        ["_last", "people", "_english"], ascending=[True, False, True], ignore_index=True
    )
    return out[columns]


def _usual_region(people: pd.DataFrame) -> dict[str, str | None]:
    """Per country: the region its participants give most often (ties: the first A to Z), None when none gives one.
    Counted as a country x region grid of category codes, not with a Python call per country."""
    country = people["country"].astype("category")
    region = people["region"].astype("object").astype("category")
    names = [str(r) for r in region.cat.categories]
    alphabetical = np.argsort(np.array(names, dtype=object), kind="stable")
    c, r = country.cat.codes.to_numpy().astype(np.int64), region.cat.codes.to_numpy().astype(np.int64)
    given = (c >= 0) & (r >= 0)
    grid = np.bincount(
        c[given] * max(len(names), 1) + r[given], minlength=len(country.cat.categories) * max(len(names), 1)
    ).reshape(len(country.cat.categories), max(len(names), 1))
    if not names:
        return {str(k): None for k in country.cat.categories}
    ranked = grid[:, alphabetical]
    best = alphabetical[ranked.argmax(axis=1)]
    return {str(k): (names[best[i]] if grid[i].any() else None) for i, k in enumerate(country.cat.categories)}


# --- languages ------------------------------------------------------------------------------------------------------


def language_name(tag: str, language: str | None = None) -> str:
    """Name of a language tag in the language in force (or ``language``), from CLDR through babel: 'sv' ->
    'Swedish' ('suédois' in French), 'pt-BR' -> 'Portuguese (Brazil)'; the tag itself when babel does not know it.
    Bare language subtags use babel's language list first ('tl' -> 'Tagalog', not 'Filipino (Philippines)', which
    is what parsing it as a locale gives)."""
    return _language_name(tag, language or messages.current())


@lru_cache(maxsize=4096)
def _language_name(tag: str, language: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        speaking = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        speaking = Locale("en")
    said = str(speaking)
    name = speaking.languages.get(tag) if "-" not in tag and "_" not in tag else None
    if name:
        return name
    try:
        return Locale.parse(tag.replace("-", "_")).get_display_name(said) or tag
    except (UnknownLocaleError, ValueError, TypeError):
        return speaking.languages.get(tag.split("-")[0].lower()) or tag


def _primary(arr: pa.Array) -> pa.Array:
    """The language subtag of each tag, lower case: 'pt-BR' -> 'pt' (so Portuguese counts once)."""
    return pc.list_element(pc.split_pattern(pc.utf8_lower(arr), "-"), 0)


def _plain_array(series: pd.Series) -> pa.Array:
    arr = series.array._pa_array if hasattr(series.array, "_pa_array") else pa.array(series)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    return arr


def spoken_pairs(people: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(position of the person, language subtag) for every language a person lists; 'pt' and 'pt-BR' are both 'pt',
    listed once."""
    if "languages" not in people or people.empty:
        return np.zeros(0, np.int64), np.zeros(0, object)
    arr = _plain_array(people["languages"])
    if not pa.types.is_list(arr.type):
        arr = pa.array(people["languages"], pa.list_(pa.string()))
    flat = pc.list_flatten(arr)
    pairs = pa.table({"row": pc.list_parent_indices(arr), "language": _primary(flat)})
    pairs = pairs.filter(pc.and_(pc.is_valid(pairs["language"]), pc.not_equal(pairs["language"], "")))
    pairs = pairs.group_by(["row", "language"], use_threads=False).aggregate([])
    return pairs["row"].to_numpy().astype(np.int64), np.asarray(pairs["language"].to_pylist(), dtype=object)


def languages_spoken(people: pd.DataFrame, grouping=None) -> pd.DataFrame:
    """Participants speaking each language: language (subtag), people, people_share, known_people.

    The denominator is the participants who listed at least one language; a person listing 'pt' and 'pt-BR' counts
    once for Portuguese; a person listing several languages counts for each, so shares add up to more than 1.
    ``grouping`` (analysis.privacy): languages spoken by too few people are counted together, each person once.
    """
    empty = pd.DataFrame(
        {
            "language": pd.Series(dtype="object"),
            "people": pd.Series(dtype="int64"),
            "people_share": pd.Series(dtype="float64"),
            "known_people": pd.Series(dtype="int64"),
        }
    )
    rows, languages = spoken_pairs(people)
    if grouping is not None and grouping.label:
        languages = np.array([grouping.of(v) for v in languages], dtype=object)
        unknown = grouping.of(NOT_KNOWN)
        if unknown != NOT_KNOWN:  # those who listed none are in the merged group too
            none = np.setdiff1d(np.arange(len(people)), rows)
            rows = np.concatenate([rows, none])
            languages = np.concatenate([languages, np.full(len(none), unknown, dtype=object)])
    if not len(rows):
        return empty
    pairs = pd.DataFrame({"row": rows, "language": languages}).drop_duplicates()
    known = int(pairs["row"].nunique())
    counts = pairs.groupby("language", sort=False).size()
    out = pd.DataFrame({"language": counts.index.astype(object), "people": counts.to_numpy().astype("int64")})
    out["people_share"] = out["people"] / known
    out["known_people"] = known
    return out.sort_values(["people", "language"], ascending=[False, True], ignore_index=True)


def languages_written(notes: pd.DataFrame) -> pd.DataFrame:
    """Notes written in each language: language (subtag), notes, notes_share, known_notes.

    The denominator is the notes whose language is known; 'pt' and 'pt-BR' notes both count for Portuguese.
    """
    empty = pd.DataFrame(
        {
            "language": pd.Series(dtype="object"),
            "notes": pd.Series(dtype="int64"),
            "notes_share": pd.Series(dtype="float64"),
            "known_notes": pd.Series(dtype="int64"),
        }
    )
    if "language" not in notes or notes["language"].notna().sum() == 0:
        return empty
    tags = notes["language"].value_counts()  # per distinct tag (a category column: fast at a million notes)
    tags = tags[tags > 0]
    primary = pd.Series([str(t).split("-")[0].lower() for t in tags.index], index=tags.index)
    counts = tags.groupby(primary.to_numpy()).sum()
    out = counts.rename_axis("language").reset_index(name="notes")
    out["language"] = out["language"].astype("object")
    out["notes"] = out["notes"].astype("int64")
    known = int(out["notes"].sum())
    out["notes_share"] = out["notes"] / known
    out["known_notes"] = known
    return out.sort_values(["notes", "language"], ascending=[False, True], ignore_index=True)


def language_use(people: pd.DataFrame, notes: pd.DataFrame, grouping=None) -> pd.DataFrame:
    """Languages spoken by participants next to languages notes were written in, one row per language.

    Columns: language (subtag), language_name, people, people_share (of ``known_people``, the participants who
    listed a language), notes, notes_share (of ``known_notes``, the notes whose language is known), known_people,
    known_notes. Most speakers first, then most notes.
    """
    spoken, written = languages_spoken(people, grouping), languages_written(notes)
    known_people = int(spoken["known_people"].iloc[0]) if len(spoken) else 0
    known_notes = int(written["known_notes"].iloc[0]) if len(written) else 0
    out = spoken.drop(columns="known_people").merge(written.drop(columns="known_notes"), on="language", how="outer")
    for name in ("people", "notes"):
        out[name] = out[name].fillna(0).astype("int64")
    for name in ("people_share", "notes_share"):
        out[name] = out[name].fillna(0.0).astype("float64")
    out["language"] = out["language"].astype("object")
    out["language_name"] = out["language"].map(lambda tag: language_name(tag)).astype("object")
    out["known_people"] = known_people
    out["known_notes"] = known_notes
    out["languages"] = 1
    if grouping is not None and grouping.label:  # spoken by too few to say how many: in the merged row, not 0
        out["people"] = out["people"].astype("Int64").mask(out["language"].isin(grouping.members))
        out["people_share"] = out["people_share"].mask(out["language"].isin(grouping.members))
        out.loc[out["language"] == grouping.label, "languages"] = sum(1 for m in grouping.members if m != NOT_KNOWN)
    # Ties broken by the English name, so the rows come in the same order in every language.
    english = out["language"].map(lambda tag: language_name(tag, messages.DEFAULT)).astype("object")
    out = out.assign(_last=out["language"].map(is_merged), _name=english).sort_values(
        ["_last", "people", "notes", "_name"], ascending=[True, False, False, True], ignore_index=True
    )
    return out[
        [
            "language",
            "language_name",
            "people",
            "people_share",
            "notes",
            "notes_share",
            "known_people",
            "known_notes",
            "languages",
        ]
    ]


def distinct_languages(notes: pd.DataFrame, people: pd.DataFrame) -> int:
    """Languages in the room: spoken by participants (their `languages`) or written in notes, counted once each."""
    found: set[str] = set()
    if "languages" in people and len(people):
        arr = pa.array(people["languages"])
        found.update(v for v in pc.unique(pc.list_flatten(arr)).to_pylist() if v)
    if "language" in notes:
        found.update(str(v) for v in notes["language"].dropna().unique())
    return len({v.split("-")[0].lower() for v in found})


def headline(notes: pd.DataFrame, people: pd.DataFrame) -> dict[str, float]:
    """The overview's numbers. notes_per_participant divides notes by participants (anonymous notes included);
    anonymous_share is the share of notes with no participant id."""
    n_people, n_notes = len(people), len(notes)
    anonymous = int(notes["participant_id"].isna().sum()) if "participant_id" in notes else n_notes

    def distinct(column: str) -> int:
        if column in COARSENED:  # merged groups (analysis/privacy.py) counted by the values they stand for
            return privacy_distinct(people, notes, column)
        values = set()
        for frame in (people, notes):
            if column in frame:
                values.update(str(v) for v in frame[column].dropna().unique())
        return len(values)

    return {
        "participants": n_people,
        "countries": distinct("country"),
        "regions": distinct("region"),
        "communities": distinct("community"),
        "languages": distinct_languages(notes, people),
        "notes": n_notes,
        "notes_per_participant": n_notes / n_people if n_people else 0.0,
        "anonymous_share": anonymous / n_notes if n_notes else 0.0,
    }


# --- the main finding of each chart, as one sentence (the charts' text alternatives) ----------------------------------


def _known(table: pd.DataFrame, by: str) -> pd.DataFrame:
    return table[table[by] != NOT_KNOWN]


def _key(by: str) -> str:
    """A grouping as the end of a message key: community_type -> community-type."""
    return by.replace("_", "-")


def people_and_notes_sentence(table: pd.DataFrame, by: str = "region") -> str:
    """The largest group by headcount, and its share of the notes (``table`` from voice_gap), in the language in
    force. Each grouping the page offers has its own sentences (a noun's gender differs between languages)."""
    known = _known(table, by)
    own = by in GROUPINGS
    if known.empty or known["people"].sum() + known["notes"].sum() == 0:
        if own:
            return msg(f"harvest-measures-people-and-notes-none-{_key(by)}")
        return msg("harvest-measures-people-and-notes-none", grouping_word(by))
    top = known.sort_values(["people", "notes"], ascending=False, kind="stable").iloc[0]
    said = (
        group_label(by, top[by]),
        _plain(top["people"]),
        _plain(known["people"].sum()),
        pct(top["people_share"]),
        pct(top["notes_share"]),
        _plain(known["notes"].sum()),
    )
    if own:
        return sentence(msg(f"harvest-measures-people-and-notes-{_key(by)}", *said))
    return sentence(msg("harvest-measures-people-and-notes", *said, grouping_word(by)))


def countries_sentence(table: pd.DataFrame) -> str:
    """How many countries, and which sent the most participants (``table`` from countries); countries of too few
    participants to show are said together, never named. In the language in force."""
    if table.empty:
        return msg("harvest-measures-countries-none")
    total = int(table["known_people"].iloc[0])
    every = int(table["countries"].sum()) if "countries" in table else len(table)
    named = table[~table["country"].map(is_merged)]
    merged = table[table["country"].map(is_merged)]
    parts = [msg("harvest-measures-countries-came", _plain(total), _plain(every))]
    if len(named):
        top = named.iloc[0]
        tied = named[named["people"] == top["people"]]
        names = (
            listing(list(tied["country_name"]))
            if len(tied) <= 3
            else msg("harvest-measures-countries-tied", _plain(len(tied)))
        )
        each = "-each" if len(tied) > 1 else ""
        parts.append(msg(f"harvest-measures-countries-most{each}", names, _plain(top["people"])))
    if len(merged):
        parts.append(
            msg("harvest-measures-countries-merged", _plain(merged["people"].sum()), _plain(merged["countries"].sum()))
        )
    return msg("harvest-measures-full-stop", msg("harvest-measures-semicolon").join(parts))


def languages_sentence(table: pd.DataFrame) -> str:
    """The most spoken language, and the share of notes written in the most written one (``table`` from
    language_use), in the language in force."""
    if table.empty:
        return msg("harvest-measures-languages-none")
    parts = []
    known_people, known_notes = int(table["known_people"].iloc[0]), int(table["known_notes"].iloc[0])
    named = table[~table["language"].map(is_merged)]
    spoken_rows = table[table["people"].fillna(0) > 0] if "people" in table else table.iloc[:0]
    every = int(spoken_rows["languages"].sum()) if "languages" in table else len(spoken_rows)
    if known_people and len(named) and named["people"].fillna(0).max() > 0:
        spoken = named.sort_values("people", ascending=False, kind="stable").iloc[0]
        parts.append(
            msg(
                "harvest-measures-languages-spoken",
                spoken["language_name"],
                pct(spoken["people_share"]),
                _plain(known_people),
                _plain(every),
            )
        )
    if known_notes:
        written = table.sort_values("notes", ascending=False, kind="stable").iloc[0]
        parts.append(
            msg(
                "harvest-measures-languages-written",
                pct(written["notes_share"]),
                _plain(known_notes),
                written["language_name"],
            )
        )
    said = msg("harvest-measures-full-stop", msg("harvest-measures-semicolon").join(parts))
    return said if messages.current() == messages.DEFAULT else sentence(said)  # "el 50 %…" -> "El 50 %…"
