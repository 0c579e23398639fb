"""Why a theme is suggested: the note already in it that is most like the suggested note.

A score alone asks the researcher to trust the model; the closest note already sorted into
the theme lets them judge for themselves ("suggested because it is like: 'The bank feed
broke twice'"). The similarity is the embeddings' cosine, the model's own main feature.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._frames import note_table
from .embeddings import embed

_COLUMNS = ["note_id", "theme_id", "like_note", "like_score"]


def closest_members(notes: pd.DataFrame, suggestions: pd.DataFrame) -> pd.DataFrame:
    """For each suggested (note, theme) pair, the theme's note most like the note.

    Parameters
    ----------
    notes
        Every note of the study (``note_id``, ``text``, ``theme_ids``), as
        :meth:`synthesis.Study.notes` gives them.
    suggestions
        ``note_id, theme_id`` pairs (as :func:`~synthesis.suggest.suggest_themes` returns).

    Returns
    -------
    DataFrame ``note_id, theme_id, like_note, like_score``, one row per pair whose theme
    holds at least one note (a theme suggested by its name alone has no row).

    Examples
    --------
    >>> notes = pd.DataFrame({"note_id": ["a", "b", "c"], "theme_ids": [("t",), ("t",), ()],
    ...     "text": ["The bank feed broke", "VAT is confusing", "Bank feed failed again"]})
    >>> pairs = pd.DataFrame({"note_id": ["c"], "theme_id": ["t"]})
    >>> closest_members(notes, pairs)["like_note"].tolist()
    ['a']
    """
    if suggestions.empty:
        return pd.DataFrame(columns=_COLUMNS)
    table = note_table(notes)
    vectors = embed(table.texts)  # cached per text: the suggestions just embedded them
    row_of = {nid: i for i, nid in enumerate(table.ids)}
    members: dict[str, list[int]] = {}
    for i, themes in enumerate(table.themes):
        for tid in themes:
            members.setdefault(tid, []).append(i)
    out: list[tuple[str, str, str, float]] = []
    pairs = suggestions[["note_id", "theme_id"]].astype(str)
    for tid, group in pairs.groupby("theme_id", sort=False):
        inside = np.asarray(members.get(str(tid), []), dtype=int)
        asked = [n for n in group["note_id"] if n in row_of]
        if not len(inside) or not asked:
            continue
        rows = np.asarray([row_of[n] for n in asked], dtype=int)
        sims = vectors[rows] @ vectors[inside].T
        best = sims.argmax(axis=1)
        for k, nid in enumerate(asked):
            out.append((nid, str(tid), table.ids[inside[best[k]]],
                        round(float(sims[k, best[k]]), 4)))
    return pd.DataFrame(out, columns=_COLUMNS)
