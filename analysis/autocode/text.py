"""Folding text and cutting it into words, the same way for notes and keywords; simple inflections."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# ------------------------------------------------------------------------------------------------ folding and words

#: Marks removed after NFKD: Latin/Greek/Cyrillic accents, Arabic harakat, superscript alef and tatweel, the
#: Devanagari nukta, zero-width (non-)joiners and soft hyphens. Devanagari vowel signs and viramas are kept.
_MARKS = "[\u0300-\u036f\u064b-\u065f\u0670\u0640\u093c\u200c\u200d\u00ad]"
_REPLACE = (("ß", "ss"), ("œ", "oe"), ("æ", "ae"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"), ("\u0901", "\u0902"), ("’", "'"))
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
