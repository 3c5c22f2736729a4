"""Synthetic session exports of any size, shaped like the WikiCafé sample, written as a pipeline would write them.

``python -m benchmarks.generate --sizes 10k,1M`` writes (or finds, cached) one export per size under benchmarks/out/:

    benchmarks/out/v<GENERATOR_VERSION>/notes-<size>-<vocabulary digest>/
        contributions.parquet/session=<s>/part-<i>.parquet   (zstd; at most ROWS_PER_PART rows each)
        participants.parquet/session=<s>/part-0.parquet

The shape follows the sample: about 12 notes a participant, 0-3 theme codes a note (8% uncoded, most 1-3), 0-2
commitments of the direction, 8 regions with the conference's skew, a few hundred communities, about fifty languages,
five rounds over three questions, tables of five, texts of 50-400 characters built from the codebook's keywords (so
they are different from one another, as real notes are). The number of sessions grows with the square root of the
number of notes (8 at 10k, 80 at 1M), as a corpus of many cafés would.

Everything is drawn with NumPy and assembled with pyarrow.compute, chunk by chunk: no Python loop over notes or people.
The same size, seed and vocabulary (the codebook's keywords, hashed into the cache key) always give the same export; a
change to what is generated must bump GENERATOR_VERSION so the cache is rebuilt.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

GENERATOR_VERSION = 2
OUT = Path(__file__).resolve().parent / "out"
SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000, "5M": 5_000_000}
ROWS_PER_PART = 100_000
NOTES_PER_PERSON = 12
LIST = pa.list_(pa.string())
COMPLETE = ".complete.json"

# ----------------------------------------------------------------------------------------------- the sample's shape
REGION_WEIGHTS = {
    "NWE": 0.30,
    "CEE": 0.12,
    "LAC": 0.12,
    "SSA": 0.12,
    "MENA": 0.07,
    "SA": 0.10,
    "ESEAP": 0.10,
    "NA": 0.07,
}
#: Languages people write in, by region: the first is the most common. All are BCP 47 tags the loader knows.
REGION_LANGUAGES = {
    "NWE": ["en", "sv", "de", "fr", "nl", "da", "nb", "fi", "ga", "cy", "is", "et"],
    "CEE": ["ru", "uk", "pl", "cs", "hu", "ro", "bg", "sr", "hr", "el", "tr", "hy", "ka", "kk"],
    "LAC": ["es", "pt-BR", "pt", "qu", "gn", "ht"],
    "SSA": ["en", "fr", "sw", "yo", "ig", "ha", "am", "zu", "af", "xh", "tw"],
    "MENA": ["ar", "fa", "he", "tr", "ku"],
    "SA": ["hi", "bn", "ta", "te", "ml", "ur", "ne", "si", "mr", "pa"],
    "ESEAP": ["zh", "zh-Hant", "ja", "ko", "id", "ms", "vi", "th", "tl", "en"],
    "NA": ["en", "es", "fr"],
}
COMMUNITY_TYPES = ["online community", "affiliate", "Wikimedia Foundation", "partner", "other"]
#: Codes by question: Q1 (what the direction means) is mostly themes, Q2 (how your work changes) themes and who is
#: responsible, Q3 (what you need) mostly needs. Weights are relative within a row.
THEMES = [
    "healthy_inclusive_communities",
    "augmented_age",
    "truly_global_movement",
    "most_respected_source",
    "knowledge_ecosystem",
]
NEEDS = [
    "funding",
    "skills_training",
    "tools_infrastructure",
    "translation",
    "time_people",
    "safe_spaces",
    "recognition",
]
RESPONSIBLE = ["resp_foundation", "resp_affiliates", "resp_online_communities", "resp_partners"]
CODES = THEMES + NEEDS + RESPONSIBLE
_THEME_W = [5, 2, 4, 3, 3]
_NEED_W = [5, 4, 3, 3, 2, 2, 1]
_RESP_W = [3, 2, 2, 1]
CODE_WEIGHTS = {
    "Q1": np.array([w * 3.0 for w in _THEME_W] + [w * 0.4 for w in _NEED_W] + [w * 0.3 for w in _RESP_W]),
    "Q2": np.array([w * 1.5 for w in _THEME_W] + [w * 0.8 for w in _NEED_W] + [w * 1.5 for w in _RESP_W]),
    "Q3": np.array([w * 0.5 for w in _THEME_W] + [w * 3.0 for w in _NEED_W] + [w * 1.0 for w in _RESP_W]),
}
CODES_PER_NOTE = ([0, 1, 2, 3], [0.08, 0.45, 0.32, 0.15])
COMMITMENTS = ["KE1", "KE2", "KE3", "KE4", "KE5", "KS1", "KS2", "KS3"]
COMMITMENT_WEIGHTS = np.array([6, 4, 3, 2, 1, 4, 2, 0.5])
COMMITMENTS_PER_NOTE = ([0, 1, 2], [0.35, 0.45, 0.20])
ROUND_WEIGHTS = [0.22, 0.20, 0.22, 0.19, 0.17]  # rounds 1-2: Q1, 3: Q2, 4-5: Q3
QUESTION_OF_ROUND = np.array(["Q1", "Q1", "Q1", "Q2", "Q3", "Q3"])  # index 0 unused
ANONYMOUS_SHARE = 0.08
GENDERS = (["woman", "man", "non-binary", None], [0.46, 0.44, 0.03, 0.07])
AGE_BANDS = (["18-24", "25-34", "35-44", "45-54", "55-64", "65+", None], [0.10, 0.33, 0.27, 0.15, 0.08, 0.03, 0.04])
TEXT_CHARS = (50, 400)
FILLER = (
    "we need more support for our local community and better ways to share knowledge with people who "
    "are not online yet because access language and time matter for everyone who wants to contribute "
    "the movement should listen to small communities and make decisions together with partners libraries "
    "schools museums so that equity becomes real and not only words on a page"
).split()


def parse_size(text: str) -> int:
    """'10k' -> 10_000, '1M' -> 1_000_000, '2500' -> 2500."""
    text = text.strip()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:].lower(), 1)
    number = text[:-1] if scale != 1 else text
    try:
        value = float(number) * scale
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size: use e.g. 10k, 100k, 1M, 5M or a number") from None
    if value < 100 or value != int(value):
        raise argparse.ArgumentTypeError(f"{text!r}: a size is a whole number of notes, at least 100")
    return int(value)


def size_label(n: int) -> str:
    """10_000 -> '10k', 1_000_000 -> '1M', 2500 -> '2500'."""
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def session_count(n: int) -> int:
    """Sessions grow with the square root of the notes: 8 at 10k, 25 at 100k, 80 at 1M, 179 at 5M."""
    return max(4, round(8 * math.sqrt(n / 10_000)))


def vocabulary_digest() -> str:
    """A short hash of the words texts are made of (they come from the codebook's keywords, which people edit)."""
    import hashlib

    digest = hashlib.sha1()
    for lang, words in sorted(_vocabularies().items()):
        digest.update(lang.encode() + b"\0" + "\0".join(words.to_pylist()).encode() + b"\n")
    return digest.hexdigest()[:8]


def export_path(n: int, out: Path = OUT) -> Path:
    """Where the export of ``n`` notes is cached: keyed by the generator version, the size and the vocabulary."""
    return out / f"v{GENERATOR_VERSION}" / f"notes-{size_label(n)}-{vocabulary_digest()}"


@dataclass
class Summary:
    """What was written, as recorded in the export's .complete.json."""

    notes: int
    participants: int
    sessions: int
    contribution_parts: int
    participant_parts: int
    bytes: int
    seconds: float
    generator_version: int = GENERATOR_VERSION
    seed: int = 2017


# -------------------------------------------------------------------------------------------------- building blocks
def _strings(prefix: str, numbers: np.ndarray, width: int = 0) -> pa.Array:
    """prefix + number (zero-padded to ``width``), vectorised."""
    digits = pc.cast(pa.array(numbers), pa.string())
    if width:
        digits = pc.utf8_lpad(digits, width=width, padding="0")
    return pc.binary_join_element_wise(pa.scalar(prefix), digits, "")


def _lists(values: np.ndarray | pa.Array, lengths: np.ndarray) -> pa.ListArray:
    offsets = np.zeros(len(lengths) + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    return pa.ListArray.from_arrays(pa.array(offsets), pa.array(values) if isinstance(values, np.ndarray) else values)


def _choose_codes(rng: np.random.Generator, weights: np.ndarray, k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each row, k[i] distinct indices drawn with the row's ``weights`` (Gumbel top-k); returns (flat, lengths)."""
    n = len(k)
    if n == 0:
        return np.array([], dtype=np.int64), k
    keys = np.log(weights) - np.log(-np.log(rng.random((n, weights.shape[-1]))))
    top = np.argsort(-keys, axis=1)[:, : int(k.max(initial=0))]
    take = np.arange(top.shape[1])[None, :] < k[:, None]
    return top[take], k


def _vocabularies() -> dict[str, pa.Array]:
    """Words for note texts, by language: the codebook's keywords (eight languages), English with some plain filler.

    A note is written from the words of its language when the codebook has them, else from English.
    """
    words: dict[str, set[str]] = {}
    try:
        from loaders.codebook import load_codebook

        codebook = load_codebook()
        for table in (codebook.codes, codebook.commitments):
            for keywords in table["keywords"]:
                for lang, values in (keywords or {}).items():
                    words.setdefault(lang, set()).update(str(v).rstrip("*") for v in values if str(v).strip("*"))
    except Exception:  # noqa: BLE001 - the generator must not depend on the codebook being valid
        pass
    out = {
        lang: pa.array(sorted(found) + FILLER * 2 if lang == "en" else sorted(found), pa.string())
        for lang, found in words.items()
        if len(found) >= 20
    }
    if "en" not in out:
        out["en"] = pa.array(FILLER, pa.string())
    return out


def _texts(rng: np.random.Generator, language: np.ndarray, vocabularies: dict[str, pa.Array]) -> pa.Array:
    """One text of 50-400 characters per note, in the note's language where there are words for it."""
    n = len(language)
    tags, inverse = np.unique(language.astype(str), return_inverse=True)
    group = np.array([t.split("-")[0] if t.split("-")[0] in vocabularies else "en" for t in tags], dtype=object)
    lang = group[inverse]
    pieces, order = [], []
    for code, vocabulary in vocabularies.items():  # one vectorised draw per language: eight at most
        rows = np.flatnonzero(lang == code)
        if len(rows):
            pieces.append(_words(rng, len(rows), vocabulary))
            order.append(rows)
    if not pieces:
        return pa.array([], pa.string())
    texts = pa.concat_arrays(pieces)
    back = np.empty(n, dtype=np.int64)
    back[np.concatenate(order)] = np.arange(n)
    return texts.take(pa.array(back))


def _words(rng: np.random.Generator, n: int, vocabulary: pa.Array) -> pa.Array:
    """n texts of 50-400 characters: random words joined by spaces, trimmed to length."""
    low, high = TEXT_CHARS
    target = (low + (high - low) * rng.beta(1.6, 3.0, n)).astype(np.int64)
    mean_word = float(np.mean(pc.utf8_length(vocabulary).to_numpy())) + 1
    words = np.maximum(np.ceil(target / mean_word).astype(np.int64) + 1, 3)
    tokens = vocabulary.take(pa.array(rng.integers(0, len(vocabulary), int(words.sum()))))
    joined = pc.binary_join(_lists(tokens, words), " ")
    text = pc.utf8_slice_codeunits(joined, 0, high)
    # A short draw can fall under 50 characters: pad it with a closing phrase rather than loop.
    short = pc.less(pc.utf8_length(text), low)
    padded = pc.utf8_slice_codeunits(
        pc.binary_join_element_wise(
            text, pa.scalar("and this is what our table wrote down together for the plenary"), " "
        ),
        0,
        high,
    )
    return pc.if_else(short, padded, text)


# ------------------------------------------------------------------------------------------------------- the people
@dataclass
class People:
    session: np.ndarray  # session index per person
    local: np.ndarray  # number within the session (participant ids are p<local>)
    region: np.ndarray  # region index
    primary_language: np.ndarray  # object array of tags
    table: pa.Table  # the participants columns as written (no session: it is the partition)


def _countries_by_region() -> dict[str, tuple[list[str], np.ndarray]]:
    from loaders.regions import country_table

    by_region: dict[str, list[str]] = {r: [] for r in REGION_WEIGHTS}
    for iso2, (_, region) in sorted(country_table().items()):
        if region in by_region:
            by_region[region].append(iso2)
    out = {}
    for region, countries in by_region.items():
        weights = 1.0 / np.arange(1, len(countries) + 1) ** 1.1  # a few countries send most people
        out[region] = (countries, weights / weights.sum())
    return out


def _communities(countries: dict) -> tuple[list[str], list[str], dict[str, np.ndarray]]:
    """About 390 communities: language wikis, national affiliates and user groups, partners, the Foundation.

    Returns names, their types, and for each region the communities at home there.
    """
    found: dict[str, tuple[str, str]] = {}  # name -> (type, home region); the first mention wins
    for region, langs in REGION_LANGUAGES.items():
        for lang in langs:
            for project in ("wikipedia", "wiktionary", "wikisource"):
                found.setdefault(f"{lang.lower()}.{project}", ("online community", region))
        for iso2 in countries[region][0][:14]:
            found.setdefault(f"Wikimedia {iso2}", ("affiliate", region))
            found.setdefault(f"Wiki {iso2} User Group", ("affiliate", region))
    for i in range(12):
        found.setdefault(f"Partner library {i + 1}", ("partner", list(REGION_WEIGHTS)[i % 8]))
    found.setdefault("Wikimedia Foundation", ("Wikimedia Foundation", "NA"))
    found.setdefault("Independent", ("other", "NWE"))
    names = list(found)
    home = np.array([found[n][1] for n in names])
    return names, [found[n][0] for n in names], {r: np.flatnonzero(home == r) for r in REGION_WEIGHTS}


def _people(rng: np.random.Generator, per_session: np.ndarray) -> People:
    regions_ids = list(REGION_WEIGHTS)
    p = int(per_session.sum())
    session = np.repeat(np.arange(len(per_session)), per_session)
    starts = np.concatenate([[0], np.cumsum(per_session)[:-1]])
    local = np.arange(p) - starts[session] + 1
    region = rng.choice(len(regions_ids), p, p=np.array(list(REGION_WEIGHTS.values())))
    countries = _countries_by_region()
    names, types, per_region = _communities(countries)
    country = np.empty(p, dtype=object)
    community = np.empty(p, dtype=np.int64)
    primary = np.empty(p, dtype=object)
    for r, rid in enumerate(regions_ids):  # eight vectorised draws, one per region
        rows = np.flatnonzero(region == r)
        isos, weights = countries[rid]
        country[rows] = np.array(isos, dtype=object)[rng.choice(len(isos), len(rows), p=weights)]
        local_communities = per_region[rid]
        zipf = 1.0 / np.arange(1, len(local_communities) + 1) ** 0.8
        community[rows] = local_communities[rng.choice(len(local_communities), len(rows), p=zipf / zipf.sum())]
        langs = REGION_LANGUAGES[rid]
        lw = 1.0 / np.arange(1, len(langs) + 1) ** 1.2
        primary[rows] = np.array(langs, dtype=object)[rng.choice(len(langs), len(rows), p=lw / lw.sum())]
    # A fifth of people name a community outside their region (a language wiki they edit, the Foundation).
    elsewhere = rng.random(p) < 0.2
    community[elsewhere] = rng.integers(0, len(names), int(elsewhere.sum()))
    all_langs = sorted({t for langs in REGION_LANGUAGES.values() for t in langs})
    extra = rng.integers(0, 3, p)  # 0-2 more languages: English often, else any
    second = np.where(rng.random(p) < 0.6, "en", np.array(all_langs, dtype=object)[rng.integers(0, len(all_langs), p)])
    third = np.array(all_langs, dtype=object)[rng.integers(0, len(all_langs), p)]
    lang_matrix = np.stack([primary, second, third], axis=1)
    lengths = 1 + extra
    flat = lang_matrix[np.arange(3)[None, :] < lengths[:, None]]
    table = pa.table(
        {
            "participant_id": _strings("p", local, 4),
            "region": pa.array(np.array(regions_ids, dtype=object)[region], pa.string()),
            "country": pa.array(country, pa.string()),
            "community": pa.array(np.array(names, dtype=object)[community], pa.string()),
            "community_type": pa.array(np.array(types, dtype=object)[community], pa.string()),
            "languages": _lists(flat.astype(str), lengths),
            "gender": pa.array(np.array(GENDERS[0], dtype=object)[rng.choice(4, p, p=GENDERS[1])], pa.string()),
            "age_band": pa.array(np.array(AGE_BANDS[0], dtype=object)[rng.choice(7, p, p=AGE_BANDS[1])], pa.string()),
            "newcomer": pa.array(rng.random(p) < 0.35),
        }
    )
    return People(session, local, region, primary, table)


# -------------------------------------------------------------------------------------------------------- the notes
def _notes(
    rng: np.random.Generator,
    start_id: int,
    n: int,
    people: People,
    first: int,
    count: int,
    vocabularies: dict[str, pa.Array],
    day: datetime,
) -> pa.Table:
    """n notes of one session whose people are rows first..first+count of ``people``."""
    author = first + np.floor(rng.random(n) ** 1.6 * count).astype(np.int64)  # some people write much more
    anonymous = rng.random(n) < ANONYMOUS_SHARE
    rounds = rng.choice(5, n, p=ROUND_WEIGHTS) + 1
    questions = QUESTION_OF_ROUND[rounds]
    local = people.local[author]
    table_no = (local // 5 + rounds * 3) % max(1, math.ceil(count / 5)) + 1
    all_langs = sorted({t for langs in REGION_LANGUAGES.values() for t in langs})
    language = np.where(
        rng.random(n) < 0.85,
        people.primary_language[author],
        np.array(all_langs, dtype=object)[rng.integers(0, len(all_langs), n)],
    )
    # themes: per question, k distinct codes
    k = rng.choice(CODES_PER_NOTE[0], n, p=CODES_PER_NOTE[1])
    flat = np.empty(int(k.sum()), dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(k)])
    for q, weights in CODE_WEIGHTS.items():
        rows = np.flatnonzero(questions == q)
        picked, _ = _choose_codes(rng, weights / weights.sum(), k[rows])
        # each picked code goes to its note's slot in the flat array (rows ascending, so the order matches)
        flat[np.repeat(offsets[rows], k[rows]) + _ranks(k[rows])] = picked
    themes = _lists(np.array(CODES, dtype=object)[flat].astype(str), k)
    d = rng.choice(COMMITMENTS_PER_NOTE[0], n, p=COMMITMENTS_PER_NOTE[1])
    d_flat, _ = _choose_codes(rng, COMMITMENT_WEIGHTS / COMMITMENT_WEIGHTS.sum(), d)
    direction = _lists(np.array(COMMITMENTS, dtype=object)[d_flat].astype(str), d)
    minutes = (rounds - 1) * 25 + rng.integers(0, 20 * 60, n) / 60
    base = int(day.timestamp() * 1_000_000)
    submitted = pa.array(base + (minutes * 60_000_000).astype(np.int64), pa.timestamp("us", tz="UTC"))
    participant = _strings("p", local, 4)
    participant = pc.if_else(pa.array(anonymous), pa.scalar(None, pa.string()), participant)
    return pa.table(
        {
            "contribution_id": _strings("n", np.arange(start_id, start_id + n), 8),
            "text": _texts(rng, language, vocabularies),
            "question": pa.array(questions.astype(str), pa.string()),
            "round": pa.array(rounds, pa.int64()),
            "table": _strings("T", table_no, 2),
            "participant_id": participant,
            "language": pa.array(language.astype(str), pa.string()),
            "themes": themes,
            "direction": direction,
            "votes": pa.array(rng.poisson(1.2, n), pa.int64()),
            "submitted_at": submitted,
        }
    )


def _ranks(k: np.ndarray) -> np.ndarray:
    """0..k[i]-1 for each i, concatenated: the position of each code within its note."""
    total = int(k.sum())
    if total == 0:
        return np.array([], dtype=np.int64)
    starts = np.repeat(np.cumsum(k) - k, k)
    return np.arange(total) - starts


# ---------------------------------------------------------------------------------------------------------- writing
def _write(table: pa.Table, path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    metadata = {
        b"harvest.synthetic": b"true",
        b"harvest.generator": f"benchmarks/generate.py v{GENERATOR_VERSION}".encode(),
    }
    pq.write_table(table.replace_schema_metadata(metadata), path, compression="zstd")
    return path.stat().st_size


def generate(n: int, root: Path, seed: int = 2017, rows_per_part: int = ROWS_PER_PART) -> Summary:
    """Write an export of ``n`` notes into ``root`` (which must not exist yet); returns what was written."""
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    sessions = session_count(n)
    names = [f"cafe-{i + 1:04d}" for i in range(sessions)]
    weights = rng.lognormal(0.0, 0.4, sessions)
    per_session = rng.multinomial(n - sessions, weights / weights.sum()) + 1
    people_per_session = np.maximum(5, np.round(per_session / NOTES_PER_PERSON)).astype(np.int64)
    people = _people(rng, people_per_session)
    vocabularies = _vocabularies()
    root.mkdir(parents=True)
    size = 0
    parts = 0
    people_first = np.concatenate([[0], np.cumsum(people_per_session)[:-1]])
    next_id = 1
    for s, name in enumerate(names):
        first, count = int(people_first[s]), int(people_per_session[s])
        size += _write(
            people.table.slice(first, count), root / "participants.parquet" / f"session={name}" / "part-0.parquet"
        )
        day = datetime(2017, 11, 4, 9, 0, tzinfo=UTC) + timedelta(days=s)
        remaining = int(per_session[s])
        part = 0
        while remaining > 0:
            rows = min(rows_per_part, remaining)
            table = _notes(rng, next_id, rows, people, first, count, vocabularies, day)
            size += _write(table, root / "contributions.parquet" / f"session={name}" / f"part-{part}.parquet")
            next_id += rows
            remaining -= rows
            part += 1
            parts += 1
    summary = Summary(
        notes=n,
        participants=int(people_per_session.sum()),
        sessions=sessions,
        contribution_parts=parts,
        participant_parts=sessions,
        bytes=size,
        seconds=round(time.perf_counter() - started, 3),
        seed=seed,
    )
    (root / COMPLETE).write_text(json.dumps(asdict(summary), indent=1))
    return summary


def read_summary(root: Path) -> Summary | None:
    try:
        return Summary(**json.loads((root / COMPLETE).read_text()))
    except (OSError, ValueError, TypeError):
        return None


def ensure_export(n: int, out: Path = OUT) -> tuple[Path, Summary, bool]:
    """The cached export of ``n`` notes, generated first when missing. Returns (path, summary, was_generated).

    The export is written into a scratch folder and renamed into place, so an interrupted run never leaves a
    half-written export that a later run would take as complete.
    """
    path = export_path(n, out)
    summary = read_summary(path)
    if summary is not None:
        return path, summary, False
    if path.exists():
        shutil.rmtree(path)
    scratch = path.with_name(path.name + ".partial")
    if scratch.exists():
        shutil.rmtree(scratch)
    summary = generate(n, scratch)
    scratch.rename(path)
    return path, summary, True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1M,5M", help="comma-separated sizes (default: 10k,100k,1M,5M)")
    parser.add_argument("--out", type=Path, default=OUT, help="cache folder (default: benchmarks/out)")
    parser.add_argument("--to", type=Path, help="write one export (one size) exactly here instead of the cache")
    args = parser.parse_args(argv)
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    if args.to:
        if len(sizes) != 1:
            parser.error("--to takes exactly one size")
        summary = generate(sizes[0], args.to)
        print(json.dumps(asdict(summary)))
        return 0
    for n in sizes:
        path, summary, made = ensure_export(n, args.out)
        verb = f"generated in {summary.seconds:.1f} s" if made else "cached"
        print(
            f"{size_label(n):>5}: {path} ({summary.notes:,} notes, {summary.participants:,} participants, "
            f"{summary.sessions} sessions, {summary.contribution_parts} part files, "
            f"{summary.bytes / 1e6:.1f} MB; {verb})",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
