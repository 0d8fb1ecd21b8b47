"""A boosted tree ensemble evaluated with numpy alone (the weights ship in the package).

Trained with scikit-learn's HistGradientBoostingClassifier by `training/train_chrome.py`;
at run time only the node arrays are needed, so scikit-learn is a training-only dependency.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np

_FULL = (1 << 64) - 1


@dataclass(frozen=True)
class _Plan:
    feature: np.ndarray
    threshold: np.ndarray
    mask: np.ndarray
    """For each split, the leaves still possible when its test fails (its left subtree's cleared)."""
    first_split: np.ndarray
    leaf_value: np.ndarray
    """Tree by leaf number."""
    all_leaves: np.unsignedinteger[Any]
    """Every leaf's bit: words as narrow as the widest tree allows (less memory to stream)."""


@dataclass(frozen=True)
class TreeEnsemble:
    """All trees' nodes in flat arrays; `roots[t]` is tree t's first node."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    leaf: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    baseline: float
    depth: int
    names: tuple[str, ...]

    def probability(self, rows: np.ndarray) -> np.ndarray:
        """P(class 1) for each row, every tree at once (QuickScorer, Lucchese et al. 2015).

        Each tree's leaves are numbered left to right, at most 64 of them, as the bits of a
        word. A split whose test fails rules out the leaves of its left subtree; ANDing the
        masks of every failed split of a tree leaves the row's exit leaf as the lowest bit
        still set. So one comparison of every split with every row, one AND per tree, and
        no walk down the trees.
        """
        if len(rows) == 0:
            return np.zeros(0)
        plan = self._plan
        columns = np.ascontiguousarray(rows.T)  # a split's test reads one feature of every row
        passed = columns[plan.feature] <= plan.threshold[:, None]
        masks = np.where(passed, plan.all_leaves, plan.mask[:, None])
        alive = np.bitwise_and.reduceat(masks, plan.first_split, axis=0)
        lowest = alive & (~alive + plan.all_leaves.dtype.type(1))
        leaf = np.log2(lowest.astype(np.float64)).astype(np.intp)
        raw = plan.leaf_value[np.arange(len(plan.first_split))[:, None], leaf].sum(axis=0) + self.baseline
        probability: np.ndarray = 1.0 / (1.0 + np.exp(-raw))
        return probability

    @functools.cached_property
    def _plan(self) -> _Plan:
        """The splits and leaves of every tree, as `probability` uses them (made once per model)."""
        splits: list[tuple[int, float, int]] = []  # feature, threshold, mask
        first_split: list[int] = []
        leaf_values: list[list[float]] = []
        for root in self.roots:
            first_split.append(len(splits))
            values: list[float] = []
            self._number(int(root), splits, values)
            if len(values) > 64 or first_split[-1] == len(splits):
                raise ValueError("each tree needs 1 to 63 splits for the leaf bit masks")
            leaf_values.append(values)
        width = max(len(values) for values in leaf_values)
        word = next(t for t in (np.uint8, np.uint16, np.uint32, np.uint64) if width <= np.iinfo(t).bits)
        full = int(np.iinfo(word).max)
        return _Plan(
            feature=np.array([split[0] for split in splits], dtype=np.intp),
            threshold=np.array([split[1] for split in splits]),
            mask=np.array([split[2] & full for split in splits], dtype=word),
            first_split=np.array(first_split, dtype=np.intp),
            leaf_value=np.array([values + [0.0] * (width - len(values)) for values in leaf_values]),
            all_leaves=word(full),
        )

    def _number(self, node: int, splits: list[tuple[int, float, int]], values: list[float]) -> list[int]:
        """Number the leaves under `node` left to right (their values into `values`), and add
        each split under it to `splits`, with its mask; returns the leaves' numbers."""
        if self.leaf[node]:
            values.append(float(self.value[node]))
            return [len(values) - 1]
        at = len(splits)
        splits.append((int(self.feature[node]), float(self.threshold[node]), 0))
        left = self._number(int(self.left[node]), splits, values)
        splits[at] = (*splits[at][:2], _FULL ^ sum(1 << k for k in left))
        return left + self._number(int(self.right[node]), splits, values)

    def to_arrays(self) -> dict[str, Any]:
        """The arrays to save with numpy.savez_compressed."""
        return {
            "feature": self.feature, "threshold": self.threshold, "left": self.left,
            "right": self.right, "leaf": self.leaf, "value": self.value, "roots": self.roots,
            "baseline": np.array(self.baseline), "depth": np.array(self.depth),
            "names": np.array(self.names),
        }  # fmt: skip

    @classmethod
    def from_arrays(cls, arrays: Any) -> TreeEnsemble:
        """Rebuild from what `to_arrays` saved (a mapping of name to array)."""
        return cls(
            feature=arrays["feature"], threshold=arrays["threshold"], left=arrays["left"],
            right=arrays["right"], leaf=arrays["leaf"], value=arrays["value"], roots=arrays["roots"],
            baseline=float(arrays["baseline"]), depth=int(arrays["depth"]),
            names=tuple(str(n) for n in arrays["names"]),
        )  # fmt: skip

    @classmethod
    def from_sklearn(cls, model: Any, names: list[str]) -> TreeEnsemble:
        """Flatten a fitted binary HistGradientBoostingClassifier (training only)."""
        parts: dict[str, list[np.ndarray]] = {
            k: [] for k in ("feature", "threshold", "left", "right", "leaf", "value")
        }
        roots, offset, depth = [], 0, 0
        for (predictor,) in model._predictors:  # one tree per iteration for a binary problem
            nodes = predictor.nodes
            roots.append(offset)
            parts["feature"].append(nodes["feature_idx"].astype(np.int32))
            parts["threshold"].append(nodes["num_threshold"].astype(np.float64))
            parts["left"].append(nodes["left"].astype(np.int32) + offset)
            parts["right"].append(nodes["right"].astype(np.int32) + offset)
            parts["leaf"].append(nodes["is_leaf"].astype(bool))
            parts["value"].append(nodes["value"].astype(np.float64))
            depth = max(depth, int(nodes["depth"].max()))
            offset += len(nodes)
        return cls(
            **{k: np.concatenate(v) for k, v in parts.items()},
            roots=np.array(roots, dtype=np.int32),
            baseline=float(np.ravel(model._baseline_prediction)[0]),
            depth=depth,
            names=tuple(names),
        )
