"""Draft themes for notes nobody has sorted yet: clusters with a label and a central note.

Notes are compared on the blend of embedding and TF-IDF similarity that :mod:`.embeddings`
gives. With both vectors unit-length the blend is the inner product of the two vectors
side by side (:meth:`~.embeddings.Vectors.joined`), so ``sqrt(2 - 2·similarity)`` is a true
Euclidean distance and both Ward's agglomerative clustering and k-means apply.

Two groupings are made and the one whose notes sit better in their own draft than in the
next (the higher silhouette) is kept: Ward's tree, which keeps small tight groups, and
k-means (four k-means++ starts, fixed seed), which finds broad groups better on short, similar
notes. Neither wins everywhere (bench/results/suggest.md has both on two studies), and the
silhouette needs no human themes to choose. With no number given, the number of drafts is
the Ward cut with the best silhouette between ``sqrt(notes) / 2`` and ``sqrt(notes)`` (10 to
20 for 400 notes): the silhouette alone favours two or three huge drafts, which sort
nothing, and a board with more columns than that is no longer a summary.

Drafts are suggestions only: nothing here writes, and a draft becomes a theme only when the
researcher accepts it (:meth:`synthesis.Study.create_theme`).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ._frames import note_table
from .embeddings import Vectors, centre, vectorise
from .labels import distinctive_words, label

_COLUMNS = ["draft", "label", "words", "notes", "central_note", "size"]
MAX_DRAFTS = 40
WORD_COMPONENTS = 100


def draft_themes(notes: pd.DataFrame, drafts: int | None = None) -> pd.DataFrame:
    """Group ``notes`` into ``drafts`` draft themes (None: estimate how many).

    Parameters
    ----------
    notes
        ``note_id`` and ``text`` of the notes to group (any themes they have are ignored).
    drafts
        How many drafts; None estimates it (see the module docstring). More drafts than
        notes is capped at one per note.

    Returns
    -------
    DataFrame ``draft, label, words, notes, central_note, size``, largest draft first and
    ``draft`` numbered 1, 2... in that order. ``notes`` is a tuple of note ids, most
    central first; ``central_note`` is the note closest to the draft's centre; ``words``
    the distinctive words ``label`` joins. Every note is in exactly one draft.

    Examples
    --------
    >>> notes = pd.DataFrame({"note_id": list("abcd"), "text": [
    ...     "The bank feed broke", "Bank feed failed again", "VAT return was confusing",
    ...     "VAT rates confuse me"]})
    >>> draft_themes(notes, drafts=2)["notes"].tolist()
    [('b', 'a'), ('d', 'c')]
    """
    table = note_table(notes)
    n = len(table.ids)
    if drafts is not None and drafts < 1:
        raise AnalysisError(f"the number of drafts must be at least 1, not {drafts}.")
    if n == 0:
        return pd.DataFrame(columns=_COLUMNS)
    vectors = vectorise(table.texts)
    groups = cluster(vectors, drafts)
    return _describe(table.ids, table.texts, vectors, groups)


def cluster(vectors: Vectors, drafts: int | None = None) -> np.ndarray:
    """A draft number (0-based) per row of ``vectors``; None estimates the number of drafts.

    Examples
    --------
    >>> cluster(vectorise(["bank feed", "bank feed broke", "VAT", "VAT rates"]), 2).tolist()
    [0, 0, 1, 1]
    """
    n = len(vectors)
    if n == 1:
        return np.zeros(1, dtype=int)
    if drafts is not None and drafts >= n:
        return np.arange(n)
    # lazy: scipy's clustering adds ~0.6 s; suggestions without drafts never load it
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distance = _distances(vectors)
    tree = linkage(squareform(distance, checks=False), method="ward")
    if drafts is None:
        drafts = _estimate(tree, distance, n)
    ward = fcluster(tree, t=drafts, criterion="maxclust")
    means = _kmeans(vectors, drafts)
    labels = means if silhouette(distance, means) > silhouette(distance, ward) else ward
    # Number drafts by first appearance, so the result does not depend on scipy's ids.
    _, first = np.unique(labels, return_index=True)
    order = {labels[i]: k for k, i in enumerate(sorted(first))}
    return np.array([order[v] for v in labels])


def _kmeans(vectors: Vectors, drafts: int) -> np.ndarray:
    from sklearn.cluster import KMeans  # lazy: scikit-learn's clustering adds ~2 s

    model = KMeans(n_clusters=drafts, n_init=4, random_state=0)
    return model.fit_predict(_points(vectors)) + 1


def _points(vectors: Vectors, components: int = WORD_COMPONENTS) -> np.ndarray:
    """The joined vectors as dense points for k-means; a large TF-IDF vocabulary is first
    reduced to its ``components`` main directions (truncated SVD), which keeps k-means on
    2,000 notes to a second instead of twenty."""
    joined = vectors.joined()
    width = vectors.dense.shape[1]
    words = joined[:, width:]
    if words.shape[1] > 3 * components and len(vectors) > components:
        from sklearn.decomposition import TruncatedSVD  # lazy: adds ~1.5 s, large rounds only

        reduced = TruncatedSVD(n_components=components, random_state=0).fit_transform(words)
    else:
        reduced = words.toarray()
    return np.hstack([joined[:, :width].toarray(), reduced])


def _distances(vectors: Vectors) -> np.ndarray:
    similarity = vectors.similarity(vectors)
    norms = np.diag(similarity).copy()
    squared = norms[:, None] + norms[None, :] - 2.0 * similarity
    distance = np.sqrt(np.maximum(squared, 0.0))
    np.fill_diagonal(distance, 0.0)
    return (distance + distance.T) / 2.0  # exact symmetry for squareform


def _estimate(tree: np.ndarray, distance: np.ndarray, n: int) -> int:
    """The number of drafts, from sqrt(n)/2 to sqrt(n), with the best silhouette."""
    from scipy.cluster.hierarchy import fcluster  # lazy: ~0.6 s, drafts only (see above)

    lower = max(2, math.ceil(math.sqrt(n) / 2))
    upper = max(lower, min(MAX_DRAFTS, math.isqrt(n), n - 1))
    best, best_score = lower, -np.inf
    for k in range(lower, upper + 1):
        labels = fcluster(tree, t=k, criterion="maxclust")
        score = silhouette(distance, labels)
        if score > best_score + 1e-9:
            best, best_score = k, score
    return best


def silhouette(distance: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette of a clustering from a square distance matrix (singletons count 0).

    Examples
    --------
    >>> d = np.array([[0, 1, 4, 4], [1, 0, 4, 4], [4, 4, 0, 1], [4, 4, 1, 0]], float)
    >>> silhouette(d, np.array([1, 1, 2, 2]))
    0.75
    """
    values = np.unique(labels)
    if len(values) < 2:
        return 0.0
    members = labels[:, None] == values[None, :]  # notes x clusters
    sizes = members.sum(axis=0)
    totals = distance @ members  # summed distance from each note to each cluster
    own = members.argmax(axis=1)
    own_size = sizes[own]
    a = totals[np.arange(len(labels)), own] / np.maximum(own_size - 1, 1)
    mean_to = totals / sizes[None, :]
    mean_to[members] = np.inf
    b = mean_to.min(axis=1)
    s = np.where(own_size > 1, (b - a) / np.maximum(np.maximum(a, b), 1e-12), 0.0)
    return float(s.mean())


def _describe(ids: list[str], texts: list[str], vectors: Vectors, groups: np.ndarray
              ) -> pd.DataFrame:
    count = int(groups.max()) + 1
    members = [np.flatnonzero(groups == g) for g in range(count)]
    words = distinctive_words([[texts[i] for i in rows] for rows in members])
    rows = []
    for g, index in enumerate(members):
        part = vectors.rows(index)
        closeness = part.similarity(centre(part, np.arange(len(part))))[:, 0]
        ordered = index[np.argsort(-closeness, kind="stable")]
        note_ids = tuple(ids[i] for i in ordered)
        rows.append((label(words[g]) or f"draft {g + 1}", tuple(words[g]), note_ids,
                     note_ids[0], len(note_ids)))
    rows.sort(key=lambda r: -r[4])  # stable: ties keep first-appearance order
    frame = pd.DataFrame(rows, columns=_COLUMNS[1:])
    frame.insert(0, "draft", range(1, len(frame) + 1))
    return frame
