"""The codebook compiled into a matcher, and every keyword match in the notes (a table of matches)."""

from __future__ import annotations

import bisect
import hashlib
import json
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .arrays import COLUMNS
from .text import _SPLIT, _arabic_variants, _forms, _is_arabic, _note_languages, _text_array, fold_array, words

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
            payload.append(
                {
                    k: ({lang: list(w) for lang, w in sorted(v.items())} if isinstance(v, dict) else str(v))
                    for k, v in sorted(row.items())
                }
            )
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
    folded_texts = fold_array(pa.array([text for _, _, text, _ in kept], pa.string())).to_pylist() if kept else []
    same = [
        first_of.setdefault((code, folded or ""), i)
        for i, ((code, _, _, _), folded) in enumerate(zip(kept, folded_texts, strict=True))
    ]
    compiled = Matcher(
        key,
        tuple(c for c, _ in codes),
        tuple(col for _, col in codes),
        tuple(languages),
        tuple(text for _, _, text, _ in kept),
        np.array([c for c, *_ in kept], dtype=np.int64),
        np.array([lang for _, lang, *_ in kept], dtype=np.int64),
        np.array([len(ids) for *_, ids in kept], dtype=np.int64),
        kw_words,
        np.array(same, dtype=np.int64),
        {k: tuple(v) for k, v in exact.items()},
        tuple(sorted(stems)),
    )
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
    return pd.DataFrame(
        {
            "row": rows,
            "contribution_id": pd.array(ids, dtype="str"),
            "code": pd.Categorical.from_codes(code, categories=list(matcher.codes)),
            "column": pd.Categorical.from_codes(code_column[code] if len(code) else code, categories=list(COLUMNS)),
            "keyword": pd.Categorical.from_codes(text_id[kw] if len(kw) else kw, categories=texts),
            "language": pd.Categorical.from_codes(matcher.kw_language[kw], categories=list(matcher.languages)),
            "matched": matched,
        }
    )


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
        longer = np.flatnonzero(matcher.kw_len[kw] > j)  # only these are checked: most keywords are one word
        if not len(longer):
            break
        p, k = pos[longer], kw[longer]
        at = np.minimum(p + j, n_tokens - 1)
        key = matcher.kw_words[k, j] * n_vocab + token[at]
        slot = np.minimum(np.searchsorted(valid, key), len(valid) - 1)
        ok = (p + j < n_tokens) & (note[at] == note[p]) & (valid[slot] == key)
        if ok.all():
            continue
        keep = np.ones(len(pos), dtype=bool)
        keep[longer[~ok]] = False
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
    ids = np.array(
        [
            labels.setdefault(" ".join(vocab[t] for t in token[pos[i] : pos[i] + matcher.kw_len[kw[i]]]), len(labels))
            for i in where
        ],
        dtype=np.int64,
    )
    return rows, kw, ids[group] if len(group) else none


def match_notes(notes: pd.DataFrame, codebook) -> pd.DataFrame:
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
    ids = (
        pa.array(notes["contribution_id"], from_pandas=True).take(pa.array(rows)).to_pandas()
        if "contribution_id" in notes
        else np.full(len(rows), None)
    )
    words_matched = (
        pd.Categorical.from_codes(matched, categories=pd.Index(list(labels)))
        if len(labels)
        else pd.Categorical([None] * len(rows))
    )
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
        rows, kw, matched = _find(texts.slice(begin, CHUNK), note_language[begin : begin + CHUNK], matcher, labels)
        rows = rows + begin
        parts.append((rows.astype(np.int32), kw.astype(np.int16), matched) if small else (rows, kw, matched))
    return tuple(np.concatenate([p[i] for p in parts]) for i in range(3))
