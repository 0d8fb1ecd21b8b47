"""Train the chrome classifier and write its weights into the package.

    python training/train_chrome.py ../shared/dev/pages ../shared/fixtures/seeds

Two passes of boosted trees over site-independent line features (clipclean.stages.linefeatures):
the first scores each line on its own shape and neighbourhood, the second adds the first pass's
smoothed scores and the page's main block. Prints out-of-fold figures (5 folds, grouped by
site, so no site is ever scored by a model that saw it) before fitting on everything.
Needs scikit-learn (the "train" dependency group).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).parent))
from chrome_data import Doc, clean_twins, load_pages, load_seeds, tokens

from clipclean.stages.chrome import MODEL_PATH, select
from clipclean.stages.linefeatures import NAMES, second_pass
from clipclean.stages.trees import TreeEnsemble

PARAMS = {
    "max_iter": 100,
    "learning_rate": 0.1,
    "max_leaf_nodes": 7,
    "min_samples_leaf": 200,
    "l2_regularization": 1.0,
    "random_state": 0,
}


TWIN_WEIGHT = 0.3
"""Weight of a clean twin's lines against a real clipping's."""


def fit(X: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None) -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(**PARAMS).fit(X, y, sample_weight=weight)


def weights(docs: list[Doc]) -> np.ndarray:
    return np.concatenate(
        [np.full(len(d.y), TWIN_WEIGHT if d.name.endswith(":clean") else 1.0) for d in docs]
    )


def oof_first(docs: list[Doc], folds: int) -> list[np.ndarray]:
    """First-pass scores of every doc from a model that never saw its site."""
    out: list[np.ndarray] = [np.zeros(0)] * len(docs)
    for train, test in GroupKFold(n_splits=folds).split(docs, groups=[d.group for d in docs]):
        part = [docs[i] for i in train]
        model = fit(np.vstack([d.X for d in part]), np.concatenate([d.y for d in part]), weights(part))
        for i in test:
            out[i] = model.predict_proba(docs[i].X)[:, 1]
    return out


def fit_two_pass(docs: list[Doc]) -> tuple[HistGradientBoostingClassifier, HistGradientBoostingClassifier]:
    first = fit(np.vstack([d.X for d in docs]), np.concatenate([d.y for d in docs]), weights(docs))
    inner = oof_first(docs, 4)  # the second pass learns from honest first-pass scores
    second = fit(
        np.vstack([second_pass(d.X, p) for d, p in zip(docs, inner, strict=False)]),
        np.concatenate([d.y for d in docs]),
        weights(docs),
    )
    return first, second


def page_f1(doc: Doc, keep: np.ndarray) -> float:
    kept = tokens("\n".join(doc.lines[i] for i, k in zip(doc.index, keep, strict=True) if k))
    gold = tokens(doc.gold)
    tp = sum((kept & gold).values())
    if not tp:
        return 0.0
    p, r = tp / sum(kept.values()), tp / sum(gold.values())
    return 2 * p * r / (p + r)


def cross_validate(docs: list[Doc]) -> None:
    scores: dict[str, float] = {}
    for train, test in GroupKFold(n_splits=5).split(docs, groups=[d.group for d in docs]):
        first, second = fit_two_pass([docs[i] for i in train])
        for i in test:
            p = first.predict_proba(docs[i].X)[:, 1]
            p2 = second.predict_proba(second_pass(docs[i].X, p))[:, 1]
            scores[docs[i].name] = page_f1(docs[i], select(p2, docs[i].X))
    twins = [d for d in docs if d.name.endswith(":clean")]
    docs = [d for d in docs if not d.name.endswith(":clean")]
    groups = {
        "ALL": [d for d in docs if not d.group.startswith("seed:")],
        "en": [d for d in docs if d.lang == "en"],
        "CJK": [d for d in docs if d.lang in ("ja", "ko", "zh") and not d.group.startswith("seed:")],
        "seeds": [d for d in docs if d.group.startswith("seed:")],
        "clean": twins,
    }
    for name, members in groups.items():
        if members:
            print(
                f"out-of-fold line selection F1, {name:5} ({len(members):3} docs): "
                f"{statistics.mean(scores[d.name] for d in members):.3f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", type=Path)
    parser.add_argument("seeds", type=Path)
    parser.add_argument("--no-cv", action="store_true", help="skip the out-of-fold report")
    args = parser.parse_args()
    docs = load_pages(args.pages) + load_seeds(args.seeds)
    docs += clean_twins(docs)
    print(f"{len(docs)} documents, {sum(len(d.y) for d in docs)} lines, {len(NAMES)} features")
    if not args.no_cv:
        cross_validate(docs)
    first, second = fit_two_pass(docs)
    names2 = [
        *NAMES,
        "first",
        "first_w1",
        "first_w3",
        "first_w7",
        "main_block",
        "block_distance",
        "prev",
        "next",
        "first_relative",
        "first_page_max",
    ]
    arrays = {f"first_{k}": v for k, v in TreeEnsemble.from_sklearn(first, NAMES).to_arrays().items()}
    arrays |= {f"second_{k}": v for k, v in TreeEnsemble.from_sklearn(second, names2).to_arrays().items()}
    np.savez_compressed(MODEL_PATH, **arrays)
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
