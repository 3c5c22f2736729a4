"""The synthetic sample's seating (data/generate_sample.py): a café's seating, every note at its author's seat, and
the planted idea (a "language buddy") travelling between tables along the path the generator documents."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from loaders import load_export

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SAMPLE = DATA / "sample-wikicafe-2017-synthetic"
GENERATOR = DATA / "generate_sample.py"


def _generator():
    spec = importlib.util.spec_from_file_location("generate_sample", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generator = _generator()


@pytest.fixture(scope="module")
def sample():
    return load_export(SAMPLE)


@pytest.fixture(scope="module")
def seats() -> list[dict]:
    return pq.read_table(SAMPLE / "seating.parquet").to_pylist()


def test_the_seating_file_is_synthetic_and_equals_a_fresh_run(tmp_path):
    out = tmp_path / "sample"
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(out)], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    committed, fresh = pq.read_table(SAMPLE / "seating.parquet"), pq.read_table(out / "seating.parquet")
    assert committed.equals(fresh, check_metadata=True), "seating.parquet is stale: run python data/generate_sample.py"
    metadata = pq.read_schema(SAMPLE / "seating.parquet").metadata
    assert metadata[b"harvest.synthetic"] == b"true"
    assert metadata[b"harvest.generator"] == b"data/generate_sample.py"
    assert "SYNTHETIC" in (SAMPLE / "README.md").read_text(encoding="utf-8")


def test_the_sample_loads_with_its_seating_and_no_problem(sample):
    assert sample.problems == []
    assert sample.seating_source == "file"
    assert len(sample.seating) == 81 * 5


def test_everyone_sits_at_one_table_each_round_in_tables_of_five(seats):
    per_round = Counter((s["round"], s["participant_id"]) for s in seats)
    assert set(per_round.values()) == {1}
    assert {r for r, _ in per_round} == {1, 2, 3, 4, 5}
    for rnd in range(1, 6):
        sizes = Counter(s["table"] for s in seats if s["round"] == rnd)
        assert len(sizes) == 16 and sorted(sizes.values()) == [5] * 15 + [6]
        hosts = Counter(s["table"] for s in seats if s["round"] == rnd and s["role"] == "host")
        assert set(hosts.values()) == {1} and len(hosts) == 16, "one host per table"


def test_hosts_stay_and_travellers_move_every_round_never_back(seats):
    tables = defaultdict(list)
    roles = defaultdict(set)
    for s in sorted(seats, key=lambda s: s["round"]):
        tables[s["participant_id"]].append(s["table"])
        roles[s["participant_id"]].add(s["role"])
    assert all(len(r) == 1 for r in roles.values()), "a person's role is the same every round"
    hosts = [p for p, r in roles.items() if r == {"host"}]
    travellers = [p for p, r in roles.items() if r == {"traveller"}]
    assert len(hosts) == 16 and len(travellers) == 65
    for p in hosts:
        assert len(set(tables[p])) == 1
    for p in travellers:
        assert len(set(tables[p])) == 5, "a traveller never comes back to a table"


def test_no_two_travellers_sit_together_twice(seats):
    met = Counter()
    for rnd in range(1, 6):
        at = defaultdict(list)
        for s in seats:
            if s["round"] == rnd and s["role"] == "traveller":
                at[s["table"]].append(s["participant_id"])
        for members in at.values():
            met.update(combinations(sorted(members), 2))
    assert max(met.values()) == 1


def test_every_note_is_at_its_authors_seat(sample, seats):
    seat = {(s["round"], s["participant_id"]): s["table"] for s in seats}
    named = sample.contributions.dropna(subset=["participant_id"])
    assert len(named) == 371
    for note in named[["round", "participant_id", "table"]].itertuples(index=False):
        assert seat[(note.round, note.participant_id)] == note.table


def test_the_planted_idea_travels_along_the_documented_path(sample, seats):
    words = generator.PLANT_WORDS
    notes = sample.contributions
    planted = notes[notes["text"].str.casefold().str.contains(words)]
    path = sorted((int(r), str(t)) for r, t in zip(planted["round"], planted["table"], strict=True))
    assert path == sorted((r, t) for r, t, _, _ in generator.PLANT_PATH)
    assert path == [(1, "T02"), (2, "T03"), (2, "T10"), (3, "T03"), (4, "T06"), (4, "T07"), (5, "T01"), (5, "T16")]
    for themes, text in zip(planted["themes"], planted["text"], strict=True):
        assert generator.PLANT_CODE in list(themes)
        assert "translate" in text
    seat = {(s["round"], s["participant_id"]): s["table"] for s in seats}
    by_path = {(r, t): (who, heard) for r, t, who, heard in generator.PLANT_PATH}
    carriers = {}
    for note in planted.itertuples(index=False):
        who, heard = by_path[(note.round, note.table)]
        carriers.setdefault(who, note.participant_id)
        assert carriers[who] == note.participant_id, f"{who} is one traveller"
        if heard is None:
            continue
        # where the carrier sat the round before: a table where the idea was written that round
        assert seat[(note.round - 1, note.participant_id)] == heard
        assert (note.round - 1, heard) in by_path
    assert len(set(carriers.values())) == len(carriers) == 6
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    assert "language buddy" in readme
    for r, t, who, _ in generator.PLANT_PATH:
        assert f"- round {r}, table {t}: {who}" in readme
    documented = "1 T02 A; 2 T10 A (heard at T02), 2 T03 B (T02); 3 T03 C (T10); 4 T06 C (T03), 4 T07 D (T03); "
    assert documented + "5 T16 E (T06), 5 T01 F (T07)." in " ".join(generator.__doc__.split())


def test_the_planted_idea_is_findable_by_its_codebook_keyword():
    with open(DATA / "codebook.toml", "rb") as handle:
        codes = {c["id"]: c for c in tomllib.load(handle)["code"]}
    assert "translat*" in codes[generator.PLANT_CODE]["keywords"]["en"]
