"""The keyword auto-coder measured on real-world statements it was never tuned on (data/evaluation/items.jsonl).

The items restate points from the 2017 movement-strategy pages, each labelled with the cycle-2 theme its source
files it under; the codebook's five theme codes carry exactly those ids (``theme_codes`` checks it). Every item is
coded by the shipped auto-coder under a codebook, and its theme codes (kind ``theme`` only: needs and
responsibilities are not themes) are compared with the label. Figures per split (``test`` is held out, ``dev`` is
for tuning), per code and per language: precision and recall with Wilson 95% intervals, F1 with a bootstrap
interval over items (fixed seed), and micro and macro averages.

``python -m analysis.autocode.heldout`` writes data/evaluation/results.json (what the Codebook page reads, with the
digest of the codebook it was measured under) and the tables in docs/analysis/codebook.md between the markers;
``--check`` only says whether both are current. tests/analysis/test_heldout.py recomputes them.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from loaders.codebook import DEFAULT_CODEBOOK, load_codebook

from .index import build_index

ROOT = Path(__file__).resolve().parents[2]
ITEMS = ROOT / "data" / "evaluation" / "items.jsonl"
RESULTS = ROOT / "data" / "evaluation" / "results.json"
DOC = ROOT / "docs" / "analysis" / "codebook.md"
START, END = "<!-- heldout:start -->", "<!-- heldout:end -->"
#: Template rows, not statements: the two example rows the Cycle 2 "Sources" template shows above every summary
#: table ("Below is an example"), restated from the Albanian Wikipedia page (data/evaluation/README.md).
EXCLUDED = ("ev-0124", "ev-0125")
SPLITS = ("test", "dev")
SEED = 2017
BOOTSTRAP = 2000
METHOD = "keyword auto-coder (baseline: the codebook's keywords, analysis/autocode)"
ROUND = 4
FOLDS_TEXT = "5-fold cross-validation grouped by source page"


def load_items(path: Path = ITEMS, *, excluded: tuple[str, ...] = EXCLUDED) -> pd.DataFrame:
    """The evaluation items without the template rows: id, split, language (primary tag), text, labels, page (the
    source page's address)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    items = pd.DataFrame(rows, columns=["id", "split", "language", "text", "labels", "source_url"])
    items = items.rename(columns={"source_url": "page"})
    items["language"] = items["language"].str.split("-").str[0].str.lower()
    return items[~items["id"].isin(excluded)].reset_index(drop=True)


def theme_codes(codebook) -> list[str]:
    """The codebook's codes of kind ``theme``, in codebook order."""
    codes = codebook.codes
    if codes is None or codes.empty:
        return []
    return [str(c) for c in codes.loc[codes["kind"] == "theme", "id"]]


def predict(items: pd.DataFrame, codebook, codes: list[str]) -> np.ndarray:
    """items x codes: True where the auto-coder gives the item the code (its text matched a keyword of the code)."""
    notes = pd.DataFrame({"text": items["text"].to_numpy(), "language": items["language"].to_numpy()})
    index = build_index(notes, codebook)
    return index.matrix(notes, "themes", list(codes))[:, : len(codes)]  # matrix() may extend the list it is given


def truth(items: pd.DataFrame, codes: list[str]) -> np.ndarray:
    """items x codes: True where the item's label is the code."""
    return np.array([[c in labels for c in codes] for labels in items["labels"]], dtype=bool).reshape(-1, len(codes))


def _wilson(k: int, n: int) -> tuple[float, float]:
    if not n:
        return np.nan, np.nan
    low, high = proportion_confint(k, n, alpha=0.05, method="wilson")
    return float(low), float(high)


def _f1(tp, fp, fn):
    tp, fp, fn = (np.asarray(x, dtype=float) for x in (tp, fp, fn))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), np.nan)


def _macro(tp, fp, fn, defined):
    """Mean per-code precision, recall and F1 over the codes with items labelled so (``defined``); arrays ... x codes."""
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(tp + fp > 0, tp / (tp + fp), 0.0)  # a code never given scores 0, as scikit-learn's zero_division=0
        r = tp / (tp + fn)
    f = np.nan_to_num(_f1(tp, fp, fn))
    return tuple(x[..., defined].mean(axis=-1) if defined.any() else np.full(x.shape[:-1], np.nan) for x in (p, r, f))


def _row(group, key, items, tp, fp, fn, f1_boot) -> dict:
    tp, fp, fn = int(tp), int(fp), int(fn)
    p_lo, p_hi = _wilson(tp, tp + fp)
    r_lo, r_hi = _wilson(tp, tp + fn)
    f1 = float(_f1(tp, fp, fn))
    lo, hi = np.nanpercentile(f1_boot, [2.5, 97.5]) if np.isfinite(f1_boot).any() else (np.nan, np.nan)
    return {
        "group": group,
        "key": key,
        "items": items,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": tp / (tp + fp) if tp + fp else np.nan,
        "precision_low": p_lo,
        "precision_high": p_hi,
        "recall": tp / (tp + fn) if tp + fn else np.nan,
        "recall_low": r_lo,
        "recall_high": r_hi,
        "f1": f1,
        "f1_low": float(lo),
        "f1_high": float(hi),
    }


def scores(
    true: np.ndarray, guess: np.ndarray, codes: list[str], languages: np.ndarray, *, seed: int = SEED
) -> pd.DataFrame:
    """One row per code, per language, then micro and macro, for one split's items.

    Per code: tp (items labelled with the code that the auto-coder gave it), fp (given, not labelled), fn (labelled,
    not given); precision = tp / (tp + fp) with n = tp + fp, recall = tp / (tp + fn) with n = tp + fn, both with
    Wilson 95% intervals; F1 = 2tp / (2tp + fp + fn) with a 95% percentile bootstrap over items (``BOOTSTRAP``
    resamples, ``seed``). Per language and micro: the same over every (item, code) pair of those items. Macro: the
    mean of the per-code figures over codes with at least one labelled item (a code never given counts precision 0),
    every interval by the same bootstrap.
    """
    n = len(true)
    per_item = {"tp": true & guess, "fp": ~true & guess, "fn": true & ~guess}  # items x codes
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n, size=(BOOTSTRAP, n)) if n else np.zeros((BOOTSTRAP, 0), int)
    boot = {k: v[draws].sum(axis=1) for k, v in per_item.items()}  # BOOTSTRAP x codes
    rows = []
    for j, code in enumerate(codes):
        sums = (per_item[k][:, j].sum() for k in ("tp", "fp", "fn"))
        rows.append(_row("code", code, n, *sums, _f1(*(boot[k][:, j] for k in ("tp", "fp", "fn")))))
    for language in sorted(set(languages), key=lambda lang: (-int((languages == lang).sum()), lang)):
        mask = languages == language
        m = int(mask.sum())
        local = rng.choice(np.flatnonzero(mask), size=(BOOTSTRAP, m))
        sums = (per_item[k][mask].sum() for k in ("tp", "fp", "fn"))
        rows.append(_row("language", language, m, *sums, _f1(*(per_item[k][local].sum(axis=(1, 2)) for k in boot))))
    rows.append(
        _row(
            "micro",
            "all",
            n,
            *(per_item[k].sum() for k in ("tp", "fp", "fn")),
            _f1(*(boot[k].sum(axis=1) for k in boot)),
        )
    )
    defined = true.sum(axis=0) > 0
    sums = [per_item[k].sum(axis=0) for k in ("tp", "fp", "fn")]
    p, r, f = _macro(*sums, defined)
    bp, br, bf = _macro(*(boot[k] for k in ("tp", "fp", "fn")), defined)
    rows.append(
        {
            "group": "macro",
            "key": f"mean of {int(defined.sum())} codes",
            "items": n,
            "tp": int(sums[0].sum()),
            "fp": int(sums[1].sum()),
            "fn": int(sums[2].sum()),
            **{
                name: float(value)
                for stat, point, b in (("precision", p, bp), ("recall", r, br), ("f1", f, bf))
                for name, value in zip(
                    (stat, f"{stat}_low", f"{stat}_high"), (point, *np.nanpercentile(b, [2.5, 97.5])), strict=True
                )
            },
        }
    )
    return pd.DataFrame(rows)


def measure(codebook=None, items: pd.DataFrame | None = None, *, seed: int = SEED, supervised: bool = True) -> dict:
    """The auto-coder's figures on every split under ``codebook`` (default: data/codebook.toml), as results.json
    holds them; with ``supervised``, also the supervised alternative's on the held-out split (supervised.py)."""
    codebook = codebook if codebook is not None else load_codebook()
    items = items if items is not None else load_items()
    codes = theme_codes(codebook)
    labels = sorted({label for row in items["labels"] for label in row})
    if not set(labels) <= set(codes):
        raise ValueError(f"evaluation labels {labels} are not all theme codes of the codebook ({codes})")
    guess, true = predict(items, codebook, codes), truth(items, codes)
    out = {
        "method": METHOD,
        "codebook_version": codebook.version,
        "codebook_digest": codebook.digest,
        "items_sha256": hashlib.sha256(ITEMS.read_bytes()).hexdigest(),
        "excluded": list(EXCLUDED),
        "seed": seed,
        "bootstrap": BOOTSTRAP,
        "codes": codes,
        "splits": {},
    }
    for split in SPLITS:
        mask = (items["split"] == split).to_numpy()
        languages = items.loc[mask, "language"].to_numpy()
        table = scores(true[mask], guess[mask], codes, languages, seed=seed)
        out["splits"][split] = {
            "items": int(mask.sum()),
            "languages": {k: int(v) for k, v in pd.Series(languages).value_counts().sort_index().items()},
            "labels": {c: int(true[mask][:, j].sum()) for j, c in enumerate(codes)},
            "rows": _rows(table),
        }
    if supervised:
        from . import supervised as sup

        alt = sup.compare(items, true, codebook, codes, ROOT, lambda *a: _rows(scores(*a, seed=seed)))
        mine, theirs = (micro_row(rows)["f1"] for rows in (alt["test_rows"], out["splits"]["test"]["rows"]))
        out["supervised"] = {**alt, "beats_baseline": bool(mine > theirs)}
    return out


def _rows(table: pd.DataFrame) -> list[dict]:
    """A scores table as results.json holds it: floats rounded, undefined figures None."""
    return [
        {
            k: (None if isinstance(v, float) and np.isnan(v) else round(v, ROUND) if isinstance(v, float) else v)
            for k, v in row.items()
        }
        for row in table.to_dict("records")
    ]


def micro_row(rows: list[dict]) -> dict:
    """The micro-average row of a results.json table."""
    return next(row for row in rows if row["group"] == "micro")


def results_table(results: dict, split: str = "test") -> pd.DataFrame:
    """One split's rows from results.json as a frame (NaN where a figure is undefined)."""
    return pd.DataFrame(results["splits"][split]["rows"]).astype({"precision": float, "recall": float, "f1": float})


def load_results(path: Path = RESULTS) -> dict | None:
    """The committed figures, or None when there are none."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def applies(results: dict | None, codebook) -> bool:
    """Whether ``results`` were measured under this very codebook (its file's digest)."""
    return bool(results) and bool(getattr(codebook, "digest", "")) and results.get("codebook_digest") == codebook.digest


def languages_text(results: dict, split: str = "test") -> str:
    """ "en 69, es 4, eu 5" (most items first)."""
    langs = results["splits"][split]["languages"]
    return ", ".join(f"{k} {v}" for k, v in sorted(langs.items(), key=lambda kv: (-kv[1], kv[0])))


# ------------------------------------------------------------------------------------------------ the report


def _cell(row: dict, stat: str) -> str:
    value, low, high = row[stat], row[f"{stat}_low"], row[f"{stat}_high"]
    if value is None:
        return "–"
    interval = "" if low is None or high is None else f" ({low:.2f}–{high:.2f})"
    return f"{value:.2f}{interval}"


def _table(rows: list[dict]) -> list[str]:
    lines = [
        "| | code or language | items | tp | fp | fn | precision (95% CI) | n | recall (95% CI) | n | F1 (95% CI) |",
        "|---|---|---:|---:|---:|---:|---|---:|---|---:|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['group']} | {row['key']} | {row['items']} | {row['tp']} | {row['fp']} | {row['fn']} | "
            f"{_cell(row, 'precision')} | {row['tp'] + row['fp']} | {_cell(row, 'recall')} | "
            f"{row['tp'] + row['fn']} | {_cell(row, 'f1')} |"
        )
    return lines


def report(results: dict) -> str:
    """The Markdown that docs/analysis/codebook.md holds between the markers."""
    out = [
        START,
        "",
        f"Measured by `python -m analysis.autocode.heldout` with the {results['method']}, codebook "
        f"{results['codebook_version']} (SHA-256 `{results['codebook_digest'][:16]}…`), items "
        f"`{results['items_sha256'][:16]}…`; {', '.join(results['excluded'])} left out (template rows). Bootstrap: "
        f"{results['bootstrap']} resamples of the items, seed {results['seed']}. Per code: n for precision = items "
        "given the code (tp + fp), for recall = items labelled with it (tp + fn). Per language and micro: every "
        "(item, theme) pair. Macro: mean over the codes with labelled items.",
    ]
    for split, title in (("test", "Held-out (`test`, never tuned on)"), ("dev", "Tuning part (`dev`)")):
        part = results["splits"][split]
        out += [
            "",
            f"**{title}: {part['items']} items**, languages {languages_text(results, split)}; labels "
            + ", ".join(f"{k} {v}" for k, v in part["labels"].items())
            + ".",
            "",
            *_table(part["rows"]),
        ]
    out += _supervised_report(results)
    out += ["", END]
    return "\n".join(out)


def _supervised_report(results: dict) -> list[str]:
    alt = results.get("supervised")
    if not alt:
        return []
    f1 = {
        name: micro_row(rows)
        for name, rows in (
            ("alt", alt["test_rows"]),
            ("base", results["splits"]["test"]["rows"]),
            ("majority", alt["majority"]["test_rows"]),
        )
    }
    cv = ", ".join(f"C {row['C']:g} / {row['rule']}: {row['dev_cv_micro_f1']:.2f}" for row in alt["cross_validation"])
    verdict = "beats" if alt["beats_baseline"] else "does not beat"
    return [
        "",
        f"**Supervised alternative** ({alt['method']}: {alt['training']['dev_items']} dev items and "
        f"{alt['training']['sample_notes']} sample notes). Settings chosen by {FOLDS_TEXT} on dev (micro F1: {cv}); "
        f"chosen: C {alt['chosen']['C']:g}, {alt['chosen']['rule_words']}. Then measured once on the held-out split: "
        f"micro F1 {_cell(f1['alt'], 'f1')} against the keyword baseline's {_cell(f1['base'], 'f1')}: it "
        f"{verdict} the baseline. For reference, giving every item the most frequent dev label "
        f"({alt['majority']['code']}) scores {_cell(f1['majority'], 'f1')}.",
        "",
        *_table(alt["test_rows"]),
    ]


def with_report(doc: str, results: dict) -> str:
    """``doc`` with the text between the markers replaced by ``report(results)``."""
    begin, end = doc.find(START), doc.find(END)
    if begin < 0 or end < begin:
        raise ValueError(f"{DOC.name} has no {START} … {END} block")
    return doc[:begin] + report(results) + doc[end + len(END) :]


def dumps(results: dict) -> str:
    return json.dumps(results, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str]) -> int:
    results = measure(load_codebook(DEFAULT_CODEBOOK))
    doc = DOC.read_text(encoding="utf-8")
    new_doc, new_json = with_report(doc, results), dumps(results)
    if "--check" in argv:
        old_json = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
        stale = [p.name for p, old, new in ((RESULTS, old_json, new_json), (DOC, doc, new_doc)) if old != new]
        print("stale: " + ", ".join(stale) if stale else "current")
        return 1 if stale else 0
    RESULTS.write_text(new_json, encoding="utf-8")
    DOC.write_text(new_doc, encoding="utf-8")
    test = results_table(results).set_index(["group", "key"]).loc[("micro", "all")]
    print(
        f"wrote {RESULTS.name} and {DOC.name}: held-out micro P {test['precision']:.3f} R {test['recall']:.3f} "
        f"F1 {test['f1']:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
