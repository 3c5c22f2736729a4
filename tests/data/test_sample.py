"""The synthetic sample export, its generator (data/generate_sample.py), and the codebook with its questions."""

from __future__ import annotations

import csv
import datetime as dt
import re
import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SAMPLE = DATA / "sample-wikicafe-2017-synthetic"
GENERATOR = DATA / "generate_sample.py"
FILES = ("contributions.parquet", "participants.parquet", "README.md")
REGIONS = {"SSA", "MENA", "SA", "ESEAP", "CEE", "NWE", "LAC", "NA"}
CODEBOOK_LANGUAGES = ("en", "es", "fr", "de", "sv", "pt", "ar", "hi")
KINDS = {"theme", "need", "responsible"}
THEMES = {
    "healthy_inclusive_communities",
    "augmented_age",
    "truly_global_movement",
    "most_respected_source",
    "knowledge_ecosystem",
}
COMMITMENTS = {
    "KE1": "knowledge_equity",
    "KE2": "knowledge_equity",
    "KE3": "knowledge_equity",
    "KE4": "knowledge_equity",
    "KE5": "knowledge_equity",
    "KS1": "knowledge_as_a_service",
    "KS2": "knowledge_as_a_service",
    "KS3": "knowledge_as_a_service",
}
SYNTHETIC = {b"harvest.synthetic": b"true", b"harvest.generator": b"data/generate_sample.py"}


def run_generator(out: Path) -> None:
    # Run from another folder, so the script cannot lean on the working directory.
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(out)], cwd=out.parent, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    for name in FILES:
        assert (out / name).is_file(), f"{name} was not written"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("run1") / "sample"
    run_generator(out)
    return out


@pytest.fixture(scope="module")
def codebook() -> dict:
    with open(DATA / "codebook.toml", "rb") as handle:
        return tomllib.load(handle)


@pytest.fixture(scope="module")
def notes() -> list[dict]:
    return pq.read_table(SAMPLE / "contributions.parquet").to_pylist()


@pytest.fixture(scope="module")
def people() -> list[dict]:
    return pq.read_table(SAMPLE / "participants.parquet").to_pylist()


def share(rows: list, predicate) -> float:
    return sum(1 for r in rows if predicate(r)) / len(rows)


# ----------------------------------------------------------------------------------------------- reproducibility


def test_generator_is_byte_reproducible(fresh, tmp_path):
    second = tmp_path / "sample"
    run_generator(second)
    for name in FILES:
        assert (fresh / name).read_bytes() == (second / name).read_bytes(), f"{name} differs between two runs"


def test_committed_sample_equals_a_fresh_run(fresh):
    for name in ("contributions.parquet", "participants.parquet"):
        committed, regenerated = pq.read_table(SAMPLE / name), pq.read_table(fresh / name)
        assert committed.schema.equals(regenerated.schema, check_metadata=True), name
        assert committed.equals(regenerated, check_metadata=True), (
            f"{name} is stale: run `python data/generate_sample.py` and commit the result"
        )
    assert (SAMPLE / "README.md").read_text(encoding="utf-8") == (fresh / "README.md").read_text(encoding="utf-8")


def test_the_sample_is_marked_synthetic():
    for name in ("contributions.parquet", "participants.parquet"):
        metadata = pq.read_schema(SAMPLE / name).metadata or {}
        for key, value in SYNTHETIC.items():
            assert metadata.get(key) == value, f"{name}: schema metadata {key!r} should be {value!r}"
        assert pq.ParquetFile(SAMPLE / name).metadata.row_group(0).column(0).compression == "ZSTD"
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    assert "SYNTHETIC" in readme and "python data/generate_sample.py" in readme


# ----------------------------------------------------------------------------------------------- participants


def test_participants_are_81_from_43_countries_in_all_eight_regions(people):
    assert len(people) == 81
    ids = [p["participant_id"] for p in people]
    assert len(set(ids)) == 81
    assert all(re.fullmatch(r"p-[0-9a-f]{6}", i) for i in ids)
    numbers = sorted(int(i[2:], 16) for i in ids)
    assert any(b - a > 1 for a, b in zip(numbers, numbers[1:], strict=False)), "ids look sequential"
    assert {p["session"] for p in people} == {"wikicafe-2017"}
    regions = Counter(p["region"] for p in people)
    assert set(regions) == REGIONS
    assert min(regions.values()) >= 3
    assert regions.most_common(1)[0][0] == "NWE"
    assert 0.35 <= regions["NWE"] / 81 <= 0.45
    assert len({p["country"] for p in people}) == 43


def test_countries_agree_with_the_reference_table(people):
    with open(DATA / "reference" / "country_regions.csv", newline="", encoding="utf-8") as handle:
        region_of = {row["iso2"]: row["region_id"] for row in csv.DictReader(handle)}
    for p in people:
        assert p["country"] in region_of, p["country"]
        assert region_of[p["country"]] == p["region"], (p["country"], p["region"])


def test_participant_attributes_look_like_the_event(people):
    assert 0.55 <= share(people, lambda p: p["gender"] == "woman") <= 0.65
    assert {p["gender"] for p in people} <= {"woman", "man", "non-binary", "prefer not to say"}
    assert 35 <= sum(p["emerging_community"] for p in people) <= 43  # 39 of 81 at the real event
    assert {p["age_band"] for p in people} <= {"18-29", "30-44", "45-59", "60+"}
    assert {p["community_type"] for p in people} == {
        "online community",
        "affiliate",
        "Wikimedia Foundation",
        "partner",
        "other",
    }
    assert 35 <= len({p["community"] for p in people}) <= 55
    spoken = {lang for p in people for lang in p["languages"]}
    assert 26 <= len(spoken) <= 33, f"{len(spoken)} languages; the event had close to 30"
    assert all(isinstance(p["newcomer"], bool) for p in people)


# ----------------------------------------------------------------------------------------------- contributions


def test_notes_have_the_export_shape(notes, people):
    assert 350 <= len(notes) <= 450
    ids = [n["contribution_id"] for n in notes]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"n\d{4}", i) for i in ids)
    assert {n["session"] for n in notes} == {"wikicafe-2017"}
    assert {n["table"] for n in notes} == {f"T{t:02d}" for t in range(1, 17)}
    assert all(0 <= n["votes"] <= 8 for n in notes)
    assert all(50 <= len(n["text"]) <= 300 for n in notes)
    known = {p["participant_id"] for p in people}
    assert {n["participant_id"] for n in notes if n["participant_id"] is not None} <= known
    assert 0.05 <= share(notes, lambda n: n["participant_id"] is None) <= 0.15


def test_rounds_questions_and_times_follow_the_schedule(notes, codebook):
    questions = codebook["question"]
    question_of = {r: q["id"] for q in questions for r in q["rounds"]}
    assert sorted(question_of) == [1, 2, 3, 4, 5]
    start = dt.datetime(2017, 11, 4, 9, 0, tzinfo=dt.UTC)  # 10:00 in Stockholm
    for n in notes:
        assert n["question"] == question_of[n["round"]], n["contribution_id"]
        t = n["submitted_at"]
        assert t.tzinfo is not None and t.utcoffset() == dt.timedelta(0)
        assert start + dt.timedelta(minutes=25 * (n["round"] - 1)) <= t < start + dt.timedelta(minutes=25 * n["round"])
    assert [n["submitted_at"] for n in notes] == sorted(n["submitted_at"] for n in notes)


def test_people_sit_at_one_table_per_round_and_change_tables(notes):
    seats: dict[tuple[int, str], set[str]] = defaultdict(set)
    tables_of: dict[str, set[str]] = defaultdict(set)
    rounds_of: dict[str, set[int]] = defaultdict(set)
    authors_at: dict[tuple[int, str], set[str]] = defaultdict(set)
    for n in notes:
        pid = n["participant_id"]
        if pid is None:
            continue
        seats[(n["round"], pid)].add(n["table"])
        tables_of[pid].add(n["table"])
        rounds_of[pid].add(n["round"])
        authors_at[(n["round"], n["table"])].add(pid)
    assert all(len(tables) == 1 for tables in seats.values())
    assert max(len(a) for a in authors_at.values()) <= 6
    movers = [pid for pid in rounds_of if len(rounds_of[pid]) >= 2]
    assert share(movers, lambda pid: len(tables_of[pid]) >= 2) > 0.5


def test_languages_of_the_notes(notes):
    languages = Counter(n["language"] for n in notes)
    assert languages.most_common(1)[0][0] == "en"
    assert 0.5 <= languages["en"] / len(notes) <= 0.8
    bases = {lang.split("-")[0] for lang in languages}
    assert set(CODEBOOK_LANGUAGES) <= bases
    assert len(bases - set(CODEBOOK_LANGUAGES)) >= 3, "a few notes should be in languages without keywords"
    assert "pt-BR" in languages


# ----------------------------------------------------------------------------------------------- coding


def test_every_code_in_the_sample_is_in_the_codebook(notes, codebook):
    code_ids = {c["id"] for c in codebook["code"]}
    commitment_ids = {c["id"] for c in codebook["commitment"]}
    themes = {t for n in notes for t in (n["themes"] or [])}
    direction = {d for n in notes for d in (n["direction"] or [])}
    assert themes and themes <= code_ids, sorted(themes - code_ids)
    assert direction and direction <= commitment_ids, sorted(direction - commitment_ids)
    kinds = {c["id"]: c["kind"] for c in codebook["code"]}
    assert {kinds[t] for t in themes} == KINDS
    assert THEMES <= themes


def test_coding_shares(notes):
    assert 0.7 <= share(notes, lambda n: bool(n["themes"])) <= 0.9
    assert 0.6 <= share(notes, lambda n: bool(n["direction"])) <= 0.8
    uncoded = [n["themes"] for n in notes if not n["themes"]]
    assert None in uncoded and [] in uncoded, "uncoded notes should have both null and empty themes"
    assert all(1 <= len(n["themes"]) <= 3 for n in notes if n["themes"])


def test_later_questions_carry_more_needs_and_responsibility(notes, codebook):
    kinds = {c["id"]: c["kind"] for c in codebook["code"]}

    def non_theme_share(question_ids):
        codes = [t for n in notes if n["question"] in question_ids for t in (n["themes"] or [])]
        return share(codes, lambda c: kinds[c] != "theme")

    assert non_theme_share({"Q2", "Q3"}) > non_theme_share({"Q1"}) + 0.15


def test_blind_spots_and_regional_barriers(notes, people):
    mentions = Counter(d for n in notes for d in (n["direction"] or []))
    for rare in ("KS2", "KS3"):
        assert 1 <= mentions[rare] <= 0.02 * len(notes), (rare, mentions[rare])
    for common in ("KE1", "KE2", "KE3", "KE4"):
        assert mentions[common] >= 0.1 * len(notes), (common, mentions[common])
    region_of = {p["participant_id"]: p["region"] for p in people}
    ke5 = Counter(
        region_of[n["participant_id"]]
        for n in notes
        if "KE5" in (n["direction"] or []) and n["participant_id"] is not None
    )
    assert sum(ke5.values()) >= 10
    assert (ke5["SSA"] + ke5["SA"]) / sum(ke5.values()) >= 0.6, ke5


def _keyword_patterns(codebook: dict) -> dict[str, dict[str, list[re.Pattern]]]:
    word = r"[\w\u0300-\u036f\u0900-\u0903\u093a-\u094f\u0962\u0963\u064b-\u065f\u0670]"  # incl. combining marks
    out: dict[str, dict[str, list[re.Pattern]]] = {}
    for section in ("code", "commitment"):
        for entry in codebook[section]:
            out[entry["id"]] = {
                lang: [
                    re.compile(
                        rf"(?<!{word}){re.escape(k[:-1])}{word}*"
                        if k.endswith("*")
                        else rf"(?<!{word}){re.escape(k)}(?!{word})"
                    )
                    for k in keywords
                ]
                for lang, keywords in entry["keywords"].items()
            }
    return out


def test_note_texts_express_their_codes_but_not_always_in_keywords(notes, codebook):
    """The sample is the test bed of the keyword auto-coder: keywords should find most codes, not all."""
    patterns = _keyword_patterns(codebook)
    hits = misses = false = 0
    for n in notes:
        lang = n["language"].split("-")[0]
        if not n["themes"] or lang not in CODEBOOK_LANGUAGES:
            continue
        text = n["text"].lower()
        found = {cid for cid, by_lang in patterns.items() if any(p.search(text) for p in by_lang[lang])}
        truth = set(n["themes"]) | set(n["direction"] or [])
        hits += len(found & truth)
        misses += len(truth - found)
        false += len(found - truth)
    recall, precision = hits / (hits + misses), hits / (hits + false)
    assert 0.6 <= recall <= 0.95, recall
    assert precision >= 0.75, precision


# ----------------------------------------------------------------------------------------------- codebook, questions


def test_codebook_structure(codebook):
    assert re.fullmatch(r"\d{4}\.\d{2}-\d+", codebook["version"]), codebook["version"]  # year.month-edition
    assert codebook["title"] and "Cycle 2" in codebook["source"] and "2017/Direction" in codebook["source"]
    ids = [c["id"] for c in codebook["code"]] + [c["id"] for c in codebook["commitment"]]
    assert len(ids) == len(set(ids)) == 24
    assert {c["kind"] for c in codebook["code"]} == KINDS
    assert THEMES == {c["id"] for c in codebook["code"] if c["kind"] == "theme"}
    assert {c["id"]: c["pillar"] for c in codebook["commitment"]} == COMMITMENTS
    for entry in codebook["code"] + codebook["commitment"]:
        assert entry["label"].strip() and entry["description"].strip() and "\n" not in entry["description"]
        if entry in codebook["code"]:
            assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", entry["id"]), entry["id"]
        assert set(entry["keywords"]) == set(CODEBOOK_LANGUAGES), entry["id"]
        for lang, keywords in entry["keywords"].items():
            assert 4 <= len(keywords) <= 10, (entry["id"], lang, len(keywords))
            assert len(set(keywords)) == len(keywords), (entry["id"], lang)
            for k in keywords:
                assert k == k.lower() == k.strip() and k.rstrip("*"), (entry["id"], lang, k)
                assert "*" not in k[:-1], f"{entry['id']} {lang}: '*' only at the end: {k!r}"


def test_keywords_are_written_in_their_own_script(codebook):
    for entry in codebook["code"] + codebook["commitment"]:
        for k in entry["keywords"]["ar"]:
            assert re.search(r"[\u0600-\u06ff]", k) or k == "wmf", (entry["id"], k)
        for k in entry["keywords"]["hi"]:
            assert re.search(r"[\u0900-\u097f]", k) or k == "wmf", (entry["id"], k)


def test_the_codebook_names_the_questions(codebook):
    questions = codebook["question"]
    assert not (DATA / "questions.toml").exists()  # one source of truth: the codebook's [[question]] entries
    assert [q["id"] for q in questions] == ["Q1", "Q2", "Q3"]
    assert questions[0]["text"] == "What does the direction mean for you?"
    assert questions[0]["prompts"] == ["social barriers", "infrastructure", "power structures", "communities"]
    assert [q["rounds"] for q in questions] == [[1, 2], [3], [4, 5]]
    assert all(q["text"].endswith("?") and isinstance(q["prompts"], list) for q in questions)
