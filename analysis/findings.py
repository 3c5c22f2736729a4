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

from . import gaps, participation, stats, themes
from .codes import code_pairs
from .needs import in_scope
from .stats import Test
from .view import View
from .vocabulary import NOT_KNOWN, count, group_label, interval, listing, pct, plural, points, region_label, sentence


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


# --- the room in numbers ----------------------------------------------------------------------------------------------


def numbers(view: View) -> Finding:
    """How many people, from how many countries and regions, speaking how many languages, left how many notes.
    A dimension the export does not record is said to be not recorded, never counted as 0; when the view's people
    cannot be counted (analysis/privacy.py), their numbers are not shown and the sentence says why."""
    rec = view.recorded
    numbers = participation.headline(view.notes, view.people)
    who = view.people_word
    hidden = view.guard.reason if rec.has_people else None
    rows = [("Notes", count(numbers["notes"]))]
    if rec.has_people:
        rows.insert(0, (who.capitalize(), "not shown" if hidden else count(numbers["participants"])))
    for name, key, label in (
        ("country", "countries", "Countries"),
        ("region", "regions", "Regions"),
        ("community", "communities", "Communities"),
    ):
        value = count(numbers[key]) if rec.shows(name) else "not recorded"
        rows.append((label, "not shown" if hidden and rec.shows(name) else value))
    languages_known = rec.shows("languages") or rec.shows("language")
    rows.append(("Languages", count(numbers["languages"]) if languages_known else "not recorded"))
    anonymous = f"{pct(numbers['anonymous_share'])}" if numbers["notes"] else "–"
    rows.append(("Anonymous notes", anonymous if rec.has_people or numbers["notes"] else "–"))
    table = pd.DataFrame(rows, columns=["measure", "value"])
    parts = []
    if hidden:
        said = f"{plural(numbers['notes'], 'note')} ({anonymous} anonymous). {hidden}"
    elif rec.has_people:
        parts.append(plural(numbers["participants"], who[:-1], who))
        if rec.shows("country"):
            parts.append(f"from {plural(numbers['countries'], 'country', 'countries')}")
        elif rec.shows("region"):
            parts.append(f"from {plural(numbers['regions'], 'region')}")
        if rec.shows("languages"):
            parts.append(f"speaking {plural(numbers['languages'], 'language')}")
        elif rec.shows("language"):
            parts.append(f"writing in {plural(numbers['languages'], 'language')}")
        said = (
            " ".join(parts[:1])
            + ("" if len(parts) == 1 else " " + ", ".join(parts[1:]))
            + f", left {plural(numbers['notes'], 'note')} ({anonymous} anonymous)."
        )
    else:
        said = f"{plural(numbers['notes'], 'note')}, all anonymous: this export names no {view.people_word}."
    if view.participants_source == "notes":
        said += " There is no participants table: the authors are the people named on the notes."
    n_text = (
        f"{count(numbers['participants'])} {who}, {count(numbers['notes'])} notes"
        if rec.has_people and not hidden
        else f"{count(numbers['notes'])} notes"
    )
    return Finding("numbers", "The room in numbers", said, table, n_text, view.caveats())


def _unknown_caveat(view: View, grouping, by: str) -> tuple[str, ...]:
    """What a people chart says about those whose ``by`` is not known: how many, when that is a group of at least k;
    that they are in the merged group, when they are fewer."""
    what = participation.GROUPINGS.get(by, by.replace("_", " "))
    if NOT_KNOWN in grouping.members:
        return (f"{view.people_word.capitalize()} with no known {what} are counted in the merged group.",)
    rec = view.recorded
    if by in rec.dimensions and not rec[by].complete:
        return (sentence(rec[by].coverage()) + "; the others are left out.",)
    return ()


# --- the room against the world ---------------------------------------------------------------------------------------


def room(view: View) -> Finding:
    """Each region's share of the people (of those with a known region) against its share of the world's population;
    a region is called over- or under-represented only when an exact binomial test says so."""
    title = "Who was in the room, against the world's population"
    rec = view.recorded
    if not rec.has_people:
        return withheld(
            "room",
            title,
            f"This export names no {view.people_word}, so the room cannot be compared with the world.",
            view,
        )
    if not rec.shows("region"):
        return withheld("room", title, rec["region"].absent(), view)
    if view.filters.region:
        return withheld(
            "room",
            title,
            "Not shown with a region filter in force: the chosen regions would be all of "
            "the room. Remove the region filter to compare the room with the world.",
            view,
        )
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
                f"{region_label(row['region'])}: {pct(row['people_share'])} of {view.people_word} "
                f"({interval(row['people_ci_low'], row['people_ci_high'])}), "
                f"{pct(row['population_share'])} of the world's population"
            )
    test = min(tests, key=lambda t: t.p_value if t.p_value is not None else 2.0)  # the one a sentence rests on
    if said:
        text = "; ".join(said) + "."
    elif not test.enough:
        text = (
            f"Too few {view.people_word} with a known region ({known:,}; at least {config.min_n} are needed) to "
            "compare the room with the world's population."
        )
    else:
        text = (
            f"No region's share of the {known:,} {view.people_word} differs from its share of the world's "
            "population beyond chance."
        )
    caveats = (*_unknown_caveat(view, grouping, "region"), *view.caveats())
    n_text = f"share of {known:,} {view.people_word} with a known region, and of world population (UN WPP 2017)"
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
    what = participation.GROUPINGS.get(by, by.replace("_", " "))
    text = f"share of {int(known['people'].sum()):,} {who} and of {int(known['notes'].sum()):,} notes"
    left_out = []
    if len(unknown) and int(unknown["notes"].sum()):
        left_out.append(plural(int(unknown["notes"].sum()), "note"))
    if len(unknown) and int(unknown["people"].sum()):
        left_out.append(plural(int(unknown["people"].sum()), who[:-1], who))
    if left_out:
        text += f"; {' and '.join(left_out)} with no known {what} left out"
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
    what = participation.GROUPINGS.get(by, by.replace("_", " "))
    title = "Whose voice was recorded"
    rec = view.recorded
    if not rec.has_people:
        return withheld(
            "voice",
            title,
            f"This export names no {view.people_word}, so their share of the notes "
            "cannot be compared with their number.",
            view,
        )
    if not rec.shows(by):
        return withheld("voice", title, rec[by].absent(), view)
    if _single_filter(view, by):
        return withheld(
            "voice",
            title,
            f"Not shown while one {what} is chosen in the filters: its share would be "
            f"all of the notes and all of the {view.people_word}.",
            view,
        )
    grouping = view.guard.grouping(by)
    if not grouping.shown:
        return withheld("voice", title, grouping.withheld, view)
    people, notes = grouping.recode_people(view.people), grouping.recode_notes(view.notes)
    table = participation.voice_gap(people, notes, by, known_only=True)
    known = table[table[by] != NOT_KNOWN]
    if known["notes"].sum() == 0 or known["people"].sum() == 0:
        return withheld("voice", title, f"No notes by {view.people_word} with a known {what} in this selection.", view)
    if int((known["people"] > 0).sum()) < 2:
        return withheld(
            "voice",
            title,
            f"Every {view.people_word[:-1]} with a known {what} in this selection is from "
            f"one {what}: there is no other to compare it with.",
            view,
        )
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
    who = view.people_word
    if test.passes and low["gap"] < 0:
        text = sentence(
            f"{group_label(by, low[by])} made up {pct(low['people_share'])} of {who} but wrote "
            f"{pct(low['notes_share'])} of the notes ({points(low['gap'])}), a gap beyond chance."
        )
    elif not test.enough:
        text = (
            f"Too few notes with a known {what} ({known_notes:,}; at least {config.min_n} are needed) to say "
            f"whether any {what}'s voice fell short of its headcount."
        )
    else:
        text = (
            f"No clear voice gap: every {what}'s share of the notes is within what chance gives for its share of "
            f"the {who} (the widest: {group_label(by, low[by])}, {points(low['gap'])})."
        )
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
    one, many = KIND_WORDS.get(kinds[0], ("code", "codes")) if len(kinds) == 1 else ("code", "codes")
    fid = id or ("themes" if kinds == ("theme",) else "needs" if kinds == ("need",) else "codes")
    title = f"Which {many} the notes raised"
    rec = view.recorded
    if len(kinds) == 1 and kinds[0] in KIND_WORDS and (notes is view.notes) and not rec.shows(kinds[0]):
        return withheld(fid, title, rec[kinds[0]].absent(), view)
    table = themes.theme_frequency(notes, view.codebook.codes, kinds, include_unknown=include_unknown)
    coded = int(table["coded_notes"].iloc[0]) if len(table) else 0
    if coded == 0:
        return withheld(fid, title, f"No note{where} carries a {one} under the codes counted.", view)
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
    label = "not in the codebook" if not first["in_codebook"] else first["label"]
    if test is None or test.passes:
        text = (
            f"Most raised {one}{scope}: {label}, on {pct(first['share'])} of the {coded:,} notes that carry a "
            f"{one} ({int(first['notes']):,} notes; {interval(first['ci_low'], first['ci_high'])})."
        )
    elif not test.enough:
        text = (
            f"Too few notes{scope} carry a {one} ({coded:,}; at least {config.min_n} are needed) to say which "
            "was raised most."
        )
    else:
        level = ranked[ranked["notes"] >= second["notes"]]
        names = [str(r["label"]) for _, r in level.head(3).iterrows()]
        text = (
            f"No single {one} led{scope}: {listing(names)} were raised about equally often "
            f"({', '.join(count(n) for n in level['notes'].head(3))} of the {coded:,} notes that carry a {one})."
        )
    n_text = (
        f"notes carrying each {one}{scope}; share of the {coded:,} notes carrying any {one} (a note may carry several)"
    )
    caveats = view.caveats()
    if len(kinds) == 1 and kinds[0] in rec.dimensions and notes is view.notes and not rec[kinds[0]].complete:
        caveats = (f"{rec[kinds[0]].known:,} of {rec[kinds[0]].total:,} notes carry a {one}.", *caveats)
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
    title = "What participants said they need"
    if not view.recorded.shows("need"):
        return withheld("needs", title, view.recorded["need"].absent(), view)
    scoped = in_scope(view.notes)
    if scoped.empty:
        return withheld(
            "needs", title, "No note answers Q2 or Q3 in this selection (or the export records no question).", view
        )
    found = frequency(view, ("need",), notes=scoped, where="in Q2 and Q3", id="needs")
    return Finding("needs", title, found.sentence, found.table, found.n_text, found.caveats, found.test, found.withheld)


# --- the direction --------------------------------------------------------------------------------------------------


def direction(view: View, threshold: float | None = None) -> Finding:
    """Share of the notes coded for the direction that address each commitment; blind spots under ``threshold``,
    called only with at least min_group_notes coded notes in view."""
    title = "Coverage of the direction"
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
        text = f"None of the {coded:,} notes coded for the direction names a commitment of the codebook"
        text += f"; {_pillar_clause(pillars, coded)}." if len(pillars) else "."
    else:
        top = ranked.iloc[0]
        lead = (
            f"Most addressed: {top['commitment']} “{top['label']}”, by {pct(top['note_share'])} of the {coded:,} notes"
        )
        if len(ranked) > 1:
            second = ranked.iloc[1]
            both = _carrying(view.notes, [top["commitment"], second["commitment"]], "direction")
            test = stats.paired_test(
                int(top["notes"] - both), int(second["notes"] - both), coded, alpha=config.alpha, min_n=config.min_n
            )
            if not test.passes:
                level = ranked[ranked["notes"] >= second["notes"]].head(3)
                lead = (
                    f"No single commitment was addressed most: {listing(list(level['commitment']))} were addressed "
                    f"about equally often ({', '.join(count(n) for n in level['notes'])} of the {coded:,} notes"
                )
        text = lead + " coded for the direction)" if lead.startswith("No single") else lead + " coded for the direction"
        if coded < config.min_group_notes:
            text += (
                f"; too few coded notes (at least {config.min_group_notes} are needed) to call any commitment a "
                "blind spot."
            )
        else:
            spots = gaps.blind_spots(covered, threshold)
            if len(spots):
                names = [f"{r.commitment} ({pct(r.note_share)})" for r in spots.itertuples()]
                text += (
                    f"; {len(spots)} of {len(known)} commitments fell below the {limit} blind-spot threshold: "
                    f"{listing(names)}."
                )
            else:
                text += f"; every commitment reached the {limit} blind-spot threshold."
        if len(pillars):
            text = text.rstrip(".") + f". {sentence(_pillar_clause(pillars, coded, of=True))}."
    caveats = (
        f"{rec['direction'].known:,} of {rec['direction'].total:,} notes carry a direction code.",
        *(
            [
                "A note coded with a pillar itself (such as knowledge_equity) addressed the pillar without naming a "
                "commitment: it counts in the denominator and for its pillar, never for a commitment."
            ]
            if len(pillars)
            else []
        ),
        *view.caveats(),
    )
    n_text = f"share of the {coded:,} notes coded for the direction (a note may address several)"
    return Finding("direction", title, text, covered, n_text, caveats, test)


def _pillar_clause(pillars: pd.DataFrame, coded: int, of: bool = False) -> str:
    """ "40 (12%) address Knowledge equity without naming one of its commitments" for the pillar rows of coverage
    (``of``: "40 of the 298 notes (12%) …", when the sentence has not named the denominator just before)."""
    parts = []
    for i, row in enumerate(pillars.itertuples()):
        n = int(row.notes)
        amount = f"{n:,} of the {coded:,} notes" if of and i == 0 else f"{n:,}"
        parts.append(f"{amount} ({pct(row.note_share)}) {'addresses' if n == 1 else 'address'} {row.pillar_label}")
    return listing(parts) + f" without naming one of {'its' if len(parts) == 1 else 'their'} commitments"


# --- themes by question, rounds, groups -----------------------------------------------------------------------------


def by_question(view: View) -> Finding:
    """Each strategy theme's share of each question's theme-coded notes, and per question its leader (named only when
    it leads beyond chance)."""
    title = "Themes by question"
    rec = view.recorded
    for name in ("theme", "question"):
        if not rec.shows(name):
            return withheld("by_question", title, rec[name].absent(), view)
    codes = view.codebook.ids("theme")
    table = themes.theme_by(view.notes, codes, "question")
    parts = []
    for group in dict.fromkeys(table["group"]):
        if str(group).endswith("not known"):
            continue
        notes = view.notes[_group_mask(view.notes, "question", group)]
        found = frequency(view, ("theme",), notes=notes, where=f"in {group}")
        asked = _question_words(view, group)
        if found.shown and found.claims:
            first = found.table.sort_values("notes", ascending=False).iloc[0]
            parts.append(f"{asked}: {first['label']} ({pct(first['share'])})")
        elif found.shown:
            parts.append(f"{asked}: no single leader")
    coded = int(table.drop_duplicates("group")["group_coded_notes"].sum()) if len(table) else 0
    led = [p for p in parts if not p.endswith("no single leader")]
    if led:
        text = "Most raised strategy theme per question, where one led beyond chance: " + "; ".join(parts) + "."
    elif parts:
        text = "No question had a single leading strategy theme beyond chance."
    else:
        text = "No question has notes with a strategy theme in this selection."
    n_text = f"share of each question's notes carrying a strategy theme ({coded:,} notes)"
    return Finding("by_question", title, text, table, n_text, view.caveats())


def _question_words(view: View, value: str) -> str:
    """A question in a sentence: 'Q2 “How would this direction change your work in the context of diversity?”'
    (the codebook's wording); a question the codebook does not name, as recorded."""
    text = view.codebook.question_text(value) if hasattr(view.codebook, "question_text") else None
    return f"{value} “{text}”" if text else str(value)


def _group_mask(notes: pd.DataFrame, by: str, label: str) -> np.ndarray:
    groups, order = themes.group_of(notes, by)
    return groups == order.index(label) if label in order else np.zeros(len(notes), dtype=bool)


def movement(view: View, codes: list[str]) -> Finding:
    """The code whose share changed most between the first and the last round; stated only when Fisher's exact test
    (Bonferroni over the codes) puts the change beyond chance and both rounds hold min_group_notes coded notes."""
    title = "What moved from round to round"
    if not view.recorded.shows("round"):
        return withheld("movement", title, view.recorded["round"].absent(), view)
    table = themes.theme_by(view.notes, codes, "round")
    groups = [
        g
        for g in dict.fromkeys(table["group"])
        if "not known" not in str(g) and table.loc[table["group"] == g, "group_coded_notes"].iloc[0]
    ]
    if len(groups) < 2:
        return Finding(
            "movement",
            title,
            "Only one round has coded notes in this selection: nothing to compare.",
            table,
            "",
            view.caveats(),
        )
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
        text = (
            f"{label} {verb} from {pct(a['share'])} ({int(a['notes'])} of {int(a['group_coded_notes'])} coded "
            f"notes) in {first} to {pct(b['share'])} ({int(b['notes'])} of {int(b['group_coded_notes'])}) in "
            f"{last}, a change beyond chance."
        )
    elif not best_test.enough:
        text = (
            f"Too few coded notes in {first} or {last} (at least {config.min_group_notes} each are needed) to say "
            "that any share changed."
        )
    else:
        text = (
            f"No share changed between {first} and {last} beyond chance (the largest change: {label}, "
            f"{points(b['share'] - a['share'])})."
        )
    n_text = "notes per cell; share of that round's notes carrying any of these codes"
    return Finding("movement", title, text, table, n_text, view.caveats(), best_test)


def leading_group(view: View, table: pd.DataFrame, noun: str, label=str) -> Finding:
    """The highest share of a code in one group, stated as a difference only when Fisher's exact test (that group
    against all the others, Bonferroni over the cells) puts it beyond chance and the group holds min_group_notes."""
    title = f"Which codes each {noun} raised"
    config = view.config
    live = table[(table["group_coded_notes"] > 0) & ~table["group"].astype(str).str.endswith("not known")]
    if live.empty or live["notes"].sum() == 0:
        return Finding(
            "groups", title, "No coded note in this selection carries these codes.", table, "", view.caveats()
        )
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
        text = (
            f"No {noun} raised any of these codes more often than the others beyond chance (or the groups are "
            f"too small: at least {config.min_group_notes} coded notes each)."
        )
        return Finding("groups", title, text, table, "", view.caveats())
    row, test = best
    text = (
        f"{label(row.code)} stands out in the {noun} “{row.group}”: {pct(row.share)} of its coded notes "
        f"({row.notes} of {row.group_coded_notes}), more than elsewhere beyond chance."
    )
    return Finding("groups", title, text, table, "", view.caveats(), test)


def who_spoke(view: View, by: str = "region") -> Finding:
    """Which group's notes addressed which commitment; a commitment "raised by one group" is said only when that
    group's share is beyond chance against the others' (Fisher, Bonferroni) and the group holds min_group_notes."""
    title = "Who spoke to what"
    rec = view.recorded
    if not rec.shows("direction"):
        return withheld("who_spoke", title, rec["direction"].absent(), view)
    if by in rec.dimensions and not rec.shows(by):
        return withheld("who_spoke", title, rec[by].absent(), view)
    who = gaps.who_spoke(view.notes, view.codebook.commitments, by)
    if who.empty:
        return withheld("who_spoke", title, "No note coded for the direction in this selection.", view)
    table = who.rename(columns={by: "group", "commitment": "code", "group_notes": "group_coded_notes"})
    table["group"] = [group_label(by, g) for g in table["group"]]
    labels = dict(zip(who["commitment"], who["label"], strict=False))
    found = leading_group(
        view,
        table[table["code"].isin(view.codebook.ids("commitment"))],
        participation.GROUPINGS.get(by, by.replace("_", " ")),
        lambda c: f"{c} “{labels.get(c, c)}”",
    )
    n_text = f"share of each group's notes coded for the direction; {int(who.drop_duplicates(by)['group_notes'].sum()):,} notes"
    return Finding("who_spoke", title, found.sentence, who, n_text, view.caveats(), found.test)


# --- the Overview's findings ----------------------------------------------------------------------------------------


def headline_findings(view: View) -> list[Finding]:
    """The findings the Overview states, strongest first: those that can be shown, each stating a difference only
    where its test allows."""
    out = [room(view), voice(view), frequency(view, ("theme",)), direction(view), needs(view)]
    return [f for f in out if f.shown]
