"""Train the chrome classifier and write its weights into the package.

    python training/train_chrome.py ../shared/dev/pages ../shared/fixtures/seeds

Two passes of boosted trees over site-independent line features (clipclean.stages.linefeatures):
the first scores each line on its own shape and neighbourhood, the second adds the first pass's
smoothed scores and the page's main block. A second such model, for clippings with no blank
line (`chrome.flat_clipping`), learns from the same pages as they are and with their blank
lines dropped; both go into one weights file. Prints out-of-fold figures (5 folds, grouped by
site, so no site is ever scored by a model that saw it) before fitting on everything.
Needs scikit-learn (the "train" dependency group).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).parent))
from chrome_data import Doc, clean_twins, flat_twin, load_pages, load_seeds, tokens

from clipclean.config import MODEL_PATH
from clipclean.stages.chrome import select
from clipclean.stages.linefeatures import NAMES, SECOND_NAMES, second_pass
from clipclean.stages.trees import TreeEnsemble

PARAMS = {
    "max_iter": 100,
    "learning_rate": 0.1,
    "max_leaf_nodes": 15,
    "min_samples_leaf": 100,
    "l2_regularization": 1.0,
    "random_state": 0,
}


TWIN_WEIGHT = 0.3
"""Weight of a clean twin against a real clipping."""
SEED_WEIGHT = 40.0
"""Weight of a seed clipping against a dev page: the five clippings of the project's own use
(Korean portal pages of several stories), labelled line by line by hand, against 1,300 pages
of mostly English articles."""


def fit(X: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None) -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(**PARAMS).fit(X, y, sample_weight=weight)


def _unweighted_bins() -> None:
    """Bin features by their plain quantiles. With sample weights, scikit-learn (1.9) finds
    weighted quantiles over every row, not a subsample: three quarters of the training time
    went there. The weights still weigh every row's gradient; only the bin edges ignore them."""
    from sklearn.ensemble._hist_gradient_boosting import binning

    find = binning._find_binning_thresholds
    binning._find_binning_thresholds = lambda col_data, max_bins, sample_weight=None: find(col_data, max_bins)


_unweighted_bins()


PAGE_WEIGHT = 100.0
"""What one page's lines weigh together. Each line weighs its share of its page's characters:
the figures that count are each page's word-level F1, averaged over pages, so a long
paragraph counts for more than a menu item and a page of a thousand short lines for no more
than a page of twenty paragraphs. (Out of fold, against every line weighing 1: dev/pages
0.908 -> 0.914, pages-more 0.860 -> 0.867, pages-ko 0.671 -> 0.735, pages-cjk 0.889 -> 0.907,
together with the larger trees of PARAMS.)"""


SITE_POWER = 0.5
"""Each of a site's n training documents weighs n ** -SITE_POWER, so that the model learns many
sites' ways rather than a few large sites' templates: blogspot.com's 48 pages weigh as about 7
one-page sites. A page's clean twin is a document of its site too, so a page with no
article (which has no twin) weighs about 1.4 times an article page of a one-page site. Out of
fold, the mean of 3 training seeds against every page weighing the same: dev/pages 0.9176 ->
0.9180, pages-more 0.8779 -> 0.8795, pages-ko 0.707 -> 0.722, pages-cjk 0.9136 -> 0.9194 (each
seed up on pages-more and pages-cjk). Counting pages only (twins not counted): 0.9204, 0.8786,
0.697, 0.9145; every site weighing the same (power 1): pages-more 0.8778, pages-ko 0.699."""


def weights(docs: list[Doc]) -> np.ndarray:
    documents = Counter(d.group for d in docs)  # of each site
    return np.concatenate([_line_weights(d) * _weight(d) * documents[d.group] ** -SITE_POWER for d in docs])


def _line_weights(doc: Doc) -> np.ndarray:
    chars = np.expm1(doc.X[:, NAMES.index("log_chars")])
    share: np.ndarray = chars * (PAGE_WEIGHT / max(float(chars.sum()), 1.0))
    return share


def _weight(doc: Doc) -> float:
    if doc.name.endswith(":clean"):
        return TWIN_WEIGHT
    return SEED_WEIGHT if doc.group.startswith("seed:") else 1.0


def oof_first(docs: list[Doc], folds: int) -> list[np.ndarray]:
    """First-pass scores of every doc from a model that never saw its site."""
    out: list[np.ndarray] = [np.zeros(0)] * len(docs)
    for train, test in GroupKFold(n_splits=folds).split(docs, groups=[d.group for d in docs]):
        part = [docs[i] for i in train]
        model = fit(np.vstack([d.X for d in part]), np.concatenate([d.y for d in part]), weights(part))
        for i in test:
            out[i] = model.predict_proba(docs[i].X)[:, 1]
    return out


Passes = tuple[HistGradientBoostingClassifier, HistGradientBoostingClassifier]
"""The first pass's trees and the second's."""


def fit_two_pass(docs: list[Doc]) -> Passes:
    first = fit(np.vstack([d.X for d in docs]), np.concatenate([d.y for d in docs]), weights(docs))
    inner = oof_first(docs, 4)  # the second pass learns from honest first-pass scores
    second = fit(
        np.vstack([second_pass(d.X, p) for d, p in zip(docs, inner, strict=False)]),
        np.concatenate([d.y for d in docs]),
        weights(docs),
    )
    return first, second


def predict(passes: Passes, doc: Doc) -> np.ndarray:
    """Both passes' article score for each of a doc's lines."""
    first, second = passes
    return second.predict_proba(second_pass(doc.X, first.predict_proba(doc.X)[:, 1]))[:, 1]


def page_f1(doc: Doc, keep: np.ndarray) -> float:
    kept = tokens("\n".join(doc.lines[i] for i, k in zip(doc.index, keep, strict=True) if k))
    gold = tokens(doc.gold)
    tp = sum((kept & gold).values())
    if not tp:
        return 0.0
    p, r = tp / sum(kept.values()), tp / sum(gold.values())
    return 2 * p * r / (p + r)


def fit_both(docs: list[Doc]) -> tuple[Passes, Passes]:
    """The model for clippings as they come, and the one for clippings with no blank line
    (`chrome.flat_clipping`), learnt from the same docs and from the pages and seeds again with
    their blank lines dropped. (Out of fold, training seed 0, on the dev clippings with their
    blank lines dropped, against learning from those flat twins alone: dev/pages 0.924 -> 0.926,
    pages-more 0.891 -> 0.891, pages-ko 0.753 -> 0.817, pages-cjk 0.911 -> 0.911; the seeds'
    line selection 0.845 -> 0.925.)"""
    flat = [flat_twin(d) for d in docs if not d.name.endswith(":clean")]
    return fit_two_pass(docs), fit_two_pass(docs + flat)


def cross_validate(docs: list[Doc], out: Path | None) -> dict[str, float]:
    """Print out-of-fold line-selection F1 (5 folds grouped by site), of both models (the flat
    one on the docs with their blank lines dropped); with `out`, also write each fold's model
    and folds.tsv (which fold holds each page), from which benchmarks/quality.py --oof cleans
    every page with a model that never saw its site."""
    scores: dict[str, float] = {}
    flat_scores: dict[str, float] = {}
    held: dict[str, int] = {}
    for fold, (train, test) in enumerate(GroupKFold(n_splits=5).split(docs, groups=[d.group for d in docs])):
        passes, flat = fit_both([docs[i] for i in train])
        if out is not None:
            save(passes, flat, out / f"fold{fold}.npz")
        for i in test:
            held[docs[i].name] = fold
            scores[docs[i].name] = page_f1(docs[i], select(predict(passes, docs[i]), docs[i].X))
            twin = flat_twin(docs[i])
            flat_scores[docs[i].name] = page_f1(twin, select(predict(flat, twin), twin.X))
    if out is not None:
        lines = sorted(f"{name}\t{fold}\n" for name, fold in held.items() if not name.endswith(":clean"))
        (out / "folds.tsv").write_text("".join(lines), encoding="utf-8")
        print(f"fold models and folds.tsv in {out} (score them with benchmarks/quality.py --oof {out})")
    groups: dict[str, list[Doc]] = {}
    for d in docs:
        if not d.name.endswith(":clean"):
            groups.setdefault(d.name.split("/")[0], []).append(d)
    for name, members in groups.items():
        print(
            f"out-of-fold line selection F1, {name:12} ({len(members):4} docs): "
            f"{statistics.mean(scores[d.name] for d in members):.3f}, "
            f"with no blank line {statistics.mean(flat_scores[d.name] for d in members):.3f}"
        )
    return scores


MIN_LANGUAGE_DOCS = 30
"""A language with this many pages is left out on its own in `by_language`; the others but
English (most of the data) are left out together, as "other"."""


def by_language(docs: list[Doc], scores: dict[str, float]) -> None:
    """Print, for each language, the out-of-fold line F1 of its pages when only their sites were
    left out of training (`scores`, from `cross_validate`) and when the whole language was: what
    a language the data lack costs beside a site they lack."""
    pages = [d for d in docs if not d.name.endswith(":clean")]
    counts = Counter(d.lang for d in pages)
    groups = {lang: {lang} for lang, n in counts.items() if n >= MIN_LANGUAGE_DOCS and lang != "en"}
    groups["other"] = {lang for lang, n in counts.items() if n < MIN_LANGUAGE_DOCS and lang != "en"}
    for name, langs in sorted(groups.items()):
        passes = fit_two_pass([d for d in docs if d.lang not in langs])
        held = [d for d in pages if d.lang in langs]
        left_out = statistics.mean(page_f1(d, select(predict(passes, d), d.X)) for d in held)
        sites = statistics.mean(scores[d.name] for d in held)
        print(
            f"line selection F1, {name:6} ({len(held):3} docs): "
            f"sites left out {sites:.3f}, the language left out {left_out:.3f}"
        )


def save(passes: Passes, flat: Passes, path: Path) -> Path:
    """Write both models' trees, two passes each, to one .npz file (the format
    clipclean.stages.chrome loads): the flat model's arrays are named with "flat_" first."""
    arrays = {}
    for prefix, (first, second) in (("", passes), ("flat_", flat)):
        for name, trees, names in (("first_", first, NAMES), ("second_", second, SECOND_NAMES)):
            arrays |= {
                prefix + name + k: v for k, v in TreeEnsemble.from_sklearn(trees, names).to_arrays().items()
            }
    np.savez_compressed(path, **arrays)
    return path


def main() -> None:
    global SEED_WEIGHT
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "data", type=Path, nargs="+", help="page sets (INDEX.tsv, *.clip.txt, *.gold.txt) and seed folders"
    )
    parser.add_argument("--no-cv", action="store_true", help="skip the out-of-fold report")
    parser.add_argument(
        "--by-language", action="store_true", help="also leave out each language in turn (after the report)"
    )
    parser.add_argument("--oof-out", type=Path, help="write the fold models and folds.tsv here")
    parser.add_argument("--model-out", type=Path, default=MODEL_PATH, help="where to write the weights")
    parser.add_argument("--seed-weight", type=float, default=SEED_WEIGHT, help="weight of a seed clipping")
    args = parser.parse_args()
    SEED_WEIGHT = args.seed_weight
    docs = [
        d
        for path in args.data
        for d in (load_pages(path) if (path / "INDEX.tsv").exists() else load_seeds(path))
    ]
    docs += clean_twins(docs)
    print(f"{len(docs)} documents, {sum(len(d.y) for d in docs)} lines, {len(NAMES)} features")
    if args.oof_out:
        args.oof_out.mkdir(parents=True, exist_ok=True)
    if not args.no_cv:
        scores = cross_validate(docs, args.oof_out)
        if args.by_language:
            by_language(docs, scores)
    save(*fit_both(docs), args.model_out)
    print(f"wrote {args.model_out} ({args.model_out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
