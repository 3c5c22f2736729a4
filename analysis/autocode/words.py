"""The words that come up most in the notes the codebook misses."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from .text import _lower, _note_languages, _primary, _text_array, fold, fold_array, words

STOPWORDS_FILE = Path(__file__).resolve().parents[2] / "data" / "stopwords.toml"


@lru_cache(maxsize=4)
def load_stopwords(path: str | None = None) -> dict[str, frozenset[str]]:
    """Stop words per language from data/stopwords.toml, folded like note text."""
    data = tomllib.loads(Path(path or STOPWORDS_FILE).read_text(encoding="utf-8"))
    return {
        str(lang): frozenset(fold(str(w)) for w in words) for lang, words in data.items() if isinstance(words, list)
    }


def _short(word: str) -> bool:
    if word.isdigit():
        return True
    minimum = 2 if ("\u0600" <= word[:1] <= "\u06ff" or "\u0900" <= word[:1] <= "\u097f") else 3
    return len(word) < minimum


def frequent_words(
    notes: pd.DataFrame, stopwords: dict[str, frozenset[str]] | None = None, top: int = 30, min_notes: int = 1
) -> pd.DataFrame:
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
        len(keys), len(language_names)
    )
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
        langs = (
            sorted({str(x) for x in note_language[in_notes] if pd.notna(x) and x}) if note_language is not None else []
        )
        rows.append(
            {
                "word": found.vocab[int(written[k])],
                "notes": int(per_key[k]),
                "share": per_key[k] / len(notes),
                "languages": ", ".join(langs),
            }
        )
    return pd.DataFrame(rows, columns=columns)
