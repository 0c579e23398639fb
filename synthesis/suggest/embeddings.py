"""Note vectors that never leave the machine: a packaged static embedding model and TF-IDF.

The embedding model is `wordllama`'s 256-dimension ``l2_supercat``, whose weights and
tokenizer ship inside its PyPI wheel. ``WordLlama.load()`` with its defaults looks for the
packaged tokenizer in the wrong folder and then tries to download it; loading with
``cache_dir`` set to the package's own folder and ``disable_download=True`` finds both files
in the wheel and never opens a connection (``tests/test_suggest_offline.py`` proves it with
the network cut off). TF-IDF (:mod:`.words`) adds the exact words a static model blurs
("VAT", "Xero").

Both kinds of vector are L2-normalised, so a dot product is a cosine similarity.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from ..errors import SynthesisError
from .words import clean, tfidf

MODEL = "l2_supercat"  # the configuration whose files wordllama ships in its wheel
DIMENSIONS = 256
EMBEDDING_WEIGHT = 0.7  # in a blended similarity; TF-IDF gets the rest
_CACHE_LIMIT = 50_000  # texts whose embeddings are kept (about 50 MB at 256 float32)

_lock = threading.Lock()
_model: Any = None
_cache: dict[str, np.ndarray] = {}


def load_model() -> Any:
    """The packaged wordllama model, loaded once per process and never downloaded.

    Raises :class:`~synthesis.SynthesisError` (one sentence) when the installed wordllama
    does not carry its model files.

    Examples
    --------
    >>> load_model().embed(["hello"]).shape
    (1, 256)
    """
    global _model
    with _lock:
        if _model is None:
            # lazy: wordllama adds ~0.5 s (and its model load more); loaded on first use
            import wordllama
            from wordllama import WordLlama

            folder = Path(wordllama.__file__).parent
            try:
                _model = WordLlama.load(config=MODEL, dim=DIMENSIONS, cache_dir=folder,
                                        disable_download=True)
            except (FileNotFoundError, OSError) as exc:
                raise SynthesisError(
                    f"the wordllama package in {folder} does not hold its '{MODEL}' model "
                    f"files ({exc}); reinstall it with `pip install --force-reinstall "
                    "wordllama`.") from exc
        return _model


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length 256-dimension embeddings, one row per text (a blank text gives zeros).

    Embeddings are cached per text, so asking again after one note moved costs nothing.

    Examples
    --------
    >>> v = embed(["The bank link scared me", "Connecting my bank felt risky", "VAT rates"])
    >>> bool(v[0] @ v[1] > v[0] @ v[2])
    True
    """
    cleaned = [clean(t) for t in texts]
    with _lock:
        found = {t: _cache[t] for t in set(cleaned) if t in _cache}
    missing = [t for t in dict.fromkeys(cleaned) if t and t not in found]
    if missing:
        vectors = _unit(np.asarray(load_model().embed(missing, norm=False), dtype=np.float32))
        found.update(zip(missing, vectors))
        with _lock:
            if len(_cache) + len(missing) > _CACHE_LIMIT:
                _cache.clear()
            _cache.update(zip(missing, vectors))
    out = np.zeros((len(cleaned), DIMENSIONS), dtype=np.float32)
    for i, text in enumerate(cleaned):
        if text:
            out[i] = found[text]
    return out


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


@dataclass(frozen=True)
class Vectors:
    """Both kinds of vector for the same texts, row for row.

    ``dense`` are the embeddings, ``words`` the TF-IDF rows; :meth:`similarity` blends the
    two cosine similarities (``weight`` on the embeddings).
    """

    dense: np.ndarray
    words: sparse.csr_matrix

    def __len__(self) -> int:
        return int(self.dense.shape[0])

    def rows(self, index: Sequence[int] | np.ndarray) -> Vectors:
        """The vectors of some rows, in the order given.

        Examples
        --------
        >>> len(vectorise(["a note", "another", "a third"]).rows([2, 0]))
        2
        """
        index = np.asarray(index, dtype=int)
        return Vectors(self.dense[index], self.words[index])

    def similarity(self, other: Vectors, weight: float = EMBEDDING_WEIGHT) -> np.ndarray:
        """Cosine similarity of every row here with every row of ``other`` (dense array).

        Examples
        --------
        >>> v = vectorise(["bank feed broke", "bank feed failed", "VAT return"])
        >>> s = v.similarity(v)
        >>> bool(s[0, 1] > s[0, 2])
        True
        """
        dense = self.dense @ other.dense.T
        words = (self.words @ other.words.T).toarray()
        return weight * dense + (1.0 - weight) * words

    def joined(self, weight: float = EMBEDDING_WEIGHT) -> sparse.csr_matrix:
        """Both vectors side by side, scaled so that inner products are :meth:`similarity`.

        Examples
        --------
        >>> v = vectorise(["bank feed broke", "VAT return"])
        >>> j = v.joined()
        >>> bool(np.allclose((j @ j.T).toarray(), v.similarity(v), atol=1e-6))
        True
        """
        return sparse.hstack([sparse.csr_matrix(self.dense * np.sqrt(weight)),
                              self.words * np.sqrt(1.0 - weight)]).tocsr()


def centre(vectors: Vectors, rows: Sequence[int] | np.ndarray,
           plus: Vectors | None = None, plus_weight: float = 1.0) -> Vectors:
    """One unit-length vector of each kind: the sum of some rows, plus ``plus`` weighted.

    This is a theme's centroid (its notes, plus its name) or a draft's centre.

    Examples
    --------
    >>> v = vectorise(["bank feed", "bank feed broke"])
    >>> round(float(np.linalg.norm(centre(v, [0, 1]).dense)), 6)
    1.0
    """
    index = np.asarray(rows, dtype=int)
    dense = vectors.dense[index].sum(axis=0, keepdims=True).astype(np.float64)
    words = np.asarray(vectors.words[index].sum(axis=0), dtype=np.float64).reshape(1, -1)
    if plus is not None:
        dense = dense + plus_weight * plus.dense.sum(axis=0, keepdims=True)
        words = words + plus_weight * np.asarray(plus.words.sum(axis=0)).reshape(1, -1)
    return Vectors(_unit(dense), sparse.csr_matrix(_unit(words)))


def vectorise(texts: Sequence[str], vocabulary_from: Sequence[str] | None = None) -> Vectors:
    """Embeddings and TF-IDF rows for ``texts`` (see :func:`embed` and
    :func:`~.words.tfidf`, which ``vocabulary_from`` is passed to).

    Examples
    --------
    >>> len(vectorise(["one note", "another note"]))
    2
    """
    cleaned = [clean(t) for t in texts]
    fit = None if vocabulary_from is None else [clean(t) for t in vocabulary_from]
    return Vectors(embed(cleaned), tfidf(cleaned, fit))
