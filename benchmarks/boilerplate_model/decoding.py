"""Structured decoding over the line sequence of an article, for the BP003 training designs
``crf-*`` and ``span-*`` (measured, report-only; see train.py and the rule doc).

Both read a first-stage model's held-out log-odds of every scored line and the kind of every
other line (the title, a phrase-list line, a line too long to score):

- :class:`ChainCRF`: a two-state (body, boilerplate) linear-chain CRF whose emission of the
  boilerplate state is a linear function of those log-odds (a scale and a bias per kind of
  line, and one for the last line) and whose transition scores (body→boilerplate,
  boilerplate→body, boilerplate→boilerplate; body→body is the reference) are learned, all by
  maximum conditional likelihood on the training folds. The reported score of a line is its
  posterior probability of the boilerplate state given the whole article (forward-backward),
  thresholded like any score.
- :func:`body_span`: the contiguous span of lines with the largest summed body log-odds
  (minus an offset learned on the training folds); a logistic model over the line's own
  log-odds, whether it is outside that span, and their product gives the reported score, so a
  line outside the span needs less evidence of its own than one inside.

Everything is numpy, in fixed orders: the same figures on every run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CLIP = 10.0  # first-stage log-odds are clipped to this magnitude
L2 = 1.0  # of the CRF's parameters, towards their start values
NEWTON_STEPS = 30
HALVINGS = 20
TOLERANCE = 1e-9  # relative gain of the objective under which the fit stops
DELTA = 1e-4  # of the finite differences of the gradient (the Hessian)
# Unary features of the boilerplate state: the line's log-odds, then indicators of its kind.
UNARY = ("z", "scored", "title", "listed", "long", "last")
START = np.array([1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0])  # unary then CB, BC, BB
# Offsets of the body span (added to every line's boilerplate log-odds before the sum).
SPAN_OFFSETS = tuple(step / 2 for step in range(-6, 7))
LISTED_ODDS = 3.0  # the boilerplate log-odds of a phrase-list line in the span's sum
LONG_ODDS = -5.0  # of a line too long to score
TITLE_ODDS = 0.0  # of the title


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.clip(np.log(p / (1 - p)), -CLIP, CLIP)


@dataclass(frozen=True)
class Sequences:
    """Documents padded to one length: unary features (docs, length, UNARY), labels, mask,
    and where each document's lines sit in the flat list of samples."""

    unary: np.ndarray
    labels: np.ndarray
    mask: np.ndarray
    lengths: np.ndarray
    index: np.ndarray  # (docs, length) flat sample index, -1 on padding

    @classmethod
    def of(cls, docs: list[str], kinds: list[str], z: np.ndarray,
           labels: np.ndarray) -> Sequences:
        """``docs``: the document of each flat sample (contiguous); ``kinds``: ``scored``,
        ``title``, ``listed`` or ``long``; ``z``: the log-odds of the scored ones."""
        starts = [k for k in range(len(docs)) if k == 0 or docs[k] != docs[k - 1]]
        ends = starts[1:] + [len(docs)]
        length = max(end - start for start, end in zip(starts, ends))
        n = len(starts)
        unary = np.zeros((n, length, len(UNARY)))
        lab = np.zeros((n, length))
        mask = np.zeros((n, length), bool)
        index = np.full((n, length), -1)
        for d, (start, end) in enumerate(zip(starts, ends)):
            for i, k in enumerate(range(start, end)):
                kind = kinds[k]
                if kind == "scored":
                    unary[d, i, 0] = z[k]
                unary[d, i, UNARY.index(kind)] = 1.0
                unary[d, i, 5] = float(k == end - 1)
                lab[d, i] = labels[k]
                mask[d, i] = True
                index[d, i] = k
        return cls(unary, lab, mask, np.array([e - s for s, e in zip(starts, ends)]), index)


def _logsumexp2(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.logaddexp(a, b)


@dataclass(frozen=True)
class ChainCRF:
    """Parameters: the unary weights (UNARY) of the boilerplate state, then the transition
    scores body→boilerplate, boilerplate→body, boilerplate→boilerplate."""

    theta: np.ndarray

    @staticmethod
    def transitions(theta: np.ndarray) -> np.ndarray:
        t = np.zeros((2, 2))  # [previous, current]; 0 body, 1 boilerplate
        t[0, 1], t[1, 0], t[1, 1] = theta[len(UNARY):]
        return t

    @classmethod
    def fit(cls, seq: Sequences) -> ChainCRF:
        """Maximum conditional likelihood, L2 towards START, Newton's method with a Hessian by
        finite differences of the exact gradient and step halving."""
        theta = START.copy()
        current, gradient = _objective(seq, theta)
        for _ in range(NEWTON_STEPS):
            size = len(theta)
            hessian = np.zeros((size, size))
            for j in range(size):
                step = np.zeros(size)
                step[j] = DELTA
                hessian[:, j] = (_objective(seq, theta + step)[1] - gradient) / DELTA
            hessian = (hessian + hessian.T) / 2 - 1e-6 * np.eye(size)
            try:
                direction = -np.linalg.solve(hessian, gradient)
            except np.linalg.LinAlgError:
                direction = gradient
            if direction @ gradient <= 0:  # not an ascent direction: follow the gradient
                direction = gradient
            for _ in range(HALVINGS):
                trial, trial_gradient = _objective(seq, theta + direction)
                if trial > current:
                    break
                direction = direction / 2
            else:
                break
            theta, previous, current, gradient = theta + direction, current, trial, trial_gradient
            if current - previous < TOLERANCE * abs(previous):
                break
        return cls(theta)

    def marginals(self, seq: Sequences) -> np.ndarray:
        """P(boilerplate) of every real position (docs, length)."""
        return _forward_backward(seq, self.theta)[0]


def _forward_backward(seq: Sequences,
                      theta: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Marginals of the boilerplate state (docs, length), expected transition counts (2, 2)
    summed over every document, and the log partition function of each document."""
    u = seq.unary @ theta[:len(UNARY)]  # (docs, length): emission of the boilerplate state
    u = np.where(seq.mask, u, 0.0)
    t = ChainCRF.transitions(theta)
    n, length = u.shape
    alpha = np.zeros((n, length, 2))
    alpha[:, 0, 1] = u[:, 0]
    for i in range(1, length):
        prev = alpha[:, i - 1]
        body = _logsumexp2(prev[:, 0] + t[0, 0], prev[:, 1] + t[1, 0])
        boiler = _logsumexp2(prev[:, 0] + t[0, 1], prev[:, 1] + t[1, 1]) + u[:, i]
        live = seq.mask[:, i]
        alpha[:, i, 0] = np.where(live, body, prev[:, 0])
        alpha[:, i, 1] = np.where(live, boiler, prev[:, 1])
    log_z = _logsumexp2(alpha[:, -1, 0], alpha[:, -1, 1])
    beta = np.zeros((n, length, 2))
    for i in range(length - 2, -1, -1):
        nxt = beta[:, i + 1]
        live = seq.mask[:, i + 1]
        body = _logsumexp2(t[0, 0] + nxt[:, 0], t[0, 1] + u[:, i + 1] + nxt[:, 1])
        boiler = _logsumexp2(t[1, 0] + nxt[:, 0], t[1, 1] + u[:, i + 1] + nxt[:, 1])
        beta[:, i, 0] = np.where(live, body, 0.0)
        beta[:, i, 1] = np.where(live, boiler, 0.0)
    marginal = np.exp(alpha[:, :, 1] + beta[:, :, 1] - log_z[:, None])
    marginal = np.where(seq.mask, marginal, 0.0)
    pairs = np.zeros((2, 2))
    for p in (0, 1):
        for c in (0, 1):
            emit = u[:, 1:] if c else 0.0
            joint = np.exp(alpha[:, :-1, p] + t[p, c] + emit + beta[:, 1:, c] - log_z[:, None])
            pairs[p, c] = float(np.where(seq.mask[:, 1:], joint, 0.0).sum())
    return marginal, pairs, log_z


def _objective(seq: Sequences, theta: np.ndarray) -> tuple[float, np.ndarray]:
    """The penalised conditional log-likelihood and its gradient."""
    marginal, pairs, log_z = _forward_backward(seq, theta)
    u = np.where(seq.mask, seq.unary @ theta[:len(UNARY)], 0.0)
    t = ChainCRF.transitions(theta)
    y = seq.labels
    both = seq.mask[:, 1:]
    observed = np.zeros((2, 2))
    for p in (0, 1):
        for c in (0, 1):
            observed[p, c] = float((both & (y[:, :-1] == p) & (y[:, 1:] == c)).sum())
    score = float((y * u).sum() + (observed * t).sum())
    value = score - float(log_z.sum()) - 0.5 * L2 * float(((theta - START) ** 2).sum())
    unary_gradient = np.einsum("dl,dlk->k", np.where(seq.mask, y - marginal, 0.0), seq.unary)
    pair_gradient = observed - pairs
    gradient = np.concatenate([unary_gradient,
                               [pair_gradient[0, 1], pair_gradient[1, 0], pair_gradient[1, 1]]])
    return value, gradient - L2 * (theta - START)


def flat(seq: Sequences, values: np.ndarray, size: int) -> np.ndarray:
    """Per-position ``values`` (docs, length) back in the order of the flat samples."""
    result = np.zeros(size)
    result[seq.index[seq.mask]] = values[seq.mask]
    return result


def body_span(odds: list[float]) -> tuple[int, int]:
    """The span [start, end] with the largest sum of ``-odds`` (body evidence); (0, -1) when
    every sum is negative (no body)."""
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for i, value in enumerate(odds):
        if total <= 0:
            total, start = 0.0, i
        total += -value
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def outside_span(seq: Sequences, offset: float) -> np.ndarray:
    """1 for the lines outside each document's best body span (docs, length), with ``offset``
    added to every line's boilerplate log-odds (a higher offset: a shorter span)."""
    kinds = seq.unary[:, :, 1:5]  # scored, title, listed, long
    odds = np.where(kinds[:, :, 0] > 0, seq.unary[:, :, 0], 0.0)
    odds = odds + kinds[:, :, 1] * TITLE_ODDS + kinds[:, :, 2] * LISTED_ODDS \
        + kinds[:, :, 3] * LONG_ODDS + offset
    result = np.zeros(seq.mask.shape)
    for d, length in enumerate(seq.lengths):
        start, end = body_span([float(v) for v in odds[d, :length]])
        result[d, :length] = 1.0
        result[d, start:end + 1] = 0.0
    return result
