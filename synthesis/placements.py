"""A note's themes in a notes frame: one row per note, or one row per note and theme.

A note can sit in several themes (an unsorted note sits in none). Frames come in two shapes:

- **per note**, as :meth:`synthesis.Study.notes` returns them: one row per note, with
  ``theme_ids`` (a tuple of live theme ids in board order, empty when unsorted) and
  ``themes`` (their names, same order). ``len(notes)`` is the number of notes.
- **per theme**: one row per (note, theme) pair, with ``theme_id`` and ``theme``; an
  unsorted note is one row with ``theme_id`` missing. This is the shape counting per theme
  needs (a note counts in each of its themes), and the shape analysis functions read.

Every function here accepts either shape, so hand-built frames with one ``theme_id`` per
row (one theme per note) work unchanged. This module is the one place that turns one shape
into the other and says what "sorted" means (at least one theme).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import AnalysisError


def _shape(notes: pd.DataFrame) -> str:
    if "theme_ids" in notes.columns:
        return "note"
    if "theme_id" in notes.columns:
        return "theme"
    raise AnalysisError("the notes frame needs the column theme_ids (one row per note, as "
                        "Study.notes() returns it) or theme_id (one row per note and "
                        f"theme); it has {', '.join(map(str, notes.columns)) or 'none'}.")


def notes_by_theme(notes: pd.DataFrame) -> pd.DataFrame:
    """One row per (note, theme): a note in two themes gives two rows, unsorted notes one.

    A frame that already has one row per note and theme (a ``theme_id`` column and no
    ``theme_ids``) comes back as it is.

    Examples
    --------
    >>> notes = pd.DataFrame({"note_id": ["a", "b"], "theme_ids": [("t1", "t2"), ()],
    ...                       "themes": [("Setup", "Pricing"), ()]})
    >>> notes_by_theme(notes)[["note_id", "theme_id"]].values.tolist()
    [['a', 't1'], ['a', 't2'], ['b', nan]]
    """
    if _shape(notes) == "theme":
        return notes
    columns = ["theme_ids", "themes"] if "themes" in notes.columns else ["theme_ids"]
    # explode turns an empty tuple into one row with a missing value: the unsorted note
    out = notes.explode(columns, ignore_index=True)
    out = out.rename(columns={"theme_ids": "theme_id", "themes": "theme"})
    out["theme_id"] = out["theme_id"].astype(object)
    if "theme" in out.columns:
        out["theme"] = out["theme"].astype(object)
    return out


def is_sorted(notes: pd.DataFrame) -> pd.Series:
    """Per row, whether the note sits in at least one theme (per-note frames).

    On a per-theme frame it says whether the row's pair is a placement.

    Examples
    --------
    >>> is_sorted(pd.DataFrame({"theme_ids": [("t1", "t2"), ()]})).tolist()
    [True, False]
    """
    if _shape(notes) == "note":
        return pd.Series([len(t) > 0 for t in notes["theme_ids"]], index=notes.index,
                         dtype=bool)
    return notes["theme_id"].notna()


def sorted_count(notes: pd.DataFrame) -> int:
    """How many distinct notes sit in at least one theme (a note in two themes counts once).

    Examples
    --------
    >>> sorted_count(pd.DataFrame({"note_id": ["a", "a", "b"],
    ...                            "theme_id": ["t1", "t2", None]}))
    1
    """
    if not len(notes):
        return 0
    if _shape(notes) == "note":
        return int(is_sorted(notes).sum())
    return int(notes.loc[notes["theme_id"].notna(), "note_id"].nunique())


def note_count(notes: pd.DataFrame) -> int:
    """How many distinct notes the frame holds, whichever its shape.

    Examples
    --------
    >>> note_count(pd.DataFrame({"note_id": ["a", "a", "b"], "theme_id": ["t1", "t2", None]}))
    2
    """
    return int(notes["note_id"].nunique()) if len(notes) else 0


def in_theme(notes: pd.DataFrame, theme_id: object) -> pd.DataFrame:
    """The notes that sit in one theme (rows of the frame given, in its order).

    Examples
    --------
    >>> notes = pd.DataFrame({"note_id": ["a", "b"], "theme_ids": [("t1", "t2"), ("t2",)]})
    >>> in_theme(notes, "t1")["note_id"].tolist()
    ['a']
    """
    if _shape(notes) == "note":
        mask = np.fromiter((theme_id in t for t in notes["theme_ids"]), dtype=bool,
                           count=len(notes))
        return notes[mask]
    return notes[notes["theme_id"] == theme_id]


def themes_text(names: tuple[str, ...] | list[str], sep: str = "; ") -> str:
    """A note's theme names as one cell: ``"Setup; Pricing"`` ("" when unsorted).

    Examples
    --------
    >>> themes_text(("Setup", "Pricing"))
    'Setup; Pricing'
    """
    return sep.join(str(n) for n in names)
