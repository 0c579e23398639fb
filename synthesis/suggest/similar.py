"""Similar notes: for a selected note or theme, the notes most like it, to drag in together."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ._frames import note_table, theme_texts
from .classifier import NAME_WEIGHT
from .embeddings import centre, vectorise

_COLUMNS = ["note_id", "rank", "score"]


def similar_notes(notes: pd.DataFrame, *, note: str | None = None, theme: str | None = None,
                  themes: pd.DataFrame | None = None, among: list[str] | None = None,
                  top: int = 10) -> pd.DataFrame:
    """The ``top`` notes most similar to one note, or to one theme, best first.

    Parameters
    ----------
    notes
        ``note_id``, ``text`` and the notes' themes (``theme_ids`` or ``theme_id``), as
        :meth:`synthesis.Study.notes` gives them.
    note, theme
        What to compare with: a note id, or a theme id (exactly one of them). A theme is
        its notes and its name (``themes`` gives the names; without it, its notes alone).
    among
        The candidate notes (default: every unsorted note). The note itself, and for a
        theme its own notes, are never candidates.

    Returns
    -------
    DataFrame ``note_id, rank, score`` (``score``: cosine similarity blending embeddings
    and TF-IDF, 1 for the same text).

    Examples
    --------
    >>> notes = pd.DataFrame({"note_id": list("abc"), "theme_ids": [(), (), ()],
    ...     "text": ["The bank feed broke", "Bank feed failed again", "VAT is confusing"]})
    >>> similar_notes(notes, note="a", top=1)["note_id"].tolist()
    ['b']
    """
    if (note is None) == (theme is None):
        raise AnalysisError("similar notes need exactly one of a note or a theme.")
    extra: list[str] = []
    if theme is not None and themes is not None:
        ids, _, described = theme_texts(themes)
        if theme in ids:
            extra = [described[ids.index(theme)]]
    table = note_table(notes)
    every = table.texts + extra
    vectors = vectorise(every, vocabulary_from=every)
    candidates = (np.flatnonzero([not t for t in table.themes]) if among is None
                  else table.index([str(n) for n in among]))
    if note is not None:
        query_rows = table.index([str(note)])
    else:
        query_rows = np.flatnonzero([theme in t for t in table.themes])
        if not len(query_rows) and not extra:
            raise AnalysisError(f"there is no theme {theme!r} with notes or a name to "
                                "compare with.")
    candidates = np.setdiff1d(candidates, query_rows, assume_unique=False)
    if not len(candidates):
        return pd.DataFrame(columns=_COLUMNS)
    name = vectors.rows([len(table.ids)]) if extra else None
    query = centre(vectors, query_rows, plus=name, plus_weight=NAME_WEIGHT)
    scores = vectors.rows(candidates).similarity(query)[:, 0]
    best = np.argsort(-scores, kind="stable")[:top]
    return pd.DataFrame({"note_id": [table.ids[candidates[i]] for i in best],
                         "rank": range(1, len(best) + 1),
                         "score": np.round(scores[best].astype(float), 4)})
