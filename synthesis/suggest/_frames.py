"""Reading the notes and themes frames the suggestion functions take (one place for both)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ..placements import notes_by_theme


@dataclass(frozen=True)
class NoteTable:
    """The notes as parallel lists: ids, texts and the candidate themes each sits in."""

    ids: list[str]
    texts: list[str]
    themes: list[frozenset[str]]

    def index(self, note_ids: list[str] | None) -> np.ndarray:
        """Row numbers of ``note_ids`` (all rows when None); unknown ids are an error."""
        if note_ids is None:
            return np.arange(len(self.ids))
        where = {nid: i for i, nid in enumerate(self.ids)}
        missing = [n for n in note_ids if n not in where]
        if missing:
            raise AnalysisError(f"there is no note {missing[0]!r} among the notes given.")
        return np.asarray([where[n] for n in note_ids], dtype=int)


def note_table(notes: pd.DataFrame, theme_ids: list[str] | None = None) -> NoteTable:
    """One entry per note, in frame order; themes outside ``theme_ids`` are ignored.

    ``notes`` is either shape :mod:`synthesis.placements` knows (``theme_ids`` tuples, or
    one row per note and theme with ``theme_id``) and needs ``note_id`` and ``text``.
    """
    for column in ("note_id", "text"):
        if column not in notes.columns:
            raise AnalysisError(f"the notes frame needs a {column!r} column.")
    if "theme_ids" not in notes.columns and "theme_id" not in notes.columns:
        notes = notes.assign(theme_ids=[()] * len(notes))
    long = notes_by_theme(notes)
    keep = None if theme_ids is None else set(theme_ids)
    order: dict[str, int] = {}
    texts: list[str] = []
    themes: list[set[str]] = []
    for nid, text, tid in zip(long["note_id"].astype(str), long["text"], long["theme_id"]):
        if nid not in order:
            order[nid] = len(texts)
            texts.append("" if pd.isna(text) else str(text))
            themes.append(set())
        if isinstance(tid, str) and (keep is None or tid in keep):
            themes[order[nid]].add(tid)
    return NoteTable(list(order), texts, [frozenset(t) for t in themes])


def theme_texts(themes: pd.DataFrame) -> tuple[list[str], list[str], list[str]]:
    """Theme ids, names, and the text that describes each (name and description)."""
    for column in ("theme_id", "name"):
        if column not in themes.columns:
            raise AnalysisError(f"the themes frame needs a {column!r} column.")
    ids = [str(t) for t in themes["theme_id"]]
    names = [str(n) for n in themes["name"]]
    if "description" in themes.columns:
        described = ["" if pd.isna(d) else str(d) for d in themes["description"]]
    else:
        described = [""] * len(ids)
    return ids, names, [f"{n}. {d}" if d.strip() else n for n, d in zip(names, described)]
