"""A supervised alternative to the keyword auto-coder, measured against it on the held-out split (issue 18).

Character n-gram TF-IDF (``char_wb``, 2-5) and one logistic regression per theme (one-vs-rest, liblinear, classes
balanced), trained ONLY on the ``dev`` items and on the synthetic sample's facilitator theme codes (the notes that
carry one of the five themes). Its settings (C and the decision rule) are chosen by 5-fold cross-validation on
``dev``, folds by source page, before the ``test`` split is looked at once. Nothing of ``test`` is used to fit or
choose anything. ``compare`` gives what data/evaluation/results.json records of it; scikit-learn is imported only
here, and only when this runs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from loaders import load_export

SAMPLE_EXPORT = "sample-wikicafe-2017-synthetic"
#: The settings cross-validation on dev chooses from, in the order ties are broken (first wins).
CONFIGS = (
    {"C": 1.0, "rule": "p50"},
    {"C": 1.0, "rule": "top1"},
    {"C": 10.0, "rule": "p50"},
    {"C": 10.0, "rule": "top1"},
)
RULES = {
    "p50": "every theme whose probability is at least 0.5",
    "top1": "the one most probable theme",
}
FOLDS = 5
METHOD = (
    "supervised: char 2-5-gram TF-IDF + one-vs-rest logistic regression, trained on the dev split and the synthetic "
    "sample's facilitator theme codes only"
)


def sample_notes(root, codebook, codes: list[str]) -> tuple[list[str], np.ndarray]:
    """The synthetic sample's notes that carry one of ``codes`` from the facilitators: texts, notes x codes labels."""
    notes = load_export(root / "data" / SAMPLE_EXPORT).contributions
    labels = []
    for given in notes["themes"]:
        ids = {hit[1] for c in (list(given) if given is not None else []) if (hit := codebook.resolve(c))}
        labels.append([c in ids for c in codes])
    y = np.array(labels, dtype=bool).reshape(-1, len(codes))
    keep = y.any(axis=1)
    return [str(t) for t in notes["text"][keep]], y[keep]


def fit(texts: list[str], y: np.ndarray, C: float):
    """The vectoriser and the classifiers, fitted."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
    model = OneVsRestClassifier(LogisticRegression(C=C, class_weight="balanced", solver="liblinear", random_state=0))
    model.fit(vectoriser.fit_transform(texts), y)
    return vectoriser, model


def predict(fitted, texts: list[str], rule: str) -> np.ndarray:
    """texts x codes: the themes the model gives each text under ``rule`` (RULES)."""
    vectoriser, model = fitted
    p = model.predict_proba(vectoriser.transform(texts))
    if rule == "top1":
        out = np.zeros(p.shape, dtype=bool)
        out[np.arange(len(p)), p.argmax(axis=1)] = True
        return out
    return p >= 0.5


def micro_f1(true: np.ndarray, guess: np.ndarray) -> float:
    tp, fp, fn = (int(m.sum()) for m in (true & guess, ~true & guess, true & ~guess))
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")


def cross_validate(dev: pd.DataFrame, y_dev: np.ndarray, extra_texts: list[str], y_extra: np.ndarray) -> list[dict]:
    """Micro F1 of every CONFIGS entry over FOLDS folds of ``dev`` grouped by source page (the sample always in
    the training part)."""
    from sklearn.model_selection import GroupKFold

    folds = list(GroupKFold(FOLDS).split(dev, groups=dev["page"]))
    out = []
    for config in CONFIGS:
        true, guess = [], []
        for train, held in folds:
            fitted = fit(list(dev["text"].iloc[train]) + extra_texts, np.vstack([y_dev[train], y_extra]), config["C"])
            true.append(y_dev[held])
            guess.append(predict(fitted, list(dev["text"].iloc[held]), config["rule"]))
        out.append({**config, "dev_cv_micro_f1": round(micro_f1(np.vstack(true), np.vstack(guess)), 4)})
    return out


def compare(items: pd.DataFrame, true: np.ndarray, codebook, codes: list[str], root, scores) -> dict:
    """Choose on dev, fit on dev + sample, measure once on test; also the majority reference (the most frequent
    dev label given to every test item). ``scores`` is heldout.scores; ``true`` the items x codes labels."""
    is_dev = (items["split"] == "dev").to_numpy()
    is_test = (items["split"] == "test").to_numpy()
    dev = items[is_dev].reset_index(drop=True)
    extra_texts, y_extra = sample_notes(root, codebook, codes)
    cv = cross_validate(dev, true[is_dev], extra_texts, y_extra)
    chosen = max(cv, key=lambda row: row["dev_cv_micro_f1"])  # max keeps the first of equals
    fitted = fit(list(dev["text"]) + extra_texts, np.vstack([true[is_dev], y_extra]), chosen["C"])
    guess = predict(fitted, list(items.loc[is_test, "text"]), chosen["rule"])
    languages = items.loc[is_test, "language"].to_numpy()
    majority = np.zeros_like(true[is_test])
    majority[:, int(true[is_dev].sum(axis=0).argmax())] = True
    return {
        "method": METHOD,
        "training": {"dev_items": int(is_dev.sum()), "sample_notes": len(extra_texts)},
        "cross_validation": cv,
        "chosen": {"C": chosen["C"], "rule": chosen["rule"], "rule_words": RULES[chosen["rule"]]},
        "test_rows": scores(true[is_test], guess, codes, languages),
        "majority": {
            "code": codes[int(true[is_dev].sum(axis=0).argmax())],
            "test_rows": scores(true[is_test], majority, codes, languages),
        },
    }
