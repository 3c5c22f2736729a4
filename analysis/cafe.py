"""The café as a café: how mixed each table was, how ideas travelled between tables, how evenly a table's voices
were heard, and whether the harvest narrowed or widened over the rounds. Definitions: docs/analysis/cafe.md.

Inputs are a view's frames: ``notes`` (session, round, table, participant_id, and a list column of codes),
``people`` (participant_id, session and the attributes) and, when the export records it, ``seating`` (session,
participant_id, round, table, role). A table of five is a small group: everything here is an index or a count over a
table or a round, never an attribute of a person at one table, and never an id.

Without seating, what needs it is ``None`` and the caller says so; what notes alone can show (ideas carried by their
own author, balance among the authors of a table, convergence) is still computed, with "authors" as its word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .codes import code_pairs
from .findings import Finding, withheld
from .messages import msg, number

#: Who sat at a table: a seated member (seating recorded) or, without seating, the authors of its notes.
KEYS = ["session", "round", "table"]
#: A table's voices are "dominated" when one member wrote at least this share of its notes, with at least
#: MIN_MEMBERS members and MIN_NOTES notes (fewer notes say nothing about balance).
DOMINANT_SHARE, MIN_MEMBERS, MIN_NOTES = 0.5, 3, 4
#: How an idea (a code at a table in a round) arrived, in the order a reader meets them: new, carried by its own
#: author, heard by its author at their previous table, stayed at its table, raised before elsewhere.
ROUTES = ("new", "carried", "heard", "stayed", "elsewhere")


def whole_tables() -> str:
    """Why the café's views withhold themselves under a filter on people or notes (in the language in force)."""
    return msg("harvest-cafe-whole-tables")


def arrivals_described() -> dict[str, str]:
    """How an idea arrived, route by route, as a legend or a hover text explains it (in the language in force)."""
    return {key: msg(f"harvest-cafe-arrival-{key}") for key in ROUTES}


def arrived(key: str, n: int) -> str:
    """How a sentence names ``n`` ideas that arrived by the route ``key`` ("12 new", "3 heard by a traveller…")."""
    return msg(f"harvest-cafe-arrived-{key}", n)


def __getattr__(name: str):
    """The sentences once held as constants, made in the language in force when they are read: WHOLE_TABLES (why a
    filter withholds the café's views) and ARRIVALS (each route described)."""
    if name == "WHOLE_TABLES":
        return whole_tables()
    if name == "ARRIVALS":
        return arrivals_described()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _text(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The key columns as plain strings (categories and Int32 compare and merge alike then); rounds as integers."""
    out = frame.copy()
    for column in columns:
        if column == "round":
            out[column] = pd.to_numeric(out[column], errors="coerce").astype("Int64")
        else:
            out[column] = out[column].astype("string")
    return out


def seats(notes: pd.DataFrame, seating: pd.DataFrame | None) -> tuple[pd.DataFrame, str]:
    """Who sat where in each round: the seating when recorded (word "participants"), else the authors of each table's
    notes (word "authors": a person who wrote nothing at a table is not seen there)."""
    if seating is not None and len(seating):
        cols = ["session", "participant_id", "round", "table"]
        found = _text(seating[cols + (["role"] if "role" in seating else [])], cols)
        return found.dropna(subset=cols).drop_duplicates(cols), "participants"
    cols = ["session", "participant_id", "round", "table"]
    found = _text(notes[cols], cols).dropna(subset=cols).drop_duplicates(cols)
    return found, "authors"


# --- mixing ---------------------------------------------------------------------------------------------------------


def blau(counts: np.ndarray) -> float:
    """Blau's index (Gini–Simpson): the chance that two people drawn with replacement differ; 0 for one value."""
    n = counts.sum()
    return float(1 - ((counts / n) ** 2).sum()) if n else float("nan")


def most_mixed(size: int, available: np.ndarray) -> float:
    """The highest Blau index a table of ``size`` could reach with the room's people (``available`` per value): each
    seat goes to a value with the fewest seats so far among those with people left (the most even split the room
    allows, which is the most mixed)."""
    left = np.asarray(available, dtype=int).copy()
    size = min(size, int(left.sum()))
    if size <= 0:
        return float("nan")
    taken = np.zeros(len(left), dtype=int)
    for _ in range(size):
        open_ = np.flatnonzero(left > 0)
        pick = open_[np.argmin(taken[open_])]
        taken[pick] += 1
        left[pick] -= 1
    return blau(taken)


def mixing(seated: pd.DataFrame, people: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per table and round: members with ``by`` known, Blau's index over ``by``, the most the room allowed a table of
    that size, and their ratio (1: as mixed as the room could make it). People whose ``by`` is not recorded are left
    out of both; a round whose known room has one value has no ratio (nothing could have been mixed)."""
    attrs = _text(people[["session", "participant_id", by]], ["session", "participant_id"])
    attrs = attrs.dropna(subset=[by]).drop_duplicates(["session", "participant_id"])
    known = seated.merge(attrs, on=["session", "participant_id"], how="inner")
    rows = []
    for (session, rnd), room in known.groupby(["session", "round"], sort=True, observed=True):
        available = room[by].astype(str).value_counts().to_numpy()
        for table, members in room.groupby("table", sort=True, observed=True):
            counts = members[by].astype(str).value_counts().to_numpy()
            size = int(counts.sum())
            index, best = blau(counts), most_mixed(size, available)
            rows.append((session, int(rnd), table, size, index, best, index / best if best > 0 else np.nan))
    return pd.DataFrame(rows, columns=KEYS + ["known", "index", "most_mixed", "ratio"])


def mixing_by_round(table: pd.DataFrame) -> pd.DataFrame:
    """The distribution of the tables' ratios per round: tables, median, lowest and highest."""
    grouped = table.dropna(subset=["ratio"]).groupby(["session", "round"], observed=True)["ratio"]
    return grouped.agg(tables="count", median="median", lowest="min", highest="max").reset_index()


def first_meetings(seated: pd.DataFrame, people: pd.DataFrame, by: str = "region") -> pd.DataFrame:
    """Per round: pairs from different ``by`` sitting together for the first time, and how many people had by then sat
    with someone of another ``by`` (people whose ``by`` is not recorded are left out)."""
    attrs = _text(people[["session", "participant_id", by]], ["session", "participant_id"])
    attrs = attrs.dropna(subset=[by]).drop_duplicates(["session", "participant_id"])
    known = seated.merge(attrs, on=["session", "participant_id"], how="inner")
    rows = []
    for session, room in known.groupby("session", sort=True, observed=True):
        met: set[tuple[str, str]] = set()
        crossed: set[str] = set()
        for rnd, this in room.groupby("round", sort=True):
            new_pairs = 0
            for _, members in this.groupby("table", observed=True):
                ids, values = members["participant_id"].tolist(), members[by].astype(str).tolist()
                for i in range(len(ids)):
                    for j in range(i + 1, len(ids)):
                        if values[i] != values[j]:
                            crossed.update((ids[i], ids[j]))
                            pair = (min(ids[i], ids[j]), max(ids[i], ids[j]))
                            if pair not in met:
                                met.add(pair)
                                new_pairs += 1
            people_known = room["participant_id"].nunique()
            rows.append((session, int(rnd), new_pairs, len(crossed), people_known))
    return pd.DataFrame(rows, columns=["session", "round", "new_pairs", "people_crossed", "people"])


# --- ideas travelling -----------------------------------------------------------------------------------------------


def _raised(notes: pd.DataFrame, column: str, codes: list[str] | None) -> pd.DataFrame:
    """One row per (session, round, table, author, code) raised on a note: (note, code) pairs as numbers
    (analysis.codes.code_pairs), the note's keys gathered by position, never one Python object per code."""
    keys = _text(notes[["session", "round", "table", "participant_id"]], ["session", "table", "round"])
    if column == "phrases" or column not in notes or not len(notes):
        base = keys.assign(code=notes[column] if column in notes else None).explode("code").dropna(subset=["code"])
    else:
        rows, numbers, dictionary = code_pairs(notes, column)
        base = keys.iloc[rows].assign(code=np.asarray(dictionary, dtype=object)[numbers] if len(rows) else [])
    base = base.dropna(subset=["session", "round", "table", "code"])
    base["code"] = base["code"].astype(str)
    base["participant_id"] = base["participant_id"].astype("string")
    if codes is not None:
        base = base[base["code"].isin(codes)]
    return base.drop_duplicates().reset_index(drop=True)


def arrivals(
    notes: pd.DataFrame, seated: pd.DataFrame | None, column: str = "themes", codes: list[str] | None = None
) -> pd.DataFrame:
    """Each idea's arrival: one row per (session, code, round, table) where the code was raised, with how it arrived
    (ROUTES): new, carried by an author who raised it at their previous table, heard by an author who sat the round
    before at a table where it was raised (needs seating), stayed at a table that raised it the round before, or
    raised before elsewhere with no traveller linking. Joins, not loops: a few milliseconds for a café."""
    raised = _raised(notes, column, codes)
    columns = ["session", "code", "round", "table", "arrival", "from_table"]
    if raised.empty:
        return pd.DataFrame(columns=columns)
    spots = raised[["session", "code", "round", "table"]].drop_duplicates().reset_index(drop=True)
    first = spots.groupby(["session", "code"])["round"].transform("min")
    earlier = spots.assign(round=spots["round"] + 1).rename(columns={"table": "from_table"})  # where it was, r - 1

    def linked(pairs: pd.DataFrame) -> pd.Series:
        """The first other table each spot is linked to the round before (by ``pairs``: spot key + from_table)."""
        pairs = pairs[pairs["from_table"] != pairs["table"]].sort_values("from_table")
        found = pairs.drop_duplicates(["session", "code", "round", "table"])
        return spots.merge(found, on=["session", "code", "round", "table"], how="left")["from_table"]

    authors = raised[["session", "code", "round", "table", "participant_id"]]
    own = raised.assign(round=raised["round"] + 1).rename(columns={"table": "from_table"})
    carried = linked(authors.merge(own, on=["session", "code", "round", "participant_id"]))
    heard = pd.Series(pd.NA, index=spots.index, dtype="object")
    if seated is not None:
        sat = _text(seated[["session", "participant_id", "round", "table"]], ["session", "participant_id", "table"])
        sat = sat.assign(round=sat["round"] + 1).rename(columns={"table": "from_table"})
        where = authors.merge(sat, on=["session", "round", "participant_id"])
        heard = linked(where.merge(earlier, on=["session", "code", "round", "from_table"]))
    stayed = (
        spots.merge(
            earlier.rename(columns={"from_table": "table"}).assign(stayed=True), on=list(spots.columns), how="left"
        )["stayed"]
        .fillna(False)
        .astype(bool)
    )
    arrival = np.select(
        [spots["round"] == first, carried.notna(), heard.notna(), stayed],
        ["new", "carried", "heard", "stayed"],
        "elsewhere",
    )
    source = np.where(arrival == "carried", carried, np.where(arrival == "heard", heard, None))
    source = np.where(arrival == "stayed", spots["table"], source)
    out = spots.assign(arrival=arrival, from_table=source)
    out["round"] = out["round"].astype(int)
    return out.sort_values(["session", "code", "round", "table"]).reset_index(drop=True)[columns]


def arrivals_by_round(found: pd.DataFrame) -> pd.DataFrame:
    """Per round: how many of its (code, table) ideas arrived each way, and their shares of the round's ideas."""
    if found.empty:
        return pd.DataFrame(columns=["session", "round", "arrival", "ideas", "share"])
    counts = found.groupby(["session", "round", "arrival"]).size().rename("ideas").reset_index()
    counts["share"] = counts["ideas"] / counts.groupby(["session", "round"])["ideas"].transform("sum")
    return counts


def travelled(found: pd.DataFrame) -> pd.DataFrame:
    """Per code: the tables and rounds that raised it after its first round, how many of those a traveller brought
    (carried or heard), and that share; the ideas that travelled most by travellers first (share, then count)."""
    later = found[found["round"] > found.groupby(["session", "code"])["round"].transform("min")]
    out = (
        later.assign(by_traveller=later["arrival"].isin(["carried", "heard"]))
        .groupby("code")
        .agg(later=("arrival", "size"), by_traveller=("by_traveller", "sum"))
        .reset_index()
    )
    out["share"] = out["by_traveller"] / out["later"]
    out = out[out["by_traveller"] > 0]
    return out.sort_values(["share", "by_traveller", "code"], ascending=[False, False, True]).reset_index(drop=True)


#: Phrases are looked for in a café's notes, not in a million: beyond this many notes the page follows codes only.
PHRASE_LIMIT = 20_000
#: A phrase is an idea to follow when it is written on at least this many notes.
MIN_PHRASE_NOTES = 4
_WORD = re.compile(r"\w+", re.UNICODE)


def phrases(notes: pd.DataFrame, min_notes: int = MIN_PHRASE_NOTES) -> pd.Series | None:
    """Each note's two-word phrases without a stop word ("language buddy"), as a list column aligned with ``notes``,
    keeping the phrases written on at least ``min_notes`` notes: ideas in the participants' own words, which a code
    may not single out. None above PHRASE_LIMIT notes."""
    if len(notes) > PHRASE_LIMIT or "text" not in notes:
        return None
    from .autocode.words import load_stopwords

    stop = frozenset().union(*load_stopwords().values())
    found = []
    for text in notes["text"].fillna("").astype(str):
        words = [w for w in _WORD.findall(text.casefold()) if not w.isdigit()]
        found.append(
            sorted(
                {
                    f"{a} {b}"
                    for a, b in zip(words, words[1:], strict=False)
                    if a not in stop and b not in stop and len(a) > 2
                }
            )
        )
    counts = pd.Series([p for each in found for p in each]).value_counts()
    kept = set(counts[counts >= min_notes].index)
    return pd.Series([[p for p in each if p in kept] for each in found], index=notes.index, dtype=object)


def travelling_phrases(notes: pd.DataFrame, seated: pd.DataFrame | None, top: int = 5) -> pd.DataFrame:
    """The phrases travellers brought most (as ``travelled``), raised at three or more later tables: what the café
    passed from table to table in its own words. Empty above PHRASE_LIMIT notes or without any."""
    none = pd.DataFrame(columns=["code", "later", "by_traveller", "share", "also"])
    said = phrases(notes)
    if said is None or not any(len(p) for p in said):
        return none
    found = arrivals(notes.assign(phrases=said), seated, column="phrases")
    ranked = travelled(found)
    ranked = ranked[ranked["later"] >= 3]
    if ranked.empty:
        return none
    # phrases of one sentence travel together ("language buddy", "everyone starting"): one idea, named by all
    paths = found.groupby("code").apply(lambda spots: tuple(zip(spots["round"], spots["table"], strict=True)))
    ranked = ranked.assign(path=ranked["code"].map(paths))
    ranked["also"] = ranked.groupby("path")["code"].transform(lambda codes: ", ".join(sorted(codes)))
    ranked = ranked.drop_duplicates("path").drop(columns="path")
    return ranked.head(top).reset_index(drop=True)


def phrase_arrivals(notes: pd.DataFrame, seated: pd.DataFrame | None, phrase: str) -> pd.DataFrame:
    """How one phrase arrived at each table and round that wrote it (any note containing it, in any case)."""
    has = notes["text"].fillna("").astype(str).str.casefold().str.contains(phrase.casefold(), regex=False)
    marked = notes.assign(phrases=[[phrase] if hit else [] for hit in has])
    return arrivals(marked, seated, column="phrases")


def path(found: pd.DataFrame, code: str) -> pd.DataFrame:
    """Where one idea went: its (round, table) spots in order, each with how it arrived and the table it came from."""
    return found[found["code"] == code].sort_values(["session", "round", "table"]).reset_index(drop=True)


# --- balance of voices ----------------------------------------------------------------------------------------------


def gini(values: np.ndarray) -> float:
    """The Gini coefficient of non-negative counts: 0 when everyone wrote as much, towards 1 when one wrote all."""
    x = np.sort(np.asarray(values, dtype=float))
    n, total = len(x), x.sum()
    if n == 0 or total == 0:
        return float("nan")
    return float((2 * np.arange(1, n + 1) - n - 1) @ x / (n * total))


def balance(notes: pd.DataFrame, seated: pd.DataFrame) -> pd.DataFrame:
    """Per table and round: members, notes, the most prolific member's share and the Gini coefficient of notes per
    member (a seated member who wrote nothing counts as 0), and whether one voice dominated (DOMINANT_SHARE)."""
    written = _text(notes[["session", "round", "table", "participant_id"]], ["session", "participant_id", "table"])
    written = written.dropna(subset=KEYS)
    per = written.groupby(KEYS + ["participant_id"], observed=True).size().rename("notes").reset_index()
    members = seated[KEYS + ["participant_id"]].merge(per, on=KEYS + ["participant_id"], how="left")
    members["notes"] = members["notes"].fillna(0).astype(int)
    # per table at once (a million notes make thousands of tables): the Gini coefficient from each table's counts
    # in rising order, G = sum((2i - n - 1) x_i) / (n * sum(x)), i the rank from 1
    members = members.sort_values(KEYS + ["notes"], kind="stable")
    grouped = members.groupby(KEYS, sort=True, observed=True)["notes"]
    rank = grouped.cumcount() + 1
    size = grouped.transform("size")
    members = members.assign(weighted=(2 * rank - size - 1) * members["notes"])
    out = members.groupby(KEYS, sort=True, observed=True).agg(
        members=("notes", "size"), notes=("notes", "sum"), top=("notes", "max"), weighted=("weighted", "sum")
    )
    total = out["notes"].where(out["notes"] > 0)
    out["top_share"] = out["top"] / total
    out["gini"] = out["weighted"] / (out["members"] * total)
    out["dominated"] = (
        (out["notes"] >= MIN_NOTES) & (out["members"] >= MIN_MEMBERS) & (out["top_share"] >= DOMINANT_SHARE)
    )
    out = out.drop(columns=["top", "weighted"]).reset_index()
    out["round"] = out["round"].astype(int)
    return out[KEYS + ["members", "notes", "top_share", "gini", "dominated"]]


# --- convergence ----------------------------------------------------------------------------------------------------


def convergence(notes: pd.DataFrame, column: str = "themes", codes: list[str] | None = None) -> pd.DataFrame:
    """Per round: distinct codes raised, how many are new to the session, and the overlap (Jaccard) with the round
    before: a harvest narrows when fewer codes are raised and rounds overlap more."""
    raised = _raised(notes, column, codes)
    spots = raised[["session", "round", "code"]].drop_duplicates()
    columns = ["session", "round", "codes", "new_codes", "overlap_with_previous"]
    if spots.empty:
        return pd.DataFrame(columns=columns)
    rounds = spots.groupby(["session", "round"]).size().rename("codes").reset_index()
    first = spots.groupby(["session", "code"])["round"].transform("min")
    fresh = spots[spots["round"] == first].groupby(["session", "round"]).size().rename("new_codes")
    rounds = rounds.merge(fresh.reset_index(), on=["session", "round"], how="left").fillna({"new_codes": 0})
    rounds["previous"] = rounds.groupby("session")["round"].shift(1)  # the session's round before, with codes
    earlier = spots.rename(columns={"round": "previous"})
    shared = spots.merge(rounds[["session", "round", "previous"]], on=["session", "round"]).merge(
        earlier, on=["session", "previous", "code"]
    )
    both = shared.groupby(["session", "round"]).size().rename("both")
    rounds = rounds.merge(both.reset_index(), on=["session", "round"], how="left").fillna({"both": 0})
    before = rounds.groupby("session")["codes"].shift(1)
    either = rounds["codes"] + before - rounds["both"]
    rounds["overlap_with_previous"] = (rounds["both"] / either).where(rounds["previous"].notna())
    rounds = rounds.astype({"round": int, "codes": int, "new_codes": int})
    overlap = rounds["overlap_with_previous"].astype(object).where(rounds["previous"].notna(), None)
    return rounds.assign(overlap_with_previous=overlap)[columns].reset_index(drop=True)


@dataclass(frozen=True)
class Cafe:
    """Everything the Café page shows for one view, with the word for who sat at a table."""

    word: str
    seating_recorded: bool
    seated: pd.DataFrame
    mixing: dict[str, pd.DataFrame]
    meetings: pd.DataFrame | None
    arrivals: pd.DataFrame
    balance: pd.DataFrame
    convergence: pd.DataFrame


def cafe(notes: pd.DataFrame, people: pd.DataFrame, seating: pd.DataFrame | None, codes: list[str]) -> Cafe:
    """The café's four views of one selection of notes (``codes``: the theme codes counted)."""
    seated, word = seats(notes, seating)
    recorded = word == "participants"
    mixed = {by: mixing(seated, people, by) for by in ("region", "community_type") if by in people} if recorded else {}
    return Cafe(
        word=word,
        seating_recorded=recorded,
        seated=seated,
        mixing=mixed,
        meetings=first_meetings(seated, people) if recorded and "region" in people else None,
        arrivals=arrivals(notes, seated if recorded else None, codes=codes),
        balance=balance(notes, seated),
        convergence=convergence(notes, codes=codes),
    )


# --- sentences ------------------------------------------------------------------------------------------------------


def _decimal(value: float, digits: int) -> str:
    """A ratio rounded as f"{value:.2f}" rounds it, written the language's way ("0.85", "0,85")."""
    return number(float(f"{value:.{digits}f}"), digits)


def mixing_sentence(by_round: pd.DataFrame, words: str) -> str:
    """The median table's mixing in the first and last round: values, not a trend (no test is made of a change).
    ``words`` names the attribute as the sentence reads it ("region", "community type", in the language in force)."""
    if by_round.empty:
        return msg("harvest-cafe-mixing-none", words)
    first, last = by_round.iloc[0], by_round.iloc[-1]
    said = (int(first["round"]), _decimal(first["median"], 2), int(first["tables"]))
    if len(by_round) > 1:
        return msg(
            "harvest-cafe-mixing-rounds",
            words,
            *said,
            int(last["round"]),
            _decimal(last["median"], 2),
            int(last["tables"]),
        )
    return msg("harvest-cafe-mixing-one-round", words, *said)


def meetings_sentence(met: pd.DataFrame) -> str:
    if met.empty:
        return msg("harvest-cafe-meetings-none")
    last = met.iloc[-1]
    return msg(
        "harvest-cafe-meetings",
        int(last["round"]),
        int(last["people_crossed"]),
        int(last["people"]),
        int(met["new_pairs"].sum()),
    )


def arrivals_sentence(found: pd.DataFrame) -> str:
    """How the ideas raised after the first round arrived: counts of routes (the caveats say what they are not)."""
    if found.empty:
        return msg("harvest-cafe-arrivals-no-code")
    first = found.groupby("session")["round"].transform("min")
    later = found[found["round"] > first]
    if later.empty:
        return msg("harvest-cafe-arrivals-one-round")
    counts = later["arrival"].value_counts()
    parts = [arrived(key, int(counts.get(key, 0))) for key in ROUTES if counts.get(key, 0)]
    return msg("harvest-cafe-arrivals", len(later), msg("harvest-cafe-comma").join(parts))


def arrivals_caveats(word: str) -> tuple[str, ...]:
    """What the counts of routes are not."""
    said = (msg("harvest-cafe-caveat-routes"),)
    if word != "participants":
        said += (msg("harvest-cafe-caveat-no-seating"),)
    return said


def travel(view) -> Finding:
    """The finding every surface states about ideas travelling (page, slide, deck, CSV): whole tables only, so a
    filter on people withholds it; a session filter is the only one that applies."""
    title = msg("harvest-cafe-travel-title")
    narrowed = sorted(set(view.filters.active()) - {"session"})
    if narrowed:
        return withheld("cafe", title, whole_tables(), view)
    seated, word = seats(view.notes, view.seating)
    found = arrivals(view.notes, seated if word == "participants" else None, codes=list(view.codebook.codes["id"]))
    if found.empty:
        return withheld("cafe", title, arrivals_sentence(found), view)
    return Finding(
        "cafe",
        title,
        arrivals_sentence(found),
        arrivals_by_round(found),
        n_text=msg("harvest-cafe-travel-n", len(found)),
        caveats=view.caveats() + arrivals_caveats(word),
    )


def balance_sentence(table: pd.DataFrame, word: str) -> str:
    """How many tables one voice dominated; ``word`` is who sat at a table ("participants" when seating is recorded,
    else "authors"), and the sentence names them so."""
    judged = table[(table["notes"] >= MIN_NOTES) & (table["members"] >= MIN_MEMBERS)]
    who = "participants" if word == "participants" else "authors"
    if judged.empty:
        return msg(f"harvest-cafe-balance-none-{who}", MIN_MEMBERS, MIN_NOTES)
    dominated = int(judged["dominated"].sum())
    return msg(f"harvest-cafe-balance-{who}", dominated, len(judged), MIN_MEMBERS, MIN_NOTES)


def convergence_sentence(rounds: pd.DataFrame) -> str:
    if rounds.empty:
        return msg("harvest-cafe-convergence-none")
    first, last = rounds.iloc[0], rounds.iloc[-1]
    if len(rounds) == 1:
        return msg("harvest-cafe-convergence-one-round", int(first["round"]), int(first["codes"]))
    later_new = int(rounds["new_codes"].iloc[1:].sum())
    return msg(
        "harvest-cafe-convergence",
        int(first["round"]),
        int(first["codes"]),
        int(last["round"]),
        int(last["codes"]),
        later_new,
    )


def path_sentence(spots: pd.DataFrame, label: str) -> str:
    """One idea's path in words (``label`` as it should read, quoted): where it began and how many tables it reached
    by travellers."""
    if spots.empty:
        return msg("harvest-cafe-path-none", label)
    first = spots.iloc[0]
    moved = spots[spots["arrival"].isin(["carried", "heard"])]
    return msg("harvest-cafe-path", label, str(first["table"]), int(first["round"]), len(spots) - 1, len(moved))
