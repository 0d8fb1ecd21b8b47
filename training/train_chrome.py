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

from clipclean import Clipping, Config, clean_clipping
from clipclean.config import MODEL_PATH
from clipclean.stages.chrome import select
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


def cross_validate(docs: list[Doc], sources: dict[str, Path], out: Path | None) -> None:
    """Print out-of-fold line-selection F1; with `out`, also run the whole pipeline on every
    held-out clipping with its fold's model and write the records to out/oof.jsonl."""
    scores: dict[str, float] = {}
    records = []
    folds = GroupKFold(n_splits=5).split(docs, groups=[d.group for d in docs])
    for fold, (train, test) in enumerate(folds):
        first, second = fit_two_pass([docs[i] for i in train])
        if out is not None:
            records += _pipeline_records(
                [docs[i] for i in test], sources, save(first, second, out / f"fold{fold}.npz")
            )
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
    if out is not None:
        (out / "oof.jsonl").write_text("".join(line + "\n" for line in records), encoding="utf-8")
        print(f"out-of-fold pipeline output: {out / 'oof.jsonl'} (score it with eval/score_pages.py)")
    for name, members in groups.items():
        if members:
            print(
                f"out-of-fold line selection F1, {name:5} ({len(members):3} docs): "
                f"{statistics.mean(scores[d.name] for d in members):.3f}"
            )


def _pipeline_records(docs: list[Doc], sources: dict[str, Path], model: Path) -> list[str]:
    import json

    lines = []
    for doc in docs:
        if doc.name in sources:
            path = sources[doc.name]
            stories, _ = clean_clipping(Clipping(str(path), path.read_bytes()), Config(chrome_model=model))
            lines += [json.dumps(s.to_json_dict(), ensure_ascii=False) for s in stories]
    return lines


def save(first: HistGradientBoostingClassifier, second: HistGradientBoostingClassifier, path: Path) -> Path:
    """Write both passes' trees to one .npz file (the format clipclean.stages.chrome loads)."""
    names2 = [*NAMES, "first", "first_w1", "first_w3", "first_w7", "main_block", "block_distance",
              "prev", "next", "first_relative", "first_page_max"]  # fmt: skip
    arrays = {f"first_{k}": v for k, v in TreeEnsemble.from_sklearn(first, NAMES).to_arrays().items()}
    arrays |= {f"second_{k}": v for k, v in TreeEnsemble.from_sklearn(second, names2).to_arrays().items()}
    np.savez_compressed(path, **arrays)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", type=Path, help="the dev pages (page_*.clip.txt, *.gold.txt, INDEX.tsv)")
    parser.add_argument("seeds", type=Path, help="the seed clippings with their .gold.json")
    parser.add_argument("--no-cv", action="store_true", help="skip the out-of-fold report")
    parser.add_argument("--oof-out", type=Path, help="write fold models and out-of-fold pipeline output here")
    args = parser.parse_args()
    docs = load_pages(args.pages) + load_seeds(args.seeds)
    docs += clean_twins(docs)
    print(f"{len(docs)} documents, {sum(len(d.y) for d in docs)} lines, {len(NAMES)} features")
    if not args.no_cv:
        real = [d for d in docs if not d.name.endswith(":clean")]
        sources = {d.name: args.pages / f"{d.name}.clip.txt" for d in real if d.name.startswith("page_")}
        sources |= {d.name: args.seeds / d.name for d in real if d.group.startswith("seed:")}
        if args.oof_out:
            args.oof_out.mkdir(parents=True, exist_ok=True)
        cross_validate(docs, sources, args.oof_out)
    save(*fit_two_pass(docs), MODEL_PATH)
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
