""""Probably goes in…": the likeliest existing themes for each unsorted note, with a confidence.

The model scores (note, theme) pairs rather than choosing one class per note, which is what
keeps it honest when a note sits in several themes: each of its themes is a positive pair,
every other theme a negative one, and a score is the probability that the note belongs in
*that* theme (scores of one note need not add up to 1). Five features per pair, all
similarities on embeddings and TF-IDF (:mod:`.embeddings`):

- similarity to the theme's centroid (embeddings), and the same on TF-IDF words;
- similarity to the theme's closest note (a theme can hold several sub-clusters);
- similarity to the theme's name and description (the researcher's own words, which also
  lets a theme with no notes yet be suggested);
- how many notes the theme holds (log), a prior for busy themes.

A logistic regression (:func:`logistic_regression`) learns the weights on the sorted notes,
each scored against centroids that leave it out (otherwise every note would find itself).
Few sorted notes (fewer than five, or no theme with two) fall back to fixed weights.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._frames import NoteTable, note_table, theme_texts
from .embeddings import Vectors, vectorise

NAME_WEIGHT = 1.0  # the theme name counts as this many notes in its centroid
FEATURES = ("centroid", "centroid_words", "closest_note", "name", "size")
# Used until enough notes are sorted to learn from: centroid and name first.
_FALLBACK = np.array([6.0, 2.0, 3.0, 4.0, 0.3]), -5.0
_COLUMNS = ["note_id", "rank", "theme_id", "theme", "score"]


@dataclass(frozen=True)
class _Themes:
    ids: list[str]
    names: list[str]
    vectors: Vectors  # name and description
    members: np.ndarray  # bool, notes x themes


def suggest_themes(notes: pd.DataFrame, themes: pd.DataFrame,
                   for_notes: list[str] | None = None, top: int = 3) -> pd.DataFrame:
    """The ``top`` likeliest themes for each note to suggest for, best first.

    Parameters
    ----------
    notes
        Every note that can teach or be suggested for: ``note_id``, ``text`` and its themes
        (``theme_ids`` tuples as :meth:`synthesis.Study.notes` gives them, or one row per
        note and theme with ``theme_id``). Notes in at least one of ``themes`` are the
        training examples.
    themes
        The candidate themes: ``theme_id``, ``name`` and optionally ``description``.
    for_notes
        The notes to suggest for (default: every note in none of ``themes``).

    Returns
    -------
    DataFrame ``note_id, rank, theme_id, theme, score``: one row per note and suggested theme
    (``rank`` 1 is the best), notes in the order given. ``score`` is the estimated
    probability that the note belongs in that theme. A note gets no rows when there are no
    themes.

    Examples
    --------
    >>> notes = pd.DataFrame({"note_id": ["a", "b", "c"],
    ...     "text": ["The bank link scared me", "Tax return was confusing", "Bank access?"],
    ...     "theme_ids": [("t-bank",), ("t-tax",), ()]})
    >>> themes = pd.DataFrame({"theme_id": ["t-bank", "t-tax"],
    ...                        "name": ["Bank connection anxiety", "Tax confusion"]})
    >>> suggest_themes(notes, themes, top=1)[["note_id", "theme_id"]].values.tolist()
    [['c', 't-bank']]
    """
    table, candidates, vectors = _prepare(notes, themes)
    targets = (np.flatnonzero(~candidates.members.any(axis=1)) if for_notes is None
               else table.index([str(n) for n in for_notes]))
    if not len(targets) or not candidates.ids:
        return pd.DataFrame(columns=_COLUMNS)
    scores = _theme_scores(vectors, candidates, targets)
    return _top(table, candidates, targets, scores, top)


def _prepare(notes: pd.DataFrame, themes: pd.DataFrame) -> tuple[NoteTable, _Themes, Vectors]:
    ids, names, described = theme_texts(themes)
    table = note_table(notes, ids)
    vectors = vectorise(table.texts + described, vocabulary_from=table.texts + described)
    column = {tid: j for j, tid in enumerate(ids)}
    members = np.zeros((len(table.ids), len(ids)), dtype=bool)
    for i, tids in enumerate(table.themes):
        for tid in tids:
            members[i, column[tid]] = True
    n = len(table.ids)
    return (table, _Themes(ids, names, vectors.rows(np.arange(n, n + len(ids))), members),
            vectors.rows(np.arange(n)))


def _theme_scores(vectors: Vectors, themes: _Themes, targets: np.ndarray) -> np.ndarray:
    """Probability per (target note, theme), from weights learnt on the sorted notes."""
    weights, bias = _learn(vectors, themes)
    features = _features(vectors, themes, targets, leave_out=False)
    return 1.0 / (1.0 + np.exp(-(features @ weights + bias)))


def _learn(vectors: Vectors, themes: _Themes) -> tuple[np.ndarray, float]:
    sorted_rows = np.flatnonzero(themes.members.any(axis=1))
    if len(sorted_rows) < 5 or themes.members.sum(axis=0).max() < 2:
        return _FALLBACK
    features = _features(vectors, themes, sorted_rows, leave_out=True)
    labels = themes.members[sorted_rows].ravel()
    if labels.all() or not labels.any():
        return _FALLBACK
    return logistic_regression(features.reshape(-1, len(FEATURES)), labels)


def logistic_regression(x: np.ndarray, y: np.ndarray, c: float = 1.0, steps: int = 50
                        ) -> tuple[np.ndarray, float]:
    """L2-penalised logistic regression by Newton's method: weights and intercept.

    Minimises ``||w||² / 2 + c · Σ log(1 + exp(-s·(x·w + b)))`` with ``s`` = ±1 for
    ``y`` True/False and the intercept unpenalised: scikit-learn's ``LogisticRegression(C=c)``
    (the tests compare the two). Written out because five features need no library, and
    importing scikit-learn would cost seconds on every first suggestion.

    Examples
    --------
    >>> x = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> w, b = logistic_regression(x, np.array([False, False, True, True]))
    >>> bool(w[0] > 0 and b < 0)
    True
    """
    design = np.hstack([x, np.ones((len(x), 1))])
    target = y.astype(float)
    penalty = np.eye(design.shape[1])
    penalty[-1, -1] = 0.0  # the intercept is not penalised
    theta = np.zeros(design.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(design @ theta)))
        gradient = c * design.T @ (p - target) + penalty @ theta
        hessian = c * (design.T * (p * (1 - p))) @ design + penalty
        step = np.linalg.solve(hessian + 1e-9 * np.eye(len(theta)), gradient)
        theta -= step
        if np.abs(step).max() < 1e-10:
            break
    return theta[:-1], float(theta[-1])


def _features(vectors: Vectors, themes: _Themes, rows: np.ndarray, leave_out: bool
              ) -> np.ndarray:
    """Features, shape (len(rows), themes, 5); ``leave_out`` takes each note out of its
    own themes' centroids, sizes and closest notes (for training)."""
    members = themes.members.astype(np.float32)
    sizes = members.sum(axis=0)
    own = members[rows] if leave_out else np.zeros((len(rows), len(themes.ids)), np.float32)
    x = vectors.rows(rows)
    centroid = _centroid_similarity(x.dense, vectors.dense, themes.vectors.dense, members, own)
    words = _centroid_similarity(x.words, vectors.words, themes.vectors.words, members, own)
    name = x.similarity(themes.vectors)
    closest = np.zeros_like(centroid)
    pairwise = x.similarity(vectors)
    if leave_out:
        pairwise[np.arange(len(rows)), rows] = -np.inf  # a note is not its own neighbour
    for j in range(len(themes.ids)):
        in_theme = np.flatnonzero(themes.members[:, j])
        if len(in_theme):
            closest[:, j] = np.maximum(pairwise[:, in_theme].max(axis=1), 0.0)
    size = np.log1p(np.broadcast_to(sizes, own.shape) - own)
    return np.stack([centroid, words, closest, name, size], axis=-1)


def _centroid_similarity(x: Any, all_rows: Any, names: Any, members: np.ndarray, own: np.ndarray
                         ) -> np.ndarray:
    """Cosine of each row of ``x`` with each theme's centroid: its notes plus its name,
    minus the row itself where ``own`` says it is a member (leave one out)."""
    dense = not hasattr(x, "toarray")
    totals = members.T @ all_rows if dense else np.asarray((all_rows.T @ members).T)
    names_dense = names if dense else names.toarray()
    totals = totals + NAME_WEIGHT * names_dense  # themes x dims
    dots = np.asarray(x @ totals.T)  # rows x themes
    self_dot = (np.einsum("ij,ij->i", x, x) if dense
                else np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms2 = (totals * totals).sum(axis=1)[None, :] - 2 * own * dots + own * self_dot[:, None]
    dots = dots - own * self_dot[:, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        cos = np.where(norms2 > 1e-12, dots / np.sqrt(np.maximum(norms2, 1e-12)), 0.0)
    return cos.astype(np.float64)


def _top(table: NoteTable, themes: _Themes, targets: np.ndarray, scores: np.ndarray,
         top: int) -> pd.DataFrame:
    rows = []
    k = min(top, len(themes.ids))
    for r, i in enumerate(targets):
        # Stable order on ties: board order of the themes.
        best = np.argsort(-scores[r], kind="stable")[:k]
        for rank, j in enumerate(best, start=1):
            rows.append((table.ids[i], rank, themes.ids[j], themes.names[j],
                         round(float(scores[r, j]), 4)))
    return pd.DataFrame(rows, columns=_COLUMNS)
