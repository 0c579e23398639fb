"""The units agreement is computed on: which notes, which themes, and who applied what.

Every sort arrives as one frame with one row per (note, theme) placement: ``note_id`` and
``theme`` (the theme's name). A theme that exists in a sort but holds no note is a row with
``note_id`` missing, so "a theme neither coder used" is still a theme. The round's notes
(``note_id``, optionally ``text``) are the units: a note no sort placed counts too, as a note
to which no theme applies.

Themes are matched across sorts **by name**: names are compared with runs of white space made
one space and case ignored ("Bank  anxiety" and "bank anxiety" are one theme), and a
``mapping`` renames themes first when two researchers named the same idea differently
(``{"Bank fear": "Bank anxiety"}``). The label shown is the spelling of the first sort that
has the theme. Two themes of one sort with the same name are one theme (a note in either has
it). This module is the one place that decides what "the same theme" means.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ..ingest.tags import tag_key

Sorts = Mapping[str, pd.DataFrame]


def theme_key(name: object) -> str:
    """The form two theme names are compared in: white space collapsed, case ignored.

    The importers' rule (:func:`synthesis.ingest.tags.tag_key`), so a theme imported as
    "bank  Anxiety" and one typed as "Bank anxiety" are one theme everywhere.

    Examples
    --------
    >>> theme_key("  Bank   Anxiety ")
    'bank anxiety'
    """
    return tag_key(str(name))


@dataclass(frozen=True)
class Codings:
    """Who applied which theme to which note: one boolean matrix per sort.

    ``applied[sort]`` is a notes × themes frame (index ``note_id``, columns the theme labels,
    in the same order for every sort) holding True where that sort placed the note in that
    theme. ``notes`` is the units frame as given (``note_id`` and anything else, e.g. text).
    """

    notes: pd.DataFrame
    sorts: tuple[str, ...]
    themes: tuple[str, ...]
    applied: dict[str, pd.DataFrame]

    def matrix(self, sort: str) -> np.ndarray:
        """The sort's notes × themes matrix as 0/1 integers."""
        return self.applied[sort].to_numpy(dtype=np.int64)

    def theme_counts(self, sort: str) -> np.ndarray:
        """How many themes the sort gave each note (0 = unsorted), in note order."""
        return self.matrix(sort).sum(axis=1)


def codings(notes: pd.DataFrame, sorts: Sorts,
            mapping: Mapping[str, str] | None = None) -> Codings:
    """Line the sorts up on the same notes and the same (name-matched) themes.

    Parameters
    ----------
    notes
        The units: one row per note of the round, with ``note_id``.
    sorts
        Sort name -> placements frame (``note_id``, ``theme``; a row with ``note_id``
        missing declares an empty theme). At least two sorts.
    mapping
        Theme name -> the name to compare it under (applied in every sort).

    Examples
    --------
    >>> notes = pd.DataFrame({"note_id": ["n1", "n2"]})
    >>> dana = pd.DataFrame({"note_id": ["n1"], "theme": ["Setup"]})
    >>> lee = pd.DataFrame({"note_id": ["n1", "n2"], "theme": ["setup", "Pricing"]})
    >>> c = codings(notes, {"dana": dana, "lee": lee})
    >>> c.themes, c.applied["lee"].loc["n2"].tolist()
    (('Setup', 'Pricing'), [False, True])
    """
    if len(sorts) < 2:
        raise AnalysisError(f"agreement needs at least two sorts; got {len(sorts)}.")
    if "note_id" not in notes.columns:
        raise AnalysisError("the notes frame needs a note_id column.")
    if notes["note_id"].duplicated().any():
        raise AnalysisError("the notes frame lists a note twice: "
                            f"{notes.loc[notes['note_id'].duplicated(), 'note_id'].iloc[0]!r}.")
    rename = {theme_key(k): v for k, v in (mapping or {}).items()}
    note_ids = pd.Index(notes["note_id"].astype(str), name="note_id")
    labels: dict[str, str] = {}  # key -> the first spelling met
    pairs: dict[str, pd.DataFrame] = {}
    for sort, frame in sorts.items():
        missing = [c for c in ("note_id", "theme") if c not in frame.columns]
        if missing:
            raise AnalysisError(f"the placements of sort {sort!r} need the column(s) "
                                f"{', '.join(missing)}.")
        names = [rename.get(theme_key(t), t) for t in frame["theme"]]
        keys = [theme_key(n) for n in names]
        for key, name in zip(keys, names):
            labels.setdefault(key, " ".join(str(name).split()))
        placed = pd.DataFrame({"note_id": frame["note_id"], "key": keys}).dropna()
        placed["note_id"] = placed["note_id"].astype(str)
        unknown = sorted(set(placed["note_id"]) - set(note_ids))
        if unknown:
            raise AnalysisError(f"sort {sort!r} places {len(unknown)} note(s) that are not "
                                f"among the notes compared, e.g. {unknown[0]!r}.")
        pairs[sort] = placed.drop_duplicates()
    themes = tuple(labels.values())
    keys = list(labels)
    applied = {}
    for sort, placed in pairs.items():
        matrix = np.zeros((len(note_ids), len(keys)), dtype=bool)
        rows = note_ids.get_indexer(placed["note_id"])
        cols = pd.Index(keys).get_indexer(placed["key"])
        matrix[rows, cols] = True
        applied[sort] = pd.DataFrame(matrix, index=note_ids, columns=list(themes))
    return Codings(notes=notes.reset_index(drop=True), sorts=tuple(sorts), themes=themes,
                   applied=applied)


def single_labels(c: Codings, sorts: Sequence[str]) -> tuple[pd.DataFrame, dict[str, int]]:
    """The notes every given sort placed in exactly one theme, with that theme per sort.

    Returns a frame (index ``note_id``, one column per sort holding the theme label) and the
    count of notes left out, by reason: ``unsorted`` (no theme in at least one sort) and
    ``several_themes`` (placed by all, but in more than one theme by at least one).

    Examples
    --------
    >>> notes = pd.DataFrame({"note_id": ["n1", "n2", "n3"]})
    >>> a = pd.DataFrame({"note_id": ["n1", "n2", "n2"], "theme": ["X", "X", "Y"]})
    >>> b = pd.DataFrame({"note_id": ["n1", "n2"], "theme": ["X", "Y"]})
    >>> labels, left_out = single_labels(codings(notes, {"a": a, "b": b}), ["a", "b"])
    >>> labels.index.tolist(), left_out
    (['n1'], {'unsorted': 1, 'several_themes': 1})
    """
    counts = np.column_stack([c.theme_counts(s) for s in sorts])
    unsorted = (counts == 0).any(axis=1)
    several = ~unsorted & (counts > 1).any(axis=1)
    keep = ~unsorted & ~several
    themes = np.array(c.themes, dtype=object)
    out = pd.DataFrame(index=c.applied[sorts[0]].index[keep])
    for s in sorts:
        out[s] = themes[c.matrix(s)[keep].argmax(axis=1)] if keep.any() else []
    return out, {"unsorted": int(unsorted.sum()), "several_themes": int(several.sum())}
