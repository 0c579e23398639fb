"""The notes sorts place differently: the queue a team works through to settle a round.

A note is a disagreement when the sorts compared do not give it the same set of themes
(matched by name, :mod:`.units`): one left it unsorted and another did not, or their themes
differ in any way. Each row carries every sort's themes, so a reviewer sees each researcher's
choice, and a ``theme_pair`` label ("Setup → Pricing") to group the queue by.
"""

from __future__ import annotations

import pandas as pd

from ..placements import themes_text
from .units import Codings

UNSORTED = "(unsorted)"


def disagreements(c: Codings) -> pd.DataFrame:
    """One row per note the sorts place differently, in the notes' order.

    Columns: ``note_id`` (+ ``text`` when the notes frame has it), ``themes[<sort>]`` per
    sort (a tuple of theme labels, empty when unsorted) and ``theme_pair`` (each sort's
    themes joined by "; ", "(unsorted)" for none, sorts separated by " → ").

    Examples
    --------
    >>> from synthesis.agreement.units import codings
    >>> notes = pd.DataFrame({"note_id": ["n1", "n2"]})
    >>> dana = pd.DataFrame({"note_id": ["n1", "n2"], "theme": ["Setup", "Setup"]})
    >>> lee = pd.DataFrame({"note_id": ["n1"], "theme": ["Pricing"]})
    >>> disagreements(codings(notes, {"dana": dana, "lee": lee}))["theme_pair"].tolist()
    ['Setup → Pricing', 'Setup → (unsorted)']
    """
    themes = list(c.themes)
    per_sort = {s: [tuple(t for t, on in zip(themes, row) if on)
                    for row in c.matrix(s).astype(bool)] for s in c.sorts}
    keys = [frozenset(v) for v in per_sort[c.sorts[0]]]
    differ = [any(frozenset(per_sort[s][i]) != keys[i] for s in c.sorts[1:])
              for i in range(len(keys))]
    out = c.notes.loc[differ, [col for col in ("note_id", "text") if col in c.notes.columns]]
    out = out.assign(note_id=out["note_id"].astype(str)).reset_index(drop=True)
    rows = [i for i, d in enumerate(differ) if d]
    for s in c.sorts:
        out[f"themes[{s}]"] = pd.Series([per_sort[s][i] for i in rows], dtype=object)
    out["theme_pair"] = [" → ".join(themes_text(per_sort[s][i]) or UNSORTED for s in c.sorts)
                         for i in rows]
    return out
