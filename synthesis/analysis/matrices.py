"""Matrices: who raised what (participant × theme) and which themes travel together.

Both count people the same way :func:`~synthesis.analysis.theme_frequency` does: only
participants in the frame passed (after the ``round`` scope) appear, every one of them as a
row even with nothing sorted, and every live theme as a column even with no notes. Columns
are the themes' display names (a repeated name gets its id appended), in board order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..placements import notes_by_theme
from ._frames import (RoundScope, live_themes, natural_key, notes_in_scope,
                      participants_in_scope, people_by_theme, placed_notes, require,
                      theme_labels)
from .questions import note_questions, theme_by_question

__all__ = ["participant_theme_matrix", "theme_cooccurrence", "theme_by_question",
           "note_questions"]


def participant_theme_matrix(notes: pd.DataFrame, participants: pd.DataFrame | None,
                             themes: pd.DataFrame, round: RoundScope = None,
                             binary: bool = False) -> pd.DataFrame:
    """Notes per participant (rows) and theme (columns); ``binary`` gives 1/0 "raised it".

    With ``participants=None`` the rows are the participants who have a sorted note, in
    natural id order ("p2" before "p10").

    Examples
    --------
    >>> notes = pd.DataFrame({"note_id": ["a", "b", "c"], "participant_id": ["p1", "p1", "p2"],
    ...                       "theme_id": ["t1", "t1", "t2"]})
    >>> themes = pd.DataFrame({"theme_id": ["t1", "t2"], "name": ["Setup", "Pricing"]})
    >>> participant_theme_matrix(notes, None, themes).values.tolist()
    [[2, 0], [0, 1]]
    """
    counts, people, labels = _counts(notes, participants, themes, round)
    if binary:
        counts = (counts > 0).astype(np.int64)
    return pd.DataFrame(counts, index=pd.Index(people, name="participant_id"),
                        columns=pd.Index(labels, name="theme"))


def theme_cooccurrence(notes: pd.DataFrame, participants: pd.DataFrame | None,
                       themes: pd.DataFrame, round: RoundScope = None) -> pd.DataFrame:
    """Participants who raised both themes (a symmetric theme × theme frame).

    The diagonal is the number of participants who raised the theme (its ``k``). Computed
    as BᵀB over the participant × theme "raised it" matrix B.

    Examples
    --------
    >>> notes = pd.DataFrame({"note_id": list("abcd"), "participant_id": ["p1", "p1", "p2", "p2"],
    ...                       "theme_id": ["t1", "t2", "t1", "t2"]})
    >>> themes = pd.DataFrame({"theme_id": ["t1", "t2"], "name": ["Setup", "Pricing"]})
    >>> theme_cooccurrence(notes, None, themes).values.tolist()
    [[2, 2], [2, 2]]
    """
    counts, _, labels = _counts(notes, participants, themes, round)
    raised = (counts > 0).astype(np.float64)
    # float BLAS is exact for counts far beyond any study and much faster than int matmul.
    both = np.rint(raised.T @ raised).astype(np.int64)
    index = pd.Index(labels, name="theme")
    return pd.DataFrame(both, index=index, columns=index.rename("with"))


def _counts(notes: pd.DataFrame, participants: pd.DataFrame | None, themes: pd.DataFrame,
            round: RoundScope) -> tuple[np.ndarray, list[object], list[str]]:
    notes = notes_by_theme(notes)
    require(notes, "notes", ["note_id", "participant_id", "theme_id"])
    live = live_themes(themes)
    labels = theme_labels(live)
    scoped = notes_in_scope(notes, round)
    if participants is None:
        placed = placed_notes(scoped, live)
        people = sorted(placed["participant_id"].dropna().unique(), key=natural_key)
    else:
        people = participants_in_scope(participants, notes, round)["participant_id"].tolist()
    counts, _ = people_by_theme(scoped, people, live["theme_id"].tolist())
    return counts, list(people), labels.loc[live["theme_id"]].tolist()
