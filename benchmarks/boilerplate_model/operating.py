"""Operating points of the BP003 training designs (report-only; see train.py ``--operating``).

A rule chooses the threshold at which an outer fold is scored from the training folds only:
the held-out scores of the inner grouped folds (pooled, with the inner fold of each line)
and, for the calibrated rules, the outer fold's own scores without their labels (what a run
over a new corpus would see). Lines count as flagged as in train.py: a phrase-list line, or a
scored line at or above the threshold. Everything is numpy in fixed orders (deterministic).

- ``lowest``: the lowest threshold (0.05 to 0.99 by 0.01) at which the pooled inner precision
  reaches the target, else the most precise one (the rule of the earlier figures);
  ``lowest+M``: the same with the target raised by M.
- ``inner-max``: that threshold chosen in each inner fold on its own, and the highest of them
  (a threshold must hold in every inner fold, not only on their pool).
- ``wilson``: the lowest threshold whose Wilson lower bound of the pooled inner precision
  (one-sided 95 %, z 1.645) reaches the target, else the one whose bound is highest.
- ``isotonic+M`` and ``platt+M``: the inner held-out scores of scored lines calibrated
  (isotonic regression by pooled adjacent violators, or Platt's logistic fit on the log-odds);
  the outer fold's scored lines get calibrated probabilities, the phrase-list lines the
  precision the lists have on the inner folds, and the threshold is the lowest at which the
  expected precision of everything flagged in the outer fold reaches the target plus M.

Thresholds other than ``lowest``'s also run from 0.991 to 0.999 by 0.001 (decoded posteriors
crowd near 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

BASE_GRID = np.array([step / 100 for step in range(5, 100)])
GRID = np.concatenate([BASE_GRID, [step / 1000 for step in range(991, 1000)]])
WILSON_Z = 1.645
PLATT_L2 = 1e-3
PLATT_STEPS = 30


@dataclass(frozen=True)
class Lines:
    """Lines of one set: phrase-list line, scored line, label, score, inner fold."""

    listed: np.ndarray
    scored: np.ndarray
    boilerplate: np.ndarray
    scores: np.ndarray
    folds: np.ndarray

    def subset(self, keep: np.ndarray) -> Lines:
        return Lines(self.listed[keep], self.scored[keep], self.boilerplate[keep],
                     self.scores[keep], self.folds[keep])


Rule = Callable[[Lines, Lines, float], float]  # inner lines, outer lines (no labels), target


def flagged_at(lines: Lines, grid: np.ndarray) -> np.ndarray:
    """(thresholds, lines): whether each line is flagged at each threshold."""
    above = lines.scores[None, :] >= grid[:, None]
    return lines.listed[None, :] | (lines.scored[None, :] & above)


def band_counts(lines: Lines, grid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """True positives and flagged lines at each threshold of ``grid``."""
    flagged = flagged_at(lines, grid)
    return (flagged & lines.boilerplate[None, :]).sum(axis=1), flagged.sum(axis=1)


def precisions(lines: Lines, grid: np.ndarray) -> np.ndarray:
    tp, n = band_counts(lines, grid)
    return np.where(n > 0, tp / np.maximum(n, 1), 0.0)


def first_reaching(values: np.ndarray, target: float, grid: np.ndarray) -> float:
    """The lowest threshold whose value reaches ``target``, else the one of the best value."""
    reached = np.flatnonzero(values >= target)
    return float(grid[reached[0]] if reached.size else grid[int(np.argmax(values))])


def lowest(margin: float = 0.0) -> Rule:
    return lambda inner, outer, target: first_reaching(
        precisions(inner, BASE_GRID), target + margin, BASE_GRID)


def inner_max(inner: Lines, outer: Lines, target: float) -> float:
    return max(first_reaching(precisions(inner.subset(inner.folds == k), GRID), target,
                              GRID) for k in np.unique(inner.folds))


def wilson_lower(tp: np.ndarray, n: np.ndarray, z: float = WILSON_Z) -> np.ndarray:
    """Wilson score lower bound of a proportion tp / n (0 where n is 0)."""
    n_safe = np.maximum(n, 1)
    p = tp / n_safe
    centre = p + z * z / (2 * n_safe)
    spread = z * np.sqrt(p * (1 - p) / n_safe + z * z / (4 * n_safe * n_safe))
    return np.where(n > 0, (centre - spread) / (1 + z * z / n_safe), 0.0)


def wilson(inner: Lines, outer: Lines, target: float) -> float:
    return first_reaching(wilson_lower(*band_counts(inner, GRID)), target, GRID)


def isotonic_map(scores: np.ndarray, labels: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """Isotonic regression of labels on scores (pooled adjacent violators over the distinct
    scores, weighted by their counts), applied by linear interpolation between them."""
    values, inverse, weights = np.unique(scores, return_inverse=True, return_counts=True)
    sums = np.bincount(inverse, labels.astype(float), minlength=values.size)
    blocks: list[list[float]] = []  # [sum, weight, count of distinct values]
    for total, weight in zip(sums, weights):
        blocks.append([float(total), float(weight), 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            total2, weight2, count2 = blocks.pop()
            blocks[-1] = [blocks[-1][0] + total2, blocks[-1][1] + weight2, blocks[-1][2] + count2]
    fitted = np.concatenate([np.full(int(count), total / weight)
                             for total, weight, count in blocks])
    return lambda x: np.interp(x, values, fitted)


def platt_map(scores: np.ndarray, labels: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """Platt scaling: a logistic fit of the labels on the scores' log-odds (Newton's method,
    a small L2 on the slope)."""
    def design(x: np.ndarray) -> np.ndarray:
        p = np.clip(x, 1e-6, 1 - 1e-6)
        return np.column_stack([np.ones(x.size), np.log(p / (1 - p))])

    x, y = design(scores), labels.astype(float)
    weights = np.array([0.0, 1.0])
    penalty = np.array([0.0, PLATT_L2])
    for _ in range(PLATT_STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ weights, -50, 50)))
        gradient = x.T @ (p - y) + penalty * weights
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        weights = weights - np.linalg.solve(hessian, gradient)
    return lambda s: 1.0 / (1.0 + np.exp(-np.clip(design(s) @ weights, -50, 50)))


def calibrated(fit_map: Callable[[np.ndarray, np.ndarray], Callable[[np.ndarray], np.ndarray]],
               margin: float) -> Rule:
    """The lowest threshold at which the expected precision of the outer fold's flagged lines
    (calibrated probabilities of its scored lines, the lists' inner precision for its
    phrase-list lines; its labels are never read) reaches the target plus ``margin``."""
    def rule(inner: Lines, outer: Lines, target: float) -> float:
        own = inner.scored & ~inner.listed
        probability = fit_map(inner.scores[own], inner.boilerplate[own])
        listed_precision = (inner.boilerplate[inner.listed].mean()
                            if inner.listed.any() else 1.0)
        expected = np.where(outer.listed, listed_precision,
                            np.where(outer.scored, probability(outer.scores), 0.0))
        flagged = flagged_at(outer, GRID)
        n = flagged.sum(axis=1)
        values = np.where(n > 0, (flagged * expected[None, :]).sum(axis=1) / np.maximum(n, 1),
                          0.0)
        return first_reaching(values, target + margin, GRID)
    return rule


RULES: dict[str, Rule] = {
    "lowest": lowest(),
    "lowest+0.02": lowest(0.02),
    "lowest+0.04": lowest(0.04),
    "inner-max": inner_max,
    "wilson": wilson,
    "isotonic+0.02": calibrated(isotonic_map, 0.02),
    "platt+0.02": calibrated(platt_map, 0.02),
}
