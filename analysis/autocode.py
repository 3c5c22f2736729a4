"""Keyword auto-coding from the codebook: notes without facilitator codes get codes from the keywords they contain.

How a keyword matches (docs/analysis/codebook.md says the same for people):

- Text and keywords are *folded* the same way: Unicode NFKD; accents and other combining marks of Latin, Greek and
  Cyrillic letters removed; Arabic short vowels and tatweel removed, alef/yeh/teh marbuta variants unified; the
  Devanagari nukta removed and candrabindu written as anusvara; lower case (ß → ss, œ → oe, æ → ae).
- Text is cut into words on anything that is not a letter, a combining mark or a digit, so a Devanagari vowel sign or
  an Arabic letter never splits a word, and a keyword only ever matches whole words ("ai" is not found in "said").
- A keyword of several words matches the same words next to each other in one note ("code of conduct").
- A keyword ending in ``*`` is a stem: "barrier*" matches "barrier", "barriers", "barrierefrei".
- Other words tolerate simple inflections of their language: "partners" matches "partner", "inclusión" matches
  "inclusiones", "समुदाय" matches "समुदायों"; an Arabic word also matches with و/ف and ب/ل/ك attached in front.
- A note written in a language the codebook has keywords for is matched against that language's keywords only; a
  note in any other language (or with no language) against every language's.

Speed: the note text is never folded or split by a per-row kernel. Words are cut at ASCII separators with NumPy
over the UTF-8 buffer, the distinct raw words are dictionary-encoded, and only that vocabulary (thousands to a few
hundred thousand entries, however many notes) is folded, split further and looked up; keyword positions are then
matched with NumPy. The compiled codebook is cached on a digest of its keywords (``codebook_key``).
docs/analysis/codebook.md, "Speed", has the measurements.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.codes import _arrow_lists, code_pairs, coded_mask

LIST_TYPE = pa.list_(pa.string())
LIST_DTYPE = pd.ArrowDtype(LIST_TYPE)
COLUMNS = ("themes", "direction")
MODES = ("both", "human", "auto")
STOPWORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "stopwords.toml"

# ------------------------------------------------------------------------------------------------ folding and words

#: Marks removed after NFKD: Latin/Greek/Cyrillic accents, Arabic harakat, superscript alef and tatweel, the
#: Devanagari nukta, zero-width (non-)joiners and soft hyphens. Devanagari vowel signs and viramas are kept.
_MARKS = "[\u0300-\u036f\u064b-\u065f\u0670\u0640\u093c\u200c\u200d\u00ad]"
_REPLACE = (("ß", "ss"), ("œ", "oe"), ("æ", "ae"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"), ("\u0901", "\u0902"),
            ("’", "'"))
#: Anything that is not part of a word: words are runs of letters, combining marks and digits.
_SPLIT = r"[^\p{L}\p{M}\p{N}]+"
#: 1 for bytes that may be part of a word: ASCII letters and digits, and every byte of a non-ASCII character. The
#: first, cheap cut of note text into raw words is at the other bytes (ASCII spaces and punctuation).
_WORD_BYTE = np.array([1 if c >= 128 or chr(c).isalnum() else 0 for c in range(256)], dtype=np.uint8)


def fold_array(texts: pa.Array) -> pa.Array:
    """Fold every text (see the module docstring); null stays null."""
    out = pc.utf8_normalize(texts, form="NFKD")
    out = pc.replace_substring_regex(out, _MARKS, "")
    out = pc.utf8_lower(out)
    for old, new in _REPLACE:
        out = pc.replace_substring(out, old, new)
    return out


def fold(text: str) -> str:
    """One text folded exactly as ``fold_array`` folds a column."""
    return fold_array(pa.array([text], pa.string()))[0].as_py() or ""


def _lower(texts: pa.Array) -> pa.Array:
    """Lower case, composed (NFC): words as people wrote them, for showing."""
    return pc.utf8_lower(pc.utf8_normalize(texts, form="NFC"))


def _text_array(series: pd.Series) -> pa.Array:
    arr = pa.array(series.astype("string") if series.dtype == object else series, from_pandas=True)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    return arr.cast(pa.large_string())


@dataclass(frozen=True)
class Words:
    """The words of many notes: word i is ``vocab[word[i]]`` and belongs to note ``note[i]`` (a position)."""

    note: np.ndarray
    word: np.ndarray
    vocab: list[str]


def words(texts: pa.Array, transform=fold_array) -> Words:
    """Cut texts into words: raw cut at ASCII separators over the UTF-8 bytes (NumPy), then each distinct raw word
    transformed (folded by default) and cut on every non-word character (Arrow, on the vocabulary only)."""
    texts = pc.fill_null(texts.cast(pa.large_string()), "")
    texts = pa.concat_arrays([texts]) if texts.offset else texts
    n = len(texts)
    _, offset_buffer, data_buffer = texts.buffers()
    offsets = np.frombuffer(offset_buffer, dtype=np.int64)[: n + 1]
    end = int(offsets[-1]) if n else 0
    data = np.frombuffer(data_buffer, dtype=np.uint8)[:end] if data_buffer is not None else np.zeros(0, np.uint8)
    word_byte = _WORD_BYTE[data]
    start = np.empty(len(data), dtype=bool)
    if len(data):
        start[0] = word_byte[0] == 1
        np.greater(word_byte[1:], word_byte[:-1], out=start[1:])
    heads = offsets[:-1][offsets[:-1] < offsets[1:]]
    start[heads] = word_byte[heads] == 1
    starts = np.flatnonzero(start)
    per_note = np.diff(np.searchsorted(starts, offsets, "left"))
    raw_note = np.repeat(np.arange(n, dtype=np.int64), per_note)
    # raw word i runs from its start to the next one's: its trailing separators are cut off in the next step
    bounds = np.empty(len(starts) + 1, dtype=np.int64)
    bounds[:-1] = starts
    bounds[-1] = end
    raw = pa.LargeStringArray.from_buffers(len(starts), pa.py_buffer(bounds), data_buffer)
    encoded = pc.dictionary_encode(raw)
    raw_id = np.asarray(encoded.indices)
    split = pc.split_pattern_regex(transform(encoded.dictionary), _SPLIT)
    pieces = pc.list_flatten(split)
    owner = np.asarray(pc.list_parent_indices(split), dtype=np.int64)
    keep = np.asarray(pc.not_equal(pieces, ""), dtype=bool)
    pieces, owner = pieces.filter(pa.array(keep)), owner[keep]
    fine = pc.dictionary_encode(pieces)
    piece_id = np.asarray(fine.indices, dtype=np.int64)
    count = np.bincount(owner, minlength=len(encoded.dictionary))
    first = np.concatenate([[0], np.cumsum(count)[:-1]]).astype(np.int64)
    k = count[raw_id]
    if k.max(initial=0) <= 1:
        one = k == 1
        return Words(raw_note[one], piece_id[first[raw_id[one]]], fine.dictionary.to_pylist())
    note = np.repeat(raw_note, k)
    within = np.arange(len(note)) - np.repeat(np.cumsum(k) - k, k)
    return Words(note, piece_id[np.repeat(first[raw_id], k) + within], fine.dictionary.to_pylist())


def words_of(text: str) -> list[str]:
    """The words of one text, folded, as the matcher sees them."""
    found = words(pa.array([text], pa.large_string()))
    return [found.vocab[i] for i in found.word]


def _primary(tag: object) -> str | None:
    if tag is None or pd.isna(tag):
        return None
    return str(tag).split("-")[0].split("_")[0].lower() or None


def _note_languages(notes: pd.DataFrame, languages: tuple[str, ...]) -> np.ndarray:
    """Per note, the index of its language in ``languages``, or -1 (no language, or one without keywords)."""
    if "language" not in notes:
        return np.full(len(notes), -1, dtype=np.int64)
    lookup = {lang: i for i, lang in enumerate(languages)}
    column = notes["language"]
    if not isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype("category")
    per_category = np.array([lookup.get(_primary(c), -1) for c in column.cat.categories] + [-1], dtype=np.int64)
    return per_category[column.cat.codes.to_numpy()]  # code -1 (missing) takes the last entry, -1


# ------------------------------------------------------------------------------------------------ inflections

_SUFFIXES: dict[str, tuple[str, ...]] = {
    "en": ("s", "es"),
    "es": ("s", "es"),
    "pt": ("s", "es"),
    "fr": ("s", "x", "e", "es"),
    "de": ("e", "en", "n", "er", "es", "s", "ern"),
    "sv": ("er", "ar", "or", "en", "et", "na", "n", "t", "a", "s", "erna", "arna", "orna"),
    "hi": ("ों", "ें", "ओं", "एं", "यों"),
    "ar": ("ا", "ه", "ات", "ين", "ون"),  # accusative alef, feminine ending (ة, folded to ه), sound plurals
}
_MIN_BASE = {"hi": 2, "ar": 3}


def _is_arabic(word: str) -> bool:
    return "\u0600" <= word[:1] <= "\u06ff"


def _forms(word: str, language: str) -> set[str]:
    """The forms of a (folded) keyword word accepted as the same word: itself, and simple inflections."""
    suffixes = _SUFFIXES.get(language, ())
    minimum = _MIN_BASE.get(language, 4)
    if len(word) < minimum or not suffixes:
        return {word}
    bases = {word} | {word[: -len(s)] for s in suffixes if word.endswith(s) and len(word) - len(s) >= minimum}
    if language == "en":
        if word.endswith("ies") and len(word) > 4:
            bases.add(word[:-3] + "y")
        if word.endswith("y"):
            bases.add(word[:-1] + "ies")
    return bases | {b + s for b in bases for s in suffixes}


def _arabic_variants(token: str) -> list[str]:
    """An Arabic word without the clitics that attach to its front: و/ف (and), then ب/ل/ك (with, to, like)."""
    out = [token]
    stems = [token]
    if token[:1] in ("و", "ف") and len(token) > 3:
        stems.append(token[1:])
    for stem in stems:
        if stem.startswith("لل") and len(stem) > 4:
            out.append("ال" + stem[2:])  # li + al-: the alef of al- is dropped in writing
        if stem[:1] in ("ب", "ل", "ك") and len(stem) > 3:
            out.append(stem[1:])
        out.append(stem)
    return list(dict.fromkeys(out))


# ------------------------------------------------------------------------------------------------ the compiled matcher


@dataclass(frozen=True)
class Matcher:
    """A codebook compiled for matching. Keyword k: code ``codes[kw_code[k]]``, column, language, words given as
    word-matcher ids ``kw_words[k, :kw_len[k]]``; a word matcher is an exact word (with its forms) or a stem."""

    key: str
    codes: tuple[str, ...]  # codebook order: codes, then commitments
    code_column: tuple[str, ...]
    languages: tuple[str, ...]
    keyword_text: tuple[str, ...]
    kw_code: np.ndarray
    kw_language: np.ndarray
    kw_len: np.ndarray
    kw_words: np.ndarray
    kw_same: np.ndarray  # the first keyword with the same code and text (in any language)
    exact: dict[str, tuple[int, ...]]  # folded word form -> word-matcher ids
    stems: tuple[tuple[str, int], ...]  # (folded stem, word-matcher id), sorted


def codebook_key(codebook) -> str:
    """The cache key for everything computed from a codebook: a digest of its whole content (every byte of its file,
    labels included), so two codebooks that differ in anything never share a cached result between sessions."""
    if getattr(codebook, "digest", ""):
        return codebook.digest[:32]
    payload: list = [codebook.version, getattr(codebook, "title", ""), getattr(codebook, "source", "")]
    for table in (codebook.codes, codebook.commitments):
        if table is None or table.empty:
            continue
        for row in table.to_dict("records"):
            payload.append({k: ({lang: list(w) for lang, w in sorted(v.items())} if isinstance(v, dict) else str(v))
                            for k, v in sorted(row.items())})
    return hashlib.sha1(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()[:16]


def _code_list(codebook) -> list[tuple[str, str]]:
    out = []
    for column, table in (("themes", codebook.codes), ("direction", codebook.commitments)):
        if table is not None and not table.empty:
            out += [(str(code), column) for code in table["id"]]
    return out


_COMPILED: dict[str, Matcher] = {}


def compile_codebook(codebook) -> Matcher:
    """Compile the codebook's keywords once; later calls with the same keywords return the cached matcher."""
    key = codebook_key(codebook)
    if key in _COMPILED:
        return _COMPILED[key]
    codes = _code_list(codebook)
    code_index = {(c, col): i for i, (c, col) in enumerate(codes)}
    entries = []
    for column, table in (("themes", codebook.codes), ("direction", codebook.commitments)):
        if table is None or table.empty:
            continue
        for row in table[["id", "keywords"]].itertuples(index=False):
            for language, keywords in (row.keywords or {}).items():
                entries += [(code_index[(str(row.id), column)], str(language).lower(), str(k)) for k in keywords]
    folded = fold_array(pa.array([text.strip().rstrip("*") for _, _, text in entries], pa.string()))
    split = pc.split_pattern_regex(folded, _SPLIT).to_pylist() if entries else []
    word_ids: dict[tuple[str, str, str], int] = {}
    exact: dict[str, list[int]] = {}
    stems: list[tuple[str, int]] = []
    languages: list[str] = []
    kept: list[tuple[int, int, str, list[int]]] = []
    for (code, language, text), parts in zip(entries, split, strict=True):
        if language not in languages:
            languages.append(language)
        parts = [w for w in parts if w]
        ids = []
        for i, word in enumerate(parts):
            stem = i == len(parts) - 1 and text.strip().endswith("*")
            wkey = (language, "stem" if stem else "word", word)
            if wkey not in word_ids:
                wid = word_ids[wkey] = len(word_ids)
                if stem:
                    stems.append((word, wid))
                else:
                    for form in _forms(word, language):
                        exact.setdefault(form, []).append(wid)
            ids.append(word_ids[wkey])
        if ids:
            kept.append((code, languages.index(language), text, ids))
    longest = max((len(ids) for *_, ids in kept), default=1)
    kw_words = np.full((len(kept), longest), -1, dtype=np.int64)
    for i, (*_, ids) in enumerate(kept):
        kw_words[i, : len(ids)] = ids
    first_of: dict[tuple[int, str], int] = {}
    same = [first_of.setdefault((code, fold(text)), i) for i, (code, _, text, _) in enumerate(kept)]
    compiled = Matcher(
        key, tuple(c for c, _ in codes), tuple(col for _, col in codes), tuple(languages),
        tuple(text for _, _, text, _ in kept), np.array([c for c, *_ in kept], dtype=np.int64),
        np.array([lang for _, lang, *_ in kept], dtype=np.int64),
        np.array([len(ids) for *_, ids in kept], dtype=np.int64), kw_words, np.array(same, dtype=np.int64),
        {k: tuple(v) for k, v in exact.items()}, tuple(sorted(stems)))
    if len(_COMPILED) >= 8:
        _COMPILED.clear()
    _COMPILED[key] = compiled
    return compiled


def _vocab_matches(vocab: list[str], matcher: Matcher) -> tuple[np.ndarray, np.ndarray]:
    """(vocabulary index, word-matcher id) for every distinct word a keyword word matches."""
    pairs_v: list[int] = []
    pairs_m: list[int] = []
    exact = matcher.exact
    arabic_stems = [(s, m) for s, m in matcher.stems if _is_arabic(s)]
    for v, token in enumerate(vocab):
        if _is_arabic(token):
            found = {m for variant in _arabic_variants(token) for m in exact.get(variant, ())}
            found |= {m for variant in _arabic_variants(token) for s, m in arabic_stems if variant.startswith(s)}
        else:
            found = exact.get(token, ())
        pairs_v += [v] * len(found)
        pairs_m += list(found)
    order = sorted(range(len(vocab)), key=vocab.__getitem__)
    ordered = [vocab[i] for i in order]
    for stem, m in matcher.stems:
        if _is_arabic(stem):
            continue
        lo = bisect.bisect_left(ordered, stem)
        hi = bisect.bisect_left(ordered, stem + "\U0010ffff")
        pairs_v += order[lo:hi]
        pairs_m += [m] * (hi - lo)
    return np.asarray(pairs_v, dtype=np.int64), np.asarray(pairs_m, dtype=np.int64)


def _expand(keys: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each i: (i, starts[keys[i]] + 0 .. counts[keys[i]] - 1), flattened."""
    n = counts[keys]
    owner = np.repeat(np.arange(len(keys), dtype=np.int64), n)
    offset = np.arange(len(owner), dtype=np.int64) - np.repeat(np.cumsum(n) - n, n)
    return owner, np.repeat(starts[keys], n) + offset


MATCH_COLUMNS = ["row", "contribution_id", "code", "column", "keyword", "language", "matched"]


def _matches_frame(matcher: Matcher, rows, ids, kw: np.ndarray, matched: pd.Categorical) -> pd.DataFrame:
    texts = list(dict.fromkeys(matcher.keyword_text))
    text_id = np.array([texts.index(t) for t in matcher.keyword_text], dtype=np.int64)
    code_column = np.array([COLUMNS.index(c) for c in matcher.code_column], dtype=np.int64)
    code = matcher.kw_code[kw]
    return pd.DataFrame({
        "row": rows,
        "contribution_id": pd.array(ids, dtype="str"),
        "code": pd.Categorical.from_codes(code, categories=list(matcher.codes)),
        "column": pd.Categorical.from_codes(code_column[code] if len(code) else code, categories=list(COLUMNS)),
        "keyword": pd.Categorical.from_codes(text_id[kw] if len(kw) else kw, categories=texts),
        "language": pd.Categorical.from_codes(matcher.kw_language[kw], categories=list(matcher.languages)),
        "matched": matched,
    })


CHUNK = 65_536  # notes per chunk: arrays stay small enough to be reused instead of freshly mapped at every step


def _find(texts: pa.Array, note_language: np.ndarray, matcher: Matcher, labels: dict[str, int] | None):
    """Matches in one chunk of notes: (note position, keyword, matched-words id into ``labels``, which grows; empty
    when ``labels`` is None)."""
    found = words(texts)
    note, token, vocab = found.note, found.word, found.vocab
    n_vocab = max(len(vocab), 1)
    pair_v, pair_m = _vocab_matches(vocab, matcher)
    none = np.zeros(0, np.int64)
    if not len(pair_v):
        return none, none, none

    # (word, keyword) for every keyword whose first word matches the word
    by_first = np.argsort(matcher.kw_words[:, 0], kind="stable")
    first_sorted = matcher.kw_words[by_first, 0]
    lo = np.searchsorted(first_sorted, pair_m, "left")
    owner, where = _expand(np.arange(len(pair_m)), lo, np.searchsorted(first_sorted, pair_m, "right") - lo)
    vk_word, vk_kw = pair_v[owner], by_first[where]
    order = np.argsort(vk_word, kind="stable")
    vk_word, vk_kw = vk_word[order], vk_kw[order]
    per_word = np.bincount(vk_word, minlength=n_vocab)
    starts = np.concatenate([[0], np.cumsum(per_word)[:-1]]).astype(np.int64)

    # word positions x keywords that may start there, in the note's language
    hit = np.flatnonzero(per_word[token] > 0)
    owner, where = _expand(token[hit], starts, per_word)
    pos, kw = hit[owner], vk_kw[where]
    language = note_language[note[pos]]
    keep = (language < 0) | (language == matcher.kw_language[kw])
    pos, kw, language = pos[keep], kw[keep], language[keep]

    # the following words of multi-word keywords
    valid = np.unique(pair_m * n_vocab + pair_v)
    n_tokens = len(token)
    for j in range(1, matcher.kw_words.shape[1]):
        longer = matcher.kw_len[kw] > j
        if not longer.any():
            break
        at = np.minimum(pos + j, n_tokens - 1)
        key = matcher.kw_words[kw, j] * n_vocab + token[at]
        slot = np.minimum(np.searchsorted(valid, key), len(valid) - 1)
        ok = (pos + j < n_tokens) & (note[at] == note[pos]) & (valid[slot] == key)
        keep = ~longer | ok
        pos, kw, language = pos[keep], kw[keep], language[keep]

    # one row per (note, keyword); a keyword listed alike in several languages counts once in a note of no language
    kw = np.where(language < 0, matcher.kw_same[kw], kw)
    rows = note[pos].astype(np.int64)
    first = ~pd.Series(rows * len(matcher.kw_code) + kw).duplicated().to_numpy()
    pos, kw, rows = pos[first], kw[first], rows[first]

    if labels is None:  # the caller wants the codes only, not the words they matched
        return rows, kw, none
    # the words matched, each distinct sequence of words written out once
    seq = token[pos].astype(np.int64)
    for j in range(1, int(matcher.kw_len[kw].max(initial=1))):
        inside = matcher.kw_len[kw] > j
        following = np.where(inside, token[np.minimum(pos + j, n_tokens - 1)] + 1, 0)
        seq = pd.factorize(seq * (n_vocab + 1) + following)[0].astype(np.int64)
    group = pd.factorize(seq)[0]
    where = np.zeros(group.max(initial=-1) + 1, dtype=np.int64)
    where[group[::-1]] = np.arange(len(group) - 1, -1, -1)  # the first match of each group: last write wins
    ids = np.array([labels.setdefault(" ".join(vocab[t] for t in token[pos[i]: pos[i] + matcher.kw_len[kw[i]]]),
                                      len(labels)) for i in where], dtype=np.int64)
    return rows, kw, ids[group] if len(group) else none


def autocode(notes: pd.DataFrame, codebook) -> pd.DataFrame:
    """Every keyword of the codebook found in every note (coded or not), one row per (note, code, keyword).

    Columns: row (the note's index label in ``notes``: its position for export.contributions), contribution_id,
    code, column ("themes" for theme/need/responsible codes, "direction" for commitments), keyword (as written in
    the codebook, e.g. "barrier*"), language (the keyword's), matched (the note's words it matched, folded).
    Rows are in note order. A keyword found twice in one note is one row; in a note with no usable language, a
    keyword listed the same in several languages is one row (the first language's).
    Facilitator codes are not looked at here: ``with_auto_codes`` decides which notes take auto codes.
    """
    matcher = compile_codebook(codebook)
    none = np.zeros(0, np.int64)
    if notes.empty or "text" not in notes or not len(matcher.kw_code):
        return _matches_frame(matcher, none, np.zeros(0, object), none, pd.Categorical([]))
    labels: dict[str, int] = {}
    rows, kw, matched = _scan(notes, matcher, labels)
    index = notes.index.to_numpy()[rows]
    ids = (pa.array(notes["contribution_id"], from_pandas=True).take(pa.array(rows)).to_pandas()
           if "contribution_id" in notes else np.full(len(rows), None))
    words_matched = pd.Categorical.from_codes(matched, categories=pd.Index(list(labels))) if len(labels) \
        else pd.Categorical([None] * len(rows))
    return _matches_frame(matcher, index, np.asarray(ids, dtype=object), kw, words_matched)


def _scan(notes: pd.DataFrame, matcher: Matcher, labels: dict[str, int] | None):
    """Every keyword in every note, chunk by chunk: (note position, keyword, matched-words id) in note order."""
    texts = _text_array(notes["text"])
    note_language = _note_languages(notes, matcher.languages)
    parts = []
    # positions fit 32 bits and keywords 16 (a codebook has hundreds): a million keyword-dense notes make about 15M
    # matches, and 8-byte integers would hold 360 MB of them between chunks
    small = len(texts) < 2**31 and len(matcher.kw_code) < 2**15
    for begin in range(0, len(texts), CHUNK):
        rows, kw, matched = _find(texts.slice(begin, CHUNK), note_language[begin: begin + CHUNK], matcher, labels)
        rows = rows + begin
        parts.append((rows.astype(np.int32), kw.astype(np.int16), matched) if small else (rows, kw, matched))
    return tuple(np.concatenate([p[i] for p in parts]) for i in range(3))


# ------------------------------------------------------------------------------------------------ the index


@dataclass(frozen=True, eq=False)
class AutoCodes:
    """The auto-coder's result on a whole export, indexed for use on every click: made once per export version and
    codebook (``auto_index``), then every filter only picks rows of it.

    ``found[column]`` is a notes x codes matrix (codes of that column in codebook order, ``space[column]``): True
    where the note's text holds a keyword of the code. Notes are the rows of the frame it was made from, in order;
    ``labels`` are their index labels, and a filtered frame is matched to them by its own labels. ``rows`` / ``kw``
    are every (note position, keyword) match in note order, for showing which keywords a few notes matched.
    At a million notes the matrices take 24 MB and the matches 9 bytes each.
    """

    labels: pd.Index
    matcher: Matcher
    space: dict[str, tuple[str, ...]]
    found: dict[str, np.ndarray]
    rows: np.ndarray
    kw: np.ndarray
    codebook_codes: pd.DataFrame | None = None  # the codebook's codes table (id, kind, keywords...), when known
    used: dict[str, np.ndarray] | None = None  # per column: which codes any note has (found[column].any(axis=0))

    @property
    def empty(self) -> bool:
        return not len(self.rows)

    def codes_table(self, kind: str) -> pd.DataFrame:
        """The codebook's codes of ``kind`` this index was made with (empty when made from autocode's table)."""
        table = self.codebook_codes
        if table is None or table.empty:
            return pd.DataFrame(columns=["id", "kind", "keywords"])
        return table[table["kind"] == kind]

    def positions(self, notes: pd.DataFrame) -> np.ndarray:
        """Each note's row in the index (-1 for a note it was not made from), by index label. The labels of
        export.contributions are 0..n-1, and a filter keeps them: then this is the labels themselves, checked."""
        labels, index = self.labels, notes.index
        if (isinstance(labels, pd.RangeIndex) and labels.start == 0 and labels.step == 1
                and pd.api.types.is_integer_dtype(index.dtype)):
            pos = index.to_numpy(dtype=np.int64)
            if len(pos) and (pos.min() < 0 or pos.max() >= len(labels)):
                pos = np.where((pos >= 0) & (pos < len(labels)), pos, -1)
            if len(pos) < 2 or bool((pos[1:] > pos[:-1]).all()) or index.is_unique:
                return pos
        elif index.is_unique:
            return labels.get_indexer(index)
        raise ValueError("the notes' index labels must be unique (as export.contributions and frames filtered from "
                         "it have): auto codes are matched to notes by index label")

    def matrix(self, notes: pd.DataFrame, column: str, space: list[str]) -> np.ndarray:
        """notes x codes for ``notes``, columns in ``space`` order; codes found but not in ``space`` are appended."""
        have = self.space.get(column, ())
        index = {c: i for i, c in enumerate(space)}
        present = (self.used or {}).get(column) if column in self.found else np.zeros(0, bool)
        if present is None:
            present = self.found[column].any(axis=0)
        for code, used in zip(have, present, strict=True):
            if used and code not in index:
                index[code] = len(space)
                space.append(code)
        out = np.zeros((len(notes), max(len(space), 1)), dtype=bool)
        if not have or not len(notes):
            return out
        pos = self.positions(notes)
        inside = pos >= 0
        whole = len(pos) == len(self.labels) and (not len(pos) or (pos[0] == 0 and pos[-1] == len(pos) - 1))
        if whole and tuple(space[: len(have)]) == have and len(space) == len(have):
            return self.found[column].copy()  # every note, in order (positions are strictly increasing)
        picked = self.found[column][pos[inside]] if not inside.all() else self.found[column][pos]
        target = np.array([index.get(c, -1) for c in have], dtype=np.int64)
        keep = target >= 0
        if inside.all():
            out[:, target[keep]] = picked[:, keep]
        else:
            out[np.ix_(np.flatnonzero(inside), target[keep])] = picked[:, keep]
        return out

    def keywords(self, notes: pd.DataFrame, positions: np.ndarray, code: str) -> list[str]:
        """For notes at ``positions`` (in ``notes``): the keywords of ``code`` found in each, A to Z, as
        "grant* (en), money (en)" ("" where none). Vectorised: no Python step per note."""
        m = self.matcher
        positions = np.asarray(positions, dtype=np.int64)
        if not len(positions):
            return []
        wanted = m.codes.index(code) if code in m.codes else -1
        rows = self.positions(notes)[positions].astype(self.rows.dtype)  # same type: no copy of the matches
        lo = np.searchsorted(self.rows, rows, "left")
        count = np.where(rows >= 0, np.searchsorted(self.rows, rows, "right") - lo, 0)
        owner = np.repeat(np.arange(len(rows), dtype=np.int64), count)
        at = np.repeat(lo, count) + np.arange(len(owner), dtype=np.int64) - np.repeat(np.cumsum(count) - count, count)
        kw = self.kw[at].astype(np.int64)
        keep = m.kw_code[kw] == wanted
        names = [f"{m.keyword_text[k]} ({m.languages[m.kw_language[k]]})" for k in range(len(m.kw_code))]
        order = np.argsort(np.array(names, dtype=object), kind="stable")
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        pairs = np.unique(owner[keep] * len(m.kw_code) + rank[kw[keep]])  # each keyword once a note, A to Z
        owner, kw = pairs // len(m.kw_code), order[pairs % len(m.kw_code)]
        labels = pa.array(names, pa.string())
        offsets = np.zeros(len(rows) + 1, dtype=np.int32)
        np.cumsum(np.bincount(owner, minlength=len(rows)), out=offsets[1:])
        lists = pa.ListArray.from_arrays(pa.array(offsets), labels.take(pa.array(kw)))
        return pc.binary_join(lists, ", ").to_pylist()


def auto_index(notes: pd.DataFrame, codebook) -> AutoCodes:
    """Run the auto-coder on ``notes`` (a whole export) once and index its codes per note (see AutoCodes).
    Same matches as ``autocode``, without writing out the matched words and ids of each match."""
    matcher = compile_codebook(codebook)
    none = np.zeros(0, np.int64)
    if notes.empty or "text" not in notes or not len(matcher.kw_code):
        rows, kw = none, none
    else:
        rows, kw, _ = _scan(notes, matcher, None)
    return _indexed(notes, matcher, rows, kw, codebook.codes)


def _indexed(notes: pd.DataFrame, matcher: Matcher, rows: np.ndarray, kw: np.ndarray,
             codes: pd.DataFrame | None = None) -> AutoCodes:
    space, found = {}, {}
    code = matcher.kw_code[kw] if len(kw) else np.zeros(0, np.int64)
    for column in COLUMNS:
        mine = [i for i, c in enumerate(matcher.code_column) if c == column]
        space[column] = tuple(matcher.codes[i] for i in mine)
        where = np.full(len(matcher.codes), -1, dtype=np.int64)
        where[mine] = np.arange(len(mine))
        matrix = np.zeros((len(notes), len(mine)), dtype=bool)
        target = where[code]
        ok = target >= 0
        matrix[rows[ok], target[ok]] = True
        found[column] = matrix
    order = np.argsort(rows, kind="stable") if len(rows) and (np.diff(rows) < 0).any() else slice(None)
    return AutoCodes(notes.index, matcher, space, found,
                     rows[order].astype(np.int32 if len(notes) < 2**31 else np.int64),
                     kw[order].astype(np.int16 if len(matcher.kw_code) < 2**15 else np.int64), codes,
                     {column: _column_sums(matrix) > 0 for column, matrix in found.items()})


def index_of(notes: pd.DataFrame, matches) -> AutoCodes:
    """``matches`` as an AutoCodes index: itself if it is one, else autocode's table indexed for ``notes`` (the
    notes it was computed on, or a frame filtered from them: rows are matched by index label)."""
    if isinstance(matches, AutoCodes):
        return matches
    if not notes.index.is_unique:
        raise ValueError("the notes' index labels must be unique (as export.contributions and frames filtered from "
                         "it have): auto codes are matched to notes by index label")
    cats = {name: matches[name].astype("category") for name in ("code", "column", "keyword", "language")}
    codes = tuple(str(c) for c in cats["code"].cat.categories)
    number = [cats[name].cat.codes.to_numpy().astype(np.int64) for name in ("code", "keyword", "language")]
    sizes = [len(cats[name].cat.categories) + 1 for name in ("code", "keyword", "language")]
    key = (number[0] * sizes[1] + number[1]) * sizes[2] + number[2]
    _, kw = np.unique(key, return_inverse=True)
    first = np.unique(key, return_index=True)[1]
    columns = {}
    for c, column in zip(number[0][first], cats["column"].cat.codes.to_numpy()[first], strict=True):
        columns.setdefault(codes[c], str(cats["column"].cat.categories[column]))
    keywords = [str(cats["keyword"].cat.categories[k]) for k in number[1][first]]
    language_names = list(cats["language"].cat.categories.astype(str))
    languages = tuple(dict.fromkeys(language_names[k] for k in number[2][first]))
    book = Matcher("table", codes, tuple(columns.get(c, "") for c in codes), languages, tuple(keywords),
                   number[0][first], np.array([languages.index(language_names[k]) for k in number[2][first]],
                                              dtype=np.int64),
                   np.zeros(0, np.int64), np.zeros((0, 1), np.int64), np.zeros(0, np.int64), {}, ())
    position = notes.index.get_indexer(matches["row"].to_numpy()) if len(matches) else np.zeros(0, np.int64)
    inside = position >= 0
    return _indexed(notes, book, position[inside], kw[inside])


# ------------------------------------------------------------------------------------------------ applying the codes
# Codes of one column are held as a boolean matrix, notes x codes (16 theme codes, 8 commitments: 24 MB at a million
# notes): a code given twice is set once, rows come out in codebook order, and counts are column sums.


def _any_rows(matrix: np.ndarray) -> np.ndarray:
    """Per row of a notes x codes boolean matrix: any code set. Eight codes at a time through a uint64 view: about
    ten times faster than ``matrix.any(axis=1)`` at a million notes (benchmarks/)."""
    n, k = matrix.shape
    if not n or not k:
        return np.zeros(n, dtype=bool)
    width = -(-k // 8) * 8
    padded = np.zeros((n, width), dtype=bool)
    padded[:, :k] = matrix
    words = padded.view(np.uint64)
    found = words[:, 0].copy()
    for j in range(1, words.shape[1]):
        found |= words[:, j]
    return found != 0


def _column_sums(matrix: np.ndarray) -> np.ndarray:
    """Per code (column): how many notes have it. Counting contiguous rows of the transposed matrix is about twice
    as fast as ``matrix.sum(axis=0)``."""
    return np.array([np.count_nonzero(row) for row in np.ascontiguousarray(matrix.T)], dtype=np.int64)


def _empty_lists(n: int) -> pa.Array:
    return pa.ListArray.from_arrays(pa.array(np.zeros(n + 1, dtype=np.int32)), pa.array([], pa.string()))


def _code_space(codebook_or_matches, column: str) -> list[str]:
    """The codes of a column in codebook order (from a codebook, an AutoCodes index, or the categories of
    autocode's matches)."""
    if isinstance(codebook_or_matches, AutoCodes):
        return list(codebook_or_matches.space.get(column, ()))
    if isinstance(codebook_or_matches, pd.DataFrame):
        code = codebook_or_matches["code"]
        return [str(c) for c in code.cat.categories] if isinstance(code.dtype, pd.CategoricalDtype) else []
    return [c for c, col in _code_list(codebook_or_matches) if col == column]


def _matrix(lists: pa.Array, space: list[str]) -> np.ndarray:
    """notes x codes, True where the note's list holds the code; codes not in ``space`` are appended to it.
    ``lists``: list<string>, or list<dictionary<string>> as the loader keeps codes (no string is hashed then)."""
    flat = pc.list_flatten(lists)
    parent = np.asarray(pc.list_parent_indices(lists), dtype=np.int64)
    if pa.types.is_dictionary(flat.type) and flat.null_count:
        flat = flat.dictionary_decode()
    encoded = flat if pa.types.is_dictionary(flat.type) else pc.dictionary_encode(flat)
    values = encoded.dictionary.to_pylist()
    used = np.bincount(np.asarray(encoded.indices, dtype=np.int64), minlength=len(values)) > 0
    index = {c: i for i, c in enumerate(space)}
    for value, seen in zip(values, used, strict=True):
        if seen and value not in index:
            index[value] = len(space)
            space.append(value)
    mapping = np.array([index.get(v, -1) for v in values], dtype=np.int64)
    out = np.zeros((len(lists), max(len(space), 1)), dtype=bool)
    if len(parent):
        out[parent, mapping[np.asarray(encoded.indices, dtype=np.int64)]] = True
    return out


def _auto_matrix(notes: pd.DataFrame, matches, column: str, space: list[str]) -> np.ndarray:
    """notes x codes, True where the auto-coder found the code's keywords in the note (coded or not)."""
    return index_of(notes, matches).matrix(notes, column, space)


def _lists(matrix: np.ndarray, space: list[str]) -> pa.Array:
    """list<string> per row of a notes x codes matrix, codes in ``space`` order."""
    rows, cols = np.nonzero(matrix)
    offsets = np.zeros(len(matrix) + 1, dtype=np.int32)
    np.cumsum(np.bincount(rows, minlength=len(matrix)), out=offsets[1:])
    values = pa.array(space, pa.string()).take(pa.array(cols)) if len(cols) else pa.array([], pa.string())
    return pa.ListArray.from_arrays(pa.array(offsets), values)


def _auto_list(notes: pd.DataFrame, matches, column: str) -> pa.Array:
    space = _code_space(index_of(notes, matches), column)
    return _lists(_auto_matrix(notes, matches, column, space), space)


def auto_codes(notes: pd.DataFrame, matches, column: str) -> pd.Series:
    """The auto-coder's codes per note in ``column`` (each once, in codebook order), for every note, coded or not."""
    matches = index_of(notes, matches)
    return pd.Series(pd.array(_auto_list(notes, matches, column), dtype=LIST_DTYPE), index=notes.index)


def with_auto_codes(notes: pd.DataFrame, matches, mode: str = "both") -> pd.DataFrame:
    """A copy of ``notes`` whose themes and direction hold the codes of ``mode``, with where they came from.

    - "human": the facilitators' codes only (as loaded).
    - "auto": the auto-coder's codes, only on notes the facilitators left without codes in that column; notes
      the facilitators coded get [] (their codes are not auto codes).
    - "both": facilitators' codes where they gave any (they always win), else the auto-coder's.
    Each column is decided on its own: a note with facilitator themes but no direction takes auto direction codes.
    ``themes_auto`` / ``direction_auto`` are True where the note's codes in that column came from the auto-coder
    (never in "human" mode). ``matches`` is ``autocode``'s result for these notes or for a frame they were filtered
    from (rows are matched on index labels).
    """
    matches = index_of(notes, matches)
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    n = len(notes)
    out = {}
    for column in COLUMNS:
        human = _arrow_lists(notes[column]) if column in notes else _empty_lists(n)
        has_human = coded_mask(notes, column) if column in notes else np.zeros(n, dtype=bool)
        if mode == "human":
            values, is_auto = human, np.zeros(n, dtype=bool)
        else:
            space = _code_space(index_of(notes, matches), column)
            found = _auto_matrix(notes, matches, column, space)
            found[has_human] = False
            is_auto = _any_rows(found)
            values = _chosen_lists(human, has_human if mode == "both" else np.zeros(n, dtype=bool), found, space)
        out[column] = pd.Series(pd.arrays.ArrowExtensionArray(values), index=notes.index)
        out[f"{column}_auto"] = pd.Series(is_auto, index=notes.index, dtype=bool)
    return notes.assign(**out)


def _chosen_lists(human: pa.Array, keep: np.ndarray, found: np.ndarray, space: list[str]) -> pa.Array:
    """Per note, its facilitators' list where ``keep`` (as given: order and repeats kept), else the auto-coder's codes
    (``found`` rows, in ``space`` order), as list<dictionary<int32, string>> like the loader's: assembled with NumPy
    from the two lists' numbers, no string copied per note."""
    n = len(keep)
    flat = pc.list_flatten(human)
    if flat.null_count:  # a missing code inside a list: the plain way keeps it missing
        auto = _lists(found, space)
        return pc.if_else(pa.array(keep), human.cast(LIST_TYPE), auto) if keep.any() else auto
    encoded = flat if pa.types.is_dictionary(flat.type) else pc.dictionary_encode(flat)
    human_values = [str(v) for v in encoded.dictionary.to_pylist()]
    dictionary = list(space) + [v for v in dict.fromkeys(human_values) if v not in set(space)]
    number = {code: i for i, code in enumerate(dictionary)}
    human_codes = np.array([number[v] for v in human_values], dtype=np.int64)[
        np.asarray(encoded.indices, dtype=np.int64)] if len(human_values) else np.zeros(0, np.int64)
    human_offsets = np.asarray(human.offsets, dtype=np.int64)
    human_offsets = human_offsets - human_offsets[0]
    human_length = np.diff(human_offsets)
    auto_rows, auto_codes = np.nonzero(found[:, : len(space)])  # row-major: grouped by note, in space order
    auto_length = np.bincount(auto_rows, minlength=n)
    length = np.where(keep, human_length, auto_length)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(length, out=offsets[1:])
    values = np.empty(int(offsets[-1]), dtype=np.int32)
    owner = np.repeat(np.arange(n, dtype=np.int64), human_length)
    taken = keep[owner]
    within = np.arange(len(owner), dtype=np.int64) - human_offsets[owner]
    values[(offsets[owner] + within)[taken]] = human_codes[taken]
    used = ~keep[auto_rows]
    auto_start = np.cumsum(auto_length) - auto_length
    within = np.arange(len(auto_rows), dtype=np.int64) - auto_start[auto_rows]
    values[(offsets[auto_rows] + within)[used]] = auto_codes[used]
    items = pa.DictionaryArray.from_arrays(pa.array(values, pa.int32()), pa.array(dictionary, pa.string()))
    return pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32)), items)


# ------------------------------------------------------------------------------------------------ counts and evaluation


def codebook_table(codebook) -> pd.DataFrame:
    """Every code of the codebook, in its order: code, kind (theme, need, responsible, commitment), label, column
    (themes | direction), description, keywords (dict language -> list)."""
    parts = []
    if codebook.codes is not None and not codebook.codes.empty:
        parts.append(codebook.codes.assign(column="themes"))
    if codebook.commitments is not None and not codebook.commitments.empty:
        parts.append(codebook.commitments.assign(kind="commitment", column="direction"))
    columns = ["code", "kind", "label", "column", "description", "keywords"]
    if not parts:
        return pd.DataFrame(columns=columns)
    table = pd.concat(parts, ignore_index=True).rename(columns={"id": "code"})
    for name in ("description", "keywords"):
        if name not in table:
            table[name] = None
    return table[columns]


def _code_table(codebook) -> pd.DataFrame:
    return codebook_table(codebook)[["code", "kind", "label", "column"]]


def _truth_and_guess(notes: pd.DataFrame, matches, column: str, space: list[str]):
    """On the notes with facilitator codes in ``column``: (how many, facilitator matrix, auto-coder matrix).
    The matrices are built on all notes and then cut to those rows: cutting the frame first would copy its text."""
    mask = coded_mask(notes, column) if column in notes else np.zeros(len(notes), dtype=bool)
    if not mask.any():
        empty = np.zeros((0, max(len(space), 1)), bool)
        return 0, empty, empty.copy()
    truth = _matrix(_arrow_lists(notes[column]), space)[mask]
    guess = _auto_matrix(notes, matches, column, space)[mask]
    if guess.shape[1] < truth.shape[1]:
        guess = np.pad(guess, ((0, 0), (0, truth.shape[1] - guess.shape[1])))
    if truth.shape[1] < guess.shape[1]:
        truth = np.pad(truth, ((0, 0), (0, guess.shape[1] - truth.shape[1])))
    return int(mask.sum()), truth, guess


def counts_by_source(notes: pd.DataFrame, matches, codebook) -> pd.DataFrame:
    """Notes carrying each codebook code, from facilitators and from the auto-coder ("both" mode, split).

    One row per code of the codebook (codes with no notes stay, at 0), in codebook order: code, kind, label,
    column, facilitators (notes the facilitators gave it), auto (notes without facilitator codes in that column that
    the auto-coder gave it), total (the sum: notes carrying it in "both" mode), all_notes (the denominator for
    shares: every note given). A note with several codes counts once for each. Codes outside the codebook are not
    listed.
    """
    matches = index_of(notes, matches)
    table = _code_table(codebook)
    parts = []
    for column in COLUMNS:
        space = _code_space(codebook, column)
        human = _matrix(_arrow_lists(notes[column]), space) if column in notes else np.zeros((len(notes), 1), bool)
        auto = _auto_matrix(notes, matches, column, space)
        auto[_any_rows(human)] = False
        k = len(space)
        parts.append(pd.DataFrame({"code": space, "column": column,
                                   "facilitators": _column_sums(human[:, :k]) if k else [],
                                   "auto": _column_sums(np.pad(auto, ((0, 0), (0, max(0, k - auto.shape[1]))))[:, :k])
                                   if k else []}))
    out = table.merge(pd.concat(parts, ignore_index=True), on=["code", "column"], how="left")
    out[["facilitators", "auto"]] = out[["facilitators", "auto"]].fillna(0).astype("int64")
    out["total"] = out["facilitators"] + out["auto"]
    out["all_notes"] = len(notes)
    return out


def coverage(notes: pd.DataFrame, matches) -> pd.DataFrame:
    """How notes are coded, one row per column (themes, direction): notes (all given), facilitators (notes with
    facilitator codes), auto (notes without facilitator codes that the auto-coder coded), none (notes left with no
    code), and each of the three as a share of all notes."""
    matches = index_of(notes, matches)
    rows = []
    n = len(notes)
    for column in COLUMNS:
        has_human = coded_mask(notes, column) if column in notes else np.zeros(n, dtype=bool)
        found = _auto_matrix(notes, matches, column, _code_space(index_of(notes, matches), column))
        human, auto = int(has_human.sum()), int((_any_rows(found) & ~has_human).sum())
        rows.append({"column": column, "notes": n, "facilitators": human, "auto": auto, "none": n - human - auto,
                     "facilitators_share": human / n if n else 0.0, "auto_share": auto / n if n else 0.0,
                     "none_share": (n - human - auto) / n if n else 0.0})
    return pd.DataFrame(rows)


def evaluate(notes: pd.DataFrame, matches, codebook) -> pd.DataFrame:
    """How well the auto-coder reproduces the facilitators, per code, on the notes facilitators coded.

    For each column, the evaluated notes are those with at least one facilitator code in it; the auto-coder's codes
    for them are taken as if they were uncoded. Per code: facilitators (notes the facilitators gave it = truth),
    auto (notes the auto-coder gives it), both (agreement), precision = both / auto (NaN when auto = 0),
    recall = both / facilitators (NaN when facilitators = 0), evaluated_notes (the denominator set's size).
    Every code of the codebook is listed, in codebook order, also when neither side used it.
    """
    matches = index_of(notes, matches)
    table = _code_table(codebook)
    parts = []
    for column in COLUMNS:
        space = _code_space(codebook, column)
        n, truth, guess = _truth_and_guess(notes, matches, column, space)
        k = len(space)
        parts.append(pd.DataFrame({"code": space, "column": column, "evaluated_notes": n,
                                   "facilitators": _column_sums(truth[:, :k]), "auto": _column_sums(guess[:, :k]),
                                   "both": _column_sums((truth & guess)[:, :k])}))
    out = table.merge(pd.concat(parts, ignore_index=True), on=["code", "column"], how="left")
    for name in ("evaluated_notes", "facilitators", "auto", "both"):
        out[name] = out[name].fillna(0).astype("int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        out["precision"] = np.where(out["auto"] > 0, out["both"] / out["auto"], np.nan)
        out["recall"] = np.where(out["facilitators"] > 0, out["both"] / out["facilitators"], np.nan)
    return out[["code", "kind", "label", "column", "evaluated_notes", "facilitators", "auto", "both", "precision",
                "recall"]]


def evaluation_summary(notes: pd.DataFrame, matches) -> pd.DataFrame:
    """One row per column: how much of the facilitators' coding the auto-coder reproduces, all codes at once.

    evaluated_notes (notes with facilitator codes in the column, the denominator), precision (codes the auto-coder
    gives that the facilitators also gave, over all it gives), recall (facilitator codes it finds, over all they
    gave), any_share (share of evaluated notes where it finds at least one of the facilitators' codes), all_share
    (where it finds every one of them). Facilitator codes that are not in the codebook count as not found.
    """
    matches = index_of(notes, matches)
    rows = []
    for column in COLUMNS:
        space = _code_space(index_of(notes, matches), column)
        n, truth, guess = _truth_and_guess(notes, matches, column, space)
        if not n:
            rows.append({"column": column, "evaluated_notes": 0, "precision": np.nan, "recall": np.nan,
                         "any_share": np.nan, "all_share": np.nan})
            continue
        agree = truth & guess
        given, found, right = (int(np.count_nonzero(m)) for m in (truth, guess, agree))
        rows.append({"column": column, "evaluated_notes": n,
                     "precision": right / found if found else np.nan, "recall": right / given,
                     "any_share": float(_any_rows(agree).sum()) / n,
                     "all_share": float((~_any_rows(truth & ~guess)).sum()) / n})  # no facilitator code missed
    return pd.DataFrame(rows)


def unmatched(notes: pd.DataFrame, matches) -> pd.DataFrame:
    """The notes no theme, need or responsibility code covers: no facilitator themes and no auto-coder theme match.

    What the codebook misses. A slice of ``notes`` (same index, same order).
    """
    matches = index_of(notes, matches)
    human = coded_mask(notes, "themes") if "themes" in notes else np.zeros(len(notes), dtype=bool)
    space = _code_space(index_of(notes, matches), "themes")
    auto = _any_rows(_auto_matrix(notes, matches, "themes", space))
    return notes[~(human | auto)]


# ------------------------------------------------------------------------------------------------ frequent words


@lru_cache(maxsize=4)
def load_stopwords(path: str | None = None) -> dict[str, frozenset[str]]:
    """Stop words per language from data/stopwords.toml, folded like note text."""
    data = tomllib.loads(Path(path or STOPWORDS_FILE).read_text(encoding="utf-8"))
    return {str(lang): frozenset(fold(str(w)) for w in words) for lang, words in data.items()
            if isinstance(words, list)}


def _short(word: str) -> bool:
    if word.isdigit():
        return True
    minimum = 2 if ("\u0600" <= word[:1] <= "\u06ff" or "\u0900" <= word[:1] <= "\u097f") else 3
    return len(word) < minimum


def frequent_words(notes: pd.DataFrame, stopwords: dict[str, frozenset[str]] | None = None,
                   top: int = 30, min_notes: int = 1) -> pd.DataFrame:
    """The words found in the most notes, stop words removed: a prompt for new codes.

    Columns: word (lower case, as most often written), notes (notes containing it at least once), share (of all the
    notes given), languages (the note languages it appears in, comma-separated). The stop words of a note's
    language are removed, and of every language for notes with no (or an unlisted) language; so are numbers and
    words of fewer than 3 letters (2 in Arabic and Devanagari). Words are grouped by their folded form ("educación"
    and "educacion" are one word). Only words in at least ``min_notes`` notes are listed, at most ``top`` of them;
    ties are broken alphabetically.
    """
    columns = ["word", "notes", "share", "languages"]
    if notes.empty or "text" not in notes:
        return pd.DataFrame(columns=columns)
    stopwords = load_stopwords() if stopwords is None else stopwords
    every = frozenset().union(*stopwords.values()) if stopwords else frozenset()
    found = words(_text_array(notes["text"]), transform=_lower)
    if not len(found.word):
        return pd.DataFrame(columns=columns)
    language_names = sorted(stopwords)
    lang = _note_languages(notes, tuple(language_names))[found.note]
    folded = fold_array(pa.array(found.vocab, pa.string())).to_pylist()
    key_of = {k: i for i, k in enumerate(dict.fromkeys(folded))}
    keys = list(key_of)
    vocab_key = np.array([key_of[k] for k in folded], dtype=np.int64)
    short = np.array([_short(w) for w in found.vocab], dtype=bool)
    # stop words per (key, language): -1 is "no usable language", which uses every language's list
    stop_any = np.array([k in every for k in keys], dtype=bool)
    stop_lang = np.array([[k in stopwords[name] for name in language_names] for k in keys], dtype=bool).reshape(
        len(keys), len(language_names))
    key = vocab_key[found.word]
    is_stop = np.where(lang < 0, stop_any[key], stop_lang[key, np.maximum(lang, 0)] if language_names else False)
    keep = ~(short[found.word] | is_stop)
    pairs = np.unique(np.stack([found.note[keep], key[keep]], axis=1), axis=0) if keep.any() else None
    if pairs is None:
        return pd.DataFrame(columns=columns)
    per_key = np.bincount(pairs[:, 1], minlength=len(keys))
    chosen = np.flatnonzero(per_key >= max(min_notes, 1))
    ranked = sorted(chosen, key=lambda k: (-per_key[k], keys[k]))[:top]
    # the most frequent written form of each chosen word, and its languages
    written = pd.Series(found.word[keep]).groupby(key[keep]).agg(lambda s: s.value_counts().idxmax())
    note_language = notes["language"].astype("object").map(_primary).to_numpy() if "language" in notes else None
    rows = []
    for k in ranked:
        in_notes = pairs[pairs[:, 1] == k, 0]
        langs = sorted({str(x) for x in note_language[in_notes] if pd.notna(x) and x}) if note_language is not None \
            else []
        rows.append({"word": found.vocab[int(written[k])], "notes": int(per_key[k]),
                     "share": per_key[k] / len(notes), "languages": ", ".join(langs)})
    return pd.DataFrame(rows, columns=columns)


# ------------------------------------------------------------------------------------------------ for the Codebook page


def keywords_text(keywords: dict | None) -> str:
    """A code's keywords in one line: "en: grant*, money; es: beca*" (languages in codebook order)."""
    return "; ".join(f"{lang}: {', '.join(words)}" for lang, words in (keywords or {}).items() if words)


def code_examples(notes: pd.DataFrame, matches, code: str, column: str, n: int = 5) -> pd.DataFrame:
    """Up to ``n`` notes the facilitators gave ``code`` and up to ``n`` the auto-coder gave it (notes without
    facilitator codes in ``column``), in note order. Columns: source ("facilitators" | "auto-coder"), text,
    language, matched (for auto codes: the keywords found, "grant* (en)"). No participant ids.
    ``matches``: autocode's table for these notes (or a frame they were filtered from), or auto_index's index."""
    matches = index_of(notes, matches)
    human = np.zeros(len(notes), dtype=bool)
    if column in notes and len(notes):
        rows, numbers, dictionary = code_pairs(notes, column)
        if code in dictionary:
            human[rows[numbers == dictionary.index(code)]] = True
    has_human = coded_mask(notes, column) if column in notes else np.zeros(len(notes), dtype=bool)
    space = [code]
    auto = matches.matrix(notes, column, space)[:, 0] & ~has_human
    picks = (("facilitators", np.flatnonzero(human)[:n]), ("auto-coder", np.flatnonzero(auto)[:n]))
    said = matches.keywords(notes, picks[1][1], code)
    rows = []
    for source, picked in picks:
        for j, i in enumerate(picked):
            note = notes.iloc[i]
            rows.append({"source": source, "text": str(note["text"]),
                         "language": "" if pd.isna(note.get("language")) else str(note.get("language")),
                         "matched": said[j] if source == "auto-coder" else ""})
    return pd.DataFrame(rows, columns=["source", "text", "language", "matched"])


def counts_sentence(counts: pd.DataFrame, what: str = "code") -> str:
    """The most frequent code with its facilitator/auto split, and how much the auto-coder adds overall."""
    if counts.empty or counts["total"].sum() == 0:
        return f"No note carries a {what} yet."
    top = counts.sort_values("total", ascending=False, kind="stable").iloc[0]
    added = int(counts["auto"].sum())
    return (f"{top['label']} is the most frequent {what}: {int(top['total'])} notes, {int(top['facilitators'])} "
            f"coded by facilitators and {int(top['auto'])} by the auto-coder. Across all {what}s the auto-coder adds "
            f"{added} code{'s' if added != 1 else ''} to notes the facilitators left uncoded.")


def evaluation_sentence(summary: pd.Series, what: str = "codes") -> str:
    """One column's evaluation in words."""
    from analysis.vocabulary import pct

    if not summary["evaluated_notes"]:
        return f"No note has facilitator {what}, so the auto-coder cannot be compared with them."
    precision = "–" if pd.isna(summary["precision"]) else pct(summary["precision"])
    return (f"On the {int(summary['evaluated_notes'])} notes facilitators coded, the auto-coder finds "
            f"{pct(summary['recall'])} of their {what} (recall), {precision} of the {what} it gives agree with "
            f"theirs (precision), and it finds at least one of their {what} on {pct(summary['any_share'])} of the "
            "notes.")


def words_sentence(words: pd.DataFrame, unmatched_notes: int) -> str:
    """The top words of the notes the codebook misses, as a prompt."""
    if words.empty:
        return "The notes the codebook misses have no frequent words left once stop words are removed."
    top = ", ".join(f"“{w}” ({n})" for w, n in zip(words["word"].head(5), words["notes"].head(5), strict=True))
    return f"In the {unmatched_notes} notes no theme code covers, the most frequent words are {top}."
