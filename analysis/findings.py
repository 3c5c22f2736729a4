"""Findings: each measure once, as a value that every surface renders the same way.

A Finding carries the one sentence every surface states (the Overview, its page, its slide, the deck), the table
behind it with 95% intervals (its chart, its data view, its CSV, its image), the wording of its denominator, its
caveats, the test that lets the sentence state a difference, and, when it cannot be shown, why not (not recorded in
this export, withdrawn by the filters, too few notes). Definitions: docs/analysis.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import gaps, messages, participation, stats, themes
from .codes import code_pairs
from .messages import msg
from .needs import in_scope
from .stats import Test
from .view import View
from .vocabulary import (
    NOT_KNOWN,
    count,
    group_label,
    interval,
    listing,
    not_recorded,
    pct,
    points,
    region_label,
    sentence,
)


@dataclass(frozen=True)
class Finding:
    id: str
    title: str  # what it is about, as a chart or slide title
    sentence: str  # the one statement every surface makes; plain text, never markup
    table: pd.DataFrame = field(default_factory=pd.DataFrame)  # the numbers behind it, with 95% intervals
    n_text: str = ""  # the denominator in words
    caveats: tuple[str, ...] = ()
    test: Test | None = None
    withheld: str | None = None  # why nothing is drawn (not recorded, a filter, too few); the sentence says it too

    @property
    def shown(self) -> bool:
        return self.withheld is None

    @property
    def claims(self) -> bool:
        """The sentence states a difference (its test passed)."""
        return self.test is not None and self.test.passes

    def provenance(self) -> dict[str, str]:
        """What a CSV or an image export says about these numbers, beyond the export and the filters."""
        out = {"finding": self.sentence, "n": self.n_text}
        if self.test is not None:
            out["test"] = self.test.describe()
        if self.caveats:
            out["caveats"] = " ".join(self.caveats)
        return out


def withheld(id: str, title: str, reason: str, view: View | None = None) -> Finding:
    return Finding(id, title, reason, withheld=reason, caveats=view.caveats() if view else ())


def _single_filter(view: View, by: str) -> bool:
    """The filters keep one value of ``by``: comparing groups of ``by`` is meaningless."""
    return len(getattr(view.filters, by, ()) or ()) == 1


# --- words, in the language in force (i18n/findings/) -----------------------------------------------------------------

#: The people words a View uses (View.people_word), each with its own messages.
PEOPLE_WORDS = ("participants", "authors")
#: The English words for a group (participation.GROUPINGS, themes.GROUPINGS lowered) -> the grouping they name.
GROUP_WORDS = {
    "region": "region",
    "community type": "community_type",
    "community": "community",
    "question": "question",
    "round": "round",
    "question and round": "question_round",
}


def _people(who: str) -> str:
    """The people, as a sentence names them without a count ("participants"); a word Harvest does not know, as given."""
    return msg(f"harvest-findings-{who}") if who in PEOPLE_WORDS else who


def _person(who: str) -> str:
    """One of the people ("participant")."""
    return msg(f"harvest-findings-{who[:-1]}") if who in PEOPLE_WORDS else who[:-1]


def _people_total(n: int, who: str) -> str:
    """A denominator of people: "81 participants" (English keeps the plural for any number, as it always has)."""
    return msg(f"harvest-findings-{who}-total", n) if who in PEOPLE_WORDS else f"{count(n)} {who}"


def _people_counted(n: int, who: str) -> str:
    """A count of people: "1 participant", "2 participants"."""
    if who in PEOPLE_WORDS:
        return msg(f"harvest-findings-{who}-counted", n)
    return f"{count(n)} {who[:-1] if n == 1 else who}"


def _group_word(by: str) -> str:
    """A grouping as a sentence names it ("region", "community type"); in French, Spanish and Arabic with its article
    ("la région"), so that sentences need no gender of their own. A grouping Harvest does not know, as recorded."""
    key = by.replace("_", "-")
    if by in GROUP_WORDS.values():
        return msg(f"harvest-findings-group-{key}")
    return by.replace("_", " ")


def _grouping_of(noun: object) -> str | None:
    """Which grouping a page's word names: the English word ("community type"), or the word analysis/themes or
    analysis/participation gives it in the language in force; None for a word Harvest does not know."""
    text = str(noun).strip().lower()
    if text in GROUP_WORDS:
        return GROUP_WORDS[text]
    noun_of = getattr(themes, "grouping_noun", None)
    for by in GROUP_WORDS.values():
        words = {participation.GROUPINGS.get(by), themes.GROUPINGS.get(by), noun_of(by) if noun_of else None}
        if text in {str(w).strip().lower() for w in words if w}:
            return by
    return None


def _noun_word(noun: str, by: str | None = None) -> str:
    """The group word of a sentence, in the language in force, for the grouping ``by`` or the one ``noun`` names
    (pages pass the English word, or analysis' own word for it); a word Harvest does not know, as given."""
    by = by if by in GROUP_WORDS.values() else _grouping_of(noun)
    return _group_word(by) if by else str(noun)


def _bare(n: int) -> int | str:
    """A count the English sentence writes without thousands separators ("1234 of 5678"), as it always has; in
    another language the number is written its way."""
    return str(int(n)) if messages.current() == messages.DEFAULT else int(n)


def _comma(items) -> str:
    return msg("harvest-findings-comma").join(items)


def _named(code: object, label: object) -> str:
    """A code with its label: 'KE1 “Knowledge equity”' (quotation marks the language's)."""
    return msg("harvest-findings-named", str(code), str(label))


def _not_known(by: str) -> str:
    """The label analysis/themes gives the notes whose ``by`` is missing ("Round not known"), in the language in
    force: asked of themes itself, so the two always agree."""
    groups, order = themes.group_of(pd.DataFrame({by: pd.Series([None], dtype="object")}), by)
    return order[-1] if order else ""


def _unknown_groups() -> set[str]:
    """Every label a group of notes whose value is missing can carry, in the language in force."""
    found = {_not_known(by) for by in themes.GROUPINGS if by != "question_round"}
    found |= {group_label(by, NOT_KNOWN) for by in participation.GROUPINGS}
    named = getattr(themes, "not_known_group", None)  # analysis/themes' own word for it, where it has one
    if named is not None:
        found |= {named(by) for by in themes.GROUPINGS}
    return found


def _is_unknown(group: object, unknown: set[str]) -> bool:
    text = str(group)
    return text.endswith("not known") or text in unknown


# --- the room in numbers ----------------------------------------------------------------------------------------------


def _measure(key: str) -> str:
    """A measure of the room in numbers ("Notes", "Countries", "Participants"…), in the language in force."""
    return msg(f"harvest-findings-measure-{key}")


def numbers(view: View) -> Finding:
    """How many people, from how many countries and regions, speaking how many languages, left how many notes.
    A dimension the export does not record is said to be not recorded, never counted as 0; when the view's people
    cannot be counted (analysis/privacy.py), their numbers are not shown and the sentence says why."""
    rec = view.recorded
    numbers = participation.headline(view.notes, view.people)
    who = view.people_word
    hidden = view.guard.reason if rec.has_people else None
    unrecorded, unshown = not_recorded(), msg("harvest-words-not-shown")  # "not recorded", never 0
    rows = [(_measure("notes"), count(numbers["notes"]))]
    if rec.has_people:
        rows.insert(0, (_measure(who), unshown if hidden else count(numbers["participants"])))
    for name, key in (("country", "countries"), ("region", "regions"), ("community", "communities")):
        value = count(numbers[key]) if rec.shows(name) else unrecorded
        rows.append((_measure(key), unshown if hidden and rec.shows(name) else value))
    languages_known = rec.shows("languages") or rec.shows("language")
    rows.append((_measure("languages"), count(numbers["languages"]) if languages_known else unrecorded))
    anonymous = f"{pct(numbers['anonymous_share'])}" if numbers["notes"] else "–"
    rows.append((_measure("anonymous"), anonymous if rec.has_people or numbers["notes"] else "–"))
    table = pd.DataFrame(rows, columns=["measure", "value"])
    parts = []
    notes = int(numbers["notes"])
    if hidden:
        said = msg("harvest-findings-numbers-hidden", notes, anonymous, hidden)
    elif rec.has_people:
        parts.append(_people_counted(int(numbers["participants"]), who))
        if rec.shows("country"):
            parts.append(msg("harvest-findings-numbers-from-countries", int(numbers["countries"])))
        elif rec.shows("region"):
            parts.append(msg("harvest-findings-numbers-from-regions", int(numbers["regions"])))
        if rec.shows("languages"):
            parts.append(msg("harvest-findings-numbers-speaking", int(numbers["languages"])))
        elif rec.shows("language"):
            parts.append(msg("harvest-findings-numbers-writing", int(numbers["languages"])))
        group = parts[0] + ("" if len(parts) == 1 else " " + _comma(parts[1:]))
        said = msg("harvest-findings-numbers-people", group, notes, anonymous)
    else:
        said = msg("harvest-findings-numbers-anonymous", notes, _people(view.people_word))
    if view.participants_source == "notes":
        said += " " + msg("harvest-findings-numbers-no-participants-table")
    n_text = (
        msg("harvest-findings-numbers-n-people", _people_total(int(numbers["participants"]), who), notes)
        if rec.has_people and not hidden
        else msg("harvest-findings-numbers-n-notes", notes)
    )
    return Finding("numbers", msg("harvest-findings-numbers-title"), said, table, n_text, view.caveats())


def _unknown_caveat(view: View, grouping, by: str) -> tuple[str, ...]:
    """What a people chart says about those whose ``by`` is not known: how many, when that is a group of at least k;
    that they are in the merged group, when they are fewer."""
    if NOT_KNOWN in grouping.members:
        return (sentence(msg("harvest-findings-unknown-merged", _people(view.people_word), _group_word(by))),)
    rec = view.recorded
    if by in rec.dimensions and not rec[by].complete:
        return (msg("harvest-findings-unknown-left-out", sentence(rec[by].coverage())),)
    return ()


# --- the room against the world ---------------------------------------------------------------------------------------


def room(view: View) -> Finding:
    """Each region's share of the people (of those with a known region) against its share of the world's population;
    a region is called over- or under-represented only when an exact binomial test says so."""
    title = msg("harvest-findings-room-title")
    rec = view.recorded
    who = view.people_word
    if not rec.has_people:
        return withheld("room", title, msg("harvest-findings-room-no-people", _people(who)), view)
    if not rec.shows("region"):
        return withheld("room", title, rec["region"].absent(), view)
    if view.filters.region:
        return withheld("room", title, msg("harvest-findings-room-region-filter"), view)
    grouping = view.guard.grouping("region")
    if not grouping.shown:
        return withheld("room", title, grouping.withheld, view)
    table = participation.representation(grouping.recode_people(view.people), grouping.population(view.population))
    table.insert(1, "name", [region_label(r) for r in table["region"]])
    known = int(table["known_people"].iloc[0])
    table = stats.with_intervals(table, "people", "known_people", "people_")
    config = view.config
    said, tests = [], []
    regions = int((table["population_share"] > 0).sum())
    for side, row in (("over", table.loc[table["gap"].idxmax()]), ("under", table.loc[table["gap"].idxmin()])):
        test = stats.reference_test(
            int(row["people"]), known, float(row["population_share"]), regions, alpha=config.alpha, min_n=config.min_n
        )
        tests.append(test)
        if test.passes and ((side == "over") == (row["gap"] > 0)):
            said.append(
                msg(
                    "harvest-findings-room-share",
                    region_label(row["region"]),
                    pct(row["people_share"]),
                    _people(who),
                    interval(row["people_ci_low"], row["people_ci_high"]),
                    pct(row["population_share"]),
                )
            )
    test = min(tests, key=lambda t: t.p_value if t.p_value is not None else 2.0)  # the one a sentence rests on
    if said:
        text = msg("harvest-findings-room-differs", msg("harvest-findings-semicolon").join(said))
    elif not test.enough:
        text = msg("harvest-findings-room-too-few", _people(who), known, config.min_n)
    else:
        text = msg("harvest-findings-room-none", _people_total(known, who))
    caveats = (*_unknown_caveat(view, grouping, "region"), *view.caveats())
    n_text = msg("harvest-findings-room-n", _people_total(known, who))
    return Finding("room", title, text, table, n_text, caveats, test)


def equity_picture(view: View) -> pd.DataFrame:
    """The room against the world and whose voice was recorded, per group of regions (analysis.gaps.equity_picture),
    grouped as the room's finding groups them (analysis/privacy.py)."""
    grouping = view.guard.grouping("region")
    return gaps.equity_picture(
        grouping.recode_people(view.people), grouping.recode_notes(view.notes), grouping.population(view.population)
    )


# --- whose voice was recorded -----------------------------------------------------------------------------------------


def voice_n_text(table: pd.DataFrame, by: str, who: str = "participants") -> str:
    """'share of 81 participants and of 371 notes; 40 notes with no known region left out'."""
    known = table[table[by] != NOT_KNOWN]
    unknown = table[table[by] == NOT_KNOWN]
    text = msg("harvest-findings-voice-n", _people_total(int(known["people"].sum()), who), int(known["notes"].sum()))
    left_out = []
    if len(unknown) and int(unknown["notes"].sum()):
        left_out.append(msg("harvest-findings-notes-counted", int(unknown["notes"].sum())))
    if len(unknown) and int(unknown["people"].sum()):
        left_out.append(_people_counted(int(unknown["people"].sum()), who))
    if left_out:
        text = msg("harvest-findings-voice-n-left-out", text, listing(left_out), _group_word(by))
    return text


def _authors(people: pd.DataFrame, notes: pd.DataFrame, by: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Each person with a known ``by``: their group number, and how many notes in view they wrote."""
    if by not in people or "participant_id" not in people or people.empty:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), []
    keys = [k for k in ("session", "participant_id") if k in people and k in notes]
    named = notes[notes["participant_id"].notna()] if "participant_id" in notes else notes.iloc[:0]
    written = named.groupby([named[k].astype(str) for k in keys], observed=True).size()
    known = people[people[by].notna()]
    index = (
        pd.MultiIndex.from_arrays([known[k].astype(str) for k in keys])
        if len(keys) > 1
        else pd.Index(known[keys[0]].astype(str))
    )
    counts = written.reindex(index).fillna(0).to_numpy(dtype=np.int64)
    group = known[by].astype(str)
    names = sorted(set(group))
    return pd.Categorical(group, categories=names).codes.astype(np.int64), counts, names


def voice(view: View, by: str = "region") -> Finding:
    """Each group's share of the notes against its share of the people (both of those whose group is known); a gap
    is stated only when the permutation test over authors puts it beyond chance."""
    what = _group_word(by)
    title = msg("harvest-findings-voice-title")
    rec = view.recorded
    who = view.people_word
    if not rec.has_people:
        return withheld("voice", title, msg("harvest-findings-voice-no-people", _people(who)), view)
    if not rec.shows(by):
        return withheld("voice", title, rec[by].absent(), view)
    if _single_filter(view, by):
        return withheld("voice", title, msg("harvest-findings-voice-one-chosen", what, _people(who)), view)
    grouping = view.guard.grouping(by)
    if not grouping.shown:
        return withheld("voice", title, grouping.withheld, view)
    people, notes = grouping.recode_people(view.people), grouping.recode_notes(view.notes)
    table = participation.voice_gap(people, notes, by, known_only=True)
    known = table[table[by] != NOT_KNOWN]
    if known["notes"].sum() == 0 or known["people"].sum() == 0:
        return withheld("voice", title, msg("harvest-findings-voice-no-notes", _people(who), what), view)
    if int((known["people"] > 0).sum()) < 2:
        return withheld("voice", title, msg("harvest-findings-voice-one-group", _person(who), what), view)
    known_people, known_notes = int(known["people"].sum()), int(known["notes"].sum())
    table.insert(1, "name", [group_label(by, v) for v in table[by]])
    table = stats.with_intervals(table, "people", known_people, "people_")
    table = stats.with_intervals(table, "notes", known_notes, "notes_")
    groups, written, _names = _authors(people, notes, by)
    config = view.config
    test = stats.voice_gap_test(
        groups, written, max(len(_names), 1), alpha=config.alpha, min_n=config.min_n, permutations=config.permutations
    )
    low = known.loc[known["gap"].idxmin()]
    if test.passes and low["gap"] < 0:
        text = sentence(
            msg(
                "harvest-findings-voice-gap",
                group_label(by, low[by]),
                pct(low["people_share"]),
                _people(who),
                pct(low["notes_share"]),
                points(low["gap"]),
            )
        )
    elif not test.enough:
        text = msg("harvest-findings-voice-too-few", what, known_notes, config.min_n)
    else:
        text = msg("harvest-findings-voice-no-gap", what, _people(who), group_label(by, low[by]), points(low["gap"]))
    caveats = (*_unknown_caveat(view, grouping, by), *view.caveats())
    return Finding("voice", title, text, table, voice_n_text(table, by, who), caveats, test)


# --- themes, needs, responsible parties ------------------------------------------------------------------------------

KIND_WORDS = {
    "theme": ("strategy theme", "strategy themes"),
    "need": ("need", "needs"),
    "responsible": ("responsible party", "responsible parties"),
}


def frequency(
    view: View,
    kinds: tuple[str, ...] = ("theme",),
    notes: pd.DataFrame | None = None,
    where: str = "",
    id: str | None = None,
    include_unknown: bool = False,
) -> Finding:
    """Notes carrying each code of ``kinds``, as a share of the notes carrying any of them; the most raised is
    named only when an exact McNemar test puts it ahead of the second."""
    notes = view.notes if notes is None else notes
    kind = kinds[0] if len(kinds) == 1 and kinds[0] in KIND_WORDS else "code"  # each kind has its own sentences

    def said(name: str, *params: object) -> str:
        return msg(f"harvest-findings-frequency-{name}-{kind}", *params)

    fid = id or ("themes" if kinds == ("theme",) else "needs" if kinds == ("need",) else "codes")
    title = said("title")
    rec = view.recorded
    if len(kinds) == 1 and kinds[0] in KIND_WORDS and (notes is view.notes) and not rec.shows(kinds[0]):
        return withheld(fid, title, rec[kinds[0]].absent(), view)
    table = themes.theme_frequency(notes, view.codebook.codes, kinds, include_unknown=include_unknown)
    coded = int(table["coded_notes"].iloc[0]) if len(table) else 0
    if coded == 0:
        return withheld(fid, title, said("none", f" {where}" if where else ""), view)
    table = stats.with_intervals(table, "notes", "coded_notes")
    ranked = themes.sort_frequency(table, "notes")
    first = ranked.iloc[0]
    config = view.config
    test = None
    scope = f" {where}" if where else ""
    if len(ranked) > 1:
        second = ranked.iloc[1]
        both = _carrying(notes, [first["code"], second["code"]])
        test = stats.paired_test(
            int(first["notes"] - both), int(second["notes"] - both), coded, alpha=config.alpha, min_n=config.min_n
        )
    label = msg("harvest-findings-not-in-codebook") if not first["in_codebook"] else first["label"]
    if test is None or test.passes:
        shown = int(first["notes"])
        text = said(
            "lead", scope, label, pct(first["share"]), coded, shown, interval(first["ci_low"], first["ci_high"])
        )
    elif not test.enough:
        text = said("too-few", scope, coded, config.min_n)
    else:
        level = ranked[ranked["notes"] >= second["notes"]]
        names = [str(r["label"]) for _, r in level.head(3).iterrows()]
        text = said("tie", scope, listing(names), _comma(count(n) for n in level["notes"].head(3)), coded)
    n_text = said("n", scope, coded)
    caveats = view.caveats()
    if len(kinds) == 1 and kinds[0] in rec.dimensions and notes is view.notes and not rec[kinds[0]].complete:
        caveats = (said("coded", int(rec[kinds[0]].known), int(rec[kinds[0]].total)), *caveats)
    return Finding(fid, title, text, table.drop(columns=["order"]), n_text, caveats, test)


def _carrying(notes: pd.DataFrame, wanted: list[str], column: str = "themes") -> int:
    """Notes carrying every code in ``wanted``."""
    rows, numbers, dictionary = code_pairs(notes, column)
    if not len(numbers):
        return 0
    index = {str(c): i for i, c in enumerate(dictionary)}
    sets = [set(rows[numbers == index[w]]) if w in index else set() for w in wanted]
    return len(set.intersection(*sets)) if sets else 0


def needs(view: View) -> Finding:
    """What participants said they need, in their answers to Q2 and Q3."""
    title = msg("harvest-findings-needs-title")
    if not view.recorded.shows("need"):
        return withheld("needs", title, view.recorded["need"].absent(), view)
    scoped = in_scope(view.notes)
    if scoped.empty:
        return withheld("needs", title, msg("harvest-findings-needs-no-question"), view)
    found = frequency(view, ("need",), notes=scoped, where=msg("harvest-findings-needs-where"), id="needs")
    return Finding("needs", title, found.sentence, found.table, found.n_text, found.caveats, found.test, found.withheld)


# --- the direction --------------------------------------------------------------------------------------------------


def direction(view: View, threshold: float | None = None) -> Finding:
    """Share of the notes coded for the direction that address each commitment; blind spots under ``threshold``,
    called only with at least min_group_notes coded notes in view."""
    title = msg("harvest-findings-direction-title")
    threshold = view.config.blind_spot_share if threshold is None else threshold
    rec = view.recorded
    if not rec.shows("direction"):
        return withheld("direction", title, rec["direction"].absent(), view)
    covered = gaps.coverage(view.notes, view.codebook.commitments)
    coded = int(covered["coded_notes"].iloc[0])
    covered = stats.with_intervals(covered, "notes", "coded_notes")
    known = covered[covered["level"] == "commitment"]
    pillars = covered[covered["level"] == "pillar"]
    limit = gaps.threshold_text(threshold)
    config = view.config
    ranked = known.sort_values("notes", ascending=False, kind="stable")
    test = None
    if ranked.empty or ranked["notes"].iloc[0] == 0:
        if len(pillars):
            text = msg("harvest-findings-direction-none-pillars", coded, _pillar_clause(pillars, coded))
        else:
            text = msg("harvest-findings-direction-none", coded)
    else:
        top = ranked.iloc[0]
        text = msg("harvest-findings-direction-lead", top["commitment"], top["label"], pct(top["note_share"]), coded)
        if len(ranked) > 1:
            second = ranked.iloc[1]
            both = _carrying(view.notes, [top["commitment"], second["commitment"]], "direction")
            test = stats.paired_test(
                int(top["notes"] - both), int(second["notes"] - both), coded, alpha=config.alpha, min_n=config.min_n
            )
            if not test.passes:
                level = ranked[ranked["notes"] >= second["notes"]].head(3)
                counts = _comma(count(n) for n in level["notes"])
                text = msg("harvest-findings-direction-tie", listing(list(level["commitment"])), counts, coded)
        if coded < config.min_group_notes:
            text = msg("harvest-findings-direction-too-few", text, config.min_group_notes)
        else:
            spots = gaps.blind_spots(covered, threshold)
            if len(spots):
                names = [f"{r.commitment} ({pct(r.note_share)})" for r in spots.itertuples()]
                text = msg("harvest-findings-direction-spots", text, len(spots), len(known), limit, listing(names))
            else:
                text = msg("harvest-findings-direction-no-spots", text, limit)
        if len(pillars):
            clause = sentence(_pillar_clause(pillars, coded, of=True))
            text = msg("harvest-findings-direction-and-pillars", text.rstrip("."), clause)
    caveats = (
        msg("harvest-findings-direction-caveat-coded", int(rec["direction"].known), int(rec["direction"].total)),
        *([msg("harvest-findings-direction-caveat-pillar")] if len(pillars) else []),
        *view.caveats(),
    )
    n_text = msg("harvest-findings-direction-n", coded)
    return Finding("direction", title, text, covered, n_text, caveats, test)


def _pillar_clause(pillars: pd.DataFrame, coded: int, of: bool = False) -> str:
    """ "40 (12%) address Knowledge equity without naming one of its commitments" for the pillar rows of coverage
    (``of``: "40 of the 298 notes (12%) …", when the sentence has not named the denominator just before)."""
    parts = []
    for i, row in enumerate(pillars.itertuples()):
        n = int(row.notes)
        if of and i == 0:
            parts.append(msg("harvest-findings-pillar-of", n, coded, pct(row.note_share), row.pillar_label))
        else:
            parts.append(msg("harvest-findings-pillar", n, pct(row.note_share), row.pillar_label))
    return msg("harvest-findings-pillars-unnamed", listing(parts), len(parts))


# --- themes by question, rounds, groups -----------------------------------------------------------------------------


def by_question(view: View) -> Finding:
    """Each strategy theme's share of each question's theme-coded notes, and per question its leader (named only when
    it leads beyond chance)."""
    title = msg("harvest-findings-by-question-title")
    rec = view.recorded
    for name in ("theme", "question"):
        if not rec.shows(name):
            return withheld("by_question", title, rec[name].absent(), view)
    codes = view.codebook.ids("theme")
    table = themes.theme_by(view.notes, codes, "question")
    unknown = {_not_known("question")}
    parts, led = [], 0
    for group in dict.fromkeys(table["group"]):
        if _is_unknown(group, unknown):
            continue
        notes = view.notes[_group_mask(view.notes, "question", group)]
        found = frequency(view, ("theme",), notes=notes, where=msg("harvest-findings-in", str(group)))
        asked = _question_words(view, group)
        if found.shown and found.claims:
            first = found.table.sort_values("notes", ascending=False).iloc[0]
            parts.append(msg("harvest-findings-by-question-leader", asked, first["label"], pct(first["share"])))
            led += 1
        elif found.shown:
            parts.append(msg("harvest-findings-by-question-no-leader", asked))
    coded = int(table.drop_duplicates("group")["group_coded_notes"].sum()) if len(table) else 0
    if led:
        text = msg("harvest-findings-by-question-led", msg("harvest-findings-semicolon").join(parts))
    elif parts:
        text = msg("harvest-findings-by-question-none-led")
    else:
        text = msg("harvest-findings-by-question-empty")
    n_text = msg("harvest-findings-by-question-n", coded)
    return Finding("by_question", title, text, table, n_text, view.caveats())


def _question_words(view: View, value: str) -> str:
    """A question in a sentence: 'Q2 “How would this direction change your work in the context of diversity?”'
    (the codebook's wording); a question the codebook does not name, as recorded."""
    text = view.codebook.question_text(value) if hasattr(view.codebook, "question_text") else None
    return _named(value, text) if text else str(value)


def _group_mask(notes: pd.DataFrame, by: str, label: str) -> np.ndarray:
    groups, order = themes.group_of(notes, by)
    return groups == order.index(label) if label in order else np.zeros(len(notes), dtype=bool)


def movement(view: View, codes: list[str]) -> Finding:
    """The code whose share changed most between the first and the last round; stated only when Fisher's exact test
    (Bonferroni over the codes) puts the change beyond chance and both rounds hold min_group_notes coded notes."""
    title = msg("harvest-findings-movement-title")
    if not view.recorded.shows("round"):
        return withheld("movement", title, view.recorded["round"].absent(), view)
    table = themes.theme_by(view.notes, codes, "round")
    unknown = _not_known("round")
    groups = [
        g
        for g in dict.fromkeys(table["group"])
        if "not known" not in str(g)
        and str(g) != unknown
        and table.loc[table["group"] == g, "group_coded_notes"].iloc[0]
    ]
    if len(groups) < 2:
        return Finding("movement", title, msg("harvest-findings-movement-one-round"), table, "", view.caveats())
    first, last = groups[0], groups[-1]
    cell = table.set_index(["code", "group"])
    config = view.config
    best, best_test = None, None
    for code in codes:
        a, b = cell.loc[(code, first)], cell.loc[(code, last)]
        test = stats.two_groups_test(
            int(a["notes"]),
            int(a["group_coded_notes"]),
            int(b["notes"]),
            int(b["group_coded_notes"]),
            len(codes),
            alpha=config.alpha,
            min_n=config.min_group_notes,
        )
        change = abs(b["share"] - a["share"])
        if best is None or change > best[1]:
            best, best_test = (code, change, a, b), test
    code, change, a, b = best
    label = view.codebook.label(code)
    if best_test.passes:
        verb = "rose" if b["share"] > a["share"] else "fell"
        text = msg(
            f"harvest-findings-movement-{verb}",
            label,
            pct(a["share"]),
            _bare(a["notes"]),
            _bare(a["group_coded_notes"]),
            first,
            pct(b["share"]),
            _bare(b["notes"]),
            _bare(b["group_coded_notes"]),
            last,
        )
    elif not best_test.enough:
        text = msg("harvest-findings-movement-too-few", first, last, config.min_group_notes)
    else:
        text = msg("harvest-findings-movement-none", first, last, label, points(b["share"] - a["share"]))
    n_text = msg("harvest-findings-movement-n")
    return Finding("movement", title, text, table, n_text, view.caveats(), best_test)


def leading_group(view: View, table: pd.DataFrame, noun: str, label=str, by: str | None = None) -> Finding:
    """The highest share of a code in one group, stated as a difference only when Fisher's exact test (that group
    against all the others, Bonferroni over the cells) puts it beyond chance and the group holds min_group_notes.

    ``noun`` names the grouping (the English word, "region", or analysis' own word for it in the language in force);
    ``by`` (its key: "region", "community_type"…), when given, decides the sentence's word instead."""
    word = _noun_word(noun, by)
    title = msg("harvest-findings-groups-title", word)
    config = view.config
    unknown = _unknown_groups()
    live = table[(table["group_coded_notes"] > 0) & ~table["group"].map(lambda g: _is_unknown(g, unknown))]
    if live.empty or live["notes"].sum() == 0:
        return Finding("groups", title, msg("harvest-findings-groups-empty"), table, "", view.caveats())
    totals = table.drop_duplicates("group").set_index("group")["group_coded_notes"]
    cells = int(len(live))
    best = None
    for row in live.itertuples():
        others = table[(table["code"] == row.code) & (table["group"] != row.group)]
        test = stats.two_groups_test(
            int(row.notes),
            int(row.group_coded_notes),
            int(others["notes"].sum()),
            int(totals.drop(row.group).sum()),
            cells,
            alpha=config.alpha,
            min_n=config.min_group_notes,
        )
        if test.passes and (best is None or row.share > best[0].share):
            best = (row, test)
    if best is None:
        text = msg("harvest-findings-groups-none", word, config.min_group_notes)
        return Finding("groups", title, text, table, "", view.caveats())
    row, test = best
    text = msg(
        "harvest-findings-groups-lead",
        label(row.code),
        word,
        str(row.group),
        pct(row.share),
        _bare(row.notes),
        _bare(row.group_coded_notes),
    )
    return Finding("groups", title, text, table, "", view.caveats(), test)


def who_spoke(view: View, by: str = "region") -> Finding:
    """Which group's notes addressed which commitment; a commitment "raised by one group" is said only when that
    group's share is beyond chance against the others' (Fisher, Bonferroni) and the group holds min_group_notes."""
    title = msg("harvest-findings-who-spoke-title")
    rec = view.recorded
    if not rec.shows("direction"):
        return withheld("who_spoke", title, rec["direction"].absent(), view)
    if by in rec.dimensions and not rec.shows(by):
        return withheld("who_spoke", title, rec[by].absent(), view)
    who = gaps.who_spoke(view.notes, view.codebook.commitments, by)
    if who.empty:
        return withheld("who_spoke", title, msg("harvest-findings-who-spoke-empty"), view)
    table = who.rename(columns={by: "group", "commitment": "code", "group_notes": "group_coded_notes"})
    table["group"] = [group_label(by, g) for g in table["group"]]
    labels = dict(zip(who["commitment"], who["label"], strict=False))
    found = leading_group(
        view,
        table[table["code"].isin(view.codebook.ids("commitment"))],
        participation.GROUPINGS.get(by, by.replace("_", " ")),
        lambda c: _named(c, labels.get(c, c)),
        by=by,
    )
    n_text = msg("harvest-findings-who-spoke-n", int(who.drop_duplicates(by)["group_notes"].sum()))
    return Finding("who_spoke", title, found.sentence, who, n_text, view.caveats(), found.test)


# --- the Overview's findings ----------------------------------------------------------------------------------------


def headline_findings(view: View) -> list[Finding]:
    """The findings the Overview states, strongest first: those that can be shown, each stating a difference only
    where its test allows."""
    out = [room(view), voice(view), frequency(view, ("theme",)), direction(view), needs(view)]
    return [f for f in out if f.shown]
