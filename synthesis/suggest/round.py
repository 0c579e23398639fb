"""Suggestions for one round of a study: "probably goes in…" and draft themes, as frames.

Themes span rounds (the board shows every live theme in each round), so every note sorted
anywhere in the study teaches the model, and the candidates are the live themes; the notes
suggested for are the round's unsorted ones. A round nobody has sorted yet still gets
suggestions from earlier rounds' themes, and draft themes of its own.

Drafts are computed on demand and never stored: a draft reaches the store only when the
researcher accepts it, as a real theme (:meth:`synthesis.Study.create_theme`, one event,
undoable). So no report, export or count can ever include a draft by mistake.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..placements import is_sorted
from .classifier import suggest_themes
from .drafts import draft_themes


@dataclass(frozen=True)
class Suggestions:
    """What :meth:`synthesis.Study.suggest` returns.

    ``suggestions``: one row per unsorted note and suggested theme,
    ``note_id, rank, theme_id, theme, score`` (see
    :func:`~synthesis.suggest.suggest_themes`); ``unsorted``: the note ids suggested for, in
    board order (a note with no candidate theme has no rows but is listed); ``drafts``:
    ``draft, label, words, notes, central_note, size`` (see
    :func:`~synthesis.suggest.draft_themes`), or None when no drafts were asked for.
    """

    suggestions: pd.DataFrame
    unsorted: tuple[str, ...]
    drafts: pd.DataFrame | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape ``synthesis suggest --format json`` prints.

        Examples
        --------
        >>> first = study.suggest("r1").to_dict()["suggestions"][0]
        >>> first["note_id"] == n1, first["themes"][0]["theme"], first["themes"][0]["score"]
        (True, 'Template customisation', 0.4507)
        """
        by_note: dict[str, list[dict[str, Any]]] = {n: [] for n in self.unsorted}
        for row in self.suggestions.sort_values(["rank"], kind="stable").itertuples():
            by_note.setdefault(str(row.note_id), []).append(
                {"theme_id": str(row.theme_id), "theme": str(row.theme),
                 "score": float(row.score)})
        out: dict[str, Any] = {"suggestions": [{"note_id": n, "themes": t}
                                               for n, t in by_note.items()]}
        if self.drafts is not None:
            out["drafts"] = [{"label": str(d.label), "notes": [str(n) for n in d.notes],
                              "central_note": str(d.central_note)}
                             for d in self.drafts.itertuples()]
        return out

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text.

        Examples
        --------
        >>> print(study.suggest("r3").to_json()[:17])
        {
          "suggestions"
        """
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


def suggest_for_round(notes: pd.DataFrame, themes: pd.DataFrame, round: str | None,
                      drafts: int | str | None = None, top: int = 3) -> Suggestions:
    """Suggestions for the unsorted notes of ``round`` (every round when None).

    ``notes`` is every note of the study (``round_id``, ``note_id``, ``text``,
    ``theme_ids``), ``themes`` the live themes. ``drafts``: None for no drafts, a number,
    or ``"auto"`` to estimate how many.

    Examples
    --------
    >>> s = suggest_for_round(study.notes(), study.themes(), "r3", drafts="auto")
    >>> s.drafts[["label", "size"]].head(2)
                              label  size
    0  invoices · accountant · paid    28
    1  people · reminders · clients    17
    """
    in_round = notes if round is None else notes[notes["round_id"] == round]
    unsorted = in_round[~is_sorted(in_round)]
    ids = [str(n) for n in unsorted["note_id"]]
    suggestions = suggest_themes(notes, themes, for_notes=ids, top=top)
    drafted = None
    if drafts is not None:
        drafted = draft_themes(unsorted, None if drafts == "auto" else int(drafts))
    return Suggestions(suggestions, tuple(ids), drafted)
