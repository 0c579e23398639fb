"""Element-centric similarity (Gates, Wood, Hetrick & Ahn 2019): sorts where a note may sit in
several themes.

Pair-counting measures (adjusted Rand, α over pairs) and the edit distance need each note in
exactly one theme. The element-centric measure does not: for each sort, a random walk from a
note goes to one of the note's themes (each equally likely), then to one of that theme's notes
(each equally likely), and returns to the start with probability ``1 - alpha`` at each step.
Where the walk spends its time (the personalised PageRank of the note) is the sort as that
note sees it. A note's score is how alike the two sorts' walks from it are, ``1 - L1 / (2
alpha)`` (1: identical, 0: nothing shared beyond the note itself); the similarity is the mean
over notes. With one theme per note the walk is closed-form, ``(1 - alpha) I + alpha P``.

The figures are those of the authors' ``clusim`` package (``element_sim``, alpha 0.9); that
package no longer runs on current SciPy for overlapping sorts, so the walk is solved here in
closed form, ``(1 - alpha) (I - alpha P)^-1``, and tested against a power iteration and
hand-worked cases.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

ALPHA = 0.9


def affinity(membership: np.ndarray, alpha: float = ALPHA) -> np.ndarray:
    """The notes × notes personalised-PageRank matrix of one sort.

    ``membership`` is notes × themes, 1 where the note sits in the theme; every note must
    sit in at least one theme. Themes with no note are ignored.

    Examples
    --------
    >>> affinity(np.array([[1], [1]])).round(2).tolist()
    [[0.55, 0.45], [0.45, 0.55]]
    """
    m = np.asarray(membership, dtype=float)
    m = m[:, m.sum(axis=0) > 0]
    to_theme = m / m.sum(axis=1, keepdims=True)
    to_note = m / m.sum(axis=0, keepdims=True)
    step = to_theme @ to_note.T
    n = len(m)
    return (1 - alpha) * np.linalg.inv(np.eye(n) - alpha * step)


def element_scores(first: np.ndarray, second: np.ndarray, alpha: float = ALPHA) -> np.ndarray:
    """Each note's element-centric similarity between two sorts (notes × themes each).

    Examples
    --------
    >>> same = np.array([[1, 0], [1, 0], [0, 1]])
    >>> element_scores(same, same).tolist()
    [1.0, 1.0, 1.0]
    """
    diff = np.abs(affinity(first, alpha) - affinity(second, alpha)).sum(axis=1)
    return 1.0 - diff / (2 * alpha)


def element_centric_similarity(first: pd.DataFrame, second: pd.DataFrame,
                               alpha: float = ALPHA) -> tuple[float, pd.Series]:
    """The mean element-centric similarity of two sorts and each note's score.

    ``first`` and ``second`` are notes × themes boolean frames over the same notes (each note
    in at least one theme in both).

    Examples
    --------
    >>> a = pd.DataFrame({"X": [1, 1, 0], "Y": [0, 0, 1]}, index=["n1", "n2", "n3"])
    >>> b = pd.DataFrame({"X": [1, 1, 1], "Y": [0, 0, 1]}, index=["n1", "n2", "n3"])
    >>> mean, per_note = element_centric_similarity(a, b)
    >>> round(mean, 4), per_note.round(4).tolist()
    (0.5238, [0.5238, 0.5238, 0.5238])
    """
    second = second.reindex(first.index)
    scores = element_scores(first.to_numpy(), second.to_numpy(), alpha)
    per_note = pd.Series(scores, index=first.index, name="element_centric")
    return (float(scores.mean()) if len(scores) else float("nan")), per_note
