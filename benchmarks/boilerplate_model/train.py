"""Train and evaluate the boilerplate classifier (BP003) on ../shared/corpora/scrapinghub-aeb.

    python3 benchmarks/boilerplate_model/train.py            # cross-validate, write the weights
    python3 benchmarks/boilerplate_model/train.py --check    # cross-validate, compare weights
    python3 benchmarks/boilerplate_model/train.py --design linear-context   # compare a design

Labels are those of ``REFINED=1 ../shared/tools/eval/eval_boilerplate.py`` (imported from there,
so they are the same): a line of an extractor's output is body when it is in the gold body
(also without a list bullet, or for most of its 40-character windows), else boilerplate.

Evaluation as if every site were unseen: 5 folds grouped by article (the three extractor
outputs of one page are always in the same fold), never a line-level random split; with
``--grouping site``, by the site proxy of ``sites.py`` (articles joined when they share a
non-trivial line outside their gold bodies, a non-trivial gold line or a URL domain). With
``--repeats N`` the nested figures are computed for N ways of dealing the groups to the folds
(name order, then CRC-32 orders) and their spread is printed. Each fold is
scored by a model fitted on the other four folds only, at a threshold chosen by an inner grouped
cross-validation (4 folds) on those four folds: the lowest at which lists + classifier reach
TARGET_PRECISION there, else the most precise one; the held-out fold serves only its figures.
Figures are for the phrase lists (BP001/BP002) plus the classifier, without the corpus rule
BP100: a line counts as flagged when either reports it.

Designs (``--design``; each is cross-validated the same way, only the first writes weights):
``linear-line`` (shipped: the logistic model on the features of the line itself),
``linear-context`` (the same with the features of the two lines before and after,
``p_``/``pp_``/``n_``/``nn_``), ``trees-line`` and ``trees-context`` (scikit-learn's histogram
gradient boosting on the same features; scikit-learn is a training-only dependency, the
``train`` extra, and trees are never shipped); ``linear-layout`` and ``trees-layout`` (the line's
features plus its place against the article's main body block, ``doc_``: see
``boilerplate_model.layout_features``); ``linear-stacked`` and ``trees-stacked`` (two stages:
the line-only logistic model, then a second model on the line's own features plus the first
stage's scores of the lines around it, ``s_``: ``boilerplate_model.stack_features``; the second
stage learns from first-stage scores held out by grouped folds inside its training set);
``lexicon-words``, ``lexicon-chars`` and their variants (a learned lexicon: the line's features
plus its words and word pairs or character 3- to 5-grams hashed by CRC-32 into buckets ``h_N``,
see ``lexicon.Hashing``, fitted by :func:`fit_sparse`; ``lexicon-context`` with the
context features too; measured, not shipped); ``lexicon-stacked`` (two stages, the first
``lexicon-context``, the second the same model plus the first stage's held-out scores of the
lines around, ``s_``) and ``lexicon-stacked-linear`` (the second stage without the lexicon);
``crf-line``, ``crf-context``, ``crf-lexicon`` (a two-state linear-chain CRF over each
article's lines whose emission is the first stage's held-out log-odds and whose transitions
are learned on the training folds; the score is the posterior of the boilerplate state) and
``span-*`` (the article's best contiguous body span by summed log-odds; a line outside it
needs less evidence; ``-strict``: only lines outside it are scored), see ``decoding.py``.
First stages are fitted on the training folds with held-out scores inside them
(:func:`first_stage`); every decoding parameter is fitted there too. ``--designs A B …``
compares several designs on the same samples and splits in one run (report only); with
``--operating RULE …`` each outer fold's threshold is chosen by each rule of ``operating.py``
from the same fits (report only; see README.md in this folder). A
linear stacked design ships as ``weight`` and ``weight2`` rows of the weights file. The shipped
threshold is the lowest at which the classifier's own findings reach OWN_TARGET precision on
the 5-fold held-out scores. The safe band (``safe``) is the lowest score whose held-out
precision is at least 0.98 over 30 lines or more, or 2 (never) when none is.

The model is an L2-regularised logistic regression fitted by Newton's method (deterministic,
numpy only here; scoring at run time is a dot product). The weights file
``glossaries/boilerplate-model/weights.tsv`` holds numbers and feature names only; no text of
the corpus is written anywhere.
"""

from __future__ import annotations

import argparse
import os
import sys
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

# One BLAS thread: the fits are small, threads only spin on a shared machine, and one thread
# sums in one order (the weights must come out identical on every run).
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from decoding import SPAN_OFFSETS, ChainCRF, Sequences, flat, logit, outside_span  # noqa: E402
from lexicon import HASH_PREFIX, Hashing  # noqa: E402  (this folder)
from operating import GRID, RULES, Lines, band_counts  # noqa: E402  (this folder)
from sites import components, describe, read_pages  # noqa: E402  (this folder)

from termcheck.config import Config  # noqa: E402
from termcheck.context import Context  # noqa: E402
from termcheck.document import Document  # noqa: E402
from termcheck.rules.boilerplate import boilerplate_for, find_boilerplate  # noqa: E402
from termcheck.rules.boilerplate_model import (  # noqa: E402
    MAX_WORDS,
    NEIGHBOURS,
    STACK_NAMES,
    STACK_PREFIX,
    document_lines,
    load_lexicon,
    mark_listed,
    scored_lines,
    shipped_lexicon,
    shipped_model,
    stack_features,
)

CORPUS = ROOT.parent / "shared" / "corpora" / "scrapinghub-aeb"
EVAL = ROOT.parent / "shared" / "tools" / "eval"
EXTRACTORS = ("goose3", "readability", "trafilatura")
FOLDS = 5
INNER_FOLDS = 4  # grouped folds inside the training folds, to choose the threshold
L2 = 1.0
ITERATIONS = 30
# The shipped threshold: the lowest at which the classifier's own findings reach this pooled
# held-out precision (its curve tops out near 0.82 on this corpus).
OWN_TARGET = 0.82
# The nested comparison of designs: the lowest threshold at which lists + classifier reach the
# issue's target precision on the inner folds, else the most precise one.
TARGET_PRECISION = 0.9
# The compared design (--design trees): scikit-learn's histogram gradient boosting.
TREES = {"max_iter": 200, "learning_rate": 0.05, "max_leaf_nodes": 15, "min_samples_leaf": 20,
         "l2_regularization": 1.0}
SAFE_PRECISION = 0.98
NEIGHBOUR_PREFIXES = tuple(prefix for _, prefix in NEIGHBOURS)
SAFE_SUPPORT = 30  # lines at or above the safe edge needed to trust its precision
# Prior weights: what each kind of evidence means before the data is seen (the regulariser pulls
# a weight towards its prior instead of towards 0). The corpus is mostly English and small: a
# kind it holds few lines of (a bare timestamp, a German call to action) keeps the sign that
# its definition gives it, and the data moves the weights of the kinds it does hold.
PRIORS = {
    "link_only": 2.0, "date_only": 2.0, "iso_stamp": 4.0, "email": 1.0, "handle": 1.0, "url": 0.5,
    "cta_start": 2.0, "cta_any": 1.0, "social": 1.0,
    "credit_start": 1.5, "credit_short": 1.5, "credit_any": 0.5,
    "related_start": 1.5, "stamp": 1.0, "byline_start": 1.0,
    "prev_listed": 1.0, "next_listed": 1.0, "short_run_3": 0.5,
    "terminal": -1.0, "stop_density": -1.0, "words_13_25": -0.5, "between_body": -0.5,
}


@dataclass
class Sample:
    """One labelled line: its article (the group), features, label and whether BP001 has it."""

    article: str
    features: dict[str, float]
    boilerplate: bool
    listed: bool
    scored: bool
    doc: str = ""  # extractor/file: the document the line is in (its lines are in order)
    # what a second stage reads for an unscored line: None (the title), 1 (a phrase-list
    # line), 0 (too long to score); see boilerplate_model.stack_features
    unscored: float | None = None
    site: str = ""  # the group of the cross-validation: the article, or its site (--grouping)
    order: str = ""  # the articles are dealt to folds in (order, article) order (--repeats)


def in_gold_function():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(EVAL))
    from eval_boilerplate import in_gold, norm  # type: ignore[import-not-found]
    return in_gold, norm


GROUPINGS = ("article", "site")


def site_groups(corpus: Path) -> dict[str, str]:
    """Each article's site by the proxy of ``sites.py`` (every rule of it)."""
    in_gold, norm = in_gold_function()
    return components(read_pages(corpus, in_gold, norm))


def load_samples(corpus: Path, context: bool, layout: bool = False,
                 hashing: Hashing | None = None) -> list[Sample]:
    """Every non-blank line of every extractor output, labelled, with its features (with
    ``context``, also those of the lines around it; with ``layout``, the layout features; with
    ``hashing``, those of a learned lexicon)."""
    in_gold, norm = in_gold_function()
    ctx = Context(Config())
    lex = load_lexicon(shipped_lexicon())
    samples = []
    for extractor in EXTRACTORS:
        for path in sorted((corpus / extractor).glob("*.txt")):
            gold = norm((corpus / "gold" / path.name).read_text(encoding="utf-8"))
            text = path.read_text(encoding="utf-8")
            doc = Document(text, str(path))
            matches = find_boilerplate(doc, boilerplate_for(ctx))
            listed = {doc.line_span(m.start)[0] for m in matches}
            scored = {line.row: features | (hashing.features(line) if hashing else {})
                      for line, features in scored_lines(doc, ctx, lex, context, layout)}
            unscored = _unscored_values(doc, ctx)
            for start, end in doc.lines():
                line = text[start:end]
                if not line.strip():
                    continue
                samples.append(Sample(path.name, scored.get(start, {}),
                                      not in_gold(line, gold, True), start in listed,
                                      start in scored, f"{extractor}/{path.name}",
                                      unscored.get(start)))
    return samples


def _unscored_values(doc: Document, ctx: Context) -> dict[int, float | None]:
    """What the second stage reads for each line the classifier does not score (by row)."""
    lines = document_lines(doc)
    mark_listed(doc, lines, ctx)
    values: dict[int, float | None] = {}
    for i, line in enumerate(lines):
        if i == 0:
            values[line.row] = None
        elif line.listed:
            values[line.row] = 1.0
        elif len(line.tokens) > MAX_WORDS:
            values[line.row] = 0.0
    return values


def fit(x: np.ndarray, y: np.ndarray, names: list[str]) -> np.ndarray:
    """Logistic regression weights (bias first, not penalised) by Newton's method, each weight
    pulled towards its prior (:data:`PRIORS`, else 0)."""
    prior = np.array([0.0] + [PRIORS.get(name, 0.0) for name in names])
    weights = prior.copy()
    penalty = np.full(x.shape[1], L2)
    penalty[0] = 0.0
    for _ in range(ITERATIONS):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ weights, -50, 50)))
        gradient = x.T @ (p - y) + penalty * (weights - prior)
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        weights -= np.linalg.solve(hessian, gradient)
    return weights


NEWTON_STEPS = 50  # of the sparse fit, at most
HALVINGS = 20  # of a Newton step that does not lower the loss, at most
LOSS_TOLERANCE = 1e-10  # the sparse fit stops when a step lowers the loss by less (relative)
CG_STEPS = 500  # conjugate-gradient steps at most per Newton step of the sparse fit
CG_TOLERANCE = 1e-12  # squared relative residual at which they stop


@dataclass(frozen=True)
class Sparse:
    """A design matrix by its non-zero entries (bias column 0 included); products by
    ``np.bincount``, which sums in index order: the same weights on every run."""

    rows: np.ndarray
    cols: np.ndarray
    values: np.ndarray
    shape: tuple[int, int]

    def dot(self, w: np.ndarray) -> np.ndarray:
        return np.bincount(self.rows, self.values * w[self.cols], minlength=self.shape[0])

    def tdot(self, v: np.ndarray) -> np.ndarray:
        return np.bincount(self.cols, self.values * v[self.rows], minlength=self.shape[1])


def sparse_matrix(samples: list[Sample], names: list[str]) -> Sparse:
    """:func:`matrix` by its non-zero entries."""
    index = {n: i + 1 for i, n in enumerate(names)}
    rows, cols, values = [], [], []
    for row, sample in enumerate(samples):
        rows.append(row)
        cols.append(0)
        values.append(1.0)
        for name, value in sample.features.items():
            if name in index:
                rows.append(row)
                cols.append(index[name])
                values.append(value)
    return Sparse(np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64),
                  np.array(values), (len(samples), len(names) + 1))


def fit_sparse(x: Sparse, y: np.ndarray, names: list[str], hash_l2: float) -> np.ndarray:
    """:func:`fit` for thousands of features: each Newton step solved by conjugate gradients
    (Jacobi-preconditioned, on Hessian-vector products) instead of a dense solve, and halved
    while it does not lower the loss (with many rare features a full step can overshoot and
    cycle); the lexicon's weights (``h_``) pulled towards 0 with ``hash_l2``."""
    prior = np.array([0.0] + [PRIORS.get(name, 0.0) for name in names])
    penalty = np.array([0.0] + [hash_l2 if name.startswith(HASH_PREFIX) else L2
                                for name in names]) + 1e-9

    def loss(w: np.ndarray) -> float:
        z = np.clip(x.dot(w), -50, 50)
        return float(np.logaddexp(0.0, z).sum() - z @ y
                     + 0.5 * (penalty * (w - prior) ** 2).sum())

    weights, current = prior.copy(), loss(prior)
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(x.dot(weights), -50, 50)))
        gradient = x.tdot(p - y) + penalty * (weights - prior)
        curvature = p * (1 - p)
        diagonal = np.bincount(x.cols, x.values ** 2 * curvature[x.rows],
                               minlength=x.shape[1]) + penalty
        step = conjugate_gradient(hessian_product(x, curvature, penalty), gradient, diagonal)
        for _ in range(HALVINGS):
            trial = loss(weights - step)
            if trial < current:
                break
            step = step / 2
        else:
            break
        weights, previous, current = weights - step, current, trial
        if previous - current < LOSS_TOLERANCE * previous:
            break
    return weights


def hessian_product(x: Sparse, curvature: np.ndarray,
                    penalty: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """v -> H v for the Hessian H = X' diag(curvature) X + diag(penalty)."""
    return lambda v: x.tdot(curvature * x.dot(v)) + penalty * v


def conjugate_gradient(product: Callable[[np.ndarray], np.ndarray], b: np.ndarray,
                       diagonal: np.ndarray) -> np.ndarray:
    """The solution of A s = b for the symmetric positive definite A given by ``product``."""
    s = np.zeros_like(b)
    r = b.copy()
    z = r / diagonal
    d = z.copy()
    rz = float(r @ z)
    limit = CG_TOLERANCE * float(b @ b)
    for _ in range(CG_STEPS):
        if float(r @ r) <= limit:
            break
        ad = product(d)
        alpha = rz / float(d @ ad)
        s += alpha * d
        r -= alpha * ad
        z = r / diagonal
        rz, previous = float(r @ z), rz
        d = z + (rz / previous) * d
    return s


def train_lexicon(hash_l2: float) -> Trainer:
    """The logistic model with a learned lexicon (``h_`` features), fitted sparsely."""
    def train(samples: list[Sample], names: list[str]) -> Scorer:
        scored = [s for s in samples if s.scored]
        weights = fit_sparse(sparse_matrix(scored, names),
                             np.array([s.boilerplate for s in scored], float), names, hash_l2)
        return lambda test: 1.0 / (1.0 + np.exp(-np.clip(sparse_matrix(test, names).dot(weights),
                                                         -50, 50)))
    return train


def matrix(samples: list[Sample], names: list[str]) -> np.ndarray:
    """Bias column, then one column per name (features of other names are left out)."""
    x = np.zeros((len(samples), len(names) + 1))
    x[:, 0] = 1.0
    index = {n: i + 1 for i, n in enumerate(names)}
    for row, sample in enumerate(samples):
        for name, value in sample.features.items():
            if name in index:
                x[row, index[name]] = value
    return x


def scores_of(weights: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x @ weights, -50, 50)))


Scorer = Callable[[list[Sample]], np.ndarray]
Trainer = Callable[[list[Sample], list[str]], Scorer]


def train_linear(samples: list[Sample], names: list[str]) -> Scorer:
    """The shipped design: the logistic model fitted on the scored lines of ``samples``."""
    weights = fit_samples(samples, names)
    return lambda test: scores_of(weights, matrix(test, names))


def train_trees(samples: list[Sample], names: list[str]) -> Scorer:
    """The compared design: gradient-boosted trees (scikit-learn, the ``train`` extra)."""
    from sklearn.ensemble import HistGradientBoostingClassifier  # training-only dependency
    scored = [s for s in samples if s.scored]
    model = HistGradientBoostingClassifier(random_state=0, **TREES)
    model.fit(matrix(scored, names)[:, 1:], np.array([s.boilerplate for s in scored], int))
    return lambda test: model.predict_proba(matrix(test, names)[:, 1:])[:, 1]


STACK_FOLDS = 4  # grouped folds inside a training set for the first stage's held-out scores


def with_stack(samples: list[Sample], first: np.ndarray) -> list[Sample]:
    """Copies of ``samples`` whose scored lines also carry the second stage's features
    (:func:`stack_features`) computed from the first stage's scores ``first``."""
    result: list[Sample] = []
    start = 0
    while start < len(samples):
        end = start
        while end < len(samples) and samples[end].doc == samples[start].doc:
            end += 1
        values = [float(first[k]) if samples[k].scored else samples[k].unscored
                  for k in range(start, end)]
        stack = stack_features(values)
        for k in range(start, end):
            sample = samples[k]
            features = sample.features
            if sample.scored:
                features = {**features, **stack[k - start]}
            result.append(Sample(sample.article, features, sample.boilerplate, sample.listed,
                                 sample.scored, sample.doc, sample.unscored, sample.site,
                                 sample.order))
        start = end
    return result


def stacked(second: Trainer, first: Trainer = None,  # type: ignore[assignment]
            label: str = "linear-line") -> Trainer:
    """Two stages: ``first`` (the logistic model on the line's own features unless given) on
    the features other than the second stage's, then ``second`` on those features plus the
    first stage's scores of the lines around it. The second stage learns from first-stage
    scores held out by STACK_FOLDS grouped folds inside the training set, as the scores it will
    read at run time are of unseen pages. ``label`` names the first stage in the cache of its
    fits (:func:`first_stage`)."""
    def train(samples: list[Sample], names: list[str]) -> Scorer:
        held_out, first_scorer = first_stage(samples, names, first or train_linear, label)
        second_scorer = second(with_stack(samples, held_out), names)
        return lambda test: second_scorer(with_stack(test, first_scorer(test)))
    return train


_FIRST_STAGES: dict[tuple[object, ...], tuple[np.ndarray, Scorer]] = {}


def first_stage(samples: list[Sample], names: list[str], first: Trainer,
                label: str) -> tuple[np.ndarray, Scorer]:
    """The first stage of a two-stage design on the names other than the second stage's
    (``s_``): its scores of ``samples`` held out by STACK_FOLDS grouped folds, and the scorer
    fitted on all of them. Cached by first stage, names and training set (the designs compared
    in one run share them; the values are those of a fresh fit)."""
    own = [name for name in names if not name.startswith(STACK_PREFIX)]
    key = (label, tuple(own), tuple((s.doc, s.order, s.site) for s in samples))
    if key not in _FIRST_STAGES:
        _FIRST_STAGES[key] = (held_out_scores(samples, own, STACK_FOLDS, first),
                              first(samples, own))
    return _FIRST_STAGES[key]


def only(trainer: Trainer, keep: Callable[[str], bool]) -> Trainer:
    """``trainer`` on the names that ``keep`` accepts."""
    return lambda samples, names: trainer(samples, [n for n in names if keep(n)])


def line_kinds(samples: list[Sample]) -> list[str]:
    """What each line is to a decoder: ``scored``, the ``title`` (a document's first line), a
    phrase-list line (``listed``) or a line too long to score (``long``)."""
    kinds = []
    for k, sample in enumerate(samples):
        if sample.scored:
            kinds.append("scored")
        elif k == 0 or samples[k - 1].doc != sample.doc:
            kinds.append("title")
        else:
            kinds.append("listed" if sample.unscored == 1.0 else "long")
    return kinds


def sequences(samples: list[Sample], scores: np.ndarray) -> Sequences:
    return Sequences.of([s.doc for s in samples], line_kinds(samples), logit(scores),
                        np.array([s.boilerplate for s in samples], float))


Decoder = Callable[[list[Sample], np.ndarray], Callable[[list[Sample], np.ndarray], np.ndarray]]


def crf_decoder(samples: list[Sample], held_out: np.ndarray) -> Callable[
        [list[Sample], np.ndarray], np.ndarray]:
    """The chain CRF fitted on the first stage's held-out scores of ``samples``; it scores a
    test set by its posterior of the boilerplate state."""
    crf = ChainCRF.fit(sequences(samples, held_out))

    def decode(test: list[Sample], scores: np.ndarray) -> np.ndarray:
        seq = sequences(test, scores)
        return flat(seq, crf.marginals(seq), len(test))
    return decode


def span_decoder(strict: bool) -> Decoder:
    """The best body span: for each offset of SPAN_OFFSETS, the lines outside each document's
    span, and a logistic model over the line's log-odds, outside and their product (``strict``:
    over the log-odds of the lines outside only; a line inside scores 0); the offset whose
    model has the highest likelihood on the training lines."""
    def fit_decoder(samples: list[Sample], held_out: np.ndarray) -> Callable[
            [list[Sample], np.ndarray], np.ndarray]:
        seq = sequences(samples, held_out)
        scored = np.array([s.scored for s in samples])
        y = np.array([s.boilerplate for s in samples], float)
        best: tuple[float, float, np.ndarray] | None = None
        for offset in SPAN_OFFSETS:
            x = span_matrix(seq, offset, logit(held_out), len(samples))
            rows = scored & (x[:, 2] > 0) if strict else scored
            weights = fit(x[rows], y[rows], SPAN_NAMES)
            p = scores_of(weights, x[rows])
            likelihood = float(np.log(np.where(y[rows] > 0, p, 1 - p) + 1e-12).sum())
            if best is None or likelihood > best[0]:
                best = (likelihood, offset, weights)
        assert best is not None
        _, offset, weights = best

        def decode(test: list[Sample], scores: np.ndarray) -> np.ndarray:
            x = span_matrix(sequences(test, scores), offset, logit(scores), len(test))
            result = scores_of(weights, x)
            return np.where(x[:, 2] > 0, result, 0.0) if strict else result
        return decode
    return fit_decoder


SPAN_NAMES = ["span_z", "span_outside", "span_z_outside"]


def span_matrix(seq: Sequences, offset: float, z: np.ndarray, size: int) -> np.ndarray:
    """Bias, log-odds, outside the best span, their product (one row per flat sample)."""
    outside = flat(seq, outside_span(seq, offset), size)
    return np.column_stack([np.ones(size), z, outside, z * outside])


def decoded(decoder: Decoder, first: Trainer = None,  # type: ignore[assignment]
            label: str = "linear-line") -> Trainer:
    """A first stage (the line-only logistic model unless given), then a decoder over each
    article's line sequence fitted on the first stage's held-out scores of the training set
    (:func:`first_stage`, shared with the stacked designs)."""
    def train(samples: list[Sample], names: list[str]) -> Scorer:
        held_out, first_scorer = first_stage(samples, names, first or train_linear, label)
        decode = decoder(samples, held_out)
        return lambda test: decode(test, first_scorer(test))
    return train


def counts(samples: list[Sample], scores: np.ndarray, threshold: float) -> tuple[int, int, int]:
    """tp, fp, fn of lists + classifier over all lines of ``samples``."""
    tp = fp = fn = 0
    for sample, score in zip(samples, scores):
        flagged = sample.listed or (sample.scored and score >= threshold)
        tp += flagged and sample.boilerplate
        fp += flagged and not sample.boilerplate
        fn += sample.boilerplate and not flagged
    return tp, fp, fn


def own_counts(samples: list[Sample], scores: np.ndarray, threshold: float) -> tuple[int, int]:
    """tp, fp of the classifier's own findings (lines the phrase lists do not report)."""
    flagged = [s.boilerplate for s, score in zip(samples, scores)
               if s.scored and score >= threshold]
    return sum(flagged), len(flagged) - sum(flagged)


def choose_threshold(samples: list[Sample], scores: np.ndarray) -> float:
    """The lowest threshold (0.01 steps) at which lists + classifier reach TARGET_PRECISION on
    ``scores`` (held-out scores of ``samples``); when none does, the most precise one."""
    listed = np.array([s.listed for s in samples])
    scored = np.array([s.scored for s in samples])
    boilerplate = np.array([s.boilerplate for s in samples])
    steps = [step / 100 for step in range(5, 100)]
    precisions = []
    for threshold in steps:
        flagged = listed | (scored & (scores >= threshold))
        precision = (flagged & boilerplate).sum() / flagged.sum() if flagged.any() else 0.0
        if precision >= TARGET_PRECISION:
            return threshold
        precisions.append(precision)
    return steps[int(np.argmax(precisions))]


def shipped_threshold(samples: list[Sample], scores: np.ndarray) -> float:
    """The lowest threshold (0.01 steps from 0.30) at which the classifier's own held-out
    precision reaches OWN_TARGET (the rule of the shipped weights)."""
    for step in range(30, 100):
        tp, fp = own_counts(samples, scores, step / 100)
        if tp and tp / (tp + fp) >= OWN_TARGET:
            return step / 100
    return 0.99


def fixed_threshold_report(samples: list[Sample], held_out: np.ndarray,
                           threshold: float) -> list[str]:
    """Per fold and pooled at one threshold chosen on the same held-out scores (optimistic:
    the figure of the shipped weights' threshold, for comparison with the nested one)."""
    folds = fold_of(samples)
    report, total, own = [], np.zeros(3, int), np.zeros(2, int)
    for fold in range(FOLDS):
        index = [i for i, s in enumerate(samples) if folds[s.article] == fold]
        test = [samples[i] for i in index]
        fold_counts = counts(test, held_out[index], threshold)
        fold_own = own_counts(test, held_out[index], threshold)
        total += fold_counts
        own += fold_own
        report.append(f"  fold {fold + 1}: lists + classifier {prf(*fold_counts)}; classifier "
                      f"alone {own_precision(*fold_own)}")
    report.append(f"  pooled: lists + classifier {prf(*map(int, total))}; classifier alone "
                  f"{own_precision(*map(int, own))}")
    return report


def fit_samples(samples: list[Sample], names: list[str]) -> np.ndarray:
    scored = [s for s in samples if s.scored]
    return fit(matrix(scored, names), np.array([s.boilerplate for s in scored], float), names)


def held_out_scores(samples: list[Sample], names: list[str], folds: int,
                    trainer: Trainer) -> np.ndarray:
    """Scores of every sample by a model fitted without its article's fold."""
    fold = fold_of(samples, folds)
    scores = np.zeros(len(samples))
    for k in range(folds):
        train = [s for s in samples if fold[s.article] != k]
        test = [i for i, s in enumerate(samples) if fold[s.article] == k]
        scores[test] = trainer(train, names)([samples[i] for i in test])
    return scores


def fold_of(samples: list[Sample], folds: int = FOLDS) -> dict[str, int]:
    """The fold of each article: the k-th article in name order (or ``order``, then name)
    goes to fold k % ``folds``, and every article of a group (``site``) to the fold of the
    group's first article (grouped by article, each article is its own group)."""
    order = {s.article: s.order for s in samples}
    articles = sorted(order, key=lambda article: (order[article], article))
    site = {s.article: s.site or s.article for s in samples}
    first: dict[str, int] = {}
    for rank, article in enumerate(articles):
        first.setdefault(site[article], rank)
    return {article: first[site[article]] % folds for article in articles}


def prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return f"P {p:.3f} R {r:.3f} (tp {tp}, fp {fp}, fn {fn})"


def own_precision(tp: int, fp: int) -> str:
    return f"P {tp / (tp + fp) if tp + fp else 0.0:.3f} (tp {tp}, fp {fp})"


def cross_validate(samples: list[Sample], names: list[str],
                   trainer: Trainer) -> list[str]:
    """Report lines per held-out fold and pooled (:func:`nested`), and the lists alone."""
    report, _ = nested(samples, names, trainer)
    listed = counts(samples, np.full(len(samples), -1.0), 2.0)
    return report + [f"phrase lists alone (BP001/BP002): {prf(*listed)}"]


def nested(samples: list[Sample], names: list[str],
           trainer: Trainer) -> tuple[list[str], tuple[int, int, int]]:
    """Report lines per held-out fold and pooled, and the pooled tp, fp, fn.

    Each outer fold is scored by a model fitted on the other folds, at a threshold chosen by
    an inner grouped cross-validation on those folds only (:func:`choose_threshold`): the
    held-out fold is used for nothing but its figures.
    """
    folds = fold_of(samples)
    report, total, own = [], np.zeros(3, int), np.zeros(2, int)
    for fold in range(FOLDS):
        train = [s for s in samples if folds[s.article] != fold]
        test = [s for s in samples if folds[s.article] == fold]
        threshold = choose_threshold(train, held_out_scores(train, names, INNER_FOLDS, trainer))
        scores = trainer(train, names)(test)
        fold_counts = counts(test, scores, threshold)
        fold_own = own_counts(test, scores, threshold)
        total += fold_counts
        own += fold_own
        report.append(f"fold {fold + 1} ({len({s.article for s in test})} articles, threshold "
                      f"{threshold:.2f}): lists + classifier {prf(*fold_counts)}; classifier "
                      f"alone {own_precision(*fold_own)}")
    report.append(f"pooled: lists + classifier {prf(*map(int, total))}; classifier alone "
                  f"{own_precision(*map(int, own))}")
    tp, fp, fn = map(int, total)
    return report, (tp, fp, fn)


def repeated(samples: list[Sample], names: list[str], trainer: Trainer,
             repeats: int) -> list[str]:
    """The pooled nested figures with ``repeats`` ways of dealing the groups to the folds: the
    first in name order (the figures above), the others in the order of a CRC-32 of the repeat's
    number and the article name. How far they spread is how far one split can be trusted."""
    lines, precisions, recalls = [], [], []
    for repeat in range(repeats):
        dealt = samples if not repeat else [
            replace(s, order=f"{zlib.crc32(f'{repeat}:{s.article}'.encode()):08x}")
            for s in samples]
        _, (tp, fp, fn) = nested(dealt, names, trainer)
        precisions.append(tp / (tp + fp) if tp + fp else 0.0)
        recalls.append(tp / (tp + fn) if tp + fn else 0.0)
        lines.append(f"  split {repeat + 1}: {prf(tp, fp, fn)}")
    lines.append(f"  mean over {repeats} splits: P {np.mean(precisions):.3f} (from "
                 f"{min(precisions):.3f} to {max(precisions):.3f}), R {np.mean(recalls):.3f} "
                 f"(from {min(recalls):.3f} to {max(recalls):.3f})")
    return lines


def lines_of(samples: list[Sample], scores: np.ndarray, folds: dict[str, int] | None) -> Lines:
    """The arrays an operating rule reads; without ``folds`` (an outer fold) no labels."""
    return Lines(np.array([s.listed for s in samples]), np.array([s.scored for s in samples]),
                 np.array([s.boilerplate and folds is not None for s in samples]), scores,
                 np.array([folds[s.article] if folds else 0 for s in samples]))


def nested_operating(samples: list[Sample], names: list[str], trainer: Trainer,
                     rules: list[str]) -> dict[str, list[tuple[int, int, int, float]]]:
    """:func:`nested` with each operating rule of ``rules`` (operating.py) choosing the
    threshold of each outer fold from the same fits: tp, fp, fn and threshold per fold."""
    folds = fold_of(samples)
    result: dict[str, list[tuple[int, int, int, float]]] = {rule: [] for rule in rules}
    for fold in range(FOLDS):
        train = [s for s in samples if folds[s.article] != fold]
        test = [s for s in samples if folds[s.article] == fold]
        inner = lines_of(train, held_out_scores(train, names, INNER_FOLDS, trainer),
                         fold_of(train, INNER_FOLDS))
        scores = trainer(train, names)(test)
        outer = lines_of(test, scores, None)
        for rule in rules:
            threshold = RULES[rule](inner, outer, TARGET_PRECISION)
            result[rule].append((*counts(test, scores, threshold), threshold))
    return result


def operating_report(samples: list[Sample], names: list[str], trainer: Trainer,
                     repeats: int, rules: list[str]) -> list[str]:
    """Per rule: the pooled nested figures of each split (as :func:`repeated` deals them),
    their mean and range, the range of the per-fold figures and of the thresholds."""
    per_rule: dict[str, list[list[tuple[int, int, int, float]]]] = {rule: [] for rule in rules}
    for repeat in range(repeats):
        dealt = samples if not repeat else [
            replace(s, order=f"{zlib.crc32(f'{repeat}:{s.article}'.encode()):08x}")
            for s in samples]
        for rule, folds in nested_operating(dealt, names, trainer, rules).items():
            per_rule[rule].append(folds)
    lines = []
    for rule, splits in per_rule.items():
        pooled = [np.array([f[:3] for f in folds]).sum(axis=0) for folds in splits]
        p = [tp / (tp + fp) if tp + fp else 0.0 for tp, fp, _ in pooled]
        r = [tp / (tp + fn) if tp + fn else 0.0 for tp, _, fn in pooled]
        every = [f for folds in splits for f in folds]
        fold_p = [tp / (tp + fp) if tp + fp else 0.0 for tp, fp, _, _ in every]
        fold_r = [tp / (tp + fn) if tp + fn else 0.0 for tp, _, fn, _ in every]
        thresholds = [f[3] for f in every]
        total = np.sum(pooled, axis=0)
        lines.append(f"  operating {rule}: mean over {len(splits)} splits P {np.mean(p):.3f} "
                     f"({min(p):.3f}-{max(p):.3f}) R {np.mean(r):.3f} ({min(r):.3f}-"
                     f"{max(r):.3f}); all splits pooled {prf(*map(int, total))}; per fold P "
                     f"{min(fold_p):.3f}-{max(fold_p):.3f} (sd {np.std(fold_p):.3f}), R "
                     f"{min(fold_r):.3f}-{max(fold_r):.3f} (sd {np.std(fold_r):.3f}); "
                     f"thresholds {min(thresholds):.3f}-{max(thresholds):.3f}")
    return lines


def curve(samples: list[Sample], held_out: np.ndarray) -> list[str]:
    """Held-out precision and recall at fixed thresholds (for the doc; not used to choose)."""
    lines = []
    for step in range(30, 100, 10):
        tp, fp = own_counts(samples, held_out, step / 100)
        lines.append(f"  at {step / 100:.2f}: classifier alone {own_precision(tp, fp)}; "
                     f"lists + classifier {prf(*counts(samples, held_out, step / 100))}")
    return lines


def frontier(samples: list[Sample], held_out: np.ndarray) -> list[str]:
    """Where the target sits on the held-out curve (the threshold chosen on the same scores,
    an optimistic bound no nested rule can beat): the highest recall at precision >=
    TARGET_PRECISION and the highest precision at recall >= 0.6, lists + classifier."""
    inner = lines_of(samples, held_out, {s.article: 0 for s in samples})
    tp, n = band_counts(inner, GRID)
    positives = int(inner.boilerplate.sum())
    precision = np.where(n > 0, tp / np.maximum(n, 1), 0.0)
    recall = tp / max(positives, 1)
    lines = []
    for label, keep, best in (("P >= 0.9", precision >= TARGET_PRECISION, recall),
                              ("R >= 0.6", recall >= 0.6, precision)):
        if keep.any():
            k = int(np.flatnonzero(keep)[np.argmax(best[keep])])
            lines.append(f"  best at {label}: threshold {GRID[k]:.3f}, "
                         f"{prf(int(tp[k]), int(n[k] - tp[k]), int(positives - tp[k]))}")
        else:
            lines.append(f"  best at {label}: none")
    return lines


def safe_edge(samples: list[Sample], margins: np.ndarray) -> tuple[float, list[str]]:
    """The lowest margin over the threshold whose held-out precision is >= SAFE_PRECISION."""
    own = [(m, s.boilerplate) for s, m in zip(samples, margins) if s.scored and m >= 0]
    own.sort(reverse=True)
    edge, tp, lines = 2.0, 0, []
    for n, (margin, bad) in enumerate(own, 1):
        tp += bad
        if n >= SAFE_SUPPORT and tp / n >= SAFE_PRECISION:
            edge = margin
    for lower in (0.0, 0.05, 0.1, 0.15, 0.2, 0.3):
        band = [bad for m, bad in own if m >= lower]
        if band:
            lines.append(f"margin >= {lower:.2f}: {len(band)} lines, precision "
                         f"{sum(band) / len(band):.3f}")
    return edge, lines


def shipped_weights(samples: list[Sample], names: list[str],
                    design: Design) -> list[tuple[str, list[str], np.ndarray]]:
    """The weights to ship, fitted on every article: ``("weight", names, weights)`` of the
    first stage and, for a stacked design, ``("weight2", …)`` of the second, fitted on the
    first stage's scores held out as in :func:`stacked`."""
    if not design.stack:
        return [("weight", names, fit_samples(samples, names))]
    own = [name for name in names if not name.startswith(STACK_PREFIX)]
    held_out, _ = first_stage(samples, names, train_linear, "linear-line")
    return [("weight", own, fit_samples(samples, own)),
            ("weight2", names, fit_samples(with_stack(samples, held_out), names))]


def weights_text(stages: list[tuple[str, list[str], np.ndarray]], threshold: float,
                 safe: float) -> str:
    rows = ["# Weights of the boilerplate classifier (BP003). Generated by",
            "# benchmarks/boilerplate_model/train.py from ../shared/corpora/scrapinghub-aeb;",
            "# do not edit by hand: run the script again. Feature names are those of",
            "# termcheck/rules/boilerplate_model.py; `safe`: score from which a deletion is safe.",
            "kind\tname\tvalue",
            f"param\tthreshold\t{threshold:.2f}",
            f"param\tsafe\t{safe:.3f}"]
    for kind, names, weights in stages:
        rows.append(f"{kind}\tbias\t{weights[0]:.6f}")
        rows += [f"{kind}\t{name}\t{w:.6f}" for name, w in zip(names, weights[1:])]
    return "\n".join(rows) + "\n"


@dataclass(frozen=True)
class Design:
    """How a design is trained and which features it reads."""

    trainer: Trainer
    context: bool = False  # the features of the two lines before and after (p_, n_, ...)
    layout: bool = False  # the layout features (doc_)
    stack: bool = False  # second-stage features (s_): the trainer must be stacked()
    hashing: Hashing | None = None  # a learned lexicon's features (h_)


WORDS = Hashing("words", 4096)
DESIGNS = {
    # the first ships
    "linear-line": Design(train_linear),
    "linear-context": Design(train_linear, context=True),
    "trees-line": Design(train_trees),
    "trees-context": Design(train_trees, context=True),
    "linear-layout": Design(train_linear, layout=True),
    "linear-stacked": Design(stacked(train_linear), stack=True),
    "trees-layout": Design(train_trees, layout=True),
    "trees-stacked": Design(stacked(train_trees), stack=True),
    "lexicon-words": Design(train_lexicon(1.0), hashing=Hashing("words", 4096)),
    "lexicon-words-l2-10": Design(train_lexicon(10.0), hashing=Hashing("words", 4096)),
    "lexicon-words-1k": Design(train_lexicon(1.0), hashing=Hashing("words", 1024)),
    "lexicon-chars": Design(train_lexicon(1.0), hashing=Hashing("chars", 4096, True)),
    "lexicon-chars-l2-10": Design(train_lexicon(10.0), hashing=Hashing("chars", 4096, True)),
    "lexicon-context": Design(train_lexicon(1.0), context=True, hashing=Hashing("words", 4096)),
    # report-only designs of 2026-12-05 (second session): stacking over the lexicon, and
    # structured decoding of the line sequence (decoding.py)
    "lexicon-stacked": Design(stacked(train_lexicon(1.0), train_lexicon(1.0), "lexicon-context"),
                              context=True, stack=True, hashing=WORDS),
    "lexicon-stacked-linear": Design(
        stacked(only(train_linear, lambda name: not name.startswith(HASH_PREFIX)),
                train_lexicon(1.0), "lexicon-context"),
        context=True, stack=True, hashing=WORDS),
    "crf-line": Design(decoded(crf_decoder)),
    "crf-context": Design(decoded(crf_decoder, train_linear, "linear-context"), context=True),
    "crf-lexicon": Design(decoded(crf_decoder, train_lexicon(1.0), "lexicon-context"),
                          context=True, hashing=WORDS),
    "span-line": Design(decoded(span_decoder(False))),
    "span-line-strict": Design(decoded(span_decoder(True))),
    "span-context": Design(decoded(span_decoder(False), train_linear, "linear-context"),
                           context=True),
    "span-lexicon": Design(decoded(span_decoder(False), train_lexicon(1.0), "lexicon-context"),
                           context=True, hashing=WORDS),
    "span-lexicon-strict": Design(decoded(span_decoder(True), train_lexicon(1.0),
                                          "lexicon-context"), context=True, hashing=WORDS),
}
SHIPPED = "linear-line"


def feature_names(samples: list[Sample], design: Design) -> list[str]:
    names = {name for s in samples for name in s.features} | set(PRIORS)
    if not design.context:
        names = {name for name in names if not name.startswith(NEIGHBOUR_PREFIXES)}
    if design.hashing is None:  # samples loaded for several designs may carry a lexicon
        names = {name for name in names if not name.startswith(HASH_PREFIX)}
    if design.stack:
        names |= set(STACK_NAMES)
    return sorted(names)


def compare(corpus: Path, designs: list[str], grouping: str, repeats: int,
            curves: bool = False, rules: list[str] | None = None) -> int:
    """Nested figures of several designs on samples loaded once with every feature any of them
    reads, each design on its own names (:func:`feature_names`)."""
    chosen = [DESIGNS[name] for name in designs]
    hashings = {d.hashing for d in chosen if d.hashing is not None}
    if len(hashings) > 1 or any(d.layout for d in chosen):
        print("--designs: one learned lexicon at most, no layout design", file=sys.stderr)
        return 2
    samples = load_samples(corpus, any(d.context for d in chosen), False,
                           next(iter(hashings), None))
    if grouping == "site":
        groups = site_groups(corpus)
        samples = [replace(s, site=groups[s.article]) for s in samples]
    print(f"scrapinghub-aeb/refined: {len({s.article for s in samples})} articles, "
          f"{len(samples)} lines; {FOLDS} folds grouped by {grouping}, {repeats} splits")
    for name, design in zip(designs, chosen):
        names = feature_names(samples, design)
        print(f"design {name} ({len(names)} features):", flush=True)
        if rules:
            print("\n".join(operating_report(samples, names, design.trainer, max(repeats, 1),
                                             rules)), flush=True)
        else:
            print("\n".join(repeated(samples, names, design.trainer, max(repeats, 1))),
                  flush=True)
        if curves:
            held_out = held_out_scores(samples, names, FOLDS, design.trainer)
            print(f"  held-out curve ({FOLDS} grouped folds, name order):")
            print("\n".join("  " + line for line in curve(samples, held_out)), flush=True)
            print("\n".join("  " + line for line in frontier(samples, held_out)), flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--check", action="store_true",
                        help="do not write the weights; fail if they differ from the shipped ones")
    parser.add_argument("--grouping", choices=GROUPINGS, default=GROUPINGS[0],
                        help="the groups of the folds: articles, or sites by the proxy of "
                             "sites.py (articles joined by shared lines or URL hosts)")
    parser.add_argument("--repeats", type=int, default=1,
                        help="repeat the nested cross-validation with this many ways of dealing "
                             "the groups to the folds and print the spread of the pooled figures")
    parser.add_argument("--design", choices=list(DESIGNS), default=SHIPPED,
                        help="cross-validate another design (report only; the trees need "
                             "scikit-learn, the 'train' extra)")
    parser.add_argument("--designs", nargs="+", choices=list(DESIGNS), metavar="DESIGN",
                        help="cross-validate these designs one after the other on the same "
                             "samples and splits (report only; first stages are fitted once)")
    parser.add_argument("--curve", action="store_true",
                        help="with --designs, also the held-out curve of each design")
    parser.add_argument("--operating", nargs="+", choices=list(RULES), metavar="RULE",
                        help="with --designs, choose each outer fold's threshold by these "
                             "rules (operating.py) from the same fits and compare them")
    args = parser.parse_args()
    if not (args.corpus / "gold").is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    if args.designs:
        return compare(args.corpus, args.designs, args.grouping, args.repeats, args.curve,
                       args.operating)
    design = DESIGNS[args.design]
    trainer = design.trainer
    samples = load_samples(args.corpus, design.context, design.layout, design.hashing)
    grouping = "by article"
    if args.grouping == "site":
        groups = site_groups(args.corpus)
        samples = [replace(s, site=groups[s.article]) for s in samples]
        grouping = f"by site: {describe(groups)}"
    names = feature_names(samples, design)
    boiler = sum(s.boilerplate for s in samples)
    print(f"scrapinghub-aeb/refined: {len({s.article for s in samples})} articles, "
          f"{len(samples)} lines, {boiler} boilerplate; design {args.design} "
          f"({len(names)} features); {FOLDS} folds grouped {grouping}, thresholds by "
          f"{INNER_FOLDS} inner grouped folds")
    print("\n".join(cross_validate(samples, names, trainer)))
    if args.repeats > 1:
        print(f"nested pooled figures, lists + classifier, over {args.repeats} splits:")
        print("\n".join(repeated(samples, names, trainer, args.repeats)))
    held_out = held_out_scores(samples, names, FOLDS, trainer)
    print(f"held-out curve ({FOLDS} grouped folds, every article):")
    print("\n".join(curve(samples, held_out)))
    if args.design != SHIPPED:
        return 0
    threshold = shipped_threshold(samples, held_out)
    print(f"at the shipped threshold {threshold:.2f} (own held-out precision >= {OWN_TARGET}):")
    print("\n".join(fixed_threshold_report(samples, held_out, threshold)))
    stages = shipped_weights(samples, names, design)
    edge, bands = safe_edge(samples, held_out - threshold)
    safe = min(1.0, threshold + edge) if edge < 2.0 else 2.0
    print("held-out precision of the classifier's own findings, by margin over the threshold:")
    print("\n".join("  " + b for b in bands))
    print(f"shipped: threshold {threshold:.2f}, safe from {safe:.3f}")
    text = weights_text(stages, threshold, safe)
    target = shipped_model()
    if args.check:
        same = target.is_file() and target.read_text(encoding="utf-8") == text
        print("weights: identical to the shipped file" if same else "weights: DIFFER")
        return 0 if same else 1
    target.write_text(text, encoding="utf-8")
    print(f"wrote {os.path.relpath(target)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
