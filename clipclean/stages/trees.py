"""A boosted tree ensemble evaluated with numpy alone (the weights ship in the package).

Trained with scikit-learn's HistGradientBoostingClassifier by `training/train_chrome.py`;
at run time only the node arrays are needed, so scikit-learn is a training-only dependency.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


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
        """P(class 1) for each row: all trees walked at once, one level per step."""
        if len(rows) == 0:
            return np.zeros(0)
        node = np.broadcast_to(self.roots, (len(rows), len(self.roots))).copy()
        row = np.arange(len(rows))[:, None]
        for _ in range(self.depth):
            goes_left = rows[row, self.feature[node]] <= self.threshold[node]
            step = np.where(goes_left, self.left[node], self.right[node])
            node = np.where(self.leaf[node], node, step)
        raw = self.value[node].sum(axis=1) + self.baseline
        probability: np.ndarray = 1.0 / (1.0 + np.exp(-raw))
        return probability

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
